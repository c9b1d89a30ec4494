"""The long-running scheduler process (built in the scheduling issue)."""

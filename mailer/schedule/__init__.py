"""When things run: the jobs the scheduler triggers, the single-leader lock, a signal-safe stop."""

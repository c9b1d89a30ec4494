"""Pleinpost's mailer: campaigns, rendering, the outbox, transports, scheduling."""

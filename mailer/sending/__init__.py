"""Sending: compose each message, hand batches to a transport, record what came back, retry."""

"""Tests of reading and storing inbound mail."""

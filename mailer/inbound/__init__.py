"""Mail that comes back: replies, bounces, auto-replies and calendar answers.

Every message is stored raw before anything reads it (``intake``); the
reading steps are small modules with one job each.
"""

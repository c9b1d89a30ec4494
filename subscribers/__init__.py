"""Who gets mail: organisations, contacts, segments, import/export, privacy.

Knows nothing of campaigns: ``mailer`` imports from here, never the reverse.
"""

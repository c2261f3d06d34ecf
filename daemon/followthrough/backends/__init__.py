"""Backends: read mail and calendars from accounts and save drafts, speaking only model records."""

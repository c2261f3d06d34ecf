"""Drafts handed over: approval, sending (SMTP, sendmail), review."""

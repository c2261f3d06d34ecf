"""The SQLite ledger: connection and migrations, asks, threads, follow-ups, relations."""

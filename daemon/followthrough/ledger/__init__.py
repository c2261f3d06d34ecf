"""The SQLite ledger: one ``Ledger`` of mixins (asks, threads, follow-ups, incoming
asks, detection labels, relations) over one connection, and its migrations."""

from followthrough.ledger.db import Ledger

__all__ = ["Ledger"]

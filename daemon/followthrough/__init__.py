"""followthrough: make sure the help you asked for actually happens."""

from __future__ import annotations

__version__ = "0.1.0"

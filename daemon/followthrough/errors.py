"""The one error hierarchy. Library code raises these; only the CLI prints them."""

from __future__ import annotations

from collections.abc import Iterable


class FollowthroughError(Exception):
    """A problem the user can act on. Carries a list of problems, printed as bullets."""

    exit_code = 1

    def __init__(self, message: str, problems: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems)

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        return self.message + "\n" + "\n".join(f"  - {p}" for p in self.problems)


class ConfigError(FollowthroughError):
    exit_code = 2


class BackendError(FollowthroughError):
    """A backend could not read or write. ``transient`` errors are worth retrying later."""

    exit_code = 3

    def __init__(self, message: str, problems: Iterable[str] = (), *, transient: bool) -> None:
        super().__init__(message, problems)
        self.transient = transient


class LedgerError(FollowthroughError):
    exit_code = 4


class TemplateError(FollowthroughError):
    exit_code = 5


class UsageError(FollowthroughError):
    """The command line asked for something that does not exist (an unknown ask id, say)."""

    exit_code = 6


class LockedError(FollowthroughError):
    """Another pass holds the ledger's lock."""

    exit_code = 7

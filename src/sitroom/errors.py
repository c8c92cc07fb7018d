"""sitroom's one exception hierarchy.

Messages say what was wrong, with which input, and what to do about it.
Library code raises these; only the CLI turns them into exit statuses.
"""

from __future__ import annotations


class SitroomError(Exception):
    """Base class of every error sitroom raises on purpose."""


class ConfigError(SitroomError):
    """A setting is missing or has a value sitroom cannot use."""


class InputError(SitroomError):
    """An input file, row or value cannot be used.

    ``source`` names the input (a path, optionally with a line number) so that
    the message points the user at the exact place to fix.
    """

    def __init__(self, source: str, problem: str, *, line: int | None = None) -> None:
        self.source = source
        self.problem = problem
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {problem}")


class UnsupportedInputError(InputError):
    """The input is of a kind sitroom does not read (binary, unknown extension, too large)."""


class StoreError(SitroomError):
    """The event store cannot be opened, migrated or written."""


class DataPackError(SitroomError):
    """A packaged data file (gazetteer, actor dictionary, taxonomy) is missing or invalid."""


class NotFoundError(SitroomError):
    """A requested record (document, event, mention) does not exist."""


class ConflictError(SitroomError):
    """A change was made on a stale version of a record; ``current`` holds the stored version number."""

    def __init__(self, message: str, *, current: int | None = None) -> None:
        self.current = current
        super().__init__(message)


class AuthError(SitroomError):
    """A login failed, or the request's account may not do what it asked."""


class ThrottledError(AuthError):
    """Too many failed logins for this account or address; ``retry_after`` is in seconds."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(message)


class PermissionDeniedError(AuthError):
    """The account is logged in but its role may not do this."""
class VersionConflictError(StoreError):
    """A row changed since the caller read it (optimistic versioning): reload it and apply the change again."""


class PipelineError(SitroomError):
    """An extraction pipeline is built or run wrongly: an unknown component, one listed before the
    layers it requires, or a layer assigned twice."""

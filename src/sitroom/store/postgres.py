"""The PostgreSQL backend (psycopg 3): a server named by a ``postgresql://`` URL.

Writers are serialised by a transaction-scoped advisory lock (as SQLite's BEGIN IMMEDIATE
serialises them), so the read model's refresh never races another writer; readers use
REPEATABLE READ transactions, so a multi-query read sees one snapshot.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sitroom.errors import StoreError
from sitroom.store.dialect import POSTGRES, Database, Row
from sitroom.store.sql_repository import SqlRepository

WRITE_LOCK_KEY = 7_461_230_101  # pg_advisory_xact_lock key every sitroom writer takes
CONNECT_TIMEOUT_S = 10


def redact(url: str) -> str:
    """Return ``url`` without its password (for messages)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))


def _row_factory(cursor: Any) -> Any:
    description = cursor.description
    if description is None:
        return tuple
    names = {}
    for index, column in enumerate(description):
        names.setdefault(column.name, index)  # the first of two same-named columns, as sqlite3.Row
    return lambda values: Row(names, values)


def _numeric_loader() -> Any:
    """Return a loader giving int for whole numerics (SUM of integers) and float otherwise."""
    from decimal import Decimal

    from psycopg.adapt import Loader

    class WholeNumberLoader(Loader):
        def load(self, data: Any) -> Any:
            value = Decimal(bytes(data).decode("ascii"))
            return int(value) if value == value.to_integral_value() else float(value)

    return WholeNumberLoader


def connect_postgres(url: str) -> Database:
    """Return an autocommit psycopg connection to ``url`` as a Database; StoreError if it fails."""
    try:
        import psycopg
    except ImportError:
        raise StoreError(f"{redact(url)}: PostgreSQL needs psycopg: pip install 'sitroom[postgres]'") from None
    try:
        # prepare_threshold=None: every statement is planned for its own values. psycopg otherwise
        # prepares a statement on its 5th run and PostgreSQL may then switch to a generic plan,
        # blind to the values: a date-range page went from 0.5 ms to 270 ms at 1,000,000 events.
        raw = psycopg.connect(url, autocommit=True, row_factory=_row_factory, connect_timeout=CONNECT_TIMEOUT_S,
                              prepare_threshold=None)  # fmt: skip
    except psycopg.Error as error:
        raise StoreError(f"{redact(url)}: cannot connect to PostgreSQL ({str(error).strip()})") from error
    raw.adapters.register_loader("numeric", _numeric_loader())
    return Database(raw, POSTGRES, redact(url))


class PostgresBackend:
    """Connections and transactions of one PostgreSQL database."""

    shared_writer = False

    def __init__(self, url: str) -> None:
        import psycopg

        self.url = url
        self.location = url
        self.label = redact(url)
        self.errors = (psycopg.Error,)

    def connect(self) -> Database:
        return connect_postgres(self.url)

    def begin_write(self, database: Database) -> None:
        database.execute("BEGIN")
        database.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK_KEY,))

    def begin_read(self, database: Database) -> None:
        database.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")


class PostgresRepository(SqlRepository):
    """Repository backed by a PostgreSQL database (created tables on first open, like SQLite)."""

    def __init__(self, url: str) -> None:
        """Connect to ``url`` and migrate; StoreError if the server cannot be reached or migrated."""
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise StoreError(f"{redact(url)}: PostgreSQL needs psycopg: pip install 'sitroom[postgres]'") from None
        super().__init__(PostgresBackend(url))

"""Accounts, login attempts and server secrets in the store (mixed into the repository).

The methods use the repository's ``_transaction()`` and ``_read()`` and plain parameterised
SQL that runs on SQLite and PostgreSQL alike. Passwords arrive here already hashed.
"""

from __future__ import annotations

from typing import Any, Callable

from sitroom.errors import NotFoundError, StoreError
from sitroom.store import rows
from sitroom.store.review_records import ROLES, Account


def _account(row: Any) -> Account:
    return Account(
        id=int(row["id"]), username=row["username"], role=row["role"], password_hash=row["password_hash"],
        disabled=bool(row["disabled"]), auth_version=int(row["auth_version"]),
        created_at=row["created_at"], updated_at=row["updated_at"],
    )  # fmt: skip


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise StoreError(f"role {role!r} is not one of {', '.join(ROLES)}")


class AccountStore:
    """Repository methods for accounts, login throttling records and server secrets."""

    def create_account(self, username: str, role: str, password_hash: str) -> Account:
        """Store a new account; StoreError if the name is taken or the role unknown."""
        _check_role(role)
        name = username.strip().casefold()
        now = rows.utc_now()
        with self._transaction() as connection:  # type: ignore[attr-defined]
            if connection.execute("SELECT 1 FROM accounts WHERE username = ?", (name,)).fetchone():
                raise StoreError(f"account {name!r} already exists; use `sitroom user reset` to change it")
            connection.execute(
                "INSERT INTO accounts (username, role, password_hash, disabled, auth_version, created_at, updated_at)"
                " VALUES (?, ?, ?, 0, 1, ?, ?)",
                (name, role, password_hash, now, now),
            )
            row = connection.execute("SELECT * FROM accounts WHERE username = ?", (name,)).fetchone()
        return _account(row)

    def find_account(self, username: str) -> Account | None:
        """Return the account of this (case-insensitive) name, or None."""
        with self._read() as connection:  # type: ignore[attr-defined]
            row = connection.execute(
                "SELECT * FROM accounts WHERE username = ?", (username.strip().casefold(),)
            ).fetchone()
        return _account(row) if row else None

    def account_by_id(self, account_id: int) -> Account | None:
        """Return the account with this id, or None."""
        with self._read() as connection:  # type: ignore[attr-defined]
            row = connection.execute("SELECT * FROM accounts WHERE id = ?", (int(account_id),)).fetchone()
        return _account(row) if row else None

    def list_accounts(self) -> list[Account]:
        """Return every account, by name."""
        with self._read() as connection:  # type: ignore[attr-defined]
            found = connection.execute("SELECT * FROM accounts ORDER BY username").fetchall()
        return [_account(row) for row in found]

    def count_accounts(self, active_only: bool = True) -> int:
        """Return how many accounts exist (only those not disabled, by default)."""
        sql = "SELECT COUNT(*) FROM accounts" + (" WHERE disabled = 0" if active_only else "")
        with self._read() as connection:  # type: ignore[attr-defined]
            return int(connection.execute(sql).fetchone()[0])

    def update_account(
        self, username: str, *, password_hash: str | None = None, disabled: bool | None = None, role: str | None = None
    ) -> Account:
        """Change an account's password, disabled flag or role; every change ends its sessions."""
        if role is not None:
            _check_role(role)
        name = username.strip().casefold()
        with self._transaction() as connection:  # type: ignore[attr-defined]
            row = connection.execute("SELECT * FROM accounts WHERE username = ?", (name,)).fetchone()
            if row is None:
                raise NotFoundError(f"account {name!r} does not exist; `sitroom user list` shows the accounts")
            connection.execute(
                "UPDATE accounts SET password_hash = ?, disabled = ?, role = ?, auth_version = auth_version + 1,"
                " updated_at = ? WHERE id = ?",
                (
                    password_hash or row["password_hash"], int(row["disabled"] if disabled is None else disabled),
                    role or row["role"], rows.utc_now(), row["id"],
                ),
            )  # fmt: skip
            row = connection.execute("SELECT * FROM accounts WHERE id = ?", (row["id"],)).fetchone()
        return _account(row)

    def record_login_attempt(self, username: str, address: str, succeeded: bool, at: str) -> None:
        """Record one login attempt (``at`` is ISO UTC text)."""
        with self._transaction() as connection:  # type: ignore[attr-defined]
            connection.execute(
                "INSERT INTO login_attempts (username, address, at, succeeded) VALUES (?, ?, ?, ?)",
                (username.strip().casefold(), address, at, int(succeeded)),
            )

    def count_failed_logins(self, since: str, *, username: str | None = None, address: str | None = None) -> int:
        """Return failed attempts at or after ``since`` for the account, or the address, after its last success."""
        column, value = ("username", username.strip().casefold()) if username is not None else ("address", address)
        if value is None:
            raise StoreError("count_failed_logins needs a username or an address")
        with self._read() as connection:  # type: ignore[attr-defined]
            last_ok = connection.execute(
                f"SELECT MAX(at) FROM login_attempts WHERE {column} = ? AND succeeded = 1", (value,)
            ).fetchone()[0]
            start = max(since, last_ok) if last_ok and column == "username" else since
            found = connection.execute(
                f"SELECT COUNT(*) FROM login_attempts WHERE {column} = ? AND succeeded = 0 AND at >= ?", (value, start)
            ).fetchone()
        return int(found[0])

    def server_secret(self, name: str, make: Callable[[], str]) -> str:
        """Return the stored secret ``name``, creating it with ``make()`` the first time."""
        with self._transaction() as connection:  # type: ignore[attr-defined]
            row = connection.execute("SELECT value FROM server_secrets WHERE name = ?", (name,)).fetchone()
            if row is not None:
                return row["value"]
            value = make()
            connection.execute(
                "INSERT INTO server_secrets (name, value, created_at) VALUES (?, ?, ?)", (name, value, rows.utc_now())
            )
            return value

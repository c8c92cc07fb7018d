"""Accounts and roles: add, disable, reset, authenticate (with throttling), and what each role may do.

Roles, from least to most: viewer (reads), analyst (corrects fields, merges, splits, sends back),
reviewer (also accepts, finalises, rejects, reopens), admin (everything, and accounts).
"""

from __future__ import annotations

import datetime as dt
import secrets
from functools import lru_cache

from sitroom.auth.passwords import hash_password, needs_rehash, verify_password
from sitroom.config import Settings
from sitroom.errors import AuthError, InputError, ThrottledError
from sitroom.store.review_records import ROLES, Account

ROLE_RANK = {"viewer": 0, "analyst": 1, "reviewer": 2, "admin": 3}


@lru_cache(maxsize=1)
def _unknown_account_hash() -> str:
    """A hash of a random password, verified for unknown names so they take as long as a wrong password."""
    return hash_password(secrets.token_urlsafe(16))


def role_allows(role: str, needed: str) -> bool:
    """Return True if ``role`` has at least the rights of ``needed``."""
    return ROLE_RANK.get(role, -1) >= ROLE_RANK[needed]


def _check_username(username: str) -> str:
    name = username.strip().casefold()
    if not name or len(name) > 64 or any(ch.isspace() for ch in name):
        raise InputError("username", f"{username!r} must be 1-64 characters without spaces")
    return name


def add_user(repository, username: str, role: str, password: str) -> Account:
    """Create an account with an argon2 hash of ``password``; InputError for a bad name, role or password."""
    if role not in ROLES:
        raise InputError("role", f"{role!r} is not one of {', '.join(ROLES)}")
    return repository.create_account(_check_username(username), role, hash_password(password))


def disable_user(repository, username: str) -> Account:
    """Disable an account: it can no longer log in and its sessions end."""
    return repository.update_account(_check_username(username), disabled=True)


def enable_user(repository, username: str) -> Account:
    """Enable a disabled account again."""
    return repository.update_account(_check_username(username), disabled=False)


def reset_password(repository, username: str, password: str, role: str | None = None) -> Account:
    """Set a new password (and optionally role); the account's sessions end."""
    if role is not None and role not in ROLES:
        raise InputError("role", f"{role!r} is not one of {', '.join(ROLES)}")
    return repository.update_account(_check_username(username), password_hash=hash_password(password), role=role)


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="seconds")


def check_throttle(repository, settings: Settings, username: str, address: str, now: dt.datetime) -> None:
    """Raise ThrottledError if the account or the address has too many recent failed logins."""
    window = dt.timedelta(minutes=settings.login_window_minutes)
    since = _iso(now - window)
    retry = int(window.total_seconds())
    if repository.count_failed_logins(since, username=username) >= settings.login_failures_per_account:
        raise ThrottledError(f"too many failed logins for {username!r}; try again in {retry // 60} minutes",
                             retry_after=retry)  # fmt: skip
    if repository.count_failed_logins(since, address=address) >= settings.login_failures_per_address:
        raise ThrottledError(f"too many failed logins from {address}; try again in {retry // 60} minutes",
                             retry_after=retry)  # fmt: skip


def authenticate(repository, settings: Settings, username: str, password: str, address: str,
                 now: dt.datetime | None = None) -> Account:  # fmt: skip
    """Return the account if the name and password match and it is enabled, else raise AuthError.

    Every attempt is recorded; ThrottledError before checking the password when the account or
    the client address has failed too often within ``settings.login_window_minutes``.
    """
    now = now or dt.datetime.now(dt.timezone.utc)
    name = username.strip().casefold()
    check_throttle(repository, settings, name, address, now)
    account = repository.find_account(name) if name else None
    matches = verify_password(account.password_hash if account else _unknown_account_hash(), password)
    succeeded = bool(account and matches and not account.disabled)
    repository.record_login_attempt(name, address, succeeded, _iso(now))
    if not succeeded:
        raise AuthError("wrong user name or password, or the account is disabled")
    if needs_rehash(account.password_hash):
        account = repository.update_account(name, password_hash=hash_password(password))
    return account

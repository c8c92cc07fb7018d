"""sitroom auth stage: accounts and roles, argon2 password hashes, signed sessions, CSRF, login throttling.

The team server's rules live here as plain functions over a ``Repository`` (the CLI and the API
call them); docs/review.md describes them for users.
"""

from __future__ import annotations

from sitroom.auth.accounts import (
    ROLE_RANK,
    add_user,
    authenticate,
    disable_user,
    enable_user,
    reset_password,
    role_allows,
)
from sitroom.auth.passwords import hash_password, verify_password
from sitroom.auth.sessions import SessionCodec, SessionData, session_codec

__all__ = [
    "ROLE_RANK", "SessionCodec", "SessionData", "add_user", "authenticate", "disable_user", "enable_user",
    "hash_password", "reset_password", "role_allows", "session_codec", "verify_password",
]  # fmt: skip

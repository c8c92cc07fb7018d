"""Password hashing with argon2id (argon2-cffi's PasswordHasher and its recommended parameters)."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from sitroom.errors import InputError

MIN_PASSWORD_LENGTH = 10


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    return PasswordHasher()


def check_password_strength(password: str) -> None:
    """Raise InputError if ``password`` is too short to be a password."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError("password", f"is {len(password)} characters long; use at least {MIN_PASSWORD_LENGTH}")


def hash_password(password: str) -> str:
    """Return the argon2id encoded hash of ``password`` (salt and parameters included)."""
    check_password_strength(password)
    return _hasher().hash(password)


def verify_password(encoded: str, password: str) -> bool:
    """Return True if ``password`` matches the encoded hash (False for a mismatch or a damaged hash)."""
    try:
        return _hasher().verify(encoded, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(encoded: str) -> bool:
    """Return True if the hash was made with weaker parameters than today's defaults."""
    try:
        return _hasher().check_needs_rehash(encoded)
    except InvalidHashError:
        return True

"""Signed session cookies (itsdangerous) holding the account, its auth version and a CSRF token.

The cookie is HttpOnly and SameSite=Strict; its content is signed, not encrypted, and holds no
secret besides the CSRF token the page must echo in a header (double submit, bound to the signature).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer

from sitroom.config import Settings

COOKIE_NAME = "sitroom_session"
CSRF_HEADER = "X-CSRF-Token"
SECRET_NAME = "session-signing-key"


@dataclass(frozen=True, slots=True)
class SessionData:
    """What a session cookie carries: the account (None before login) and the CSRF token."""

    csrf: str
    account_id: int | None = None
    auth_version: int | None = None


def new_csrf_token() -> str:
    """Return a fresh, unguessable CSRF token."""
    return secrets.token_urlsafe(32)


class SessionCodec:
    """Signs and reads session cookies; a cookie older than ``max_age`` seconds is refused."""

    def __init__(self, secret: str, max_age: int) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt="sitroom-session")
        self.max_age = max_age

    def dumps(self, session: SessionData) -> str:
        """Return the signed cookie value of ``session``."""
        return self._serializer.dumps({"c": session.csrf, "a": session.account_id, "v": session.auth_version})

    def loads(self, value: str | None) -> SessionData | None:
        """Return the session in a cookie value, or None if it is missing, forged or expired."""
        if not value:
            return None
        try:
            data = self._serializer.loads(value, max_age=self.max_age)
            return SessionData(csrf=str(data["c"]), account_id=data.get("a"), auth_version=data.get("v"))
        except (BadSignature, KeyError, TypeError, ValueError):
            return None


def session_codec(settings: Settings, repository) -> SessionCodec:
    """Return the codec keyed by ``settings.session_secret``, else by a key generated once and stored."""
    secret = settings.session_secret or repository.server_secret(SECRET_NAME, lambda: secrets.token_urlsafe(48))
    return SessionCodec(secret, max_age=settings.session_hours * 3600)

"""The session: who is logged in and the CSRF token (GET), log in (POST), log out (DELETE)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from sitroom.api.access import SessionDep, set_session_cookie
from sitroom.api.deps import RepositoryDep, SettingsDep
from sitroom.auth import authenticate

router = APIRouter(prefix="/session", tags=["session"])


class LoginIn(BaseModel):
    username: str = Field(max_length=64)
    password: str = Field(max_length=1024)


class SessionOut(BaseModel):
    user: str | None
    role: str | None
    csrf_token: str
    accounts: bool  # False: no accounts, a read-only public server


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.get("", response_model=SessionOut, summary="The current session and its CSRF token")
def get_session(request: Request, response: Response, info: SessionDep) -> SessionOut:
    """Who is logged in, and the CSRF token every state-changing call must send (X-CSRF-Token)."""
    csrf = info.csrf or set_session_cookie(request, response, None)
    account = info.account
    return SessionOut(user=account.username if account else None, role=account.role if account else None,
                      csrf_token=csrf, accounts=info.accounts_exist)  # fmt: skip


@router.post("", response_model=SessionOut, summary="Log in",
             responses={401: {"description": "Wrong name or password"}, 429: {"description": "Throttled"}})  # fmt: skip
def login(body: LoginIn, request: Request, response: Response, repository: RepositoryDep, settings: SettingsDep) -> SessionOut:
    """Check the name and password (throttled per account and per address) and start a session."""
    account = authenticate(repository, settings, body.username, body.password, _client(request))
    csrf = set_session_cookie(request, response, account)
    return SessionOut(user=account.username, role=account.role, csrf_token=csrf, accounts=True)


@router.delete("", response_model=SessionOut, summary="Log out")
def logout(request: Request, response: Response, info: SessionDep) -> SessionOut:
    """End the session (a fresh, logged-out session with a new CSRF token replaces it)."""
    csrf = set_session_cookie(request, response, None)
    return SessionOut(user=None, role=None, csrf_token=csrf, accounts=info.accounts_exist)

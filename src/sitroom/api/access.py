"""Who is asking: signed session cookies, CSRF checks on every state-changing call, read access, roles.

With no accounts in the store the API is a read-only public mode: reads are open, writes refused.
Once accounts exist every API read needs a login (viewer or above), every POST / PUT / PATCH /
DELETE under /api/v1 needs the session's CSRF token in the X-CSRF-Token header, and each write
route names the least role it needs (``RoleDep``).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated, Callable

from fastapi import Depends, FastAPI, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.routing import Match

from sitroom.auth.accounts import role_allows
from sitroom.auth.sessions import COOKIE_NAME, CSRF_HEADER, SessionCodec, SessionData, new_csrf_token, session_codec
from sitroom.errors import AuthError, ConflictError, InputError, PermissionDeniedError, ThrottledError
from sitroom.store.review_records import Account

API_PREFIX = "/api/v1"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
OPEN_PATHS = frozenset({f"{API_PREFIX}/session", f"{API_PREFIX}/health"})


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """The request's session: the logged-in account (or None), its CSRF token, whether accounts exist."""

    account: Account | None
    csrf: str | None
    accounts_exist: bool


def codec(request: Request) -> SessionCodec:
    """Return the app's session codec (built once: its key may come from the store)."""
    resources = request.app.state.sitroom
    if "session_codec" not in resources.cache:
        resources.cache["session_codec"] = session_codec(resources.settings, resources.repository())
    return resources.cache["session_codec"]  # type: ignore[return-value]


def load_session(request: Request) -> SessionInfo:
    """Read and check the session cookie: a disabled account or an older auth_version counts as logged out."""
    repository = request.app.state.sitroom.repository()
    data = codec(request).loads(request.cookies.get(COOKIE_NAME))
    account = None
    if data is not None and data.account_id is not None:
        found = repository.account_by_id(data.account_id)
        if found is not None and not found.disabled and found.auth_version == data.auth_version:
            account = found
    return SessionInfo(account, data.csrf if data else None, repository.count_accounts() > 0)


def set_session_cookie(request: Request, response: Response, account: Account | None) -> str:
    """Start a new session (fresh CSRF token) for ``account`` (None: logged out); return the token."""
    csrf = new_csrf_token()
    data = SessionData(csrf, account.id if account else None, account.auth_version if account else None)
    settings = request.app.state.sitroom.settings
    response.set_cookie(
        COOKIE_NAME, codec(request).dumps(data), max_age=settings.session_hours * 3600, path="/",
        httponly=True, samesite="strict", secure=request.url.scheme == "https",
    )  # fmt: skip
    return csrf


def _csrf_ok(request: Request, info: SessionInfo) -> bool:
    token = request.headers.get(CSRF_HEADER, "")
    return bool(info.csrf and token) and hmac.compare_digest(token.encode(), info.csrf.encode())  # type: ignore[union-attr]


def _is_write_route(request: Request) -> bool:
    """True if a route answers this method and path (others get their 404 / 405 as usual)."""
    return any(route.matches(request.scope)[0] is Match.FULL for route in request.app.router.routes)


async def _access_control(request: Request, call_next: Callable) -> Response:
    if not request.url.path.startswith(API_PREFIX):
        return await call_next(request)
    info = await run_in_threadpool(load_session, request)
    request.state.session = info
    if request.method not in SAFE_METHODS and _is_write_route(request) and not _csrf_ok(request, info):
        return JSONResponse(status_code=403, content={
            "detail": f"CSRF check failed: send the session's token in the {CSRF_HEADER} header (GET /api/v1/session gives it)"})  # fmt: skip
    if request.method in SAFE_METHODS and info.accounts_exist and info.account is None and request.url.path not in OPEN_PATHS:
        return JSONResponse(status_code=401, content={"detail": "log in first: this server has accounts"})
    return await call_next(request)


def _error(status: int, error: Exception, **extra) -> JSONResponse:
    return JSONResponse(status_code=status, content={"detail": str(error), **extra})


def install_access_control(app: FastAPI) -> None:
    """Add the session / CSRF middleware and the handlers of auth, conflict and input errors."""
    app.middleware("http")(_access_control)
    app.add_exception_handler(PermissionDeniedError, lambda r, e: _error(403, e))  # type: ignore[arg-type]
    app.add_exception_handler(ThrottledError, lambda r, e: JSONResponse(
        status_code=429, content={"detail": str(e)}, headers={"Retry-After": str(e.retry_after)}))  # type: ignore[arg-type]
    app.add_exception_handler(AuthError, lambda r, e: _error(401, e))  # type: ignore[arg-type]
    app.add_exception_handler(ConflictError, lambda r, e: _error(409, e, current_version=e.current))  # type: ignore[arg-type]
    app.add_exception_handler(InputError, lambda r, e: _error(422, e, message=str(e)))  # type: ignore[arg-type]


def session_info(request: Request) -> SessionInfo:
    """Return the session the middleware read (or read it now, outside /api/v1)."""
    info = getattr(request.state, "session", None)
    return info if info is not None else load_session(request)


def require_role(needed: str) -> Callable[[Request], Account]:
    """Return a dependency giving the logged-in account if its role is at least ``needed``."""

    def dependency(request: Request) -> Account:
        info = session_info(request)
        if info.account is None:
            if not info.accounts_exist:
                raise AuthError("this server has no accounts: it is read-only (create one with `sitroom user add`)")
            raise AuthError("log in first")
        if not role_allows(info.account.role, needed):
            raise PermissionDeniedError(f"this needs the {needed} role; {info.account.username} is {info.account.role}")
        return info.account

    return dependency


AnalystDep = Annotated[Account, Depends(require_role("analyst"))]
ReviewerDep = Annotated[Account, Depends(require_role("reviewer"))]
SessionDep = Annotated[SessionInfo, Depends(session_info)]

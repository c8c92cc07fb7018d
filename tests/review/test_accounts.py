"""Accounts: argon2 hashes, disable and reset end sessions, login throttling per account and per address."""

from __future__ import annotations

import datetime as dt

import pytest

from sitroom.auth import add_user, authenticate, disable_user, reset_password
from sitroom.config import Settings
from sitroom.errors import AuthError, InputError, StoreError, ThrottledError
from tests.review.conftest import PASSWORD, csrf, login, make_client

NOW = dt.datetime(2026, 1, 5, 12, 0, tzinfo=dt.timezone.utc)


def test_password_is_stored_as_argon2_hash_and_checked(repository):
    account = add_user(repository, "Alice", "reviewer", PASSWORD)
    assert account.username == "alice" and account.password_hash.startswith("$argon2id$")
    assert PASSWORD not in account.password_hash
    settings = Settings()
    assert authenticate(repository, settings, "ALICE", PASSWORD, "10.0.0.1", now=NOW).role == "reviewer"
    with pytest.raises(AuthError):
        authenticate(repository, settings, "alice", "wrong password!", "10.0.0.1", now=NOW)
    with pytest.raises(StoreError, match="already exists"):
        add_user(repository, "alice", "viewer", PASSWORD)
    with pytest.raises(InputError, match="at least"):
        add_user(repository, "bob", "viewer", "short")
    with pytest.raises(InputError, match="role"):
        add_user(repository, "bob", "superuser", PASSWORD)


def test_disabled_account_cannot_log_in(repository):
    add_user(repository, "carol", "analyst", PASSWORD)
    disable_user(repository, "carol")
    with pytest.raises(AuthError):
        authenticate(repository, Settings(), "carol", PASSWORD, "10.0.0.2", now=NOW)


def test_throttling_per_account_refuses_even_the_right_password(repository):
    add_user(repository, "dave", "viewer", PASSWORD)
    settings = Settings(login_failures_per_account=3, login_failures_per_address=100)
    for attempt in range(3):
        with pytest.raises(AuthError):
            authenticate(repository, settings, "dave", f"wrong password {attempt}", f"10.0.1.{attempt}", now=NOW)
    with pytest.raises(ThrottledError) as raised:
        authenticate(repository, settings, "dave", PASSWORD, "10.0.1.9", now=NOW + dt.timedelta(minutes=1))
    assert raised.value.retry_after == settings.login_window_minutes * 60
    # After the window the right password works again, and a success clears the account's count.
    later = NOW + dt.timedelta(minutes=settings.login_window_minutes + 1)
    assert authenticate(repository, settings, "dave", PASSWORD, "10.0.1.9", now=later).username == "dave"


def test_throttling_per_address_covers_other_accounts(repository):
    add_user(repository, "erin", "viewer", PASSWORD)
    settings = Settings(login_failures_per_account=100, login_failures_per_address=4)
    for index in range(4):  # a guessing run over many names from one address
        with pytest.raises(AuthError):
            authenticate(repository, settings, f"guess{index}", "wrong password!", "192.0.2.7", now=NOW)
    with pytest.raises(ThrottledError):
        authenticate(repository, settings, "erin", PASSWORD, "192.0.2.7", now=NOW)
    assert authenticate(repository, settings, "erin", PASSWORD, "192.0.2.8", now=NOW).username == "erin"


def test_login_api_throttles_with_429(review_db, repository):
    add_user(repository, "fay", "viewer", PASSWORD)
    with make_client(review_db, login_failures_per_account=2) as client:
        token = csrf(client)
        for _ in range(2):
            response = client.post("/api/v1/session", json={"username": "fay", "password": "nope nope nope"},
                                   headers={"X-CSRF-Token": token})  # fmt: skip
            assert response.status_code == 401
        response = client.post("/api/v1/session", json={"username": "fay", "password": PASSWORD},
                               headers={"X-CSRF-Token": token})  # fmt: skip
        assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0


def test_session_cookie_is_signed_httponly_samesite_and_ends_on_reset(review_db, repository):
    add_user(repository, "gus", "analyst", PASSWORD)
    with make_client(review_db) as client:
        client.get("/api/v1/session")
        response = client.post("/api/v1/session", json={"username": "gus", "password": PASSWORD},
                               headers={"X-CSRF-Token": csrf(client)})  # fmt: skip
        cookie = response.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        assert client.get("/api/v1/session").json()["user"] == "gus"
        assert client.get("/api/v1/events?limit=1").status_code == 200
        reset_password(repository, "gus", "another long password")
        assert client.get("/api/v1/session").json()["user"] is None
        assert client.get("/api/v1/events?limit=1").status_code == 401
        # A forged cookie (bad signature) is no session at all.
        client.cookies.set("sitroom_session", "eyJhIjoxfQ.forged.signature")
        assert client.get("/api/v1/session").json()["user"] is None


def test_session_key_is_generated_once_and_kept(review_db, repository):
    add_user(repository, "hal", "viewer", PASSWORD)
    with make_client(review_db) as client:
        login(client, "hal")
        cookie = client.cookies.get("sitroom_session")
    with make_client(review_db) as client:  # a restarted server reads the same key from the store
        client.cookies.set("sitroom_session", cookie)
        assert client.get("/api/v1/session").json()["user"] == "hal"
    with make_client(review_db, session_secret="a different configured key") as client:
        client.cookies.set("sitroom_session", cookie)
        assert client.get("/api/v1/session").json()["user"] is None

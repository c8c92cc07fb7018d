"""Invalid parameters get a 422 whose message names the parameter; the API is read-only."""

from __future__ import annotations

import pytest

EVENTS = "/api/v1/events"


@pytest.mark.parametrize(
    ("url", "params", "parameter"),
    [
        (EVENTS, {"start_date": "yesterday"}, "start_date"),
        (EVENTS, {"end_date": "2023-02-30"}, "end_date"),
        (EVENTS, {"start_date": "2024-01-02", "end_date": "2024-01-01"}, "start_date"),
        (EVENTS, {"limit": "0"}, "limit"),
        (EVENTS, {"limit": "501"}, "limit"),
        (EVENTS, {"limit": "ten"}, "limit"),
        (EVENTS, {"sort": "newest"}, "sort"),
        (EVENTS, {"cursor": "not-a-cursor"}, "cursor"),
        (EVENTS, {"source_kind": "blog"}, "source_kind"),
        (EVENTS, {"q": "!!!"}, "q"),
        ("/api/v1/stats/timeseries", {"interval": "day"}, "interval"),
        ("/api/v1/exports/events.csv", {"start_date": "2023-1-1"}, "start_date"),
        ("/api/v1/documents", {"source_kind": "rumour"}, "source_kind"),
        ("/api/v1/actors", {"limit": "5000"}, "limit"),
    ],
)
def test_invalid_parameter_gets_422_naming_it(client, url, params, parameter):
    response = client.get(url, params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["message"].startswith(f"{parameter}:")
    assert body["detail"][0]["loc"][-1] == parameter


def test_cursor_from_other_filters_is_refused(client):
    cursor = client.get(EVENTS, params={"limit": 2}).json()["next_cursor"]
    response = client.get(EVENTS, params={"limit": 2, "admin1": "Kabul", "cursor": cursor})
    assert response.status_code == 422 and response.json()["message"].startswith("cursor:")
    assert client.get(EVENTS, params={"limit": 3, "cursor": cursor}).status_code == 200  # limit may change


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_api_is_read_only(client, method):
    response = getattr(client, method)(EVENTS)
    assert response.status_code == 405


def test_openapi_and_docs(client):
    schema = client.get("/openapi.json").json()
    for path in ("/api/v1/events", "/api/v1/events/{event_id}", "/api/v1/documents", "/api/v1/actors",
                 "/api/v1/places/provinces", "/api/v1/stats/timeseries", "/api/v1/exports/events.csv"):
        assert "get" in schema["paths"][path]
    writes = {path for path, item in schema["paths"].items() if set(item) - {"get"}}
    # Only the session (log in / out), the review workflow (docs/review.md) and an analyst's decision
    # on, or addition of, a profile suggestion (docs/profile_facts.md) change anything.
    profile = ("/api/v1/profile-suggestions", "/api/v1/profile-suggestions/{suggestion_id}/decision")
    assert writes and all(path in ("/api/v1/session", *profile) or path.startswith("/api/v1/review/") for path in writes)
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_health(client):
    assert client.get("/api/v1/health").json()["status"] == "ok"

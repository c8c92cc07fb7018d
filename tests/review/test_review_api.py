"""The review workflow over the API: roles, CSRF, status flow, versions and 409 conflicts, history."""

from __future__ import annotations


from tests.review.conftest import act, csrf, login, single_source_event


def test_public_mode_reads_but_refuses_writes(client, repository):
    event_id = single_source_event(repository)
    assert client.get("/api/v1/events?limit=1").status_code == 200
    assert client.get("/api/v1/session").json()["accounts"] is False
    response = act(client, csrf(client), event_id, "accept", 0)
    assert response.status_code == 401 and "read-only" in response.json()["detail"]


def test_reads_need_a_login_once_accounts_exist(client, accounts):
    assert client.get("/api/v1/events?limit=1").status_code == 401
    assert client.get("/api/v1/exports/events.csv").status_code == 401
    assert client.get("/api/v1/health").status_code == 200
    login(client, "vic")
    assert client.get("/api/v1/events?limit=1").status_code == 200


def test_forged_request_without_csrf_token_is_refused(client, accounts, repository):
    event_id = single_source_event(repository)
    token = login(client, "rita")
    forged = client.post(f"/api/v1/review/events/{event_id}", json={"action": "accept", "version": 0})
    assert forged.status_code == 403 and "CSRF" in forged.json()["detail"]
    wrong = act(client, token[::-1], event_id, "accept", 0)
    assert wrong.status_code == 403
    assert repository.get_review(event_id).status == "suggested"
    # Logging in needs the token too (no login CSRF).
    assert client.post("/api/v1/session", json={"username": "rita", "password": "x" * 12}).status_code == 403
    assert act(client, token, event_id, "accept", 0).status_code == 200


def test_viewer_cannot_write_and_analyst_cannot_accept(client, accounts, repository):
    event_id = single_source_event(repository)
    token = login(client, "vic")
    assert act(client, token, event_id, "accept", 0).status_code == 403
    assert act(client, token, event_id, "correct", 0, corrections={"fatalities_best": 1}).status_code == 403
    token = login(client, "ana")
    response = act(client, token, event_id, "accept", 0)
    assert response.status_code == 403 and "reviewer" in response.json()["detail"]
    assert repository.get_review(event_id).version == 0


def test_status_flow_needs_a_second_reviewer_to_finalise(client, accounts, repository):
    event_id = single_source_event(repository)
    token = login(client, "rita")
    assert act(client, token, event_id, "accept", 0).json()["review"]["status"] == "reviewed"
    same = act(client, token, event_id, "finalise", 1)
    assert same.status_code == 422 and "second, different reviewer" in same.json()["detail"]
    token = login(client, "rob")
    final = act(client, token, event_id, "finalise", 1).json()["review"]
    assert (final["status"], final["finalised_by"], final["reviewed_by"], final["version"]) == ("finalised", "rob", "rita", 2)
    assert act(client, token, event_id, "reopen", 2).status_code == 422, "reopen needs a comment"
    assert act(client, token, event_id, "reopen", 2, why="the NGO report disputes the date").json()["review"]["status"] == "suggested"
    versions = client.get(f"/api/v1/review/events/{event_id}").json()["versions"]
    assert [(v["action"], v["who"]) for v in versions] == [("accept", "rita"), ("finalise", "rob"), ("reopen", "rob")]
    assert versions[-1]["before"]["status"] == "finalised" and versions[-1]["why"] == "the NGO report disputes the date"


def test_send_back_and_reject_carry_a_comment(client, accounts, repository):
    event_id = single_source_event(repository)
    token = login(client, "rita")
    sent = act(client, token, event_id, "send_back", 0, why="check the district").json()["review"]
    assert sent["status"] == "sent_back" and sent["comment"] == "check the district"
    queue = client.get("/api/v1/review/queue").json()["items"]
    assert queue[0]["event_id"] == event_id, "a sent-back event comes first"
    rejected = act(client, token, event_id, "reject", 1, why="background paragraph, not an event").json()["review"]
    assert rejected["status"] == "rejected"
    finalised_only = client.get("/api/v1/events", params={"review_status": "rejected"}).json()["items"]
    assert [item["event_id"] for item in finalised_only] == [event_id]


def test_stale_edit_gets_409_and_loses_nothing(client, accounts, repository):
    event_id = single_source_event(repository)
    first = login(client, "rita")
    assert act(client, first, event_id, "correct", 0, why="NGO figure", corrections={
        "fatalities_low": 3, "fatalities_best": 7, "fatalities_high": 7}).status_code == 200  # fmt: skip
    second = act(client, first, event_id, "correct", 0, why="older figure", corrections={"fatalities_best": 2,
                 "fatalities_low": 2, "fatalities_high": 2})  # fmt: skip
    assert second.status_code == 409
    body = second.json()
    assert body["current_version"] == 1 and body["your_edit"]["corrections"]["fatalities_best"] == 2
    assert "version 1" in body["detail"]
    assert repository.get_event(event_id).fatalities_best == 7, "the first edit stands"


def test_bad_corrections_name_the_field(client, accounts, repository):
    event_id = single_source_event(repository)
    token = login(client, "ana")
    for corrections, field in (({"fatalities_low": 9, "fatalities_best": 2, "fatalities_high": 9}, "fatalities"),
                               ({"event_type": "Picnic"}, "event_type"), ({"geo_precision": 7}, "geo_precision"),
                               ({"event_date": "2023-13-01"}, "event_date"), ({"password_hash": "x"}, "password_hash")):  # fmt: skip
        response = act(client, token, event_id, "correct", 0, corrections=corrections)
        assert response.status_code == 422 and response.json()["detail"].startswith(field), response.json()
    assert repository.get_review(event_id).version == 0


def test_queue_lists_field_confidences_and_orders_by_priority(client, accounts, repository):
    login(client, "vic")
    items = client.get("/api/v1/review/queue", params={"limit": 500}).json()["items"]
    assert items and all(0 <= f["score"] <= 1 and f["reason"] for item in items for f in item["fields"].values())
    priorities = [item["priority"] for item in items]
    assert priorities == sorted(priorities, reverse=True)
    by_place = client.get("/api/v1/review/queue", params={"sort": "confidence.place", "limit": 500}).json()["items"]
    scores = [item["fields"]["place"]["score"] for item in by_place]
    assert scores == sorted(scores)
    assert client.get("/api/v1/review/queue", params={"sort": "nonsense"}).status_code == 422


def test_place_lookup_for_corrections_gives_precision(client):
    places = client.get("/api/v1/review/places", params={"name": "Andrab"}).json()["items"]
    district = next(p for p in places if p["level"] == "admin2")
    assert (district["name"], district["admin1_code"], district["geo_precision"]) == ("Andarab", "AF-BGL", 2)
    assert client.get("/api/v1/review/places", params={"name": ""}).status_code == 422

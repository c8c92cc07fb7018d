"""Events list and detail: filters, keyset pagination, evidence spans, ledger and history."""

from __future__ import annotations

from tests.api.conftest import EVENT_COUNT, XSS, all_pages

EVENTS = "/api/v1/events"
TOTAL = EVENT_COUNT + 1  # plus the undated XSS probe


def test_list_envelope_and_default_order(client):
    body = client.get(EVENTS, params={"limit": 5}).json()
    assert set(body) == {"items", "next_cursor", "total", "total_exact"} and body["total_exact"] is True
    assert body["total"] == TOTAL and len(body["items"]) == 5 and body["next_cursor"]
    dates = [item["event_date"] for item in body["items"]]
    assert dates == sorted(dates, reverse=True)


def test_pages_have_no_duplicates_or_misses_in_both_orders(client):
    for sort in ("date_desc", "date_asc"):
        items = all_pages(client, EVENTS, limit=4, sort=sort)
        ids = [item["event_id"] for item in items]
        assert len(ids) == len(set(ids)) == TOTAL
        dated = [item["event_date"] for item in items if item["event_date"]]
        assert dated == sorted(dated, reverse=(sort == "date_desc"))
        undated_position = [i for i, item in enumerate(items) if item["event_date"] is None]
        assert undated_position == ([TOTAL - 1] if sort == "date_desc" else [0])


def test_pages_under_a_filter_match_the_unpaged_list(client):
    paged = all_pages(client, EVENTS, limit=2, admin1="Panjshir")
    whole = client.get(EVENTS, params={"limit": 500, "admin1": "Panjshir"}).json()
    assert [i["event_id"] for i in paged] == [i["event_id"] for i in whole["items"]]
    assert whole["total"] == len(paged) and whole["next_cursor"] is None


def test_filters(client):
    def ids(**params):
        body = client.get(EVENTS, params={"limit": 500, **params}).json()
        assert body["total"] == len(body["items"])
        return body["items"]

    assert all(i["admin1_code"] == "AF-PAN" for i in ids(admin1="af-pan"))
    assert len(ids(admin1="AF-PAN")) == len(ids(admin1="panjshir")) > 0
    assert all(i["admin2"] == "Andarab" for i in ids(admin2="andarab")) and ids(admin2="andarab")
    nrf = ids(actor="national resistance front")
    assert nrf and all("National Resistance Front" in (i["actor1"], i["actor2"]) for i in nrf)
    assert [i["assoc_actors"] for i in ids(actor="Local militia")] == [["Local militia"]]
    assert all(i["event_type"] == "Battles" for i in ids(event_type="battles"))
    assert all(i["tags"] == ["checkpoint"] for i in ids(tag="CHECKPOINT")) and ids(tag="checkpoint")
    claimed = ids(status="claimed")
    assert claimed and all(i["status"] == "claimed" for i in claimed)
    ngo = ids(source_kind="ngo")
    assert ngo and all("ngo" in i["source_kinds"] for i in ngo)
    in_range = ids(start_date="2023-02-01", end_date="2023-03-31")
    assert in_range and all("2023-02-01" <= i["event_date"] <= "2023-03-31" for i in in_range)
    ambush = ids(q="ambush")
    assert len(ambush) == len(range(0, EVENT_COUNT, 5))
    assert ids(q='"in an ambush"') == ambush and ids(q="ambu*") == ambush
    assert ids(q="nosuchword") == []
    assert ids(q="ambush)") == ambush  # FTS syntax in user text is neutralised
    assert ids(q='ambush OR "x') == []  # words are ANDed, "OR" is a word


def test_combined_filters_and_total_off(client):
    body = client.get(EVENTS, params={"admin1": "AF-PAN", "event_type": "Battles", "with_total": "false"}).json()
    assert body["total"] is None
    assert all(i["admin1_code"] == "AF-PAN" and i["event_type"] == "Battles" for i in body["items"])


def test_event_detail_has_evidence_mentions_ledger_and_history(client):
    first = client.get(EVENTS, params={"admin2": "Dara", "limit": 1, "sort": "date_asc"}).json()["items"][0]
    detail = client.get(f"{EVENTS}/{first['event_id']}").json()
    span = detail["evidence"]["admin2"]
    assert span["quote"] == "Dara" and span["end"] - span["start"] == 4 and span["stage"] == "extract.places"
    assert len(detail["mentions"]) == 1
    mention = detail["mentions"][0]
    assert mention["evidence"]["admin2"]["quote"] == "Dara" and mention["document"]["doc_id"] == mention["doc_id"]
    assert mention["role"] == "lead"
    assert detail["sources"][0]["stance"] in ("reported", "claimed", "denied", "confirmed")
    assert detail["history"][0]["action"] == "create" and detail["history"][0]["who"] == "tester"


def test_event_history_shows_updates(client):
    items = client.get(EVENTS, params={"limit": 500}).json()["items"]
    updated = next(i for i in items if i["fatalities_best"] == 7)
    history = client.get(f"{EVENTS}/{updated['event_id']}").json()["history"]
    assert [entry["action"] for entry in history][:1] == ["create"]
    changes = [entry for entry in history if entry["action"] == "update"]
    assert changes and changes[-1]["who"] == "editor"
    assert any(entry["changes"].get("fatalities_best", [None, None])[1] == 7 for entry in changes)


def test_source_text_is_returned_as_json_data_not_markup(client):
    probe = client.get(EVENTS, params={"q": "raided homes"}).json()["items"]
    assert len(probe) == 1 and probe[0]["actor1"] == XSS
    response = client.get(f"{EVENTS}/{probe[0]['event_id']}")
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert response.json()["mentions"][0]["evidence"]["actor1"]["quote"] == XSS


def test_unknown_event_is_404(client):
    response = client.get(f"{EVENTS}/ev-nope")
    assert response.status_code == 404 and "ev-nope" in response.json()["detail"]

"""One meaning per filter word: actor is a whole name, actor_contains a part, in the API and the store alike."""

from __future__ import annotations

from sitroom.store import EventFilter, open_repository

API = "/api/v1/events"


def _ids(client, **params) -> list[str]:
    return sorted(item["event_id"] for item in client.get(API, params={**params, "limit": 500}).json()["items"])


def test_actor_is_the_whole_name_and_actor_contains_a_part(client) -> None:
    whole = _ids(client, actor="national resistance FRONT")
    assert whole and _ids(client, actor="Resistance") == []
    assert _ids(client, actor_contains="resistance") == whole
    assert set(_ids(client, actor_contains="front")) > set(whole)  # also "Afghanistan Freedom Front"


def test_the_store_list_means_the_same_as_the_api(client, api_db) -> None:
    with open_repository(api_db) as repository:
        for words in ({"actor": "National Resistance Front"}, {"actor_contains": "front"}, {"actor": "front"},
                      {"admin1": "af-pan", "actor_contains": "taliban"}):  # fmt: skip
            listed = sorted(event.event_id for event in repository.list_events(EventFilter(limit=None, **words)))
            assert listed == _ids(client, **words), words

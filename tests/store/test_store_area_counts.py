"""Counts by district and province: SQLite and PostgreSQL give the same rows in the same order."""

from __future__ import annotations

import datetime as dt

import pytest
from store_builders import make_document, make_mention

from sitroom.store import open_repository
from sitroom.store.api_records import EventQuery
from sitroom.store.records import DocumentToStore
from tests.conftest import new_database

# (province, code, district): ties in events on purpose, districts missing, one spelled in two cases.
PLACES = (
    ("Panjshir", "AF-PAN", "Rokha"), ("Panjshir", "AF-PAN", "Dara"), ("Baghlan", "AF-BGL", "Andarab"),
    ("Baghlan", "AF-BGL", None), ("Kabul", "AF-KAB", "Kabul"), ("Kabul", "AF-KAB", "Paghman"),
    ("Kabul", "AF-KAB", "paghman"), (None, None, None), ("Panjshir", "AF-PAN", ""),
)


def _items() -> list[DocumentToStore]:
    items = []
    for index in range(45):
        admin1, code, admin2 = PLACES[index % len(PLACES)]
        doc_id = f"area-{index:03d}"
        text = f"Report {index}: clash near {admin2 or 'an unnamed place'}."
        mention = make_mention(doc_id, admin1=admin1, admin1_code=code, admin2=admin2, location=admin2,
                               event_date=dt.date(2023, 1, 1) + dt.timedelta(days=index * 7),
                               fatalities=index % 4, tags=["ied"] if index % 2 else ["checkpoint"],
                               actor1=f"Group {index}", text=text)  # fmt: skip
        items.append(DocumentToStore(make_document(doc_id, text), [mention], "areas.jsonl"))
    return items


def _counts(location: str, query: EventQuery, districts: bool) -> list[tuple]:
    with open_repository(location) as repo:
        outcomes = repo.store_documents(_items(), None, "tester")
        assert all(outcome.status == "stored" for outcome in outcomes)
        found = repo.event_area_counts(query, districts=districts)
    return [(c.admin1, c.admin1_code, c.admin2, c.events, c.fatalities_best) for c in found]


QUERIES = {
    "all": EventQuery(limit=None),
    "dates": EventQuery(start_date=dt.date(2023, 3, 1), end_date=dt.date(2023, 9, 30), limit=None),
    "tag": EventQuery(tag="ied", limit=None),
    "province": EventQuery(admin1="af-kab", limit=None),
}


@pytest.mark.parametrize("districts", [True, False], ids=["by-district", "by-province"])
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_area_counts_agree_on_both_backends(request, tmp_path, name: str, districts: bool) -> None:
    query = QUERIES[name]
    on_sqlite = _counts(new_database(request, "sqlite", tmp_path / "sqlite"), query, districts)
    on_postgres = _counts(new_database(request, "postgres", tmp_path / "pg"), query, districts)
    assert on_sqlite, name
    assert on_sqlite == on_postgres

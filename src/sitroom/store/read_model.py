"""The API's read model (lookup tables, rollups, full-text rows), kept by code both backends share.

Triggers (migration 0008, one small set per backend) only note in ``read_model_dirty`` which
events and documents a transaction changed. ``refresh`` runs before every write commits: for
each noted event it reads the contribution the rollups hold (``event_rollup_state``,
``event_actors``, ``event_stances``), computes the new one from the stored rows, replaces the
event's own rows and adds the difference to each rollup. So any writer in any store module
keeps the read model right, and both backends compute it with the same code.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from sitroom.store import review_scores, search
from sitroom.store.dialect import Database

CHUNK = 500  # ids per IN (...) list
EVENT_TABLES = ("event_actors", "event_tags", "event_stances", "event_source_kinds", "event_rollup_state")
# Rollup table -> (key columns, summed columns).
ROLLUPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "event_daily": (("day", "admin1_code", "admin1"), ("events", "fatalities")),
    "district_daily": (("admin1_code", "admin1", "admin2", "day"), ("events", "fatalities")),
    "actor_daily": (("actor", "day", "admin1_code", "admin1"), ("events", "fatalities")),
    "actor_totals": (("actor",), ("events", "fatalities")),
    "district_totals": (("admin1_code", "admin1", "admin2"), ("events", "fatalities")),
    "actor_pairs": (("actor", "counterpart", "day"), ("events",)),
    "actor_stances": (("actor", "day", "stance"), ("events", "sources", "fatalities", "injured", "detained")),
    "store_counts": (("facet", "value"), ("count",)),
}
DERIVED_TABLES = (
    *EVENT_TABLES, *ROLLUPS, "document_rollup_state", "read_model_dirty",
    "event_keys", "events_fts", "document_keys", "documents_fts", "event_search", "document_search",
)  # fmt: skip


@dataclass(slots=True)
class EventFacts:
    """What one event contributes to the read model."""

    event_id: str
    day: str
    admin1_code: str
    admin1: str
    admin2: str
    event_type: str
    status: str
    fatalities: int
    actors: list[str] = field(default_factory=list)
    stances: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)  # sources, f, i, d


def _chunks(ids: list[str]) -> Iterable[tuple[list[str], str]]:
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        yield chunk, ", ".join("?" for _ in chunk)


def _dirty(database: Database, kind: str) -> list[str]:
    found = database.execute("SELECT id FROM read_model_dirty WHERE kind = ? ORDER BY id", (kind,)).fetchall()
    return [row[0] for row in found]


def refresh(database: Database) -> None:
    """Bring the read model up to date with what the open transaction changed, then forget the changes."""
    documents = _dirty(database, "document")
    if documents:
        _refresh_documents(database, documents)
    events = _dirty(database, "event")
    if events:
        _refresh_events(database, events)
        review_scores.mark_pending(database, events)  # their review queue scores are stale
    if documents or events:
        database.execute("DELETE FROM read_model_dirty")


def rebuild(database: Database) -> None:
    """Recompute the whole read model from events and documents (inside an open write transaction)."""
    for table in (*EVENT_TABLES, *ROLLUPS, "document_rollup_state"):
        database.execute(f"DELETE FROM {table}")
    search.clear(database)
    database.execute("DELETE FROM read_model_dirty")
    database.execute("INSERT INTO read_model_dirty (kind, id) SELECT 'document', doc_id FROM documents")
    database.execute("INSERT INTO read_model_dirty (kind, id) SELECT 'event', event_id FROM events")
    refresh(database)


# -- events ---------------------------------------------------------------------------------


def _refresh_events(database: Database, ids: list[str]) -> None:
    delta: dict[str, Counter] = defaultdict(Counter)
    for chunk, marks in _chunks(ids):
        old = _stored_facts(database, chunk, marks)
        new = _current_facts(database, chunk, marks)
        for facts in old.values():
            _contribute(delta, facts, -1)
        for facts in new.values():
            _contribute(delta, facts, +1)
        for table in EVENT_TABLES:
            database.execute(f"DELETE FROM {table} WHERE event_id IN ({marks})", chunk)
        _write_event_rows(database, list(new.values()))
        search.replace_events(database, chunk, _search_bodies(database, chunk, marks))
    _apply(database, delta)


def _stored_facts(database: Database, chunk: list[str], marks: str) -> dict[str, EventFacts]:
    """Return what the read model holds now for these events (their old contribution)."""
    found = {
        row[0]: EventFacts(*row)
        for row in database.execute(
            "SELECT event_id, day, admin1_code, admin1, admin2, event_type, status, fatalities"
            f" FROM event_rollup_state WHERE event_id IN ({marks})", chunk
        ).fetchall()
    }  # fmt: skip
    for event_id, actor in database.execute(
        f"SELECT event_id, actor FROM event_actors WHERE event_id IN ({marks}) ORDER BY event_id, actor", chunk
    ).fetchall():
        if event_id in found:
            found[event_id].actors.append(actor)
    for event_id, stance, *figures in database.execute(
        "SELECT event_id, stance, sources, fatalities, injured, detained FROM event_stances"
        f" WHERE event_id IN ({marks})", chunk
    ).fetchall():  # fmt: skip
        if event_id in found:
            found[event_id].stances[stance] = tuple(int(value) for value in figures)  # type: ignore[assignment]
    return found


def event_actor_names(actor1: str | None, actor2: str | None, assoc_actors: str | None) -> list[str]:
    """Return an event's actor names (actor1, actor2, associated), each once ignoring case."""
    try:
        associated = json.loads(assoc_actors or "[]")
    except json.JSONDecodeError:
        associated = []
    names: list[str] = []
    seen: set[str] = set()
    for name in [actor1, actor2, *(associated if isinstance(associated, list) else [])]:
        if isinstance(name, str) and name and name.lower() not in seen:
            seen.add(name.lower())
            names.append(name)
    return names


def _current_facts(database: Database, chunk: list[str], marks: str) -> dict[str, EventFacts]:
    """Return what these events contribute according to the stored events, sources and mentions."""
    found: dict[str, EventFacts] = {}
    for row in database.execute(
        "SELECT event_id, coalesce(event_date, ''), coalesce(admin1_code, ''), coalesce(admin1, ''),"
        " coalesce(admin2, ''), coalesce(event_type, ''), coalesce(status, ''), coalesce(fatalities_best, 0),"
        f" actor1, actor2, assoc_actors FROM events WHERE event_id IN ({marks})", chunk
    ).fetchall():  # fmt: skip
        facts = EventFacts(*row[:8])
        facts.actors = event_actor_names(row[8], row[9], row[10])
        found[facts.event_id] = facts
    for event_id, stance, *figures in database.execute(
        "SELECT es.event_id, m.claim_stance, COUNT(*), coalesce(MAX(m.fatalities), 0), coalesce(MAX(m.injured), 0),"
        " coalesce(MAX(m.detained), 0) FROM event_sources es JOIN mentions m ON m.mention_id = es.mention_id"
        f" WHERE es.event_id IN ({marks}) GROUP BY es.event_id, m.claim_stance", chunk
    ).fetchall():  # fmt: skip
        if event_id in found:
            found[event_id].stances[stance] = tuple(int(value) for value in figures)  # type: ignore[assignment]
    return found


def _contribute(delta: dict[str, Counter], facts: EventFacts, sign: int) -> None:
    """Add (sign +1) or take out (sign -1) one event's contribution to every rollup."""
    day, deaths = facts.day, int(facts.fatalities)
    _add(delta["event_daily"], (day, facts.admin1_code, facts.admin1), (1, deaths), sign)
    _add(delta["district_daily"], (facts.admin1_code, facts.admin1, facts.admin2, day), (1, deaths), sign)
    _add(delta["district_totals"], (facts.admin1_code, facts.admin1, facts.admin2), (1, deaths), sign)
    for facet, value in (("events", ""), ("event_type", facts.event_type), ("status", facts.status)):
        _add(delta["store_counts"], (facet, value), (1,), sign)
    for actor in facts.actors:
        _add(delta["actor_daily"], (actor, day, facts.admin1_code, facts.admin1), (1, deaths), sign)
        _add(delta["actor_totals"], (actor,), (1, deaths), sign)
        for counterpart in facts.actors:
            if counterpart != actor:
                _add(delta["actor_pairs"], (actor, counterpart, day), (1,), sign)
        for stance, (sources, killed, injured, detained) in facts.stances.items():
            _add(delta["actor_stances"], (actor, day, stance), (1, sources, killed, injured, detained), sign)


def _add(counter: Counter, key: tuple, values: tuple[int, ...], sign: int) -> None:
    previous = counter.get(key, (0,) * len(values))
    counter[key] = tuple(old + sign * value for old, value in zip(previous, values))


def _write_event_rows(database: Database, facts_list: list[EventFacts]) -> None:
    database.executemany(
        "INSERT INTO event_rollup_state (event_id, day, admin1_code, admin1, admin2, event_type, status, fatalities)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(f.event_id, f.day, f.admin1_code, f.admin1, f.admin2, f.event_type, f.status, f.fatalities) for f in facts_list],
    )
    database.executemany(
        "INSERT INTO event_actors (event_id, actor, sort_date) VALUES (?, ?, ?)",
        [(f.event_id, actor, f.day) for f in facts_list for actor in f.actors],
    )
    database.executemany(
        "INSERT INTO event_stances (event_id, stance, sources, fatalities, injured, detained) VALUES (?, ?, ?, ?, ?, ?)",
        [(f.event_id, stance, *figures) for f in facts_list for stance, figures in f.stances.items()],
    )
    ids = [f.event_id for f in facts_list]
    for chunk, marks in _chunks(ids):
        tags = database.execute(f"SELECT event_id, tags FROM events WHERE event_id IN ({marks})", chunk).fetchall()
        database.executemany(
            "INSERT INTO event_tags (event_id, tag) VALUES (?, ?)",
            [(event_id, tag) for event_id, text in tags for tag in _json_strings(text)],
        )
        database.execute(
            "INSERT INTO event_source_kinds (event_id, source_kind, sources)"
            " SELECT es.event_id, d.source_kind, COUNT(*) FROM event_sources es JOIN documents d ON d.doc_id = es.doc_id"
            f" WHERE es.event_id IN ({marks}) GROUP BY es.event_id, d.source_kind",
            chunk,
        )


def _json_strings(text: str | None) -> list[str]:
    try:
        values = json.loads(text or "[]")
    except json.JSONDecodeError:
        return []
    return [value for value in values if isinstance(value, str) and value] if isinstance(values, list) else []


def _search_bodies(database: Database, chunk: list[str], marks: str) -> dict[str, str]:
    """Return the searchable text of each existing event (text, notes, places, actors)."""
    columns = ("text", "notes", "location", "admin2", "admin1", "actor1", "actor2", "assoc_actors")
    found = database.execute(f"SELECT event_id, {', '.join(columns)} FROM events WHERE event_id IN ({marks})", chunk)
    return {row[0]: " ".join(value or "" for value in row[1:]) for row in found.fetchall()}


def _apply(database: Database, delta: dict[str, Counter]) -> None:
    """Add each rollup's differences to its rows; delete rows left at zero events."""
    for table, changes in delta.items():
        keys, sums = ROLLUPS[table]
        changed = [(key, values) for key, values in sorted(changes.items()) if any(values)]
        if not changed:
            continue
        columns = (*keys, *sums)
        updates = ", ".join(f"{name} = {table}.{name} + excluded.{name}" for name in sums)
        database.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
            f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}",
            [(*key, *values) for key, values in changed],
        )
        condition = " AND ".join(f"{name} = ?" for name in keys)
        database.executemany(
            f"DELETE FROM {table} WHERE {condition} AND {sums[0]} <= 0",
            [key for key, values in changed if values[0] < 0],
        )


# -- documents ------------------------------------------------------------------------------


def _refresh_documents(database: Database, ids: list[str]) -> None:
    delta: dict[str, Counter] = defaultdict(Counter)
    for chunk, marks in _chunks(ids):
        old = {
            row[0]: (row[1], int(row[2]))
            for row in database.execute(
                f"SELECT doc_id, source_kind, mentions FROM document_rollup_state WHERE doc_id IN ({marks})", chunk
            ).fetchall()
        }
        new = {
            row[0]: (row[1], int(row[2]))
            for row in database.execute(
                "SELECT d.doc_id, d.source_kind, (SELECT COUNT(*) FROM mentions m WHERE m.doc_id = d.doc_id)"
                f" FROM documents d WHERE d.doc_id IN ({marks})", chunk
            ).fetchall()
        }  # fmt: skip
        for sign, states in ((-1, old), (+1, new)):
            for kind, mentions in states.values():
                _add(delta["store_counts"], ("documents", ""), (1,), sign)
                _add(delta["store_counts"], ("source_kind", kind or ""), (1,), sign)
                _add(delta["store_counts"], ("mentions", ""), (mentions,), sign)
        database.execute(f"DELETE FROM document_rollup_state WHERE doc_id IN ({marks})", chunk)
        database.executemany(
            "INSERT INTO document_rollup_state (doc_id, source_kind, mentions) VALUES (?, ?, ?)",
            [(doc_id, kind, mentions) for doc_id, (kind, mentions) in new.items()],
        )
        kind_changed = [doc_id for doc_id in new if doc_id in old and old[doc_id][0] != new[doc_id][0]]
        _mark_events_of(database, kind_changed)
        texts = database.execute(
            f"SELECT doc_id, coalesce(title, ''), text FROM documents WHERE doc_id IN ({marks})", chunk
        ).fetchall()
        search.replace_documents(database, chunk, {row[0]: (row[1], row[2]) for row in texts})
    _apply(database, delta)


def _mark_events_of(database: Database, doc_ids: list[str]) -> None:
    """Note the events of documents whose source kind changed (their source kinds and stances)."""
    for chunk, marks in _chunks(doc_ids):
        database.execute(
            "INSERT INTO read_model_dirty (kind, id) SELECT DISTINCT 'event', event_id FROM event_sources"
            f" WHERE doc_id IN ({marks}) ON CONFLICT DO NOTHING",
            chunk,
        )


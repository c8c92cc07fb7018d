"""Benchmark-only helper: fill a sitroom store with N synthetic events by bulk insert.

It writes straight through one SQLite connection (no pipeline, no audit rows) so a million
events load in minutes: the read model's change-noting triggers (migration 0008) are dropped
during the load, the derived tables are then filled set-wise by migrations 0004, 0005 and 0007's
own backfill statements, and the triggers re-created. The schema is the real one (created and migrated by ``open_repository`` first).
Never use this for real data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from pathlib import Path
from typing import Callable, Iterator

from sitroom.gazetteer import load_gazetteer
from sitroom.store import open_repository
from sitroom.store.connection import connect

EVENTS_PER_DOCUMENT = 5
BATCH = 20_000
START = dt.date(2021, 8, 15)
DAYS = 1400
EVENT_TYPES = (
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Violence against civilians", "Attack"),
    ("Strategic developments", "Arrests"),
    ("Protests", "Peaceful protest"),
)
ACTORS = (
    "Taliban forces (Islamic Emirate)", "National Resistance Front", "Afghanistan Freedom Front",
    "Islamic State Khorasan Province", "Civilians (Afghanistan)", "Unidentified armed group",
    "Afghanistan Islamic National and Liberation Movement", "Protesters (Afghanistan)",
)  # fmt: skip
STATUSES = ("reported", "claimed", "contested", "independently-reported", "confirmed")
KINDS = ("news", "claim", "official", "ngo", "social")
STANCES = {"news": "reported", "claim": "claimed", "official": "denied", "ngo": "confirmed", "social": "reported"}
WORDS = ("checkpoint", "ambush", "convoy", "raid", "village", "highway", "outpost", "mosque", "market", "bazaar")
TAGS = ("checkpoint", "night raid", "house search", "ied", "targeted killing")


def _places(pack: str) -> list[tuple[str, str, str | None, float, float]]:
    """Return (admin1, admin1_code, admin2, lat, lon) choices from the gazetteer pack."""
    gazetteer = load_gazetteer(pack)
    choices = []
    for province in gazetteer.provinces():
        for district in gazetteer.districts(province.admin1_code) or [province]:
            lat = district.latitude or province.latitude or 34.5
            lon = district.longitude or province.longitude or 69.2
            admin2 = district.name if district is not province else None
            choices.append((province.name, province.admin1_code, admin2, lat, lon))
    return choices


def _event_rows(count: int, seed: int, pack: str) -> Iterator[tuple[dict, dict, dict]]:
    """Yield (document, mention, event) column dicts for ``count`` synthetic events."""
    rng = random.Random(seed)
    places = _places(pack)
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    for index in range(count):
        doc_index = index // EVENTS_PER_DOCUMENT
        kind = KINDS[doc_index % len(KINDS)]
        admin1, code, admin2, lat, lon = places[rng.randrange(len(places))]
        event_type, sub_type = EVENT_TYPES[rng.randrange(len(EVENT_TYPES))]
        actor1, actor2 = rng.sample(ACTORS, 2)
        day = START + dt.timedelta(days=rng.randrange(DAYS)) if rng.random() > 0.002 else None
        word = WORDS[rng.randrange(len(WORDS))]
        text = f"Synthetic report {index}: {actor1} and {actor2} near a {word} in {admin2 or admin1}, {admin1}."
        fatalities = rng.choice((None, 0, 1, 2, 3, 5, 8, 12))
        doc_id = f"bench-doc-{doc_index:07d}"
        mention_id = f"{doc_id}#m{index % EVENTS_PER_DOCUMENT}"
        coded = {
            "event_date": day.isoformat() if day else None, "time_precision": 1, "event_type": event_type,
            "sub_event_type": sub_type, "tags": json.dumps([TAGS[index % len(TAGS)]]), "actor1": actor1,
            "actor2": actor2, "assoc_actors": "[]", "country": "Afghanistan", "admin1": admin1,
            "admin1_code": code, "admin2": admin2, "location": admin2 or admin1, "latitude": lat,
            "longitude": lon, "geo_precision": 2, "claim_stance": STANCES[kind], "claim_by": None,
            "evidence": json.dumps({"location": [0, 9, "bench", "v1"]}), "text": text, "notes": None,
            "source_event_id": None, "extractor": "bench-v1",
        }  # fmt: skip
        document = {
            "doc_id": doc_id, "text": text, "title": f"Report {doc_index}", "publisher": f"Publisher {doc_index % 40}",
            "published": coded["event_date"], "source_kind": kind, "raw_sha256": hashlib.sha256(doc_id.encode()).hexdigest(),
            "text_sha256": hashlib.sha256(doc_id.encode()).hexdigest(), "stored_at": now, "updated_at": now,
        }  # fmt: skip
        mention = {"mention_id": mention_id, "doc_id": doc_id, "ordinal": index % EVENTS_PER_DOCUMENT,
                   **coded, "fatalities": fatalities}  # fmt: skip
        figures = {f"fatalities_{level}": fatalities for level in ("low", "best", "high")}
        event = {"event_id": f"ev-{index:010d}", "lead_doc_id": doc_id, "lead_mention_id": mention_id, **coded,
                 "status": STATUSES[rng.randrange(len(STATUSES))], **figures, "created_at": now, "updated_at": now}  # fmt: skip
        yield document, mention, event


def _insert_many(connection, table: str, rows: list[dict]) -> None:
    columns = list(rows[0])
    sql = f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    connection.executemany(sql, [tuple(row[c] for c in columns) for row in rows])


DERIVED_TABLES = (
    "event_actors", "event_tags", "event_daily", "event_keys", "document_keys", "events_fts", "documents_fts",
    "actor_daily", "actor_pairs", "event_stances", "actor_stances", "event_source_kinds", "district_daily",
    "actor_totals", "district_totals", "store_counts", "event_rollup_state", "document_rollup_state", "read_model_dirty",
)  # fmt: skip
BACKFILLED_MIGRATIONS = ("0004_", "0005_", "0007_", "0023_")  # in order: 0005 reads 0004's event_actors, 0023 0005's rollups
BACKFILL_MARKER = "-- Fill the derived tables from what is stored already."


def _backfill_statements() -> list[str]:
    """Return migrations 0004 and 0005's statements that fill the derived tables (and build indexes)."""
    from importlib import resources

    from sitroom.store.migrate import split_statements

    folder = resources.files("sitroom.store").joinpath("migrations")
    statements: list[str] = []
    for prefix in BACKFILLED_MIGRATIONS:
        entry = next(e for e in folder.iterdir() if e.name.startswith(prefix) and e.name.count(".") == 1)
        script = entry.read_text(encoding="utf-8")
        if BACKFILL_MARKER in script:
            statements += split_statements(script.split(BACKFILL_MARKER, 1)[1])
        else:  # 0007, 0023: their INSERT ... SELECT statements fill the state tables and totals
            statements += [s for s in split_statements(script) if s.lstrip().upper().startswith("INSERT")]
    return statements


def _without_triggers(connection) -> list[str]:
    """Drop the derived-table triggers (to bulk load fast); return their SQL to re-create them."""
    found = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND (name LIKE '%api%' OR name LIKE '%mark%')"
    ).fetchall()
    for name, _ in found:
        connection.execute(f'DROP TRIGGER "{name}"')
    return [sql for _, sql in found]


def _rebuild_derived(connection, triggers: list[str]) -> None:
    """Empty the derived tables, refill them set-wise as migrations 0004/0005 do, re-create the triggers."""
    connection.execute("BEGIN IMMEDIATE")
    for table in DERIVED_TABLES:
        connection.execute(f"DELETE FROM {table}")
    for statement in _backfill_statements():
        if "CREATE INDEX" not in statement.upper():
            connection.execute(statement)
    for sql in triggers:
        connection.execute(sql)
    connection.execute("COMMIT")


def build_store(path: Path, count: int, seed: int = 7, pack: str = "af",
                progress: Callable[[int], None] | None = None) -> None:
    """Create ``path`` (migrated by the real store) and bulk-insert ``count`` synthetic events."""
    with open_repository(path):
        pass
    connection = connect(path)
    triggers = _without_triggers(connection)
    batch: list[tuple[dict, dict, dict]] = []

    def flush() -> None:
        connection.execute("BEGIN IMMEDIATE")
        _insert_many(connection, "documents", [d for d, _, _ in batch])
        _insert_many(connection, "mentions", [m for _, m, _ in batch])
        _insert_many(connection, "events", [e for _, _, e in batch])
        connection.executemany(
            "INSERT INTO event_sources (event_id, mention_id, doc_id, role, linked_at) VALUES (?, ?, ?, 'lead', ?)",
            [(e["event_id"], m["mention_id"], d["doc_id"], e["created_at"]) for d, m, e in batch],
        )
        connection.executemany(
            "INSERT INTO claims (mention_id, doc_id, event_id, stance, source_kind, publisher, fatalities)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(m["mention_id"], d["doc_id"], e["event_id"], m["claim_stance"], d["source_kind"], d["publisher"],
              m["fatalities"]) for d, m, e in batch],
        )  # fmt: skip
        connection.execute("COMMIT")
        batch.clear()

    done = 0
    for rows in _event_rows(count, seed, pack):
        batch.append(rows)
        if len(batch) >= BATCH:
            done += len(batch)
            flush()
            if progress:
                progress(done)
    if batch:
        flush()
    _rebuild_derived(connection, triggers)
    connection.execute("ANALYZE")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


SEARCH_COLUMNS = ("text", "notes", "location", "admin2", "admin1", "actor1", "actor2", "assoc_actors")  # read_model.py's
NOT_COPIED = ("read_model_dirty", "event_search", "document_search", "event_keys", "document_keys")


def load_into_postgres(sqlite_path: Path, url: str) -> dict[str, int]:
    """Copy a synthetic SQLite store into the new, empty PostgreSQL database ``url`` by COPY; return rows per table.

    Benchmark-only twin of ``sitroom migrate-db`` for a million events: the read model is not
    recomputed event by event (that takes ~20 minutes at 1M on this machine) but copied from the
    SQLite store, where synthetic_store built it set-wise from the same rows; the tsvector search
    rows are made set-wise from the same text ``read_model`` indexes. The change-noting triggers are
    off during the load (``session_replication_role``: the throwaway cluster's user is a superuser).
    """
    from sitroom.store import connect_database
    from sitroom.store.copy import _copy_into_postgres, _move_identities, copied_tables

    with open_repository(sqlite_path), open_repository(url):
        pass  # both migrated to this sitroom's version
    source, target = connect_database(sqlite_path), connect_database(url)
    counts: dict[str, int] = {}
    try:
        base = copied_tables(source, target)
        derived = [t for t in DERIVED_TABLES if t not in NOT_COPIED and not t.endswith("_fts") and target.has_table(t)]
        target.execute("BEGIN")
        target.execute("SET LOCAL session_replication_role = replica")
        for table in [*base, *derived]:
            quoted = ", ".join(f'"{column}"' for column in source.column_names(table))
            counts[table] = _copy_into_postgres(source.execute(f"SELECT {quoted} FROM {table}"), target, table, quoted)
        body = " || ' ' || ".join(f"coalesce({column}, '')" for column in SEARCH_COLUMNS)
        target.execute(f"INSERT INTO event_search (event_id, body) SELECT event_id, to_tsvector('simple', {body}) FROM events")
        target.execute("INSERT INTO document_search (doc_id, body) SELECT doc_id, setweight(to_tsvector('simple',"
                       " coalesce(title, '')), 'A') || to_tsvector('simple', text) FROM documents")  # fmt: skip
        _move_identities(target, base)
        target.execute("COMMIT")
        # As after any bulk load (or pg_restore): without the visibility map a COUNT over an index
        # reads the heap too (list status: 200 ms instead of 30 ms at 1,000,000 events).
        target.execute("VACUUM (ANALYZE)")
    finally:
        source.close()
        target.close()
    return counts

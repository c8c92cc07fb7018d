"""Full-text search over events and documents: SQLite FTS5 or PostgreSQL tsvector, one interface.

The read model (read_model.py) calls ``replace_events`` / ``replace_documents`` with each
changed row's text; the API's queries call ``event_match`` / ``document_match`` for a clause.
User text becomes a safe query for either engine: words ANDed, "phrases" kept, a trailing
``*`` as a prefix; operators and punctuation in it cannot cause a syntax error.
"""

from __future__ import annotations

import re
from typing import Any

from sitroom.store.dialect import Database

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
PG_CONFIG = "simple"  # lower-cases words; no stemming, so a search finds what the text says


def _terms(text: str) -> list[tuple[list[str], bool]]:
    """Return (words, is_prefix) per term of ``text``: a phrase is one term of several words."""
    terms: list[tuple[list[str], bool]] = []
    for phrase, word in _TOKEN.findall(text):
        if phrase:
            if words := _WORD.findall(phrase):
                terms.append((words, False))
            continue
        pieces = _WORD.findall(word)
        for index, piece in enumerate(pieces):
            terms.append(([piece], word.endswith("*") and index == len(pieces) - 1))
    if not terms:
        raise ValueError(f"q {text!r} holds no word to search for")
    return terms


def fts5_query(text: str) -> str:
    """Return ``text`` as an FTS5 query (every word quoted)."""
    return " ".join('"' + " ".join(words) + '"' + ("*" if prefix else "") for words, prefix in _terms(text))


def tsquery(text: str) -> str:
    """Return ``text`` as a PostgreSQL tsquery for to_tsquery (every word quoted, phrases as <->)."""
    parts = []
    for words, prefix in _terms(text):
        quoted = [f"'{word.lower()}'" for word in words]
        parts.append(" <-> ".join(quoted) + (":*" if prefix else ""))
    return " & ".join(parts)


def event_match(database: Database, q: str, alias: str = "e", probe: bool = False) -> tuple[str, list[Any]]:
    """Return a condition on ``alias.event_id`` matching events whose text matches ``q``.

    ``probe`` checks each event on its own (for a walk in sort order that stops after one page)
    instead of collecting every match first (SQLite; PostgreSQL's planner chooses by itself).
    """
    if database.is_postgres:
        return (f"{alias}.event_id IN (SELECT event_id FROM event_search WHERE body @@ to_tsquery('{PG_CONFIG}', ?))",
                [tsquery(q)])  # fmt: skip
    if probe:
        return (f"EXISTS (SELECT 1 FROM event_keys k, events_fts f WHERE k.event_id = {alias}.event_id"
                " AND f.rowid = k.key AND events_fts MATCH ?)", [fts5_query(q)])  # fmt: skip
    return (f"{alias}.event_id IN (SELECT k.event_id FROM events_fts f JOIN event_keys k ON k.key = f.rowid"
            " WHERE events_fts MATCH ?)", [fts5_query(q)])  # fmt: skip


def event_ids_matching(database: Database, q: str) -> tuple[str, list[Any]]:
    """Return a SELECT of one column listing the keys of the events matching ``q`` (for counting)."""
    if database.is_postgres:
        return f"SELECT event_id FROM event_search WHERE body @@ to_tsquery('{PG_CONFIG}', ?)", [tsquery(q)]
    return "SELECT rowid FROM events_fts WHERE events_fts MATCH ?", [fts5_query(q)]


def document_match(database: Database, q: str, alias: str = "d") -> tuple[str, list[Any]]:
    """Return a condition on ``alias.doc_id`` matching documents whose title or text matches ``q``."""
    if database.is_postgres:
        return (f"{alias}.doc_id IN (SELECT doc_id FROM document_search WHERE body @@ to_tsquery('{PG_CONFIG}', ?))",
                [tsquery(q)])  # fmt: skip
    return (f"{alias}.doc_id IN (SELECT k.doc_id FROM documents_fts f JOIN document_keys k ON k.key = f.rowid"
            " WHERE documents_fts MATCH ?)", [fts5_query(q)])  # fmt: skip


def clear(database: Database) -> None:
    """Empty both search indexes."""
    tables = ("event_search", "document_search") if database.is_postgres else (
        "events_fts", "event_keys", "documents_fts", "document_keys")  # fmt: skip
    for table in tables:
        database.execute(f"DELETE FROM {table}")


def replace_events(database: Database, event_ids: list[str], bodies: dict[str, str]) -> None:
    """Make the event index hold ``bodies`` for ``event_ids`` (an id without a body is removed)."""
    marks = ", ".join("?" for _ in event_ids)
    if database.is_postgres:
        database.execute(f"DELETE FROM event_search WHERE event_id IN ({marks})", event_ids)
        database.executemany(
            f"INSERT INTO event_search (event_id, body) VALUES (?, to_tsvector('{PG_CONFIG}', ?))", list(bodies.items())
        )
        return
    database.execute(
        f"DELETE FROM events_fts WHERE rowid IN (SELECT key FROM event_keys WHERE event_id IN ({marks}))", event_ids
    )
    gone = [event_id for event_id in event_ids if event_id not in bodies]
    if gone:
        database.execute(f"DELETE FROM event_keys WHERE event_id IN ({', '.join('?' for _ in gone)})", gone)
    database.executemany("INSERT INTO event_keys (event_id) VALUES (?) ON CONFLICT DO NOTHING", [(i,) for i in bodies])
    database.executemany(
        "INSERT INTO events_fts (rowid, body) SELECT key, ? FROM event_keys WHERE event_id = ?",
        [(body, event_id) for event_id, body in bodies.items()],
    )


def replace_documents(database: Database, doc_ids: list[str], texts: dict[str, tuple[str, str]]) -> None:
    """Make the document index hold (title, text) for ``doc_ids`` (an id without one is removed)."""
    marks = ", ".join("?" for _ in doc_ids)
    if database.is_postgres:
        database.execute(f"DELETE FROM document_search WHERE doc_id IN ({marks})", doc_ids)
        database.executemany(
            f"INSERT INTO document_search (doc_id, body) VALUES (?, setweight(to_tsvector('{PG_CONFIG}', ?), 'A')"
            f" || to_tsvector('{PG_CONFIG}', ?))",
            [(doc_id, title, text) for doc_id, (title, text) in texts.items()],
        )
        return
    database.execute(
        f"DELETE FROM documents_fts WHERE rowid IN (SELECT key FROM document_keys WHERE doc_id IN ({marks}))", doc_ids
    )
    gone = [doc_id for doc_id in doc_ids if doc_id not in texts]
    if gone:
        database.execute(f"DELETE FROM document_keys WHERE doc_id IN ({', '.join('?' for _ in gone)})", gone)
    database.executemany("INSERT INTO document_keys (doc_id) VALUES (?) ON CONFLICT DO NOTHING", [(i,) for i in texts])
    database.executemany(
        "INSERT INTO documents_fts (rowid, title, body) SELECT key, ?, ? FROM document_keys WHERE doc_id = ?",
        [(title, text, doc_id) for doc_id, (title, text) in texts.items()],
    )


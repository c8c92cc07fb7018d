"""The store's actor-profile suggestions: facts found in documents, and the analyst's decisions.

``SqlRepository`` (both backends) inherits ``SqlProfileFacts``; it supplies ``_read()`` and
``_transaction()``. Saving a document's facts replaces its undecided suggestions and keeps the
decided ones (accepted or rejected), so re-running the analyze step never undoes a decision.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from sitroom.errors import ConflictError, NotFoundError, StoreError
from sitroom.store import rows
from sitroom.store.profile_records import SUGGESTION_STATUSES, ProfileFact, ProfileSuggestion
from sitroom.store.writes import audit

_COLUMNS = ("actor_id", "kind", "value", "doc_id", "span_start", "span_end", "evidence", "quote", "pattern_id",
            "extractor", "stated_on")  # fmt: skip
_SELECT = ("SELECT s.*, d.title AS doc_title, d.publisher AS doc_publisher, d.published AS doc_published, d.url AS doc_url"
           " FROM profile_suggestions s LEFT JOIN documents d ON d.doc_id = s.doc_id")  # fmt: skip


def _fact_row(fact: ProfileFact) -> tuple[Any, ...]:
    evidence = {name: list(span) for name, span in fact.evidence.items()}
    return (fact.actor_id, fact.kind, rows.to_json(fact.value), fact.doc_id, fact.start, fact.end, rows.to_json(evidence),
            fact.quote, fact.pattern_id, fact.extractor, fact.stated_on)  # fmt: skip


def _suggestion(row: Any) -> ProfileSuggestion:
    fact = ProfileFact(row["actor_id"], row["kind"], json.loads(row["value"]), row["doc_id"], row["span_start"], row["span_end"],
                       row["quote"], {k: (v[0], v[1]) for k, v in json.loads(row["evidence"]).items()}, row["pattern_id"],
                       row["extractor"], row["stated_on"])  # fmt: skip
    document = {"title": row["doc_title"], "publisher": row["doc_publisher"], "published": row["doc_published"], "url": row["doc_url"]}
    return ProfileSuggestion(row["suggestion_id"], fact, row["status"], row["created_at"], row["decided_by"], row["decided_at"],
                             row["why"], document)  # fmt: skip


class SqlProfileFacts:
    """Profile suggestions over SQL (portable: SQLite and PostgreSQL)."""

    def save_profile_facts(self, doc_id: str, facts: Iterable[ProfileFact]) -> int:
        """Replace ``doc_id``'s undecided suggestions by ``facts`` (decided ones stay); return how many are new."""
        facts = list(facts)
        if any(fact.doc_id != doc_id for fact in facts):
            raise StoreError(f"save_profile_facts({doc_id!r}) was given facts of another document")
        now = rows.utc_now()
        with self._transaction() as connection:  # type: ignore[attr-defined]
            keys = {(r["actor_id"], r["kind"], r["span_start"], r["span_end"]): r["status"] for r in connection.execute(
                "SELECT actor_id, kind, span_start, span_end, status FROM profile_suggestions WHERE doc_id = ?", (doc_id,))}
            connection.execute("DELETE FROM profile_suggestions WHERE doc_id = ? AND status = 'suggested'", (doc_id,))
            kept = {key for key, status in keys.items() if status != "suggested"}
            fresh = [fact for fact in facts if (fact.actor_id, fact.kind, fact.start, fact.end) not in kept]
            for fact in fresh:
                connection.execute(
                    f"INSERT INTO profile_suggestions ({', '.join(_COLUMNS)}, status, created_at)"
                    f" VALUES ({', '.join('?' for _ in _COLUMNS)}, 'suggested', ?)", (*_fact_row(fact), now))
        return sum(1 for fact in fresh if (fact.actor_id, fact.kind, fact.start, fact.end) not in keys)

    def add_profile_statement(self, fact: ProfileFact, who: str, why: str | None = None) -> ProfileSuggestion:
        """Keep a statement an analyst wrote down from a document, as accepted, with an audit row."""
        if not who or not who.strip():
            raise StoreError("a profile statement needs 'who' (the analyst adding it)")
        now = rows.utc_now()
        with self._transaction() as connection:  # type: ignore[attr-defined]
            if connection.execute("SELECT 1 FROM documents WHERE doc_id = ?", (fact.doc_id,)).fetchone() is None:
                raise NotFoundError(f"document {fact.doc_id!r} does not exist")
            same = connection.execute(
                "SELECT suggestion_id, status FROM profile_suggestions WHERE actor_id = ? AND kind = ? AND doc_id = ?"
                " AND span_start = ? AND span_end = ?", (fact.actor_id, fact.kind, fact.doc_id, fact.start, fact.end)).fetchone()
            if same is not None:
                raise ConflictError(f"these words already hold {fact.kind} statement {same['suggestion_id']} of {fact.actor_id}"
                                    f" ({same['status']}); decide that one instead")  # fmt: skip
            connection.execute(
                f"INSERT INTO profile_suggestions ({', '.join(_COLUMNS)}, status, decided_by, decided_at, why, created_at)"
                f" VALUES ({', '.join('?' for _ in _COLUMNS)}, 'accepted', ?, ?, ?, ?)", (*_fact_row(fact), who, now, why, now))
            new_id = connection.execute(
                "SELECT suggestion_id FROM profile_suggestions WHERE actor_id = ? AND kind = ? AND doc_id = ?"
                " AND span_start = ? AND span_end = ?", (fact.actor_id, fact.kind, fact.doc_id, fact.start, fact.end)).fetchone()[0]
            audit(connection, {"at": now, "who": who, "action": "create", "entity": "profile_suggestion",
                               "entity_id": str(new_id), "before": None,
                               "after": {"status": "accepted", "actor_id": fact.actor_id, "kind": fact.kind,
                                         "value": fact.value, "doc_id": fact.doc_id}, "why": why})  # fmt: skip
        return self.get_profile_suggestion(new_id)

    def list_profile_suggestions(self, actor_id: str | None = None, status: str | None = None) -> list[ProfileSuggestion]:
        """Return suggestions (of one actor, of one status), in document date then text order."""
        if status is not None and status not in SUGGESTION_STATUSES:
            raise StoreError(f"status {status!r} is not one of {', '.join(SUGGESTION_STATUSES)}")
        where, params = [], []
        for column, value in (("s.actor_id", actor_id), ("s.status", status)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + \
            " ORDER BY s.stated_on, s.doc_id, s.span_start, s.suggestion_id"  # fmt: skip
        with self._read() as connection:  # type: ignore[attr-defined]
            return [_suggestion(row) for row in connection.execute(sql, tuple(params)).fetchall()]

    def get_profile_suggestion(self, suggestion_id: int) -> ProfileSuggestion:
        """Return one suggestion; NotFoundError if there is none."""
        with self._read() as connection:  # type: ignore[attr-defined]
            row = connection.execute(_SELECT + " WHERE s.suggestion_id = ?", (suggestion_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"profile suggestion {suggestion_id} does not exist; `sitroom profile-facts list` shows them")
        return _suggestion(row)

    def decide_profile_suggestion(self, suggestion_id: int, status: str, who: str, why: str | None = None) -> ProfileSuggestion:
        """Accept or reject a suggestion (or put it back to 'suggested'), with an audit row."""
        if status not in SUGGESTION_STATUSES:
            raise StoreError(f"status {status!r} is not one of {', '.join(SUGGESTION_STATUSES)}")
        if not who or not who.strip():
            raise StoreError("a decision on a profile suggestion needs 'who' (the analyst deciding)")
        before = self.get_profile_suggestion(suggestion_id)
        now = rows.utc_now()
        with self._transaction() as connection:  # type: ignore[attr-defined]
            connection.execute("UPDATE profile_suggestions SET status = ?, decided_by = ?, decided_at = ?, why = ?"
                               " WHERE suggestion_id = ?", (status, who, now, why, suggestion_id))  # fmt: skip
            audit(connection, {"at": now, "who": who, "action": "update", "entity": "profile_suggestion",
                               "entity_id": str(suggestion_id), "before": {"status": before.status},
                               "after": {"status": status, "actor_id": before.fact.actor_id, "kind": before.fact.kind,
                                         "value": before.fact.value}, "why": why})  # fmt: skip
        return self.get_profile_suggestion(suggestion_id)

"""Resolution in the store: load its input, persist its result, keep decisions and explanations.

Every function takes an open connection; the writes run inside a transaction the
caller opened and never commit. Each change to an event (created, updated, deleted,
or its set of mentions changed) gets an audit_log row with the row before and after,
the member mention ids included, so a merge or split can be read back from the log.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sitroom.models import SourceKind
from sitroom.store import rows
from sitroom.store.dialect import Database
from sitroom.store.records import (
    DecisionEntry, ResolutionChanges, ResolutionInput, StorableDecision, StoredExplanation, StoredMention,
)  # fmt: skip
from sitroom.store.writes import AUDIT_SQL, audit, audit_row

_INPUT_SQL = (
    "SELECT m.*, d.publisher AS doc_publisher, d.source_kind AS doc_source_kind, d.published AS doc_published,"
    " (SELECT es.event_id FROM event_sources es WHERE es.mention_id = m.mention_id"
    "  AND es.resolved_at IS NOT NULL ORDER BY es.event_id LIMIT 1) AS resolved_event"
    " FROM mentions m JOIN documents d ON d.doc_id = m.doc_id"
    " WHERE m.is_aggregate = 0 ORDER BY m.doc_id, m.ordinal"
)
_EXPLANATION_SQL = (
    "INSERT INTO merge_explanations (mention_a, mention_b, event_id, score, threshold, decision, reason,"
    " features, resolver, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (mention_a, mention_b) DO UPDATE SET score = excluded.score, threshold = excluded.threshold,"
    " decision = excluded.decision, reason = excluded.reason, features = excluded.features,"
    " resolver = excluded.resolver, recorded_at = excluded.recorded_at"
)


def _stored_mention(row: Any) -> StoredMention:
    published = row["doc_published"]
    return StoredMention(
        mention=rows.row_to_mention(row),
        publisher=row["doc_publisher"],
        source_kind=SourceKind(row["doc_source_kind"]),
        published=dt.date.fromisoformat(published) if published else None,
    )


def load_input(connection: Database) -> ResolutionInput:
    """Return every non-aggregate mention, split into resolved (with its event) and new, plus the decisions."""
    resolved, new, assignments = [], [], {}
    for row in connection.execute(_INPUT_SQL):
        record = _stored_mention(row)
        if row["resolved_event"] is None:
            new.append(record)
        else:
            resolved.append(record)
            assignments[record.mention_id] = row["resolved_event"]
    decisions = [entry.record for entry in list_decisions(connection)]
    return ResolutionInput(resolved, assignments, new, decisions)


# -- decisions --------------------------------------------------------------------------


def insert_decision(connection: Database, decision: StorableDecision) -> None:
    """Store one analyst decision with its audit row (who and why are the decision's own)."""
    record = decision.to_record()
    connection.execute(
        "INSERT INTO decisions (decision_id, kind, who, why, decided_at, record) VALUES (?, ?, ?, ?, ?, ?)",
        (decision.decision_id, decision.kind, decision.who, decision.why, record["when"], rows.to_json(record)),
    )
    audit(connection, {
        "at": rows.utc_now(), "who": decision.who, "action": "create", "entity": "decision",
        "entity_id": decision.decision_id, "before": None, "after": record, "why": decision.why,
    })  # fmt: skip


def list_decisions(connection: Database) -> list[DecisionEntry]:
    """Return every stored decision, oldest first (by decided_at, then id), with the reason it last failed to apply."""
    found = connection.execute("SELECT record, problem, decided_at, decision_id FROM decisions").fetchall()
    ordered = sorted(found, key=lambda row: (_instant(row["decided_at"]), row["decision_id"]))
    return [DecisionEntry(json.loads(row["record"]), row["problem"]) for row in ordered]


def _instant(text: str) -> dt.datetime:
    """Return an ISO time as an aware datetime (naive times are taken as UTC), for ordering."""
    value = dt.datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def _record_problems(connection: Database, unapplied: list[tuple[str, str]]) -> None:
    problems = dict(unapplied)
    for (decision_id, problem) in connection.execute("SELECT decision_id, problem FROM decisions").fetchall():
        if problems.get(decision_id) != problem:
            connection.execute(
                "UPDATE decisions SET problem = ? WHERE decision_id = ?", (problems.get(decision_id), decision_id)
            )


# -- merge explanations -----------------------------------------------------------------


def _store_explanations(connection: Database, explanations: list, resolver: str, now: str) -> None:
    values = []
    for explanation in explanations:
        record = explanation.to_dict()
        first, second = sorted((explanation.mention_a, explanation.mention_b))
        values.append((
            first, second, explanation.event_id, record["score"], record["threshold"], record["decision"],
            record["reason"], rows.to_json(record["features"]), resolver, now,
        ))  # fmt: skip
    connection.executemany(_EXPLANATION_SQL, values)
    connection.execute(
        "UPDATE merge_explanations SET event_id = (SELECT es.event_id FROM event_sources es"
        " WHERE es.mention_id = merge_explanations.mention_a ORDER BY es.event_id LIMIT 1)"
    )


def explanations_for(connection: Database, event_id: str) -> list[StoredExplanation]:
    """Return the merge explanations of pairs with a mention in ``event_id``, best score first."""
    found = connection.execute(
        "SELECT * FROM merge_explanations WHERE mention_a IN (SELECT mention_id FROM event_sources WHERE event_id = ?)"
        " OR mention_b IN (SELECT mention_id FROM event_sources WHERE event_id = ?)"
        " ORDER BY score DESC, mention_a, mention_b",
        (event_id, event_id),
    ).fetchall()
    return [
        StoredExplanation(
            mention_a=row["mention_a"], mention_b=row["mention_b"], event_id=row["event_id"], score=row["score"],
            threshold=row["threshold"], decision=row["decision"], reason=row["reason"],
            features=json.loads(row["features"]),
        )  # fmt: skip
        for row in found
    ]


# -- persisting a resolution result -----------------------------------------------------


class ResolutionWriter:
    """Writes one ResolutionResult over the stored events, links and claims, with audit rows.

    Rows are written in batches (one ``executemany`` per kind of statement), in the order a
    row-by-row writer would write them, so the audit log's order is the events' order.
    """

    def __init__(self, connection: Database, who: str, why: str) -> None:
        self.connection = connection
        self.who = who
        self.why = why
        self.now = rows.utc_now()
        self.changes = ResolutionChanges()
        self._audits: list[tuple] = []

    def _audit(self, action: str, event_id: str, before: Any, after: Any) -> None:
        self._audits.append(audit_row({
            "at": self.now, "who": self.who, "action": action, "entity": "event",
            "entity_id": event_id, "before": before, "after": after, "why": self.why,
        }))  # fmt: skip

    def persist(self, given: ResolutionInput, result: Any, *, full: bool, resolver: str = "") -> ResolutionChanges:
        """Make the stored events equal ``result``; return what changed.

        ``full`` replaces every merge explanation (a rebuild); otherwise new ones are added.
        """
        self.changes.new_mentions = len(given.new)
        stored = {row["event_id"]: rows.row_dict(row) for row in self.connection.execute("SELECT * FROM events")}
        links = self._links()
        self._write_events(result, stored, links)
        self._sync_links(result, links)
        gone = sorted(set(stored) - {event.event_id for event in result.events})
        for event_id in gone:
            self._audit("delete", event_id, {**stored[event_id], "mentions": sorted(links.get(event_id, {}))}, None)
        self.connection.executemany("DELETE FROM events WHERE event_id = ?", [(event_id,) for event_id in gone])
        self.changes.events_deleted += len(gone)
        self.changes.events_before = len(stored)
        placed = result.assignments
        self.changes.events_merged = sum(1 for e in gone if links.get(e) and all(m in placed for m in links[e]))
        self._flush_audits()
        self._sync_claims(result.assignments)
        if full:
            self.connection.execute("DELETE FROM merge_explanations")
        _store_explanations(self.connection, result.explanations, resolver, self.now)
        _record_problems(self.connection, result.unapplied)
        self.changes.unapplied = list(result.unapplied)
        self.changes.events = len(result.events)
        moved = {m for m, e in result.assignments.items() if m in given.assignments and given.assignments[m] != e}
        self.changes.mentions_moved = len(moved)
        return self.changes

    def _flush_audits(self) -> None:
        self.connection.executemany(AUDIT_SQL, self._audits)
        self._audits = []

    def _links(self) -> dict[str, dict[str, tuple[str, str | None]]]:
        """Return event id -> mention id -> (role, resolved_at) of every stored link."""
        found: dict[str, dict[str, tuple[str, str | None]]] = {}
        for row in self.connection.execute("SELECT event_id, mention_id, role, resolved_at FROM event_sources"):
            found.setdefault(row["event_id"], {})[row["mention_id"]] = (row["role"], row["resolved_at"])
        return found

    def _write_events(self, result: Any, stored: dict[str, dict], links: dict) -> None:
        """Insert the new events and update the changed ones (audit rows are kept for ``_flush_audits``)."""
        clusters = result.clusters()
        inserts: dict[tuple[str, ...], list[tuple]] = {}
        updates: dict[tuple[str, ...], list[tuple]] = {}
        for event in result.events:
            members, before = sorted(clusters.get(event.event_id, [])), stored.get(event.event_id)
            row = rows.event_to_row(event, before["created_at"] if before else self.now, self.now)
            had = sorted(links.get(event.event_id, {}))
            if before is None:
                inserts.setdefault(tuple(row), []).append(tuple(row.values()))
                self._audit("create", event.event_id, None, {**row, "mentions": members})
                self.changes.events_created += 1
            elif {**before, "updated_at": self.now} != row or had != members:
                columns = tuple(column for column in row if column != "event_id")
                updates.setdefault(columns, []).append((*(row[column] for column in columns), event.event_id))
                self._audit("update", event.event_id, {**before, "mentions": had}, {**row, "mentions": members})
                self.changes.events_updated += 1
        for columns, values in inserts.items():
            marks = ", ".join("?" for _ in columns)
            self.connection.executemany(f"INSERT INTO events ({', '.join(columns)}) VALUES ({marks})", values)
        for columns, values in updates.items():
            assignments = ", ".join(f"{column} = ?" for column in columns)
            self.connection.executemany(f"UPDATE events SET {assignments} WHERE event_id = ?", values)

    def _sync_links(self, result: Any, links: dict) -> None:
        """Link every mention to its event only (lead role for the canonical mention), marked resolved."""
        leads = {event.event_id: event.coded.mention_id for event in result.events}
        doc_of = {event.event_id: {s.mention_id: s.doc_id for s in event.sources} for event in result.events}
        wanted = {(e, m) for m, e in result.assignments.items()}
        unwanted = [(e, m) for e, members in links.items() for m in members if (e, m) not in wanted]
        self.connection.executemany("DELETE FROM event_sources WHERE event_id = ? AND mention_id = ?", unwanted)
        inserts, updates = [], []
        for mention_id, event_id in sorted(result.assignments.items()):
            role = "lead" if leads.get(event_id) == mention_id else "supporting"
            current = links.get(event_id, {}).get(mention_id)
            if current is None:
                inserts.append((event_id, mention_id, doc_of[event_id][mention_id], role, self.now, self.now))
            elif current[0] != role or current[1] is None:
                updates.append((role, current[1] or self.now, event_id, mention_id))
        self.connection.executemany(
            "INSERT INTO event_sources (event_id, mention_id, doc_id, role, linked_at, resolved_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            inserts,
        )
        self.connection.executemany(
            "UPDATE event_sources SET role = ?, resolved_at = ? WHERE event_id = ? AND mention_id = ?", updates
        )

    def _sync_claims(self, assignments: dict[str, str]) -> None:
        self.connection.executemany(
            "UPDATE claims SET event_id = ? WHERE mention_id = ? AND event_id IS DISTINCT FROM ?",
            [(event_id, mention_id, event_id) for mention_id, event_id in assignments.items()],
        )

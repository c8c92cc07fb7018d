"""Review states, event versions and field corrections in the store (mixed into the repository).

An event without a review row is ``suggested`` at version 0. Every change is checked against
the version the editor saw (``save_review``): the UPDATE names that version, so of two editors
of one version exactly one succeeds and the other gets ConflictError, on SQLite and PostgreSQL.
Resolution may replace event ids (merge, split, rebuild); ``reconcile_reviews`` then moves each
review, its history and its corrections to the event that now holds its mentions, and reopens
reviewed events that gained a source. SQL is parameterised and portable.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any, Iterable

from sitroom.errors import ConflictError
from sitroom.store import rows
from sitroom.store.review_records import (
    JSON_LIST_FIELDS,
    REVIEW_FIELDS,
    EventVersion,
    FieldCorrection,
    ReviewChange,
    ReviewEventRow,
    ReviewState,
)

CHUNK = 400  # ids per IN (...) list, below every backend's parameter limit
REVIEWED = ("reviewed", "finalised")


def _json(value: Any) -> str | None:
    return None if value is None else rows.to_json(value)


def _state(row: Any) -> ReviewState:
    return ReviewState(
        event_id=row["event_id"], status=row["status"], version=int(row["version"]),
        members=tuple(json.loads(row["members"] or "[]")),
        reviewed_fields=json.loads(row["reviewed_fields"]) if row["reviewed_fields"] else None,
        reviewed_by=row["reviewed_by"], reviewed_at=row["reviewed_at"], finalised_by=row["finalised_by"],
        finalised_at=row["finalised_at"], comment=row["comment"], updated_by=row["updated_by"],
        updated_at=row["updated_at"],
    )  # fmt: skip


def review_fields(event_row: Any) -> dict[str, Any]:
    """Return the reviewable fields of an events-table row (JSON lists decoded)."""
    values = {name: event_row[name] for name in REVIEW_FIELDS}
    for name in JSON_LIST_FIELDS:
        values[name] = json.loads(values[name] or "[]")
    return values


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _marks(values: list[str]) -> str:
    return ", ".join("?" for _ in values)


def _state_values(state: ReviewState) -> tuple:
    return (
        state.status, rows.to_json(list(state.members)), _json(state.reviewed_fields), state.reviewed_by,
        state.reviewed_at, state.finalised_by, state.finalised_at, state.comment, state.updated_by, state.updated_at,
    )  # fmt: skip


def _write_state(connection: Any, state: ReviewState, expected: int) -> bool:
    """Write ``state`` at version expected + 1 if the stored version is ``expected``; return whether it was."""
    if expected == 0:
        cursor = connection.execute(
            "INSERT INTO event_reviews (status, members, reviewed_fields, reviewed_by, reviewed_at, finalised_by,"
            " finalised_at, comment, updated_by, updated_at, event_id, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
            " ON CONFLICT (event_id) DO NOTHING",
            (*_state_values(state), state.event_id),
        )
    else:
        cursor = connection.execute(
            "UPDATE event_reviews SET status = ?, members = ?, reviewed_fields = ?, reviewed_by = ?, reviewed_at = ?,"
            " finalised_by = ?, finalised_at = ?, comment = ?, updated_by = ?, updated_at = ?, version = version + 1"
            " WHERE event_id = ? AND version = ?",
            (*_state_values(state), state.event_id, expected),
        )
    return cursor.rowcount == 1


def _add_version(connection: Any, event_id: str, version: int, who: str, action: str, why: str | None,
                 before: Any, after: Any, at: str) -> None:  # fmt: skip
    connection.execute(
        "INSERT INTO event_versions (event_id, version, at, who, action, why, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (event_id, version, at, who, action, why, _json(before), _json(after)),
    )


def _add_correction(connection: Any, correction: FieldCorrection) -> None:
    connection.execute(
        "UPDATE field_corrections SET in_force = 0 WHERE event_id = ? AND field = ? AND in_force = 1",
        (correction.event_id, correction.field),
    )
    connection.execute(
        "INSERT INTO field_corrections (correction_id, event_id, anchor_mentions, field, value, who, why, decided_at,"
        " in_force) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
        (
            correction.correction_id, correction.event_id, rows.to_json(list(correction.anchor_mentions)),
            correction.field, rows.to_json(correction.value), correction.who, correction.why, correction.decided_at,
        ),
    )  # fmt: skip


def _members_of(connection: Any, event_ids: list[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for chunk in _chunks(sorted(set(event_ids))):
        for row in connection.execute(
            f"SELECT event_id, mention_id FROM event_sources WHERE event_id IN ({_marks(chunk)})", chunk
        ):
            found.setdefault(row["event_id"], set()).add(row["mention_id"])
    return found


def _events_of_mentions(connection: Any, mention_ids: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for chunk in _chunks(sorted(set(mention_ids))):
        for row in connection.execute(
            f"SELECT mention_id, event_id FROM event_sources WHERE mention_id IN ({_marks(chunk)})", chunk
        ):
            found.setdefault(row["mention_id"], row["event_id"])
    return found


class ReviewStore:
    """Repository methods of the review workflow (see the module docstring)."""

    def get_review(self, event_id: str) -> ReviewState:
        """Return the event's review state (``suggested`` at version 0 when never reviewed)."""
        with self._read() as connection:  # type: ignore[attr-defined]
            row = connection.execute("SELECT * FROM event_reviews WHERE event_id = ?", (event_id,)).fetchone()
        return _state(row) if row else ReviewState(event_id=event_id)

    def review_states(self, event_ids: list[str]) -> dict[str, ReviewState]:
        """Return the review state of each given event (never-reviewed ones as ``suggested``)."""
        found = {event_id: ReviewState(event_id=event_id) for event_id in event_ids}
        with self._read() as connection:  # type: ignore[attr-defined]
            for chunk in _chunks(sorted(set(event_ids))):
                for row in connection.execute(f"SELECT * FROM event_reviews WHERE event_id IN ({_marks(chunk)})", chunk):
                    found[row["event_id"]] = _state(row)
        return found

    def save_review(self, change: ReviewChange) -> ReviewState:
        """Store one review change, its version row and corrections, if made on the current version.

        Raises ConflictError (with the stored version) when someone changed the event since.
        """
        state = change.state
        with self._transaction() as connection:  # type: ignore[attr-defined]
            if not _write_state(connection, state, change.expected_version):
                row = connection.execute("SELECT version FROM event_reviews WHERE event_id = ?", (state.event_id,)).fetchone()
                current = int(row["version"]) if row else 0
                raise ConflictError(
                    f"event {state.event_id} was changed by someone else (now version {current}, your edit was made on "
                    f"version {change.expected_version}); reload it, your edit was not saved and is shown again",
                    current=current,
                )
            version = change.expected_version + 1
            _add_version(connection, state.event_id, version, change.who, change.action, change.why,
                         change.before, change.after, state.updated_at or rows.utc_now())  # fmt: skip
            for correction in change.corrections:
                _add_correction(connection, correction)
            row = connection.execute("SELECT * FROM event_reviews WHERE event_id = ?", (state.event_id,)).fetchone()
        return _state(row)

    def event_versions(self, event_id: str) -> list[EventVersion]:
        """Return the event's review history, oldest first."""
        with self._read() as connection:  # type: ignore[attr-defined]
            found = connection.execute("SELECT * FROM event_versions WHERE event_id = ? ORDER BY id", (event_id,)).fetchall()
        return [
            EventVersion(
                id=int(row["id"]), event_id=row["event_id"], version=int(row["version"]),
                at=dt.datetime.fromisoformat(row["at"]), who=row["who"], action=row["action"], why=row["why"],
                before=json.loads(row["before"]) if row["before"] else None,
                after=json.loads(row["after"]) if row["after"] else None,
            )  # fmt: skip
            for row in found
        ]

    def list_corrections(self) -> list[FieldCorrection]:
        """Return the field corrections in force, oldest first."""
        with self._read() as connection:  # type: ignore[attr-defined]
            found = connection.execute(
                "SELECT * FROM field_corrections WHERE in_force = 1 ORDER BY decided_at, correction_id"
            ).fetchall()
        return [
            FieldCorrection(
                correction_id=row["correction_id"], event_id=row["event_id"], field=row["field"],
                value=json.loads(row["value"]) if row["value"] is not None else None, who=row["who"], why=row["why"],
                decided_at=row["decided_at"], anchor_mentions=tuple(json.loads(row["anchor_mentions"] or "[]")),
            )  # fmt: skip
            for row in found
        ]

    def review_rows(self, event_ids: list[str]) -> list[ReviewEventRow]:
        """Return the given events with their review states and their sources' mentions (with documents)."""
        states = self.review_states(event_ids)
        with self._read() as connection:  # type: ignore[attr-defined]
            events: dict[str, dict] = {}
            mentions: dict[str, list[dict]] = {}
            for chunk in _chunks(sorted(set(event_ids))):
                for row in connection.execute(f"SELECT * FROM events WHERE event_id IN ({_marks(chunk)})", chunk):
                    events[row["event_id"]] = rows.row_dict(row)
                for row in connection.execute(
                    "SELECT es.event_id AS source_event, d.publisher AS doc_publisher, d.source_kind AS doc_source_kind,"
                    " d.published AS doc_published, m.* FROM event_sources es JOIN mentions m ON m.mention_id = es.mention_id"
                    f" JOIN documents d ON d.doc_id = m.doc_id WHERE es.event_id IN ({_marks(chunk)})"
                    " ORDER BY es.event_id, m.doc_id, m.ordinal",
                    chunk,
                ):
                    mentions.setdefault(row["source_event"], []).append(rows.row_dict(row))
        return [ReviewEventRow(events[e], states[e], mentions.get(e, [])) for e in event_ids if e in events]

    def events_by_review_status(self, statuses: tuple[str, ...], limit: int) -> list[str]:
        """Return up to ``limit`` event ids whose review status is one of ``statuses``, newest change first."""
        marks = _marks(list(statuses))
        with self._read() as connection:  # type: ignore[attr-defined]
            found = connection.execute(
                "SELECT e.event_id FROM events e LEFT JOIN event_reviews r ON r.event_id = e.event_id"
                f" WHERE COALESCE(r.status, 'suggested') IN ({marks}) ORDER BY e.updated_at DESC, e.event_id LIMIT ?",
                (*statuses, int(limit)),
            ).fetchall()
        return [row["event_id"] for row in found]

    def reviewed_actor_names(self) -> set[str]:
        """Return every actor named by a reviewed or finalised event (to tell new actors apart)."""
        with self._read() as connection:  # type: ignore[attr-defined]
            found = connection.execute(
                "SELECT e.actor1, e.actor2, e.assoc_actors FROM events e JOIN event_reviews r ON r.event_id = e.event_id"
                " WHERE r.status IN (?, ?)",
                REVIEWED,
            ).fetchall()
        names: set[str] = set()
        for row in found:
            names.update(n for n in (row["actor1"], row["actor2"], *json.loads(row["assoc_actors"] or "[]")) if n)
        return names

    def reconcile_reviews(self, who: str, why: str) -> list[str]:
        """After a resolution: move reviews to their events' current ids; reopen reviewed events with new sources.

        Returns the ids of the events reopened. Runs in one transaction.
        """
        now = rows.utc_now()
        with self._transaction() as connection:  # type: ignore[attr-defined]
            states = [_state(row) for row in connection.execute("SELECT * FROM event_reviews").fetchall()]
            if not states:
                return []
            current = _members_of(connection, [s.event_id for s in states])
            home = _events_of_mentions(connection, [m for s in states if s.event_id not in current for m in s.members])
            for state in states:
                if state.event_id not in current:
                    _rekey(connection, state, home, current, who, now)
            return _reopen_grown(connection, who, why, now)


def _rekey(connection: Any, state: ReviewState, home: dict[str, str], current: dict, who: str, now: str) -> None:
    """Move a review whose event id vanished to the event now holding most of its mentions."""
    votes = Counter(home[m] for m in state.members if m in home)
    if not votes:
        return  # every mention is gone: the review stays, attached to no event
    target = votes.most_common(1)[0][0]
    for table in ("event_versions", "field_corrections"):
        connection.execute(f"UPDATE {table} SET event_id = ? WHERE event_id = ?", (target, state.event_id))
    taken = connection.execute("SELECT version FROM event_reviews WHERE event_id = ?", (target,)).fetchone()
    if taken is None:
        connection.execute("UPDATE event_reviews SET event_id = ? WHERE event_id = ?", (target, state.event_id))
        return
    # Two reviewed events became one: keep the target's review, reopened for a look at the merge.
    connection.execute("DELETE FROM event_reviews WHERE event_id = ?", (state.event_id,))
    members = sorted(set(state.members) | set(current.get(target, ())))
    connection.execute(
        "UPDATE event_reviews SET status = 'suggested', members = ?, version = version + 1, updated_by = ?, updated_at = ?"
        " WHERE event_id = ?",
        (rows.to_json(members), who, now, target),
    )
    _add_version(connection, target, int(taken["version"]) + 1, who, "reopen", f"merged with {state.event_id}",
                 {"status": state.status}, {"status": "suggested"}, now)  # fmt: skip


def _reopen_reason(added: list[str], changed: dict[str, Any], fields: dict[str, Any]) -> str:
    """Say why an event was reopened: its new sources' documents and the fields that moved (old -> new)."""
    parts = []
    if added:
        parts.append(f"new source {', '.join(sorted({m.split('#')[0] for m in added}))}")
    if changed:
        moved = ", ".join(f"{name} {changed[name]} -> {fields[name]}" for name in sorted(changed))
        parts.append(f"changed since it was reviewed: {moved}")
    return "reopened: " + "; ".join(parts)


def _reopen_grown(connection: Any, who: str, why: str, now: str) -> list[str]:
    """Reopen every reviewed or finalised event that gained a mention, or whose fields the machine changed."""
    found = connection.execute(
        "SELECT r.* FROM event_reviews r JOIN events e ON e.event_id = r.event_id"
        " WHERE r.status IN (?, ?)",
        REVIEWED,
    ).fetchall()
    states = [_state(row) for row in found]
    members = _members_of(connection, [s.event_id for s in states])
    reopened = []
    for state in states:
        added = sorted(members.get(state.event_id, set()) - set(state.members))
        event_row = connection.execute("SELECT * FROM events WHERE event_id = ?", (state.event_id,)).fetchone()
        fields = review_fields(event_row)
        changed = {k: v for k, v in (state.reviewed_fields or {}).items() if k in fields and fields[k] != v}
        if not added and not changed:
            continue
        before = {"status": state.status, **changed}
        after = {"status": "suggested", **{k: fields[k] for k in changed}, **({"new_mentions": added} if added else {})}
        connection.execute(
            "UPDATE event_reviews SET status = 'suggested', members = ?, version = version + 1, comment = ?,"
            " updated_by = ?, updated_at = ? WHERE event_id = ?",
            (rows.to_json(sorted(members.get(state.event_id, ()))), _reopen_reason(added, changed, fields), who, now,
             state.event_id),
        )  # fmt: skip
        reason = f"{why}: {_reopen_reason(added, changed, fields)}"
        _add_version(connection, state.event_id, state.version + 1, who, "reopen", reason, before, after, now)
        reopened.append(state.event_id)
    return reopened

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

from sitroom.errors import ConflictError, StoreError
from sitroom.store import rows
from sitroom.store.review_records import (
    JSON_LIST_FIELDS,
    REVIEW_FIELDS,
    EventVersion,
    FieldCorrection,
    ReviewChange,
    ReviewEventRow,
    ReviewHold,
    ReviewState,
)
from sitroom.store.review_scores import note_known_actors, note_review_changes

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
        updated_at=row["updated_at"], review_pending=_decoded(row["review_pending"]),
        machine_seen=_decoded(row["machine_seen"]),
    )  # fmt: skip


def _decoded(text: str | None) -> dict[str, Any] | None:
    return json.loads(text) if text else None


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
        _json(state.review_pending or None), _json(state.machine_seen or None),
    )  # fmt: skip


def _write_state(connection: Any, state: ReviewState, expected: int) -> bool:
    """Write ``state`` at version expected + 1 if the stored version is ``expected``; return whether it was."""
    if expected == 0:
        cursor = connection.execute(
            "INSERT INTO event_reviews (status, members, reviewed_fields, reviewed_by, reviewed_at, finalised_by,"
            " finalised_at, comment, updated_by, updated_at, review_pending, machine_seen, event_id, version)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
            " ON CONFLICT (event_id) DO NOTHING",
            (*_state_values(state), state.event_id),
        )
    else:
        cursor = connection.execute(
            "UPDATE event_reviews SET status = ?, members = ?, reviewed_fields = ?, reviewed_by = ?, reviewed_at = ?,"
            " finalised_by = ?, finalised_at = ?, comment = ?, updated_by = ?, updated_at = ?, review_pending = ?,"
            " machine_seen = ?, version = version + 1 WHERE event_id = ? AND version = ?",
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


def _write_event_values(connection: Any, event_id: str, values: dict[str, Any]) -> None:
    """Write reviewable fields into the events row (the machine's values a reviewer took)."""
    unknown = [name for name in values if name not in REVIEW_FIELDS]
    if unknown:
        raise StoreError(f"{unknown[0]!r} is not a reviewable events column ({', '.join(REVIEW_FIELDS)})")
    if not values:
        return
    names = sorted(values)
    encoded = [rows.to_json(values[name] or []) if name in JSON_LIST_FIELDS else values[name] for name in names]
    assignments = ", ".join(f"{name} = ?" for name in names)
    connection.execute(f"UPDATE events SET {assignments} WHERE event_id = ?", (*encoded, event_id))


def _event_actors(connection: Any, event_id: str) -> list[str]:
    row = connection.execute("SELECT actor1, actor2, assoc_actors FROM events WHERE event_id = ?", (event_id,)).fetchone()
    if row is None:
        return []
    return [name for name in (row["actor1"], row["actor2"], *json.loads(row["assoc_actors"] or "[]")) if name]


def _note_for_scores(connection: Any, event_id: str, before: str | None, after: str) -> None:
    """Note the event for rescoring; when it enters or leaves review, also the events its actors are new in."""
    note_review_changes(connection, [event_id])
    if before in REVIEWED or after in REVIEWED:
        note_known_actors(connection, _event_actors(connection, event_id))


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
            _write_event_values(connection, state.event_id, change.event_values)
            _note_for_scores(connection, state.event_id, (change.before or {}).get("status"), state.status)
            row = connection.execute("SELECT * FROM event_reviews WHERE event_id = ?", (state.event_id,)).fetchone()
        return _state(row)

    def review_holds(self) -> list[ReviewHold]:
        """Return the accepted values of every event reviewed once and not rejected (held after resolutions)."""
        with self._read() as connection:  # type: ignore[attr-defined]
            found = connection.execute(
                "SELECT event_id, reviewed_fields, machine_seen, members FROM event_reviews"
                " WHERE reviewed_fields IS NOT NULL AND status <> 'rejected' ORDER BY event_id"
            ).fetchall()
        return [
            ReviewHold(row["event_id"], json.loads(row["reviewed_fields"]), _decoded(row["machine_seen"]) or {},
                       tuple(json.loads(row["members"] or "[]")))  # fmt: skip
            for row in found
        ]

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

    def reconcile_reviews(self, who: str, why: str, pending: dict[str, dict[str, Any]] | None = None) -> list[str]:
        """After a resolution: move reviews to their events' current ids; reopen reviewed events that changed.

        ``pending`` (event id -> field -> the machine's value) holds what the resolution found
        differing from the reviewed values it kept (``review_holds``): a reviewed event with such
        values or a new source is reopened with them waiting beside its values (``review_pending``).
        Without it, the events' stored values are compared with the reviewed ones (nothing is held).
        Returns the ids of the events reopened. Runs in one transaction.
        """
        now = rows.utc_now()
        with self._transaction() as connection:  # type: ignore[attr-defined]
            states = [_state(row) for row in connection.execute("SELECT * FROM event_reviews").fetchall()]
            if not states:
                return []
            current = _members_of(connection, [s.event_id for s in states])
            home = _events_of_mentions(connection, [m for s in states if s.event_id not in current for m in s.members])
            touched = []
            for state in states:
                if state.event_id not in current:
                    touched.append(_rekey(connection, state, home, current, who, now))
            if pending is None:
                reopened = _reopen_grown(connection, who, why, now)
            else:
                reopened = _reopen_held(connection, who, why, now, pending)
            note_review_changes(connection, [event_id for event_id in (*touched, *reopened) if event_id])
            return reopened


def _rekey(connection: Any, state: ReviewState, home: dict[str, str], current: dict, who: str, now: str) -> str | None:
    """Move a review whose event id vanished to the event now holding most of its mentions; return that id."""
    votes = Counter(home[m] for m in state.members if m in home)
    if not votes:
        return None  # every mention is gone: the review stays, attached to no event
    target = votes.most_common(1)[0][0]
    for table in ("event_versions", "field_corrections"):
        connection.execute(f"UPDATE {table} SET event_id = ? WHERE event_id = ?", (target, state.event_id))
    taken = connection.execute("SELECT version FROM event_reviews WHERE event_id = ?", (target,)).fetchone()
    if taken is None:
        connection.execute("UPDATE event_reviews SET event_id = ? WHERE event_id = ?", (target, state.event_id))
        return target
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
    return target


def _changes(names: Any, old: dict[str, Any], new: dict[str, Any]) -> str:
    """Say how each named field moved: "fatalities 3 -> 7, admin1 Kabul -> Parwan"."""
    return ", ".join(f"{name} {old.get(name)} -> {new[name]}" for name in sorted(names))


def _reopen_reason(added: list[str], moved: str, note: str = "") -> str:
    """Say why an event was reopened: its new sources' documents and the fields that moved (``_changes``)."""
    parts = []
    if added:
        parts.append(f"new source {', '.join(sorted({m.split('#')[0] for m in added}))}")
    if moved:
        parts.append(f"changed since it was reviewed: {moved}{note}")
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
        reason = _reopen_reason(added, _changes(changed, changed, fields))
        connection.execute(
            "UPDATE event_reviews SET status = 'suggested', members = ?, version = version + 1, comment = ?,"
            " updated_by = ?, updated_at = ? WHERE event_id = ?",
            (rows.to_json(sorted(members.get(state.event_id, ()))), reason, who, now, state.event_id),
        )  # fmt: skip
        _add_version(connection, state.event_id, state.version + 1, who, "reopen", f"{why}: {reason}", before, after, now)
        reopened.append(state.event_id)
    return reopened


HELD_NOTE = " (the reviewed values stay until a reviewer takes these)"


def _reopen_held(connection: Any, who: str, why: str, now: str, pending: dict[str, dict[str, Any]]) -> list[str]:
    """Reopen reviewed events with new sources or machine values; renew the values waiting on reopened ones."""
    found = connection.execute(
        "SELECT r.* FROM event_reviews r JOIN events e ON e.event_id = r.event_id"
        " WHERE r.status IN (?, ?) OR r.review_pending IS NOT NULL",
        REVIEWED,
    ).fetchall()
    states = [_state(row) for row in found]
    members = _members_of(connection, [s.event_id for s in states])
    changed = []
    for state in states:
        now_members = members.get(state.event_id, set())
        added = sorted(now_members - set(state.members))
        moved = pending.get(state.event_id, {})
        reviewed = state.reviewed_fields or {}
        if state.status in REVIEWED and not added and not moved:
            continue
        if state.status not in REVIEWED and moved == (state.review_pending or {}):
            continue
        reason = _reopen_reason(added, _changes(moved, reviewed, moved), HELD_NOTE) if state.status in REVIEWED else (
            "the machine's values waiting for review changed: " + (_changes(moved, reviewed, moved) or "none now"))
        status = "suggested" if state.status in REVIEWED else state.status
        connection.execute(
            "UPDATE event_reviews SET status = ?, members = ?, version = version + 1, comment = ?,"
            " review_pending = ?, updated_by = ?, updated_at = ? WHERE event_id = ?",
            (status, rows.to_json(sorted(now_members)), reason, _json(moved or None), who, now, state.event_id),
        )
        before = {"status": state.status, **{name: reviewed.get(name) for name in moved}}
        after = {"status": status, **moved, **({"new_mentions": added} if added else {})}
        _add_version(connection, state.event_id, state.version + 1, who, "reopen", f"{why}: {reason}", before, after, now)
        changed.append(state.event_id)
    return changed

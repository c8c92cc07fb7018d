"""The review workflow: accept, finalise, correct, reject, send back, reopen, merge and split.

Status flow: machine-coded events start ``suggested``; a reviewer accepts (``reviewed``); a second,
different reviewer finalises (``finalised``); ``reopen`` sends any of them back to ``suggested``;
``reject`` marks "no event" (``rejected``); ``send_back`` asks the analysts to look again
(``sent_back``, with a comment). Analysts correct fields, merge and split; reviewers also move
statuses. Every change names the version it was made on; a stale one raises ConflictError and
changes nothing. Corrections are stored as decisions and re-applied after every resolution.
"""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from sitroom.auth.accounts import role_allows
from sitroom.errors import ConflictError, InputError, PermissionDeniedError
from sitroom.models import Event
from sitroom.review.fields import clean_corrections, event_fields
from sitroom.store import rows
from sitroom.store.review_records import FieldCorrection, ReviewChange, ReviewState

# action -> (statuses it may start from, status it leads to (None: unchanged), least role)
TRANSITIONS: dict[str, tuple[frozenset[str], str | None, str]] = {
    "accept": (frozenset({"suggested", "sent_back"}), "reviewed", "reviewer"),
    # A reopened event keeps its reviewed values; this takes the machine's waiting ones instead.
    "accept_machine": (frozenset({"suggested", "sent_back"}), "reviewed", "reviewer"),
    "finalise": (frozenset({"reviewed"}), "finalised", "reviewer"),
    "reject": (frozenset({"suggested", "sent_back", "reviewed"}), "rejected", "reviewer"),
    "send_back": (frozenset({"suggested", "reviewed"}), "sent_back", "reviewer"),
    "reopen": (frozenset({"reviewed", "finalised", "rejected", "sent_back"}), "suggested", "reviewer"),
    "correct": (frozenset({"suggested", "sent_back", "reviewed", "finalised"}), None, "analyst"),
}
ACTIONS = tuple(TRANSITIONS)


@dataclass(frozen=True, slots=True)
class Reviewer:
    """Who acts: the account's name and role."""

    name: str
    role: str


def _require(reviewer: Reviewer, needed: str, action: str) -> None:
    if not role_allows(reviewer.role, needed):
        raise PermissionDeniedError(f"{action} needs the {needed} role; {reviewer.name} is {reviewer.role}")


def _next_status(action: str, state: ReviewState, reviewer: Reviewer, corrected: bool) -> str:
    """Return the status ``action`` leads to from ``state``; InputError when the flow does not allow it."""
    if action not in TRANSITIONS:
        raise InputError("action", f"{action!r} is not one of {', '.join(ACTIONS)}")
    allowed, target, _ = TRANSITIONS[action]
    if state.status not in allowed:
        raise InputError("action", f"cannot {action} an event that is {state.status}")
    if action == "finalise" and state.reviewed_by == reviewer.name:
        raise InputError("action", f"{reviewer.name} accepted this event; a second, different reviewer finalises it")
    if target is None:  # a correction of an accepted event needs a new review
        return "suggested" if corrected and state.status in ("reviewed", "finalised") else state.status
    return target


def _corrections(event: Event, cleaned: Mapping[str, Any], who: str, why: str, now: str) -> tuple[FieldCorrection, ...]:
    anchors = tuple(sorted(source.mention_id for source in event.sources))
    return tuple(
        FieldCorrection(correction_id=uuid.uuid4().hex[:16], event_id=event.event_id, field=name, value=value,
                        who=who, why=why, decided_at=now, anchor_mentions=anchors)  # fmt: skip
        for name, value in cleaned.items()
    )


def _new_state(state: ReviewState, status: str, action: str, reviewer: Reviewer, event: Event,
               fields: dict[str, Any], comment: str | None, now: str) -> ReviewState:  # fmt: skip
    changes: dict[str, Any] = {
        "status": status, "updated_by": reviewer.name, "updated_at": now,
        "members": tuple(sorted(source.mention_id for source in event.sources)),
    }  # fmt: skip
    if action in ("accept", "accept_machine"):
        changes.update(reviewed_by=reviewer.name, reviewed_at=now, reviewed_fields=fields, finalised_by=None,
                       finalised_at=None, review_pending=None)  # fmt: skip
        if action == "accept" and state.review_pending:  # the reviewer kept the reviewed values over these
            changes["machine_seen"] = {**(state.machine_seen or {}), **state.review_pending}
    elif action == "finalise":
        changes.update(finalised_by=reviewer.name, finalised_at=now, reviewed_fields=fields)
    elif status == "suggested":
        changes.update(finalised_by=None, finalised_at=None)
    if action in ("send_back", "reopen", "reject") or comment:
        changes["comment"] = comment
    return dataclasses.replace(state, **changes)


def review_event(repository, event_id: str, action: str, *, reviewer: Reviewer, version: int,
                 why: str | None = None, corrections: Mapping[str, Any] | None = None, settings=None) -> ReviewState:  # fmt: skip
    """Apply one review action (with optional field corrections) made on ``version``; return the new state.

    Raises NotFoundError (no such event), PermissionDeniedError (role), InputError (flow, field
    values, missing comment) or ConflictError (someone changed the event since ``version``).
    """
    if action not in TRANSITIONS:
        raise InputError("action", f"{action!r} is not one of {', '.join(ACTIONS)}")
    _require(reviewer, TRANSITIONS[action][2], action)
    if corrections:
        _require(reviewer, "analyst", "correcting fields")
    event = repository.get_event(event_id)
    state = repository.get_review(event_id)
    if state.version != version:
        raise ConflictError(f"event {event_id} is at version {state.version}, your edit was made on version {version};"
                            " reload it (your edit was not saved)", current=state.version)  # fmt: skip
    why = (why or "").strip() or None
    if action in ("send_back", "reject", "reopen") and not why:
        raise InputError("why", f"{action.replace('_', ' ')} needs a comment saying why")
    current = event_fields(event)
    if action == "accept_machine":
        return _accept_machine(repository, event, state, reviewer, why, current, corrections)
    cleaned = clean_corrections(corrections or {}, current)
    if action == "correct" and not cleaned:
        raise InputError("corrections", "no field differs from the event's current values")
    status = _next_status(action, state, reviewer, bool(cleaned))
    now = rows.utc_now()
    fields = {**current, **cleaned}
    new = _new_state(state, status, action, reviewer, event, fields, why if action in ("send_back", "reopen", "reject") else None, now)
    before = {"status": state.status, **{name: current[name] for name in cleaned}}
    after = {"status": status, **cleaned}
    change = ReviewChange(version, new, action, reviewer.name, why, before, after,
                          _corrections(event, cleaned, reviewer.name, why or action, now))  # fmt: skip
    saved = repository.save_review(change)
    if cleaned:
        from sitroom.resolve.workflow import resolve_store

        resolve_store(repository, who=reviewer.name, why=f"correction of {event_id}: {why or action}", settings=settings)
    return saved


def _accept_machine(repository, event: Event, state: ReviewState, reviewer: Reviewer, why: str | None,
                    current: dict[str, Any], corrections: Mapping[str, Any] | None) -> ReviewState:  # fmt: skip
    """Take the machine's values waiting beside a reopened event's reviewed ones, and accept the event."""
    if corrections:
        raise InputError("corrections", "accept_machine takes the machine's values as they are; correct them first")
    waiting = dict(state.review_pending or {})
    if not waiting:
        raise InputError("action", f"no machine values wait beside event {event.event_id}'s reviewed values")
    now = rows.utc_now()
    fields = {**current, **waiting}
    new = _new_state(state, "reviewed", "accept_machine", reviewer, event, fields, None, now)
    change = ReviewChange(state.version, new, "accept_machine", reviewer.name, why or "the machine's values taken",
                          {"status": state.status, **{name: current.get(name) for name in waiting}},
                          {"status": "reviewed", **waiting}, event_values=waiting)  # fmt: skip
    return repository.save_review(change)


def _record_structure_change(repository, event_id: str, reviewer: Reviewer, action: str, why: str,
                             before: dict, after: dict) -> ReviewState:  # fmt: skip
    """Add a merge or split version row to an event (its status: suggested again if it was accepted)."""
    state = repository.get_review(event_id)
    event = repository.get_event(event_id)
    status = "suggested" if state.status in ("reviewed", "finalised") else state.status
    now = rows.utc_now()
    new = _new_state(state, status, action, reviewer, event, event_fields(event), None, now)
    change = ReviewChange(state.version, new, action, reviewer.name, why, {"status": state.status, **before},
                          {"status": status, **after})  # fmt: skip
    return repository.save_review(change)


def _check_versions(repository, versions: Mapping[str, int]) -> None:
    for event_id, version in versions.items():
        current = repository.get_review(event_id).version
        if current != int(version):
            raise ConflictError(f"event {event_id} is at version {current}, your edit was made on version {version};"
                                " reload it (nothing was changed)", current=current)  # fmt: skip


def merge_for_review(repository, event_ids: Sequence[str], versions: Mapping[str, int], *, reviewer: Reviewer,
                     why: str, settings=None) -> ReviewState:  # fmt: skip
    """Merge events (the first id is kept) as a stored decision; return the kept event's review state."""
    from sitroom.resolve.workflow import merge_events

    _require(reviewer, "analyst", "merge")
    ids = list(dict.fromkeys(event_ids))
    _check_versions(repository, {event_id: versions.get(event_id, 0) for event_id in ids})
    members = {event_id: [s.mention_id for s in repository.get_event(event_id).sources] for event_id in ids}
    merge_events(repository, ids, who=reviewer.name, why=why, settings=settings)
    return _record_structure_change(repository, ids[0], reviewer, "merge", why,
                                    {"mentions": members[ids[0]]},
                                    {"mentions": sorted(m for group in members.values() for m in group), "merged": ids[1:]})  # fmt: skip


def split_for_review(repository, event_id: str, mention_ids: Sequence[str], version: int, *, reviewer: Reviewer,
                     why: str, settings=None) -> tuple[ReviewState, str]:  # fmt: skip
    """Split mentions off an event into one of their own; return the original's review state and the new id."""
    from sitroom.resolve.workflow import split_mentions

    _require(reviewer, "analyst", "split")
    _check_versions(repository, {event_id: version})
    members = [s.mention_id for s in repository.get_event(event_id).sources]
    split_mentions(repository, event_id, list(mention_ids), who=reviewer.name, why=why, settings=settings)
    new_id = repository.resolution_input().assignments.get(mention_ids[0])
    if new_id is None or new_id == event_id:
        raise InputError(f"event {event_id}", "the split did not take effect; see `sitroom decisions`")
    kept = sorted(set(members) - set(mention_ids))
    state = _record_structure_change(repository, event_id, reviewer, "split", why, {"mentions": members},
                                     {"mentions": kept, "split_into": new_id})  # fmt: skip
    _record_structure_change(repository, new_id, reviewer, "split", why, {"split_from": event_id},
                             {"mentions": sorted(mention_ids)})  # fmt: skip
    return state, new_id

"""Analyst decisions (merge, split, move, undo) as typed, replayable records.

Decisions are never applied to stored rows directly: the store keeps them (with
who, why and when) and ``apply_decisions`` replays all of them, oldest first, on
top of every clustering, including one re-run after new documents. Each
decision is idempotent, so replaying it changes nothing once it holds:

- ``Merge(event_ids)``: the events become one; it keeps the first id.
- ``Split(event_id, mention_ids, apart_from)``: the listed mentions form an event
  apart from the ``apart_from`` mentions (the event's other members when the
  decision was taken; ``split_event`` fills them in). A new mention that later
  joins either side stays where clustering put it.
- ``Move(mention_id, to_event_id)``: the mention belongs to that event.
- ``Undo(target_id)``: the target decision no longer applies (undo an Undo to
  restore it). Nothing is deleted, so every decision stays auditable.

An event id that no longer exists is traced to the mention it derives from
(``event_id_for``) and resolved to that mention's current event.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field

from sitroom.errors import InputError
from sitroom.resolve.identity import unused_id
from sitroom.resolve.records import event_id_for

Clusters = dict[str, list[str]]  # event id -> mention ids


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def _new_id() -> str:
    return uuid.uuid4().hex[:16]


@dataclass(frozen=True, slots=True, kw_only=True)
class Decision:
    """Who decided what, why and when; ``decision_id`` is what an Undo names."""

    who: str
    why: str
    when: dt.datetime = field(default_factory=_now)
    decision_id: str = field(default_factory=_new_id)

    kind = "decision"

    def to_record(self) -> dict:
        """Return a JSON-ready dict (what the store persists; see ``decision_from_record``)."""
        record = asdict(self)
        record["kind"] = self.kind
        record["when"] = self.when.isoformat()
        return {key: list(value) if isinstance(value, tuple) else value for key, value in record.items()}


@dataclass(frozen=True, slots=True, kw_only=True)
class Merge(Decision):
    """These events are one event."""

    event_ids: tuple[str, ...]
    kind = "merge"


@dataclass(frozen=True, slots=True, kw_only=True)
class Split(Decision):
    """These mentions are an event apart from the other mentions of ``event_id``."""

    event_id: str
    mention_ids: tuple[str, ...]
    apart_from: tuple[str, ...] = ()
    kind = "split"


@dataclass(frozen=True, slots=True, kw_only=True)
class Move(Decision):
    """This mention belongs to that event."""

    mention_id: str
    to_event_id: str
    kind = "move"


@dataclass(frozen=True, slots=True, kw_only=True)
class Undo(Decision):
    """The decision ``target_id`` no longer applies."""

    target_id: str
    kind = "undo"


KINDS: dict[str, type[Decision]] = {cls.kind: cls for cls in (Merge, Split, Move, Undo)}
_TUPLE_FIELDS = ("event_ids", "mention_ids", "apart_from")


def decision_from_record(record: Mapping) -> Decision:
    """Return the decision a ``to_record`` dict describes; raise InputError naming the problem."""
    source = f"decision {record.get('decision_id', '?')}"
    cls = KINDS.get(str(record.get("kind")))
    if cls is None:
        raise InputError(source, f"unknown kind {record.get('kind')!r}; expected one of {', '.join(KINDS)}")
    values = {key: value for key, value in record.items() if key != "kind"}
    try:
        values["when"] = dt.datetime.fromisoformat(values["when"])
        for key in _TUPLE_FIELDS:
            if key in values:
                values[key] = tuple(values[key])
        return cls(**values)
    except (KeyError, TypeError, ValueError) as error:
        raise InputError(source, f"invalid {cls.kind} record: {error}") from None


def split_event(clusters: Mapping[str, list[str]], event_id: str, mention_ids: Iterable[str], who: str, why: str) -> Split:
    """Return a Split of ``mention_ids`` out of ``event_id``, recording the members they part from."""
    listed = tuple(sorted(mention_ids))
    if event_id not in clusters:
        raise InputError(f"event {event_id}", "no such event; list events to find its current id")
    apart = tuple(sorted(set(clusters[event_id]) - set(listed)))
    return Split(who=who, why=why, event_id=event_id, mention_ids=listed, apart_from=apart)


def active_decisions(decisions: Iterable[Decision]) -> list[Decision]:
    """Return the decisions in force, oldest first: those not cancelled by an Undo in force."""
    ordered = sorted(decisions, key=lambda d: (d.when, d.decision_id))
    cancelled: set[str] = set()
    for decision in reversed(ordered):  # a later Undo decides first; an undone Undo cancels nothing
        if decision.decision_id not in cancelled and isinstance(decision, Undo):
            cancelled.add(decision.target_id)
    return [d for d in ordered if d.decision_id not in cancelled and not isinstance(d, Undo)]


class _State:
    """Clusters plus mention -> event look-up, updated together."""

    def __init__(self, clusters: Mapping[str, list[str]]) -> None:
        self.clusters: Clusters = {event_id: list(members) for event_id, members in clusters.items()}
        self.where = {m: event_id for event_id, members in self.clusters.items() for m in members}
        self._origins: dict[str, str] | None = None  # derived event id -> mention id, built on demand

    def resolve(self, event_id: str) -> str | None:
        """Return the current id of an event, tracing a vanished id to its origin mention."""
        if event_id in self.clusters:
            return event_id
        if self._origins is None:
            self._origins = {event_id_for(m): m for m in self.where}
        origin = self._origins.get(event_id)
        return self.where.get(origin) if origin else None

    def move(self, mention_id: str, to_event_id: str) -> None:
        source = self.where[mention_id]
        if source == to_event_id:
            return
        self.clusters[source].remove(mention_id)
        if not self.clusters[source]:
            del self.clusters[source]
        self.clusters.setdefault(to_event_id, []).append(mention_id)
        self.where[mention_id] = to_event_id

    def fresh_id(self, mention_ids: Iterable[str]) -> str:
        for mention_id in sorted(mention_ids):
            if event_id_for(mention_id) not in self.clusters:
                return event_id_for(mention_id)
        return unused_id("|".join(sorted(mention_ids)), self.clusters)


def _merge(state: _State, decision: Merge) -> str | None:
    targets = list(dict.fromkeys(t for t in map(state.resolve, decision.event_ids) if t))
    if not targets:
        return "none of its events exist"
    for other in targets[1:]:
        for mention_id in list(state.clusters.get(other, ())):
            state.move(mention_id, targets[0])
    return None if len(targets) == len(set(decision.event_ids)) else "some of its events no longer exist"


def _split(state: _State, decision: Split) -> str | None:
    listed = [m for m in decision.mention_ids if m in state.where]
    if not listed:
        return "none of its mentions exist"
    apart = set(decision.apart_from)
    if not apart:
        home = state.resolve(decision.event_id)
        apart = set(state.clusters.get(home, ())) - set(listed)
    mixed = [m for m in listed if apart & set(state.clusters[state.where[m]])]
    if not mixed:
        return None  # already apart
    clean = [state.where[m] for m in listed if m not in mixed]
    target = clean[0] if clean else state.fresh_id(mixed)
    for mention_id in mixed:
        state.move(mention_id, target)
    return None


def _move(state: _State, decision: Move) -> str | None:
    if decision.mention_id not in state.where:
        return f"mention {decision.mention_id} does not exist"
    target = state.resolve(decision.to_event_id)
    if target is None:
        return f"event {decision.to_event_id} does not exist"
    state.move(decision.mention_id, target)
    return None


_APPLY = {Merge: _merge, Split: _split, Move: _move}


def apply_decisions(
    clusters: Mapping[str, list[str]], decisions: Iterable[Decision]
) -> tuple[Clusters, list[tuple[str, str]]]:
    """Replay the decisions in force on ``clusters`` (event id -> mention ids).

    Returns the new clusters and (decision_id, reason) for each decision that could not apply.
    """
    state = _State(clusters)
    unapplied: list[tuple[str, str]] = []
    for decision in active_decisions(decisions):
        problem = _APPLY[type(decision)](state, decision)
        if problem:
            unapplied.append((decision.decision_id, problem))
    return state.clusters, unapplied

"""Resolution over a store: attach new mentions, rebuild, and the analyst's merge/split/move/undo.

These are the library functions the CLI (and later the web UI) call. Each takes a
``sitroom.store.Repository``, computes with the pure functions of this package and
lets the repository persist the result in one transaction, audited with who and why.
Decisions are stored and replayed after every later clustering, so they survive
new documents; an undo re-clusters from scratch, since the undone decision may
have shaped the events the incremental run would otherwise keep.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sitroom.errors import InputError, NotFoundError
from sitroom.resolve.decisions import Decision, Merge, Move, Undo, active_decisions, decision_from_record, split_event
from sitroom.resolve.engine import resolve_mentions
from sitroom.resolve.incremental import attach_mentions
from sitroom.resolve.ledger import ActorPeriodStats, actor_statistics
from sitroom.resolve.records import FeatureScore, MergeExplanation, ResolutionResult, ResolvableMention
from sitroom.resolve.settings import PERIODS, ResolutionSettings, default_settings


def _resolvable(stored) -> ResolvableMention:
    """Return a store's mention record (a ``sitroom.store.StoredMention``) as resolution reads it."""
    return ResolvableMention(stored.mention, stored.publisher, stored.source_kind, stored.published)


def _explanation(stored) -> MergeExplanation:
    """Return a store's explanation record (``sitroom.store.StoredExplanation``) as a MergeExplanation."""
    features = tuple(FeatureScore(f["name"], f["value"], f["weight"], f["detail"]) for f in stored.features)
    return MergeExplanation(
        mention_a=stored.mention_a, mention_b=stored.mention_b, score=stored.score, threshold=stored.threshold,
        decision=stored.decision, reason=stored.reason, event_id=stored.event_id, features=features,
    )  # fmt: skip


def _stored_decisions(repository) -> list[tuple[Decision, str | None]]:
    """Return the store's decisions, oldest first, each with why it last failed to apply."""
    return [(decision_from_record(entry.record), entry.problem) for entry in repository.list_decisions()]


def resolution_step(
    settings: ResolutionSettings, rebuild: bool, corrections: Sequence = (), on_progress: Callable | None = None,
    holds: Sequence = (), pending: dict | None = None,
) -> Callable:
    """Return the step the repository runs on its ResolutionInput.

    After clustering, reviewed events get their accepted values back (``holds``, from
    ``review_holds``) and the machine's differing values are put in ``pending`` (event id ->
    field -> value, for ``reconcile_reviews``); analysts' field corrections are applied last.
    """

    def compute(given) -> ResolutionResult:
        resolved, new = [_resolvable(m) for m in given.resolved], [_resolvable(m) for m in given.new]
        decisions = [decision_from_record(record) for record in given.decisions]
        if rebuild:
            result = resolve_mentions([*resolved, *new], settings, decisions, given.assignments, on_progress=on_progress)
        else:
            result = attach_mentions(resolved, given.assignments, new, settings, decisions)
        if holds:
            from sitroom.review.fields import hold_reviewed_values

            found = hold_reviewed_values(result.events, result.assignments, holds, corrections)
            if pending is not None:
                pending.clear()
                pending.update(found)
        if corrections:
            from sitroom.review.fields import apply_corrections

            apply_corrections(result.events, result.assignments, corrections)
        return result

    return compute


def resolve_store(
    repository,
    *,
    who: str,
    why: str,
    rebuild: bool = False,
    settings: ResolutionSettings | None = None,
    decision: Decision | None = None,
    on_progress: Callable | None = None,
):
    """Place the store's new mentions into events (or re-cluster all with ``rebuild``); return the changes.

    Incremental by default: resolved mentions stay in their events and only new (or
    changed) mentions are scored against them. Stored decisions are replayed either way.
    """
    settings = settings or default_settings()
    corrections, holds, pending = review_inputs(repository)
    step = resolution_step(settings, rebuild, corrections, on_progress, holds, pending)
    changes = repository.resolve_events(step, who, why, full=rebuild, decision=decision, resolver=settings.version)
    after_resolution(repository, who, why, pending)
    return changes


def review_inputs(repository) -> tuple[Sequence, Sequence, dict]:
    """Return the analysts' corrections, the reviewed values held, and an empty dict for the machine's values.

    Reviews and corrections (sitroom.review) are kept by repositories that have them.
    """
    corrections = repository.list_corrections() if hasattr(repository, "list_corrections") else ()
    holds = repository.review_holds() if hasattr(repository, "review_holds") else ()
    return corrections, holds, {}


def after_resolution(repository, who: str, why: str, pending: dict) -> None:
    """Move reviews to their events' ids, reopen the reviewed events that changed, rescore the queue."""
    if hasattr(repository, "reconcile_reviews"):
        repository.reconcile_reviews(who, why, pending)
        from sitroom.review.scores import refresh_scores

        refresh_scores(repository)


def _decide(repository, decision: Decision, settings: ResolutionSettings | None, rebuild: bool = False):
    """Store ``decision`` and re-resolve in one transaction; return (decision, changes)."""
    why = f"{decision.kind} {decision.decision_id}: {decision.why}"
    changes = resolve_store(repository, who=decision.who, why=why, rebuild=rebuild, settings=settings, decision=decision)
    return decision, changes


def _next_when(repository) -> dt.datetime:
    """Return now, or just after the latest stored decision: replay order is decision time order."""
    now = dt.datetime.now(dt.timezone.utc)
    stored = [decision.when for decision, _ in _stored_decisions(repository)]
    latest = max(stored, default=None)
    return max(now, latest + dt.timedelta(microseconds=1)) if latest else now


def _require_why(who: str, why: str) -> None:
    if not who or not who.strip():
        raise InputError("decision", "who made the decision is missing; set the analyst setting")
    if not why or not why.strip():
        raise InputError("decision", "a reason is required (--why TEXT)")


def merge_events(repository, event_ids: Sequence[str], *, who: str, why: str, settings=None):
    """Merge the events (the first id is kept); return (Merge, changes). NotFoundError for an unknown id."""
    _require_why(who, why)
    ids = tuple(dict.fromkeys(event_ids))
    if len(ids) < 2:
        raise InputError("merge", "name at least two different events to merge")
    for event_id in ids:
        repository.get_event(event_id)
    return _decide(repository, Merge(who=who, why=why, event_ids=ids, when=_next_when(repository)), settings)


def split_mentions(repository, event_id: str, mention_ids: Sequence[str], *, who: str, why: str, settings=None):
    """Split ``mention_ids`` out of ``event_id`` into an event of their own; return (Split, changes)."""
    _require_why(who, why)
    members = [source.mention_id for source in repository.get_event(event_id).sources]
    strangers = [m for m in mention_ids if m not in members]
    if strangers:
        raise InputError(f"event {event_id}", f"mention {strangers[0]!r} is not one of its sources: {', '.join(members)}")
    if not mention_ids or set(mention_ids) >= set(members):
        raise InputError(f"event {event_id}", "name some but not all of its mentions to split them off")
    decision = split_event({event_id: members}, event_id, mention_ids, who, why)
    decision = dataclasses.replace(decision, when=_next_when(repository))
    return _decide(repository, decision, settings)


def move_mention(repository, mention_id: str, event_id: str, *, who: str, why: str, settings=None):
    """Move one mention into ``event_id``; return (Move, changes)."""
    _require_why(who, why)
    repository.get_event(event_id)
    given = repository.resolution_input()
    if mention_id not in given.assignments and mention_id not in {r.mention_id for r in given.new}:
        raise NotFoundError(f"mention {mention_id!r} does not exist (or is an aggregate, which has no event)")
    return _decide(repository, Move(who=who, why=why, mention_id=mention_id, to_event_id=event_id, when=_next_when(repository)), settings)


def undo_decision(repository, decision_id: str, *, who: str, why: str, settings=None):
    """Cancel a decision (undo an undo to restore it) and re-cluster; return (Undo, changes)."""
    _require_why(who, why)
    known = {entry.decision_id for entry in repository.list_decisions()}
    if decision_id not in known:
        raise NotFoundError(f"decision {decision_id!r} does not exist; `sitroom decisions` lists them")
    return _decide(repository, Undo(who=who, why=why, target_id=decision_id, when=_next_when(repository)), settings, rebuild=True)


@dataclass(frozen=True, slots=True)
class DecisionView:
    """A stored decision, whether it is in force, and why it last failed to apply (if it did)."""

    decision: Decision
    in_force: bool
    problem: str | None


def list_decisions(repository) -> list[DecisionView]:
    """Return every stored decision, oldest first, marking those an undo cancelled."""
    entries = _stored_decisions(repository)
    decisions = [decision for decision, _ in entries]
    active = {d.decision_id for d in active_decisions(decisions)}
    views = []
    for decision, problem in entries:
        in_force = _undo_in_force(decision, decisions) if isinstance(decision, Undo) else decision.decision_id in active
        views.append(DecisionView(decision, in_force, problem))
    return views


def _undo_in_force(undo: Undo, decisions: list[Decision]) -> bool:
    """An undo is in force unless an undo in force cancels it."""
    later = [d for d in decisions if isinstance(d, Undo) and d.target_id == undo.decision_id]
    return not any(_undo_in_force(d, decisions) for d in later)


@dataclass(frozen=True, slots=True)
class EventExplanation:
    """Why an event holds its mentions: scored pairs and the analyst decisions that name it."""

    event_id: str
    mention_ids: tuple[str, ...]
    pairs: tuple[MergeExplanation, ...]
    decisions: tuple[Decision, ...]


def explain_event(repository, event_id: str) -> EventExplanation:
    """Return the merge explanations and decisions of one event; NotFoundError if there is none."""
    event = repository.get_event(event_id)
    members = tuple(source.mention_id for source in event.sources)
    named = set(members) | {event_id}
    decisions = tuple(decision for decision, _ in _stored_decisions(repository) if named & _names(decision))
    pairs = tuple(_explanation(stored) for stored in repository.merge_explanations(event_id))
    return EventExplanation(event_id, members, pairs, decisions)


def _names(decision: Decision) -> set[str]:
    values = dataclasses.asdict(decision)
    found: set[str] = set()
    for key in ("event_ids", "mention_ids", "apart_from"):
        found.update(values.get(key) or ())
    for key in ("event_id", "mention_id", "to_event_id"):
        if values.get(key):
            found.add(values[key])
    return found


def actor_stats(repository, period: str | None = None, settings: ResolutionSettings | None = None) -> list[ActorPeriodStats]:
    """Return per-claimant, per-period claim statistics over every stored event."""
    settings = settings or default_settings()
    if period is not None:
        if period not in PERIODS:
            raise InputError("--period", f"{period!r} is not one of {', '.join(PERIODS)}")
        settings = dataclasses.replace(settings, period=period)
    given = repository.resolution_input()
    mentions = {record.mention_id: _resolvable(record) for record in [*given.resolved, *given.new]}
    events = repository.list_events()
    return actor_statistics(events, mentions, settings)

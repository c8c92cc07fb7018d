"""The resolution stage's entry point: mentions in, canonical events out.

``resolve_mentions`` runs blocking -> pairwise scoring -> guarded clustering ->
stable event ids -> analyst decisions -> canonical events and ledger. It is a pure
function of its inputs: the store passes in mentions, the decisions it keeps and
the previous assignments, and persists the ``ResolutionResult`` it gets back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence

from sitroom.errors import InputError
from sitroom.models import EventMention
from sitroom.resolve.blocking import candidate_pairs
from sitroom.resolve.canonical import build_event
from sitroom.resolve.clustering import Clustering
from sitroom.resolve.decisions import Decision, apply_decisions
from sitroom.resolve.identity import assign_event_ids
from sitroom.resolve.prepare import PreparedMention, Preparer
from sitroom.resolve.records import ResolutionResult, ResolvableMention
from sitroom.resolve.settings import ResolutionSettings, default_settings


def wrap_all(mentions: Iterable[ResolvableMention | EventMention]) -> list[ResolvableMention]:
    """Return the mentions as ResolvableMention; raise InputError on a missing or repeated id."""
    records = [ResolvableMention.wrap(m) for m in mentions]
    seen: set[str] = set()
    for index, record in enumerate(records):
        mention_id = record.mention_id
        if not mention_id:
            raise InputError("mentions", f"mention #{index} (doc {record.mention.doc_id!r}) has no mention_id")
        if mention_id in seen:
            raise InputError("mentions", f"mention id {mention_id!r} occurs twice")
        seen.add(mention_id)
    return records


def resolve_mentions(
    mentions: Sequence[ResolvableMention | EventMention],
    settings: ResolutionSettings | None = None,
    decisions: Iterable[Decision] = (),
    previous_assignments: Mapping[str, str] | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> ResolutionResult:
    """Resolve every mention from scratch into canonical events.

    Inputs: the mentions (with publisher and source kind for the ledger), settings
    (default: the packaged settings.toml), the analyst decisions to replay, and the
    previous run's mention -> event ids (so that ids stay stable). Output: a
    ResolutionResult with events, assignments and one explanation per merge. ``on_progress``
    (stage, done, total) hears of each mention prepared and each event built.
    """
    settings = settings or default_settings()
    records, preparer = wrap_all(mentions), Preparer(settings)
    prepared = []
    for done, record in enumerate(records, start=1):
        prepared.append(preparer.prepare(record))
        if on_progress is not None and (done % 100 == 0 or done == len(records)):
            on_progress("preparing mentions", done, len(records))
    clustering = Clustering(settings)
    for mention in prepared:
        clustering.add(mention)
    clustering.run(candidate_pairs(prepared, settings))
    return finish(clustering, prepared, settings, decisions, previous_assignments, on_progress)


def finish(
    clustering: Clustering,
    prepared: list[PreparedMention],
    settings: ResolutionSettings,
    decisions: Iterable[Decision],
    previous_assignments: Mapping[str, str] | None,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> ResolutionResult:
    """Name the clusters, replay the decisions and build the canonical events."""
    named = assign_event_ids(clustering.clusters(), previous_assignments)
    clusters = {event_id: [m.mention_id for m in group] for event_id, group in named.items()}
    clusters, unapplied = apply_decisions(clusters, decisions)
    by_id = {m.mention_id: m.source for m in prepared}
    events, provenance, assignments = [], {}, {}
    for done, event_id in enumerate(sorted(clusters), start=1):
        if on_progress is not None and (done % 100 == 0 or done == len(clusters)):
            on_progress("building events", done, len(clusters))
        members = sorted(clusters[event_id])
        event, chosen = build_event(event_id, [by_id[m] for m in members], settings)
        events.append(event)
        provenance[event_id] = chosen
        assignments.update(dict.fromkeys(members, event_id))
    explanations = [dataclasses.replace(e, event_id=assignments[e.mention_a]) for e in clustering.explanations]
    return ResolutionResult(events, assignments, explanations, provenance, unapplied, dict(clustering.pair_counts))

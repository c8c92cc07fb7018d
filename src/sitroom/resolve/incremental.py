"""Incremental resolution: attach new mentions to existing events without re-pairing everything.

Existing events are loaded as fixed clusters (their mentions are prepared and
indexed, never re-scored against each other); only pairs involving a new mention
are scored, found through the ``BlockingIndex``. Accepted pairs go through the
same guarded clustering as a full run, so a new mention joins the event it fits
best, starts a new one, or (if it fits two events and every pair across them
passes the guard) bridges them. Analyst decisions are replayed afterwards.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from sitroom.errors import InputError
from sitroom.models import EventMention
from sitroom.resolve.block_index import BlockingIndex
from sitroom.resolve.blocking import Pair
from sitroom.resolve.clustering import Clustering
from sitroom.resolve.decisions import Decision
from sitroom.resolve.engine import finish, wrap_all
from sitroom.resolve.prepare import PreparedMention, Preparer
from sitroom.resolve.records import ResolutionResult, ResolvableMention
from sitroom.resolve.settings import ResolutionSettings, default_settings


def _new_pairs(index: BlockingIndex, new: list[PreparedMention]) -> list[Pair]:
    """Index each new mention and return its compatible pairs with everything indexed before it."""
    pairs: list[Pair] = []
    for mention in sorted(new, key=lambda m: m.mention_id):
        pairs.extend((mention, other) for other in index.candidates(mention))
        index.add(mention)
    return pairs


def attach_mentions(
    existing: Sequence[ResolvableMention | EventMention],
    assignments: Mapping[str, str],
    new: Sequence[ResolvableMention | EventMention],
    settings: ResolutionSettings | None = None,
    decisions: Iterable[Decision] = (),
) -> ResolutionResult:
    """Attach ``new`` mentions to the events of ``existing`` ones.

    Inputs: the stored mentions and their current assignments (mention id -> event id,
    as the last run left them), the new mentions, settings and the decisions to replay.
    Output: a ResolutionResult over all mentions; event ids of existing events are kept.
    """
    settings = settings or default_settings()
    old_records, new_records = wrap_all(existing), wrap_all(new)
    wrap_all([*old_records, *new_records])  # ids must also be unique across both sets
    missing = [r.mention_id for r in old_records if r.mention_id not in assignments]
    if missing:
        raise InputError("assignments", f"{len(missing)} existing mentions have no event, e.g. {missing[0]!r}")
    preparer = Preparer(settings)
    old, fresh = preparer.prepare_all(old_records), preparer.prepare_all(new_records)
    clustering, index = Clustering(settings), BlockingIndex(settings)
    groups: dict[str, list[PreparedMention]] = defaultdict(list)
    for mention in old:
        groups[assignments[mention.mention_id]].append(mention)
        index.add(mention)
    for event_id in sorted(groups):
        clustering.add_group(groups[event_id])
    for mention in fresh:
        clustering.add(mention)
    clustering.run(_new_pairs(index, fresh))
    return finish(clustering, old + fresh, settings, decisions, assignments)

"""The last resolution of a run that resolved batch by batch: as if the run had resolved once.

Resolving each batch as it lands lets a long run show its events while it goes, but
incremental attachment depends on batch boundaries. At the end, the run's own mentions
are taken out of the provisional events and attached together to the events that were
there before the run, which is exactly what a one-process run's single resolution does.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Set

from sitroom.resolve.settings import default_settings
from sitroom.resolve.workflow import after_resolution, resolution_step, review_inputs


def run_mentions_as_new(run_doc_ids: Set[str]):
    """Return how the last resolution sees the store: every mention of ``run_doc_ids`` is new.

    The batch resolutions placed the run's mentions provisionally; taking them out of their
    events lets the ordinary incremental step attach them all at once, and lets the store
    count them as placed by this resolution (not as moved).
    """

    def reframe(given):
        ours = [stored for stored in given.resolved if stored.mention.doc_id in run_doc_ids]
        our_ids = {stored.mention.mention_id for stored in ours}
        kept = [stored for stored in given.resolved if stored.mention.mention_id not in our_ids]
        assignments = {mention: event for mention, event in given.assignments.items() if mention not in our_ids}
        return dataclasses.replace(given, resolved=kept, assignments=assignments, new=[*ours, *given.new])

    return reframe


def consolidate_run(repository, run_doc_ids: Set[str], *, who: str, why: str, settings=None):
    """Re-attach the run's mentions in one resolution; return the store's ResolutionChanges."""
    settings = settings or default_settings()
    corrections, holds, pending = review_inputs(repository)
    compute = resolution_step(settings, False, corrections, None, holds, pending)  # decisions, reviews replayed
    changes = repository.resolve_events(
        compute, who, why, full=False, resolver=settings.version, reframe=run_mentions_as_new(run_doc_ids)
    )
    after_resolution(repository, who, why, pending)
    return changes

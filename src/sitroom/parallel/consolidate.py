"""The last resolution of a run that resolved batch by batch: as if the run had resolved once.

Resolving each batch as it lands lets a long run show its events while it goes, but
incremental attachment depends on batch boundaries. At the end, the run's own mentions
are taken out of the provisional events and attached together to the events that were
there before the run, which is exactly what a one-process run's single resolution does.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence, Set

from sitroom.resolve.settings import ResolutionSettings, default_settings
from sitroom.resolve.workflow import after_resolution, resolution_step, review_inputs


def run_mentions_compute(run_doc_ids: Set[str], settings: ResolutionSettings, corrections: Sequence = (),
                         holds: Sequence = (), pending: dict | None = None):
    """Return the pure step that re-attaches every mention of ``run_doc_ids`` at once.

    The store's input is changed so that the run's mentions count as new, then the
    ordinary incremental step (decisions and analysts' corrections replayed) runs on it.
    """
    step = resolution_step(settings, False, corrections, None, holds, pending)

    def compute(given):
        ours = [stored for stored in given.resolved if stored.mention.doc_id in run_doc_ids]
        our_ids = {stored.mention.mention_id for stored in ours}
        kept = [stored for stored in given.resolved if stored.mention.mention_id not in our_ids]
        assignments = {mention: event for mention, event in given.assignments.items() if mention not in our_ids}
        return step(dataclasses.replace(given, resolved=kept, assignments=assignments, new=[*ours, *given.new]))

    return compute


def consolidate_run(repository, run_doc_ids: Set[str], *, who: str, why: str, settings=None):
    """Re-attach the run's mentions in one resolution; return the store's ResolutionChanges."""
    settings = settings or default_settings()
    corrections, holds, pending = review_inputs(repository)
    compute = run_mentions_compute(run_doc_ids, settings, corrections, holds, pending)
    changes = repository.resolve_events(compute, who, why, full=False, resolver=settings.version)
    after_resolution(repository, who, why, pending)
    return changes

"""The last resolution of a run that resolved batch by batch: as if the run had resolved once.

Resolving each batch as it lands lets a long run show its events while it goes, but
incremental attachment depends on batch boundaries. At the end, the run's own mentions
are taken out of the provisional events and attached together to the events that were
there before the run, which is exactly what a one-process run's single resolution does.
"""

from __future__ import annotations

from collections.abc import Set

from sitroom.resolve.incremental import attach_mentions
from sitroom.resolve.settings import ResolutionSettings, default_settings


def run_mentions_compute(run_doc_ids: Set[str], settings: ResolutionSettings):
    """Return the pure step that re-attaches every mention of ``run_doc_ids`` at once."""

    def compute(given):
        ours = [record for record in given.resolved if record.mention.doc_id in run_doc_ids]
        our_ids = {record.mention_id for record in ours}
        kept = [record for record in given.resolved if record.mention_id not in our_ids]
        assignments = {mention: event for mention, event in given.assignments.items() if mention not in our_ids}
        return attach_mentions(kept, assignments, [*ours, *given.new], settings, given.decisions)

    return compute


def consolidate_run(repository, run_doc_ids: Set[str], *, who: str, why: str, settings=None):
    """Re-attach the run's mentions in one resolution; return the store's ResolutionChanges."""
    settings = settings or default_settings()
    compute = run_mentions_compute(run_doc_ids, settings)
    return repository.resolve_events(compute, who, why, full=False, resolver=settings.version)

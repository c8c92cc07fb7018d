"""sitroom resolve stage: event mentions -> canonical events, claims ledger, analyst decisions.

Entry points (all pure functions over typed records; the store persists their output):
- ``resolve_mentions(mentions, settings, decisions, previous_assignments)``: full run.
- ``attach_mentions(existing, assignments, new, settings, decisions)``: incremental run.
- ``apply_decisions`` / ``Merge`` / ``Split`` / ``Move`` / ``Undo``: analyst control.
- ``actor_statistics``: per-actor, per-period claim statistics from the ledger.
- ``event_to_contract``: an Event as the `sitroom events --format json` object.
- ``evaluate_resolution_file``: pairwise and B-cubed figures on a labelled benchmark.
- ``resolve_store`` / ``merge_events`` / ``split_mentions`` / ``move_mention`` /
  ``undo_decision`` / ``list_decisions`` / ``explain_event`` / ``actor_stats``: the same
  over a ``sitroom.store.Repository``, persisted and audited (``workflow.py``).
"""

from __future__ import annotations

from sitroom.resolve.canonical import build_event, event_to_contract
from sitroom.resolve.decisions import (
    Decision,
    Merge,
    Move,
    Split,
    Undo,
    apply_decisions,
    decision_from_record,
    split_event,
)
from sitroom.resolve.engine import resolve_mentions
from sitroom.resolve.evaluation import ResolutionFigures, evaluate_assignments, evaluate_resolution_file
from sitroom.resolve.incremental import attach_mentions
from sitroom.resolve.ledger import STATUSES, ActorPeriodStats, actor_statistics, derive_status
from sitroom.resolve.records import (
    FeatureScore,
    MergeExplanation,
    ResolutionResult,
    ResolvableMention,
    event_id_for,
)
from sitroom.resolve.settings import ResolutionSettings, default_settings, load_resolution_settings
from sitroom.resolve.workflow import (
    DecisionView,
    EventExplanation,
    actor_stats,
    explain_event,
    list_decisions,
    merge_events,
    move_mention,
    resolve_store,
    split_mentions,
    undo_decision,
)

__all__ = [
    "STATUSES", "ActorPeriodStats", "Decision", "DecisionView", "EventExplanation", "FeatureScore", "Merge",
    "MergeExplanation", "Move", "actor_stats", "explain_event", "list_decisions", "merge_events", "move_mention",
    "resolve_store", "split_mentions", "undo_decision",
    "ResolutionFigures", "ResolutionResult", "ResolutionSettings", "ResolvableMention", "Split", "Undo",
    "actor_statistics", "apply_decisions", "attach_mentions", "build_event", "decision_from_record",
    "default_settings", "derive_status", "evaluate_assignments", "evaluate_resolution_file",
    "event_id_for", "event_to_contract", "load_resolution_settings", "resolve_mentions", "split_event",
]  # fmt: skip

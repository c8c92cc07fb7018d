"""Typed records of the resolution stage: its input, its explanations and its result.

``ResolvableMention`` is what resolution reads (a mention plus the facts about its
document the ledger needs); ``ResolutionResult`` is what it returns and what the
store persists.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from sitroom.models import Event, EventMention, SourceKind, Stance

EVENT_ID_PREFIX = "ev-"


def event_id_for(mention_id: str) -> str:
    """Return the event id derived from a mention id.

    Same rule as the store's provisional event id, so a one-mention event keeps the id
    it had before resolution and an event id can be traced back to its origin mention.
    """
    return EVENT_ID_PREFIX + hashlib.sha256(mention_id.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class ResolvableMention:
    """One mention with its document's publisher, kind and date (what the ledger needs)."""

    mention: EventMention
    publisher: str | None = None
    source_kind: SourceKind = SourceKind.NEWS
    published: dt.date | None = None

    @property
    def mention_id(self) -> str:
        return self.mention.mention_id

    @property
    def stance(self) -> Stance:
        return Stance(self.mention.claim.stance)

    @classmethod
    def wrap(cls, mention: "EventMention | ResolvableMention") -> "ResolvableMention":
        """Return ``mention`` as a ResolvableMention (a bare EventMention gets default source facts)."""
        if isinstance(mention, ResolvableMention):
            return mention
        kind = SourceKind.CLAIM if Stance(mention.claim.stance) is Stance.CLAIMED else SourceKind.NEWS
        return cls(mention=mention, source_kind=kind)


@dataclass(frozen=True, slots=True)
class FeatureScore:
    """One pairwise feature: its value in [0, 1], its weight and a short human reason."""

    name: str
    value: float
    weight: float
    detail: str


@dataclass(frozen=True, slots=True)
class MergeExplanation:
    """Why two mentions were (or were not) put in one event."""

    mention_a: str
    mention_b: str
    score: float
    threshold: float
    decision: str  # "merged", "same-cluster", "guard-rejected"
    features: tuple[FeatureScore, ...] = ()
    reason: str = ""
    event_id: str | None = None

    def to_dict(self) -> dict:
        """Return the explanation as a JSON-ready dict (for the store and the API)."""
        return {
            "mention_a": self.mention_a,
            "mention_b": self.mention_b,
            "score": round(self.score, 4),
            "threshold": self.threshold,
            "decision": self.decision,
            "reason": self.reason,
            "event_id": self.event_id,
            "features": [
                {"name": f.name, "value": round(f.value, 4), "weight": f.weight, "detail": f.detail}
                for f in self.features
            ],
        }


@dataclass(slots=True)
class ResolutionResult:
    """Resolution output: canonical events, mention -> event assignments, and the reasons.

    ``provenance`` maps event id -> field group ("place", "date", "coded") -> the mention
    id the canonical value was taken from; ``unapplied`` lists analyst decisions that
    could not be applied (their target no longer exists), with the reason. ``pair_counts``
    says how much work clustering did ("scored": candidate pairs scored, "guard_compared":
    pairs its complete-linkage guard compared); it describes the run, not its result.
    """

    events: list[Event]
    assignments: dict[str, str]
    explanations: list[MergeExplanation] = field(default_factory=list)
    provenance: dict[str, dict[str, str]] = field(default_factory=dict)
    unapplied: list[tuple[str, str]] = field(default_factory=list)
    pair_counts: dict[str, int] = field(default_factory=dict)

    def clusters(self) -> dict[str, list[str]]:
        """Return event id -> its mention ids (sorted)."""
        groups: dict[str, list[str]] = {}
        for mention_id, event_id in sorted(self.assignments.items()):
            groups.setdefault(event_id, []).append(mention_id)
        return groups

"""Records of actor-profile facts found in documents: what the analyze step finds, and what the
store keeps (with the analyst's decision)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PROFILE_FACT_KINDS = ("leader", "base", "strength", "alliance")
SUGGESTION_STATUSES = ("suggested", "accepted", "rejected")


@dataclass(frozen=True, slots=True)
class ProfileFact:
    """One profile statement found in a document, with the character span of every value.

    ``value`` holds the kind's values (leader: name, role; base: place, inside, place_id;
    strength: low, high, unit; alliance: with, with_actor_id, kind, from). ``evidence`` maps
    each value's name (and "actor") to its [start, end) span in the document's text.
    """

    actor_id: str
    kind: str
    value: dict[str, Any]
    doc_id: str
    start: int
    end: int
    quote: str
    evidence: dict[str, tuple[int, int]]
    pattern_id: str
    extractor: str
    stated_on: str | None = None  # the document's publication date, YYYY-MM-DD


@dataclass(frozen=True, slots=True)
class ProfileSuggestion:
    """A stored profile fact with its id, its status and who decided it."""

    suggestion_id: int
    fact: ProfileFact
    status: str
    created_at: str
    decided_by: str | None = None
    decided_at: str | None = None
    why: str | None = None
    document: dict[str, Any] = field(default_factory=dict)  # title, publisher, published, url of the source

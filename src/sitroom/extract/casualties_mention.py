"""A casualty mention: what the casualty reader finds and the totals count.

It sits apart from ``casualties`` so that ``casualties_totals`` depends on it without importing
``casualties`` back (``casualties`` re-exports the totals).
"""

from __future__ import annotations

from dataclasses import dataclass

from sitroom.extract.numbers import Quantity
from sitroom.extract.records import fast_init


@fast_init
@dataclass(frozen=True, slots=True)
class CasualtyMention:
    """People killed, injured, detained or released, as one phrase of a document reports them.

    ``start``/``end`` span the clause (verb and people); ``number_start``/``number_end``
    span the count ("two", "several") or, for an implied one, the noun or name.
    ``role`` is "event", "headline" (a title line), "total" ("in total, 5 ...") or
    "subset" ("including a leader"); ``definite`` marks a reference back ("the leader",
    "him"); ``additive`` marks "other"/"additional"/"another" people; ``partitive``
    marks part of a group ("one of the insurgents"); ``includes_reference`` marks a group
    said to include someone already named ("..., including the facilitator").
    """

    start: int
    end: int
    number_start: int
    number_end: int
    kind: str
    quantity: Quantity
    victim: str | None
    is_aggregate: bool
    text: str
    victim_class: str | None = None
    definite: bool = False
    additive: bool = False
    role: str = "event"
    explicit_number: bool = False
    sentence_start: int = -1  # start offset of the sentence the mention sits in
    partitive: bool = False  # "one of the insurgents": part of a group named elsewhere
    includes_reference: bool = False  # "several men were detained, including the facilitator"

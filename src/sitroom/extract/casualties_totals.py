"""Count each person once: a document's casualty totals from its mentions.

Reports name the same people more than once: a title line, a first sentence
that sums up the operation, then details ("the leader ... was arrested",
"the arrested leader"). ``counted_casualties`` returns the mentions with the
quantity each one adds to the document's total (repeats and references
removed, aggregates kept and flagged); ``document_totals`` sums them per kind.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from sitroom.extract.numbers import Quantity

if TYPE_CHECKING:
    from sitroom.extract.casualties import CasualtyMention

KINDS = ("killed", "injured", "detained", "released")
_GENERIC = frozenset({"insurgent", "person", None})


def _same_people_class(first: str | None, second: str | None) -> bool:
    """Could two victim classes name the same people ("two insurgents" / "two individuals")?"""
    if first in _GENERIC and second in _GENERIC:
        return True
    return first == second or first is None or second is None


def _with_count(mention: "CasualtyMention", count: int) -> "CasualtyMention":
    """Return ``mention`` carrying only the ``count`` it adds to the total."""
    if count == mention.quantity.best:
        return mention
    quantity = mention.quantity
    return dataclasses.replace(mention, quantity=Quantity(min(quantity.low, count), count, max(count, min(quantity.high, count))))


def _by_sentence(mentions: list["CasualtyMention"]) -> list[list["CasualtyMention"]]:
    groups: dict[int, list[CasualtyMention]] = {}
    for mention in mentions:
        groups.setdefault(mention.sentence_start if mention.sentence_start >= 0 else mention.start, []).append(mention)
    return [groups[key] for key in sorted(groups)]


def _count_kind(mentions: list["CasualtyMention"]) -> list[tuple["CasualtyMention", int]]:
    """Return (mention, count it adds) for one kind's event mentions in text order.

    The first sentence with a count usually sums up the operation; later sentences
    give details. A later mention adds people when it says so ("also", "other",
    "additional"); otherwise later mentions only add what exceeds the first sentence.
    """
    sentences = _by_sentence(mentions)
    if not sentences:
        return []
    lead = sentences[0]
    if not any(m.explicit_number for m in lead) and any(
        m.explicit_number and not m.additive for sentence in sentences[1:] for m in sentence
    ):
        # "several insurgents were killed ... killing one insurgent": the exact figure wins
        lead_counts = [(m, 0) for m in lead]
        sentences = sentences[1:]
        if not sentences:
            return lead_counts
        lead, prefix = sentences[0], lead_counts
    else:
        prefix = []
    counted: list[tuple[CasualtyMention, int]] = prefix + [(m, m.quantity.best) for m in lead]
    running = sum(count for _, count in counted)
    consumed: set[int] = set()
    budget = running  # people of the first sentence that later details may restate
    for sentence in sentences[1:]:
        earlier = [mention for mention, count in counted if count or mention in lead]
        if _restates(sentence, running):
            counted.extend((mention, 0) for mention in sentence)
            continue
        for mention in sentence:
            count = _new_people(mention, earlier, consumed, running)
            if count and count <= budget and not mention.additive and mention.role != "total":
                budget -= count
                count = 0
            running += count
            counted.append((mention, count))
    return counted


def _restates(sentence: list["CasualtyMention"], running: int) -> bool:
    """A sentence that refers back ("the commander and three others were detained") and adds up
    to no more than what is already counted repeats the summary sentence."""
    if not any(mention.definite for mention in sentence):
        return False
    return sum(mention.quantity.best for mention in sentence) <= running


def _new_people(
    mention: "CasualtyMention", earlier: list["CasualtyMention"], consumed: set[int], running: int
) -> int:
    """How many people ``mention`` adds, given the mentions of earlier sentences."""
    count = mention.quantity.best
    if mention.role == "total":
        return max(count - running, 0)
    if mention.definite and not mention.explicit_number:
        return 0 if earlier else count
    candidates = [i for i, previous in enumerate(earlier) if i not in consumed and previous.quantity.best == count]
    # the same class first ("the leader" / "a leader"), then any compatible one
    for index in sorted(candidates, key=lambda i: earlier[i].victim_class != mention.victim_class):
        if _same_people_class(earlier[index].victim_class, mention.victim_class):
            consumed.add(index)
            return 0
    return count


def counted_casualties(mentions: list["CasualtyMention"]) -> list["CasualtyMention"]:
    """Return ``mentions`` with each one's quantity set to the people it adds to its document.

    Repeats, back-references and "including ..." subsets get a count of 0 and are
    dropped; aggregates are kept unchanged (is_aggregate=True) for the caller to
    report separately. A title line counts only when the body gives no count.
    """
    kept: list[CasualtyMention] = [mention for mention in mentions if mention.is_aggregate]
    present = {mention.kind for mention in mentions}
    for kind in KINDS:
        if kind not in present:
            continue  # no mention of this kind: nothing to count
        events = [m for m in mentions if m.kind == kind and not m.is_aggregate and m.role != "subset"]
        body = [m for m in events if m.role != "headline"]
        chosen = _count_kind(body)
        if not any(count for _, count in chosen):
            chosen = _count_kind([m for m in events if m.role == "headline"])
        kept.extend(_with_count(mention, count) for mention, count in chosen if count > 0)
    kept.sort(key=lambda m: (m.start, m.number_start))
    return kept


def document_totals(mentions: list["CasualtyMention"]) -> dict[str, int]:
    """Return {kind: people} for a document, counting each person once and leaving out aggregates."""
    totals = dict.fromkeys(KINDS, 0)
    for mention in counted_casualties(mentions):
        if not mention.is_aggregate:
            totals[mention.kind] += mention.quantity.best
    return totals

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
_ARTICLES = frozenset({"a", "an", "another"})
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
    prefix, sentences = _vague_lead(_by_sentence(mentions))
    if not sentences:
        return prefix
    lead = sentences[0]
    counted: list[tuple[CasualtyMention, int]] = prefix + [(m, 0 if _echoes(m, lead) else m.quantity.best) for m in lead]
    running = sum(count for _, count in counted)
    consumed: set[int] = set()
    budget = running  # people of the first sentence that later details may restate
    # identity, not equality: comparing frozen records field by field costs, and no two are equal
    lead_ids = {id(mention) for mention in lead}
    for sentence in sentences[1:]:
        earlier = [mention for mention, count in counted if count or id(mention) in lead_ids]
        if _restates(sentence, running):
            counted.extend((mention, 0) for mention in sentence)
            continue
        for mention in sentence:
            count = _new_people(mention, earlier, consumed, running)
            if not count and mention.definite and not mention.explicit_number:
                # "the facilitator": a reference back restates people of the first sentence
                budget -= min(budget, mention.quantity.best)
            if count and mention.includes_reference and running:
                count -= 1  # "several men were detained, including the facilitator": counted already
            if count and count <= budget and not mention.additive and mention.role != "total":
                budget -= count
                count = 0
            running += count
            counted.append((mention, count))
    return counted


def _vague_lead(
    sentences: list[list["CasualtyMention"]],
) -> tuple[list[tuple["CasualtyMention", int]], list[list["CasualtyMention"]]]:
    """Return (the first sentence's mentions counted 0, the sentences left) when its count is vague
    and a later sentence gives an exact figure ("several insurgents were killed ... killing one
    insurgent": the figure wins); else ([], ``sentences``)."""
    if not sentences or any(m.explicit_number for m in sentences[0]):
        return [], sentences
    if any(_is_figure(m) for sentence in sentences[1:] for m in sentence):
        return [(m, 0) for m in sentences[0]], sentences[1:]
    return [], sentences


def _echoes(mention: "CasualtyMention", sentence: list["CasualtyMention"]) -> bool:
    """Is ``mention`` a bare count ("six killed") repeating a count with a noun in its sentence
    ("At least six killed ... At least six people were killed": a title run into the lead)?"""
    return mention.victim is None and not mention.definite and mention.explicit_number and any(
        other is not mention and other.victim is not None and other.quantity == mention.quantity for other in sentence
    )


def _is_figure(mention: "CasualtyMention") -> bool:
    """Does ``mention`` give an exact figure for the whole group ("killing one insurgent")?

    Not when it adds people ("two more"), names part of a group ("one of the insurgents
    detained") or counts with an article ("a Taliban leader was detained": one named person).
    """
    if not mention.explicit_number or mention.additive or mention.partitive:
        return False
    number = mention.text[mention.number_start - mention.start : mention.number_end - mention.start]
    return number.lower() not in _ARTICLES


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

"""Count each person once: a document's casualty totals from its mentions.

Reports name the same people more than once: a title line, a first sentence
that sums up the operation, then details ("the leader ... was arrested",
"the arrested leader"). ``counted_casualties`` returns the mentions with the
quantity each one adds to the document's total (repeats and references
removed, aggregates kept and flagged); ``document_totals`` sums them per kind.

Each person is counted once within one account: an incident as one source
tells it. A report of several incidents, or of a party's claim and a UN
confirmation of the same attack, holds several accounts; the caller says
where each starts (``Account``), and figures of one account never absorb
another's, though a reference back ("the 14 men") in another source's account
adds nobody. ``casualty_accounts`` derives the accounts from what the caller
knows of each event passage (``Passage``: provinces, days, a separate-incident
cue, the source a claim cue names). Without accounts the whole document is one
account.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from typing import Hashable, NamedTuple, Sequence

from sitroom.extract.casualties_lexicon import load_lexicon
from sitroom.extract.casualties_mention import CasualtyMention
from sitroom.extract.numbers import Quantity

KINDS = ("killed", "injured", "detained", "released")
_GENERIC = frozenset({"insurgent", "person", None})


class Account(NamedTuple):
    """Where one account of a document starts: an incident as one source tells it.

    ``start``: offset of the account's first sentence; ``incident``: which incident it tells
    (0, 1, ... in the document); ``source``: who gives its figures (any hashable key: "nrf",
    "un"). Accounts with the same incident and source are one account.
    """

    start: int
    incident: int
    source: Hashable


class Passage(NamedTuple):
    """What a caller knows of one event passage (a group of sentences), for ``casualty_accounts``.

    ``provinces``/``dates``: the admin1 codes and days it names; ``separate``: it says it
    reports another incident ("in a separate attack"); ``source``: who gives its figures when
    a cue names them ("confirmed by the UN"), None when no cue does; ``districts``: the
    districts it names (admin2 names).
    """

    start: int
    provinces: frozenset[str]
    dates: frozenset[dt.date]
    separate: bool
    source: Hashable | None
    districts: frozenset[str] = frozenset()


def casualty_accounts(passages: Sequence[Passage], publisher: Hashable, own_release: bool = False) -> list[Account]:
    """Return the account each passage (text order) belongs to.

    A passage opens a new incident when it says so, or when it names neither a province (or
    neither a district) nor a day of the incident told so far (it names both, and so did that
    incident): "in Warsaj district on Sunday ... in Dashti Qala district on Friday" are two
    incidents of one province (codebook: different districts or days are separate events). An incident
    opened by a summary naming no province and no day ("operations across the country") keeps
    the details that follow, wherever and whenever they happened: counting them again would
    count people twice. A cue naming another source opens that source's account; a passage
    without one goes on with the current source (the ``publisher`` at the start of each
    incident). In a party's own release (``own_release``), the party gives every figure,
    whoever it quotes.
    """
    accounts: list[Account] = []
    incident, source = 0, publisher
    provinces: set[str] = set()
    districts: set[str] = set()
    dates: set[dt.date] = set()
    summary = False  # the incident opened with a summary: only "a separate ..." ends it
    for passage in passages:
        opens = not accounts
        if accounts and (passage.separate or not summary and _elsewhere_and_later(passage, provinces, districts, dates)):
            incident, source, opens = incident + 1, publisher, True
            provinces, districts, dates = set(), set(), set()
        if opens:
            summary = not passage.provinces and not passage.dates
        if passage.source is not None and not own_release:
            source = passage.source
        provinces |= passage.provinces
        districts |= passage.districts
        dates |= passage.dates
        accounts.append(Account(passage.start, incident, source))
    return accounts


def _elsewhere_and_later(passage: Passage, provinces: set[str], districts: set[str], dates: set[dt.date]) -> bool:
    """Does ``passage`` name another province (or district) and another day than the incident so far?"""
    elsewhere = _disjoint(passage.provinces, provinces) or _disjoint(passage.districts, districts)
    return elsewhere and _disjoint(passage.dates, dates)


def _disjoint(named: frozenset, so_far: set) -> bool:
    """Do both name something, and nothing in common?"""
    return bool(named and so_far and named.isdisjoint(so_far))


def _same_people_class(first: str | None, second: str | None) -> bool:
    """Could two victim classes name the same people ("two insurgents" / "two individuals")?"""
    if first in _GENERIC and second in _GENERIC:
        return True
    return first == second or first is None or second is None


def _with_count(mention: CasualtyMention, count: int) -> CasualtyMention:
    """Return ``mention`` carrying only the ``count`` it adds to the total."""
    if count == mention.quantity.best:
        return mention
    quantity = mention.quantity
    return dataclasses.replace(mention, quantity=Quantity(min(quantity.low, count), count, max(count, min(quantity.high, count))))


def _by_sentence(mentions: list[CasualtyMention]) -> list[list[CasualtyMention]]:
    groups: dict[int, list[CasualtyMention]] = {}
    for mention in mentions:
        groups.setdefault(mention.sentence_start if mention.sentence_start >= 0 else mention.start, []).append(mention)
    return [groups[key] for key in sorted(groups)]


def _count_kind(mentions: list[CasualtyMention]) -> list[tuple[CasualtyMention, int]]:
    """Return (mention, count it adds) for one kind's event mentions in text order.

    The first sentence with a count usually sums up the operation; later sentences
    give details. A later mention adds people when it says so ("also", "other",
    "additional"); otherwise later mentions only add what exceeds the first sentence.
    """
    prefix, sentences = _vague_lead(_by_sentence(mentions))
    if not sentences:
        return prefix
    lead = sentences[0]
    counted: list[tuple[CasualtyMention, int]] = prefix + [
        (m, 0 if _echoes(m, lead) or _vague_beside_figure(m, lead) else m.quantity.best) for m in lead]
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
    sentences: list[list[CasualtyMention]],
) -> tuple[list[tuple[CasualtyMention, int]], list[list[CasualtyMention]]]:
    """Return (the first sentence's mentions counted 0, the sentences left) when its count is vague
    and a later sentence gives an exact figure ("several insurgents were killed ... killing one
    insurgent": the figure wins); else ([], ``sentences``)."""
    if not sentences or any(m.explicit_number for m in sentences[0]):
        return [], sentences
    if any(_is_figure(m) for sentence in sentences[1:] for m in sentence):
        return [(m, 0) for m in sentences[0]], sentences[1:]
    return [], sentences


def _echoes(mention: CasualtyMention, sentence: list[CasualtyMention]) -> bool:
    """Is ``mention`` a bare count ("six killed") repeating a count with a noun in its sentence
    ("At least six killed ... At least six people were killed": a title run into the lead)?"""
    return mention.victim is None and not mention.definite and mention.explicit_number and any(
        other is not mention and other.victim is not None and other.quantity == mention.quantity for other in sentence
    )


def _vague_beside_figure(mention: CasualtyMention, sentence: list[CasualtyMention]) -> bool:
    """Is ``mention`` a vague count ("dozens of worshippers") in a sentence that gives an exact
    figure at least as large ("killing at least 35 people ... and killed dozens")? The figure is
    the toll; the vague words sum it up again, unless they add people ("dozens of others")."""
    return not mention.explicit_number and not mention.additive and not mention.definite \
        and mention.number_end > mention.number_start and any(
            _is_figure(other) and other.quantity.best >= mention.quantity.best for other in sentence if other is not mention)


def _is_figure(mention: CasualtyMention) -> bool:
    """Does ``mention`` give an exact figure for the whole group ("killing one insurgent")?

    Not when it adds people ("two more"), names part of a group ("one of the insurgents
    detained") or counts with an article ("a Taliban leader was detained": one named person).
    """
    if not mention.explicit_number or mention.additive or mention.partitive:
        return False
    number = mention.text[mention.number_start - mention.start : mention.number_end - mention.start]
    return number.lower() not in load_lexicon().article_counts


def _restates(sentence: list[CasualtyMention], running: int) -> bool:
    """A sentence that refers back ("the commander and three others were detained") and adds up
    to no more than what is already counted repeats the summary sentence."""
    if not any(mention.definite for mention in sentence):
        return False
    return sum(mention.quantity.best for mention in sentence) <= running


def _new_people(
    mention: CasualtyMention, earlier: list[CasualtyMention], consumed: set[int], running: int
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


def counted_casualties(
    mentions: list[CasualtyMention], accounts: Sequence[Account] | None = None
) -> list[CasualtyMention]:
    """Return ``mentions`` with each one's quantity set to the people it adds to its account.

    Repeats, back-references and "including ..." subsets get a count of 0 and are
    dropped; aggregates are kept unchanged (is_aggregate=True) for the caller to
    report separately. A title line counts only when the body gives no count.
    ``accounts``: where the document's accounts start, in text order (None: one account);
    a mention belongs to the last account starting at or before its count.
    """
    kept: list[CasualtyMention] = [mention for mention in mentions if mention.is_aggregate]
    present = {mention.kind for mention in mentions}
    for kind in KINDS:
        if kind not in present:
            continue  # no mention of this kind: nothing to count
        events = [m for m in mentions if m.kind == kind and not m.is_aggregate and m.role != "subset"]
        body = [m for m in events if m.role != "headline"]
        if accounts:
            chosen = [pair for incident in _by_account(body, accounts) for pair in _count_incident(incident)]
        else:
            chosen = _count_kind(body)
        if not any(count for _, count in chosen):
            chosen = _count_kind([m for m in events if m.role == "headline"])
        kept.extend(_with_count(mention, count) for mention, count in chosen if count > 0)
    kept.sort(key=lambda m: (m.start, m.number_start))
    return kept


def _by_account(
    mentions: list[CasualtyMention], accounts: Sequence[Account] | None
) -> list[list[list[CasualtyMention]]]:
    """Split ``mentions`` (text order) by incident, then by source; every part keeps text order."""
    if not accounts or len({(account.incident, account.source) for account in accounts}) == 1:
        return [[mentions]]
    starts = [account.start for account in accounts]
    incidents: dict[int, dict[Hashable, list[CasualtyMention]]] = {}
    for mention in mentions:
        account = accounts[max(bisect.bisect_right(starts, mention.number_start) - 1, 0)]
        incidents.setdefault(account.incident, {}).setdefault(account.source, []).append(mention)
    return [list(sources.values()) for sources in incidents.values()]


def _count_incident(sources: list[list[CasualtyMention]]) -> list[tuple[CasualtyMention, int]]:
    """Count one incident's mentions, told by one source or more (each a list in text order).

    Each source's figures stand on their own ("the NRF claims 7 killed" / "the UN confirmed 2");
    a reference back in a later source's account ("relatives said the 14 men were detained")
    names people an earlier source counted, and adds none.
    """
    counted = _count_kind(sources[0])
    for mentions in sources[1:]:
        figures = {mention.quantity.best for mention, count in counted if count}
        restated = [figures and _refers_back(mention, figures) for mention in mentions]
        counted.extend((mention, 0) for mention, again in zip(mentions, restated) if again)
        counted.extend(_count_kind([mention for mention, again in zip(mentions, restated) if not again]))
    return counted


def _refers_back(mention: CasualtyMention, figures: set[int]) -> bool:
    """Is ``mention`` a reference back ("the 14 men", "the commander") to people counted with one
    of ``figures``?"""
    return mention.definite and (not mention.explicit_number or mention.quantity.best in figures)


def document_totals(
    mentions: list[CasualtyMention], accounts: Sequence[Account] | None = None
) -> dict[str, int]:
    """Return {kind: people} for a document, counting each person once per account (see
    ``counted_casualties``) and leaving out aggregates."""
    totals = dict.fromkeys(KINDS, 0)
    for mention in counted_casualties(mentions, accounts):
        if not mention.is_aggregate:
            totals[mention.kind] += mention.quantity.best
    return totals

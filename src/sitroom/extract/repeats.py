"""Join a report's repeated tellings of one incident into its first mention (pure functions).

News reports tell an incident in the lead, again with details, and again in a
quote ("One of the explosions took place at the entrance ..."). A later mention
is the same incident when it has the first one's event type (or a bombing is
told again in general words: "the attack"), province, day (or a vaguer date
within the week after) and stance (for a party's claim or denial, the same
party), names no other district, and gives no figure of a kind the first one
gives; it then fills what the first mention lacks (figures, actors, district)
and is dropped. A "separate" cue, another district, another day, another
party's version or a second figure of one kind keeps mentions apart, so a
claim and its denial stay two records for the claims ledger. A mention that
refers back to the incident just told ("during the raid", "this operation")
joins it within a day (a week when vaguely dated) when it is a detail of it or
the first is a general search, unless a follow-up word comes first ("arrested
after the explosion", data/extract/repeats.json); two tellings with no province
can be one incident.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sitroom.datafiles import read_data_json
from sitroom.errors import DataPackError
from sitroom.extract.date_continuation import load_continuation_rules
from sitroom.models import EventMention, Stance

FIGURES = ("fatalities", "injured", "detained", "released")
EXPLOSIONS = "Explosions/Remote violence"
GENERAL_SUB_TYPES = frozenset({"Attack", "Other"})  # general words: a bombing told as "the attack", a search raid as an operation
DETAILS = "Strategic developments"  # what an incident's detail is typed ("two were detained during the raid")
VAGUE_GAP_DAYS = 7
LEAD_GAP_DAYS = 1  # a lead dated by the report's day, the incident the night before
FILLED = FIGURES + ("actor1", "actor2")
OTHER_SIDE = {"actor1": "actor2", "actor2": "actor1"}
PLACE = ("admin2", "location", "latitude", "longitude", "geo_precision")


def compatible_types(first: EventMention, later: EventMention) -> bool:
    """Can both mentions type one incident? The same event type, or a bombing and an attack told
    in general words ("the attack killed 46 people" after "a suicide bombing ...")."""
    if first.event_type == later.event_type:
        return True
    # a bombing told again as "the attack" (Violence against civilians / Attack); a clash and a
    # killing of civilians on one day stay two incidents
    types = {first.event_type, later.event_type}
    general = first.sub_event_type in GENERAL_SUB_TYPES or later.sub_event_type in GENERAL_SUB_TYPES
    return general and types == {EXPLOSIONS, "Violence against civilians"}


def same_day(first: EventMention, later: EventMention) -> bool:
    """The same day; a later telling dated only vaguely (week or vaguer) within a week after the
    first; or a vaguely dated first telling (a lead dated by its report's week) whose incident the
    later one dates to the day before."""
    if first.event_date is None or later.event_date is None:
        return False
    if later.event_date == first.event_date:
        return True
    gap = (later.event_date - first.event_date).days
    if later.time_precision > first.time_precision:
        return 0 < gap <= VAGUE_GAP_DAYS
    return first.time_precision > later.time_precision and 0 < -gap <= LEAD_GAP_DAYS


AS_FACT = frozenset({Stance.REPORTED, Stance.CONFIRMED})  # stances that tell the incident as fact


def has_claim_cue(mention: EventMention) -> bool:
    """Did a cue in the text give the mention's stance ("the group claimed", "police said")? The
    report's default stance has the whole mention as its evidence, a cue only its own words."""
    span = mention.evidence.get("claim")
    return span is not None and span.end - span.start < len(mention.text)


def same_source(first: EventMention, later: EventMention) -> bool:
    """Do both carry the incident alike? The same stance, and for a party's claim or denial the
    same party: each party's version stays its own record, while two reports of one incident by
    different outlets or witnesses are one, and so are a report and an official's confirmation
    of it. A later telling in the report's own voice (no claim cue: "This attack killed two")
    goes on with the account before it, unless that account is a denial."""
    if first.claim.stance in AS_FACT and later.claim.stance in AS_FACT:
        return True
    if later.claim.stance is Stance.REPORTED and (first.claim.stance is Stance.CLAIMED or not has_claim_cue(later)):
        return first.claim.stance is not Stance.DENIED  # witnesses or the report confirm what a party claimed
    return first.claim.stance == later.claim.stance and first.claim.by == later.claim.by


@lru_cache(maxsize=1)
def load_follow_ups() -> re.Pattern[str]:
    """Load data/extract/repeats.json: the words that make a reference back a later act of its
    own ("after the attack"), as a pattern that matches right before the reference; DataPackError
    when malformed."""
    raw = read_data_json("extract", "repeats.json")
    words = raw.get("follow_ups")
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
        raise DataPackError("extract/repeats.json: 'follow_ups' must be a non-empty list of phrases")
    alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + alternatives + r")\s+$", re.IGNORECASE)


def refers_back(mention: EventMention) -> bool:
    """Does the mention refer back to the incident just told ("during the raid", "this
    operation", "این حمله"; the references of data/dates/continuation.json)? Not when its first
    reference tells what its act followed ("arrested after the attack", "gunfire followed the
    explosion ... behind the attack"): a later act of its own."""
    found = load_continuation_rules().references.search(mention.text)
    return found is not None and load_follow_ups().search(mention.text, 0, found.start()) is None


def detail_of(first: EventMention, later: EventMention) -> bool:
    """Can ``later``, which refers back to ``first``, be a detail of it whatever their types? An
    arrest or seizure "during the raid", or anything done in "this operation" a general search
    was: a clash that refers back to a killing stays a clash of its own."""
    return later.event_type == DETAILS or first.event_type == DETAILS and first.sub_event_type in GENERAL_SUB_TYPES


def near_day(first: EventMention, later: EventMention) -> bool:
    """Are the days of a telling and the telling that refers back to it close enough for one
    incident? The same day or the day either side ("an overnight raid" dated by the report's
    day), or up to a week apart when either is dated only by its week."""
    if first.event_date is None or later.event_date is None:
        return False
    gap = abs((later.event_date - first.event_date).days)
    vague = max(first.time_precision, later.time_precision) > 1
    return gap <= LEAD_GAP_DAYS or vague and gap <= VAGUE_GAP_DAYS


def same_incident(first: EventMention, later: EventMention, referring: bool = False) -> bool:
    """Is ``later`` another telling of the incident ``first`` reports? ``referring``: ``later``
    refers back to ``first``, the mention just before it, so a detail's type (arrests during the
    raid, see ``detail_of``) and a day's gap do not part them."""
    if first.is_aggregate or later.is_aggregate or not (compatible_types(first, later) or referring and detail_of(first, later)):
        return False
    if (first.admin1_code is None and later.admin1_code is not None) or later.admin1_code not in (None, first.admin1_code):
        return False
    if not (near_day(first, later) if referring else same_day(first, later)):
        return False
    if not same_source(first, later):
        return False
    if later.admin2 is not None and first.admin2 is not None and later.admin2 != first.admin2:
        return False
    # Both giving a figure of one kind: two incidents (two raids detaining two men each), since a
    # repeated figure of one account is counted once already and reads as no figure.
    return all(getattr(first, name) is None or getattr(later, name) is None for name in FIGURES)


def on_other_side(first: EventMention, later: EventMention, name: str) -> bool:
    """Does ``later``'s actor for ``name`` already hold ``first``'s other side? A re-telling that
    names the same group from the other side ("the Taliban said ... attackers killed") must not
    make one group both perpetrator and target."""
    other = OTHER_SIDE.get(name)
    return other is not None and getattr(later, name) == getattr(first, other)


def absorb(first: EventMention, later: EventMention) -> None:
    """Fill ``first``'s empty fields from ``later`` (with their evidence), take its type when it
    is the more specific one, and add its text."""
    if first.sub_event_type in GENERAL_SUB_TYPES and later.sub_event_type not in GENERAL_SUB_TYPES:
        first.event_type, first.sub_event_type = later.event_type, later.sub_event_type
        for name in ("event_type", "sub_event_type"):
            if name in later.evidence:
                first.evidence[name] = later.evidence[name]
    if later.time_precision < first.time_precision and later.event_date is not None:
        # "Saturday's report: ... exchange of fire" then "on December 15": the later telling dates it
        first.event_date, first.time_precision = later.event_date, later.time_precision
        if "event_date" in later.evidence:
            first.evidence["event_date"] = later.evidence["event_date"]
    for name in FILLED:
        if getattr(first, name) is None and getattr(later, name) is not None and not on_other_side(first, later, name):
            setattr(first, name, getattr(later, name))
            if name in later.evidence:
                first.evidence[name] = later.evidence[name]
    if later.geo_precision < first.geo_precision and later.admin1_code == first.admin1_code:
        for name in PLACE:  # the later telling names the finer place: take it whole
            setattr(first, name, getattr(later, name))
        for name in ("admin2", "location", "latitude", "longitude"):
            if name in later.evidence:
                first.evidence[name] = later.evidence[name]
    others = {*first.assoc_actors, *later.assoc_actors, later.actor1, later.actor2}  # no actor is lost
    first.assoc_actors = sorted(others - {first.actor1, first.actor2, None})
    first.tags = list(dict.fromkeys([*first.tags, *later.tags]))
    first.text = f"{first.text}\n{later.text}"


def take_earlier_day(first: EventMention, later: EventMention) -> None:
    """Date ``first`` by the day before that ``later``, which refers back to it, gives as
    precisely: a lead is often dated by its report's day, the incident the night before."""
    if (later.event_date is not None and first.event_date is not None and later.event_date < first.event_date
            and later.time_precision <= first.time_precision):
        first.event_date, first.time_precision = later.event_date, later.time_precision
        if "event_date" in later.evidence:
            first.evidence["event_date"] = later.evidence["event_date"]


def join_repeats(mentions: list[EventMention], separate: list[bool]) -> list[EventMention]:
    """The mentions with every repeat joined into the earlier mention it repeats.

    ``separate[i]``: mention i says it reports another incident ("In a separate attack").
    A telling joined by its reference back ("killed in the raid", dated by the report's day) stays
    a telling of its own for the ones after it: what repeats it repeats the incident.
    """
    kept: list[EventMention] = []
    retold: list[tuple[EventMention, EventMention]] = []  # (telling joined by a reference back, its kept mention)
    for mention, apart in zip(mentions, separate):
        earlier = None if apart else _repeated(kept, retold, mention)
        if earlier is None and not apart and kept and refers_back(mention) and same_incident(kept[-1], mention, True):
            earlier = kept[-1]
            take_earlier_day(earlier, mention)
            retold.append((mention, earlier))
        if earlier is None:
            kept.append(mention)
        else:
            absorb(earlier, mention)
    return kept


def _repeated(kept: list[EventMention], retold: list[tuple[EventMention, EventMention]],
              mention: EventMention) -> EventMention | None:
    """The kept mention ``mention`` repeats, directly or through a telling joined into it."""
    direct = next((m for m in reversed(kept) if same_incident(m, mention)), None)
    if direct is not None:
        return direct
    return next((into for telling, into in reversed(retold) if same_incident(telling, mention)), None)

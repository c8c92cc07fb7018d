"""Blocking: which pairs of mentions are worth scoring at all.

Two mentions are candidates only when (1) the spans of days their dates allow overlap
(``Preparer.date_span``, from settings ``dates.window_days``: two day-precise dates
may differ by the one-day slack, a week-precise date covers its week, a month-precise
date its month, and nothing after the report's publication); (2) their
places fit in the admin hierarchy: same country, same province when both know it,
same district when both know it, the same named place when both name one (close
spellings, or one name inside the other: "Barchi" / "Kabul - Dasht-e Barchi"), precise
coordinates within ``max_distance_km``; (3) their event types are equal or listed as
compatible; (4) they share an actor (generic actors such as "Civilians" are ignored),
unless each names one side only; (5) they are not two rows of a sitroom export (ACLED or
UCDP CSV whose ids are sitroom event ids: resolved already); (6) they come from different documents, or one
document gives them different voices (a claim and the denial or rival claim it quotes),
or the same day, district and event type (the extractor starts a new mention at each
paragraph, so one incident told in two paragraphs is two mentions). Pairs are generated
per province with a sort-and-scan over date windows, so the number of comparisons
grows with local density, not with n^2.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator

from rapidfuzz.fuzz import ratio

from sitroom.models import Stance
from sitroom.resolve.prepare import PreparedMention
from sitroom.resolve.records import EVENT_ID_PREFIX
from sitroom.resolve.settings import ResolutionSettings

Pair = tuple[PreparedMention, PreparedMention]


def same_name(a: str | None, b: str | None, settings: ResolutionSettings) -> bool:
    """True when two folded place keys name the same place (exact or close spelling)."""
    if a == b:
        return True
    if a is None or b is None:
        return False
    return ratio(a, b) >= settings.place_name_similarity * 100


def same_place(a: PreparedMention, b: PreparedMention, settings: ResolutionSettings) -> bool:
    """True when two mentions' named places are one: close spellings, or one name is words of the other.

    "Barchi" and "Dasht-e Barchi", or ACLED's "Kabul - Dasht-e Barchi" (city - neighbourhood),
    name one place at two levels of detail.
    """
    if same_name(a.location, b.location, settings):
        return True
    short, long = sorted((a.location_words, b.location_words), key=len)
    if not short or len(short) == len(long):
        return False
    return any(long[start : start + len(short)] == short for start in range(len(long) - len(short) + 1))


def distance_km(a: PreparedMention, b: PreparedMention) -> float | None:
    """Great-circle distance between two mentions' coordinates, or None if either lacks them."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def incompatibility(a: PreparedMention, b: PreparedMention, settings: ResolutionSettings) -> str | None:
    """Return why two mentions cannot be one event, or None when they may be."""
    if not (a.resolvable and b.resolvable):
        return "undated or aggregate mention"
    # A roundup lists several incidents in one voice; a report's claim and the denial,
    # confirmation or rival claim it quotes ("The NRF said 100 were detained; the police said
    # a few suspects") are one.
    if a.doc_id == b.doc_id and not settings.same_document_can_merge and _same_voice(a, b):
        if not (settings.same_document_same_incident and _same_day_district_and_type(a, b, settings)):
            return "same document"
    if _distinct_sitroom_events(a, b):
        return "two events of a sitroom export (resolved already)"
    if a.hi < b.lo or b.hi < a.lo:
        return f"dates {abs(a.day - b.day)} days apart: the days each allows do not overlap"
    reason = _place_conflict(a, b, settings)
    if reason:
        return reason
    if a.event_type and b.event_type and a.event_type != b.event_type:
        if frozenset((a.event_type, b.event_type)) not in settings.compatible_types:
            return f"event types {a.event_type!r} and {b.event_type!r} are incompatible"
    # Reports sharing no actor are two incidents, unless each names one side only: "the NRF
    # attacked a checkpoint" and "the Islamic Emirate denies any attack" name the two sides.
    if a.actors and b.actors and not (a.actors & b.actors) and not len(a.actors) == len(b.actors) == 1:
        return "no actor in common"
    return None


def _distinct_sitroom_events(a: PreparedMention, b: PreparedMention) -> bool:
    """True when both mentions are rows of a sitroom export (ids of canonical events) with different ids.

    A sitroom ACLED or UCDP export holds events resolved already (and analysts' splits): read
    back, two of its rows are never merged again, so the export round-trips unchanged.
    """
    first, second = a.source.mention.source_event_id, b.source.mention.source_event_id
    if not (first and second and first.startswith(EVENT_ID_PREFIX) and second.startswith(EVENT_ID_PREFIX)):
        return False
    return first != second and a.source.mention.extractor.startswith("ingest.")


def _same_voice(a: PreparedMention, b: PreparedMention) -> bool:
    """True when two mentions speak in one voice: one stance and, for claims, one claimant."""
    return a.stance == b.stance and (a.stance is not Stance.CLAIMED or a.claimant == b.claimant)


def _same_day_district_and_type(a: PreparedMention, b: PreparedMention, settings: ResolutionSettings) -> bool:
    """True when two mentions give the same day, district and event type (one incident in two paragraphs)."""
    return (
        a.time_precision == b.time_precision == 1
        and a.day == b.day
        and a.admin2 is not None
        and same_name(a.admin2, b.admin2, settings)
        and a.event_type is not None
        and a.event_type == b.event_type
    )


def _place_conflict(a: PreparedMention, b: PreparedMention, settings: ResolutionSettings) -> str | None:
    if a.country and b.country and a.country != b.country:
        return "different countries"
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:  # codes when known, so spellings agree
        return "different provinces"
    if a.admin2 and b.admin2 and not same_name(a.admin2, b.admin2, settings):
        return "different districts"
    if a.location and b.location and not settings.different_places_can_merge:
        if not same_place(a, b, settings):  # two named villages: two incidents
            return "different named places"
    if a.geo_precision == 1 and b.geo_precision == 1:
        distance = distance_km(a, b)
        if distance is not None and distance > settings.max_distance_km:
            return f"{distance:.0f} km apart"
    return None


def _forward_pairs(members: list[PreparedMention]) -> Iterator[Pair]:
    """Yield overlapping pairs of one lo-sorted list, each once (from the earlier-starting side)."""
    starts = [m.lo for m in members]
    for index, first in enumerate(members):
        stop = bisect.bisect_right(starts, first.hi, lo=index + 1)
        for other in members[index + 1 : stop]:
            yield first, other


def _cross_pairs(left: list[PreparedMention], right: list[PreparedMention]) -> Iterator[Pair]:
    """Yield overlapping pairs between two lo-sorted lists, each once."""
    right_starts = [m.lo for m in right]
    for item in left:  # right members starting within item's window
        lo = bisect.bisect_left(right_starts, item.lo)
        for other in right[lo : bisect.bisect_right(right_starts, item.hi)]:
            yield item, other
    left_starts = [m.lo for m in left]
    for other in right:  # left members starting strictly later than other, within its window
        lo = bisect.bisect_right(left_starts, other.lo)
        for item in left[lo : bisect.bisect_right(left_starts, other.hi)]:
            yield item, other


def candidate_pairs(mentions: Iterable[PreparedMention], settings: ResolutionSettings) -> Iterator[Pair]:
    """Yield every compatible pair among ``mentions`` (see the module docstring for the rules)."""
    by_province: dict[tuple[str, str], list[PreparedMention]] = defaultdict(list)
    province_unknown: dict[str, list[PreparedMention]] = defaultdict(list)
    for mention in mentions:
        if not mention.resolvable:
            continue
        if mention.admin1:
            by_province[(mention.country, mention.admin1)].append(mention)
        else:
            province_unknown[mention.country].append(mention)
    for members in by_province.values():
        members.sort(key=_by_start)
        yield from _compatible(_forward_pairs(members), settings)
    for country, vague in province_unknown.items():
        vague.sort(key=_by_start)
        yield from _compatible(_forward_pairs(vague), settings)
        known = sorted((m for (c, _), ms in by_province.items() if c == country for m in ms), key=_by_start)
        yield from _compatible(_cross_pairs(vague, known), settings)


def _by_start(mention: PreparedMention) -> tuple[int, str]:
    return mention.lo, mention.mention_id


def _compatible(pairs: Iterable[Pair], settings: ResolutionSettings) -> Iterator[Pair]:
    for first, second in pairs:
        if incompatibility(first, second, settings) is None:
            yield first, second

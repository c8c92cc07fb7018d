"""Pairwise same-event features and their weighted score, with a reason for each.

Input: two ``PreparedMention`` that passed blocking, and ``ResolutionSettings``.
Output: ``PairScore``: the weighted mean of the features each pair can compare
(a feature with no data on one side is left out, not scored zero), and the
per-feature values and reasons that ``explain`` turns into ``FeatureScore`` records.

Features: place (same named place > same district > same province only), date
(same day > one day apart > share of the precise date's days inside the imprecise
one's span), event type (not compared with a denial: "rejected claims of an attack"
gets a default type from the coder),
actors (overlap of canonical, non-generic actors), stance (a denial naming
the claimant of a claim, or made by the party the claim accuses), figures (agreement of
fatalities / injured / detained; a denial's figures are not compared because a
denial disputes the event, not its toll) and text similarity.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.fuzz import token_set_ratio

from sitroom.models import Stance
from sitroom.resolve.blocking import distance_km, same_place
from sitroom.resolve.prepare import PreparedMention
from sitroom.resolve.records import FeatureScore
from sitroom.resolve.settings import ResolutionSettings

Feature = tuple[str, float | None, str]  # name, value in [0, 1] (None: not comparable), reason


@dataclass(frozen=True, slots=True)
class PairScore:
    """A pair's weighted score and the features it was computed from."""

    score: float
    features: tuple[Feature, ...]


def place_feature(a: PreparedMention, b: PreparedMention, settings: ResolutionSettings) -> Feature:
    """Score how precisely two mentions' places coincide."""
    if a.location and b.location:
        if same_place(a, b, settings):
            return "place", settings.place_same_location, f"same place ({a.location} ~ {b.location})"
        distance = distance_km(a, b)
        near = f", {distance:.1f} km apart" if distance is not None else ""
        return "place", settings.place_different_location_same_district, f"different places in one district{near}"
    if a.admin2 and b.admin2:
        return "place", settings.place_same_district, f"same district ({a.admin2})"
    if a.admin1 and b.admin1:
        return "place", settings.place_same_province_only, f"same province ({a.admin1}), district unknown"
    return "place", None, "province unknown on one side"


def date_feature(a: PreparedMention, b: PreparedMention, settings: ResolutionSettings) -> Feature:
    """Score how closely two mentions' dates agree, given each one's precision."""
    gap = abs(a.day - b.day)
    if a.time_precision == 1 and b.time_precision == 1:
        value = max(0.0, 1.0 - gap / (settings.window(1) + 1))
        return "date", value, "same day" if gap == 0 else f"{gap} day(s) apart"
    vague = a if a.time_precision >= b.time_precision else b
    if vague.whole_month and a.month != b.month:  # "in May": other months fit only through the slack
        return "date", settings.imprecise_date_score * 0.5, "outside the reported month"
    # Otherwise: how much of the narrower span of days lies inside the wider one.
    narrow, wide = sorted((a, b), key=lambda m: m.hi - m.lo)
    inside = min(narrow.hi, wide.hi) - max(narrow.lo, wide.lo) + 1
    share = max(0, inside) / (narrow.hi - narrow.lo + 1)
    detail = "within the reported month" if vague.whole_month else f"{share:.0%} inside the imprecise date's span"
    return "date", settings.imprecise_date_score * share, detail


def type_feature(a: PreparedMention, b: PreparedMention, settings: ResolutionSettings) -> Feature:
    """Score agreement of event type and sub-event type."""
    if not (a.event_type and b.event_type):
        return "type", None, "event type unknown on one side"
    if Stance.DENIED in (a.stance, b.stance):  # "rejected claims of an attack": the type is the coder's guess
        return "type", None, "a denial's event type is not compared"
    if a.event_type == b.event_type:
        if a.sub_event_type and a.sub_event_type == b.sub_event_type:
            return "type", settings.type_same_sub_type, f"same sub-event type ({a.sub_event_type})"
        return "type", settings.type_same_type, f"same event type ({a.event_type})"
    return "type", settings.type_compatible, f"compatible types ({a.event_type} / {b.event_type})"


def actor_feature(a: PreparedMention, b: PreparedMention) -> Feature:
    """Score the overlap (Jaccard) of the two mentions' canonical actors."""
    if not (a.actors and b.actors):
        return "actors", None, "actors unknown on one side"
    shared = a.actors & b.actors
    value = len(shared) / len(a.actors | b.actors)
    return "actors", value, f"shared actors: {', '.join(sorted(shared))}"


def figures_feature(a: PreparedMention, b: PreparedMention) -> Feature:
    """Score agreement of fatalities, injured and detained where both sides give them."""
    if Stance.DENIED in (a.stance, b.stance):
        return "figures", None, "a denial's figures are not compared"
    ratios: list[float] = []
    for x, y in zip(a.figures, b.figures):
        if x is not None and y is not None:
            ratios.append(1.0 if x == y else min(x, y) / max(x, y))
    if not ratios:
        return "figures", None, "no figure given on both sides"
    value = sum(ratios) / len(ratios)
    return "figures", value, f"figures agree {value:.0%} ({a.figures} vs {b.figures})"


def text_feature(a: PreparedMention, b: PreparedMention) -> Feature:
    """Score the token-set similarity of the two mentions' sentences."""
    if not (a.text and b.text):
        return "text", None, "no text on one side"
    value = token_set_ratio(a.text, b.text) / 100.0
    return "text", value, f"text similarity {value:.2f}"


def stance_feature(a: PreparedMention, b: PreparedMention) -> Feature:
    """Score a claim and a denial that names the claimant: denials answer claims."""
    if a.stance is Stance.DENIED and b.stance is Stance.CLAIMED:
        a, b = b, a
    if not (a.stance is Stance.CLAIMED and b.stance is Stance.DENIED):
        return "stance", None, "not a claim and a denial"
    claimant = a.claimant or next(iter(sorted(a.actors)), None)
    if claimant and claimant in b.actors:
        return "stance", 1.0, f"denial answers {claimant}'s claim"
    # "Reports that our forces burned houses are false": the party a claim accuses denies it
    # without naming who claimed.
    if b.claimant and b.claimant in a.actors and b.claimant != claimant:
        return "stance", 1.0, f"{b.claimant} denies the claim made against it"
    return "stance", 0.0, "denial does not name the claimant"


def score_pair(a: PreparedMention, b: PreparedMention, settings: ResolutionSettings) -> PairScore:
    """Return the weighted score of a blocked pair and its features."""
    features = (
        place_feature(a, b, settings),
        date_feature(a, b, settings),
        type_feature(a, b, settings),
        actor_feature(a, b),
        figures_feature(a, b),
        text_feature(a, b),
        stance_feature(a, b),
    )
    total = weight_sum = 0.0
    for name, value, _ in features:
        if value is not None:
            weight = settings.weights[name]
            total += weight * value
            weight_sum += weight
    return PairScore(total / weight_sum if weight_sum else 0.0, features)


def explain(pair: PairScore, settings: ResolutionSettings) -> tuple[FeatureScore, ...]:
    """Return the pair's comparable features as FeatureScore records (for MergeExplanation)."""
    return tuple(
        FeatureScore(name, value, settings.weights[name], detail)
        for name, value, detail in pair.features
        if value is not None
    )

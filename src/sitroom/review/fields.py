"""Check and apply analysts' corrections of an event's fields.

``clean_corrections`` turns what a form sent into typed values (InputError naming the field and
the problem); ``apply_corrections`` puts the stored corrections on freshly resolved events, so an
analyst's value wins over the machine's after every re-extraction, resolution and rebuild.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from functools import lru_cache
from typing import Any, Iterable, Mapping

from sitroom.datafiles import read_data_json
from sitroom.errors import InputError
from sitroom.models import Claim, Event, Stance
from sitroom.store.review_records import REVIEW_FIELDS, FieldCorrection, ReviewHold

TEXT_FIELDS = ("sub_event_type", "country", "admin1", "admin1_code", "admin2", "location", "actor1", "actor2", "claim_by")
PRECISIONS = {"time_precision": (1, 3), "geo_precision": (1, 3)}
FIGURE_FIELDS = ("fatalities_low", "fatalities_best", "fatalities_high")
LIST_FIELDS = ("assoc_actors", "tags")
MAX_TEXT = 300


@lru_cache(maxsize=1)
def acled_event_types() -> dict[str, tuple[str, ...]]:
    """Return ACLED's event types and their sub-event types (data/taxonomy/acled.json)."""
    return {name: tuple(subs) for name, subs in read_data_json("taxonomy", "acled.json")["event_types"].items()}


def _text(name: str, value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise InputError(name, f"must be text of at most {MAX_TEXT} characters")
    return value.strip()


def _integer(name: str, value: Any, low: int = 0, high: int | None = None) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InputError(name, f"{value!r} is not a whole number") from None
    if number < low or (high is not None and number > high):
        raise InputError(name, f"{number} is outside {low}-{high if high is not None else 'any'}")
    return number


def _coordinate(name: str, value: Any, limit: float) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(name, f"{value!r} is not a number") from None
    if not -limit <= number <= limit:
        raise InputError(name, f"{number} is outside -{limit}..{limit}")
    return number


def _one(name: str, value: Any) -> Any:
    if name == "event_type":
        text = _text(name, value)
        if text is not None and text not in acled_event_types():
            raise InputError(name, f"{text!r} is not an ACLED event type ({', '.join(acled_event_types())})")
        return text
    if name == "event_date":
        if not value:
            return None
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise InputError(name, f"{value!r} is not a date; use YYYY-MM-DD") from None
    if name in PRECISIONS:
        low, high = PRECISIONS[name]
        number = _integer(name, value, low, high)
        if number is None:
            raise InputError(name, f"is required ({low}-{high})")
        return number
    if name in ("latitude", "longitude"):
        return _coordinate(name, value, 90 if name == "latitude" else 180)
    if name in FIGURE_FIELDS:
        return _integer(name, value)
    if name == "claim_stance":
        try:
            return Stance(str(value)).value
        except ValueError:
            raise InputError(name, f"{value!r} is not one of {', '.join(s.value for s in Stance)}") from None
    if name in LIST_FIELDS:
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list):
            raise InputError(name, "must be a list of names")
        return [item for item in (_text(name, entry) for entry in items) if item]
    return _text(name, value)


def clean_corrections(values: Mapping[str, Any], current: Mapping[str, Any]) -> dict[str, Any]:
    """Return the typed corrections in ``values`` that differ from ``current`` (the event's fields).

    InputError names the first unknown or invalid field; figures must keep low <= best <= high and
    a sub-event type must belong to the event type.
    """
    unknown = [name for name in values if name not in REVIEW_FIELDS]
    if unknown:
        raise InputError(unknown[0], f"is not a field a reviewer can correct ({', '.join(REVIEW_FIELDS)})")
    cleaned = {name: _one(name, value) for name, value in values.items()}
    merged = {**current, **cleaned}
    figures = [merged.get(name) for name in FIGURE_FIELDS]
    known = [figure for figure in figures if figure is not None]
    if known != sorted(known) or (figures[1] is None and known):
        raise InputError("fatalities", f"low, best and high must be ordered low <= best <= high (got {figures})")
    event_type, sub_type = merged.get("event_type"), merged.get("sub_event_type")
    if event_type and sub_type and sub_type not in acled_event_types().get(event_type, ()):
        raise InputError("sub_event_type", f"{sub_type!r} is not a sub-event type of {event_type!r}")
    return {name: value for name, value in cleaned.items() if current.get(name) != value}


def event_fields(event: Event) -> dict[str, Any]:
    """Return an event's reviewable fields (the names of ``REVIEW_FIELDS``) as plain values."""
    coded = event.coded
    values: dict[str, Any] = {name: getattr(coded, name, None) for name in REVIEW_FIELDS}
    values["event_date"] = coded.event_date.isoformat() if coded.event_date else None
    values["claim_stance"] = Stance(coded.claim.stance).value
    values["claim_by"] = coded.claim.by
    values["tags"], values["assoc_actors"] = list(coded.tags), list(coded.assoc_actors)
    for name in FIGURE_FIELDS:
        values[name] = getattr(event, name)
    return values


def _event_for(event_id: str, anchors: Iterable[str], events: dict[str, Event],
               assignments: Mapping[str, str]) -> Event | None:  # fmt: skip
    """Return the event ``event_id``, else the one now holding most of its ``anchors`` mentions, else None."""
    if event_id in events:
        return events[event_id]
    votes = Counter(assignments[m] for m in anchors if m in assignments)
    return events.get(votes.most_common(1)[0][0]) if votes else None


def _target(correction: FieldCorrection, events: dict[str, Event], assignments: Mapping[str, str]) -> Event | None:
    return _event_for(correction.event_id, correction.anchor_mentions, events, assignments)


def _set(event: Event, name: str, value: Any) -> None:
    if name in FIGURE_FIELDS:
        setattr(event, name, value)
        if name == "fatalities_best":
            event.coded = dataclasses.replace(event.coded, fatalities=value)
    elif name == "claim_stance":
        event.coded = dataclasses.replace(event.coded, claim=Claim(Stance(value), event.coded.claim.by))
    elif name == "claim_by":
        event.coded = dataclasses.replace(event.coded, claim=Claim(Stance(event.coded.claim.stance), value))
    elif name == "event_date":
        event.coded = dataclasses.replace(event.coded, event_date=dt.date.fromisoformat(value) if value else None)
    else:
        event.coded = dataclasses.replace(event.coded, **{name: list(value) if name in LIST_FIELDS else value})


def apply_corrections(events: Iterable[Event], assignments: Mapping[str, str],
                      corrections: Iterable[FieldCorrection]) -> list[str]:  # fmt: skip
    """Set each correction's value on its event (found by id, else by its anchor mentions), oldest first.

    Returns the ids of the corrections whose event no longer exists.
    """
    by_id = {event.event_id: event for event in events}
    lost = []
    for correction in sorted(corrections, key=lambda c: (c.decided_at, c.correction_id)):
        event = _target(correction, by_id, assignments)
        if event is None:
            lost.append(correction.correction_id)
            continue
        _set(event, correction.field, correction.value)
    return lost


def hold_reviewed_values(events: Iterable[Event], assignments: Mapping[str, str], holds: Iterable[ReviewHold],
                         corrections: Iterable[FieldCorrection] = ()) -> dict[str, dict[str, Any]]:  # fmt: skip
    """Put each reviewed event's accepted values back over the machine's; return the machine's that differ.

    Returns event id -> field -> the machine's value, for the fields where the freshly resolved
    event differs from what the reviewer accepted, leaving out values a reviewer already kept the
    accepted ones over (``hold.seen``) and fields an analyst corrected (the correction wins). Those
    values wait beside the reviewed ones (``review_pending``) until a reviewer takes or dismisses them.
    """
    by_id = {event.event_id: event for event in events}
    corrected = set()
    for correction in corrections:
        target = _target(correction, by_id, assignments)
        if target is not None:
            corrected.add((target.event_id, correction.field))
    pending: dict[str, dict[str, Any]] = {}
    for hold in holds:
        event = _event_for(hold.event_id, hold.members, by_id, assignments)
        if event is None:
            continue
        machine = event_fields(event)
        for name, reviewed in sorted(hold.fields.items()):
            if name not in REVIEW_FIELDS or (event.event_id, name) in corrected or machine.get(name) == reviewed:
                continue
            if name not in hold.seen or hold.seen[name] != machine.get(name):
                pending.setdefault(event.event_id, {})[name] = machine.get(name)
            _set(event, name, reviewed)
    return pending

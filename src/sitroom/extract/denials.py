"""Type the event a denial denies, from the noun it names (data/taxonomy/denied_events.toml).

"A spokesman said the reports of an attack in Dara were baseless" has no event verb, so the
event typer passes it by; but the ledger needs the denial beside the claim it answers.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sitroom.errors import DataPackError
from sitroom.extract.event_types import EventTyping

_FILE = "denied_events.toml"


@dataclass(frozen=True, slots=True)
class _NounRule:
    pattern: re.Pattern[str]
    event_type: str
    sub_event_type: str


@lru_cache(maxsize=1)
def _load() -> tuple[tuple[_NounRule, ...], re.Pattern[str]]:
    """(noun rules, the "reports of" pattern) from data/taxonomy/denied_events.toml, read once."""
    try:
        raw = tomllib.loads(resources.files("sitroom.data").joinpath("taxonomy", _FILE).read_text("utf-8"))
        rules = tuple(
            _NounRule(re.compile(row["pattern"], re.IGNORECASE), row["event_type"], row["sub_event_type"])
            for row in raw["noun"]
        )
        return rules, re.compile(raw["reports_of"], re.IGNORECASE)
    except (OSError, KeyError, TypeError, re.error, tomllib.TOMLDecodeError) as error:
        raise DataPackError(f"sitroom/data/taxonomy/{_FILE}: invalid ({type(error).__name__}: {error}); fix the file") from None


def speaks_of_reports(text: str) -> bool:
    """Is ``text`` about reports of an event ("media spread reports of an attack")?"""
    return _load()[1].search(text) is not None


def denied_event_typing(sentence: str, offset: int) -> EventTyping | None:
    """Return the typing of the event that a denial sentence names, or None if it names none."""
    for rule in _load()[0]:
        found = rule.pattern.search(sentence)
        if found:
            return EventTyping(rule.event_type, rule.sub_event_type, (), offset + found.start(), offset + found.end(), False)
    return None

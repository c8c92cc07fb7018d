"""Analyze step: a profile statement an analyst writes down from a stored document.

The patterns miss statements (other wordings, other languages); an analyst who reads one adds it
by naming the actor, the kind, its values, the document and the words that state it. The words
must occur in the document exactly once, so the statement keeps its character span like a found
one; each value that the words contain gets its own span. The result is a ``ProfileFact`` that the
store keeps as an accepted suggestion (``Repository.add_profile_statement``), so the actor's profile
shows it with its document, and re-running ``profile-facts extract`` leaves it alone.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from sitroom.analyze.profile_facts import FactFinder
from sitroom.errors import InputError
from sitroom.models import Document
from sitroom.store.profile_records import PROFILE_FACT_KINDS, ProfileFact

PATTERN_ID = "analyst"
EXTRACTOR = "analyst-statement-v1"
VALUE_NAMES = {"leader": ("name", "role"), "base": ("place",), "strength": ("low", "high", "unit"),
               "alliance": ("with", "kind", "from")}  # fmt: skip
REQUIRED = {"leader": ("name",), "base": ("place",), "strength": ("low", "high"), "alliance": ("with",)}
ALLIANCE_KINDS = ("member", "ally")


def analyst_statement(finder: FactFinder, document: Document, actor: str, kind: str, values: Mapping[str, str],
                      quote: str) -> ProfileFact:  # fmt: skip
    """Return the statement as a ProfileFact; InputError naming the field and the problem when it cannot be one."""
    if kind not in PROFILE_FACT_KINDS:
        raise InputError("kind", f"{kind!r} is not one of {', '.join(PROFILE_FACT_KINDS)}")
    actor_id = _actor_id(finder, actor, "actor")
    start = _quote_start(document, quote)
    value = _value(finder, kind, _checked_values(kind, values), actor_id)
    evidence = _evidence(document.text, start, quote, {"actor": actor, **{k: str(v) for k, v in values.items()}})
    stated_on = document.published.isoformat() if document.published else None
    return ProfileFact(actor_id, kind, value, document.doc_id, start, start + len(quote), quote, evidence, PATTERN_ID,
                       EXTRACTOR, stated_on)  # fmt: skip


def _checked_values(kind: str, values: Mapping[str, str]) -> dict[str, str]:
    unknown = sorted(set(values) - set(VALUE_NAMES[kind]))
    if unknown:
        raise InputError(f"values ({kind})", f"unknown value {', '.join(unknown)}; a {kind} has {', '.join(VALUE_NAMES[kind])}")
    cleaned = {name: " ".join(str(text).split()) for name, text in values.items() if str(text).strip()}
    missing = [name for name in REQUIRED[kind] if name not in cleaned]
    if missing:
        raise InputError(f"values ({kind})", f"a {kind} statement needs {', '.join(missing)}")
    return cleaned


def _actor_id(finder: FactFinder, name: str, field: str) -> str:
    found = finder.dictionary.lookup(name)
    if not found:
        raise InputError(field, f"no actor called {name!r} in the actor dictionary")
    return found[0].actor_id


def _quote_start(document: Document, quote: str) -> int:
    if not quote.strip():
        raise InputError("quote", "give the words of the document that state it")
    count = document.text.count(quote)
    if count == 0:
        raise InputError("quote", f"these words are not in document {document.doc_id!r} (copy them exactly)")
    if count > 1:
        raise InputError("quote", f"these words occur {count} times in document {document.doc_id!r}; quote more of the sentence")
    return document.text.index(quote)


def _value(finder: FactFinder, kind: str, values: dict[str, str], actor_id: str) -> dict[str, Any]:
    if kind == "leader":
        return {"name": values["name"], "role": values.get("role", "leader").lower()}
    if kind == "base":
        return finder.base_value(values["place"])
    if kind == "strength":
        low, high = (_whole_number(values[name], name) for name in ("low", "high"))
        if low > high:
            raise InputError("values (strength)", f"low {low} is above high {high}")
        return {"low": low, "high": high, "unit": values.get("unit", "fighters")}
    return _alliance(finder, values, actor_id)


def _alliance(finder: FactFinder, values: dict[str, str], actor_id: str) -> dict[str, Any]:
    other = _actor_id(finder, values["with"], "values (alliance): with")
    if other == actor_id:
        raise InputError("values (alliance): with", "a group is not allied with itself")
    alliance = values.get("kind", "member")
    if alliance not in ALLIANCE_KINDS:
        raise InputError("values (alliance): kind", f"{alliance!r} is not one of {', '.join(ALLIANCE_KINDS)}")
    year = values.get("from")
    if year is not None and not re.fullmatch(r"(?:19|20)\d{2}", year):
        raise InputError("values (alliance): from", f"{year!r} is not a year (YYYY)")
    return {"with_actor_id": other, "with": finder.dictionary.roles(other)[-1].name, "kind": alliance, "from": year}


def _whole_number(text: str, name: str) -> int:
    try:
        number = int(text.replace(",", "").replace("٬", ""))
    except ValueError:
        raise InputError(f"values (strength): {name}", f"{text!r} is not a whole number") from None
    if number < 0:
        raise InputError(f"values (strength): {name}", "must not be negative")
    return number


def _evidence(text: str, start: int, quote: str, named: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Map each value whose words occur in the quote (case-insensitively) to their span in the document."""
    spans = {}
    lowered = quote.lower()
    for name, words in named.items():
        at = lowered.find(words.lower()) if words else -1
        if at >= 0:
            spans[name] = (start + at, start + at + len(words))
    return spans

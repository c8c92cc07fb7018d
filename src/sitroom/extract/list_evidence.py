"""Evidence for the list fields of a mention: each associated actor and each tag gets a span.

The scalar fields (actor1, actor2, place, date, figures) keep the span they were read from
as they are set. Associated actors and tags are lists that grow as repeats of one incident
are joined, so their evidence is completed once a mention is final:
- an associated actor points at its first naming in the mention's sentences, else at its
  first naming in the report (an actor the report's context implied);
- a tag points at the first match of its tag rule in the mention's sentences, else at the
  trigger that typed the mention (tags that come with the event type: "detention").
Keys are ``assoc_actors:<name>`` and ``tags:<tag>``, spaces written as "_" (a field name is
one word wherever evidence is shown).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

from sitroom.extract.actors import ActorMention
from sitroom.extract.event_types import load_taxonomy
from sitroom.models import EventMention, Evidence

MakeEvidence = Callable[[str, int, int, str], Evidence]  # (doc_id, start, end, component) -> Evidence


def evidence_key(field: str, value: str) -> str:
    """The evidence key of one list entry: ``assoc_actors:Taliban_forces_(Islamic_Emirate)``."""
    return f"{field}:{value.replace(' ', '_')}"


def complete_list_evidence(mention: EventMention, text: str, actors: list[ActorMention], make: MakeEvidence) -> None:
    """Give every associated actor and tag of ``mention`` an evidence span (see the module docstring)."""
    trigger = mention.evidence.get("event_type")
    if trigger is None:
        return
    first_text = mention.text.split("\n", 1)[0]
    start = text.find(first_text, max(0, trigger.start - len(first_text))) if first_text else -1
    start, end = (start, start + len(first_text)) if 0 <= start <= trigger.start else (trigger.start, trigger.end)
    for name in mention.assoc_actors:
        key = evidence_key("assoc_actors", name)
        if key not in mention.evidence:
            named = _first_naming(actors, name, start, end)
            if named is not None:
                mention.evidence[key] = make(mention.doc_id, named.start, named.end, "actors")
    patterns = _tag_patterns()
    for tag in mention.tags:
        key = evidence_key("tags", tag)
        if key in mention.evidence:
            continue
        found = patterns[tag].search(text, start, end) if tag in patterns else None
        span = (found.start(), found.end()) if found else (trigger.start, trigger.end)
        mention.evidence[key] = make(mention.doc_id, span[0], span[1], "event_types")


@lru_cache(maxsize=1)
def _tag_patterns() -> dict:
    """Tag -> the pattern of its tag rule (the packaged taxonomy's)."""
    return dict(load_taxonomy().tag_rules)


def _first_naming(actors: list[ActorMention], name: str, start: int, end: int) -> ActorMention | None:
    """The first actor mention named ``name`` inside [start, end), else the report's first."""
    named = [a for a in actors if a.name == name]
    return next((a for a in named if start <= a.start < end), named[0] if named else None)

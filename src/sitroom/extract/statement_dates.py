"""Tell the date of a statement from the date of the event it reports (pure functions).

"The group said on Friday that its fighters attacked a post on Thursday night":
Friday dates the statement, Thursday the attack. English puts the speech verb
before such a date; Dari and Pashto put it after the date, in the same clause
("روز جمعه اعلام کرد که ..."). The cue words are data
(``data/dates/statement_cues.json``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitroom.datafiles import read_data_json
from sitroom.errors import DataPackError
from sitroom.extract.dates import DateMention


def _alternation(words) -> str:
    return "|".join(re.escape(str(w)) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class StatementCues:
    """Compiled statement cues: a speech verb before the date, or one after it in its clause."""

    before: re.Pattern[str]
    after: re.Pattern[str]


@lru_cache(maxsize=1)
def load_statement_cues() -> StatementCues:
    """Load and compile data/dates/statement_cues.json; DataPackError when malformed."""
    raw = read_data_json("dates", "statement_cues.json")
    try:
        verbs, between = _alternation(raw["verbs_before"]), _alternation(raw["between_before"])
        after, breaks = _alternation(raw["verbs_after"]), _alternation(raw["clause_breaks"])
        words = int(raw["max_words_before_verb"])
    except (KeyError, TypeError, ValueError) as error:
        raise DataPackError(f"dates/statement_cues.json: missing or malformed entry ({error})") from None
    word = rf"(?!(?:{breaks})(?![\w\u200c]))[^\s.،,؛;:!?؟]+"
    return StatementCues(
        before=re.compile(rf"\b(?:{verbs})(?:\s+(?:{between}))?\s*,?\s*$", re.IGNORECASE),
        after=re.compile(rf"[\s\u200c،,()]*(?:{word}\s+){{0,{words}}}?(?:{after})"),
    )


def is_statement_date(text: str, date: DateMention, cues: StatementCues) -> bool:
    """Does ``date`` date a statement (a speech verb right before it, or after it in its clause)?"""
    if cues.before.search(text, max(0, date.start - 45), date.start):
        return True
    return not text[date.start:date.end].isascii() and bool(cues.after.match(text, date.end, min(len(text), date.end + 80)))

"""Build the one compiled regular expression that finds date phrases.

Each alternative is a named group; its name tells dates_resolve.py how to read the match.
Latin month and weekday names match only when capitalised (or all capitals), so the verb
"may", "march" or the word "hut" never becomes a date. Relative words match in any case.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sitroom.extract.dates_data import DateVocabulary, load_vocabulary
from sitroom.extract.regex_needles import caseless_variants, trie_pattern


def _alternation(words: list[str], *, capitalise: bool) -> str:
    """Return a regex alternation of ``words`` longest first; Latin words in title/upper case."""
    variants: set[str] = set()
    for word in words:
        if capitalise and word.isascii():
            variants.update({word.capitalize(), word.upper()})
        else:
            variants.add(word)
    ordered = sorted(variants, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace(" ", r"\s+") for w in ordered)


def _phrases(words: list[str]) -> str:
    """Alternation of case-insensitive phrases, longest first, spaces matching any whitespace.

    Shaped as a trie ("earlier this (?:week|month|year)"), which prefers longer phrases as a
    longest-first list does: the engine tries these at every candidate word, and a flat list
    of case-insensitive words is compared word by word (about twice as slow overall).
    """
    return trie_pattern(words).replace(r"\ ", r"\s+")


def build_pattern(vocab: DateVocabulary) -> str:
    """Return the source of the date regex for ``vocab`` (see module docstring)."""
    # (?!\w): "Jan" must not match the start of "January" when a lookahead fails later.
    month = rf"(?:{_alternation(list(vocab.gregorian_months), capitalise=True)})(?!\w)"
    shmonth = rf"(?:{_alternation(list(vocab.solar_hijri_months), capitalise=True)})(?!\w)"
    weekday = rf"(?:{_alternation(list(vocab.weekdays), capitalise=True)})(?!\w)"
    day = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?:19|20)\d\d"
    numbers = _phrases(list(vocab.numbers))
    units = _phrases(list(vocab.ago_units))
    parts = _phrases(list(vocab.part_of_period))
    rel_days = _phrases(list(vocab.relative_days))
    periods = _phrases(list(vocab.relative_periods))
    end = r"(?![\w/-])"
    alternatives = [
        # Weekday, Month Day[, Year]: "Sunday, Jan. 20, 2013", "Jan. 25 2013", "January 25", "Nov. 1. 2011".
        rf"(?P<mdy>(?:{weekday},?\s+)?(?P<mdy_m>{month})\.?\s+(?P<mdy_d>{day})(?![\d:])"
        rf"(?:[,.]?\s+(?P<mdy_y>{year}))?){end}",
        # Solar Hijri day month [year]: "15 Asad 1400", "۱۵ اسد ۱۴۰۰" (digits normalised first).
        rf"(?P<shd>(?P<shd_d>{day})\s+(?:of\s+)?(?P<shd_m>{shmonth})"
        rf"(?:,?\s+(?:سال\s+)?(?P<shd_y>1[2-4]\d\d))?){end}",
        rf"(?P<shm>(?P<shm_m>{shmonth})\s+(?:سال\s+)?(?P<shm_y>1[2-4]\d\d)){end}",
        # Day Month [Year]: "25 January 2013", "3rd of March".
        rf"(?P<dmy>(?P<dmy_d>{day})\s+(?:of\s+)?(?P<dmy_m>{month})\.?(?:,?\s+(?P<dmy_y>{year}))?){end}",
        # [early/late] Month Year: "January 2013", "late May 2021".
        rf"(?P<my>(?:(?P<my_part>(?i:{parts}))[\s-]+)?(?P<my_m>{month})\.?,?\s+(?P<my_y>{year})){end}",
        # Numeric: 2013-01-25, 2013/1/25, 1400/5/15 (Solar Hijri), 25/01/2013, 25.01.2013.
        rf"(?<![\d/.-])(?P<ymd>(?P<ymd_y>(?:19|20|1[34])\d\d)(?P<ymd_sep>[-/])(?P<ymd_m>\d\d?)"
        rf"(?P=ymd_sep)(?P<ymd_d>\d\d?)){end}",
        rf"(?<![\d/.-])(?P<dmyn>(?P<dmyn_d>\d\d?)(?P<dmyn_sep>[/.])(?P<dmyn_m>\d\d?)"
        rf"(?P=dmyn_sep)(?P<dmyn_y>{year})){end}",
        # early/mid/late Year: "late 2022", "mid-2021".
        rf"(?P<yp>(?P<yp_part>(?i:{parts}))[\s-]+(?P<yp_y>{year})){end}",
        # in/since/during Year: "in 2022" (span is the year only).
        rf"(?i:(?:{'|'.join(map(re.escape, vocab.year_prepositions))})\s+)(?P<iy>(?P<iy_y>{year}))(?![\w/-]|,\d)",
        # last/this/early Month: "last September", "early May" (no day or year after).
        rf"(?P<mo>(?P<mo_mod>(?i:last|this|past|{parts}))[\s-]+(?P<mo_m>{month}))\.?(?!\s*,?\s*\d)",
        # in/since/during Month: "in May" (span is the month only).
        rf"(?i:(?:{'|'.join(map(re.escape, vocab.month_prepositions))})\s+)(?P<mi>(?P<mi_m>{month}))\.?(?!\s*,?\s*\d)",
        # N units ago: "two days ago", "3 weeks ago".
        rf"(?P<ago>(?P<ago_n>\d{{1,3}}|(?i:{numbers}))\s+(?P<ago_u>(?i:{units}))\s+(?i:ago))\b",
        # the past/last N days: "during the past two days" (from N days ago to publication).
        rf"(?P<past>(?i:past|last)\s+(?P<past_n>\d{{1,2}}|(?i:{numbers}))\s+(?P<past_u>(?i:days|weeks)))\b",
        rf"(?P<period>(?i:{periods}))(?!\w)",
        rf"(?P<rel>(?i:{rel_days}))(?!\w)",
        # [last] Weekday: "Sunday", "last Monday" (span includes "last").
        rf"(?P<wd>(?P<wd_last>(?i:last)\s+)?(?P<wd_d>{weekday}))(?!\w)",
    ]
    return rf"(?<!\w)(?={_first_word(vocab)})(?:" + "|".join(alternatives) + ")"


_MODIFIERS = ("last", "this", "past")  # "last September", "the past two days"


def _first_word(vocab: DateVocabulary) -> str:
    """A cheap test for a word that can start a date phrase; it keeps the regex fast.

    Dates start with a digit, an Arabic-script letter, a month or weekday name (in the
    cases the alternatives accept), a relative phrase's first two words (any case: "the
    day" before "before yesterday", "two days" before "ago"), "last", "this" or "past", or a
    preposition the regex allows before a year or month. Other words ("Taliban", "the", "a")
    are the most common word starts in reports: ruling them out here saves trying every
    alternative.
    """
    # Numbers start a date only as "N units ago": their phrases are "number unit".
    counted = [f"{number} {unit}" for number in vocab.numbers for unit in vocab.ago_units]
    phrases = [*vocab.relative_days, *vocab.relative_periods, *vocab.part_of_period, *counted]
    # Every match of a phrase starts with its first two words (spaces match any whitespace, as in
    # _phrases) followed by no word character.
    starts = {" ".join(phrase.split()[:2]) for phrase in phrases} | set(_MODIFIERS)
    # Tries rather than flat alternations: the engine tries this at every word start, and a flat
    # list of ~40 words costs ~40 comparisons there (a lookahead: only "some word fits" counts).
    # Caseless tries spell letters as classes ("[iI...]"): tried at every word, (?i:...) costs more.
    names = [*vocab.gregorian_months, *vocab.weekdays, *vocab.solar_hijri_months]
    cased = {variant for name in names for variant in _cased(name)}
    cased_names = trie_pattern(cased).replace(r"\ ", r"\s+")  # spaces as in _alternation
    # "in", "of" ... start a date only before a year or a month name (a capital): say so here, as
    # they are among the commonest words.
    month_starts = "".join(sorted({re.escape(variant[0]) for name in vocab.gregorian_months for variant in _cased(name)}))
    before_year = set(vocab.year_prepositions) - set(vocab.month_prepositions)
    phrase_starts = trie_pattern(starts, caseless=True).replace(r"\ ", r"\s+")
    # One character class first: word starts such as "killed" or "Coalition" fail there at once.
    firsts = {variant[0] for variant in cased} | {
        char for word in (*starts, *vocab.year_prepositions) for char in caseless_variants(word[0])
    }
    return (
        rf"(?=[\d\u0600-\u06FF{''.join(map(re.escape, sorted(firsts)))}])"
        rf"(?:[\d\u0600-\u06FF]|(?:{cased_names})(?!\w)|{phrase_starts}(?!\w)"
        rf"|{trie_pattern(vocab.month_prepositions, caseless=True)}\s+[12{month_starts}]"
        rf"|{trie_pattern(before_year, caseless=True)}\s+[12])"
    )


def _cased(word: str) -> set[str]:
    """The spellings ``_alternation(..., capitalise=True)`` accepts for ``word``."""
    return {word.capitalize(), word.upper()} if word.isascii() else {word}


@lru_cache(maxsize=1)
def date_regex() -> re.Pattern[str]:
    """Return the compiled date regex built from the packaged vocabulary."""
    return re.compile(build_pattern(load_vocabulary()))


# Persian (U+06F0-9) and Arabic-Indic (U+0660-9) digits to ASCII; one character for one, so
# offsets into the normalised text are offsets into the original.
DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
NON_ASCII_DIGIT = re.compile("[۰-۹٠-٩]")

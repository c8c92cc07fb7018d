"""Find the people before a verb: the subject of "were killed", "died" or "two insurgents killed".

Input: a sentence's tokens, the verb's index and the lexicon; output: the
``NounPhrase`` chain naming the people, or an empty list. Opening phrases
("In Kandahar, ..."), prepositions' objects and post-modifiers ("men
carrying rifles") are told apart from the subject.
"""

from __future__ import annotations

from functools import lru_cache

from sitroom.extract.casualties_lexicon import CasualtyLexicon
from sitroom.extract.casualties_phrases import NounPhrase, Token, is_complementizer, parse_chain, parse_noun_phrase
from sitroom.extract.dates_data import load_vocabulary
from sitroom.extract.numbers import QuantityConventions


@lru_cache(maxsize=1)
def _english_months() -> frozenset[str]:
    """The English month names and abbreviations of the date vocabulary (data/dates/months.json)."""
    return frozenset(name for name in load_vocabulary().gregorian_months if name.isascii())


def find_subject(
    tokens: list[Token], low_bound: int, verb_index: int, lexicon: CasualtyLexicon,
    conventions: QuantityConventions, text: str, allow_postmodifier: bool = True, finite: bool | None = None,
) -> list[NounPhrase]:
    """Return the phrase(s) ending just before ``verb_index`` (the subject of a passive verb).

    ``allow_postmodifier``: the subject may carry a post-modifier ("men fitting the description").
    ``finite``: the verb is finite ("were killed"), so its subject is never a preposition's object;
    False for "resulting in two insurgents (being) killed". None: the same as ``allow_postmodifier``.
    """
    finite = allow_postmodifier if finite is None else finite
    cannot_start = lexicon.cannot_start_phrase
    tokens = tokens[:verb_index]  # nothing from the verb on belongs to its subject ("two were killed")
    opening_end = _opening_end(tokens, low_bound, lexicon)
    object_end = -1  # end of the last preposition's object
    for start in range(max(low_bound, verb_index - 14), verb_index):
        token = tokens[start]
        if not token.is_word or token.low in cannot_start:
            continue
        previous = tokens[start - 1].low if start > 0 else ""
        if start > low_bound and tokens[start - 1].is_word and previous in lexicon.definite \
                and token.low not in lexicon.definite and not is_complementizer(tokens, start - 1, lexicon):
            continue  # never start inside "the ..." ("said the men", "that two others": no determiner)
        if finite and previous in lexicon.prepositions:
            # "confiscated by police officials and one man was detained": a preposition's object is no subject
            phrase = parse_noun_phrase(tokens, start, lexicon, conventions, text)
            object_end = phrase.last if phrase is not None else start + 1
        if start < object_end:
            continue
        chain = parse_chain(tokens, start, lexicon, conventions, text)
        if previous == "." and start > 1:
            previous = tokens[start - 2].low  # "Sept. 23, seven people were killed": the month before its period
        if not chain or _not_people(chain[0], previous, start < opening_end):
            continue
        end = chain[-1].last
        if end == verb_index:
            return chain
        if chain[-1].head is None and chain[-1].has_number:
            continue  # a bare count is a subject only right before its verb ("three were killed")
        if allow_postmodifier and end < verb_index:
            extended = _coordinated_after_postmodifier(tokens, chain, verb_index, lexicon, conventions, text)
            if extended or _postmodifier(tokens, end, verb_index, lexicon):
                return extended or chain
    return []


def _not_people(first: NounPhrase, previous: str, in_opening: bool) -> bool:
    """Is a chain's first phrase a date ("June 28, was killed") or a place in an opening phrase
    ("In Wardak and Ghazni, two men were detained") rather than people?"""
    if first.head is not None:
        return False
    if first.has_number:
        return previous in _english_months()
    return in_opening and first.victim_class is None


def _opening_end(tokens: list[Token], low_bound: int, lexicon: CasualtyLexicon) -> int:
    """Index after the comma closing an opening phrase ("In Kandahar, ..."), or 0 when there is none."""
    if low_bound >= len(tokens) or tokens[low_bound].low not in lexicon.clause_openers:
        return 0
    for position in range(low_bound + 1, len(tokens)):
        if tokens[position].low == ",":
            return position + 1
    return 0


def _coordinated_after_postmodifier(
    tokens: list[Token], chain: list[NounPhrase], verb_index: int, lexicon: CasualtyLexicon,
    conventions: QuantityConventions, text: str,
) -> list[NounPhrase]:
    """"A commander of Kunduz province and two advisors were killed": people after a post-modifier."""
    end = chain[-1].last
    for position in range(end + 1, verb_index - 1):
        low = tokens[position].low
        if low in lexicon.trigger_roles or low in lexicon.finite_verbs:
            return []  # "Three were killed and two others were arrested": a clause of its own
        if low != "and" or not _postmodifier(tokens, end, position, lexicon):
            continue
        rest = parse_chain(tokens, position + 1, lexicon, conventions, text)
        if rest and rest[-1].last == verb_index and (rest[0].has_number or rest[0].head is not None):
            return chain + rest
    return []


def _postmodifier(tokens: list[Token], start: int, end: int, lexicon: CasualtyLexicon) -> bool:
    """Is tokens[start:end] a short post-modifier ("suspected of ...", ", Alaudin,")?"""
    span = _outside_brackets(tokens[start:end])
    if len(span) > 12:
        return False
    if all(token.low == "," or (token.capitalized and token.is_word) for token in span):
        return True
    if len(span) >= 3 and span[0].low == "," and span[-1].low == "," and len(span) <= 8:
        return True
    if span[0].low in lexicon.postmodifier_starts:
        # only a relative clause has a verb of its own: "men who were hiding", not "three of them were killed and"
        relative = span[0].low in lexicon.relative_pronouns
        return all(token.low not in ",;:." and (relative or token.low not in lexicon.finite_verbs) for token in span)
    # "men fitting the description", "insurgents planting a bomb": a participle clause
    return span[0].is_word and span[0].low.endswith("ing") \
        and all(token.low not in ",;:." and token.low not in lexicon.finite_verbs for token in span)


def _outside_brackets(span: list[Token]) -> list[Token]:
    """The tokens of ``span`` outside brackets: "members of the Islamic State (IS)" has no verb "is"."""
    kept: list[Token] = []
    depth = 0
    for token in span:
        if token.low == "(":
            depth += 1
        elif token.low == ")" and depth:
            depth -= 1
        elif not depth:
            kept.append(token)
    return kept

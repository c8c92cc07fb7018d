"""Casualty counts in Dari and Pashto sentences: "سه جنگجوی طالبان کشته شدند" (three killed).

Both languages put the verb last: the people come before it, a count before its noun,
and an object before "را" ("دوازده تن ... را بازداشت کردند": twelve detained). A count
names people only with a counter ("تن", "نفر") or a noun for people after it, so dates
("۲۵ سنبله ۱۴۰۱") and "two days" are no casualties. ``may_hold_dari_pashto`` is the cheap
test callers run first (English texts pay for nothing else); ``find_dari_pashto`` returns
one ``ScriptCasualty`` per group of people, with spans into the text. Vocabulary lives in
data/numbers/casualty_lexicon_fa_ps.json (see its comment and casualties_fa_lexicon.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import repeat
from operator import add
from typing import NamedTuple

from sitroom.extract.casualties_fa_lexicon import MARKS, ScriptLexicon, load_script_lexicon
from sitroom.extract.casualties_lexicon import PhraseTable
from sitroom.extract.numbers import Quantity, QuantityConventions, parse_quantity
from sitroom.extract.records import fast_init
from sitroom.extract.sentences import Sentence, is_header_field, is_heading

_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
# Words keep their diacritics and tatweel (U+064B-065F, U+0670, U+0640); digits of any script
# are tokens of their own; every other non-space character is punctuation.
_TOKEN = re.compile(r"\d+|(?:[^\W\d_]|[\u064b-\u065f\u0670\u0640])+|[^\w\s]")
_STOPS = frozenset(".;؛:!?؟")
_MARK = re.compile("[\u064b-\u065f\u0670\u0640]")


def may_hold_dari_pashto(text: str) -> bool:
    """Could ``text`` hold a Dari or Pashto casualty phrase? The cheap gate before any parsing:
    an ASCII text is answered in C at once, others by a few ``in`` tests for letters every
    casualty verb holds (see ``ScriptLexicon.needle_letters``), then the Arabic-script test."""
    if text.isascii():
        return False
    for letter in _NEEDLES or _load_needles():
        if letter in text:
            return _ARABIC_SCRIPT.search(text) is not None
    return False


_NEEDLES: list[str] = []  # the lexicon's needle letters, read on first use


def _load_needles() -> list[str]:
    _NEEDLES.extend(load_script_lexicon().needle_letters)
    return _NEEDLES


@fast_init
@dataclass(frozen=True, slots=True)
class ScriptCasualty:
    """People killed, injured, detained or released, as one Dari or Pashto phrase reports them.

    The fields mean what ``CasualtyMention``'s do (the caller builds one from each).
    """

    start: int
    end: int
    number_start: int
    number_end: int
    kind: str
    quantity: Quantity
    victim: str | None
    victim_class: str | None
    is_aggregate: bool
    definite: bool
    additive: bool
    role: str
    explicit_number: bool
    sentence_start: int


class _Token(NamedTuple):
    start: int
    end: int
    word: str  # folded, without diacritics


class _Verb(NamedTuple):
    first: int  # index of the verb phrase's first token
    last: int  # index after it
    kind: str
    role: str  # "subject": the people are the subject; "object": they are the object


def find_dari_pashto(
    text: str, sentences: list[Sentence], conventions: QuantityConventions, headline_end: int = -1
) -> list[ScriptCasualty]:
    """Return the casualty phrases of ``text``'s Dari and Pashto sentences, in text order.

    ``sentences``: the text's sentences; ``conventions``: counts of vague words ("چندین" is
    "several"); ``headline_end``: end of a title line (its figures are "headline" ones).
    """
    lexicon = load_script_lexicon()
    folded = text.translate(lexicon.fold)
    marked = _MARK.search(folded) is not None  # diacritics are rare in news: most texts skip dropping them
    found: list[ScriptCasualty] = []
    for sentence in sentences:
        # a sentence without a verb's first word (as a substring) holds no casualty verb: not tokenised
        if not marked and lexicon.verb_needles.search(folded, sentence.start, sentence.end) is None:
            continue
        tokens = _tokens(folded, sentence, marked)
        if not any(token.word in lexicon.verb_firsts for token in tokens):
            continue
        role = _sentence_role(text, sentence, headline_end)
        aggregate = lexicon.aggregate.search(folded, sentence.start, sentence.end) is not None
        clause_start = 0
        for verb in _verbs_in(tokens, lexicon):
            people = _people_of(tokens, max(clause_start, _clause_start(tokens, verb.first, lexicon)), verb, lexicon,
                                conventions)
            for phrase in people:
                found.append(_casualty(folded, tokens, phrase, verb, sentence, role, aggregate, lexicon))
            clause_start = verb.last
        for phrase, verb in _tallies(tokens, lexicon):
            found.append(_casualty(folded, tokens, phrase, verb, sentence, role, aggregate, lexicon))
    return found


def _tallies(tokens: list[_Token], lexicon: ScriptLexicon) -> list[tuple["_Phrase", _Verb]]:
    """Tallies with no verb of their own: a count right before a bare participle ("یک کشته و ۱۱
    زخمی اعلام کرد", one dead and 11 wounded), which no auxiliary follows."""
    found = []
    for index in range(1, len(tokens)):
        kind = lexicon.participles.get(tokens[index].word)
        if kind is None or _participle_verb(tokens, index, kind, lexicon) is not None:
            continue
        if index + 1 < len(tokens) and tokens[index + 1].word in lexicon.verb_firsts:
            continue  # "هفت زندانی آزاد شدند": a noun before the casualty verb, no tally
        value, number_end = _number(tokens, index - 1, index, lexicon)
        if value is None or number_end != index or index >= 2 and tokens[index - 2].word in lexicon.counters:
            continue
        phrase = _Phrase(index - 1, index, index - 1, index, Quantity.exact(value), None, "person", True, False, False)
        found.append((phrase, _Verb(index, index + 1, kind, "subject")))
    return found


def _tokens(folded: str, sentence: Sentence, marked: bool) -> list[_Token]:
    """The sentence's words, digits and punctuation, with diacritics dropped when the text has any."""
    matches = list(_TOKEN.finditer(folded, sentence.start, sentence.end))
    if marked:
        return [_Token(m.start(), m.end(), m.group().translate(MARKS)) for m in matches]
    # built by map() over C-level callables, as casualties_phrases.tokenize does: (start, end) + (word,)
    words = zip(map(re.Match.group, matches))
    return list(map(tuple.__new__, repeat(_Token), map(add, map(re.Match.span, matches), words)))


def _sentence_role(text: str, sentence: Sentence, headline_end: int) -> str:
    """"headline" for a title line, a "Title: ..." field or a heading (they repeat the body)."""
    if sentence.end <= headline_end or is_header_field(sentence.text) or is_heading(text, sentence):
        return "headline"
    return "event"


def _match(tokens: list[_Token], index: int, table: PhraseTable) -> int:
    """Index after the longest phrase of ``table`` starting at ``index``, or 0."""
    if index >= len(tokens):
        return 0
    for words in table.get(tokens[index].word, ()):
        end = index + len(words)
        if end <= len(tokens) and all(tokens[index + k].word == word for k, word in enumerate(words)):
            return end
    return 0


def _verbs_in(tokens: list[_Token], lexicon: ScriptLexicon) -> list[_Verb]:
    """The casualty verbs of a sentence, in order; a participle joined to one of a kind it
    excludes ("کشته و زخمی شدند": one figure for both) yields neither."""
    verbs: list[_Verb] = []
    skip_to = 0
    for index, token in enumerate(tokens):
        if index < skip_to or token.word not in lexicon.verb_firsts:
            continue
        end = _match(tokens, index, lexicon.whole_verbs)
        if end:
            kind, role = lexicon.whole_roles[tuple(t.word for t in tokens[index:end])]
            verbs.append(_Verb(index, end, kind, role))
            skip_to = end
            continue
        kind = lexicon.participles.get(token.word)
        if kind is None:
            continue
        if index + 2 < len(tokens) and tokens[index + 1].word in lexicon.joiners \
                and (kind, lexicon.participles.get(tokens[index + 2].word)) in lexicon.combined:
            skip_to = index + 3  # "killed and wounded": neither a death toll nor an injury count
            continue
        verb = _participle_verb(tokens, index, kind, lexicon)
        if verb is not None:
            verbs.append(verb)
            skip_to = verb.last
    return verbs


def _participle_verb(tokens: list[_Token], index: int, kind: str, lexicon: ScriptLexicon) -> _Verb | None:
    """A participle with its auxiliary: passive ("کشته شدند"), active ("بازداشت کردند"), sharing a
    later auxiliary ("سه تن کشته و دو تن زخمی شدند") or a bare Pashto past ("ووژل")."""
    end = _match(tokens, index + 1, lexicon.passive_auxiliaries)
    if end:
        return _Verb(index, end, kind, "subject")
    end = _match(tokens, index + 1, lexicon.active_auxiliaries)
    if end:
        return _Verb(index, end, kind, "object")
    if index + 1 < len(tokens) and tokens[index + 1].word in lexicon.joiners and any(
        _match(tokens, later, lexicon.passive_auxiliaries) for later in range(index + 2, len(tokens))
    ):
        return _Verb(index, index + 1, kind, "subject")
    if tokens[index].word in lexicon.bare_active:
        return _Verb(index, index + 1, kind, "object")
    return None


def _clause_start(tokens: list[_Token], verb_first: int, lexicon: ScriptLexicon) -> int:
    """Index after the last clause boundary before the verb ("که", a stop, another verb)."""
    for index in range(verb_first - 1, -1, -1):
        word = tokens[index].word
        if word in _STOPS or word in lexicon.boundaries:
            return index + 1
    return 0


class _Phrase(NamedTuple):
    first: int
    last: int
    number_first: int
    number_last: int
    quantity: Quantity
    victim: str | None
    victim_class: str | None
    explicit: bool
    definite: bool
    additive: bool


def _people_of(
    tokens: list[_Token], start: int, verb: _Verb, lexicon: ScriptLexicon, conventions: QuantityConventions
) -> list[_Phrase]:
    """The people a verb applies to, among the clause's tokens [start, verb.first).

    An object ends at "را"; the counted phrase nearest the verb wins, with those joined to it
    by "و" ("دو سرباز و سه غیرنظامی"); an agent ("توسط ...") is never the people.
    """
    end = verb.first
    if verb.role == "object":
        markers = [i for i in range(start, end) if tokens[i].word == lexicon.object_marker]
        if markers:
            end = markers[-1]
            pronoun = _pronoun_before(tokens, start, end, lexicon, conventions)
            if pronoun is not None:
                return [pronoun]
    phrases = []
    position = start
    while position < end:
        phrase = _counted_phrase(tokens, position, end, lexicon, conventions)
        if phrase is None or _after_agent_marker(tokens, start, position, lexicon):
            position += 1
            continue
        phrases.append(phrase)
        position = phrase.last
    if not phrases:
        implied = _implied(tokens, start, end, verb, lexicon, conventions)
        return [implied] if implied is not None else []
    while len(phrases) > 1 and _after_subset_cue(tokens, phrases[-1], lexicon):
        phrases.pop()  # "۴ تن ...، به شمول یک فرمانده، کشته شدند": the four, the commander among them
    chosen = [phrases[-1]]
    for earlier in reversed(phrases[:-1]):
        if tokens[chosen[0].first - 1].word not in lexicon.joiners:
            break
        chosen.insert(0, earlier)
    additive = any(tokens[i].word in lexicon.additive for i in range(chosen[-1].last, verb.first))
    return [phrase._replace(additive=True) for phrase in chosen] if additive else chosen


def _after_subset_cue(tokens: list[_Token], phrase: _Phrase, lexicon: ScriptLexicon) -> bool:
    """Is ``phrase`` introduced by a subset cue ("به شمول", "از جمله"): part of a group counted before it?"""
    return any(_match(tokens, i, lexicon.subset_cues) == phrase.first for i in range(max(phrase.first - 3, 0), phrase.first))


def _after_agent_marker(tokens: list[_Token], start: int, position: int, lexicon: ScriptLexicon) -> bool:
    """Does an agent marker ("توسط", "از سوی") end right before ``position``?"""
    return any(_match(tokens, marker, lexicon.agent_markers) == position
               for marker in range(max(start, position - 2), position))


def _counted_phrase(
    tokens: list[_Token], index: int, end: int, lexicon: ScriptLexicon, conventions: QuantityConventions
) -> _Phrase | None:
    """A count followed by a counter or a noun for people ("دوازده تن از باشندگان"), else None."""
    prefix_end = _match(tokens, index, lexicon.prefixes)
    prefix = lexicon.prefix_english.get(tuple(t.word for t in tokens[index:prefix_end])) if prefix_end else None
    number_first = prefix_end or index
    quantity, number_last, explicit = _quantity(tokens, number_first, end, prefix, lexicon, conventions)
    if quantity is None:
        return None
    position, counted = number_last, False
    if position < end and tokens[position].word in lexicon.counters:
        position, counted = position + 1, True
    additive = position < end and tokens[position].word in lexicon.additive
    position += additive
    partitive = position < end and tokens[position].word == "از"
    noun_end, victim, victim_class = _noun_at(tokens, position + partitive, end, lexicon)
    if not counted and noun_end == 0:
        return None
    last = noun_end or position
    if last < end and tokens[last].word in lexicon.additive:
        additive, last = True, last + 1  # "سه تن دیگر", "چندین طالب دیگر"
    definite = index > 0 and tokens[index - 1].word in lexicon.demonstratives
    return _Phrase(index, last, number_first, number_last, quantity, victim, victim_class, explicit, definite, additive)


def _quantity(
    tokens: list[_Token], index: int, end: int, prefix: str | None, lexicon: ScriptLexicon,
    conventions: QuantityConventions,
) -> tuple[Quantity | None, int, bool]:
    """(quantity, index after the number, explicit?) for a number or vague word at ``index``."""
    vague_end = _match(tokens, index, lexicon.vague)
    if vague_end and vague_end <= end:
        english = lexicon.vague_english[tuple(t.word for t in tokens[index:vague_end])]
        return parse_quantity(f"{prefix} {english}" if prefix else english, conventions), vague_end, False
    value, number_end = _number(tokens, index, end, lexicon)
    if value is None:
        return None, index, False
    quantity = parse_quantity(f"{prefix} {value}", conventions) if prefix else Quantity.exact(value)
    return quantity, number_end, True


def _number(tokens: list[_Token], index: int, end: int, lexicon: ScriptLexicon) -> tuple[int | None, int]:
    """A number in digits ("۱۲") or words ("بیست و سه", "دو صد"), and the index after it."""
    if index >= end:
        return None, index
    word = tokens[index].word
    if word.isdecimal():
        return int(word), index + 1  # int() reads Persian and Arabic-Indic digits too
    if word not in lexicon.numbers and word not in lexicon.scales:
        return None, index
    total = current = 0
    position = index
    while position < end:
        word = tokens[position].word
        if word in lexicon.scales:
            scale = lexicon.scales[word]
            if scale == 100:
                current = max(current, 1) * scale
            else:
                total, current = total + max(current, 1) * scale, 0
        elif word in lexicon.numbers and position == index:
            current = lexicon.numbers[word]
        elif word in lexicon.joiners and position + 1 < end and tokens[position + 1].word in lexicon.numbers \
                and total + current >= 20 and lexicon.numbers[tokens[position + 1].word] < 100:
            current += lexicon.numbers[tokens[position + 1].word]  # "بیست و سه": 23
            position += 1
        else:
            break
        position += 1
    return total + current, position


def _noun_at(tokens: list[_Token], index: int, end: int, lexicon: ScriptLexicon) -> tuple[int, str | None, str | None]:
    """(index after, noun, victim class) for a noun for people at ``index``, else (0, None, None)."""
    if index >= end:
        return 0, None, None
    phrase_end = _match(tokens, index, lexicon.people_phrases)
    if phrase_end and phrase_end <= end:
        noun = " ".join(t.word for t in tokens[index:phrase_end])
        return phrase_end, noun, _class_of(noun.split()[0], lexicon)
    word = tokens[index].word
    victim_class = _class_of(word, lexicon)
    return (index + 1, word, victim_class) if victim_class is not None else (0, None, None)


def _class_of(word: str, lexicon: ScriptLexicon) -> str | None:
    """The victim class of a noun, with a plural, ezafe or indefinite ending ("جنگجوی", "سربازان")."""
    found = lexicon.people.get(word)
    if found is not None:
        return found
    for suffix in lexicon.suffixes:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            found = lexicon.people.get(word[: -len(suffix)])
            if found is not None:
                return found
    return None


def _pronoun_before(
    tokens: list[_Token], start: int, marker: int, lexicon: ScriptLexicon, conventions: QuantityConventions
) -> _Phrase | None:
    """"او را" (him), "آنان را" (them): a reference back, right before the object marker."""
    for length in (2, 1):
        first = marker - length
        if first >= start:
            words = " ".join(t.word for t in tokens[first:marker])
            if words in lexicon.pronouns:
                count = lexicon.pronouns[words]
                quantity = Quantity.exact(count) if count else conventions.plural_default()
                return _Phrase(first, marker, first, marker, quantity, None, "person", False, True, False)
    return None


def _implied(
    tokens: list[_Token], start: int, end: int, verb: _Verb, lexicon: ScriptLexicon, conventions: QuantityConventions
) -> _Phrase | None:
    """A subject with no count at the clause's start: "فرمانده طالبان ... کشته شد" is one person,
    "جنگجویان ... کشته شدند" a plural (the verb agrees with it)."""
    if verb.role != "subject" or start >= end:
        return None
    while start < end - 1 and tokens[start].word in lexicon.time_openers:
        start += 1  # "صبح روز دوشنبه فرمانده ...": the subject follows the time words
    noun_end, victim, victim_class = _noun_at(tokens, start, end, lexicon)
    if not noun_end:
        return None
    plural = any(token.word.endswith(_PLURAL_VERB_ENDINGS) for token in tokens[verb.first : verb.last])
    quantity = conventions.plural_default() if plural else Quantity.exact(1)
    return _Phrase(start, noun_end, start, noun_end, quantity, victim, victim_class, False, False, False)


_PLURAL_VERB_ENDINGS = ("ند", "شول", "اند")


def _casualty(
    folded: str, tokens: list[_Token], phrase: _Phrase, verb: _Verb, sentence: Sentence, role: str,
    aggregate: bool, lexicon: ScriptLexicon,
) -> ScriptCasualty:
    start, end = tokens[phrase.first].start, tokens[verb.last - 1].end
    if role == "event":
        if _after_subset_cue(tokens, phrase, lexicon):
            role = "subset"  # "از جمله دو فرمانده": part of a group counted already
        elif lexicon.total_cues.search(folded, sentence.start, start) is not None:
            role = "total"
    quantity = phrase.quantity
    return ScriptCasualty(
        start=start, end=end,
        number_start=tokens[phrase.number_first].start if phrase.number_last > phrase.number_first else start,
        number_end=tokens[max(phrase.number_last, phrase.number_first + 1) - 1].end,
        kind=verb.kind, quantity=quantity, victim=phrase.victim, victim_class=phrase.victim_class,
        is_aggregate=aggregate, definite=phrase.definite, additive=phrase.additive, role=role,
        explicit_number=phrase.explicit, sentence_start=sentence.start,
    )

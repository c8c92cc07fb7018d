"""Token-level parsing of the people a casualty verb applies to ("two suspected insurgents").

Only the sentences that hold a casualty trigger are tokenised, so the
per-token Python work stays small. Input: a sentence's tokens and a
position; output: ``NounPhrase`` records with character spans and counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from operator import add, itemgetter
from typing import NamedTuple

from sitroom.extract.casualties_lexicon import CasualtyLexicon, PhraseTable
from sitroom.extract.numbers import Quantity, QuantityConventions, parse_quantity
from sitroom.extract.records import fast_init

_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+|[\w'’\-\u200c]+|[^\w\s]")
_POSSESSIVE = ("'s", "’s")
_NAME_EXCLUDED = frozenset(
    "january february march april may june july august september october november december "
    "afghan afghanistan isaf coalition force forces security national army police province district "
    "kabul the a an this that these those he she they it we".split()
)


class Token(NamedTuple):
    """One word or punctuation mark: character span in the document and lower-cased text.

    A named tuple rather than a dataclass: tokens are built by the ten thousand and
    tuple construction is several times cheaper.
    """

    start: int
    end: int
    low: str
    capitalized: bool
    is_word: bool


class _WordCache(dict):
    """A token's text -> (lower case, capitalised?, a word?), read on first use."""

    def __missing__(self, word: str) -> tuple[str, bool, bool]:
        if len(self) > 200_000:
            self.clear()
        value = self[word] = (word.lower(), word[0].isupper(), word[0].isalnum())
        return value


_WORDS = _WordCache()
_LOW = itemgetter(2)  # Token.low, read in C by map() (phrase tests run tens of times per sentence)


@fast_init
@dataclass(frozen=True, slots=True)
class NounPhrase:
    """A phrase naming people: token range, character spans, count and reference flags."""

    first: int  # index of the first token
    last: int  # index after the last token
    start: int
    end: int
    number_start: int
    number_end: int
    quantity: Quantity | None  # None: a plural with no number ("the insurgents")
    definite: bool  # refers back ("the leader", "him", "the two insurgents")
    additive: bool  # "other", "additional", "another": more people than before
    head: str | None
    victim_class: str | None
    negated: bool
    has_number: bool  # the count was written out (not implied by "a", "the", a name)
    vague: bool = False  # the count is a vague word ("several", "dozens")
    partitive: bool = False  # "one of the insurgents": part of a group named elsewhere


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split ``text[start:end]`` into tokens, with offsets into ``text``.

    Built with map() over C-level callables rather than a Python loop per token (the hot
    loop); the pattern has no look-around, so searching between ``start`` and ``end`` finds
    the tokens of the slice.
    """
    matches = list(_TOKEN.finditer(text, start, len(text) if end is None else end))
    words = map(_WORDS.__getitem__, map(re.Match.group, matches))
    return list(map(tuple.__new__, repeat(Token), map(add, map(re.Match.span, matches), words)))


def match_phrase(tokens: list[Token], index: int, table: PhraseTable) -> int:
    """Return the index after the longest phrase of ``table`` starting at ``index``, or 0."""
    if index >= len(tokens):
        return 0
    for words in table.get(tokens[index].low, ()):
        end = index + len(words)
        if end <= len(tokens) and tuple(map(_LOW, tokens[index:end])) == words:
            return end
    return 0


def phrase_ending_at(tokens: list[Token], index: int, phrases: frozenset[str], longest: int = 4) -> int:
    """Return the start index of a phrase of ``phrases`` ending just before ``index``, or -1."""
    if 0 < index <= len(tokens) and tokens[index - 1].low not in _last_words(phrases):
        return -1  # no phrase ends with this word: skip joining up to ``longest`` candidates
    for length in range(longest, 0, -1):
        start = index - length
        if start >= 0 and " ".join(map(_LOW, tokens[start:index])) in phrases:
            return start
    return -1


@lru_cache(maxsize=16)
def _last_words(phrases: frozenset[str]) -> frozenset[str]:
    """Return the last words of ``phrases`` (a token's text never holds a space)."""
    return frozenset(phrase.rsplit(" ", 1)[-1] for phrase in phrases)


def is_complementizer(tokens: list[Token], index: int, lexicon: CasualtyLexicon) -> bool:
    """Is tokens[index] a word that looks like a determiner but opens a clause before a count
    ("that two others were arrested", "said three men")? A singular determiner never takes a
    count above one."""
    if tokens[index].low not in lexicon.complementizers or index + 1 >= len(tokens):
        return False
    following = tokens[index + 1]
    return _is_number_word(following, lexicon) and following.low not in lexicon.singular_counts


def _is_number_word(token: Token, lexicon: CasualtyLexicon) -> bool:
    low = token.low
    if low[:1].isdigit() or low in lexicon.number_word_set:
        return True
    if "-" not in low:
        return False  # most words: no need to split
    return all(part in lexicon.number_word_set for part in low.split("-"))


def match_quantity(tokens: list[Token], index: int, lexicon: CasualtyLexicon) -> int:
    """Return the index after a quantity phrase starting at ``index`` ("more than 30"), or 0."""
    position = index
    if index < len(tokens) and tokens[index].low in lexicon.quantity_prefixes:
        position = match_phrase(tokens, index, lexicon.quantity_prefixes) or index
    end = 0
    if position < len(tokens) and tokens[position].low in lexicon.quantity_phrases:
        end = match_phrase(tokens, position, lexicon.quantity_phrases)
    if not end:
        end = position
        while end < len(tokens) and (
            _is_number_word(tokens[end], lexicon)
            or (tokens[end].low in ("and", "و") and end > position and end + 1 < len(tokens)
                and _is_number_word(tokens[end + 1], lexicon) and tokens[end + 1].low not in ("a", "an", "one"))
        ):
            end += 1
        if end == position:
            return 0
    # a range: "3 to 5", "4,000 and 8,000" after "between", "two or three"
    if end + 1 < len(tokens) and tokens[end].low in ("to", "or", "-", "–", "and") and _is_number_word(tokens[end + 1], lexicon):
        if tokens[end].low != "and" or tokens[index].low == "between":
            end += 2
    return end


def _victim_at(tokens: list[Token], index: int, lexicon: CasualtyLexicon) -> int:
    low = tokens[index].low
    if low in lexicon.victim_phrases:  # most words start no multi-word noun: skip the call
        end = match_phrase(tokens, index, lexicon.victim_phrases)
        if end:
            return end
    return index + 1 if low in lexicon.victim_class else 0


def _is_modifier(token: Token, lexicon: CasualtyLexicon) -> bool:
    low = token.low
    if not token.is_word or low in lexicon.stopwords or low[:1].isdigit() or low in lexicon.number_word_set:
        return False
    if low.endswith(("ed", "ing")) and low not in lexicon.modifier_words and "-" not in low:
        return False
    return not low.endswith(("ly",)) or low in ("family",)


def _scan_head(tokens: list[Token], index: int, lexicon: CasualtyLexicon) -> tuple[int, int, bool, int]:
    """Return (head start, head end, additive, run end) of the last victim noun in the modifier run.

    Head start and end are -1 when the run holds no victim noun.
    """
    head_start = head_end = -1
    additive = False
    position = index
    limit = min(len(tokens), index + 9)
    while position < limit:
        token = tokens[position]
        victim_end = _victim_at(tokens, position, lexicon)
        if victim_end:
            head_start, head_end = position, victim_end
            position = victim_end
            continue
        if token.low == "(":  # an acronym in brackets: "improvised explosive device (IED) expert"
            close = next((k for k in range(position + 1, min(position + 5, len(tokens))) if tokens[k].low == ")"), -1)
            if close < 0:
                break
            position = close + 1
            continue
        if token.low == "of" and 0 < position and tokens[position - 1].capitalized and position + 1 < len(tokens) \
                and tokens[position + 1].capitalized:
            position += 1  # inside a name: "Islamic Movement of Uzbekistan"
            continue
        if not _is_modifier(token, lexicon) and not (head_start < 0 and _adjectival(tokens, position, index, lexicon)):
            break
        additive = additive or token.low in lexicon.additive
        position += 1
    return head_start, head_end, additive, position


def _adjectival(tokens: list[Token], position: int, index: int, lexicon: CasualtyLexicon) -> bool:
    """Is a participle or adverb before the head an adjective ("the detained leader", "heavily armed")?

    Participles such as "detained" usually end a phrase (they are verbs); after a determiner,
    a count or another modifier they describe the people that follow.
    """
    low = tokens[position].low
    if low.endswith("ly") and position + 1 < len(tokens) and tokens[position + 1].low in lexicon.modifier_participles:
        return True  # "heavily armed insurgents"
    if low not in lexicon.modifier_participles:
        return False
    if position > index:
        return True
    previous = tokens[position - 1] if position > 0 else None
    return previous is not None and (previous.low in lexicon.definite or previous.low in lexicon.indefinite
                                     or _is_number_word(previous, lexicon))


def _is_plural(head: str, lexicon: CasualtyLexicon) -> bool:
    return head in lexicon.plural_nouns or (head.endswith("s") and not head.endswith("ss"))


def _name_end(tokens: list[Token], index: int, lexicon: CasualtyLexicon) -> int:
    end = index
    while end < len(tokens) and end - index < 5 and tokens[end].is_word and tokens[end].capitalized:
        low = tokens[end].low
        if low in _NAME_EXCLUDED or low in lexicon.stopwords or low in lexicon.trigger_roles or low[:1].isdigit():
            break
        end += 1
    return end


def parse_noun_phrase(
    tokens: list[Token], index: int, lexicon: CasualtyLexicon, conventions: QuantityConventions, text: str
) -> NounPhrase | None:
    """Parse the phrase naming people that starts at token ``index``; None if there is none."""
    if index >= len(tokens):
        return None
    position = index
    negated = definite = False
    negator_end = match_phrase(tokens, position, lexicon.negators) if tokens[index].low in lexicon.negators else 0
    if negator_end:
        negated, position = True, negator_end
    if position >= len(tokens):
        if not negated:
            return None
        start, end = tokens[index].start, tokens[position - 1].end  # "no one (was harmed)": nobody
        return NounPhrase(index, position, start, end, start, end, None, False, False, None, "person", True, False)
    pronoun = _pronoun(tokens, position, lexicon)
    if pronoun is not None:
        end, count = pronoun
        quantity = Quantity.exact(count) if count else None
        return NounPhrase(index, end, tokens[index].start, tokens[end - 1].end, tokens[position].start,
                          tokens[end - 1].end, quantity, True, False, None, "person", negated, bool(count > 1))
    low = tokens[position].low
    if low in ("all", "each") and position + 1 < len(tokens):
        definite, position = True, position + 1 + (tokens[position + 1].low == "of")
    if position < len(tokens) and tokens[position].low in lexicon.definite and tokens[position].low != "both":
        if is_complementizer(tokens, position, lexicon):
            return None  # "(said) that two others were arrested": "that" opens a clause
        definite, position = True, position + 1
    return _counted_phrase(tokens, index, position, lexicon, conventions, text, definite, negated)


def _counted_phrase(
    tokens: list[Token], index: int, position: int, lexicon: CasualtyLexicon, conventions: QuantityConventions,
    text: str, definite: bool, negated: bool,
) -> NounPhrase | None:
    """The rest of a phrase after its determiners, from ``position``: count, "of", modifiers, noun or name."""
    # a count starts at ``position`` itself (its first token is the number's first token)
    additive = tokens[position].low == "another" if position < len(tokens) else False
    quantity, number_start, number_end, position = quantity_at(tokens, position, lexicon, conventions, text)
    additive = additive and quantity is not None
    partitive = False
    if quantity is not None and position + 1 < len(tokens) and tokens[position].low == "of":
        after = tokens[position + 1].low
        if after in ("them", "those", "these", "us"):
            end = position + 2
            return NounPhrase(index, end, tokens[index].start, tokens[end - 1].end, number_start, number_end,
                              quantity, False, False, None, "person", negated, True, False, True)
        if after in lexicon.definite:
            position, partitive = position + 2, True  # "one of the insurgents", "two of his associates"
        elif after not in lexicon.stopwords:
            position += 1  # "dozens of civilians"
            partitive = not is_vague(text[number_start:number_end], lexicon)  # "one of multiple insurgents"
    head_start, head_end, modifier_additive, run_end = _scan_head(tokens, position, lexicon)
    if head_start < 0:
        if run_end == len(tokens) and quantity is not None \
                and all(token.low in lexicon.modifier_participles for token in tokens[position:run_end]):
            position = run_end  # a subject ending at its verb: "the two wounded (were detained)"
        phrase = _headless(tokens, index, position, lexicon, quantity, number_start, number_end, definite, negated)
    else:
        phrase = _with_head(tokens, index, (head_start, head_end), lexicon, quantity, (number_start, number_end),
                            definite, additive or modifier_additive, negated, text)
    return _as_partitive(phrase) if partitive and phrase is not None else phrase


def _with_head(
    tokens: list[Token], index: int, head_span: tuple[int, int], lexicon: CasualtyLexicon,
    quantity: Quantity | None, number_span: tuple[int, int], definite: bool, additive: bool, negated: bool, text: str,
) -> NounPhrase:
    """Finish a phrase whose head noun is known: implied counts, a trailing name, flags."""
    head_start, head_end = head_span
    number_start, number_end = number_span
    head = tokens[head_start].low if head_end == head_start + 1 else " ".join(
        token.low for token in tokens[head_start:head_end])
    if quantity is None:
        # no count: the noun itself is the evidence; a singular noun is one person
        number_start, number_end = tokens[head_start].start, tokens[head_end - 1].end
        if not _is_plural(head, lexicon):
            quantity = Quantity.exact(1)
    end = head_end
    name_end = _name_end(tokens, end, lexicon)  # "the Taliban leader Alaudin"
    if name_end > end and (quantity is not None and quantity.best == 1):
        end = name_end
    has_number = number_end > number_start and number_start < tokens[head_start].start
    vague = has_number and is_vague(text[number_start:number_end], lexicon)
    return NounPhrase(index, end, tokens[index].start, tokens[end - 1].end, number_start, number_end, quantity,
                      definite, additive, head, lexicon.victim_class.get(head), negated, has_number, vague)


def is_vague(number_text: str, lexicon: CasualtyLexicon) -> bool:
    """Is the count a vague word ("several", "dozens of") rather than a figure?"""
    return any(word in lexicon.vague_words for word in number_text.lower().split())


def _pronoun(tokens: list[Token], index: int, lexicon: CasualtyLexicon) -> tuple[int, int] | None:
    low = tokens[index].low
    if low not in lexicon.pronoun_starts and low != "both":
        return None  # most words start no pronoun phrase: skip building the candidates
    for length in (3, 1):
        phrase = " ".join(map(_LOW, tokens[index : index + length]))
        if phrase in lexicon.pronouns and len(tokens[index : index + length]) == length:
            return index + length, lexicon.pronouns[phrase]
    if low in ("both",) and (index + 1 >= len(tokens) or not tokens[index + 1].is_word
                              or tokens[index + 1].low in lexicon.stopwords):
        return index + 1, 2
    return None


def quantity_at(
    tokens: list[Token], index: int, lexicon: CasualtyLexicon, conventions: QuantityConventions, text: str
) -> tuple[Quantity | None, int, int, int]:
    """Return (quantity, number start, number end, index after) for a count at ``index``."""
    end = match_quantity(tokens, index, lexicon)
    if end:
        start_char, end_char = tokens[index].start, tokens[end - 1].end
        quantity = parse_quantity(text[start_char:end_char], conventions)
        if quantity is not None:
            return quantity, start_char, end_char, end
    if index < len(tokens) and tokens[index].low in ("another",):
        return Quantity.exact(1), tokens[index].start, tokens[index].end, index + 1
    return None, 0, 0, index


def _headless(
    tokens: list[Token], index: int, position: int, lexicon: CasualtyLexicon, quantity: Quantity | None,
    number_start: int, number_end: int, definite: bool, negated: bool,
) -> NounPhrase | None:
    """A count with no noun ("killing two.", "the deaths of three") or a proper name."""
    if quantity is not None:
        if position < len(tokens) and tokens[position].is_word and tokens[position].low not in _HEADLESS_FOLLOWERS:
            return None
        return NounPhrase(index, position, tokens[index].start, tokens[position - 1].end, number_start, number_end,
                          quantity, definite, False, None, None, negated, True)
    if definite or negated:
        return None
    name_end = _name_end(tokens, position, lexicon)
    if name_end == position:
        return None
    return NounPhrase(index, name_end, tokens[index].start, tokens[name_end - 1].end, tokens[position].start,
                      tokens[name_end - 1].end, Quantity.exact(1), False, False, None, None, False, False)


_HEADLESS_FOLLOWERS = frozenset(
    "in during at on near from with while after and or but by for as when since including inside outside "
    "later yesterday today tonight last this".split()
)


def parse_chain(
    tokens: list[Token], index: int, lexicon: CasualtyLexicon, conventions: QuantityConventions, text: str
) -> list[NounPhrase]:
    """Parse coordinated phrases ("the leader and two of his associates"), skipping appositions."""
    first = parse_noun_phrase(tokens, index, lexicon, conventions, text)
    if first is None:
        return []
    chain = [first]
    position = first.last
    while position < len(tokens):
        separator_end = _coordination_end(tokens, position)
        if not separator_end:
            break
        following = parse_noun_phrase(tokens, separator_end, lexicon, conventions, text)
        if following is None or not (first.negated or following.has_number or following.definite or following.head is None
                                     or following.additive or tokens[separator_end].low in lexicon.indefinite
                                     or tokens[separator_end].capitalized):
            break
        previous = chain[-1]
        is_apposition = tokens[position].low == "," and previous.quantity is not None and previous.quantity.best == 1 and (
            (following.head is None and not following.has_number)  # ", Alaudin"
            or (tokens[separator_end].low in ("a", "an") and (previous.head is None or previous.definite)
                and following.last < len(tokens) and tokens[following.last].low == ",")  # "the man, a facilitator,"
            # "the death of Mullah Nafi, a Taliban leader": a name, then what he was, ending the list
            or (tokens[separator_end].low in ("a", "an") and not previous.has_number
                and (following.last >= len(tokens) or not _coordination_end(tokens, following.last)))
        )
        if first.negated:
            following = _negated(following)
        if not is_apposition:
            chain.append(following)
        position = following.last
    return chain


def _as_partitive(phrase: NounPhrase) -> NounPhrase:
    return NounPhrase(phrase.first, phrase.last, phrase.start, phrase.end, phrase.number_start, phrase.number_end,
                      phrase.quantity, phrase.definite, phrase.additive, phrase.head, phrase.victim_class,
                      phrase.negated, phrase.has_number, phrase.vague, True)


def _negated(phrase: NounPhrase) -> NounPhrase:
    """"No women or children": the negation covers every coordinated phrase."""
    return NounPhrase(phrase.first, phrase.last, phrase.start, phrase.end, phrase.number_start, phrase.number_end,
                      phrase.quantity, phrase.definite, phrase.additive, phrase.head, phrase.victim_class, True,
                      phrase.has_number, phrase.vague, phrase.partitive)


def _coordination_end(tokens: list[Token], position: int) -> int:
    low = tokens[position].low
    if low == ",":
        if position + 1 < len(tokens) and tokens[position + 1].low in ("and", "as", "along", "plus"):
            return _coordination_end(tokens, position + 1)
        return position + 1
    if low in ("and", "plus", "or"):
        return position + 1
    if low not in ("along", "as", "together"):
        return 0  # no multi-word coordinator starts here
    for words in (("along", "with"), ("as", "well", "as"), ("together", "with")):
        end = position + len(words)
        if end <= len(tokens) and all(tokens[position + k].low == word for k, word in enumerate(words)):
            return end
    return 0

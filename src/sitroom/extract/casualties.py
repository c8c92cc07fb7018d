"""Find casualty counts (killed, injured, detained, released) in a document's text.

``find_casualties(text)`` returns one ``CasualtyMention`` per group of people
a casualty verb or noun applies to, with character spans into the text: English
phrases here, Dari and Pashto ones from casualties_fa.py when the text may hold
them. ``counted_casualties`` keeps each person once per account, an incident as
one source tells it (a release names the same detainee in its first sentence
and again in the details; see casualties_totals.py), and ``document_totals``
sums what is left per kind, without aggregates. A figure given for two exclusive
outcomes at once ("killing and wounding about 20") counts as neither.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from operator import attrgetter

from sitroom.extract.casualties_fa import ScriptCasualty, find_dari_pashto, may_hold_dari_pashto
from sitroom.extract.casualties_lexicon import CasualtyLexicon, load_lexicon
from sitroom.extract.casualties_mention import CasualtyMention
from sitroom.extract.casualties_phrases import (
    NounPhrase,
    Token,
    is_vague,
    match_phrase,
    parse_chain,
    phrase_ending_at,
    quantity_at,
    tokenize,
)
from sitroom.extract.casualties_subjects import find_subject
from sitroom.extract.casualties_totals import (
    Account,
    Passage,
    casualty_accounts,
    counted_casualties,
    document_totals,
)
from sitroom.extract.numbers import Quantity, QuantityConventions, load_conventions
from sitroom.extract.sentences import Sentence, headline_end, is_heading, split_sentences

CASUALTIES_VERSION = "casualties-v1"


@dataclass(slots=True)
class _Context:
    """Per-document state: text, sentences, lexicon and conventions.

    ``sentences`` are the spans of ``text``'s sentences; their texts are ``plain[start:end]``.
    """

    text: str
    plain: str  # text with plain line breaks and spaces (the sentences' texts are slices of it)
    sentences: list[Sentence]
    sentence_starts: list[int]
    lexicon: CasualtyLexicon
    conventions: QuantityConventions
    tokens: dict[int, list[Token]]
    aggregate: dict[int, bool]
    headline_end: int
    subset_cue: dict[int, bool]  # sentence index -> does it hold a one-word subset cue ("including")?


def find_casualties(
    text: str, conventions: QuantityConventions | None = None, *, sentences: list[Sentence] | None = None,
    within: list[tuple[int, int]] | None = None,
) -> list[CasualtyMention]:
    """Return every casualty mention of ``text`` in text order (negated and hypothetical ones left out).

    ``conventions`` sets the counts of vague words ("several"); the default set when None.
    ``sentences``: ``split_sentences(text)`` when the caller has it already (saves a second split).
    ``within``: spans (in text order) outside which triggers are not read, when the caller knows
    where figures can be used (the event sentences and the title).
    """
    lexicon = load_lexicon()
    triggers = lexicon.triggers.finditer(text)
    arabic_script = may_hold_dari_pashto(text)  # Dari and Pashto: read only when the text may hold them
    if not triggers and not arabic_script:
        return []
    plain = _with_plain_breaks(text)
    if sentences is None:
        sentences = split_sentences(plain)
    # The splitter treats U+2028/U+2029 and no-break spaces as the plain break and space, so the
    # spans are the same either way; sentence texts are read as slices of ``plain`` (never .text).
    context = _Context(text, plain, sentences, [s.start for s in sentences], lexicon,
                       conventions or load_conventions(), {}, {}, headline_end(text, sentences), {})
    mentions: list[CasualtyMention] = []
    taken: set[tuple[int, str]] = set()  # (number start, kind): one count per phrase and kind
    if within is not None:
        triggers = [t for t in triggers if _inside_any(within, t.start())]
    for trigger in triggers:
        for mention in _mentions_for_trigger(context, trigger.start(), trigger.end(), trigger.group(0)):
            key = (mention.number_start, mention.kind)
            if key not in taken:
                taken.add(key)
                mentions.append(mention)
    if arabic_script:
        for found in find_dari_pashto(text, sentences, context.conventions, context.headline_end):
            if (found.number_start, found.kind) not in taken:
                taken.add((found.number_start, found.kind))
                mentions.append(_from_script(text, found))
    mentions.sort(key=lambda m: (m.start, m.number_start))
    return mentions


def _inside_any(spans: list[tuple[int, int]], position: int) -> bool:
    index = bisect.bisect_right(spans, (position, float("inf"))) - 1
    return index >= 0 and position < spans[index][1]


def _from_script(text: str, found: ScriptCasualty) -> CasualtyMention:
    """The ``CasualtyMention`` of a Dari or Pashto phrase."""
    return CasualtyMention(
        start=found.start, end=found.end, number_start=found.number_start, number_end=found.number_end,
        kind=found.kind, quantity=found.quantity, victim=found.victim, is_aggregate=found.is_aggregate,
        text=text[found.start : found.end], victim_class=found.victim_class, definite=found.definite,
        additive=found.additive, role=found.role, explicit_number=found.explicit_number,
        sentence_start=found.sentence_start,
    )


def _with_plain_breaks(text: str) -> str:
    """Map U+2028/U+2029 to newlines and no-break spaces to spaces (same length, offsets kept)."""
    # str.replace runs in C; a translate() table with non-ASCII keys goes through a dict per character
    return text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\u00a0", " ")


def _sentence_index(context: _Context, position: int) -> int:
    return max(bisect.bisect_right(context.sentence_starts, position) - 1, 0)


def _tokens(context: _Context, index: int, position: int) -> list[Token]:
    """Tokens of the sentence around ``position``: whole sentences when short, else a window.

    Only the words near a trigger matter, and tokenising costs per token.
    """
    sentence = context.sentences[index]
    if sentence.end - sentence.start <= 2 * _WINDOW:
        if index not in context.tokens:
            context.tokens[index] = tokenize(context.plain, sentence.start, sentence.end)
        return context.tokens[index]
    window_start = max(sentence.start, position - _WINDOW)
    window_start = context.text.rfind(" ", sentence.start, window_start) + 1 or sentence.start
    window_end = min(sentence.end, position + _WINDOW)
    return tokenize(context.text, window_start, window_end)


_WINDOW = 160  # characters either side of a trigger that can hold its people
_LIST_WINDOW = 12  # tokens before a counted noun that a list of counted phrases may take
_token_start = attrgetter("start")


def _is_aggregate(context: _Context, index: int, start: int, end: int) -> bool:
    """Does the clause around ``start:end`` state a statistic ("since January", "in the past year")?"""
    sentence = context.sentences[index]
    if sentence.end - sentence.start <= 2 * _WINDOW:
        if index not in context.aggregate:
            sentence_text = context.plain[sentence.start : sentence.end]
            context.aggregate[index] = context.lexicon.aggregate.search(sentence_text) is not None
        return context.aggregate[index]
    window = context.text[max(sentence.start, start - _WINDOW) : min(sentence.end, end + _WINDOW)]
    return context.lexicon.aggregate.search(window) is not None


def _mentions_for_trigger(context: _Context, start: int, end: int, phrase: str) -> list[CasualtyMention]:
    """Try the trigger's readings (passive, active, intransitive, nominal ...) in turn."""
    lexicon = context.lexicon
    index = _sentence_index(context, start)
    sentence = context.sentences[index]
    if phrase[0].isupper() and start > sentence.start and sentence.end > context.headline_end:
        return []  # title-case words mid-sentence ("For Immediate Release") are not verbs
    roles = lexicon.trigger_roles.get(phrase) or lexicon.trigger_roles[" ".join(phrase.lower().split())]
    tokens = _tokens(context, index, start)
    # Tokens are in text order: the first at or after ``start`` (and ``end``) by bisection.
    first = bisect.bisect_left(tokens, start, key=_token_start)
    after = bisect.bisect_left(tokens, end, key=_token_start)
    if first >= len(tokens):
        return []
    # most triggers have no "and"/"or" beside them: test that before the call
    joiners = lexicon.joiners
    if (after < len(tokens) and tokens[after].low in joiners or first and tokens[first - 1].low in joiners) \
            and _combined(tokens, first, after, roles, lexicon):
        return []
    # the same for every reading: where a subject may start, and an auxiliary before the verb
    bound, auxiliary_start = _left_bound(tokens, first, lexicon), _auxiliary_before(tokens, first, lexicon)
    for kind, role in roles:
        found = _read_role(context, tokens, first, after, role, bound, auxiliary_start)
        if found is not None:
            phrases, verb_position, left = found
            if not phrases or _is_non_event(context, tokens, verb_position, index):
                return []
            also = False
            for token in tokens[max(0, verb_position - 4) : after + 1]:
                if token.low in lexicon.also_words:
                    also = True
                    break
            return [_mention(context, tokens, phrase_, kind, start, end, index, also) for phrase_ in phrases
                    if not phrase_.negated]
    return []


def _combined(
    tokens: list[Token], first: int, after: int, roles: tuple[tuple[str, str], ...], lexicon: CasualtyLexicon
) -> bool:
    """Is the trigger joined to one of another kind that shares its figure ("killing and wounding
    about 20", "20 killed or captured")? One figure for two exclusive outcomes is neither's count."""
    for joiner, neighbour in ((after, after + 1), (first - 1, first - 2)):
        if 0 <= neighbour < len(tokens) and tokens[joiner].low in lexicon.joiners:
            for other_kind, _ in lexicon.trigger_roles.get(tokens[neighbour].low, ()):
                if any((kind, other_kind) in lexicon.combined_kinds for kind, _ in roles):
                    return True
    return False


def _read_role(
    context: _Context, tokens: list[Token], first: int, after: int, role: str, bound: int, auxiliary_start: int
) -> tuple[list[NounPhrase], int, bool] | None:
    """Return (people, index where negation/non-event cues are checked, subject-side?) or None.

    ``bound``: where a subject may start; ``auxiliary_start``: where "was/were ..." before the verb
    starts, -1 when there is none.
    """
    lexicon, conventions, text = context.lexicon, context.conventions, context.text
    if role == "passive":
        return _passive(context, tokens, first, after, bound, auxiliary_start)
    if role == "active" and first > 0 and tokens[first - 1].low in lexicon.adjective_determiners:
        return None  # "the detained leader": an adjective, not a verb
    if role == "active" and auxiliary_start < 0:
        objects = parse_chain(tokens, after, lexicon, conventions, text)
        if objects:
            return objects, first, False
        if tokens[first].low.endswith("ed") and not _starts_phrase(tokens, after):
            subject = find_subject(tokens, bound, first, lexicon, conventions, text, allow_postmodifier=False)
            return (subject, first, True) if subject else None
        return None
    if role == "intransitive":
        subject = find_subject(tokens, bound, first, lexicon, conventions, text)
        return (subject, first, True) if subject else None
    if role == "nominal":
        objects = parse_chain(tokens, after, lexicon, conventions, text)
        return (objects, first, False) if objects else None
    if role == "possessed":
        return _possessor(context, tokens, first)
    if role == "counted_nouns":
        return _counted(context, tokens, first, bound)
    return None


def _passive(
    context: _Context, tokens: list[Token], first: int, after: int, bound: int, auxiliary_start: int
) -> tuple[list[NounPhrase], int, bool] | None:
    """"Two insurgents were killed": the subject before the auxiliary (or an inverted/reduced form)."""
    lexicon = context.lexicon
    if auxiliary_start < 0:
        return _without_auxiliary(context, tokens, first, after, bound)
    if any(token.low in lexicon.verb_negators for token in tokens[auxiliary_start:first]):
        return [], auxiliary_start, True
    bound = _left_bound(tokens, auxiliary_start, lexicon)
    # "resulting in six men being killed": the people follow a preposition
    finite = tokens[auxiliary_start].low != "being"
    subject = find_subject(tokens, bound, auxiliary_start, lexicon, context.conventions, context.text, finite=finite)
    if len(subject) > 1 and tokens[auxiliary_start].low in lexicon.singular_auxiliaries \
            and all(phrase.quantity is not None and phrase.quantity.best == 1 for phrase in subject):
        subject = subject[:1]  # "Noorani Sahib, a Taliban leader was killed": one person named twice
    return (subject, auxiliary_start, True) if subject else None


def _without_auxiliary(
    context: _Context, tokens: list[Token], first: int, after: int, bound: int
) -> tuple[list[NounPhrase], int, bool] | None:
    """A passive participle with no auxiliary before it: inverted ("Also killed in the strike were
    two insurgents") or reduced ("two men taken into custody"); None when neither fits."""
    lexicon, conventions, text = context.lexicon, context.conventions, context.text
    if all(token.low in lexicon.also_words for token in tokens[bound:first]):
        for position in range(after, min(after + 10, len(tokens) - 1)):
            if tokens[position].low in ("were", "was"):
                objects = parse_chain(tokens, position + 1, lexicon, conventions, text)
                return (objects, first, False) if objects else None
            if not tokens[position].is_word:
                break  # punctuation ends the clause
    # -ed participles had this reading as active verbs already ("two insurgents killed")
    if not tokens[first].low.endswith("ed") and not _starts_phrase(tokens, after):
        subject = find_subject(tokens, bound, first, lexicon, conventions, text, allow_postmodifier=False)
        return (subject, first, True) if subject else None
    return None


def _left_bound(tokens: list[Token], first: int, lexicon: CasualtyLexicon) -> int:
    """Subjects never reach back past a ';' or ':' or another casualty verb."""
    for position in range(first - 1, -1, -1):
        low = tokens[position].low
        if low in (";", ":") or (low in lexicon.trigger_roles and low not in lexicon.modifier_participles):
            return position + 1
    return 0


def _auxiliary_before(tokens: list[Token], first: int, lexicon: CasualtyLexicon) -> int:
    """Index where "was/were/have been ..." (plus adverbs and "not") ends right before ``first``, else -1."""
    position = first
    while position > 0:
        low = tokens[position - 1].low
        if low in lexicon.adverbs or low in lexicon.verb_negators:
            position -= 1
        elif low in ("or", "and") and position >= 2 and tokens[position - 2].low in lexicon.trigger_roles:
            position -= 2  # "were injured or detained": the second verb shares the auxiliary
        else:
            break
    for length in range(6, 0, -1):
        start = position - length
        if start >= 0 and tokens[start].low in lexicon.auxiliaries \
                and match_phrase(tokens, start, lexicon.auxiliaries) == position:
            return start
    return -1


def _starts_phrase(tokens: list[Token], position: int) -> bool:
    return position < len(tokens) and (tokens[position].low in ("a", "an", "the", "his", "their")
                                       or tokens[position].low[:1].isdigit())


def _possessor(context: _Context, tokens: list[Token], first: int) -> tuple[list[NounPhrase], int, bool] | None:
    """"his death", "Umar's death", "the commander's arrest": one person, already named."""
    if first == 0:
        return None
    previous = tokens[first - 1]
    if previous.low in ("his", "her"):
        return [_implied_one(tokens, first - 1, first, definite=True)], first, True
    if previous.low.endswith(("'s", "’s")) and previous.is_word:
        return [_implied_one(tokens, first - 1, first, definite=True)], first, True
    return None


def _implied_one(tokens: list[Token], first: int, last: int, definite: bool) -> NounPhrase:
    start, end = tokens[first].start, tokens[last - 1].end
    return NounPhrase(first, last, start, end, start, end, Quantity.exact(1), definite, False, None, "person",
                      False, False)


def _counted(context: _Context, tokens: list[Token], first: int, bound: int) -> tuple[list[NounPhrase], int, bool] | None:
    """"160 extrajudicial killings", "13 deaths", "three insurgents dead": a count before the noun."""
    lexicon = context.lexicon
    listed = _counted_list(context, tokens, first, bound)
    if listed:
        return listed, first, True
    for start in range(max(bound, first - 4), first):
        quantity, number_start, number_end, position = quantity_at(tokens, start, lexicon, context.conventions,
                                                                   context.text)
        # "13 deaths" too, unless a casualty verb takes the count as its object ("released 40 detainees")
        if quantity is not None and position <= first and first - position <= 2 \
                and (position < first or start == 0 or tokens[start - 1].low not in lexicon.trigger_roles) \
                and all(token.is_word and token.low not in lexicon.stopwords for token in tokens[position:first]):
            phrase = NounPhrase(start, first + 1, tokens[start].start, tokens[first].end, number_start, number_end,
                                quantity, False, False, None, None, False, True,
                                is_vague(context.text[number_start:number_end], lexicon))
            return [phrase], first, True
    for start in range(max(bound, first - 3), first):
        chain = parse_chain(tokens, start, context.lexicon, context.conventions, context.text)
        if chain and chain[-1].last == first and chain[0].has_number:
            return chain, first, True
    subject = find_subject(tokens, bound, first, context.lexicon, context.conventions, context.text,
                           allow_postmodifier=False)
    if subject and tokens[first].low == "dead":
        return subject, first, True
    return None


def _counted_list(context: _Context, tokens: list[Token], first: int, bound: int) -> list[NounPhrase]:
    """"left four Taliban and one NRF member dead": coordinated counted phrases that all end at the
    counted noun, each counted (the first loop of ``_counted`` would read only the last one)."""
    for start in range(max(bound, first - _LIST_WINDOW), first - 2):
        chain = parse_chain(tokens, start, context.lexicon, context.conventions, context.text)
        if len(chain) > 1 and chain[-1].last == first and all(phrase.has_number for phrase in chain):
            return chain
    return []


def _is_non_event(context: _Context, tokens: list[Token], position: int, sentence_index: int) -> bool:
    """Negated verbs, plans, intentions and a target's past ("responsible for killing")."""
    lexicon = context.lexicon
    check = position
    # "planning to kill or capture": the second verb inherits the first one's cues
    while check >= 2 and tokens[check - 1].low in ("or", "and", ",") and tokens[check - 2].low in lexicon.trigger_roles:
        check -= 2
    for position in range(max(0, check - 3), check):
        low = tokens[position].low
        # "without incident detained two men": "without" negates only the word right after it
        if low in lexicon.verb_negators and (position == check - 1 or low not in lexicon.adjacent_negators):
            return True
    cue_start = phrase_ending_at(tokens, check, lexicon.non_event_phrases)
    # "to" before an -ing verb is a preposition ("in addition to detaining"), not "to" of an intention
    if cue_start >= 0 and not (cue_start == check - 1 and tokens[cue_start].low == "to" and tokens[check].low.endswith("ing")):
        return True
    sentence = context.sentences[sentence_index]
    before = context.text[max(sentence.start, tokens[check].start - 120) : tokens[check].start]
    return lexicon.non_event_clause.search(before) is not None


def _mention(
    context: _Context, tokens: list[Token], phrase: NounPhrase, kind: str, trigger_start: int, trigger_end: int,
    sentence_index: int, also: bool,
) -> CasualtyMention:
    start, end = min(phrase.start, trigger_start), max(phrase.end, trigger_end)
    quantity = phrase.quantity
    if quantity is None:
        conventions = context.conventions
        quantity = conventions.other_plural_default() if phrase.additive else conventions.plural_default()
    return CasualtyMention(
        start=start,
        end=end,
        number_start=phrase.number_start,
        number_end=phrase.number_end,
        kind=kind,
        quantity=quantity,
        victim=phrase.head,
        is_aggregate=_is_aggregate(context, sentence_index, start, end),
        text=context.text[start:end],
        victim_class=phrase.victim_class,
        definite=phrase.definite,
        additive=phrase.additive or also,
        role=_role(context, tokens, phrase, sentence_index, min(start, phrase.start)),
        explicit_number=phrase.has_number and not phrase.vague,
        sentence_start=context.sentences[sentence_index].start,
        partitive=phrase.partitive,
        includes_reference=not phrase.definite and _has_subset_cue(context, sentence_index)
        and _includes_reference(tokens, phrase.last, context.lexicon),
    )


def _has_subset_cue(context: _Context, sentence_index: int) -> bool:
    """Does the sentence hold a one-word subset cue at all (a cheap test before reading tokens)?"""
    found = context.subset_cue.get(sentence_index)
    if found is None:
        sentence = context.sentences[sentence_index]
        lowered = context.plain[sentence.start : sentence.end].lower()
        found = context.subset_cue[sentence_index] = any(word in lowered for word in context.lexicon.subset_words)
    return found


def _includes_reference(tokens: list[Token], position: int, lexicon: CasualtyLexicon) -> bool:
    """Does the clause after ``position`` say the people include someone named before ("including the leader")?"""
    for index in range(position, min(len(tokens) - 1, position + 25)):
        low = tokens[index].low
        if low in (";", "."):
            return False
        if low in lexicon.subset_words and tokens[index + 1].low in lexicon.definite:
            return True
    return False


def _role(context: _Context, tokens: list[Token], phrase: NounPhrase, sentence_index: int, start: int) -> str:
    lexicon = context.lexicon
    if phrase_ending_at(tokens, phrase.first, lexicon.subset_phrases) >= 0:
        return "subset"
    sentence = context.sentences[sentence_index]
    if sentence.end <= context.headline_end or is_heading(context.text, sentence):
        return "headline"  # a title or a heading line repeats the body's figures
    before = context.text[sentence.start : phrase.end]
    return "total" if lexicon.total_cues.search(before) else "event"


def group_by_sentence(text: str, mentions: list[CasualtyMention]) -> list[tuple[Sentence, list[CasualtyMention]]]:
    """Pair each sentence of ``text`` holding mentions with its mentions (by start offset)."""
    sentences = split_sentences(_with_plain_breaks(text))
    starts = [sentence.start for sentence in sentences]
    groups: dict[int, list[CasualtyMention]] = {}
    for mention in mentions:
        index = max(bisect.bisect_right(starts, mention.number_start) - 1, 0)
        groups.setdefault(index, []).append(mention)
    return [(sentences[index], groups[index]) for index in sorted(groups)]


__all__ = [
    "CASUALTIES_VERSION",
    "Account",
    "Passage",
    "casualty_accounts",
    "CasualtyMention",
    "counted_casualties",
    "document_totals",
    "find_casualties",
    "group_by_sentence",
]

"""Dari and Pashto casualty phrases: verb-final clauses, counters, letter forms, combined figures.

Every sentence here is synthetic: composed for these tests, about no real incident.
"""

from __future__ import annotations

import pytest

from sitroom.extract.casualties import counted_casualties, document_totals, find_casualties
from sitroom.extract.casualties_fa import may_hold_dari_pashto
from sitroom.extract.casualties_fa_lexicon import load_script_lexicon
from sitroom.extract.numbers import load_conventions

ISAF = load_conventions("isaf")


def figures(text: str, conventions=None) -> list[tuple[str, int, str]]:
    """(kind, count, number text) of every mention, in text order."""
    return [(m.kind, m.quantity.best, text[m.number_start : m.number_end]) for m in find_casualties(text, conventions)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # passive, the count before the noun, the verb last
        ("در درگیری دیروز سه جنگجوی طالبان کشته شدند.", [("killed", 3, "سه")]),
        # active: the object before "را", a date's numbers before it are no people
        ("نیروهای طالبان روز ۲۵ سنبله ۱۴۰۱ دوازده تن از باشندگان روستا را بازداشت کردند.",
         [("detained", 12, "دوازده")]),
        ("پنج غیرنظامی در این انفجار زخمی شدند.", [("injured", 5, "پنج")]),
        ("هفت زندانی آزاد شدند.", [("released", 7, "هفت")]),
        ("بیست و سه تن از افراد مسلح دستگیر شدند.", [("detained", 23, "بیست و سه")]),
        ("نیروها دو صد تن را بازداشت کردند.", [("detained", 200, "دو صد")]),
        ("دست‌کم ۱۵ غیرنظامی زخمی شدند.", [("injured", 15, "۱۵")]),
        ("بیش از ۱۰۰ غیرنظامی بازداشت شده‌اند.", [("detained", 100, "۱۰۰")]),
        ("در این درگیری ۵ تن از جنگجویان، به شمول یک فرمانده، کشته شدند.", [("killed", 5, "۵")]),
        ("دو عضو طالبان کشته و سه عضو دیگر زخمی شدهاند.", [("killed", 2, "دو"), ("injured", 3, "سه")]),
        ("مقامات آمار تلفات این حمله را یک کشته و ۱۱ زخمی اعلام کردند.", [("killed", 1, "یک"), ("injured", 11, "۱۱")]),
        ("صبح روز دوشنبه فرمانده پولیس در انفجار ماین کشته شد.", [("killed", 1, "فرمانده")]),
        # intransitive "lost their lives", and "three others" sharing the sentence
        ("در این رویداد دو تن جان باختند و سه تن دیگر زخمی شدند.", [("killed", 2, "دو"), ("injured", 3, "سه")]),
        # two participles sharing one auxiliary: each its own figure
        ("سه تن کشته و هفت تن زخمی شدند.", [("killed", 3, "سه"), ("injured", 7, "هفت")]),
        # coordinated people: both groups
        ("دو سرباز و سه غیرنظامی کشته شدند.", [("killed", 2, "دو"), ("killed", 3, "سه")]),
        # an agent after "توسط" is not the people killed
        ("سه سرباز توسط دو مهاجم کشته شدند.", [("killed", 3, "سه")]),
        ("طالبان چهار عضو جبهه را به قتل رساندند.", [("killed", 4, "چهار")]),
        ("هشت جنگجوی طالب را کشته‌اند.", [("killed", 8, "هشت")]),
        # a subject with no count: one commander (singular verb)
        ("فرمانده طالبان در این حمله کشته شد.", [("killed", 1, "فرمانده")]),
        # Pashto
        ("په دې برید کې درې طالب جنګیالي ووژل شول.", [("killed", 3, "درې")]),
        ("په دې پېښه کې پنځه تنه ټپيان شول.", [("injured", 5, "پنځه")]),
        ("لس تنه ونيول شول.", [("detained", 10, "لس")]),
        ("طالبانو درې کسان ونيول.", [("detained", 3, "درې")]),
    ],
)
def test_dari_and_pashto_phrases(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "سه تن كشته شدند.",  # Arabic kaf
        "سه تن کشته شدند.",  # Persian kaf
        "سه تن کشته‌ شدند.",  # a zero-width non-joiner after the participle
    ],
)
def test_letter_forms_and_non_joiner_read_alike(text):
    assert figures(text) == [("killed", 3, "سه")]


def test_arabic_yeh_and_kaf_in_numbers_and_verbs():
    text = "يک سرباز پيشين در ولسوالي خوست کشته شد. نيروهاي طالبان دو تن را بازداشت كردند."
    assert [(kind, count) for kind, count, _ in figures(text)] == [("killed", 1), ("detained", 2)]


@pytest.mark.parametrize(
    "text",
    [
        "در این انفجار بیست تن کشته و زخمی شدند.",  # killed and wounded: one figure for both
        "هیچ کس کشته نشد.",  # a negative verb
        "دو روز پیش درگیری شد.",  # a count of days, no casualty verb
        "ادعای کشته شدن دوازده مجاهد بی‌اساس است.",  # a verbal noun in a denied claim, no finite verb
        "طالبان گفتند که آنان به زودی آزاد می‌شوند.",  # a future, not a release
    ],
)
def test_no_figure(text):
    assert figures(text) == []


def test_vague_words_follow_the_convention_set():
    text = "ده‌ها تن از مردان روستا را بازداشت کردند."
    assert figures(text, load_conventions("acled")) == [("detained", 10, "ده‌ها")]
    assert figures("چندین طالب زخمی شدند.", ISAF) == [("injured", 3, "چندین")]
    mention = find_casualties("چندین طالب زخمی شدند.")[0]
    assert not mention.explicit_number


def test_pronoun_object_is_a_reference_back():
    mention = find_casualties("طالبان او را بازداشت کردند.")[0]
    assert (mention.kind, mention.quantity.best, mention.definite) == ("detained", 1, True)


def test_other_people_are_additive():
    text = "در این حمله چندین طالب دیگر نیز زخمی شدند."
    assert find_casualties(text)[0].additive


def test_aggregate_and_title_roles():
    aggregate = find_casualties("از آغاز سال تاکنون ۵۰ غیرنظامی کشته شده‌اند.")[0]
    assert aggregate.is_aggregate
    text = "Title: هشت طالب کشته شدند\n\nجبهه گفت که هشت جنگجوی طالب کشته شدند."
    roles = [m.role for m in find_casualties(text)]
    assert roles == ["headline", "event"]
    assert document_totals(find_casualties(text)) == {"killed": 8, "injured": 0, "detained": 0, "released": 0}


def test_spans_point_into_the_original_text():
    text = "Synthetic example.\n\nدر درگیری سه جنگجوی طالبان کشته شدند."
    mention = find_casualties(text)[0]
    assert text[mention.number_start : mention.number_end] == "سه"
    assert mention.text == text[mention.start : mention.end] == "سه جنگجوی طالبان کشته شدند"


def test_mixed_english_and_dari_document():
    text = "Two insurgents were killed in Kunduz.\n\nدر بغلان سه تن بازداشت شدند."
    kept = counted_casualties(find_casualties(text))
    assert [(m.kind, m.quantity.best) for m in kept] == [("killed", 2), ("detained", 3)]


def test_gate_is_cheap_and_exact():
    assert not may_hold_dari_pashto("Two insurgents were killed.")
    assert not may_hold_dari_pashto("The force’s operation — no Arabic script here.")
    assert may_hold_dari_pashto("سه تن کشته شدند")
    letters = load_script_lexicon().needle_letters
    lexicon = load_script_lexicon()
    # every verb the parser can match holds one of the gate's letters
    assert all(any(letter in word for letter in letters) for word in lexicon.verb_firsts)

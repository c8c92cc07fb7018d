"""Quantity parsing: digits, words, vague words per convention set, ranges, comparisons, Dari and Pashto."""

from __future__ import annotations

import pytest

from sitroom.errors import DataPackError
from sitroom.extract.numbers import Quantity, load_conventions, parse_quantity


def exact(value: int) -> Quantity:
    return Quantity(value, value, value)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("7", exact(7)),
        ("1,200", exact(1200)),
        ("۱۲", exact(12)),  # Persian digits
        ("٣٤", exact(34)),  # Arabic-Indic digits
        ("two", exact(2)),
        ("Twenty-three", exact(23)),
        ("twenty three", exact(23)),
        ("two hundred and five", exact(205)),
        ("three thousand", exact(3000)),
        ("a", exact(1)),
        ("an", exact(1)),
        ("one", exact(1)),
        ("a dozen", exact(12)),
        ("half a dozen", exact(6)),
        ("a couple of", exact(2)),
    ],
)
def test_numbers_in_digits_and_words(phrase, expected):
    assert parse_quantity(phrase) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("between 4,000 and 8,000", Quantity(4000, 4000, 8000)),  # conservative best
        ("3 to 5", Quantity(3, 3, 5)),
        ("2-3", Quantity(2, 2, 3)),
        ("two or three", Quantity(2, 2, 3)),
        ("at least 7", exact(7)),
        ("more than 30", exact(30)),  # ACLED and the news2021 codebook: "more than N" is N
        ("over 15", exact(15)),
        ("about 40", exact(40)),
        ("nearly 20", exact(20)),
        ("a total of 5", exact(5)),
        ("up to 30", Quantity(1, 30, 30)),
        ("fewer than 10", Quantity(1, 9, 9)),
    ],
)
def test_ranges_and_comparisons(phrase, expected):
    assert parse_quantity(phrase) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("tens", 10), ("dozens", 12), ("dozens of", 12), ("hundreds", 100), ("hundreds of", 100), ("thousands", 1000)],
)
def test_acled_vague_conventions(phrase, expected):
    for name in ("default", "acled"):
        assert parse_quantity(phrase, load_conventions(name)) == exact(expected)


def test_isaf_conventions_differ_from_the_default():
    isaf, default = load_conventions("isaf"), load_conventions("default")
    assert parse_quantity("numerous", isaf).best == 4
    assert parse_quantity("numerous", default).best == 3
    for phrase in ("several", "a few", "multiple", "a number of", "a group of", "numerous"):
        assert parse_quantity(phrase, isaf) is not None
    assert parse_quantity("dozens", isaf) == exact(12)  # inherited from acled
    assert isaf.plural_default().best >= 2


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("سه", 3),
        ("بیست و سه", 23),
        ("یکصد و بیست", 120),
        ("دوازده", 12),
        ("هزار", 1000),
        ("ده‌ها", 10),  # "tens" with a zero-width non-joiner
        ("درې", 3),  # Pashto
        ("شل", 20),
    ],
)
def test_dari_and_pashto_number_words(phrase, expected):
    assert parse_quantity(phrase) == exact(expected)


@pytest.mark.parametrize("phrase", ["", "hello", "the", "insurgents", "twenty apples"])
def test_non_numbers_give_none(phrase):
    assert parse_quantity(phrase) is None


def test_unknown_convention_set_names_the_known_ones():
    with pytest.raises(DataPackError, match="isaf"):
        load_conventions("no-such-set")


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("dozen", exact(12)), ("two dozen", exact(24)), ("three dozen", exact(36)), ("more than a dozen", exact(12))],
)
def test_dozen_is_a_multiplier(phrase, expected):
    assert parse_quantity(phrase) == expected


def test_other_plural_convention_falls_back_to_the_bare_plural():
    assert load_conventions("isaf").other_plural_default() == exact(2)
    acled = load_conventions("acled")
    assert acled.other_plural_default() == acled.plural_default()


def test_more_than_n_is_n_by_default_and_n_plus_one_under_the_isaf_conventions():
    assert parse_quantity("more than 60") == exact(60)
    assert parse_quantity("more than 60", load_conventions("isaf")) == exact(61)
    assert parse_quantity("over 15", load_conventions("isaf")) == exact(16)

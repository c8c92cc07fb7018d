"""The casualty reader's English function-word lists come from data/numbers/casualty_lexicon.json."""

from __future__ import annotations

import pytest

from sitroom.datafiles import read_data_json
from sitroom.errors import DataPackError
from sitroom.extract import casualties_lexicon
from sitroom.extract.casualties import find_casualties
from sitroom.extract.casualties_lexicon import load_lexicon
from sitroom.extract.numbers import load_conventions

WORD_LISTS = (  # lexicon fields, each read from the data file's key of the same name
    "joiners",
    "singular_auxiliaries",
    "adjective_determiners",
    "finite_verbs",
    "relative_pronouns",
    "complementizers",
    "singular_counts",
    "article_counts",
    "also_words",
)


@pytest.fixture
def fresh_lexicon():
    """Clear the lexicon cache before and after a test that loads a changed data file."""
    load_lexicon.cache_clear()
    yield
    load_lexicon.cache_clear()


def test_the_word_lists_are_those_of_the_data_file():
    raw = read_data_json("numbers", "casualty_lexicon.json")
    lexicon = load_lexicon()
    for name in WORD_LISTS:
        assert getattr(lexicon, name) == frozenset(raw[name]), name
    for field, key in casualties_lexicon.WORD_SET_KEYS.items():
        assert getattr(lexicon, field) == frozenset(casualties_lexicon._strings(raw, key)), field
    for field, key in casualties_lexicon.PHRASE_TABLE_KEYS.items():
        assert getattr(lexicon, field) == casualties_lexicon.phrase_table(casualties_lexicon._strings(raw, key)), field
    assert {"and", "or"} <= lexicon.joiners
    assert "who" in lexicon.relative_pronouns and "were" in lexicon.finite_verbs


@pytest.mark.parametrize("key", sorted([*WORD_LISTS, "vague_glue"]))
def test_a_missing_or_malformed_word_list_is_an_error_naming_the_file_and_key(key, monkeypatch, fresh_lexicon):
    raw = read_data_json("numbers", "casualty_lexicon.json")
    for broken in ({k: v for k, v in raw.items() if k != key}, {**raw, key: ["and", ""]}, {**raw, key: "and"}):
        monkeypatch.setattr(casualties_lexicon, "_read_json", lambda name, broken=broken: broken)
        load_lexicon.cache_clear()
        with pytest.raises(DataPackError, match=rf"numbers/casualty_lexicon\.json: '{key}'"):
            load_lexicon()


def test_an_emptied_determiner_list_changes_what_the_reader_finds(monkeypatch, fresh_lexicon):
    """The reader uses the data: without "the" as a determiner, "the detained leader" reads as a verb."""
    text = "Security forces detained two men. The detained leader was questioned."
    conventions = load_conventions("default")
    before = find_casualties(text, conventions)
    raw = read_data_json("numbers", "casualty_lexicon.json")
    monkeypatch.setattr(casualties_lexicon, "_read_json", lambda name: {**raw, "adjective_determiners": ["a"]})
    load_lexicon.cache_clear()
    after = find_casualties(text, conventions)
    assert [m.quantity.best for m in before] == [2]
    assert len(after) > len(before)


def test_the_glue_of_vague_phrases_makes_no_count_vague(monkeypatch, fresh_lexicon):
    raw = read_data_json("numbers", "casualty_lexicon.json")
    lexicon = load_lexicon()
    assert "number" not in lexicon.vague_words and "several" in lexicon.vague_words
    monkeypatch.setattr(casualties_lexicon, "_read_json", lambda name: {**raw, "vague_glue": ["a", "an", "of", "the"]})
    load_lexicon.cache_clear()
    assert "number" in load_lexicon().vague_words  # "a number of": taken from the data file's glue


def test_a_count_that_is_an_article_is_no_exact_figure():
    """"a Taliban leader was detained" names one person, no figure a summary sentence must repeat."""
    from sitroom.extract.casualties_totals import _is_figure

    conventions = load_conventions("default")
    [article] = find_casualties("A Taliban leader was detained.", conventions)
    [figure] = find_casualties("Police detained one Taliban leader.", conventions)
    assert article.explicit_number and figure.explicit_number
    assert not _is_figure(article) and _is_figure(figure)


def test_the_day_after_a_month_name_of_the_date_vocabulary_counts_no_one(monkeypatch):
    """"Since June 28 were killed": 28 is a day (the month names are those of data/dates/months.json)."""
    from sitroom.extract import casualties_subjects
    from sitroom.extract.dates_data import load_vocabulary

    months = casualties_subjects._english_months()
    assert months == {name for name in load_vocabulary().gregorian_months if name.isascii()}
    assert {"june", "sept"} <= months
    conventions = load_conventions("default")
    text = "Since June 28 were killed in the district."
    assert find_casualties(text, conventions) == []
    monkeypatch.setattr(casualties_subjects, "_english_months", lambda: frozenset({"july"}))
    assert [m.quantity.best for m in find_casualties(text, conventions)] == [28]


def test_also_words_come_from_the_data_file(monkeypatch, fresh_lexicon):
    """"Also killed in the strike were two insurgents": an inverted passive opened by an also-word."""
    conventions = load_conventions("default")
    text = "Also killed in the strike were two insurgents."
    assert [m.quantity.best for m in find_casualties(text, conventions)] == [2]
    raw = read_data_json("numbers", "casualty_lexicon.json")
    monkeypatch.setattr(casualties_lexicon, "_read_json", lambda name: {**raw, "also_words": ["additionally"]})
    load_lexicon.cache_clear()
    assert find_casualties(text, conventions) == []

"""The prepositions a date phrase may start with come from data/dates/prepositions.json."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from sitroom.datafiles import read_data_json
from sitroom.errors import DataPackError
from sitroom.extract import dates_data
from sitroom.extract.dates import find_dates
from sitroom.extract.dates_data import load_vocabulary
from sitroom.extract.dates_patterns import build_pattern


@pytest.fixture
def fresh_vocabulary():
    load_vocabulary.cache_clear()
    yield
    load_vocabulary.cache_clear()


def test_the_prepositions_are_those_of_the_data_file_in_its_order():
    raw = read_data_json("dates", "prepositions.json")
    vocab = load_vocabulary()
    assert vocab.month_prepositions == tuple(raw["month"])
    assert vocab.year_prepositions == tuple(raw["month"] + raw["year_only"])


def test_a_year_after_a_preposition_is_a_date():
    found = find_dates("Fighting continued in 2022 and by 2021 the district had fallen.", dt.date(2023, 1, 1))
    assert [(m.text, m.date.year, m.precision) for m in found] == [("2022", 2022, 3), ("2021", 2021, 3)]


def test_the_date_pattern_is_built_from_the_listed_prepositions():
    """Without "by" in the data, "by 2021" is no date; "in 2022" still is."""
    vocab = load_vocabulary()
    without_by = dataclasses.replace(vocab, year_prepositions=tuple(w for w in vocab.year_prepositions if w != "by"))
    text = "Fighting continued in 2022 and by 2021 the district had fallen."
    years = [m.group() for m in re.finditer(build_pattern(without_by), text)]
    assert any("2022" in y for y in years) and not any("2021" in y for y in years)


@pytest.mark.parametrize("key", ["month", "year_only"])
@pytest.mark.parametrize("bad", [None, "in", [], ["in", ""], ["in", "in order"], ["in", 2]])
def test_a_missing_or_malformed_list_is_an_error_naming_the_file(monkeypatch, fresh_vocabulary, key, bad):
    real = dates_data._read

    def read(name):
        raw = real(name)
        if name != "prepositions.json":
            return raw
        raw = {k: v for k, v in raw.items() if k != key}
        return raw if bad is None else {**raw, key: bad}

    monkeypatch.setattr(dates_data, "_read", read)
    with pytest.raises(DataPackError, match=rf"dates/prepositions\.json {key}: expected a non-empty list of single words"):
        load_vocabulary()

"""The words that name no speaker, and the speakers named by reference back, come from
data/taxonomy/claim_cues.toml ([subject])."""

from __future__ import annotations

import tomllib
from importlib import resources
from types import SimpleNamespace

import pytest

from sitroom.errors import DataPackError
from sitroom.extract import claims
from sitroom.extract.claims import detect_claim


def _spec() -> dict:
    return tomllib.loads(resources.files("sitroom.data").joinpath("taxonomy", "claim_cues.toml").read_text("utf-8"))


@pytest.fixture
def changed_cues(monkeypatch):
    """Load the cues from an edited copy of the file's contents; the cache is cleared around the test."""

    def load(edit):
        spec = _spec()
        edit(spec["subject"])
        monkeypatch.setattr(claims, "tomllib", SimpleNamespace(loads=lambda raw: spec))
        claims._load_cues.cache_clear()

    claims._load_cues.cache_clear()
    yield load
    claims._load_cues.cache_clear()


def test_the_lists_are_those_of_the_data_file():
    subject = _spec()["subject"]
    cues = claims._load_cues()
    assert cues.not_names == frozenset(subject["not_names"]) and "officials" in cues.not_names
    assert cues.leading_articles == frozenset(subject["leading_articles"]) == {"the", "a", "an"}


def test_a_word_that_names_no_one_leaves_the_publisher_the_speaker():
    assert detect_claim("Officials said two men were killed.", 0, "Pajhwok", "news").by == "Pajhwok"
    assert detect_claim("The Police said two men were killed.", 0, "Pajhwok", "news").by == "Police"


def test_the_speaker_test_reads_the_data_file(changed_cues):
    changed_cues(lambda subject: subject.update(not_names=["police"]))
    assert detect_claim("The Police said two men were killed.", 0, "Pajhwok", "news").by == "Pajhwok"
    assert detect_claim("Officials said two men were killed.", 0, "Pajhwok", "news").by == "Officials"


@pytest.mark.parametrize("key", ["not_names", "leading_articles"])
@pytest.mark.parametrize("bad", [None, "the", ["the", ""], ["the", 3]])
def test_a_missing_or_malformed_list_is_an_error_naming_the_file(changed_cues, key, bad):
    changed_cues(lambda subject: subject.pop(key) if bad is None else subject.update({key: bad}))
    with pytest.raises(DataPackError, match=r"data/taxonomy/claim_cues\.toml: .*" + key):
        claims._load_cues()


def test_a_speaker_named_by_reference_back_is_read_from_the_data_file(changed_cues):
    from sitroom.extract.actors import ActorFinder

    sentence = "The NRF attacked a Taliban post in Dara, the outfit claimed."
    assert detect_claim(sentence, 0, "Pajhwok", "news", ActorFinder()).by != "National Resistance Front"
    changed_cues(lambda subject: subject.update(anaphoric_speakers=[r"\bthe outfit"]))
    assert detect_claim(sentence, 0, "Pajhwok", "news", ActorFinder()).by == "National Resistance Front"


def test_a_bad_anaphoric_speaker_pattern_is_an_error_naming_the_entry(changed_cues):
    changed_cues(lambda subject: subject.update(anaphoric_speakers=["(the group"]))
    with pytest.raises(DataPackError, match=r"claim_cues\.toml: subject\.anaphoric_speakers"):
        claims._load_cues()

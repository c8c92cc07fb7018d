"""The words in -ing that open no participial phrase, and the auxiliaries that make one a
progressive verb, come from data/taxonomy/event_triggers.toml."""

from __future__ import annotations

import json
import tomllib
from importlib import resources

import pytest

from sitroom.errors import DataPackError
from sitroom.extract.event_types import build_taxonomy, load_taxonomy, mask_background

SENTENCE = "Troops detained three men during an operation planned last week, and seized weapons."


def _files() -> tuple[dict, dict]:
    base = resources.files("sitroom.data").joinpath("taxonomy")
    spec = tomllib.loads(base.joinpath("event_triggers.toml").read_text("utf-8"))
    return spec, json.loads(base.joinpath("acled.json").read_text("utf-8"))


def _with_cue(spec: dict, **cues) -> dict:
    return {**spec, "cues": {**spec["cues"], **cues}}


def test_the_list_is_that_of_the_data_file():
    spec, _ = _files()
    words = load_taxonomy().not_participles
    assert words == frozenset(spec["cues"]["not_participles"]) and {"during", "including"} <= words


def test_a_word_on_the_list_opens_no_participial_phrase():
    """"during" is no participle: the background cue ("planned") hides the rest of the sentence;
    read as one, its phrase would end at the comma."""
    spec, acled = _files()
    assert mask_background(SENTENCE, load_taxonomy()).endswith("operation" + " " * 39)
    emptied = build_taxonomy(_with_cue(spec, not_participles=[]), acled)
    assert mask_background(SENTENCE, emptied).endswith(", and seized weapons.")


@pytest.mark.parametrize("bad", [None, "during", ["during", ""], ["during", 1]])
def test_a_missing_or_malformed_list_is_an_error_naming_the_file(bad):
    spec, acled = _files()
    cues = {key: value for key, value in spec["cues"].items() if key != "not_participles"}
    if bad is not None:
        cues["not_participles"] = bad
    with pytest.raises(DataPackError, match=r"data/taxonomy/event_triggers\.toml: cues\.not_participles"):
        build_taxonomy({**spec, "cues": cues}, acled)


def test_a_word_in_ing_after_an_auxiliary_is_a_progressive_verb_not_a_phrase():
    """"were searching": no participial phrase, so the background cue hides the rest of the
    sentence; with no auxiliaries listed, "searching" would open a phrase ending at the comma."""
    spec, acled = _files()
    sentence = "Troops were searching houses in an operation planned last week, and seized weapons."
    assert not mask_background(sentence, load_taxonomy()).rstrip().endswith("weapons.")
    emptied = build_taxonomy(_with_cue(spec, progressive_auxiliaries=[]), acled)
    assert mask_background(sentence, emptied).endswith(", and seized weapons.")


def test_a_malformed_auxiliary_list_is_an_error_naming_the_entry():
    spec, acled = _files()
    with pytest.raises(DataPackError, match=r"event_triggers\.toml: cues\.progressive_auxiliaries"):
        build_taxonomy(_with_cue(spec, progressive_auxiliaries="were"), acled)

"""Place names that stand for a government (place_metonymy.py)."""

from __future__ import annotations

from sitroom.extract.place_metonymy import without_metonyms
from sitroom.extract.places import PlaceResolver
from sitroom.gazetteer import load_gazetteer


def _kept(text: str) -> list[str]:
    resolver = PlaceResolver(load_gazetteer("af"))
    return [text[p.start:p.end] for p in without_metonyms(text, resolver.find(text))]


def test_a_capital_before_a_speech_verb_is_dropped():
    assert "Kabul" not in _kept("Kabul has accused Islamabad of shelling Kunar province.")
    assert "Kunar" in _kept("Kabul has accused Islamabad of shelling Kunar province.")


def test_a_place_where_something_happened_is_kept():
    assert "Kabul" in _kept("A blast struck Kabul on Monday, police said.")


def test_a_place_opening_an_organisation_name_is_no_place():
    kept = _kept("A suicide bombing outside a Kabul Bank branch in Kunduz killed 21 people.")
    assert "Kabul" not in kept and "Kunduz" in kept


def test_a_capital_after_a_diplomatic_post_is_dropped():
    kept = _kept("The minister summoned Pakistan's ambassador to Kabul over the airstrikes in Kunar.")
    assert "Kabul" not in kept and "Kunar" in kept
    assert "Kabul" not in _kept("Protesters gathered outside the embassy in Kabul.")


def test_a_place_inside_its_speakers_phrase_is_kept():
    assert "Badakhshan" in _kept("Local officials in the northern province of Badakhshan say a blast hit a mosque.")
    assert "Kabul" not in _kept("Kabul says it attacked the posts.")

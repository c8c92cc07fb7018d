"""Places that say where people come from, not where the event happened (place_origins.py)."""

from __future__ import annotations

from sitroom.extract.place_origins import without_origins
from sitroom.extract.places import PlaceResolver
from sitroom.gazetteer import load_gazetteer


def _kept(text: str) -> list[str]:
    resolver = PlaceResolver(load_gazetteer("af"))
    return [text[p.start:p.end] for p in without_origins(text, resolver.find(text))]


def test_residents_of_a_province_arrested_elsewhere_are_placed_where_they_were_arrested():
    kept = _kept("Taliban fighters arrested 20 original residents of the northeastern Panjshir province in Kabul on Monday.")
    assert kept == ["Kabul"]


def test_a_chain_of_places_after_an_origin_cue_is_one_origin():
    kept = _kept("The poet, a native of Khenj district, Panjshir province, was detained at a checkpoint in Herat city.")
    assert kept == ["Herat"]


def test_a_dari_origin_cue_drops_the_province_of_origin():
    kept = _kept("طالبان یک جوان، باشنده اصلی ولایت پنجشیر را در شهر کابل بازداشت کردند.")
    assert kept == ["کابل"]


def test_a_place_without_an_origin_cue_is_kept():
    assert _kept("Residents said the Taliban arrested four men in Panjshir province.") == ["Panjshir"]


def test_a_kabul_neighbourhood_named_after_a_province_is_in_kabul():
    resolver = PlaceResolver(load_gazetteer("af"))
    found = resolver.find('طالبان او را در منطقه "پروان سوم" شهر کابل بازداشت کردند.')
    assert {p.place.admin1_code for p in found} == {"AF-KAB"}


def test_residents_detained_where_they_live_keep_their_place():
    assert _kept("Taliban forces detained 14 residents of Andarab district on Sunday.") == ["Andarab"]


def test_where_a_commander_serves_is_no_event_place_when_the_sentence_names_the_events():
    kept = _kept("The group said it killed Mahdi, a commander of the group in Balkhab district, in a clash in Herat.")
    assert kept == ["Herat"]

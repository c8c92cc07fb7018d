"""A mention located only by a region or the country takes the province around it (vague_places.py)."""

from __future__ import annotations

from sitroom.extract.places import PlaceMention, PlaceResolver
from sitroom.extract.vague_places import finer_place, fits, is_vague
from sitroom.gazetteer import load_gazetteer


def _places(text: str) -> dict[str, PlaceMention]:
    return {p.text: p for p in PlaceResolver(load_gazetteer("af")).find(text)}


def _regions() -> dict[str, frozenset[str]]:
    return {e.place.place_id: frozenset(e.members) for e in load_gazetteer("af").entries if e.kind == "region"}


def test_a_region_takes_a_later_province_inside_it_but_not_one_outside():
    found = _places("A bomb went off in northern Afghanistan. It hit a bank in Kandahar and another in Kunduz.")
    region = found["northern Afghanistan"]
    assert is_vague(region, "af") and not is_vague(found["Kunduz"], "af")
    assert not fits(region, found["Kandahar"], _regions())
    assert finer_place(region, None, [found["Kandahar"], found["Kunduz"]], _regions()) is found["Kunduz"]


def test_the_country_takes_the_context_province_first():
    found = _places("Clashes went on in Andarab district. In an ambush in Afghanistan, fifty fighters were killed.")
    assert finer_place(found["Afghanistan"], found["Andarab"], [], _regions()) is found["Andarab"]


def test_mentions_located_by_a_region_or_country_take_the_province_the_report_names(extract_mentions):
    text = ("Example Wire\n\nA suicide bomber killed five people on Tuesday outside a bank in northern Afghanistan, "
            "police said.\nThe attack targeted a queue of people in the city of Kunduz.")
    mentions = extract_mentions(text, published="2025-02-11")
    assert [m["admin1_code"] for m in mentions] == ["AF-KDZ"]


def test_a_cross_border_clash_keeps_the_country(extract_mentions):
    text = ("Example Wire\n\nFighting broke out in Spin Boldak district on Tuesday.\n\n"
            "Intense clashes continued between Afghanistan and Pakistan on Wednesday, officials said.")
    mentions = extract_mentions(text, published="2025-10-15")
    assert [m["admin1_code"] for m in mentions] == ["AF-KAN", None]

"""Tests of the gazetteer pack loader, name normalisation and the Gazetteer service."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sitroom.errors import DataPackError, NotFoundError
from sitroom.gazetteer import load_gazetteer
from sitroom.gazetteer.normalize import name_key, name_keys
from sitroom.gazetteer.pack import load_pack, pack_directory
from sitroom.gazetteer.service import Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer("af")


@pytest.fixture()
def pack_copy(tmp_path: Path) -> Path:
    target = tmp_path / "xx"
    shutil.copytree(pack_directory("af"), target)
    return target


def test_pack_counts(gazetteer: Gazetteer) -> None:
    assert len(gazetteer.provinces()) == 34
    assert sum(1 for e in gazetteer.entries if e.kind == "admin2") == 399
    assert sum(1 for e in gazetteer.entries if e.kind == "village") > 8800


def test_load_is_cached() -> None:
    assert load_gazetteer("af") is load_gazetteer("af")


@pytest.mark.parametrize(
    ("variant", "code", "level"),
    [
        ("Andrab", "AF-BGL", "admin2"),
        ("Panjsher", "AF-PAN", "admin1"),
        ("Panjshayr", "AF-PAN", "admin1"),
        ("Paktya", "AF-PIA", "admin1"),
        ("Paktiya", "AF-PIA", "admin1"),
        ("Hirat", "AF-HER", "admin1"),
        ("Hilmand", "AF-HEL", "admin1"),
        ("Oruzgan", "AF-URU", "admin1"),
        ("Nimruz", "AF-NIM", "admin1"),
        ("Kondoz", "AF-KDZ", "admin1"),
        ("Ningarhar", "AF-NAN", "admin1"),
        ("Sari Pul", "AF-SAR", "admin1"),
        ("Mazar-i-Sharif", "AF-BAL", "populated"),
        ("Marjeh", "AF-HEL", "admin2"),
    ],
)
def test_variants_resolve(gazetteer: Gazetteer, variant: str, code: str, level: str) -> None:
    found = gazetteer.lookup(variant, level=level)
    assert found and {p.admin1_code for p in found} == {code}


def test_andrab_is_andarab_in_baghlan(gazetteer: Gazetteer) -> None:
    (place,) = gazetteer.lookup("Andrab", level="admin2")
    assert (place.name, place.admin1, place.admin1_code) == ("Andarab", "Baghlan", "AF-BGL")


def test_paktika_keeps_its_own_code(gazetteer: Gazetteer) -> None:
    assert {p.admin1_code for p in gazetteer.lookup("Paktika", level="admin1")} == {"AF-PKA"}


def test_normalisation_connectors_and_case() -> None:
    assert name_key("Mazar-i-Sharif") == name_key("mazar-e sharif") == name_key("MAZAR E SHARIF")
    assert name_key("Sar-e Pul") in name_keys("Sari Pul") | {name_key("Sar-e-Pol")}
    assert name_key("Nad-e Ali") == name_key("Nad Ali")
    assert name_key("Kandahār") == name_key("Kandahar")


def test_dari_names(gazetteer: Gazetteer) -> None:
    assert {p.admin1_code for p in gazetteer.lookup("پنجشیر", level="admin1")} == {"AF-PAN"}
    assert {p.name for p in gazetteer.lookup("اندراب", level="admin2")} == {"Andarab"}
    assert {p.admin1_code for p in gazetteer.lookup("بغلان", level="admin1")} == {"AF-BGL"}


def test_arghandab_is_ambiguous(gazetteer: Gazetteer) -> None:
    codes = {p.admin1_code for p in gazetteer.lookup("Arghandab", level="admin2")}
    assert codes == {"AF-KAN", "AF-ZAB"}


def test_province_by_code_and_pcode(gazetteer: Gazetteer) -> None:
    assert gazetteer.province("AF-KAB").name == "Kabul"
    assert gazetteer.province("af-pia").name == "Paktia"
    assert gazetteer.province("AF13").admin1_code == "AF-PIA"
    with pytest.raises(NotFoundError):
        gazetteer.province("AF-XXX")


def test_districts_of_province(gazetteer: Gazetteer) -> None:
    names = {d.name for d in gazetteer.districts("AF-PAN")}
    assert "Bazarak" in names and len(names) == 7
    assert all(d.admin1_code == "AF-BGL" for d in gazetteer.districts("AF-BGL"))


def test_centroid(gazetteer: Gazetteer) -> None:
    lat, lon = gazetteer.centroid("AF-KAB")
    assert 34 < lat < 35 and 68.5 < lon < 70


@pytest.mark.parametrize("use_shapely", [True, False])
def test_admin_for_point_of_a_village(gazetteer: Gazetteer, use_shapely: bool) -> None:
    service = Gazetteer(gazetteer.pack, use_shapely=use_shapely)
    village = next(e.place for e in gazetteer.entries if e.kind == "village" and e.place.admin2 == "Andarab")
    match = service.admin_for_point(village.latitude, village.longitude)
    assert match.admin1.admin1_code == "AF-BGL"
    assert match.admin2.name == "Andarab"
    outside = service.admin_for_point(48.85, 2.35)  # Paris
    assert outside.admin1 is None and outside.admin2 is None


def test_regions_and_abroad(gazetteer: Gazetteer) -> None:
    (north,) = gazetteer.lookup("northern Afghanistan")
    assert north.level == "region"
    assert "AF-BAL" in gazetteer.region_members(north.place_id)
    (tajikistan,) = gazetteer.lookup("Tajikistan")
    assert (tajikistan.level, tajikistan.country_code, tajikistan.admin1_code) == ("country", "TJ", None)


def test_missing_pack() -> None:
    with pytest.raises(DataPackError, match="no gazetteer pack"):
        load_pack("zz")


def test_bad_manifest_format(pack_copy: Path) -> None:
    manifest = json.loads((pack_copy / "manifest.json").read_text("utf-8"))
    manifest["format"] = "other/9"
    (pack_copy / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    with pytest.raises(DataPackError, match=r"manifest\.json.*format"):
        load_pack(str(pack_copy))


def test_alias_to_unknown_place(pack_copy: Path) -> None:
    with (pack_copy / "aliases.csv").open("a", encoding="utf-8") as handle:
        handle.write("Nowhereabad,Atlantis,admin2,AF-BGL,test row\n")
    with pytest.raises(DataPackError, match=r"aliases\.csv.*Atlantis"):
        Gazetteer(load_pack(str(pack_copy)))


def test_alias_with_bad_level(pack_copy: Path) -> None:
    with (pack_copy / "aliases.csv").open("a", encoding="utf-8") as handle:
        handle.write("Foo,Andarab,hamlet,AF-BGL,test row\n")
    with pytest.raises(DataPackError, match=r"aliases\.csv:\d+: level 'hamlet'"):
        load_pack(str(pack_copy))


def test_region_with_unknown_province(pack_copy: Path) -> None:
    with (pack_copy / "regions.csv").open("a", encoding="utf-8") as handle:
        handle.write("the far north,AF-ZZZ,test row\n")
    with pytest.raises(DataPackError, match=r"regions\.csv:\d+: unknown province code"):
        load_pack(str(pack_copy))


def test_corrupt_places_file(pack_copy: Path) -> None:
    (pack_copy / "places.json.gz").write_bytes(b"not gzip")
    with pytest.raises(DataPackError, match=r"places\.json\.gz: not valid JSON"):
        load_pack(str(pack_copy))


def test_broken_places_file_names_the_file_and_the_key(pack_copy: Path) -> None:
    import gzip

    places_path = pack_copy / "places.json.gz"
    data = json.loads(gzip.decompress(places_path.read_bytes()))
    data["places"][5]["lat"] = 200
    data["places"][7]["level"] = "hamlet"
    places_path.write_bytes(gzip.compress(json.dumps(data).encode("utf-8")))
    with pytest.raises(DataPackError) as error:
        load_pack(str(pack_copy))
    message = str(error.value)
    assert message.startswith(f"{places_path}: ")
    assert "places[5].lat: Input should be less than or equal to 90" in message
    assert "places[7].level: Input should be 'country', 'admin1', 'admin2' or 'populated'" in message


def test_manifest_missing_a_part_names_the_key(pack_copy: Path) -> None:
    manifest = json.loads((pack_copy / "manifest.json").read_text("utf-8"))
    del manifest["files"]["cues"]
    (pack_copy / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    with pytest.raises(DataPackError, match=r"manifest\.json: files lacks cues"):
        load_pack(str(pack_copy))

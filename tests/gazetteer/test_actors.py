"""Actor dictionary: loading, validation and roles that change over time."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from sitroom.errors import DataPackError, NotFoundError
from sitroom.gazetteer.actors import load_actor_dictionary, load_actor_dictionary_file

BEFORE = dt.date(2021, 8, 14)
AFTER = dt.date(2021, 8, 15)


@pytest.fixture(scope="module")
def actors():
    return load_actor_dictionary("af")


def test_packaged_dictionary_covers_required_actors(actors):
    for actor_id in ["taliban", "taliban_forces", "taliban_gdi", "haqqani_network", "nrf", "aff", "ainlm", "iskp", "hig",
                     "al_qaeda", "imu", "let", "ttp", "afghan_army", "afghan_police", "andsf", "nds", "afghan_local_police",
                     "isaf", "us_forces", "nato", "afghan_coalition_forces", "civilians", "un", "unama", "hrw", "amnesty", "icrc"]:
        assert actor_id in actors, actor_id


def test_taliban_role_changes_on_15_august_2021(actors):
    before, after = actors.role_on("taliban", BEFORE), actors.role_on("taliban", AFTER)
    assert (before.category, after.category) == ("rebel group", "state forces")
    assert before.valid_until == BEFORE and after.valid_from == AFTER
    assert before.name == after.name == "Taliban"


def test_former_forces_end_and_emirate_forces_begin(actors):
    for actor_id in ["afghan_army", "afghan_police", "andsf", "nds", "afghan_local_police"]:
        assert actors.is_valid_on(actor_id, BEFORE)
        assert not actors.is_valid_on(actor_id, AFTER)
    for actor_id in ["taliban_forces", "taliban_gdi"]:
        assert not actors.is_valid_on(actor_id, BEFORE)
        assert actors.role_on(actor_id, AFTER).category == "state forces"


def test_role_on_outside_every_role_raises_unless_nearest(actors):
    with pytest.raises(NotFoundError, match="afghan_army"):
        actors.role_on("afghan_army", dt.date(2023, 1, 1))
    assert actors.role_on("afghan_army", dt.date(2023, 1, 1), nearest=True).actor_id == "afghan_army"
    with pytest.raises(NotFoundError, match="no_such_actor"):
        actors.role_on("no_such_actor", AFTER)


def test_lookup_resolves_shared_names_by_date(actors):
    assert [a.actor_id for a in actors.lookup("Afghan forces", dt.date(2015, 5, 1))] == ["andsf"]
    assert [a.actor_id for a in actors.lookup("Afghan forces", dt.date(2023, 5, 1))] == ["taliban_forces"]
    assert actors.lookup("جبهه مقاومت ملی")[0].name == "National Resistance Front"


def test_canonical_names_match_evaluation_labels(actors):
    names = {actors.role_on(i, None).name for i in actors.actor_ids()}
    assert {"Taliban", "Haqqani Network", "Islamic Movement of Uzbekistan", "Hezb-e Islami Gulbuddin", "al-Qaeda", "Lashkar-e-Taiba"} <= names


def _pack(tmp_path: Path, actors: list[dict]) -> Path:
    path = tmp_path / "pack.json"
    path.write_text(json.dumps({"schema": "sitroom.actors/1", "pack": "t", "version": "t1",
                                "categories": ["rebel group", "state forces"], "actors": actors}), "utf-8")
    return path


def _actor(**changes):
    actor = {"id": "g", "name": "Group", "aliases": ["the group"], "acronyms": ["GRP"],
             "roles": [{"category": "rebel group", "affiliation": None, "valid_from": None, "valid_until": None}]}
    actor.update(changes)
    return actor


def test_valid_user_pack_loads(tmp_path):
    pack = load_actor_dictionary_file(_pack(tmp_path, [_actor()]))
    assert pack.role_on("g", None).aliases == ("the group", "GRP")


@pytest.mark.parametrize(
    ("actor", "problem"),
    [
        (_actor(roles=[{"category": "bandits", "affiliation": None, "valid_from": None, "valid_until": None}]),
         "actors[1].roles[0].category: unknown category 'bandits'"),
        (_actor(roles=[{"category": "rebel group", "affiliation": None, "valid_from": "15/08/2021", "valid_until": None}]),
         "actors[1].roles[0].valid_from: Input should be a valid date"),
        (_actor(roles=[]), "actors[1].roles: List should have at least 1 item"),
        (_actor(roles=[{"category": "rebel group", "affiliation": None, "valid_from": None, "valid_until": None},
                       {"category": "state forces", "affiliation": None, "valid_from": "2021-08-15", "valid_until": None}]),
         "actors[1]: roles overlap"),
        ({"id": "g", "name": "Group"}, "actors[1].aliases: Field required"),
        (_actor(aliases=[""]), "actors[1].aliases[0].text: String should have at least 1 character"),
        (_actor(id="Bad Id"), "actors[1].id: String should match pattern"),
        (_actor(colour="red"), "actors[1].colour: Extra inputs are not permitted"),
    ],
)  # fmt: skip
def test_invalid_pack_names_file_key_and_problem(tmp_path, actor, problem):
    path = _pack(tmp_path, [_actor(id="ok"), actor])
    with pytest.raises(DataPackError) as error:
        load_actor_dictionary_file(path)
    message = str(error.value)
    assert message.startswith(f"{path}: ") and problem in message


def test_shipped_json_schema_is_generated_from_the_models():
    from importlib import resources

    from sitroom.gazetteer.pack_models import actor_pack_json_schema

    shipped = json.loads(resources.files("sitroom.data").joinpath("actors", "schema.json").read_text("utf-8"))
    assert shipped == actor_pack_json_schema(), "run python scripts/write_pack_schema.py"


def test_duplicate_ids_and_bad_json_are_reported(tmp_path):
    with pytest.raises(DataPackError, match="duplicate actor id 'g'"):
        load_actor_dictionary_file(_pack(tmp_path, [_actor(), _actor()]))
    broken = tmp_path / "broken.json"
    broken.write_text("{", "utf-8")
    with pytest.raises(DataPackError, match="broken.json: not valid JSON"):
        load_actor_dictionary_file(broken)
    with pytest.raises(DataPackError, match="not found"):
        load_actor_dictionary("zz")

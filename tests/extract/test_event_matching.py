"""Event-level matching and scoring on small gold/prediction records written for these tests."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from sitroom.cli.main import app
from sitroom.errors import DataPackError
from sitroom.extract.actor_classes import load_class_map, parse_class_map
from sitroom.extract.event_matching import (
    GoldEvent, PredictedEvent, assign, exact_date, false_kind, field_checks, miss_kind,
)
from sitroom.gazetteer.actors import load_actor_dictionary

D = dt.date


def gold(first="2023-05-02", last=None, admin1="AF-PAN", actor1="NRF", actor2="Taliban", fatalities=3,
         sub="Armed clash", kind="Battles") -> GoldEvent:
    return GoldEvent(kind, sub, D.fromisoformat(first), D.fromisoformat(last or first), admin1, actor1, actor2,
                     fatalities)


def predicted(day="2023-05-02", admin1="AF-PAN", actor1="NRF", actor2="Taliban", fatalities=3, precision=1,
              sub="Armed clash", kind="Battles") -> PredictedEvent:
    return PredictedEvent(kind, sub, D.fromisoformat(day) if day else None, precision, admin1, actor1, actor2,
                          fatalities)


def test_a_mention_needs_the_province_and_a_date_in_the_range():
    event = gold(first="2023-05-01", last="2023-05-07")
    assert assign([event], [predicted(day="2023-05-04")]) == {0: 0}
    assert assign([event], [predicted(day="2023-05-09")]) == {}
    assert assign([event], [predicted(admin1="AF-BGL")]) == {}
    assert assign([event], [predicted(day=None)]) == {}


def test_a_gold_event_without_province_is_found_by_a_mention_without_one():
    assert assign([gold(admin1=None)], [predicted(admin1=None)]) == {0: 0}
    assert assign([gold(admin1=None)], [predicted(admin1="AF-KHO")]) == {}


def test_assignment_is_one_to_one_and_prefers_the_best_agreeing_mention():
    event = gold()
    weak = predicted(actor1=None, actor2=None, fatalities=None)
    strong = predicted()
    assigned = assign([event], [weak, strong])
    assert assigned == {0: 1}
    # the weaker telling of the same incident is a repeat, a false event
    assert false_kind(weak, [event], assigned) == "repeat"


def test_two_gold_events_share_two_mentions_by_agreement_not_order():
    clash = gold(fatalities=3)
    raid = gold(sub="Arrests", kind="Strategic developments", fatalities=None, actor1="Taliban", actor2="civilians")
    first, second = predicted(sub="Arrests", kind="Strategic developments", fatalities=None, actor1="Taliban",
                              actor2="civilians"), predicted()
    assert assign([clash, raid], [first, second]) == {0: 1, 1: 0}


def test_exact_date_needs_a_precision_the_range_allows():
    one_day = gold()
    assert exact_date(one_day, predicted(precision=1))
    assert not exact_date(one_day, predicted(precision=2))
    week = gold(first="2023-05-01", last="2023-05-07")
    assert exact_date(week, predicted(day="2023-05-01", precision=2))
    assert not exact_date(week, predicted(day="2023-05-01", precision=3))


def test_field_checks_compare_each_scored_field():
    checks = field_checks(gold(), predicted(actor1="Taliban", actor2="NRF", fatalities=None))
    assert checks == {"event_type": True, "sub_event_type": True, "actor1": False, "actor2": False,
                      "fatalities": False, "exact_date": True}


def test_miss_and_false_event_kinds():
    event = gold()
    late = predicted(day="2023-05-20")
    elsewhere = predicted(admin1="AF-KAB")
    assert miss_kind(event, [], {}) == "no mention in the report"
    assert miss_kind(event, [late], {}) == "wrong date"
    assert miss_kind(event, [elsewhere], {}) == "wrong place"
    assert false_kind(late, [event], {}) == "wrong date"
    assert false_kind(elsewhere, [event], {}) == "wrong place"
    assert false_kind(predicted(day="2023-09-01", admin1="AF-KAB"), [event], {}) == "not an event"
    assert false_kind(late, [], {}) == "not an event (report has none)"


def test_class_map_covers_the_dictionary_and_folds_names():
    classes = load_class_map("af")
    assert classes.class_of("National Resistance Front") == "NRF"
    assert classes.class_of("UNAMA") == "UN"
    assert classes.class_of("Afghan National Army") == "former ANDSF"
    assert classes.class_of("Mountain Lions Front") == "other resistance"  # a name the dictionary lacks
    assert classes.class_of(None) is None


def test_class_map_refuses_an_actor_without_a_class():
    dictionary = load_actor_dictionary("af")
    raw = {"schema": "sitroom.actor_classes/1", "classes": ["NRF"], "by_actor": {"nrf": "NRF"}}
    with pytest.raises(DataPackError, match="without a class"):
        parse_class_map(raw, dictionary, "test.json")
    with pytest.raises(DataPackError, match="not declared"):
        parse_class_map({**raw, "by_actor": {"nrf": "Rebels"}}, dictionary, "test.json")


RECORDS = [
    # one clash told twice: the second telling is a repeat; the Dari report has no event
    {"id": "n1", "language": "en", "published": "2023-05-03", "source_kind": "news", "publisher": "Example Wire",
     "text": "Fighters of the National Resistance Front killed three Taliban fighters in Panjshir province "
             "on Tuesday.\n\nLocal sources said the clash in Panjshir province on Tuesday killed three Taliban.",
     "expected": {"events": [{"event_type": "Battles", "sub_event_type": "Armed clash",
                              "date": ["2023-05-02", "2023-05-02"], "admin1_code": "AF-PAN", "admin2": None,
                              "actor1": "NRF", "actor2": "Taliban", "fatalities": 3}], "aggregates": []}},
    {"id": "n2", "language": "fa", "published": "2023-05-03", "source_kind": "news", "publisher": "Example",
     "text": "این یک گزارش تحلیلی درباره اقتصاد است.", "expected": {"events": [], "aggregates": []}},
]


def test_evaluate_reads_event_level_gold_and_scores_per_language(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", str(path), "--json", "--show-errors"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["format"] == "event-level"
    english, overall = figures["groups"]["English"], figures["groups"]["overall"]
    assert english["recall"] == {"correct": 1, "total": 1, "rate": 1.0}
    assert figures["groups"]["Dari/Pashto"]["documents"] == 1
    assert overall["documents"] == 2
    # every mention beyond the first telling is a false event of kind "repeat"
    assert english["precision"]["correct"] == 1
    assert all(item["kind"] == "repeat" for item in figures["errors"]["false_events"])


def test_evaluate_names_a_bad_event_record(tmp_path):
    path = tmp_path / "bad.jsonl"
    record = {**RECORDS[0], "expected": {"events": [{"date": ["2023-05-09", "2023-05-01"]}]}}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", str(path)])
    assert result.exit_code != 0
    assert "bad.jsonl:1:notanevent-levelgoldrecord" in "".join(result.output.split())

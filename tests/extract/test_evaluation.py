"""sitroom evaluate: document-level scores against gold records (records written for sitroom)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from sitroom.cli.main import app

RECORDS = [
    # right on every field
    ("g1", "2013-01-25", "KABUL, Afghanistan (Jan. 25, 2013)\nForces killed two insurgents in Khost province yesterday.",
     {"event_date": "2013-01-24", "admin1_codes": ["AF-KHO"], "killed": 2, "captured": 0}),
    # the gold day is one before the text's: a miss one day apart
    ("g2", "2013-01-25", "KABUL, Afghanistan (Jan. 25, 2013)\nForces detained three suspects in Zabul province today.",
     {"event_date": "2013-01-24", "admin1_codes": ["AF-ZAB"], "killed": 0, "captured": 3}),
    # no publication date and no date in the text: nothing to find
    ("g3", None, "Forces detained a Taliban leader in Helmand province.",
     {"event_date": "2012-03-06", "admin1_codes": ["AF-HEL"], "killed": 0, "captured": 1}),
    # only a release id: the month is all the text gives
    ("g4", None, "2011-07-S-039\nForces detained one suspect in Baghlan province yesterday.",
     {"event_date": "2011-07-12", "admin1_codes": ["AF-BGL"], "killed": 0, "captured": 1}),
]


def _gold(tmp_path):
    path = tmp_path / "gold.jsonl"
    lines = [json.dumps({"id": i, "published": p, "text": t, "source_kind": "claim", "publisher": "ISAF",
                         "expected": {**e, "event_types": [], "target_groups": [], "airstrike": False}})
             for i, p, t, e in RECORDS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_evaluate_scores_fields_and_sorts_date_misses_by_kind(tmp_path):
    result = CliRunner().invoke(app, ["evaluate", str(_gold(tmp_path)), "--json", "--show-errors"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["documents"] == 4
    assert figures["fields"]["admin1_set_exact"] == {"correct": 4, "total": 4, "rate": 1.0}
    assert figures["fields"]["event_date_exact"]["correct"] == 1
    assert figures["fields"]["captured_exact"]["correct"] == 4
    assert figures["event_date_misses"] == {"no date found": 1, "month or vaguer only": 1, "one day apart": 1,
                                            "further apart": 0}
    assert {m["doc_id"] for m in figures["errors"]["event_date_exact"]} == {"g2", "g3", "g4"}


def test_evaluate_prints_a_table_and_the_date_miss_kinds(tmp_path):
    result = CliRunner().invoke(app, ["evaluate", str(_gold(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "event_date_exact" in result.output
    assert "one day apart 1" in result.output


def test_evaluate_names_a_bad_gold_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "text": "no expected key"}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", str(path)])
    assert result.exit_code != 0
    # whitespace dropped: the message may wrap anywhere at the terminal's width
    assert "bad.jsonl:1:notagoldrecord" in "".join(result.output.split())

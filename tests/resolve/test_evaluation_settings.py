"""Evaluation metrics on hand-computed toy clusters, the benchmark file, and settings validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.errors import DataPackError, InputError
from sitroom.resolve import evaluate_assignments, evaluate_resolution_file, load_resolution_settings
from sitroom.resolve.dataset import load_benchmark

BENCHMARK = Path(__file__).parents[2] / "benchmarks" / "data" / "resolution_benchmark.jsonl"
SETTINGS = Path(__file__).parents[2] / "src" / "sitroom" / "data" / "resolve" / "settings.toml"


def test_metrics_on_toy_clusters():
    gold = {"a": "X", "b": "X", "c": "X", "d": "Y", "e": "Y"}
    predicted = {"a": "1", "b": "1", "c": "2", "d": "2", "e": "2"}
    figures = evaluate_assignments(gold, predicted)
    # gold pairs: ab ac bc de (4); predicted pairs: ab cd ce de (4); shared: ab de (2)
    assert (figures.pairwise_precision, figures.pairwise_recall) == (0.5, 0.5)
    # B-cubed precision: a,b 2/2; c 1/3; d,e 2/3 -> (1+1+1/3+2/3+2/3)/5 = 11/15
    assert figures.bcubed_precision == pytest.approx(11 / 15)
    # B-cubed recall: a,b 2/3; c 1/3; d,e 2/2 -> (2/3+2/3+1/3+1+1)/5 = 11/15
    assert figures.bcubed_recall == pytest.approx(11 / 15)
    assert figures.bcubed_f1 == pytest.approx(11 / 15)
    perfect = evaluate_assignments(gold, {m: g.lower() for m, g in gold.items()})
    assert perfect.pairwise_f1 == perfect.bcubed_f1 == 1.0
    with pytest.raises(InputError):
        evaluate_assignments(gold, {"a": "1"})


def test_benchmark_is_large_varied_and_meets_the_targets():
    records, gold = load_benchmark(BENCHMARK)
    assert len(records) >= 300 and len(set(gold.values())) >= 80
    assert {r.stance.value for r in records} == {"reported", "claimed", "denied", "confirmed"}
    assert {r.mention.time_precision for r in records} == {1, 2, 3}
    figures = evaluate_resolution_file(BENCHMARK)
    # The targets are 0.95 / 0.95; floors just under the measured 0.968 / 0.981. Most
    # misses left are undecidable from the data: month-level UN summaries and province-level
    # denials that fit two events of one province and month, and chance near-duplicates.
    assert figures.pairwise_f1 >= 0.96 and figures.bcubed_f1 >= 0.975


def test_bad_benchmark_line_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"doc_id": "d", "mention_id": "d#m0", "event_key": "x"}\n{"doc_id": "d"}\n')
    with pytest.raises(InputError, match=r"bad\.jsonl:2"):
        load_benchmark(path)


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("accept = 0.62", "accept = 1.7", "thresholds.accept"),
        ("accept = 0.62", "", "thresholds.accept"),
        ("window_days = { 1 = 1, 2 = 7, 3 = 31 }", "window_days = { 1 = 1, 2 = -7, 3 = 31 }", "dates.window_days.2"),
        ('period = "month"', 'period = "fortnight"', "ledger.period"),
        ('"Islamic Emirate" = "Taliban"', '"Islamic Emirate" = 3', "actors.aliases.Islamic Emirate"),
        ('dictionary = "af"', 'dictionary = "atlantis"', "actors.dictionary"),
        ("same_document_same_incident = true", "same_document_same_incident = 1",
         "thresholds.same_document_same_incident"),
    ],
)
def test_settings_errors_name_the_file_and_key(tmp_path, old, new, key):
    text = SETTINGS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "resolve.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(DataPackError) as error:
        load_resolution_settings(path)
    assert str(path) in str(error.value) and repr(key) in str(error.value)


def test_packaged_settings_load():
    settings = load_resolution_settings()
    assert settings.window(1) < settings.window(2) < settings.window(3) == settings.window(5)
    assert 0 < settings.min_link < settings.accept < 1

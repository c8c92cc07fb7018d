"""Surge detection: the Poisson tail, the baseline, the Bonferroni threshold, hand-computed."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from sitroom.analyze.surges import (
    SurgeSettings,
    WeeklyCount,
    detect_surges,
    load_surge_settings,
    poisson_upper_tail,
    report_to_dict,
    week_start,
    weekly_counts,
)
from sitroom.errors import DataPackError
from sitroom.models import Event, EventMention

MONDAY = dt.date(2024, 1, 1)  # a Monday


def series(province: str, counts: list[int]) -> list[WeeklyCount]:
    return [WeeklyCount(province, MONDAY + dt.timedelta(weeks=i), n) for i, n in enumerate(counts)]


def test_poisson_upper_tail_matches_hand_computed_values():
    # P(X >= 5 | 1) = 1 - e^-1 (1 + 1 + 1/2 + 1/6 + 1/24) = 1 - 0.3678794 * 2.7083333 = 0.0036598
    assert poisson_upper_tail(5, 1.0) == pytest.approx(0.0036598468, rel=1e-8)
    # P(X >= 1 | 2) = 1 - e^-2
    assert poisson_upper_tail(1, 2.0) == pytest.approx(1 - math.exp(-2), rel=1e-12)
    # P(X >= 3 | 0.25) = 1 - e^-0.25 (1 + 0.25 + 0.03125) = 0.0021615
    assert poisson_upper_tail(3, 0.25) == pytest.approx(0.0021614967, rel=1e-7)
    assert poisson_upper_tail(0, 3.0) == 1.0


def test_poisson_upper_tail_stays_exact_far_in_the_tail():
    # P(X >= 30 | 1) ~ e^-1 / 30! * (1 + 1/31 + 1/(31*32) + ...): 1 - cdf would round to 0.
    expected = math.exp(-1) / math.factorial(30) * sum(
        math.factorial(30) / math.factorial(k) for k in range(30, 60)
    )
    assert poisson_upper_tail(30, 1.0) == pytest.approx(expected, rel=1e-10)
    assert poisson_upper_tail(30, 1.0) > 0


def test_week_start_is_the_monday():
    assert week_start(dt.date(2024, 1, 7)) == MONDAY  # a Sunday
    assert week_start(MONDAY) == MONDAY


def test_a_jump_above_the_province_baseline_is_a_surge():
    # Province A: baseline mean 8/8 = 1.0, then 6 events. B: steady, one a week.
    counts = series("A", [1, 0, 2, 1, 0, 1, 1, 2, 6]) + series("B", [1] * 9)
    report = detect_surges(counts, SurgeSettings(), weeks=1)
    assert report.cells == 2  # two provinces x one week
    assert report.threshold == pytest.approx(0.025)
    (surge,) = report.surges
    assert surge.province == "A" and surge.week == MONDAY + dt.timedelta(weeks=8)
    assert surge.baseline_mean == 1.0 and surge.baseline_weeks == 8 and surge.expected == 1.0
    # P(X >= 6 | 1) = 1 - e^-1 (1 + 1 + 1/2 + 1/6 + 1/24 + 1/120) = 0.00059418
    assert surge.p_value == pytest.approx(0.0005941848, rel=1e-7)
    b_test = next(t for t in report.tests if t.province == "B")
    assert not b_test.significant and b_test.p_value == pytest.approx(1 - math.exp(-1))


def test_bonferroni_counts_every_province_week_tested():
    counts = series("A", [1, 0, 2, 1, 0, 1, 1, 2, 6]) + series("B", [1] * 9)
    report = detect_surges(counts, SurgeSettings())
    # Weeks 5..9 have at least min_baseline_weeks (4) weeks of data before them: 5 weeks x 2 provinces.
    assert len(report.weeks) == 5 and report.cells == 10
    assert report.threshold == pytest.approx(0.005)
    assert [(s.province, s.count) for s in report.surges] == [("A", 6)]
    early = next(t for t in report.tests if t.province == "A" and t.week == report.weeks[0])
    assert early.baseline_weeks == 4  # only weeks inside the data form the baseline


def test_rate_floor_applies_to_an_empty_baseline():
    counts = series("A", [0, 0, 0, 0, 0, 0, 0, 0, 4]) + series("B", [1] * 9)
    report = detect_surges(counts, SurgeSettings(), weeks=1)
    test = next(t for t in report.tests if t.province == "A")
    assert test.baseline_mean == 0.0 and test.expected == 0.25
    # P(X >= 4 | 0.25) = 1 - e^-0.25 (1 + 0.25 + 0.03125 + 0.0026042) = 0.00013337
    assert test.p_value == pytest.approx(0.00013336965, rel=1e-6)
    assert test.significant


def test_min_count_blocks_tiny_surges_even_with_a_small_p_value():
    counts = series("A", [0] * 8 + [2]) + series("B", [1] * 9)
    settings = SurgeSettings(alpha=0.5, rate_floor=0.01)
    report = detect_surges(counts, settings, weeks=1)
    test = next(t for t in report.tests if t.province == "A")
    assert test.p_value < test.threshold
    assert not test.significant
    assert report.surges == []


def test_until_and_since_choose_the_weeks_tested():
    counts = series("A", [1, 0, 2, 1, 0, 1, 1, 2, 6, 1, 1])
    report = detect_surges(counts, weeks=2, until=MONDAY + dt.timedelta(weeks=8, days=3))
    assert report.weeks == (MONDAY + dt.timedelta(weeks=7), MONDAY + dt.timedelta(weeks=8))
    report = detect_surges(counts, since=MONDAY + dt.timedelta(weeks=9))
    assert report.weeks[0] == MONDAY + dt.timedelta(weeks=9) and report.surges == []


def test_no_data_gives_an_empty_report():
    report = detect_surges([])
    assert report.cells == 0 and report.surges == []
    assert report_to_dict(report)["weeks_tested"] is None


def _event(event_id: str, day: dt.date | None, code: str | None, precision: int = 1) -> Event:
    mention = EventMention(doc_id="d", event_date=day, time_precision=precision, admin1="Panjshir" if code else None,
                           admin1_code=code)
    return Event(event_id=event_id, coded=mention)


def test_weekly_counts_groups_events_by_province_and_week():
    events = [
        _event("1", dt.date(2024, 1, 2), "AF-PAN"),
        _event("2", dt.date(2024, 1, 7), "AF-PAN"),
        _event("3", dt.date(2024, 1, 8), "AF-PAN"),
        _event("4", dt.date(2024, 1, 8), "AF-PAN", precision=3),  # month precision: no week
        _event("5", None, "AF-PAN"),
        _event("6", dt.date(2024, 1, 8), None),
    ]
    counts, names = weekly_counts(events)
    assert counts == [WeeklyCount("AF-PAN", MONDAY, 2), WeeklyCount("AF-PAN", dt.date(2024, 1, 8), 1)]
    assert names == {"AF-PAN": "Panjshir"}


def test_report_to_dict_is_json_ready():
    counts = series("A", [1, 0, 2, 1, 0, 1, 1, 2, 6])
    data = report_to_dict(detect_surges(counts, weeks=1), {"A": "Province A"})
    assert data["test"] == "poisson-upper-tail-bonferroni"
    (surge,) = data["surges"]
    assert surge["province_name"] == "Province A" and surge["week"] == "2024-02-26" and surge["week_end"] == "2024-03-03"


def test_packaged_settings_load_and_bad_settings_are_refused(tmp_path):
    settings = load_surge_settings()
    assert settings.baseline_weeks == 8 and settings.alpha == 0.05
    bad = tmp_path / "surges.toml"
    bad.write_text('version = "x"\nbaseline_weeks = 8\nmin_baseline_weeks = 4\nrate_floor = 0\n'
                   'alpha = 0.05\nmin_count = 3\nmax_time_precision = 2\n', encoding="utf-8")
    with pytest.raises(DataPackError, match="rate_floor"):
        load_surge_settings(bad)
    bad.write_text('version = "x"\n', encoding="utf-8")
    with pytest.raises(DataPackError, match="missing"):
        load_surge_settings(bad)

"""Surges: weeks in which a province has far more events than its own recent baseline.

The test (documented in docs/surges.md): for each province and tested week, the expected
count is the mean of the province's previous ``baseline_weeks`` weekly counts (never below
``rate_floor``); the week's p-value is the Poisson upper tail P(X >= count | expected). A
week is a surge when its count is at least ``min_count`` and its p-value is below
``alpha / cells`` (Bonferroni over every (province, week) cell tested).

``detect_surges`` is a pure function over (province, week, count) series; ``weekly_counts``
turns canonical events into that series. Thresholds live in data/analyze/surges.toml.
"""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from collections import Counter
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

from sitroom.errors import DataPackError
from sitroom.models import Event

ONE_WEEK = dt.timedelta(days=7)


@dataclass(frozen=True, slots=True)
class SurgeSettings:
    """Thresholds of the surge test (see data/analyze/surges.toml for their meaning)."""

    version: str = "surges-v1"
    baseline_weeks: int = 8
    min_baseline_weeks: int = 4
    rate_floor: float = 0.25
    alpha: float = 0.05
    min_count: int = 3
    max_time_precision: int = 2


@dataclass(frozen=True, slots=True)
class WeeklyCount:
    """Number of events in one province in the week starting on Monday ``week``."""

    province: str
    week: dt.date
    count: int


@dataclass(frozen=True, slots=True)
class SurgeTest:
    """The test of one (province, week) cell and its figures."""

    province: str
    week: dt.date
    count: int
    baseline_mean: float  # mean weekly count over the baseline weeks
    baseline_weeks: int  # how many weeks the baseline has
    expected: float  # max(baseline_mean, rate_floor): the Poisson rate tested against
    p_value: float  # P(X >= count | expected)
    threshold: float  # alpha / cells (Bonferroni)
    significant: bool


@dataclass(frozen=True, slots=True)
class SurgeReport:
    """Every test run, the weeks tested and the corrected threshold."""

    tests: tuple[SurgeTest, ...]
    weeks: tuple[dt.date, ...]
    provinces: tuple[str, ...]
    cells: int
    threshold: float
    settings: SurgeSettings

    @property
    def surges(self) -> list[SurgeTest]:
        """Significant tests, most significant first."""
        return sorted((t for t in self.tests if t.significant), key=lambda t: (t.p_value, t.province, t.week))


def week_start(day: dt.date) -> dt.date:
    """Return the Monday of the ISO week containing ``day``."""
    return day - dt.timedelta(days=day.weekday())


def poisson_upper_tail(count: int, rate: float) -> float:
    """Return P(X >= count) for X ~ Poisson(rate), summed upwards so tiny p-values stay exact."""
    if count <= 0:
        return 1.0
    if rate <= 0:
        return 0.0
    if count <= rate:  # the tail is large: one minus the few lower terms is accurate
        lower = sum(math.exp(-rate + k * math.log(rate) - math.lgamma(k + 1)) for k in range(count))
        return max(0.0, 1.0 - lower)
    term = math.exp(-rate + count * math.log(rate) - math.lgamma(count + 1))
    total, k = 0.0, count
    while term > total * 1e-17:  # terms only shrink past the mode, so the rest is negligible
        total += term
        k += 1
        term *= rate / k
    return min(total, 1.0)


def detect_surges(
    counts: Iterable[WeeklyCount],
    settings: SurgeSettings | None = None,
    *,
    weeks: int | None = None,
    until: dt.date | None = None,
    since: dt.date | None = None,
) -> SurgeReport:
    """Test each province's weekly counts against its own baseline.

    Input: weekly counts (missing weeks count zero between the series' first and last
    week); ``weeks``: test only the last N weeks up to ``until`` (default: the series'
    last week); ``since``: test no week before this date. Output: a SurgeReport.
    """
    settings = settings or SurgeSettings()
    table: Counter = Counter()
    for item in counts:
        table[(item.province, week_start(item.week))] += item.count
    if not table:
        return SurgeReport((), (), (), 0, settings.alpha, settings)
    provinces = tuple(sorted({province for province, _ in table}))
    first = min(week for _, week in table)
    tested = _tested_weeks(first, max(week for _, week in table), settings, weeks, until, since)
    cells = len(provinces) * len(tested)
    threshold = settings.alpha / cells if cells else settings.alpha
    tests = tuple(
        _test_cell(table, province, week, first, threshold, settings) for province in provinces for week in tested
    )
    return SurgeReport(tests, tuple(tested), provinces, cells, threshold, settings)


def _tested_weeks(
    first: dt.date, last: dt.date, settings: SurgeSettings, weeks: int | None, until: dt.date | None,
    since: dt.date | None,
) -> list[dt.date]:
    """Return the Mondays to test: within the data, with enough baseline, in the asked window."""
    end = week_start(until) if until else last
    start = first + settings.min_baseline_weeks * ONE_WEEK  # earlier weeks lack a baseline
    if weeks is not None:
        start = max(start, end - (weeks - 1) * ONE_WEEK)
    if since is not None:
        start = max(start, week_start(since))
    found, week = [], start
    while week <= end:
        found.append(week)
        week += ONE_WEEK
    return found


def _test_cell(
    table: Counter, province: str, week: dt.date, first: dt.date, threshold: float, settings: SurgeSettings
) -> SurgeTest:
    """Return the test of one province in one week."""
    baseline = [
        table.get((province, week - back * ONE_WEEK), 0)
        for back in range(1, settings.baseline_weeks + 1)
        if week - back * ONE_WEEK >= first
    ]
    mean = sum(baseline) / len(baseline) if baseline else 0.0
    expected = max(mean, settings.rate_floor)
    count = table.get((province, week), 0)
    p_value = poisson_upper_tail(count, expected)
    significant = count >= settings.min_count and p_value < threshold
    return SurgeTest(province, week, count, mean, len(baseline), expected, p_value, threshold, significant)


def weekly_counts(events: Iterable[Event], settings: SurgeSettings | None = None) -> tuple[list[WeeklyCount], dict[str, str]]:
    """Count canonical events per province (admin1 code, else name) and week.

    Input: events. Output: the counts, and each province key's display name. Events with no
    date, no province, a date vaguer than ``max_time_precision`` or flagged aggregate are left out.
    """
    settings = settings or SurgeSettings()
    table: Counter = Counter()
    names: dict[str, str] = {}
    for event in events:
        coded = event.coded
        key = coded.admin1_code or coded.admin1
        if not key or coded.event_date is None or coded.is_aggregate:
            continue
        if coded.time_precision > settings.max_time_precision:
            continue
        table[(key, week_start(coded.event_date))] += 1
        names.setdefault(key, coded.admin1 or key)
    return [WeeklyCount(p, w, n) for (p, w), n in sorted(table.items())], names


def report_to_dict(report: SurgeReport, names: dict[str, str] | None = None) -> dict[str, Any]:
    """Return the report as JSON-ready data: the test's parameters and the significant surges."""
    names = names or {}
    surges = []
    for test in report.surges:
        item = asdict(test)
        item["week"] = test.week.isoformat()
        item["week_end"] = (test.week + dt.timedelta(days=6)).isoformat()
        item["province_name"] = names.get(test.province, test.province)
        surges.append(item)
    return {
        "test": "poisson-upper-tail-bonferroni",
        "version": report.settings.version,
        "settings": asdict(report.settings),
        "weeks_tested": [report.weeks[0].isoformat(), report.weeks[-1].isoformat()] if report.weeks else None,
        "provinces_tested": len(report.provinces),
        "cells": report.cells,
        "threshold": report.threshold,
        "surges": surges,
    }


def surge_report_for_store(
    repository,
    *,
    weeks: int | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    event_type: str | None = None,
    actor: str | None = None,
    settings: SurgeSettings | None = None,
) -> dict[str, Any]:
    """Run the surge test over a repository's events; return ``report_to_dict``'s data.

    Every stored event (optionally of one type or naming one actor) is counted, whatever
    the weeks tested, because earlier weeks form the baseline.
    """
    from sitroom.store.filters import EventFilter

    settings = settings or load_surge_settings()
    events = repository.list_events(EventFilter(event_type=event_type, actor=actor, limit=None))
    counts, names = weekly_counts(events, settings)
    report = detect_surges(counts, settings, weeks=weeks, until=until, since=since)
    return report_to_dict(report, names)


def load_surge_settings(path: Path | None = None) -> SurgeSettings:
    """Load the surge thresholds from ``path`` (default: the packaged surges.toml).

    Raises DataPackError naming the file and the bad key.
    """
    if path is None:
        source = resources.files("sitroom.data").joinpath("analyze/surges.toml")
        name = "sitroom/data/analyze/surges.toml"
    else:
        source, name = path, str(path)
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise DataPackError(f"{name}: cannot read surge settings ({error}); restore the file") from None
    return _validate(data, name)


def _validate(data: dict[str, Any], name: str) -> SurgeSettings:
    """Return SurgeSettings from parsed TOML; raise DataPackError on a missing or bad value."""
    defaults = SurgeSettings()
    values: dict[str, Any] = {}
    rules = {
        "version": (str, lambda v: bool(v)),
        "baseline_weeks": (int, lambda v: v >= 1),
        "min_baseline_weeks": (int, lambda v: v >= 1),
        "rate_floor": (float, lambda v: v > 0),
        "alpha": (float, lambda v: 0 < v < 1),
        "min_count": (int, lambda v: v >= 1),
        "max_time_precision": (int, lambda v: v in (1, 2, 3)),
    }
    for key, (kind, valid) in rules.items():
        if key not in data:
            raise DataPackError(f"{name}: setting {key!r} is missing; add it (default {getattr(defaults, key)!r})")
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, (int, float) if kind is float else kind):
            raise DataPackError(f"{name}: {key} = {value!r} is not a {kind.__name__}")
        if not valid(value):
            raise DataPackError(f"{name}: {key} = {value!r} is out of range")
        values[key] = kind(value)
    if values["min_baseline_weeks"] > values["baseline_weeks"]:
        raise DataPackError(f"{name}: min_baseline_weeks must not exceed baseline_weeks")
    unknown = sorted(set(data) - set(rules))
    if unknown:
        raise DataPackError(f"{name}: unknown settings {unknown}; known: {sorted(rules)}")
    return SurgeSettings(**values)

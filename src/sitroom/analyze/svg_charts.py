"""Charts and maps of situation reports as standalone SVG text, drawn offline (no library, no CDN).

Every label is escaped; every chart has a title (``aria-label``) and a legend. Colours come
from data/analyze/report.toml. The map projects the gazetteer's province polygons
(equirectangular, longitudes scaled by the cosine of the middle latitude).
"""

from __future__ import annotations

import datetime as dt
import math
from html import escape
from typing import Callable, Iterable, Sequence

WIDTH, HEIGHT = 640, 230
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 14, 56
FONT = 'font-family="DejaVu Sans, sans-serif"'


def _svg(width: int, height: int, title: str, body: Iterable[str]) -> str:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-label="{escape(title)}" {FONT} font-size="11">')  # fmt: skip
    return head + f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"


def _legend(labels: Sequence[str], colours: Sequence[str], y: float, width: int = WIDTH) -> list[str]:
    parts, x = [], LEFT
    for label, colour in zip(labels, colours):
        text = label if len(label) <= 34 else label[:33] + "…"
        step = 18 + 6.2 * len(text)
        if x + step > width and x > LEFT:
            x, y = LEFT, y + 15
        parts.append(f'<rect x="{x:.0f}" y="{y - 9:.0f}" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{x + 14:.0f}" y="{y:.0f}">{escape(text)}</text>')  # fmt: skip
        x += step
    return parts


def _week_axis(weeks: Sequence[dt.date], slot: float, base: float) -> list[str]:
    step = max(1, math.ceil(len(weeks) / 8))
    return [
        f'<text x="{LEFT + i * slot + slot / 2:.1f}" y="{base + 14:.0f}" text-anchor="middle">{week:%d %b %y}</text>'
        for i, week in enumerate(weeks) if i % step == 0
    ]


def _value_axis(peak: int, base: float, height: float) -> list[str]:
    parts = [f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" stroke="#555"/>']
    for value in sorted({0, peak // 2, peak}):
        y = base - height * value / peak
        parts.append(f'<text x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end">{value}</text>'
                     f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#ddd"/>')  # fmt: skip
    return parts


def stacked_week_bars(weeks: Sequence[dt.date], series: dict[str, dict[dt.date, int]],
                      colour_of: Callable[[str], str], title: str) -> str:
    """Return weekly bars stacked by series (e.g. events per week by event type)."""
    labels = sorted(series, key=lambda label: -sum(series[label].values()))
    peak = max([sum(series[label].get(week, 0) for label in labels) for week in weeks] + [1])
    base, height = HEIGHT - BOTTOM, HEIGHT - BOTTOM - TOP
    slot = (WIDTH - LEFT - RIGHT) / max(len(weeks), 1)
    parts = _value_axis(peak, base, height)
    for index, week in enumerate(weeks):
        y = base
        for label in labels:
            count = series[label].get(week, 0)
            if not count:
                continue
            bar = height * count / peak
            y -= bar
            parts.append(f'<rect x="{LEFT + index * slot + 1:.1f}" y="{y:.1f}" width="{max(slot - 2, 1):.1f}" '
                         f'height="{bar:.1f}" fill="{colour_of(label)}"><title>{escape(label)}, week of '
                         f'{week.isoformat()}: {count}</title></rect>')  # fmt: skip
    parts += _week_axis(weeks, slot, base)
    parts += _legend(labels, [colour_of(label) for label in labels], base + 32)
    return _svg(WIDTH, HEIGHT + 15 * (len(labels) // 4), title, parts)


def week_lines(weeks: Sequence[dt.date], series: dict[str, dict[dt.date, int]], colours: Sequence[str],
               title: str) -> str:
    """Return one line per series over the weeks (e.g. events per week of the busiest actors)."""
    labels = sorted(series, key=lambda label: (-sum(series[label].values()), label))
    peak = max([count for label in labels for count in series[label].values()] + [1])
    base, height = HEIGHT - BOTTOM, HEIGHT - BOTTOM - TOP
    slot = (WIDTH - LEFT - RIGHT) / max(len(weeks), 1)
    parts = _value_axis(peak, base, height)
    for label, colour in zip(labels, colours):
        points = " ".join(f"{LEFT + i * slot + slot / 2:.1f},{base - height * series[label].get(w, 0) / peak:.1f}"
                          for i, w in enumerate(weeks))  # fmt: skip
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2">'
                     f'<title>{escape(label)}</title></polyline>')  # fmt: skip
    parts += _week_axis(weeks, slot, base)
    parts += _legend(labels, list(colours), base + 32)
    return _svg(WIDTH, HEIGHT + 15 * (len(labels) // 4), title, parts)


def claim_bars(rows: Sequence[tuple[str, int, int, int, int]], colours: Sequence[str], title: str) -> str:
    """Return, per group, bars of events claimed, independently reported, confirmed and denied."""
    kinds = ("claimed", "independently reported", "confirmed", "denied")
    peak = max([row[1] for row in rows] + [1])
    label_width, bar_area, row_height = 210, WIDTH - 210 - RIGHT - 30, 46
    parts: list[str] = []
    for index, (group, *counts) in enumerate(rows):
        top = TOP + index * row_height
        parts.append(f'<text x="4" y="{top + 20}">{escape(group if len(group) <= 34 else group[:33] + "…")}</text>')
        for k, count in enumerate(counts):
            y = top + k * 10
            width = bar_area * count / peak
            parts.append(f'<rect x="{label_width}" y="{y}" width="{max(width, 0.5):.1f}" height="8" '
                         f'fill="{colours[k]}"><title>{escape(group)}: {count} {kinds[k]}</title></rect>'
                         f'<text x="{label_width + width + 4:.1f}" y="{y + 8}" font-size="9">{count}</text>')  # fmt: skip
    height = TOP + len(rows) * row_height + 30
    parts += _legend(kinds, colours, height - 10)
    return _svg(WIDTH, height, title, parts)

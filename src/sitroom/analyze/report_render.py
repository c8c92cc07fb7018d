"""Render a SituationReport as HTML (Jinja2, autoescaped) and as PDF (WeasyPrint).

The charts and the map are SVG generated here (``svg_charts``, ``svg_map``) and set inline, so a
report is one self-contained file that needs no network. Fonts: DejaVu Sans, vendored in
web/static/fonts (scripts/vendor_fonts.sh) and named by the stylesheet's @font-face rules, which
also covers Dari and Pashto text; the PDF embeds it from there, never from the network. The
template is web/templates/report/situation.html.j2; the stylesheet web/static/css/report.css is
linked on the dashboard and inlined in files.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from sitroom.analyze.report_settings import ReportSettings, load_report_settings
from sitroom.analyze.situation import Change, SituationReport, event_actors
from sitroom.analyze.svg_charts import claim_bars, stacked_week_bars, week_lines
from sitroom.analyze.svg_map import MapPoint, district_map, province_map
from sitroom.errors import SitroomError
from sitroom.models import Event

TEMPLATE = "situation.html.j2"
MAP_CAPTIONS = {
    "province": "Provinces shaded by the period's events. Dots: events located to a named place; translucent halos "
                "(~20 km): located to a district; province-level events only shade their province.",
    "district": "The province's districts shaded by the period's events, neighbouring provinces in grey. Dots: events "
                "located to a named place; district-level events shade their district.",
}


def _web_folder() -> Path:
    from sitroom.web.routes import web_folder

    return web_folder()


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    loader = FileSystemLoader(str(_web_folder() / "templates" / "report"))
    return Environment(loader=loader, autoescape=select_autoescape(["html", "j2"]), undefined=StrictUndefined)


def stylesheet() -> str:
    """Return the report stylesheet's text."""
    return (_web_folder() / "static" / "css" / "report.css").read_text(encoding="utf-8")


def place(event: Event) -> str:
    """Return the event's place as 'location, district, province' (the parts it has)."""
    coded = event.coded
    parts = list(dict.fromkeys(p for p in (coded.location, coded.admin2, coded.admin1) if p))
    return ", ".join(parts) or "place unknown"


def actors(event: Event) -> str:
    """Return the event's actors as text ('unknown actors' when it names none)."""
    names = event_actors(event)
    return " · ".join(names) if names else "actors unknown"


def figure(event: Event, kind: str) -> str:
    """Return 'best (low–high)' of one casualty kind, or '–' when no source gives it."""
    low, best, high = (getattr(event, f"{kind}_{level}") for level in ("low", "best", "high"))
    if best is None:
        return "–"
    return f"{best} ({low}–{high})" if low is not None and high is not None and low != high else str(best)


def change_lines(report: SituationReport) -> list[str]:
    """Return the 'what changed' sentences: totals, types, provinces, new actors and provinces, surges."""
    now, before = report.totals, report.previous_totals
    lines = [f"{now.events} events ({before.events} in the previous period, {now.events - before.events:+d}); "
             f"{now.fatalities} killed ({now.fatalities - before.fatalities:+d}), "
             f"{now.detained} detained ({now.detained - before.detained:+d})."]  # fmt: skip
    moved = [c for c in report.by_type if c.delta]
    if moved:
        lines.append("By type: " + "; ".join(f"{c.label} {c.now} ({c.delta:+d})" for c in moved) + ".")
    rising = sorted((c for c in report.by_province if c.delta > 0), key=lambda c: -c.delta)[:5]
    if rising:
        lines.append("Most increased: " + "; ".join(f"{c.label} {c.now} ({c.delta:+d})" for c in rising) + ".")
    if report.new_provinces:
        lines.append("Provinces with events this period and none in the previous: " + ", ".join(report.new_provinces) + ".")
    if report.new_actors:
        lines.append("Actors not named in the previous period: " + ", ".join(report.new_actors) + ".")
    lines.append(f"{len(report.surges)} significant weekly surge(s) in the period (docs/surges.md)."
                 if report.surges else "No significant weekly surge in the period.")  # fmt: skip
    return lines


def _map_svg(report: SituationReport, settings: ReportSettings, pack: str) -> str:
    from sitroom.gazetteer import load_gazetteer

    counts: dict[str, int] = {}
    points = []
    for event in report.events:
        coded = event.coded
        if coded.admin1_code:
            counts[coded.admin1_code] = counts.get(coded.admin1_code, 0) + 1
        if coded.latitude is not None and coded.longitude is not None and coded.geo_precision <= 2:
            points.append(MapPoint(coded.latitude, coded.longitude, coded.geo_precision,
                                   f"{coded.event_date} {coded.sub_event_type or coded.event_type}: {place(event)}"))
    gazetteer = load_gazetteer(pack)
    focus = _province_code(gazetteer, report.province)
    if focus is not None:
        districts: dict[str, int] = {}
        for event in report.events:
            name = (event.coded.admin2 or "").casefold()
            districts[name] = districts.get(name, 0) + 1
        return district_map(gazetteer, focus, districts, points, settings.shades,
                            f"Events of the period by district of {report.province}")
    return province_map(gazetteer, counts, points, settings.shades, "Events of the period by province")


def _province_code(gazetteer: Any, province: str | None) -> str | None:
    """Return the ISO code of the province a report is limited to (None for the whole country)."""
    if not province:
        return None
    found = gazetteer.lookup(province, level="admin1")
    if found:
        return found[0].admin1_code
    try:
        return gazetteer.province(province.upper()).admin1_code
    except SitroomError:
        return None


def report_context(report: SituationReport, settings: ReportSettings | None = None, pack: str = "af") -> dict[str, Any]:
    """Return the template's variables: tables, sentences and the inline SVG charts and map."""
    settings = settings or load_report_settings()
    scope = f"Province: {report.province}" if report.province else "All provinces"
    summary = [Change("events", report.totals.events, report.previous_totals.events)] + [
        Change(label, getattr(report.totals, name), getattr(report.previous_totals, name))
        for label, name in (("killed", "fatalities"), ("injured", "injured"), ("detained", "detained"))
    ] + [Change(f"status: {c.label}", c.now, c.before) for c in report.by_status]  # fmt: skip
    claim_rows = [(g.group, g.events, g.independently_reported, g.confirmed, g.denied) for g in report.claims]
    return {
        "title": f"Situation report: {report.province or 'Afghanistan'}, {report.period.start} to {report.period.end}",
        "period": report.period, "previous": report.previous, "scope": scope, "version": report.settings_version,
        "generated": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "summary": summary,
        "change_lines": change_lines(report), "surges": report.surges, "by_actor": report.by_actor,
        "claims": report.claims, "channels": report.channels, "notable": report.notable,
        "former_security": report.former_security, "place": place, "actors": actors, "figure": figure,
        "map_svg": Markup(_map_svg(report, settings, pack)),
        "map_caption": MAP_CAPTIONS["district" if report.province else "province"],
        "type_svg": Markup(stacked_week_bars(report.weeks, report.weekly_by_type, settings.type_colour,
                                             "Events per week by type")),
        "actor_svg": Markup(week_lines(report.weeks, report.weekly_by_actor, settings.series_colours,
                                       "Events per week of the most active actors")),
        "claims_svg": Markup(claim_bars(claim_rows, settings.series_colours[:4], "Claimed vs confirmed per group")),
    }  # fmt: skip


def render_report_html(report: SituationReport, *, inline_css: bool = True, dashboard: bool = False,
                       pack: str = "af") -> str:
    """Return the report as one HTML document (stylesheet inlined for files, linked on the dashboard)."""
    context = report_context(report, pack=pack)
    context.update(inline_css=Markup(stylesheet()) if inline_css else "", dashboard=dashboard)  # our own CSS
    return _environment().get_template(TEMPLATE).render(**context)


def own_files_fetcher() -> Any:
    """Return WeasyPrint's URL fetcher for reports: "/static/..." is the package's web folder, and only
    local files and data: URLs are read; nothing is fetched from a network."""
    from weasyprint.urls import URLFetcher

    class OwnFilesFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("file:///static/"):
                url = (_web_folder() / "static" / url[len("file:///static/"):]).as_uri()
            if not url.startswith(("file:", "data:")):
                raise ValueError(f"a report fetches nothing from the network ({url})")
            return super().fetch(url, headers)

    return OwnFilesFetcher(allowed_protocols=("file", "data"))


def render_report_pdf(report: SituationReport, target: str | Path, pack: str = "af") -> None:
    """Write the report as PDF to ``target`` through WeasyPrint (needs Debian's pango libraries)."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:
        raise SitroomError(f"PDF reports need WeasyPrint and its system libraries (pango): {error}; "
                           "run scripts/install_system_deps.sh or `make install`") from None  # fmt: skip
    html = render_report_html(report, inline_css=True, pack=pack)
    try:
        HTML(string=html, base_url=str(_web_folder()), url_fetcher=own_files_fetcher()).write_pdf(str(target))
    except OSError as error:
        raise SitroomError(f"{target}: cannot write the PDF ({error.strerror or error})") from None

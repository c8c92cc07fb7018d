"""Dashboard pages of what monitors publish: the situation report (HTML, and PDF to download)
and the alerts of the analysts' rules. The report is rendered on the server by Jinja2 with
autoescaping (every value from a source is escaped) and sent with the dashboard's strict CSP:
its stylesheet is linked, its charts are inline SVG without script."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from string import Template
from typing import Annotated

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from sitroom.config import Settings
from sitroom.errors import SitroomError
from sitroom.web.routes import SECURITY_HEADERS, _repository, query_date, web_folder

DEFAULT_DAYS = 365
FromParam = Annotated[str | None, Query(alias="from", description="First day, YYYY-MM-DD.")]
ToParam = Annotated[str | None, Query(alias="to", description="Last day, YYYY-MM-DD.")]
ProvinceParam = Annotated[str | None, Query(max_length=200, description="Province name or ISO code.")]


def _period(repository, start: str | None, end: str | None) -> tuple[dt.date, dt.date]:
    """Return the asked period, by default the year up to the latest event."""
    from sitroom.store.filters import EventFilter

    last = query_date(end, "to")
    if last is None:
        latest = repository.list_events(EventFilter(limit=1))
        last = latest[0].coded.event_date if latest and latest[0].coded.event_date else dt.date.today()
    first = query_date(start, "from") or last - dt.timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise HTTPException(422, detail=f"from {first} is after to {last}; swap them")
    return first, last


def _report(request: Request, settings: Settings, start, end, province):
    from sitroom.analyze.situation import build_situation_report

    repository = _repository(request, settings)
    first, last = _period(repository, start, end)
    try:
        return build_situation_report(repository, first, last, province or None)
    except SitroomError as error:
        raise HTTPException(422, detail=str(error)) from None


def report_page(request: Request, settings: Settings, start: str | None, end: str | None, province: str | None) -> str:
    """Return the report page: the period form, then the report itself."""
    from sitroom.analyze.report_render import _environment, render_report_html

    situation = _report(request, settings, start, end, province)
    html = render_report_html(situation, inline_css=False, dashboard=True, pack=settings.country_pack)
    form = _environment().get_template("form.html.j2").render(
        start=situation.period.start, end=situation.period.end, province=situation.province)
    return html.replace("</header>", form + "</header>", 1)


def alerts_page_html() -> str:
    """Return the alerts page shell (the shared layout; its script fetches the API)."""
    templates = web_folder() / "templates"
    layout = Template((templates / "layout.html").read_text(encoding="utf-8"))
    main = (templates / "rule_alerts.html").read_text(encoding="utf-8").strip()
    return layout.substitute(title="alerts", script="rule_alerts.js", main=main)


def add_report_routes(app: FastAPI, settings: Settings) -> None:
    """Add GET /reports, /reports/situation.pdf and /alerts (unless the app serves them already)."""
    taken = {getattr(route, "path", None) for route in app.routes}

    def reports(request: Request, start: FromParam = None, end: ToParam = None, province: ProvinceParam = None):
        return HTMLResponse(report_page(request, settings, start, end, province), headers=SECURITY_HEADERS)

    def report_pdf(request: Request, start: FromParam = None, end: ToParam = None, province: ProvinceParam = None):
        from sitroom.analyze.report_render import render_report_pdf

        situation = _report(request, settings, start, end, province)
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "report.pdf"
            render_report_pdf(situation, target, pack=settings.country_pack)
            body = target.read_bytes()
        name = f"sitroom-report-{situation.period.start}-{situation.period.end}.pdf"
        return Response(body, media_type="application/pdf",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    def alerts_page():
        return HTMLResponse(alerts_page_html(), headers=SECURITY_HEADERS)

    for path, endpoint in (("/reports", reports), ("/reports/situation.pdf", report_pdf), ("/alerts", alerts_page)):
        if path not in taken:
            app.add_api_route(path, endpoint, methods=["GET"], include_in_schema=False, name=f"dashboard{path}")

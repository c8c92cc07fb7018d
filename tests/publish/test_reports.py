"""Situation reports on the demo corpus: the gathered figures, the HTML, and the PDF rendered
to PNG (Debian's poppler-utils) with its text read back."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from sitroom.analyze.report_render import render_report_html
from sitroom.analyze.situation import build_situation_report
from sitroom.cli.main import app
from sitroom.store import open_repository

runner = CliRunner()
YEAR_2023 = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        message = f"{tool} is missing: bash scripts/install_system_deps.sh poppler-utils (or `make install-test`)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture
def report_2023(demo_db: Path):
    with open_repository(demo_db) as repository:
        yield build_situation_report(repository, *YEAR_2023)


def test_report_gathers_the_period_and_the_one_before(report_2023) -> None:
    report = report_2023
    assert (report.previous.start, report.previous.end) == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    assert report.totals.events == 16 and report.previous_totals.events == 3
    assert all(YEAR_2023[0] <= e.coded.event_date <= YEAR_2023[1] for e in report.events)
    battles = next(c for c in report.by_type if c.label == "Battles")
    assert (battles.now, battles.before) == (7, 1)  # INC01 is one battle with its claim, denial and confirmation
    assert [s["province_name"] for s in report.surges] == ["Panjshir"]  # the demo's June 2023 surge
    assert {"Kapisa", "Nangarhar", "Takhar"} <= set(report.new_provinces)


def test_report_lists_claims_and_former_security_personnel(report_2023) -> None:
    nrf = next(g for g in report_2023.claims if g.group == "National Resistance Front")
    assert nrf.events >= 3 and nrf.claims >= nrf.events and 0 < nrf.denied <= nrf.events
    former = report_2023.former_security
    assert former and all(e.event.coded.event_date >= dt.date(2021, 8, 15) for e in former)
    assert any("Civilians (former security personnel)" in (e.event.coded.actor2, *e.event.coded.assoc_actors)
               for e in former)  # fmt: skip
    cited = [s for item in report_2023.notable for s in item.sources]
    assert any(s.stance == "claimed" and s.claimant == "National Resistance Front" for s in cited)
    assert all(s.document is not None for s in cited)


def test_report_for_one_province(demo_db: Path) -> None:
    with open_repository(demo_db) as repository:
        report = build_situation_report(repository, *YEAR_2023, province="Panjshir")
    assert report.events and all(e.coded.admin1 == "Panjshir" for e in report.events)
    assert {c.label for c in report.by_province} == {"Panjshir"}


def test_report_html_holds_map_charts_and_sources(report_2023) -> None:
    html = render_report_html(report_2023)
    for section in ("summary", "changes", "map", "trends", "claims", "volume", "notable", "former-security"):
        assert f'<section id="{section}">' in html
    assert html.count("<svg") == 4  # map, events by type, actors, claims
    busiest = report_2023.by_province[0]
    assert busiest.label == "Panjshir" and f"Panjshir {busiest.now}" in html  # the map labels the busiest province
    assert "National Resistance Front of Afghanistan (synthetic demo)" in html  # the channel's volume row
    assert "<script" not in html and "DejaVu Sans" in html


def test_report_pdf_renders_to_png_with_its_text(demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    result = runner.invoke(app, ["report", "--db", str(demo_db), "--from", "2023-01-01", "--to", "2023-12-31",
                                 "-o", str(target)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF-")
    text = subprocess.run([_poppler("pdftotext"), str(target), "-"], capture_output=True, text=True, check=True).stdout
    text = " ".join(text.split())  # the PDF's line breaks depend on the page width, not the content
    assert "Situation report: Afghanistan, 2023-01-01 to 2023-12-31" in text
    assert "Detentions and killings of former security personnel" in text and "National Resistance Front" in text
    subprocess.run([_poppler("pdftoppm"), "-png", "-r", "50", "-f", "1", "-l", "2", str(target), str(tmp_path / "page")],
                   check=True)  # fmt: skip
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2
    with Image.open(pages[1]) as image:  # page 2 holds the map: many colours, not a blank page
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50
    fonts = subprocess.run([_poppler("pdffonts"), str(target)], capture_output=True, text=True, check=True).stdout
    assert "DejaVu-Sans" in fonts and all(" yes " in line for line in fonts.splitlines()[2:] if line.strip())  # embedded


def test_the_pdf_takes_the_vendored_fonts_and_nothing_from_a_network() -> None:
    from sitroom.analyze.report_render import own_files_fetcher, stylesheet
    from sitroom.web.routes import web_folder

    fetcher = own_files_fetcher()
    vendored = web_folder() / "static" / "fonts" / "DejaVuSans.ttf"
    assert fetcher.fetch("file:///static/fonts/DejaVuSans.ttf").read() == vendored.read_bytes()
    assert 'url("/static/fonts/DejaVuSans-Bold.ttf")' in stylesheet()
    with pytest.raises(ValueError, match="fetches nothing from the network"):
        fetcher.fetch("https://fonts.example.org/font.woff2")


def test_report_html_file_and_bad_periods(demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "panjshir.html"
    result = runner.invoke(app, ["report", "--db", str(demo_db), "--from", "2023-06-01", "--to", "2023-06-30",
                                 "--province", "Panjshir", "-o", str(target)])  # fmt: skip
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    assert "Situation report: Panjshir, 2023-06-01 to 2023-06-30" in html
    assert "Events of the period by district of Panjshir" in html  # the province's district map
    assert re.search(r">Rukha \d+</text>", html)  # a district label with its count
    reversed_period = runner.invoke(app, ["report", "--db", str(demo_db), "--from", "2023-06-30", "--to", "2023-06-01",
                                          "-o", str(target)])  # fmt: skip
    assert reversed_period.exit_code == 2 and "swap" in reversed_period.output
    bad_date = runner.invoke(app, ["report", "--db", str(demo_db), "--from", "June", "--to", "2023-06-01", "-o", str(target)])
    assert bad_date.exit_code == 2 and "--from" in bad_date.output


def test_report_of_an_empty_store_says_so(tmp_path: Path) -> None:
    with open_repository(tmp_path / "empty.db") as repository:
        report = build_situation_report(repository, dt.date(2023, 1, 1), dt.date(2023, 1, 31))
    html = render_report_html(report)
    assert report.totals.events == 0 and "No events in this period." in html and "No claims in this period." in html
    assert "No significant weekly surge in the period." in html

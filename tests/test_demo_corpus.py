"""Checks on the bundled synthetic demo corpus in src/sitroom/data/demo/.

The corpus is parsed with the standard library only, so these tests do not depend
on sitroom's ingest stage: they guard the data itself (markers, manifest, encodings).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parents[1] / "src" / "sitroom" / "data" / "demo"
MARKER = "SYNTHETIC EXAMPLE - fictional incident for sitroom's demo and tests"
TELEGRAM = "telegram_nrf_channel/result.json"
FEED = "feed_northern_provinces_monitor.xml"
JSONL = "documents.jsonl"
ACLED = "acled_demo_afghanistan.csv"
PROBE = "xss_probe.jsonl"
CP1256 = "fa_2023-02-21_khost_wa_firing.cp1256.txt"
NOT_DOCUMENTS = {"README.md", "MANIFEST.json"}
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
SOURCE_KINDS = {"news", "claim", "official", "ngo", "social"}
ACLED_COLUMNS = (
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 "
    "assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region "
    "country admin1 admin2 admin3 location latitude longitude geo_precision source source_scale "
    "notes fatalities tags timestamp"
).split()


class _HtmlMeta(HTMLParser):
    """Collect <meta> name/property -> content, <time datetime> values and body paragraphs."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.times: list[str] = []
        self.paragraphs: list[str] = []
        self.title = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and (values.get("name") or values.get("property")):
            self.meta[values.get("name") or values.get("property") or ""] = values.get("content") or ""
        elif tag == "time" and values.get("datetime"):
            self.times.append(values["datetime"] or "")
        elif tag in ("p", "title"):
            self._in = tag
            if tag == "p":
                self.paragraphs.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "p":
            self.paragraphs[-1] += data
        elif self._in == "title":
            self.title += data


def _text_of(value: str | list) -> str:
    """Flatten a Telegram export 'text' (a string or a list of strings and entities)."""
    if isinstance(value, str):
        return value
    return "".join(part if isinstance(part, str) else part["text"] for part in value)


def _plain_files() -> list[Path]:
    return sorted(
        path
        for path in DEMO.iterdir()
        if path.suffix in (".txt", ".md") and path.name not in NOT_DOCUMENTS
    )


def _read_plain(path: Path) -> str:
    encoding = "cp1256" if path.name.endswith(".cp1256.txt") else "utf-8"
    return path.read_text(encoding=encoding)


def _header(text: str) -> dict[str, str]:
    """Return the 'Key: value' header lines that follow the marker line(s)."""
    header = {}
    for line in text.split("\n")[1:12]:
        match = re.match(r"^([A-Z][A-Za-z-]+): (.+)$", line)
        if match:
            header[match.group(1)] = match.group(2)
    return header


def _jsonl(name: str) -> list[dict]:
    lines = (DEMO / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _telegram() -> dict:
    return json.loads((DEMO / TELEGRAM).read_text(encoding="utf-8"))


def _feed_items() -> list[ET.Element]:
    return list(ET.parse(DEMO / FEED).getroot().iter("item"))


def _acled_rows() -> list[dict[str, str]]:
    with open(DEMO / ACLED, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _manifest() -> dict:
    return json.loads((DEMO / "MANIFEST.json").read_text(encoding="utf-8"))


def _corpus_keys() -> Iterator[str]:
    """Yield the key of every corpus document, found by parsing each format."""
    for path in _plain_files():
        yield path.name
    for path in sorted(DEMO.glob("*.html")):
        yield path.name
    for message in _telegram()["messages"]:
        if message["type"] == "message":
            yield f"{TELEGRAM}#{message['id']}"
    for item in _feed_items():
        yield f"{FEED}#{item.findtext('guid')}"
    for record in _jsonl(JSONL):
        yield f"{JSONL}#{record['id']}"
    for row in _acled_rows():
        yield f"{ACLED}#{row['event_id_cnty']}"


def test_corpus_has_45_to_60_documents_across_formats() -> None:
    keys = list(_corpus_keys())
    assert len(keys) == len(set(keys)), "document keys must be unique"
    assert 45 <= len(keys) <= 60
    assert len(_plain_files()) >= 10
    assert len(list(DEMO.glob("*.html"))) >= 3
    assert sum(m["type"] == "message" for m in _telegram()["messages"]) >= 8
    assert len(_feed_items()) >= 6
    assert len(_jsonl(JSONL)) >= 10
    assert len(_acled_rows()) == 5


@pytest.mark.parametrize("path", _plain_files(), ids=lambda p: p.name)
def test_plain_files_start_with_marker_and_say_synthetic(path: Path) -> None:
    text = _read_plain(path)
    assert text.split("\n", 1)[0] == MARKER
    header = _header(text)
    assert header["Synthetic"] == "true"
    assert header["Source-Kind"] in SOURCE_KINDS
    dt.date.fromisoformat(header["Published"])


@pytest.mark.parametrize("path", sorted(DEMO.glob("*.html")), ids=lambda p: p.name)
def test_html_pages_are_marked_and_carry_metadata(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    assert MARKER in raw.split("\n", 1)[0]
    page = _HtmlMeta()
    page.feed(raw)
    assert page.meta["sitroom:synthetic"] == "true"
    assert page.meta["author"]
    assert page.title.strip()
    published = page.meta["article:published_time"]
    dt.datetime.fromisoformat(published)
    assert any(value[:10] == published[:10] for value in page.times)
    assert MARKER in page.paragraphs[:3]


def test_telegram_export_is_marked_and_well_formed() -> None:
    export = _telegram()
    assert "(synthetic demo)" in export["name"]
    assert export["type"] == "public_channel"
    assert isinstance(export["id"], int)
    kinds = {message["type"] for message in export["messages"]}
    assert kinds == {"message", "service"}
    has_entity_list = False
    for message in export["messages"]:
        dt.datetime.fromisoformat(message["date"])
        int(message["date_unixtime"])
        if message["type"] != "message":
            continue
        assert _text_of(message["text"]).split("\n", 1)[0] == MARKER
        assert isinstance(message["views"], int)
        if isinstance(message["text"], list):
            has_entity_list = True
            types = {part["type"] for part in message["text"] if isinstance(part, dict)}
            assert types <= {"hashtag", "bold", "link"}
    assert has_entity_list


def test_feed_is_rss2_and_marked() -> None:
    root = ET.parse(DEMO / FEED).getroot()
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel is not None
    assert "synthetic" in (channel.findtext("description") or "").lower()
    for item in _feed_items():
        assert (item.findtext("description") or "").split("\n", 1)[0] == MARKER
        assert item.findtext("title") and item.findtext("guid") and item.findtext("pubDate")


@pytest.mark.parametrize("name", [JSONL, PROBE])
def test_jsonl_records_are_marked_and_complete(name: str) -> None:
    for record in _jsonl(name):
        assert record["synthetic"] is True
        assert record["text"].split("\n", 1)[0] == MARKER
        for key in ("id", "title", "url", "publisher", "published", "language"):
            assert record[key], f"{record['id']} lacks {key}"
        assert record["source_kind"] in SOURCE_KINDS
        dt.date.fromisoformat(record["published"])


def test_acled_csv_has_acled_columns_and_marked_notes() -> None:
    with open(DEMO / ACLED, encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == ACLED_COLUMNS
    for row in _acled_rows():
        assert row["notes"].startswith("SYNTHETIC EXAMPLE")
        assert re.fullmatch(r"AFG-DEMO-\d{4}", row["event_id_cnty"])
        assert row["year"] == row["event_date"][:4]
        assert row["country"] == "Afghanistan"
        int(row["fatalities"])
        float(row["latitude"]), float(row["longitude"])


def test_cp1256_file_is_not_utf8_but_decodes_as_cp1256() -> None:
    raw = (DEMO / CP1256).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1256")
    assert text.split("\r\n" if "\r\n" in text else "\n", 1)[0] == MARKER
    assert "خوست و فرنگ" in text and "بغلان" in text


def test_dari_documents_contain_arabic_script_and_solar_hijri_dates() -> None:
    dari = [path for path in _plain_files() if _header(_read_plain(path)).get("Language") == "fa"]
    assert len(dari) >= 4
    months = ("حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبله", "میزان", "عقرب", "قوس", "جدی", "دلو", "حوت")
    for path in dari:
        text = _read_plain(path)
        lines = text.split("\n")
        assert lines[0] == MARKER
        assert ARABIC_SCRIPT.search(lines[1]), f"{path.name}: second line should be the Dari marker"
        body = text.split("\n\n", 1)[1]
        assert len(ARABIC_SCRIPT.findall(body)) > 100
        assert any(month in body.replace("ي", "ی") for month in months), path.name
    for record in _jsonl(JSONL):
        if record["language"] == "fa":
            assert ARABIC_SCRIPT.search(record["text"])


def test_manifest_lists_every_document_and_its_references_exist() -> None:
    manifest = _manifest()
    listed = {document["key"] for document in manifest["documents"]}
    assert listed == set(_corpus_keys())
    for document in manifest["documents"] + manifest["probes"]["documents"]:
        assert document["synthetic"] is True
        assert (DEMO / document["file"]).is_file(), document["file"]
    probe_keys = {f"{PROBE}#{record['id']}" for record in _jsonl(PROBE)}
    assert {document["key"] for document in manifest["probes"]["documents"]} == probe_keys


def test_manifest_incidents_are_consistent_ground_truth() -> None:
    manifest = _manifest()
    documents = {document["key"]: document for document in manifest["documents"]}
    probe_documents = {document["key"] for document in manifest["probes"]["documents"]}
    incidents = manifest["incidents"]
    assert len(incidents) >= 12
    ids = {incident["id"] for incident in incidents}
    for incident in incidents:
        date = dt.date.fromisoformat(incident["true_date"])
        assert dt.date(2022, 1, 1) <= date <= dt.date(2024, 12, 31)
        assert re.fullmatch(r"AF-[A-Z]{3}", incident["province_code"])
        assert incident["district"]
        assert len(incident["reports"]) >= 2, incident["id"]
        for report in incident["reports"]:
            assert report["doc"] in documents, report["doc"]
            assert report["stance"] in {"claimed", "reported", "denied", "confirmed"}
            assert incident["id"] in documents[report["doc"]]["incidents"]
            for figure in report["figures"]:
                low, high = figure["min"], figure["max"]
                assert low is None or high is None or low <= high
    for incident in manifest["probes"]["incidents"]:
        assert all(report["doc"] in probe_documents for report in incident["reports"])
    for pair in manifest["hard_negatives"]:
        assert set(pair["incidents"]) <= ids
    stances = {report["stance"] for incident in incidents for report in incident["reports"]}
    assert stances == {"claimed", "reported", "denied", "confirmed"}
    assert any(not document["incidents"] for document in documents.values())


def test_claim_denial_confirmation_chain_for_dara_checkpoint() -> None:
    """The flagship incident: NRF claims 8, a local source 5, the Taliban deny, the UN confirms 3."""
    incident = next(i for i in _manifest()["incidents"] if i["id"] == "INC01")
    killed: dict[str, list[int | None]] = {}
    for report in incident["reports"]:
        if report.get("background_mention"):
            continue
        figures = [f["min"] for f in report["figures"] if f["kind"] == "killed"]
        killed.setdefault(report["stance"], []).extend(figures)
    assert 8 in killed["claimed"] and 3 in killed["confirmed"] and 0 in killed["denied"]
    assert 5 in killed["reported"]
    unama = (DEMO / "unama_human_rights_update_2023-08-10.md").read_text(encoding="utf-8")
    assert "23 extrajudicial killings of former security personnel between May and July" in unama


def test_xss_probe_documents_carry_payloads() -> None:
    records = _jsonl(PROBE)
    assert len(records) == 3
    joined = json.dumps(records)
    for payload in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:"):
        assert payload in joined

"""Property-based fuzz of every reader and of the extractor (hypothesis).

Every input gives records or problems with a reason, never an exception, and every mention's
evidence lies inside its document. The number of inputs is SITROOM_FUZZ_EXAMPLES, shared out
over the targets (default 300 in all, a few seconds); CI's slow tier sets 20000. The slowest
input per target is printed at the end (a figure, not an assertion: timing is the machine's).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import time
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from sitroom.config import Settings
from sitroom.ingest import IngestProblem, IngestRecord
from sitroom.ingest.decoding import check_bytes
from sitroom.ingest.dispatch import read_source, read_text_stream
from sitroom.models import Document
from tests.conftest import FIGURES

TARGETS = ("txt", "md", "html", "json", "jsonl", "telegram", "feed", "acled", "ucdp", "stdin", "extractor")
TOTAL = int(os.environ.get("SITROOM_FUZZ_EXAMPLES", "300"))
PER_TARGET = max(10, TOTAL // len(TARGETS))
FUZZ = settings(max_examples=PER_TARGET, deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])  # fmt: skip
SLOWEST: dict[str, float] = defaultdict(float)
COUNTS: dict[str, int] = defaultdict(int)

WORDS = ["Taliban", "NRF", "killed", "wounded", "detained", "Panjshir", "Dara", "Kabul", "Andarab", "district",
         "province", "on", "Monday", "May", "14", "2023", "two", "dozens", "at least", "claimed", "denied",
         "said", "airstrike", "۱۴۰۲", "طالبان", "کشته", "ولسوالی", "پنجشیر", "\n", "\n\n", ".", ",", "(", ")",
         "1,000", "-", "ISKP", "spokesman", "yesterday", "Zabihullah Mujahid", "10-15", "500,000"]  # fmt: skip
MARKUP = ["<p>", "</p>", "<![", "]]>", "<!--", "-->", "<!DOCTYPE html>", "<script>", "</script>", "&amp;", "&#",
          "&#x110000;", "<", ">", "<title>", "</title>", "<div", " class='a'", "/>", "<?xml", "?>", "\x00", "\ufeff",
          "<![CDATA[", "<!ENTITY x 'y'>", "<meta charset='utf-16'>", "<article>", "</article>"]  # fmt: skip
JSON_BITS = ['{"id": ', '"text": ', '"published": ', '"publisher": ', '"source_kind": "claim"', '"x"', "[", "]",
             "{", "}", ",", ":", "null", "true", "1e999", "-0", '"\\ud800"', '"2023-05-14"', '"notadate"', "\n"]  # fmt: skip
FEED_BITS = ["<rss version='2.0'>", "<channel>", "<item>", "</item>", "<title>", "</title>", "<description>",
             "</description>", "<pubDate>", "Sat, 20 May 2023 10:00:00 GMT", "</pubDate>", "<feed xmlns='http://www.w3.org/2005/Atom'>",
             "<entry>", "</entry>", "<content type='html'>", "&lt;p&gt;", "</channel></rss>", "<link>", "</link>"]  # fmt: skip
ACLED_HEADER = "event_id_cnty,event_date,year,event_type,sub_event_type,actor1,actor2,country,admin1,admin2,location,latitude,longitude,source,notes,fatalities\n"
UCDP_HEADER = "id,date_start,date_end,type_of_violence,best,low,high,side_a,side_b,country,adm_1,adm_2,where_coordinates,latitude,longitude,source_article\n"
CSV_BITS = [",", '"', "\n", "AFG1", "2023-05-14", "14 May 2023", "Battles", "Panjshir", "35.3", "-200", "1e9", "x", "", "3"]


def _joined(bits: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(bits), st.text(max_size=12)), max_size=60).map("".join)


def _payload(bits: list[str], prefix: str = "") -> st.SearchStrategy[bytes]:
    """Bytes from format fragments (mostly UTF-8, sometimes UTF-16 or cp1256), or raw bytes."""
    text = _joined(bits).map(lambda body: prefix + body)
    encoded = st.tuples(text, st.sampled_from(["utf-8", "utf-8", "utf-16", "cp1256", "latin-1"])).map(
        lambda pair: pair[0].encode(pair[1], errors="replace"))
    return st.one_of(encoded, encoded, st.binary(max_size=300))


def _check(target: str, results: list) -> None:
    for result in results:
        assert isinstance(result, (IngestRecord, IngestProblem)), result
        if isinstance(result, IngestProblem):
            assert result.reason and result.status in ("failed", "skipped") and "internal error" not in result.reason
        else:
            assert result.document.text.strip() and result.document.doc_id


def _read(target: str, extension: str, data: bytes) -> None:
    started = time.perf_counter()
    source = check_bytes(f"fuzz{extension}", data, None)
    results = [source] if isinstance(source, IngestProblem) else list(read_source(source, extension))
    _record(target, time.perf_counter() - started, max(1, len(results)))
    _check(target, results)


def _record(target: str, seconds: float, documents: int) -> None:
    COUNTS[target] += 1
    SLOWEST[target] = max(SLOWEST[target], seconds / documents)


@pytest.fixture(scope="module", autouse=True)
def print_figures():
    """Record the figures after the module's tests (printed in pytest's summary)."""
    yield
    figures = ", ".join(f"{t} {COUNTS[t]} (slowest {SLOWEST[t] * 1000:.0f} ms/doc)" for t in TARGETS if COUNTS[t])
    line = f"fuzz: {sum(COUNTS.values())} inputs run; {figures}"
    FIGURES.append(line)


@FUZZ
@given(_payload(WORDS + MARKUP[:4]))
def test_text_reader(data):
    _read("txt", ".txt", data)


@FUZZ
@given(_payload(WORDS + ["# ", "**", "[link](x)", "---\n", "title: x\n"]))
def test_markdown_reader(data):
    _read("md", ".md", data)


@FUZZ
@given(_payload(MARKUP + WORDS))
def test_html_reader(data):
    _read("html", ".html", data)


@FUZZ
@given(_payload(JSON_BITS + WORDS[:10]))
def test_json_reader(data):
    _read("json", ".json", data)


@FUZZ
@given(_payload(JSON_BITS + WORDS[:10]))
def test_jsonl_reader(data):
    _read("jsonl", ".jsonl", data)


@FUZZ
@given(_payload(JSON_BITS + ['"messages": ', '"type": "message"', '"name": "Channel"', '"date": "2023-05-14T10:00:00"',
                             '"text_entities": ', '"type": "public_channel"'], prefix='{"name": "c", "type": "public_channel", '))
def test_telegram_reader(data):
    _read("telegram", ".json", data)


@FUZZ
@given(_payload(FEED_BITS + MARKUP + WORDS[:10], prefix="<?xml version='1.0'?>"))
def test_feed_reader(data):
    _read("feed", ".rss", data)


@FUZZ
@given(_payload(CSV_BITS + WORDS[:8], prefix=ACLED_HEADER))
def test_acled_reader(data):
    _read("acled", ".csv", data)


@FUZZ
@given(_payload(CSV_BITS + WORDS[:8], prefix=UCDP_HEADER))
def test_ucdp_reader(data):
    _read("ucdp", ".csv", data)


@FUZZ
@given(_payload(JSON_BITS + WORDS))
def test_standard_input_reader(data):
    started = time.perf_counter()
    results = list(read_text_stream(io.BytesIO(data), "<stdin>", max_bytes=100_000))
    _record("stdin", time.perf_counter() - started, max(1, len(results)))
    _check("stdin", results)


@pytest.fixture(scope="module")
def extractor():
    from sitroom.extract.extractor import Extractor

    return Extractor.from_config(Settings())


@FUZZ
@given(text=_joined(WORDS + ["Synthetic example."] * 3), published=st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1))))
def test_extractor_never_raises_and_keeps_evidence_inside_the_text(extractor, text, published):
    document = Document("fuzz-1", text, "", "", published=published)
    started = time.perf_counter()
    mentions = extractor.extract(document)
    _record("extractor", time.perf_counter() - started, 1)
    for mention in mentions:
        for name, evidence in mention.evidence.items():
            assert 0 <= evidence.start <= evidence.end <= len(text), (name, evidence, len(text))
        assert mention.to_contract()["doc_id"] == "fuzz-1"

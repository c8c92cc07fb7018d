"""HTML pages: main text and metadata through trafilatura, with a plain tag-strip fallback."""

from __future__ import annotations

import html as html_lib
import re
from html.parser import HTMLParser
from typing import Any, Iterator

from sitroom.ingest.decoding import SourceFile
from sitroom.ingest.provenance import build_document, parse_published
from sitroom.ingest.records import IngestProblem, IngestRecord
from sitroom.models import SourceKind

_SKIPPED_TAGS = {"script", "style", "noscript", "template", "head"}
_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section"}
_BLANK_LINES = re.compile(r"\n\s*\n+")


class _TextStripper(HTMLParser):
    """Collect visible text, with a line break at block elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _SKIPPED_TAGS:
            self._skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS and self._skip_depth:
            self._skip_depth -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """Skip a marked section (<![if ...]>, <![CDATA[...]]>, <![ anything ]>): it is not text.

        The standard library's version asserts on sections it does not know (``<![ x ]>``);
        here every one ends at its "]>", and one left open waits for more input.
        """
        end = self.rawdata.find("]>", i + 3)
        return -1 if end < 0 else end + 2


class HtmlParseError(ValueError):
    """The page's markup could not be read even by the plain tag stripper."""


def strip_html(markup: str) -> str:
    """Return the visible text of an HTML fragment or page, tags and scripts removed."""
    if "<" not in markup:
        return html_lib.unescape(markup).strip()
    stripper = _TextStripper()
    try:
        stripper.feed(markup)
        stripper.close()
    except (AssertionError, ValueError, IndexError) as error:  # the parser's own checks on odd markup
        raise HtmlParseError(f"markup cannot be parsed ({type(error).__name__}: {error})") from None
    lines = (" ".join(line.split()) for line in "".join(stripper.parts).splitlines())
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _blocks_as_paragraphs(text: str) -> str:
    """trafilatura puts one HTML block a line; a web page has no hard-wrapped lines, so each
    block is a paragraph of its own (a headline is never joined to the lead below it)."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def _html_title(markup: str) -> str | None:
    match = re.search(r"<title[^>]*>(.*?)</title>", markup, re.IGNORECASE | re.DOTALL)
    if match is None:
        return None
    return " ".join(html_lib.unescape(match.group(1)).split()) or None


def _trafilatura_fields(markup: str) -> dict[str, Any]:
    """Return trafilatura's text and metadata for ``markup``; empty dict if it finds nothing."""
    import trafilatura  # imported here so importing sitroom stays light

    try:
        result = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False)
    except Exception:  # trafilatura/lxml raise many kinds on odd markup; fall back instead
        return {}
    if result is None:
        return {}
    fields = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    return fields if (fields.get("text") or "").strip() else {}


def read_html(
    source: SourceFile, *, default_source_kind: SourceKind | None = None
) -> Iterator[IngestRecord | IngestProblem]:
    """Yield one record for an HTML page: main text, title, date, author, site name.

    Falls back to stripping all tags when trafilatura finds no main text, and
    says so in ``metadata["extraction"]``.
    """
    markup = source.decoded().text
    fields = _trafilatura_fields(markup)
    metadata = source.base_metadata()
    if fields:
        metadata["extraction"] = "trafilatura"
        text = _blocks_as_paragraphs(fields["text"])
    else:
        metadata["extraction"] = "fallback: trafilatura found no main text; all tags stripped"
        try:
            text = strip_html(markup)
        except HtmlParseError as error:
            yield IngestProblem(source.name, "failed", f"HTML page refused: {error}")
            return
    if not text.strip():
        yield IngestProblem(source.name, "skipped", "HTML page has no visible text")
        return
    try:
        published = parse_published(fields.get("date"))
    except ValueError:
        published = None  # trafilatura's date is a guess; a bad guess is not the file's fault
    document = build_document(
        text=text,
        raw=source.data,
        source_path=source.name,
        ingest_format="html",
        retrieved_at=source.retrieved_at,
        source_kind=default_source_kind or SourceKind.NEWS,
        metadata=metadata,
        title=fields.get("title") or _html_title(markup),
        url=fields.get("url"),
        publisher=fields.get("sitename"),
        author=fields.get("author"),
        published=published,
    )
    yield IngestRecord(document, [], source.name)

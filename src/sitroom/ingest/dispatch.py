"""Finding input files and choosing the reader for each one.

Readers never raise for bad content: every file, row or line that cannot be
used comes back as an IngestProblem naming the file, the line and the reason.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from pathlib import Path
from typing import IO, Iterator

from sitroom.config import Settings
from sitroom.ingest import acled, binary, feeds, html, jsondocs, telegram, text, ucdp
from sitroom.ingest.jsondocs import read_jsonl_stream
from sitroom.ingest.csvrows import read_header
from sitroom.ingest.decoding import SourceFile, check_bytes, load_source
from sitroom.ingest.records import FAILED, SKIPPED, IngestProblem, IngestRecord
from sitroom.models import SourceKind

Result = IngestRecord | IngestProblem

SUPPORTED_EXTENSIONS = (
    ".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom", ".csv",
) + binary.BINARY_EXTENSIONS


def discover_inputs(paths: list[Path]) -> Iterator[Path | IngestProblem]:
    """Yield the files named by ``paths``, expanding folders recursively in sorted order.

    Hidden files and folders (names starting with ".") inside folders are left out. Anything
    that cannot be read comes out as an IngestProblem with its own reason: a path that does not
    exist, a folder that cannot be listed, a broken link, a symbolic-link loop, a link to a
    folder (never followed inside a folder: it may lead back to its own parent).
    """
    for path in paths:
        path = Path(path)
        problem = symlink_problem(path, inside_folder=False) if path.is_symlink() else None
        if problem is not None:
            yield problem
        elif path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield path
        elif path.exists():
            yield IngestProblem(str(path), SKIPPED, "not a regular file or folder")
        else:
            yield IngestProblem(str(path), FAILED, "path does not exist")


def _walk(folder: Path) -> Iterator[Path | IngestProblem]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield IngestProblem(str(folder), FAILED, f"folder cannot be listed: {error.strerror or error}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        problem = symlink_problem(path, inside_folder=True) if entry.is_symlink() else None
        if problem is not None:
            yield problem
        elif entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        elif path.is_file():
            yield path  # a regular file, or a link to one
        else:
            yield IngestProblem(str(path), SKIPPED, "not a regular file or folder (a device, socket or pipe)")


def symlink_problem(link: Path, *, inside_folder: bool) -> IngestProblem | None:
    """Return why the symbolic link ``link`` is not read, or None if it leads to a readable target.

    Links to files are followed. Links to folders are followed only when named on the command
    line (``inside_folder=False``) and never when they contain the link (a loop to a parent).
    """
    target = os.readlink(link)
    try:
        resolved = link.resolve(strict=True)
    except (RuntimeError, OSError) as error:  # Python 3.11/3.12 raise RuntimeError for a loop, 3.13 OSError
        if isinstance(error, FileNotFoundError):
            return IngestProblem(str(link), FAILED, f"broken symbolic link: its target {target} does not exist")
        return IngestProblem(str(link), FAILED, f"symbolic link loop: {link} -> {target} never reaches a file")
    if not resolved.is_dir():
        return None
    if link.parent.resolve() == resolved or resolved in link.parent.resolve().parents:
        return IngestProblem(str(link), SKIPPED, f"link to a folder that contains it ({target}): a loop, not followed")
    if inside_folder:
        return IngestProblem(str(link), SKIPPED, f"link to a folder ({target}) not followed; name that folder to read it")
    return None


def read_input(
    path: Path, settings: Settings, *, default_source_kind: SourceKind | str | None = None
) -> Iterator[Result]:
    """Yield records (and problems) for one input file, choosing the reader by extension
    and content.

    ``default_source_kind`` overrides the format's default kind (news; social for
    Telegram) where the data itself does not say. Never raises for bad content.
    """
    path = Path(path)
    kind = SourceKind.parse(default_source_kind) if default_source_kind else None
    extension = path.suffix.lower()
    if extension not in SUPPORTED_EXTENSIONS:
        supported = ", ".join(SUPPORTED_EXTENSIONS)
        what = f"extension {extension!r}" if extension else "no file extension"
        yield IngestProblem(str(path), SKIPPED, f"unsupported input ({what}); supported: {supported}")
        return
    if extension in binary.BINARY_EXTENSIONS:
        yield from binary.read_binary_input(path, extension, settings, default_source_kind=kind)
        return
    source = load_source(path, settings.max_file_bytes)
    if isinstance(source, IngestProblem):
        yield source
        return
    yield from read_source(source, extension, default_source_kind=kind)


def read_source(
    source: SourceFile, extension: str, *, default_source_kind: SourceKind | None = None
) -> Iterator[Result]:
    """Yield the records of an already loaded file whose format ``extension`` names."""
    options = {"default_source_kind": default_source_kind}
    if extension in (".txt", ".md"):
        yield from text.read_text(source, markdown=extension == ".md", **options)
    elif extension in (".html", ".htm"):
        yield from html.read_html(source, **options)
    elif extension == ".jsonl":
        yield from jsondocs.read_jsonl(source, **options)
    elif extension == ".json":
        yield from _read_json(source, **options)
    elif extension in (".rss", ".atom") or feeds.looks_like_feed(source.data):
        yield from feeds.read_feed(source, **options)
    elif extension == ".xml":
        yield IngestProblem(source.name, SKIPPED, "XML file is not an RSS or Atom feed")
    else:
        yield from _read_csv(source, **options)


def _read_json(source: SourceFile, default_source_kind: SourceKind | None) -> Iterator[Result]:
    try:
        value = json.loads(source.decoded().text)
    except json.JSONDecodeError as error:
        reason = f"invalid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        yield IngestProblem(source.name, FAILED, reason, error.lineno)
        return
    except RecursionError:
        yield IngestProblem(source.name, FAILED, jsondocs.NESTING_REFUSAL)
        return
    if jsondocs.is_telegram_export(value):
        yield from telegram.read_telegram_export(source, value, default_source_kind=default_source_kind)
    else:
        yield from jsondocs.read_json_value(source, value, default_source_kind=default_source_kind)


def _read_csv(source: SourceFile, default_source_kind: SourceKind | None) -> Iterator[Result]:
    columns = read_header(source)
    if acled.is_acled_header(columns):
        yield from acled.read_acled(source, default_source_kind=default_source_kind)
    elif ucdp.is_ucdp_header(columns):
        yield from ucdp.read_ucdp(source, default_source_kind=default_source_kind)
    else:
        reason = (
            "CSV header not recognised: expected ACLED columns ("
            + ", ".join(acled.REQUIRED_COLUMNS) + ", ...) or UCDP GED columns ("
            + ", ".join(ucdp.REQUIRED_COLUMNS) + ", ...)"
        )
        yield IngestProblem(source.name, FAILED, reason, 1)


def read_stdin_text(
    stream: IO[str] | IO[bytes],
    source_name: str = "<stdin>",
    *,
    default_source_kind: SourceKind | str | None = None,
    max_bytes: int | None = None,
) -> Iterator[Result]:
    """Yield one plain-text record for everything read from ``stream`` (``sitroom extract -``).

    Bytes are decoded like a file's; empty input yields a skipped problem and
    input larger than ``max_bytes`` a failed one. retrieved_at is now (UTC).
    """
    limit = Settings().max_file_bytes if max_bytes is None else max_bytes
    data = stream.read(limit + 1)
    data = data if isinstance(data, bytes) else data.encode("utf-8", errors="replace")
    if len(data) > limit:
        yield IngestProblem(source_name, FAILED, f"input is larger than max_file_bytes={limit}")
        return
    source = check_bytes(source_name, data, dt.datetime.now(dt.timezone.utc))
    if isinstance(source, IngestProblem):
        yield source
        return
    kind = SourceKind.parse(default_source_kind) if default_source_kind else None
    yield from text.read_text(source, default_source_kind=kind)


def read_text_stream(
    stream: IO[str] | IO[bytes],
    source_name: str = "<stdin>",
    *,
    default_source_kind: SourceKind | str | None = None,
    max_bytes: int | None = None,
) -> Iterator[Result]:
    """Yield records from a stream holding either JSON Lines documents or plain text.

    Input whose first non-blank character is "{" is read as JSONL (one document
    per line), anything else as one plain-text document.
    """
    limit = Settings().max_file_bytes if max_bytes is None else max_bytes
    data = stream.read(limit + 1)
    data = data if isinstance(data, bytes) else data.encode("utf-8", errors="replace")
    kind = SourceKind.parse(default_source_kind) if default_source_kind else None
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and len(data) <= limit:
        yield from read_jsonl_stream(io.BytesIO(data), source_name, default_source_kind=kind)
    else:
        yield from read_stdin_text(io.BytesIO(data), source_name, default_source_kind=kind, max_bytes=limit)

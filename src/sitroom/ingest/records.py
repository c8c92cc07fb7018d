"""What the ingestion readers yield: records for good input, problems for bad input."""

from __future__ import annotations

from dataclasses import dataclass, field

from sitroom.models import Document, EventMention

SKIPPED = "skipped"  # deliberately not read (unknown extension, empty file, hidden file)
FAILED = "failed"  # should have been read but could not be (missing, binary, malformed)


@dataclass(slots=True)
class IngestRecord:
    """One ingested document plus any events the source had already coded (ACLED, UCDP).

    ``source`` is the file path, or ``path:line`` for a row of a JSONL or CSV file,
    or ``path#post=<id>`` for a Telegram post.
    """

    document: Document
    precoded: list[EventMention] = field(default_factory=list)
    source: str = ""


@dataclass(slots=True)
class IngestProblem:
    """A file, row or line that was skipped or failed, and why.

    ``status`` is "skipped" or "failed"; ``reason`` names the problem and, where
    useful, what to do about it; ``line`` is the 1-based line number when known.
    """

    source: str
    status: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.status}: {self.reason}"

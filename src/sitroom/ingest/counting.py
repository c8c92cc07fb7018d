"""Estimating how many documents an input file holds, so progress can count documents, not files.

The estimate is cheap (a byte count of record markers, no parsing) and only drives the progress
display: ``DocumentTally`` corrects the total with each file's real count once it is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ProgressCallback = Callable[[str, int, int], None]  # (current source, documents done, documents expected)

_LINE_FORMATS = (".jsonl", ".csv")
_FEED_FORMATS = (".xml", ".rss", ".atom")


def estimate_documents(path: Path, max_bytes: int) -> int:
    """Return a quick estimate (at least 1) of the documents (or rows) that ``path`` holds.

    JSONL: non-blank lines; CSV: lines after the header; feeds: <item>/<entry> tags; a JSON file:
    its "text" keys; anything else (or a file that cannot be read or is too large): 1.
    """
    extension = path.suffix.lower()
    if extension not in _LINE_FORMATS + _FEED_FORMATS + (".json",):
        return 1
    try:
        if path.stat().st_size > max_bytes:
            return 1
        data = path.read_bytes()
    except OSError:
        return 1
    if extension == ".jsonl":
        count = sum(1 for line in data.splitlines() if line.strip())
    elif extension == ".csv":
        count = data.count(b"\n") - 1 + (0 if data.endswith(b"\n") else 1)
    elif extension == ".json":
        count = data.count(b'"text"')
    else:
        count = data.count(b"<item") + data.count(b"<entry")
    return max(1, count)


@dataclass
class DocumentTally:
    """Counts documents done against an expected total, telling ``callback`` after each one.

    ``pending`` starts as the sum of every file's estimate. While a file is read, the total is
    what is done plus what its estimate leaves plus the files still to come; once it is closed,
    its real count replaces its estimate, so the total converges on the truth.
    """

    callback: ProgressCallback | None
    pending: int
    done: int = 0
    _current: int = field(default=0, repr=False)
    _in_file: int = field(default=0, repr=False)

    @property
    def expected(self) -> int:
        return self.done + max(0, self._current - self._in_file) + self.pending

    def open_file(self, estimate: int) -> None:
        """Start reading a file estimated (by ``estimate_documents``) to hold ``estimate`` documents."""
        self.pending = max(0, self.pending - estimate)
        self._current, self._in_file = estimate, 0

    def advance(self, source: str) -> None:
        """Count one document (or one refused row or file) read from ``source``."""
        self.done += 1
        self._in_file += 1
        self._tell(source)

    def close_file(self) -> None:
        """The current file is finished: only its real count remains in the total."""
        self._current = self._in_file = 0

    def finish(self) -> None:
        """Everything is read: the total is what was done."""
        self.pending = 0
        self.close_file()
        self._tell("")

    def _tell(self, source: str) -> None:
        if self.callback is not None:
            self.callback(source, self.done, self.expected)

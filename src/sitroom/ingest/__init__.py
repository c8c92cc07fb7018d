"""sitroom ingest stage: input files and streams -> Documents (plus pre-coded events).

Public API: :func:`discover_inputs`, :func:`read_input`, :func:`read_jsonl_stream`,
:func:`read_stdin_text`, :func:`read_text_stream` (JSONL or plain text, for
``sitroom extract -``), :class:`IngestRecord`, :class:`IngestProblem`.
"""

from sitroom.ingest.dispatch import (
    SUPPORTED_EXTENSIONS,
    discover_inputs,
    read_input,
    read_source,
    read_stdin_text,
    read_text_stream,
)
from sitroom.ingest.jsondocs import read_jsonl_stream
from sitroom.ingest.records import FAILED, SKIPPED, IngestProblem, IngestRecord

__all__ = [
    "FAILED",
    "SKIPPED",
    "SUPPORTED_EXTENSIONS",
    "IngestProblem",
    "IngestRecord",
    "discover_inputs",
    "read_input",
    "read_jsonl_stream",
    "read_source",
    "read_stdin_text",
    "read_text_stream",
]

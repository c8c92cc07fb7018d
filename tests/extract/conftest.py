"""Shared fixtures for extractor-level tests: one extractor, and texts in, contract mentions out."""

from __future__ import annotations

from typing import Callable

import pytest

from sitroom.config import Settings
from sitroom.extract.extractor import Extractor
from sitroom.ingest.jsondocs import document_from_object


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor.from_config(Settings())


@pytest.fixture
def extract_mentions(extractor: Extractor) -> Callable[..., list[dict]]:
    """``extract_mentions(text, **fields)``: the contract mentions of one document; ``fields``
    are the eval-format keys besides ``text`` (published, source_kind, publisher, id)."""

    def run(text: str, **fields: str | None) -> list[dict]:
        record = {"id": "t1", "source_kind": "news", **fields, "text": text}
        document = document_from_object(record, raw=b"", source_path="test", ingest_format="jsonl", retrieved_at=None)
        return [m.to_contract() for m in extractor.extract(document)]

    return run

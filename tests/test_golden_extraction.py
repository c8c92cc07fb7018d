"""Golden cases: text in, event mentions out (tests/golden/extraction_cases.jsonl, written for sitroom).

Each case lists the mentions expected, in text order, with the fields that matter for it; a
mention's other fields are free. Every case must yield exactly as many mentions as it lists.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.config import Settings
from sitroom.extract.extractor import Extractor
from sitroom.ingest.jsondocs import document_from_object

CASES = [json.loads(line) for line in (Path(__file__).parent / "golden" / "extraction_cases.jsonl").read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.from_config(Settings())


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_golden_case(case, extractor):
    document = document_from_object(case["document"], raw=b"", source_path="golden", ingest_format="jsonl", retrieved_at=None)
    found = [m.to_contract() for m in extractor.extract(document)]
    assert len(found) == len(case["expected"]), [m["text"] for m in found]
    for expected, mention in zip(case["expected"], found):
        for field, value in expected.items():
            if field == "claim":
                for key, wanted in value.items():
                    assert mention["claim"][key] == wanted, (field, key, mention["text"])
            else:
                assert mention[field] == value, (field, mention["text"])
        for field, span in mention["evidence"].items():
            assert 0 <= span[0] <= span[1] <= len(document.text), field

"""Golden cases: text in, event mentions out (every tests/golden/*_cases.jsonl, written for sitroom).

Each case lists the mentions expected, in text order, with the fields that matter for it; a
mention's other fields are free. Every case must yield exactly as many mentions as it lists
(``"expected": []`` asserts that a text yields no mention). ``tags`` is compared as a set (order
is not meaningful); ``tags_include`` asserts only that the listed tags are present. A case with
``"xfail": "<reason>"`` codes what a careful coder would code but the extractor does not yet: it
runs as a strict xfail, so the run fails once the extractor gets it right and the mark can go.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.config import Settings
from sitroom.extract.extractor import Extractor
from sitroom.ingest.jsondocs import document_from_object

CASES = [
    json.loads(line)
    for path in sorted((Path(__file__).parent / "golden").glob("*_cases.jsonl"))
    for line in path.read_text("utf-8").splitlines() if line.strip()
]


def _param(case: dict) -> object:
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
    return pytest.param(case, id=case["name"], marks=marks)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.from_config(Settings())


def _check_field(mention: dict, field: str, value: object) -> None:
    if field == "claim":
        for key, wanted in value.items():
            assert mention["claim"][key] == wanted, (field, key, mention["text"])
    elif field == "tags":
        assert set(mention["tags"]) == set(value), (field, mention["tags"], mention["text"])
    elif field == "tags_include":
        assert set(value) <= set(mention["tags"]), (field, mention["tags"], mention["text"])
    else:
        assert mention[field] == value, (field, mention[field], mention["text"])


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_golden_case(case, extractor):
    document = document_from_object(case["document"], raw=b"", source_path="golden", ingest_format="jsonl", retrieved_at=None)
    found = [m.to_contract() for m in extractor.extract(document)]
    assert len(found) == len(case["expected"]), [m["text"] for m in found]
    for expected, mention in zip(case["expected"], found):
        for field, value in expected.items():
            _check_field(mention, field, value)
        for field, span in mention["evidence"].items():
            assert 0 <= span[0] <= span[1] <= len(document.text), field

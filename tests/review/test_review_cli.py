"""`sitroom user ...`, `sitroom serve --host` guard, `sitroom export --status`, `sitroom export-corrections`."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from sitroom.cli.main import app
from sitroom.review.workflow import Reviewer, review_event
from tests.review.conftest import PASSWORD, single_source_event


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(app, list(args), input=stdin)


def test_user_add_list_disable_reset(review_db, repository):
    assert run("user", "add", "Zoe", "--role", "reviewer", "--password-stdin", "--db", str(review_db), stdin=PASSWORD + "\n").exit_code == 0
    account = repository.find_account("zoe")
    assert account.role == "reviewer" and account.password_hash.startswith("$argon2id$")
    listed = run("user", "list", "--db", str(review_db))
    assert listed.exit_code == 0 and "zoe" in listed.output and "reviewer" in listed.output
    assert run("user", "disable", "zoe", "--db", str(review_db)).exit_code == 0
    assert repository.find_account("zoe").disabled
    reset = run("user", "reset", "zoe", "--role", "admin", "--password-stdin", "--db", str(review_db), stdin="a new long password\n")
    assert reset.exit_code == 0 and repository.find_account("zoe").role == "admin"
    assert repository.find_account("zoe").auth_version == account.auth_version + 2
    short = run("user", "add", "yan", "--password-stdin", "--db", str(review_db), stdin="short\n")
    assert short.exit_code == 2 and "at least" in " ".join(short.output.split())
    missing = run("user", "disable", "nobody", "--db", str(review_db))
    assert missing.exit_code == 2 and "does not exist" in " ".join(missing.output.split())


def test_serve_refuses_a_public_address_without_accounts(review_db):
    result = run("serve", "--db", str(review_db), "--host", "0.0.0.0")
    assert result.exit_code == 2 and "no accounts" in " ".join(result.output.split())


def test_export_status_finalised_and_export_corrections(review_db, repository, tmp_path):
    event_id = single_source_event(repository)
    review_event(repository, event_id, "accept", reviewer=Reviewer("rita", "reviewer"), version=0)
    review_event(repository, event_id, "finalise", reviewer=Reviewer("rob", "reviewer"), version=1)
    out = tmp_path / "final.jsonl"
    assert run("export", "--db", str(review_db), "--format", "jsonl", "--status", "finalised", "-o", str(out)).exit_code == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [row["event_id"] for row in rows] == [event_id]
    assert run("export", "--db", str(review_db), "--status", "approved").exit_code == 2
    gold = tmp_path / "gold.jsonl"
    result = run("export-corrections", "--db", str(review_db), "--status", "finalised", "-o", str(gold))
    assert result.exit_code == 0
    records = [json.loads(line) for line in gold.read_text().splitlines()]
    lead = repository.get_event(event_id).coded.doc_id
    others = {v.event_id for v in repository.document_mentions(lead) if v.event_id and not v.mention.is_aggregate} - {event_id}
    # A document is gold only when all its events are finalised: alone, this one makes its document gold.
    assert [record["id"] for record in records] == ([] if others else [lead])

"""Hostile and odd input: unusual HTML markup, XML entity attacks on feeds, links and unreadable files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli.main import app
from sitroom.ingest import IngestProblem, IngestRecord, discover_inputs
from sitroom.ingest.html import strip_html

TEXT = "Synthetic example. Taliban forces detained three men in Dara district, Panjshir province, on Monday."
ODD_MARKUP = [
    f"<html><body><p>{TEXT}<![ weird section ]>more</p></body></html>",
    f"<p>{TEXT}<![ unterminated",
    f"<p>{TEXT}<![if !supportLists]>x<![endif]></p>",
    f"<p>{TEXT}<![CDATA[ raw ]]></p>",
    f"<!DOCTYPE html [ <!ENTITY a 'b'> ]><p>{TEXT} &a; &#xD800; &#99999999;</p>",
    f"<p>{TEXT}<!x><?php echo 1 ?></p><</p>>",
    "<" * 5000 + TEXT,
    "<![" + "x" * 100,
]


def _billion_laughs() -> str:
    levels = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10))
    return ('<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY lol0 "lol">\n' + levels + "]>\n"
            '<rss version="2.0"><channel><title>Laughs</title><item><title>Synthetic</title>'
            "<description>&lol9;</description></item></channel></rss>")  # fmt: skip


def _external_entity(secret: Path) -> str:
    return ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://' + str(secret) + '">]>\n'
            '<rss version="2.0"><channel><title>Wire</title><item><title>Synthetic example</title>'
            "<description>before &xxe; after</description></item></channel></rss>")  # fmt: skip


@pytest.mark.parametrize("markup", ODD_MARKUP, ids=range(len(ODD_MARKUP)))
def test_odd_html_is_read_or_refused_with_a_reason(tmp_path, settings, read_all, markup):
    page = tmp_path / "odd.html"
    page.write_text(markup, encoding="utf-8")
    records, problems = read_all(page, settings)
    assert len(records) + len(problems) == 1
    for problem in problems:
        assert problem.source == str(page) and "internal" not in problem.reason and problem.reason
    for record in records:
        assert "Taliban" in record.document.text or record.document.text.strip()


def test_marked_sections_are_skipped_not_asserted_on():
    assert strip_html(f"<p>{TEXT}<![ weird ]>tail</p>") == f"{TEXT}tail"


def _all_text(records: list[IngestRecord]) -> str:
    return " ".join(r.document.text + " " + (r.document.title or "") for r in records)


def test_billion_laughs_feed_is_refused_without_expanding(tmp_path, settings, read_all):
    feed = tmp_path / "laughs.rss"
    feed.write_text(_billion_laughs(), encoding="utf-8")
    records, problems = read_all(feed, settings)
    assert records == [] and len(problems) == 1
    assert problems[0].status == "failed" and "<!ENTITY>" in problems[0].reason
    assert "lollol" not in problems[0].reason


def test_external_entity_feed_never_reads_the_local_file(tmp_path, settings, read_all):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN-8d1f-LOCAL-SECRET", encoding="utf-8")
    for name in ("xxe.rss", "xxe.xml"):
        feed = tmp_path / name
        feed.write_text(_external_entity(secret), encoding="utf-8")
        records, problems = read_all(feed, settings)
        assert "TOKEN-8d1f" not in _all_text(records) + " ".join(p.reason for p in problems)
        assert [p.status for p in problems] == ["failed"]


def test_a_feed_file_holding_a_path_does_not_open_that_path(tmp_path, settings, read_all):
    secret = tmp_path / "secret.rss"
    secret.write_text('<rss version="2.0"><channel><title>T</title><item><title>TOKEN-55aa</title>'
                      "<description>TOKEN-55aa</description></item></channel></rss>", encoding="utf-8")  # fmt: skip
    pointer = tmp_path / "pointer.rss"
    pointer.write_text(str(secret), encoding="utf-8")
    records, problems = read_all(pointer, settings)
    assert "TOKEN-55aa" not in _all_text(records)
    assert problems and problems[0].source == str(pointer)


def _link_farm(root: Path) -> Path:
    folder = root / "batch"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "good.txt").write_text(TEXT, encoding="utf-8")
    (folder / "sub" / "up").symlink_to("..")
    (folder / "itself").symlink_to(".")
    (folder / "loop-a").symlink_to("loop-b")
    (folder / "loop-b").symlink_to("loop-a")
    (folder / "broken.txt").symlink_to("nowhere.txt")
    (folder / "alias.txt").symlink_to("sub/good.txt")
    return folder


def test_links_each_get_their_own_reason(tmp_path):
    folder = _link_farm(tmp_path)
    found = list(discover_inputs([folder]))
    problems = {Path(p.source).name: p for p in found if isinstance(p, IngestProblem)}
    files = sorted(p.name for p in found if isinstance(p, Path))
    assert files == ["alias.txt", "good.txt"]
    assert "loop" in problems["up"].reason and "contains it" in problems["up"].reason
    assert "contains it" in problems["itself"].reason
    assert "symbolic link loop" in problems["loop-a"].reason and "symbolic link loop" in problems["loop-b"].reason
    assert "broken symbolic link" in problems["broken.txt"].reason


def test_ingest_summary_has_one_line_per_link_problem(tmp_path):
    folder = _link_farm(tmp_path)
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "links.db")])
    assert result.exit_code == 1
    for name in ("up", "itself", "loop-a", "loop-b", "broken.txt"):
        lines = [line for line in result.output.splitlines() if line.split(": ")[1:2] == [str(folder / name)]
                 or line.split(": ")[1:2] == [str(folder / "sub" / name)]]  # fmt: skip
        assert len(lines) == 1, (name, result.output)


def _without_file_permission_override() -> list[str]:
    """A command prefix under which file permissions hold even for root (CAP_DAC_* dropped)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("setpriv (util-linux) is needed to test unreadable files as root")
        pytest.skip("running as root without setpriv: every file is readable")
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]


def test_unreadable_file_and_folder_get_their_own_lines(tmp_path):
    folder = tmp_path / "batch"
    (folder / "closed").mkdir(parents=True)
    (folder / "good.txt").write_text(TEXT, encoding="utf-8")
    (folder / "locked.txt").write_text(TEXT + " locked", encoding="utf-8")
    (folder / "closed" / "inside.txt").write_text(TEXT, encoding="utf-8")
    (folder / "locked.txt").chmod(0)
    (folder / "closed").chmod(0)
    try:
        command = [*_without_file_permission_override(), sys.executable, "-m", "sitroom.cli.main",
                   "ingest", str(folder), "--db", str(tmp_path / "perm.db")]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    finally:
        (folder / "locked.txt").chmod(0o644)
        (folder / "closed").chmod(0o755)
    assert result.returncode == 1, result.stderr
    assert f"failed: {folder / 'locked.txt'}: cannot read file: Permission denied" in result.stderr.splitlines()
    assert f"failed: {folder / 'closed'}: folder cannot be listed: Permission denied" in result.stderr.splitlines()
    assert "1 stored" in result.stderr and "Traceback" not in result.stderr

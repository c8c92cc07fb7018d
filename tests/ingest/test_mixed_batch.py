"""A mixed batch of 300+ good and bad files: every good document stored, one clear line per bad file,
no traceback, exit status 1. Slow tier (prints its figures; run with -s to see them)."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import FIGURES, REPORT_TEMPLATE

pytestmark = pytest.mark.slow
ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "event_type", "sub_event_type", "actor1", "actor2", "country",
                 "admin1", "admin2", "location", "latitude", "longitude", "source", "notes", "fatalities"]  # fmt: skip
DARI = "نمونه مصنوعی {n}. طالبان {k} مرد را در ولسوالی اندراب ولایت بغلان بازداشت کردند."


@dataclass
class Batch:
    """What the batch holds: good documents expected, and each bad input (path or path:line)."""

    folder: Path
    good_documents: int = 0
    bad: list[str] = field(default_factory=list)
    unreadable: list[Path] = field(default_factory=list)
    serial: int = 0

    def report(self, encoding: str = "utf-8") -> bytes:
        self.serial += 1
        text = REPORT_TEMPLATE.format(index=self.serial, day=1 + self.serial % 28, count=3 + self.serial % 9)
        return text.encode(encoding)

    def good(self, name: str, data: bytes, documents: int = 1) -> None:
        (self.folder / name).write_bytes(data)
        self.good_documents += documents

    def broken(self, name: str, data: bytes) -> Path:
        path = self.folder / name
        path.write_bytes(data)
        self.bad.append(str(path))
        return path


def _good_inputs(batch: Batch, rng: random.Random) -> None:
    odd_names = ["with space {}.txt", "[red]bracket{}[x].txt", "-leading-dash-{}.txt", "ünïcödé-{}.txt", "دری-{}.txt"]
    for n in range(100):
        batch.good(odd_names[n % 5].format(n) if n % 4 == 0 else f"report-{n:03d}.txt", batch.report())
    for n, encoding in enumerate(["utf-16", "utf-8-sig", "latin-1"] * 4):
        batch.good(f"encoded-{n:02d}-{encoding}.txt", batch.report(encoding))
    for n in range(8):
        text = DARI.format(n=n, k="دو سه چهار پنج شش هفت هشت نه".split()[n])
        batch.good(f"dari-cp1256-{n}.txt", text.replace("ی", "ي").replace("ک", "ك").encode("cp1256"))
    for n in range(6):
        lines = [json.dumps({"id": f"batch-{n}-{i}", "text": batch.report().decode(), "published": "2023-05-20"}) for i in range(10)]
        batch.good(f"docs-{n}.jsonl", ("\n".join(lines) + "\n").encode(), documents=10)
    for n in range(12):
        body = batch.report().decode().replace("\n\n", "</p><p>")
        batch.good(f"page-{n:02d}.html", f"<html><head><title>Synthetic {n}</title></head><body><article><p>{body}</p></article></body></html>".encode())
    for n in range(6):
        items = "".join(f"<item><title>Synthetic {n}.{i}</title><description>{batch.report().decode()}</description>"
                        f"<pubDate>Sat, 20 May 2023 10:00:00 GMT</pubDate></item>" for i in range(3))  # fmt: skip
        batch.good(f"feed-{n}.rss", f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire {n}</title>{items}</channel></rss>'.encode(), 3)
    for n in range(3):
        stream = io.StringIO()
        writer = csv.DictWriter(stream, ACLED_COLUMNS)
        writer.writeheader()
        for i in range(4):
            date = "2023-05-1x" if i == 3 else f"2023-05-1{i}"
            writer.writerow({"event_id_cnty": f"AFG-B{n}{i}", "event_date": date, "year": "2023", "event_type": "Battles",
                             "sub_event_type": "Armed clash", "actor1": "NRF", "actor2": "Taliban", "country": "Afghanistan",
                             "admin1": "Panjshir", "admin2": "Dara", "location": "Dara", "latitude": "35.36",
                             "longitude": "69.62", "source": "Test Wire", "notes": f"Synthetic example {n}.{i}.",
                             "fatalities": str(i)})  # fmt: skip
        batch.good(f"coded-{n}.csv", stream.getvalue().encode(), documents=3)
        batch.bad.append(f"{batch.folder / f'coded-{n}.csv'}:5")


def _bad_inputs(batch: Batch, rng: random.Random) -> None:
    for n in range(30):
        batch.broken(f"random-{n:02d}.{('txt', 'json', 'html', 'csv', 'jsonl')[n % 5]}", rng.randbytes(2000) + b"\0")
    for n in range(20):
        batch.broken(f"truncated-{n:02d}.json", json.dumps({"id": f"t{n}", "text": "Synthetic example " * 20})[: 10 + n].encode())
    shapes = [b"42", b"[1, 2, 3]", b'{"id": "x"}', b'"just a string"', b"null", b'{"text": 5}', b"[[]]"]
    for n in range(21):
        batch.broken(f"shape-{n:02d}.json", shapes[n % len(shapes)])
    for n in range(10):
        depth = 50_000 + n
        batch.broken(f"deep-{n}.json" if n % 2 else f"deep-{n}.jsonl", b"[" * depth + b"]" * depth)
    for n in range(20):
        batch.broken(f"empty-{n:02d}.{('txt', 'json', 'html', 'md')[n % 4]}", b"" if n % 2 else b"  \n\t\n")
    for n in range(15):
        batch.broken(f"script-only-{n:02d}.html", b"<html><head><script>var x = 1;</script><style>p{}</style></head><body></body></html>")
    feeds = [b"<rss><channel><item><title>", b'<rss version="2.0"><channel><title>No entries</title></channel></rss>',
             b"<feed xmlns='http://www.w3.org/2005/Atom'><entry></entry>"]  # fmt: skip
    for n in range(15):
        batch.broken(f"malformed-{n:02d}.rss", feeds[n % 3])
    for n in range(15):
        batch.broken(f"columns-{n:02d}.csv", b"event_id_cnty,notes\nAFG-1,Synthetic\n")
    batch.broken("huge.txt", b"Synthetic example words. " * (10 * 1024 * 1024 // 25 + 1))
    for n in range(10):
        (batch.folder / f"loop-{n}-a.txt").symlink_to(f"loop-{n}-b.txt")
        (batch.folder / f"loop-{n}-b.txt").symlink_to(f"loop-{n}-a.txt")
        batch.bad += [str(batch.folder / f"loop-{n}-a.txt"), str(batch.folder / f"loop-{n}-b.txt")]
    (batch.folder / "parent-link").symlink_to("..")
    batch.bad.append(str(batch.folder / "parent-link"))
    for n in range(10):
        path = batch.broken(f"locked-{n}.txt", batch.report())
        path.chmod(0)
        batch.unreadable.append(path)


def _without_permission_override() -> list[str]:
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.fail("setpriv (util-linux) is needed to make files unreadable for root")
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]


def _head(bad: str) -> bytes:
    path = Path(bad.rsplit(":", 1)[0] if re.search(r":\d+$", bad) else bad)
    return path.read_bytes()[:20] if path.is_file() and not path.is_symlink() else b""


def _names(line: str, bad: str) -> bool:
    """True if a summary line ('status: where: reason') is about ``bad`` (a file, or file:line)."""
    where = line.split(": ", 2)[1] if line.count(": ") >= 2 else ""
    return where == bad or (":" not in bad[len(str(Path(bad).parent)):] and re.fullmatch(re.escape(bad) + r":\d+", where) is not None)


def test_mixed_batch_stores_every_good_document_and_names_every_bad_file(tmp_path):
    batch = Batch(tmp_path / "batch")
    batch.folder.mkdir()
    rng = random.Random(14)
    _good_inputs(batch, rng)
    _bad_inputs(batch, rng)
    files = sum(1 for _ in batch.folder.iterdir())
    database = tmp_path / "batch.db"
    environment = {**os.environ, "SITROOM_MAX_FILE_BYTES": str(5 * 1024 * 1024), "COLUMNS": "80"}
    command = [*_without_permission_override(), sys.executable, "-m", "sitroom.cli.main", "ingest", str(batch.folder),
               "--db", str(database)]  # fmt: skip
    started = time.perf_counter()
    try:
        result = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=1200, stdin=subprocess.DEVNULL)
    finally:
        for path in batch.unreadable:
            path.chmod(0o644)
    elapsed = time.perf_counter() - started
    lines = result.stderr.splitlines()
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 1
    stats = subprocess.run([sys.executable, "-m", "sitroom.cli.main", "stats", "--db", str(database), "--json"],
                           capture_output=True, text=True, timeout=300, check=True)  # fmt: skip
    stored = json.loads(stats.stdout)["documents"]
    reported = {bad: [line for line in lines if _names(line, bad)] for bad in batch.bad}
    # One line per bad input; a JSON array of three non-documents is three bad items, one line each.
    unclear = {bad: found for bad, found in reported.items() if len(found) != (3 if b"[1, 2, 3]" in _head(bad) else 1)}
    FIGURES.append(f"mixed batch: {files} files ({len(batch.bad)} bad inputs), {batch.good_documents} good documents; "
          f"stored {stored} ({100 * stored / batch.good_documents:.1f}%), bad inputs reported on their own line(s): "
          f"{len(batch.bad) - len(unclear)}/{len(batch.bad)}, exit status {result.returncode}, {elapsed:.1f} s")  # fmt: skip
    assert files >= 300
    assert stored == batch.good_documents
    assert not unclear, {Path(bad).name: found for bad, found in unclear.items()}
    assert all(line.split(": ")[0] in ("failed", "skipped", "ingest run 1", "resolution") for line in lines), lines

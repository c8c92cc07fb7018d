"""A plain `pip install .` (no extras) in a fresh virtualenv is the whole tool: demo, serve, ingest HTML.

Slow (it builds a virtualenv and installs every runtime dependency; pip's cache keeps it to a minute
or two), so it carries the `install` and `slow` markers; CI runs it.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
import venv
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.install]
PAGE = (
    "<html><head><title>Synthetic example: clash in Dara</title></head><body><article>"
    "<h1>Synthetic example: clash in Dara</h1>"
    "<p>KABUL, Afghanistan (May 14, 2023) Synthetic example written for sitroom's tests. The National "
    "Resistance Front said its fighters killed two Taliban members at a checkpoint in Dara district, "
    "Panjshir province, on Saturday, according to local residents.</p></article></body></html>"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(command: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("SITROOM_")}
    environment["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=environment)
    assert result.returncode == 0, f"{command} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result


def _wait_for(url: str, server: subprocess.Popen, seconds: float = 60) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, f"sitroom serve exited early: {server.stderr.read()}"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return json.load(response)
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {seconds} s")


@pytest.fixture(scope="module")
def plain_install(tmp_path_factory, request) -> Path:
    """A fresh virtualenv with `pip install <checkout>` and nothing else; return its bin folder."""
    # Installed from a clean copy of the checkout, so nothing is built inside it and no stale build/
    # folder or local .venv can leak into what is tested.
    checkout = tmp_path_factory.mktemp("checkout") / "sitroom"
    shutil.copytree(request.config.rootpath, checkout, ignore=shutil.ignore_patterns(
        ".venv", "build", "dist", "*.egg-info", ".git", "__pycache__", ".pytest_cache", ".hypothesis", "*.db*"))
    environment = tmp_path_factory.mktemp("plain-venv")
    venv.create(environment, with_pip=True)
    binaries = environment / "bin"
    _run([str(binaries / "python"), "-m", "pip", "install", "--quiet", str(checkout)], cwd=environment, timeout=1500)
    return binaries


def test_plain_install_runs_demo_serve_and_html_ingest(plain_install, tmp_path):
    sitroom = str(plain_install / "sitroom")
    database = tmp_path / "demo.db"
    _run([sitroom, "demo", "--db", str(database), "--quiet"], cwd=tmp_path)
    stats = json.loads(_run([sitroom, "stats", "--db", str(database), "--json"], cwd=tmp_path).stdout)
    assert stats["documents"] > 0 and stats["events"] > 0

    port = _free_port()
    server = subprocess.Popen(
        [sitroom, "serve", "--db", str(database), "--port", str(port)], cwd=tmp_path,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        summary = _wait_for(f"http://127.0.0.1:{port}/api/v1/stats/summary", server)
        assert summary["events"] == stats["events"]
    finally:
        server.terminate()
        server.wait(timeout=30)

    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    html_db = tmp_path / "html.db"
    _run([sitroom, "ingest", str(page), "--db", str(html_db)], cwd=tmp_path)
    documents = json.loads(_run([sitroom, "stats", "--db", str(html_db), "--json"], cwd=tmp_path).stdout)
    assert documents["documents"] == 1 and documents["mentions"] >= 1


def test_plain_install_needs_no_extra_to_import_every_module(plain_install):
    code = (
        "import pkgutil, importlib, sitroom\n"
        "for module in pkgutil.walk_packages(sitroom.__path__, 'sitroom.'):\n"
        "    importlib.import_module(module.name)\n"
        "import trafilatura, lxml_html_clean, fastapi, uvicorn, jinja2, shapely\n"
        "print('ok')\n"
    )
    assert _run([str(plain_install / "python"), "-c", code], cwd=plain_install).stdout.strip() == "ok"

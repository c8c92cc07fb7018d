"""Dashboard routes without a browser: pages, security headers, static files, surge endpoint."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from sitroom.api import create_app  # noqa: E402
from sitroom.config import Settings  # noqa: E402
from sitroom.web.routes import PAGES, page_html, web_folder  # noqa: E402

STATIC = web_folder() / "static"


@pytest.fixture(scope="module")
def client(demo_db):
    with TestClient(create_app(Settings(db_path=demo_db))) as test_client:
        yield test_client


@pytest.mark.parametrize("path", ["/", "/events/ev-x", "/actors/National%20Resistance%20Front", "/new"])
def test_pages_are_served_with_a_strict_content_security_policy(client, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert '<script type="module" src="/static/js/' in response.text


def test_page_shells_have_no_inline_script_or_style_and_no_remote_assets():
    for name in set(PAGES.values()):
        html = page_html(name)  # the shared layout around the page's own <main>
        scripts = re.findall(r"<script[^>]*>", html)
        assert scripts and all('src="/static/' in tag for tag in scripts), name
        assert "<style" not in html and " style=" not in html and not re.search(r"\son[a-z]+\s*=", html), name
        assert "http://" not in html and "https://" not in html, name


def test_static_code_never_writes_html_strings():
    own = [path for path in STATIC.rglob("*.js") if "vendor" not in path.relative_to(STATIC).parts]
    assert len(own) > 10
    for path in own:
        code = path.read_text(encoding="utf-8")
        for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert forbidden not in code, f"{path.name} uses {forbidden}"
    assert not list(STATIC.rglob("*.min.js")), "no minified bundles"


def test_third_party_code_is_vendored_with_its_licence_version_and_notice():
    notice = (STATIC.parents[3] / "NOTICE").read_text(encoding="utf-8")
    libraries = [folder for folder in (STATIC / "vendor").iterdir() if folder.is_dir()]
    assert [folder.name for folder in libraries] == ["leaflet"]
    for folder in libraries:
        version = (folder / "VERSION").read_text(encoding="utf-8").strip()
        assert (folder / "LICENSE").read_text(encoding="utf-8").strip()
        assert f"Leaflet {version}" in notice and "scripts/vendor_leaflet.sh" in notice


def test_static_files_are_served(client):
    response = client.get("/static/js/overview.js")
    assert response.status_code == 200 and "javascript" in response.headers["content-type"]
    assert client.get("/static/css/dashboard.css").status_code == 200


def test_surge_endpoint_reports_the_test_and_its_surges(client):
    report = client.get("/api/v1/alerts/surges").json()
    assert report["test"] == "poisson-upper-tail-bonferroni"
    assert report["cells"] > 0 and report["threshold"] == pytest.approx(0.05 / report["cells"])
    for surge in report["surges"]:
        assert surge["significant"] and surge["p_value"] < report["threshold"] and surge["count"] >= 3
    narrowed = client.get("/api/v1/alerts/surges", params={"weeks": 4}).json()
    assert narrowed["cells"] == 4 * narrowed["provinces_tested"]


def test_surge_endpoint_rejects_a_bad_date(client):
    response = client.get("/api/v1/alerts/surges", params={"until": "yesterday"})
    assert response.status_code == 422

"""The API's docs (Swagger UI and Redoc) load nothing from other hosts, fonts included: a
newsroom's network may block them, and every outside request tells a third party who reads.

Redoc's sidebar always asks for Redocly's logo from its CDN; the docs' Content-Security-Policy
makes the browser refuse it before it leaves (Chromium names the failure "csp"), rather than this
closed test network failing it, which would hide a real request elsewhere.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.parametrize(("path", "ready"), [("/api/docs/", ".swagger-ui .information-container"),
                                             ("/api/redoc/", "#redoc-container h1")])
def test_docs_page_loads_everything_from_this_server(live_server, chromium_page, path, ready):
    page = chromium_page
    own = urlsplit(live_server.url).netloc
    outside: list[tuple[str, str]] = []

    def elsewhere(url: str) -> bool:
        return urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != own

    page.on("requestfinished", lambda r: outside.append((r.url, "loaded")) if elsewhere(r.url) else None)
    page.on("requestfailed", lambda r: outside.append((r.url, r.failure or "")) if elsewhere(r.url) else None)
    schema = []
    page.on("requestfinished", lambda r: schema.append(r.url) if "/api/schema/" in r.url else None)
    page.goto(f"{live_server.url}{path}")
    page.wait_for_selector(ready)
    page.wait_for_load_state("networkidle")
    assert schema, "the docs read the schema from this server"
    assert [(url, why) for url, why in outside if why != "csp"] == []

"""A submitted URL cannot make the server read its own network (SSRF): in production
(FACTCHECK_FETCH_PRIVATE_HOSTS off, the default with DJANGO_SECURE) loopback, private,
link-local and reserved addresses are refused, also when a page redirects there."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claims.services import IngestError
from claims.services.ingest import fetch_url, url_opener


@pytest.fixture(autouse=True)
def production_fetching(settings):
    settings.FACTCHECK_FETCH_PRIVATE_HOSTS = False


PAGE = b"The council approved $12 million for roads on Tuesday, the mayor said."


@pytest.fixture
def local_server():
    """A local site: /story redirects to the cloud metadata service, /page is a story."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/page":
                self.send_response(200)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.end_headers()
                self.wfile.write(PAGE)
                return
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:6379/",
    "http://localhost:8000/admin/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.8/internal",
    "http://[::1]:5432/",
    "http://0.0.0.0/",
])
def test_a_private_or_local_address_is_refused_with_the_reason(url):
    with pytest.raises(IngestError, match="is a private or local address"):
        fetch_url(url)


def test_a_redirect_to_a_private_address_is_refused(local_server):
    # The first hop (this test's own server) is opened directly: only the redirect is judged.
    with pytest.raises(IngestError, match=r"169\.254\.169\.254 is a private or local address"):
        url_opener().open(local_server + "/story", timeout=5)


def test_a_local_page_is_refused_in_production(local_server):
    with pytest.raises(IngestError, match="127.0.0.1 is a private or local address"):
        fetch_url(local_server + "/page")


def test_local_runs_may_fetch_local_pages(settings, local_server):
    settings.FACTCHECK_FETCH_PRIVATE_HOSTS = True
    assert fetch_url(local_server + "/page") == PAGE

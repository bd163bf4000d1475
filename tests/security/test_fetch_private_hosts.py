"""A submitted URL cannot make the server read its own network (SSRF): in production
(FACTCHECK_FETCH_PRIVATE_HOSTS off, the default with DJANGO_SECURE) every address that is not
public unicast is refused, for the URL and for each redirect hop, the connection goes to the
address that was checked (no second name lookup for a rebinding DNS server to answer), and
no error tells the submitter what a name resolved to.

No test here sends traffic beyond loopback: names are resolved by a stand-in resolver, and
every refused address is refused before any connection is made.
"""
from __future__ import annotations

import ipaddress
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claims.services import IngestError, fetching
from claims.services.fetching import address_is_public, fetch_url


@pytest.fixture(autouse=True)
def production_fetching(settings):
    settings.FACTCHECK_FETCH_PRIVATE_HOSTS = False


PAGE = b"The council approved $12 million for roads on Tuesday, the mayor said."


@pytest.fixture
def local_server():
    """A site on 127.0.0.1: /page is a story, /inside redirects to a name inside the network."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/page":
                self.send_response(200)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(PAGE)))
                self.end_headers()
                self.wfile.write(PAGE)
                return
            self.send_response(302)
            self.send_header("Location", "http://metadata.inside.example/latest/meta-data/")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture
def resolver(monkeypatch):
    """Names resolve as the test says; each lookup is recorded."""
    answers: dict[str, list[list[str]]] = {}
    asked: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        try:
            ipaddress.ip_address(host)
        except ValueError:
            pass
        else:
            return real(host, port, *args, **kwargs)  # a literal: no lookup, nothing to record
        asked.append(host)
        queue = answers.get(host)
        if not queue:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        addresses = queue.pop(0) if len(queue) > 1 else queue[0]
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
                for a in addresses]

    monkeypatch.setattr(fetching.socket, "getaddrinfo", getaddrinfo)
    return answers, asked


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:6379/",
    "http://localhost:8000/admin/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.8/internal",
    "http://100.64.0.1/",
    "http://224.0.0.1/",
    "http://0.0.0.0/",
    "http://[::1]:5432/",
    "http://[::]/",
    # IPv6 forms that embed or translate an IPv4 address, and other special-purpose blocks
    "http://[::127.0.0.1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:169.254.169.254]/",
    "http://[64:ff9b::7f00:1]/",
    "http://[64:ff9b:1::a00:8]/",
    "http://[2002:7f00:1::1]/",
    "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",
    "http://[2001:db8::1]/",
    "http://[fc00::1]/",
    "http://[fe80::1]/",
    "http://[fec0::1]/",
    "http://[ff02::1]/",
    "http://[100::1]/",
])
def test_a_private_local_or_special_address_is_refused(url):
    with pytest.raises(IngestError, match="private, local or special-purpose address") as refused:
        fetch_url(url)
    assert refused.value.code == "private_host"


@pytest.mark.parametrize(("address", "public"), [
    ("93.184.216.34", True), ("2606:2800:220:1:248:1893:25c8:1946", True), ("2a00:1450:4001:81c::200e", True),
    ("127.0.0.1", False), ("::127.0.0.1", False), ("64:ff9b::5db8:d822", False), ("2002:5db8:d822::1", False),
])
def test_public_unicast_is_all_that_passes(address, public):
    assert address_is_public(address) is public


def test_a_name_resolving_inside_is_refused_without_saying_where(resolver):
    answers, _ = resolver
    answers["intranet.example"] = [["10.20.30.40"]]
    with pytest.raises(IngestError) as refused:
        fetch_url("http://intranet.example/wiki")
    message = refused.value.messages[0]
    assert message.startswith("could not fetch http://intranet.example/wiki: its host is a private")
    assert "10.20.30.40" not in message


def test_a_name_with_any_address_inside_is_refused(resolver, monkeypatch):
    answers, _ = resolver
    answers["mixed.example"] = [["203.0.113.80", "127.0.0.1"]]
    monkeypatch.setattr(fetching, "address_is_public", lambda a: a == "203.0.113.80")
    with pytest.raises(IngestError, match="private, local or special-purpose"):
        fetch_url("http://mixed.example/")


def test_each_redirect_hop_is_checked_before_connecting(resolver, local_server, monkeypatch):
    answers, asked = resolver
    answers["news.example"] = [["127.0.0.1"]]  # taken as public below: the test's own server
    answers["metadata.inside.example"] = [["169.254.169.254"]]
    monkeypatch.setattr(fetching, "address_is_public", lambda a: a == "127.0.0.1")
    with pytest.raises(IngestError) as refused:
        fetch_url(f"http://news.example:{local_server}/inside")
    message = refused.value.messages[0]
    assert "redirected to http://metadata.inside.example/latest/meta-data/" in message
    assert "private, local or special-purpose" in message and "169.254" not in message
    assert asked == ["news.example", "metadata.inside.example"]


def test_the_connection_goes_to_the_address_that_was_checked(resolver, local_server, settings):
    """A rebinding DNS server answers a second lookup differently; there is none."""
    settings.FACTCHECK_FETCH_PRIVATE_HOSTS = True  # the test's server is on loopback
    answers, asked = resolver
    answers["rebind.example"] = [["127.0.0.1"], ["127.0.0.2"]]  # nothing listens on 127.0.0.2
    page = fetch_url(f"http://rebind.example:{local_server}/page")
    assert page.data == PAGE and page.charset == "utf-8"
    assert asked == ["rebind.example"]


def test_a_local_page_is_refused_in_production(local_server):
    with pytest.raises(IngestError, match="private, local or special-purpose"):
        fetch_url(f"http://127.0.0.1:{local_server}/page")


def test_local_runs_may_fetch_local_pages(settings, local_server):
    settings.FACTCHECK_FETCH_PRIVATE_HOSTS = True
    assert fetch_url(f"http://127.0.0.1:{local_server}/page").data == PAGE

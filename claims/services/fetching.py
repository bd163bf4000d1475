"""Fetching a submitted URL: the bytes of one page, within bounds, from public addresses only.

- One deadline for the whole fetch (FACTCHECK_FETCH_DEADLINE seconds): connecting, every
  redirect and every byte of the body count against it. A watchdog shuts the socket when it
  passes, so a server sending one byte every few seconds (each read well within a per-read
  timeout) cannot hold a worker for minutes.
- At most FACTCHECK_MAX_ARTICLE_BYTES of body, after decompression; a larger
  Content-Length is refused before reading.
- The host is resolved once per hop, every address it resolves to is checked, and the
  connection goes to a checked address: a DNS server answering a public address for the
  check and a private one for the connection (rebinding) gets no second question. TLS still
  verifies the certificate for the host name. Each redirect hop (at most five) is checked
  the same way.
- Only public unicast addresses are fetched (unless FACTCHECK_FETCH_PRIVATE_HOSTS, the
  default off production): IPv4 that Python counts as global and not multicast; IPv6 in
  2000::/3 outside the special-purpose blocks that embed or translate IPv4 or are not
  routed (see _SPECIAL_IPV6). `[::127.0.0.1]`, `[::ffff:127.0.0.1]` and `[64:ff9b::7f00:1]`
  are outside 2000::/3; `[2002:7f00:1::]` (6to4) and `[2001::...]` (Teredo) are listed.
- Error messages say what failed in words and never the address a name resolved to.
"""
from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from claims.services.errors import IngestError

USER_AGENT = "factcheck/1.0 (+newsroom fact tracking)"
MAX_REDIRECTS = 5
_REDIRECTS = {301, 302, 303, 307, 308}
_GLOBAL_UNICAST_V6 = ipaddress.ip_network("2000::/3")
_SPECIAL_IPV6 = [
    ipaddress.ip_network(block)
    for block in (
        "2001::/23",  # IETF protocol assignments: Teredo (2001::/32) embeds an IPv4 address
        "2001:db8::/32",  # documentation
        "2002::/16",  # 6to4: the next 32 bits are an IPv4 address
        "3fff::/20",  # documentation
    )
]


@dataclass(frozen=True)
class FetchedPage:
    data: bytes
    charset: str | None  # as the Content-Type header declared it
    content_type: str


class _FetchFailed(Exception):
    """A reason in words, for IngestError's message."""


def address_is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 4:
        return ip.is_global and not ip.is_multicast
    if ip.ipv4_mapped is not None or ip not in _GLOBAL_UNICAST_V6:
        return False
    return ip.is_global and not any(ip in block for block in _SPECIAL_IPV6)


def _checked_address(host: str, port: int) -> str:
    """The address to connect to for host: the first it resolves to, once every one of them
    has been checked."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        raise _FetchFailed("its host name does not resolve") from None
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise _FetchFailed("its host name does not resolve")
    if not settings.FACTCHECK_FETCH_PRIVATE_HOSTS and not all(address_is_public(a) for a in addresses):
        raise _FetchFailed(
            "its host is a private, local or special-purpose address; FACTCHECK_FETCH_PRIVATE_HOSTS=true allows it"
        )
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address given, whatever self.host resolves to now; the Host header
    (and for HTTPS the SNI name and the certificate check) still use the host name."""

    def __init__(self, host: str, port: int, *, address: str, **kwargs):
        super().__init__(host, port, **kwargs)
        self._address = address
        self._create_connection = self._connect_to_address
        # The socket the response is read from (TLS-wrapped for HTTPS): the connection lets
        # go of self.sock once a response that closes the connection has begun.
        self.live_socket = None

    def connect(self):
        super().connect()
        self.live_socket = self.sock

    def _connect_to_address(self, where, timeout, source_address=None):
        return socket.create_connection((self._address, where[1]), timeout, source_address)


class _PinnedHTTPSConnection(_PinnedHTTPConnection, http.client.HTTPSConnection):
    pass


class _Watchdog:
    """Shuts the connection's socket when the deadline passes, waking any blocked read."""

    def __init__(self, connection: http.client.HTTPConnection, seconds: float):
        self.fired = False
        self._connection = connection
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        self.fired = True
        sock = self._connection.live_socket
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cancel(self) -> None:
        self._timer.cancel()


def _read_body(response: http.client.HTTPResponse, limit: int) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > limit:
        raise IngestError(
            f"article is {_human_size(int(declared))}, above the {_human_size(limit)} limit (FACTCHECK_MAX_ARTICLE_BYTES)",
            code="too_large",
        )
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding not in {"identity", "gzip", "x-gzip", "deflate"}:
        raise _FetchFailed(f"the server sent it in an encoding this fetcher does not read ({encoding[:40]})")
    inflate = zlib.decompressobj(47) if encoding != "identity" else None  # 47: gzip or zlib header
    pieces: list[bytes] = []
    size = 0
    while chunk := response.read1(65536):
        if inflate is not None:
            try:
                chunk = inflate.decompress(chunk, limit + 1 - size)
            except zlib.error:
                raise _FetchFailed("its compressed body is corrupt") from None
        pieces.append(chunk)
        size += len(chunk)
        if size > limit:
            raise IngestError(
                f"article is above the {_human_size(limit)} limit (FACTCHECK_MAX_ARTICLE_BYTES)", code="too_large"
            )
    return b"".join(pieces)


def _human_size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _one_hop(url: str, deadline: float) -> tuple[str | None, FetchedPage | None]:
    """GET one URL: (the redirect's target, None) or (None, the page)."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise _FetchFailed("only http(s) URLs are fetched")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise _FetchFailed("its port is not a number") from None
    address = _checked_address(parts.hostname, port)
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    timeout = min(settings.FACTCHECK_FETCH_TIMEOUT, left)
    if parts.scheme == "https":
        connection = _PinnedHTTPSConnection(
            parts.hostname, port, address=address, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        connection = _PinnedHTTPConnection(parts.hostname, port, address=address, timeout=timeout)
    watchdog = _Watchdog(connection, left)
    try:
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", path, headers={
            "User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.9, */*;q=0.5",
            "Accept-Encoding": "gzip, identity",
        })
        response = connection.getresponse()
        if response.status in _REDIRECTS and response.getheader("Location"):
            return urljoin(url, response.getheader("Location").strip()), None
        if response.status != 200:
            raise _FetchFailed(f"HTTP {response.status}")
        data = _read_body(response, settings.FACTCHECK_MAX_ARTICLE_BYTES)
        if watchdog.fired:
            raise TimeoutError
        return None, FetchedPage(
            data=data, charset=response.headers.get_content_charset(), content_type=response.headers.get_content_type()
        )
    except (OSError, http.client.HTTPException):
        if watchdog.fired:
            raise TimeoutError from None
        raise
    finally:
        watchdog.cancel()
        connection.close()


def fetch_url(url: str) -> FetchedPage:
    """GET a page within the deadline and the size limit, from public addresses only.

    Raises IngestError (code "fetch", "url", "private_host" or "too_large") saying why.
    """
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise IngestError(f"not an http(s) URL: {url[:200]}", code="url") from None
    seconds = settings.FACTCHECK_FETCH_DEADLINE
    deadline = time.monotonic() + seconds
    current = url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            target, page = _one_hop(current, deadline)
            if page is not None:
                return page
            current = target
        raise _FetchFailed(f"more than {MAX_REDIRECTS} redirects")
    except _FetchFailed as exc:
        code = "private_host" if "private" in str(exc) else "fetch"
        where = url if current == url else f"{url} (redirected to {current[:300]})"
        raise IngestError(f"could not fetch {where}: {exc}", code=code) from None
    except TimeoutError:
        raise IngestError(
            f"could not fetch {url}: no complete answer within {seconds} s (FACTCHECK_FETCH_DEADLINE)", code="fetch"
        ) from None
    except ConnectionRefusedError:
        raise IngestError(f"could not fetch {url}: the connection was refused", code="fetch") from None
    except ssl.SSLCertVerificationError:
        raise IngestError(f"could not fetch {url}: its TLS certificate could not be verified", code="fetch") from None
    except ssl.SSLError:
        raise IngestError(f"could not fetch {url}: the TLS handshake failed", code="fetch") from None
    except http.client.HTTPException:
        raise IngestError(f"could not fetch {url}: the server's answer is not valid HTTP", code="fetch") from None
    except OSError as exc:
        # strerror is the C library's words ("Network is unreachable"), never an address.
        reason = exc.strerror or "the connection failed"
        raise IngestError(f"could not fetch {url}: {reason}", code="fetch") from None

"""Ingest: one path for every entry point (command, API, admin form).

Input arrives as bytes or text, from a file, a URL or a form. It is decoded strictly, checked
(empty, binary, too large), cleaned into the story body (trafilatura for HTML, furniture
removal for plain text), deduplicated by the hash of that body, stored as a pending Article,
and its extraction is queued once the row is committed.
"""
from __future__ import annotations

import codecs
import dataclasses
import hashlib
import ipaddress
import logging
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.extraction.cleaning import clean_plain_text, date_from_url, normalise_text, published_datetime
from claims.models import Article, Outlet

logger = logging.getLogger(__name__)

# Leading bytes of formats people drop into an ingest folder by mistake.
_BINARY_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"RIFF": "a RIFF media file",
}
_HTML_HINTS = ("<!doctype html", "<html", "<body", "<article", "<head", "<p>", "<div")


class IngestError(ValidationError):
    """The input cannot become an article. The message says why, for a person to read."""


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool  # False: the same story (or URL) was already stored; nothing was written


def _human_size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _check_size(n: int) -> None:
    limit = settings.FACTCHECK_MAX_ARTICLE_BYTES
    if n > limit:
        raise IngestError(
            f"article is {_human_size(n)}, above the {_human_size(limit)} limit (FACTCHECK_MAX_ARTICLE_BYTES)",
            code="too_large",
        )


def decode_article_bytes(data: bytes) -> str:
    """Decode input bytes as UTF-8 (or UTF-16/UTF-8 with a byte-order mark), strictly.

    Raises IngestError for empty input, known binary formats, NUL-laden data and bytes that
    are not valid UTF-8, naming the first bad byte.
    """
    _check_size(len(data))
    if not data.strip():
        raise IngestError("empty article: no text", code="empty")
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise IngestError(f"binary file ({what}), not article text", code="binary")
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise IngestError(f"not valid {codec.upper()} text ({exc.reason} at byte {exc.start})", code="encoding") from None
    if data.count(b"\x00") > max(1, len(data) // 100):
        raise IngestError("binary data (NUL bytes), not article text", code="binary")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"not valid UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8",
            code="encoding",
        ) from None


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return head.startswith("<") and any(hint in head for hint in _HTML_HINTS)


@dataclass(frozen=True)
class _Parsed:
    title: str
    body: str
    author: str
    published_at: datetime | None
    raw_format: str
    # How published_at was found (Article.PublishedFrom); "" when the story gave no date.
    published_from: str = ""
    # The publication the page names (masthead, copyright line, og:site_name); "" if none.
    outlet: str = ""


# Only the page's markup says when an HTML story was published (meta tags, JSON-LD, <time>):
# htmldate's extensive search also guesses from dates in the text and the page's furniture,
# which is how a site's "today" ends up as a story's date.
_HTML_DATE_SEARCH = {"extensive_search": False, "original_date": True}


def _parse_html(html: str, url: str = "") -> _Parsed:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url or None, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params=_HTML_DATE_SEARCH,
    )
    text = (getattr(doc, "text", None) or "").strip() if doc else ""
    if not text:
        raise IngestError("no article text found in the HTML", code="empty")
    published, published_from = None, ""
    raw_date = getattr(doc, "date", None)
    if raw_date:
        try:
            published = datetime.fromisoformat(raw_date)
            published_from = Article.PublishedFrom.METADATA
        except ValueError:
            published = None
    if published is not None and timezone.is_naive(published):
        published = timezone.make_aware(published, timezone.get_default_timezone())
    if published is not None and published.date() == date_from_url(url):
        published_from = Article.PublishedFrom.URL  # htmldate reads the address too
    body = "\n".join(line.strip() for line in normalise_text(text).split("\n") if line.strip())
    sitename = (getattr(doc, "sitename", None) or "").strip()
    # Without a name in the page, trafilatura names the site by its address: that is the
    # outlet's domain, which _outlet_for matches first.
    if sitename and url and sitename.lower() == _host(url):
        sitename = ""
    return _Parsed(
        title=(getattr(doc, "title", None) or "").strip(),
        body=body,
        author=(getattr(doc, "author", None) or "").strip(),
        published_at=published,
        raw_format=Article.Format.HTML,
        published_from=published_from,
        outlet=sitename,
    )


def _parse_text(text: str) -> _Parsed:
    clean = clean_plain_text(text)
    if not clean.body.strip():
        raise IngestError("empty article: no text", code="empty")
    published = published_datetime(clean.published)
    if published is not None:
        published = timezone.make_aware(published, timezone.get_default_timezone())
    return _Parsed(clean.title, clean.body, "", published, Article.Format.TEXT, clean.published_from, clean.outlet)


def article_clean(*, text: str, html: bool | None = None, url: str = "") -> _Parsed:
    """The story ingest would store for this text (title, body, author, date, outlet),
    storing nothing. A date in the page's address counts when the page gives none.

    The `extract PATH` command uses it so that its offsets point into the same body.
    Raises IngestError when no story text is left.
    """
    if not text.strip():
        raise IngestError("empty article: no text", code="empty")
    is_html = _looks_like_html(text) if html is None else html
    parsed = _parse_html(text, url) if is_html else _parse_text(text)
    if parsed.published_at is None and (day := date_from_url(url)):
        published = timezone.make_aware(published_datetime(day), timezone.get_default_timezone())
        parsed = dataclasses.replace(parsed, published_at=published, published_from=Article.PublishedFrom.URL)
    return parsed


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.")


def _outlet_for(*, given: str, printed: str, url: str) -> Outlet | None:
    """The outlet an article ran in: the name a person gave, else the one the page prints
    (masthead, page metadata), else the outlet already known for the page's site, else the
    site itself ("courier.example"). None when nothing names it.

    Names are matched without regard to case, so "London Daily" is one outlet however it
    is typed; a new outlet keeps the site's domain when the article came with an address.
    """
    host = _host(url)
    for name in (given.strip(), printed.strip()):
        if name:
            found = Outlet.objects.filter(name__iexact=name[:200]).first()
            if found is None and host and name is printed:
                found = Outlet.objects.filter(domain=host).first()
            if found is None:
                found, _ = Outlet.objects.get_or_create(name=name[:200], defaults={"domain": host})
            return found
    if host:
        found = Outlet.objects.filter(domain=host).first()
        if found is None:
            found, _ = Outlet.objects.get_or_create(name=host[:200], defaults={"domain": host})
        return found
    return None


def content_hash(body: str) -> str:
    # Whitespace differences do not make a different story.
    return hashlib.sha256(" ".join(body.split()).encode("utf-8")).hexdigest()


def article_queue_extraction(*, article_id: int, force: bool = False) -> bool:
    """Queue extraction of one article; False when the broker cannot be reached.

    A broker that is down must not lose the article: it stays pending and the sweeper
    (`requeue`, and the beat schedule) queues it again later.
    """
    from claims.tasks import extract_article

    try:
        extract_article.delay(article_id, force=force)
    except Exception as exc:  # kombu raises OperationalError and friends, by transport
        logger.warning("could not queue extraction of article %s (left pending): %s", article_id, exc)
        return False
    return True


def article_ingest(
    *,
    content: bytes | str,
    outlet_name: str = "",
    url: str = "",
    title: str = "",
    published_at: datetime | None = None,
    source_name: str = "",
    html: bool | None = None,
) -> IngestResult:
    """Store one article from raw content; queue its extraction after commit.

    Raises IngestError (a ValidationError) with a one-line reason when the content cannot
    be an article. Returns created=False, writing nothing, when the same page (URL) is
    stored, or the same text under the same outlet. `published_at`, when given, is the
    story's date as a person knows it and wins over any date the page shows.
    """
    text = decode_article_bytes(content) if isinstance(content, bytes) else content
    if isinstance(content, str):
        _check_size(len(content.encode("utf-8", "surrogatepass")))
    if not text.strip():
        raise IngestError("empty article: no text", code="empty")
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise IngestError(f"not an http(s) URL: {url[:200]}", code="url") from None
    parsed = article_clean(text=text, html=html, url=url)
    body_hash = content_hash(parsed.body)
    existing = Article.objects.filter(url=url).first() if url else None
    if existing is not None:
        return IngestResult(existing, created=False)
    outlet = _outlet_for(given=outlet_name, printed=parsed.outlet, url=url)
    # The same text under another outlet (a wire story, a syndicated column) is that
    # outlet's appearance of it, stored as its own article: the matcher counts the outlets
    # that ran one text as one independent report. The same text under the same outlet
    # (or again without one) is the article already stored.
    existing = Article.objects.filter(content_hash=body_hash, outlet=outlet).first()
    if existing is not None:
        return IngestResult(existing, created=False)

    if published_at is not None:
        published_from = Article.PublishedFrom.GIVEN
    else:
        published_at, published_from = parsed.published_at, parsed.published_from
    try:
        with transaction.atomic():
            article = Article.objects.create(
                outlet=outlet,
                title=(title.strip() or parsed.title)[:500],
                url=url,
                author=parsed.author[:300],
                published_at=published_at,
                published_from=published_from,
                body=parsed.body,
                # PostgreSQL text cannot hold NUL; keep everything else as received.
                raw=text.replace("\x00", "\ufffd"),
                raw_format=parsed.raw_format,
                source_name=source_name[:500],
                content_hash=body_hash,
            )
            transaction.on_commit(lambda: article_queue_extraction(article_id=article.id))
    except IntegrityError:
        # Another ingest stored the same story between our check and our insert.
        existing = Article.objects.filter(content_hash=body_hash, outlet=outlet).first() or (
            Article.objects.filter(url=url).first() if url else None
        )
        if existing is None:
            raise
        return IngestResult(existing, created=False)
    return IngestResult(article, created=True)


def article_ingest_path(*, path: Path, outlet_name: str = "", url: str = "") -> IngestResult:
    """Ingest one .txt or .html file. Raises IngestError naming the problem."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise IngestError("no such file", code="missing") from None
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror}", code="unreadable") from None
    _check_size(size)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror}", code="unreadable") from None
    html = True if path.suffix.lower() in {".html", ".htm"} else None
    return article_ingest(content=data, outlet_name=outlet_name, url=url, source_name=path.name, html=html)


def check_fetchable_host(url: str) -> None:
    """Refuse a URL whose host is, or resolves to, a loopback, private, link-local or reserved
    address, unless FACTCHECK_FETCH_PRIVATE_HOSTS allows them (the default off production).

    Whoever may submit a URL must not make the server read its own network for them: the
    cloud metadata service at 169.254.169.254, an admin port on 127.0.0.1, a database.
    """
    if settings.FACTCHECK_FETCH_PRIVATE_HOSTS:
        return
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise IngestError(f"refusing to fetch {url[:200]}: only http(s) URLs are fetched", code="url")
    host = parts.hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, parts.port or None, proto=socket.IPPROTO_TCP)}
    except (OSError, UnicodeError) as exc:
        raise IngestError(f"could not fetch {url}: {exc}", code="fetch") from None
    for address in sorted(addresses):
        if not ipaddress.ip_address(address.split("%")[0]).is_global:
            raise IngestError(
                f"refusing to fetch {url}: {host} is a private or local address ({address}); "
                "FACTCHECK_FETCH_PRIVATE_HOSTS=true allows it",
                code="private_host",
            )


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to a host that may be fetched (a public page may point inside)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_fetchable_host(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def url_opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_CheckedRedirects)


def fetch_url(url: str) -> bytes:
    """GET a page with a timeout and a size cap. Raises IngestError on any failure."""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise IngestError(f"not an http(s) URL: {url[:200]}", code="url") from None
    check_fetchable_host(url)
    limit = settings.FACTCHECK_MAX_ARTICLE_BYTES
    request = urllib.request.Request(url, headers={"User-Agent": "factcheck/1.0 (+newsroom fact tracking)"})
    try:
        with url_opener().open(request, timeout=settings.FACTCHECK_FETCH_TIMEOUT) as response:
            data = response.read(limit + 1)
    except urllib.error.HTTPError as exc:
        raise IngestError(f"could not fetch {url}: HTTP {exc.code}", code="fetch") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise IngestError(f"could not fetch {url}: {reason}", code="fetch") from None
    _check_size(len(data))
    return data


def article_ingest_url(*, url: str, outlet_name: str = "") -> IngestResult:
    existing = Article.objects.filter(url=url).first()
    if existing is not None:
        return IngestResult(existing, created=False)
    data = fetch_url(url)
    return article_ingest(content=data, outlet_name=outlet_name, url=url, source_name=url, html=None)

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
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from claims.extraction.cleaning import clean_plain_text, date_from_url, normalise_text, published_datetime
from claims.models import Article, Outlet
from claims.services.errors import IngestError
from claims.services.fetching import fetch_url

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


# A <meta charset="..."> or <meta http-equiv="Content-Type" content="...; charset=...">
# near the start of an HTML page (browsers look in the first 1024 bytes; pages with long
# heads put it later, so a little more is read).
_META_CHARSET = re.compile(rb"""<meta[^>]{0,500}?charset\s*=\s*["']?\s*([a-z0-9._:-]{1,40})""", re.IGNORECASE)
# Labels that browsers read as another encoding (the WHATWG Encoding Standard): a page
# declaring Latin-1 or ASCII is read as windows-1252, which is what such pages hold.
_BROWSER_LABELS = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "l1": "cp1252",
                   "ascii": "cp1252", "us-ascii": "cp1252", "iso8859-1": "cp1252", "x-sjis": "shift_jis"}


def _declared_codec(label: str, *, from_meta: bool) -> str:
    label = label.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(_BROWSER_LABELS.get(label, label)).name
    except LookupError:
        raise IngestError(f"the page declares a character set this server does not know: {label[:40]!r}",
                          code="encoding") from None
    if from_meta and name.startswith(("utf-16", "utf-32")):
        return "utf-8"  # a <meta> readable as ASCII cannot be in UTF-16; browsers read UTF-8
    return name


def decode_article_bytes(data: bytes, *, declared_charset: str | None = None) -> str:
    """Decode input bytes by the character set they carry, strictly.

    In order: a byte-order mark (UTF-8, UTF-16); the charset the HTTP header declared
    (declared_charset); a <meta> charset in an HTML page; else UTF-8. Raises IngestError for
    empty input, known binary formats, NUL-laden data, an unknown declared charset, and
    bytes that are not valid in the charset used, naming the first bad byte.
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
    codec, declared = "utf-8", ""
    if declared_charset:
        codec, declared = _declared_codec(declared_charset, from_meta=False), declared_charset
    elif data.lstrip()[:1] == b"<" and (found := _META_CHARSET.search(data[:4096])):
        declared = found.group(1).decode("ascii")
        codec = _declared_codec(declared, from_meta=True)
    if codec.startswith(("utf-16", "utf-32")):
        try:
            return data.decode(codec)
        except UnicodeDecodeError as exc:
            raise IngestError(f"not valid {declared} text as declared (byte {exc.start})", code="encoding") from None
    if data.count(b"\x00") > max(1, len(data) // 100):
        raise IngestError("binary data (NUL bytes), not article text", code="binary")
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        if declared:
            raise IngestError(
                f"not valid {declared} text as its page declares (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                code="encoding",
            ) from None
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
                # The outlet already known under this site's name, unless it is only the
                # site's address (named so before its page said what it is called).
                found = Outlet.objects.filter(domain=host).exclude(name=host).first()
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


def _fetched_text(url: str) -> tuple[str, bool | None]:
    """The page at url as text, and whether it is HTML (None: tell by looking)."""
    page = fetch_url(url)
    html = True if "html" in page.content_type else False if page.content_type == "text/plain" else None
    return decode_article_bytes(page.data, declared_charset=page.charset), html


def article_ingest_url(*, url: str, outlet_name: str = "") -> IngestResult:
    """Fetch a page now and store it (the `ingest --url` command, which has no web request
    to hold). Raises IngestError saying why it could not."""
    existing = Article.objects.filter(url=url).first()
    if existing is not None:
        return IngestResult(existing, created=False)
    text, html = _fetched_text(url)
    return article_ingest(content=text, outlet_name=outlet_name, url=url, source_name=url, html=html)


def article_queue_fetch(*, article_id: int) -> bool:
    """Queue the fetch of a submitted URL; False when the broker cannot be reached (the
    article stays `fetching` and the sweeper queues it later)."""
    from claims.tasks import fetch_article

    try:
        fetch_article.delay(article_id)
    except Exception as exc:  # kombu raises OperationalError and friends, by transport
        logger.warning("could not queue the fetch of article %s (left fetching): %s", article_id, exc)
        return False
    return True


def article_submit_url(*, url: str, outlet_name: str = "") -> IngestResult:
    """Store an article to be fetched from url by a worker (task claims.fetch_article).

    Returns at once: the article is `fetching` until the worker has the page, then
    `pending` extraction, or `failed` with the reason. A URL already stored gives that
    article (created=False); one whose fetch failed is fetched again.
    """
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise IngestError(f"not an http(s) URL: {url[:200]}", code="url") from None
    existing = Article.objects.filter(url=url).first()
    if existing is None:
        try:
            with transaction.atomic():
                article = Article.objects.create(
                    outlet=_outlet_for(given=outlet_name, printed="", url=url), url=url, source_name=url[:500],
                    status=Article.Status.FETCHING, body="", raw="", content_hash=None,
                )
                transaction.on_commit(lambda: article_queue_fetch(article_id=article.id))
        except IntegrityError:
            existing = Article.objects.filter(url=url).first()
            if existing is None:
                raise
        else:
            return IngestResult(article, created=True)
    never_fetched = Q(status=Article.Status.FAILED, content_hash__isnull=True)
    if Article.objects.filter(never_fetched, id=existing.id).update(
        status=Article.Status.FETCHING, error="", updated_at=timezone.now()
    ):
        transaction.on_commit(lambda: article_queue_fetch(article_id=existing.id))
        existing.refresh_from_db()
    return IngestResult(existing, created=False)


def _fetch_failed(article_id: int, error: str) -> None:
    Article.objects.filter(id=article_id, status=Article.Status.FETCHING).update(
        status=Article.Status.FAILED, error=error[:2000], updated_at=timezone.now()
    )


def article_fetch(*, article_id: int) -> bool:
    """Fetch a submitted article's page and store it as the article's text; queue its
    extraction. True when stored. A page that cannot be had, or that holds a story already
    stored, marks the article failed with the reason (and the stored one's id).

    Safe to run twice: the row is written only while it is still `fetching`, under a lock.
    """
    article = (
        Article.objects.filter(id=article_id, status=Article.Status.FETCHING)
        .select_related("outlet").only("id", "url", "outlet").first()
    )
    if article is None:
        return False
    try:
        text, html = _fetched_text(article.url)
        parsed = article_clean(text=text, html=html, url=article.url)
    except IngestError as exc:
        logger.info("article %s: %s", article_id, "; ".join(exc.messages))
        _fetch_failed(article_id, "; ".join(exc.messages))
        return False
    outlet = article.outlet
    if parsed.outlet and (outlet is None or outlet.name == _host(article.url)):
        # Submitted with only its address: the page says what the outlet is called.
        outlet = _outlet_for(given="", printed=parsed.outlet, url=article.url)
    body_hash = content_hash(parsed.body)
    # The same text under another outlet is that outlet's own article (see article_ingest).
    same = (
        Article.objects.filter(content_hash=body_hash, outlet=outlet).exclude(id=article_id)
        .values_list("id", flat=True).first()
    )
    if same is not None:
        _fetch_failed(article_id, f"the same story is already stored as article {same}")
        return False
    try:
        with transaction.atomic():
            row = Article.objects.select_for_update().filter(id=article_id, status=Article.Status.FETCHING).first()
            if row is None:
                return False
            row.title = parsed.title[:500]
            row.author = parsed.author[:300]
            row.outlet = outlet
            row.published_at = parsed.published_at
            row.published_from = parsed.published_from
            row.body = parsed.body
            row.raw = text.replace("\x00", "\ufffd")
            row.raw_format = parsed.raw_format
            row.content_hash = body_hash
            row.status = Article.Status.PENDING
            row.error = ""
            row.save()
            transaction.on_commit(lambda: article_queue_extraction(article_id=article_id))
    except IntegrityError:  # the same story stored by another ingest meanwhile
        same = Article.objects.filter(content_hash=body_hash, outlet=outlet).values_list("id", flat=True).first()
        _fetch_failed(article_id, f"the same story is already stored as article {same}")
        return False
    return True


def articles_requeue_fetches(*, pending_for: timedelta | None = None) -> int:
    """Queue the fetch of every article still `fetching` (its task was lost: the broker was
    down, or the worker died), with pending_for only those untouched that long."""
    waiting = Article.objects.filter(status=Article.Status.FETCHING)
    if pending_for is not None:
        waiting = waiting.filter(updated_at__lte=timezone.now() - pending_for)
    count = 0
    for article_id in waiting.values_list("id", flat=True):
        if article_queue_fetch(article_id=article_id):
            Article.objects.filter(id=article_id, status=Article.Status.FETCHING).update(updated_at=timezone.now())
            count += 1
    return count

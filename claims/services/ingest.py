"""Ingest: one path for every entry point (command, API, admin form).

Input arrives as bytes or text, from a file, a URL or a form. It is decoded strictly, checked
(empty, binary, too large) and cleaned into the story body by claims.services.article_text;
here it is deduplicated by the hash of that body, given its outlet, stored as a pending
Article, and its extraction is queued once the row is committed.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from claims.models import Article, Outlet
from claims.services.article_text import article_clean, check_size, content_hash, decode_article_bytes, host_of
from claims.services.errors import IngestError
from claims.services.fetching import fetch_url
from claims.services.queueing import task_queued

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool  # False: the same story (or URL) was already stored; nothing was written


def _outlet_for(*, given: str, printed: str, url: str) -> Outlet | None:
    """The outlet an article ran in: the name a person gave, else the one the page prints
    (masthead, page metadata), else the outlet already known for the page's site, else the
    site itself ("courier.example"). None when nothing names it.

    Names are matched without regard to case, so "London Daily" is one outlet however it
    is typed; a new outlet keeps the site's domain when the article came with an address.
    """
    host = host_of(url)
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


def article_queue_extraction(*, article_id: int, force: bool = False) -> bool:
    """Queue extraction of one article; False when the broker cannot be reached.

    A broker that is down must not lose the article: it stays pending and the sweeper
    (`requeue`, and the beat schedule) queues it again later.
    """
    from claims.tasks import extract_article

    return task_queued(extract_article, article_id, force=force, what=f"extraction of article {article_id} (left pending)")


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
        check_size(len(content.encode("utf-8", "surrogatepass")))
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
    check_size(size)
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

    return task_queued(fetch_article, article_id, what=f"the fetch of article {article_id} (left fetching)")


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
    if parsed.outlet and (outlet is None or outlet.name == host_of(article.url)):
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

"""Running extraction for a stored article and storing its results.

The slow part (spaCy) runs outside any transaction; the results are written in one short
transaction that replaces the article's previous results. A worker takes an article with
a conditional update (a lease with a token), so two workers given the same article at once
do the work once, and a worker that died mid-task leaves a lease that expires.
"""
from __future__ import annotations

import logging
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from claims.models import Article

logger = logging.getLogger(__name__)

EXTRACTOR_VERSION = "0"


class ArticleBusy(Exception):
    """Another worker holds a live lease on the article."""


def article_claim(*, article_id: int, force: bool = False, token: str | None = None) -> str | None:
    """Take the article for extraction. Returns the lease token, or None if not ours to take.

    Takes a pending or failed article, or one whose previous worker's lease ran out.
    With force, also takes an extracted one (re-extraction).

    token: the Celery task id. A retry or a redelivery of the same task (after a dropped
    database connection, or a worker killed mid-task) carries the same id, so it takes its
    own lease back at once instead of waiting for it to expire. A different task for the
    same article still cannot take a live lease.
    """
    now = timezone.now()
    token = (token or uuid.uuid4().hex).replace("-", "")[:32]
    held_by_nobody_alive = Q(status=Article.Status.EXTRACTING) & (Q(lease_until__lt=now) | Q(lease_token=token))
    # An article whose extraction never finished this many times (the worker was killed, ran
    # out of memory or time on it) is poison: mark it failed rather than feed it to workers
    # forever, which acks_late + reject_on_worker_lost would otherwise do.
    limit = settings.FACTCHECK_EXTRACTION_MAX_ATTEMPTS
    if Article.objects.filter(held_by_nobody_alive, id=article_id, attempts__gte=limit).update(
        status=Article.Status.FAILED,
        error=f"gave up after {limit} attempts that never finished (worker killed, out of memory or time?)",
        lease_token="",
        lease_until=None,
        updated_at=now,
    ):
        logger.error("article %s: gave up after %s unfinished attempts", article_id, limit)
        return None
    takeable = Q(status__in=[Article.Status.PENDING, Article.Status.FAILED]) | held_by_nobody_alive
    if force:
        takeable |= Q(status=Article.Status.EXTRACTED)
    changed = (
        Article.objects.filter(takeable, id=article_id)
        .update(
            status=Article.Status.EXTRACTING,
            lease_token=token,
            lease_until=now + timedelta(seconds=settings.FACTCHECK_EXTRACTION_LEASE_SECONDS),
            attempts=F("attempts") + 1,
            updated_at=now,
        )
    )
    return token if changed else None


def article_store_extraction(*, article_id: int, token: str, result=None) -> bool:
    """Write an article's extraction results, replacing earlier ones, in one transaction.

    Returns False (writing nothing) if the lease was lost to another worker meanwhile.
    """
    with transaction.atomic():
        article = Article.objects.select_for_update().filter(id=article_id, lease_token=token).first()
        if article is None:
            return False
        article.status = Article.Status.EXTRACTED
        article.error = ""
        article.extractor_version = EXTRACTOR_VERSION
        article.extracted_at = timezone.now()
        article.lease_token = ""
        article.lease_until = None
        article.save()
    return True


def article_mark_failed(*, article_id: int, token: str, error: str) -> None:
    Article.objects.filter(id=article_id, lease_token=token).update(
        status=Article.Status.FAILED, error=error[:2000], lease_token="", lease_until=None, updated_at=timezone.now()
    )


def _test_delay() -> None:
    # FACTCHECK_TEST_EXTRACTION_DELAY (seconds, default 0): the reliability tests hold a real
    # worker here, lease taken and nothing stored, to kill it or drop its connections.
    if settings.FACTCHECK_TEST_EXTRACTION_DELAY:
        time.sleep(settings.FACTCHECK_TEST_EXTRACTION_DELAY)


def article_extract(*, article_id: int, force: bool = False, token: str | None = None) -> bool:
    """Extract one article if it is ours to take. True when results were stored.

    token: the Celery task id, see article_claim.
    """
    token = article_claim(article_id=article_id, force=force, token=token)
    if token is None:
        logger.info("article %s: not pending or held by another worker; skipped", article_id)
        return False
    _test_delay()
    try:
        return article_store_extraction(article_id=article_id, token=token)
    except Exception as exc:
        article_mark_failed(article_id=article_id, token=token, error=f"{type(exc).__name__}: {exc}")
        raise


def articles_needing_extraction(*, outdated: bool = False, pending_for: timedelta | None = None):
    """Articles a sweeper should queue: pending, or held by a worker whose lease ran out.

    With outdated, also those extracted by an earlier extractor version. With pending_for,
    only articles pending (untouched) at least that long: the beat sweeper must not queue
    again, every minute, a backlog that is already waiting in the queue.
    """
    now = timezone.now()
    pending = Q(status=Article.Status.PENDING)
    if pending_for is not None:
        pending &= Q(updated_at__lte=now - pending_for)
    wanted = pending | Q(status=Article.Status.EXTRACTING, lease_until__lt=now)
    if outdated:
        wanted |= Q(status=Article.Status.EXTRACTED) & ~Q(extractor_version=EXTRACTOR_VERSION)
    return Article.objects.filter(wanted).order_by("id")


def articles_requeue(*, outdated: bool = False, inline: bool = False, pending_for: timedelta | None = None) -> int:
    """Queue (or, inline, run) extraction for every article that needs it. Returns how many.

    A queued pending article's updated_at is touched, so that a sweeper with pending_for
    queues it again only if it is still pending that much later (its task was lost).
    """
    from claims.services.ingest import article_queue_extraction

    count = 0
    for article_id, status in articles_needing_extraction(outdated=outdated, pending_for=pending_for).values_list(
        "id", "status"
    ):
        force = status == Article.Status.EXTRACTED
        if inline:
            article_extract(article_id=article_id, force=force)
            count += 1
        elif article_queue_extraction(article_id=article_id, force=force):
            Article.objects.filter(id=article_id, status=Article.Status.PENDING).update(updated_at=timezone.now())
            count += 1
    return count

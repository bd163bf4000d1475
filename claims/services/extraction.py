"""Running extraction for a stored article and storing its results.

The slow part (spaCy) runs outside any transaction; the results are written in one short
transaction that replaces the article's previous results. A worker takes an article with
a conditional update (a lease with a token), so two workers given the same article at once
do the work once, and a worker that died mid-task leaves a lease that expires.
"""
from __future__ import annotations

import logging
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


def article_claim(*, article_id: int, force: bool = False) -> str | None:
    """Take the article for extraction. Returns the lease token, or None if not ours to take.

    Takes a pending or failed article, or one whose previous worker's lease ran out.
    With force, also takes an extracted one (re-extraction).
    """
    now = timezone.now()
    token = uuid.uuid4().hex
    takeable = Q(status__in=[Article.Status.PENDING, Article.Status.FAILED]) | Q(
        status=Article.Status.EXTRACTING, lease_until__lt=now
    )
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


def article_extract(*, article_id: int, force: bool = False) -> bool:
    """Extract one article if it is ours to take. True when results were stored."""
    token = article_claim(article_id=article_id, force=force)
    if token is None:
        logger.info("article %s: not pending or held by another worker; skipped", article_id)
        return False
    try:
        return article_store_extraction(article_id=article_id, token=token)
    except Exception as exc:
        article_mark_failed(article_id=article_id, token=token, error=f"{type(exc).__name__}: {exc}")
        raise


def articles_needing_extraction(*, outdated: bool = False):
    """Articles a sweeper should queue: pending, or held by a worker whose lease ran out.

    With outdated, also those extracted by an earlier extractor version.
    """
    now = timezone.now()
    wanted = Q(status=Article.Status.PENDING) | Q(status=Article.Status.EXTRACTING, lease_until__lt=now)
    if outdated:
        wanted |= Q(status=Article.Status.EXTRACTED) & ~Q(extractor_version=EXTRACTOR_VERSION)
    return Article.objects.filter(wanted).order_by("id")


def articles_requeue(*, outdated: bool = False, inline: bool = False) -> int:
    """Queue (or, inline, run) extraction for every article that needs it. Returns how many."""
    from claims.services.ingest import article_queue_extraction

    count = 0
    for article_id, status in articles_needing_extraction(outdated=outdated).values_list("id", "status"):
        force = status == Article.Status.EXTRACTED
        if inline:
            article_extract(article_id=article_id, force=force)
            count += 1
        elif article_queue_extraction(article_id=article_id, force=force):
            count += 1
    return count

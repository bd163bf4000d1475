"""Celery tasks: thin adapters that take ids and call services.

Tasks are idempotent (the service claims the article with a conditional update and
replaces results in one transaction), which is what makes late acknowledgement safe: a
task whose worker died is delivered again and does the work once.

Retry policy: a dropped database connection (OperationalError, InterfaceError: a restart,
a failover, pg_terminate_backend) is retried with backoff, and the retry takes its own lease
back because it carries the same task id. Anything else is the article's fault or a bug:
the service has marked the article failed with the error, and the task ends there, so a
bad article never kills the worker or comes back forever.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError

from claims import services

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (OperationalError, InterfaceError)
# Every task here is idempotent (a lease, a conditional update, a rewrite of the same rows),
# so a message is acknowledged only once the task is done, a task whose worker died is
# delivered again, and a transient database error is retried with backoff.
IDEMPOTENT = {"acks_late": True, "reject_on_worker_lost": True, "retry_backoff": 2, "retry_backoff_max": 60, "max_retries": 5}


@shared_task(
    bind=True,
    name="claims.extract_article",
    **IDEMPOTENT,
    autoretry_for=TRANSIENT_ERRORS,
    soft_time_limit=settings.FACTCHECK_EXTRACTION_TIME_LIMIT,
    time_limit=settings.FACTCHECK_EXTRACTION_TIME_LIMIT + 30,
)
def extract_article(self, article_id: int, force: bool = False) -> bool:
    try:
        return services.article_extract(article_id=article_id, force=force, token=self.request.id)
    except TRANSIENT_ERRORS:
        raise
    except SoftTimeLimitExceeded:
        # The limit travels in the message: the queueing process's setting, not ours.
        limit = (self.request.timelimit or (None, None))[1] or settings.FACTCHECK_EXTRACTION_TIME_LIMIT
        # If the limit struck before the service could record it, the lease is still ours.
        services.article_mark_failed(
            article_id=article_id, token=self.request.id or "",
            error=f"extraction stopped by its time limit of {limit} s (FACTCHECK_EXTRACTION_TIME_LIMIT)",
        )
        logger.error("article %s: extraction stopped by its time limit of %s s; marked failed", article_id, limit)
        return False
    except Exception:
        # The service recorded the error on the article; keep the worker serving others.
        logger.exception("article %s: extraction failed; marked failed", article_id)
        return False


@shared_task(name="claims.requeue_stale_articles", ignore_result=True)
def requeue_stale_articles() -> int:
    """The sweeper (beat): queue articles left pending (broker was down) or stuck extracting,
    and submitted URLs whose fetch was never done."""
    waited = timedelta(seconds=settings.FACTCHECK_SWEEP_PENDING_SECONDS)
    return services.articles_requeue(pending_for=waited) + services.articles_requeue_fetches(pending_for=waited)


@shared_task(
    name="claims.fetch_article",
    **IDEMPOTENT,
    autoretry_for=TRANSIENT_ERRORS,
    ignore_result=True,
    # The fetch ends itself by FACTCHECK_FETCH_DEADLINE; this only catches a hung name lookup.
    soft_time_limit=settings.FACTCHECK_FETCH_DEADLINE + 30,
    time_limit=settings.FACTCHECK_FETCH_DEADLINE + 60,
)
def fetch_article(article_id: int) -> bool:
    """Fetch a submitted URL's page into its article and queue the extraction."""
    return services.article_fetch(article_id=article_id)


@shared_task(
    name="claims.match_article",
    **IDEMPOTENT,
    # A unique-key race with a concurrent re-match on a database without advisory locks is
    # resolved by running again: matching is idempotent.
    autoretry_for=(*TRANSIENT_ERRORS, IntegrityError),
    ignore_result=True,
)
def match_article(article_id: int) -> None:
    """Group an extracted article's claims, quotes and event reports with other sources'."""
    services.article_match(article_id=article_id)

"""Celery tasks: thin adapters that take ids and call services.

Tasks are idempotent (the service claims the article with a conditional update and
replaces results in one transaction), which is what makes late acknowledgement safe: a
task whose worker died is delivered again and does the work once.
"""
from __future__ import annotations

from celery import shared_task
from django.db import DatabaseError, InterfaceError

from claims import services


@shared_task(
    name="claims.extract_article",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(DatabaseError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=5,
)
def extract_article(article_id: int, force: bool = False) -> bool:
    return services.article_extract(article_id=article_id, force=force)


@shared_task(name="claims.requeue_stale_articles", ignore_result=True)
def requeue_stale_articles() -> int:
    """The sweeper (beat): queue articles left pending (broker was down) or stuck extracting."""
    return services.articles_requeue()

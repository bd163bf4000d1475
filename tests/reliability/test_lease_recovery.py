"""How an article gets back to work after a fault: the retried task's own lease, the
poison-article limit and the sweeper's grace period (services called directly)."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Article
from claims.selectors import articles_needing_extraction
from claims.services.extraction_runs import article_claim, articles_requeue
from claims.tasks import requeue_stale_articles
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

TASK_ID = "5a0f3c1e-8d2b-4f6a-9c7e-1b2d3e4f5a6b"


@pytest.fixture
def pending():
    return ArticleFactory(status=Article.Status.PENDING)


def test_a_retried_task_takes_back_its_own_live_lease(pending):
    first = article_claim(article_id=pending.id, token=TASK_ID)
    assert article_claim(article_id=pending.id, token=TASK_ID) == first
    assert Article.objects.get(id=pending.id).attempts == 2


def test_another_task_cannot_take_a_live_lease(pending):
    article_claim(article_id=pending.id, token=TASK_ID)
    assert article_claim(article_id=pending.id, token="another-task") is None


def test_an_article_whose_attempts_never_finish_is_failed_not_retaken(pending, settings):
    settings.FACTCHECK_EXTRACTION_MAX_ATTEMPTS = 3
    Article.objects.filter(id=pending.id).update(
        status=Article.Status.EXTRACTING, attempts=3, lease_until=timezone.now() - timedelta(seconds=1)
    )
    assert article_claim(article_id=pending.id) is None
    article = Article.objects.get(id=pending.id)
    assert article.status == Article.Status.FAILED
    assert "gave up after 3 attempts" in article.error


def test_a_failed_attempt_below_the_limit_is_taken_again(pending, settings):
    settings.FACTCHECK_EXTRACTION_MAX_ATTEMPTS = 3
    Article.objects.filter(id=pending.id).update(
        status=Article.Status.EXTRACTING, attempts=2, lease_until=timezone.now() - timedelta(seconds=1)
    )
    assert article_claim(article_id=pending.id) is not None


def test_the_sweeper_leaves_articles_queued_within_the_grace_period(pending):
    assert list(articles_needing_extraction(pending_for=timedelta(minutes=5))) == []
    assert list(articles_needing_extraction()) == [pending]


def test_the_sweeper_takes_articles_pending_longer_than_the_grace_period(pending):
    Article.objects.filter(id=pending.id).update(updated_at=timezone.now() - timedelta(minutes=6))
    assert list(articles_needing_extraction(pending_for=timedelta(minutes=5))) == [pending]


@pytest.mark.services
def test_queueing_a_pending_article_restarts_its_grace_period(pending, test_broker):
    # The broker accepts the task but no worker runs it (as while workers are busy): the
    # article stays pending, and the next sweep must not queue it again straight away.
    Article.objects.filter(id=pending.id).update(updated_at=timezone.now() - timedelta(minutes=6))
    assert articles_requeue(pending_for=timedelta(minutes=5)) == 1
    assert articles_requeue(pending_for=timedelta(minutes=5)) == 0


def test_the_beat_task_extracts_articles_left_pending(pending, settings):
    settings.FACTCHECK_SWEEP_PENDING_SECONDS = 0
    requeue_stale_articles()
    assert Article.objects.get(id=pending.id).status == Article.Status.EXTRACTED

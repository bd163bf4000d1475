"""Taking an article for extraction: one worker at a time, and a dead worker's lease expires."""
from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Article
from claims.selectors import articles_needing_extraction
from claims.services.extraction_runs import article_claim, article_store_extraction

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return Article.objects.create(title="t", body="The mayor said taxes would rise.", raw="x", content_hash="h" * 64)


def test_a_second_worker_cannot_take_an_article_being_extracted(article):
    assert article_claim(article_id=article.id) is not None
    assert article_claim(article_id=article.id) is None


def test_an_expired_lease_can_be_taken_over(article):
    first = article_claim(article_id=article.id)
    Article.objects.filter(id=article.id).update(lease_until=timezone.now() - timedelta(seconds=1))
    second = article_claim(article_id=article.id)
    assert second is not None and second != first
    assert Article.objects.get(id=article.id).attempts == 2


def test_a_worker_that_lost_its_lease_stores_nothing(article):
    first = article_claim(article_id=article.id)
    Article.objects.filter(id=article.id).update(lease_until=timezone.now() - timedelta(seconds=1))
    second = article_claim(article_id=article.id)
    assert article_store_extraction(article_id=article.id, token=first) is False
    assert Article.objects.get(id=article.id).status == Article.Status.EXTRACTING
    assert article_store_extraction(article_id=article.id, token=second) is True
    assert Article.objects.get(id=article.id).status == Article.Status.EXTRACTED


def test_extracted_articles_are_not_taken_again_unless_forced(article):
    token = article_claim(article_id=article.id)
    article_store_extraction(article_id=article.id, token=token)
    assert article_claim(article_id=article.id) is None
    assert article_claim(article_id=article.id, force=True) is not None


def test_sweeper_finds_pending_and_stuck_articles_only(article):
    stuck = Article.objects.create(
        body="b", raw="b", content_hash="s" * 64, status=Article.Status.EXTRACTING,
        lease_until=timezone.now() - timedelta(minutes=1),
    )
    Article.objects.create(
        body="c", raw="c", content_hash="c" * 64, status=Article.Status.EXTRACTING,
        lease_until=timezone.now() + timedelta(minutes=5),
    )
    Article.objects.create(body="d", raw="d", content_hash="d" * 64, status=Article.Status.EXTRACTED)
    assert list(articles_needing_extraction()) == [article, stuck]

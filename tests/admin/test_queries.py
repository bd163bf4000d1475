"""Pages cost a fixed number of queries however many rows they show."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ArticleFactory, ClaimFactory, ClaimGroupFactory, QuoteFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _groups_with_sources(n: int):
    for _ in range(n):
        group = ClaimGroupFactory(suggested_state="conflicting", source_count=2)
        ClaimFactory.create_batch(2, group=group, speaker=SpeakerFactory())


def test_conflict_queue_queries_do_not_grow_with_groups(reviewer_client):
    _groups_with_sources(2)
    few = _queries(reviewer_client, reverse("admin:claims_conflict_queue"))
    _groups_with_sources(10)
    assert _queries(reviewer_client, reverse("admin:claims_conflict_queue")) == few


def test_group_page_queries_do_not_grow_with_sources(reviewer_client):
    group = ClaimGroupFactory(source_count=2)
    ClaimFactory.create_batch(2, group=group, speaker=SpeakerFactory())
    few = _queries(reviewer_client, reverse("admin:claims_claimgroup_change", args=[group.pk]))
    ClaimFactory.create_batch(10, group=group, speaker=SpeakerFactory())
    assert _queries(reviewer_client, reverse("admin:claims_claimgroup_change", args=[group.pk])) == few


def test_article_page_queries_do_not_grow_with_claims(reviewer_client):
    article = ArticleFactory()
    group = ClaimGroupFactory()
    ClaimFactory.create_batch(2, article=article, group=group, speaker=SpeakerFactory())
    QuoteFactory.create_batch(2, article=article)
    few = _queries(reviewer_client, reverse("admin:claims_article_change", args=[article.pk]))
    ClaimFactory.create_batch(10, article=article, group=group, speaker=SpeakerFactory())
    QuoteFactory.create_batch(10, article=article)
    assert _queries(reviewer_client, reverse("admin:claims_article_change", args=[article.pk])) == few


def test_claim_list_queries_do_not_grow_with_claims(reviewer_client):
    ClaimFactory.create_batch(2, group=ClaimGroupFactory(), speaker=SpeakerFactory())
    few = _queries(reviewer_client, reverse("admin:claims_claim_changelist"))
    ClaimFactory.create_batch(10, group=ClaimGroupFactory(), speaker=SpeakerFactory())
    assert _queries(reviewer_client, reverse("admin:claims_claim_changelist")) == few

"""Deleting articles: the groups they were a source of are matched again, so that no group
counts a deleted outlet or keeps it in its reason."""
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from claims.models import Article, Claim, ClaimGroup
from claims.services.articles import articles_delete
from claims.services.groups import groups_rebuild
from claims.services.review import review_submit
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory
from tests.matching.conftest import seed_text, sentence_of

pytestmark = pytest.mark.django_db

AID = "about $45 billion"


def _story(outlet: str, *, figure: str = "$45 billion", note: str = ""):
    """Seed 3 as an outlet ran it, with its aid figure ("about $45 billion")."""
    body = seed_text(3).replace("$45 billion", figure) + note
    article = ArticleFactory(body=body, outlet=OutletFactory(name=outlet))
    text = AID.replace("$45 billion", figure)
    sentence, at = sentence_of(body, text)
    claim = ClaimFactory(article=article, text=text, start=at, end=at + len(text), kind="money",
                         value=Decimal(figure.strip("$").split()[0]) * 10**9, unit="USD",
                         subject="arms and military aid", sentence=sentence, qualifier="approximate")
    return article, claim


def test_deleting_the_outlet_that_disagreed_leaves_two_agreeing_sources(django_capture_on_commit_callbacks):
    _, post = _story("Brussels Post")
    copy, _ = _story("Copy Desk", figure="$54 billion")
    _story("Third Desk", note="\nThis story was updated.")
    groups_rebuild()
    group = Claim.objects.get(pk=post.pk).group
    assert (group.source_count, group.suggested_state) == (3, "conflicting")
    assert "Copy Desk" in group.reason

    with django_capture_on_commit_callbacks(execute=True):
        assert articles_delete(article_ids=[copy.pk]) == 1

    group.refresh_from_db()
    assert not Article.objects.filter(pk=copy.pk).exists()
    assert (group.source_count, group.suggested_state) == (2, "consistent")
    assert "Copy Desk" not in group.reason
    assert Claim.objects.get(pk=post.pk).group_id == group.pk


def test_a_group_left_with_one_source_keeps_its_verdict_but_no_longer_counts_the_deleted_outlet(
    django_capture_on_commit_callbacks,
):
    _, post = _story("Brussels Post")
    copy, _ = _story("Copy Desk", figure="$54 billion")
    groups_rebuild()
    group = Claim.objects.get(pk=post.pk).group
    reviewer = get_user_model().objects.create_user("rhea", password="x-long-password-1")
    review_submit(reviewer=reviewer, verdict="conflicting", note="the copy changed the figure", group=group)
    assert group.source_count == 2 and "Copy Desk" in group.reason

    with django_capture_on_commit_callbacks(execute=True):
        articles_delete(article_ids=[copy.pk])

    group.refresh_from_db()
    assert group.verdict == "conflicting"
    assert group.source_count == 0
    assert group.reason.startswith("No longer matched")
    assert "Copy Desk" not in group.reason


def test_deleting_every_article_of_an_unreviewed_group_deletes_the_group():
    post, _ = _story("Brussels Post")
    copy, claim = _story("Copy Desk", figure="$54 billion")
    groups_rebuild()
    group_id = Claim.objects.get(pk=claim.pk).group_id
    assert group_id is not None

    assert articles_delete(article_ids=[post.pk, copy.pk]) == 2

    assert not ClaimGroup.objects.filter(pk=group_id).exists()


def test_deleting_no_stored_article_changes_nothing():
    assert articles_delete(article_ids=[987654]) == 0

"""Admin actions that queue work (re-extraction, re-matching) are for users who may change
what that work rewrites; a read-only user can neither see nor run them."""
from __future__ import annotations

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from claims.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(db):
    return [
        Article.objects.create(title=f"Story {n}", body=f"The council approved {n} million.", raw="x",
                               content_hash=f"{n:064d}", status=Article.Status.EXTRACTED)
        for n in range(3)
    ]


@pytest.fixture
def queued_matches(monkeypatch):
    """The article ids the admin asked to match again (the real queueing function is called
    through, inline, and recorded)."""
    from claims.admin import articles

    asked: list[int] = []
    real = articles.article_queue_matching

    def record(*, article_id: int) -> bool:
        asked.append(article_id)
        return real(article_id=article_id)

    monkeypatch.setattr(articles, "article_queue_matching", record)
    return asked


def _run_match_again(client, articles, *, across: bool):
    return client.post(reverse("admin:claims_article_changelist"), {
        "action": "match_again",
        helpers.ACTION_CHECKBOX_NAME: [articles[0].pk],
        "select_across": "1" if across else "0",
        "index": 0,
    })


@pytest.fixture
def reader(roles):
    """Staff who may only read (API consumers do not sign in to the admin: their role is the API's)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("reader", password="a-long-test-password-1", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="claims", codename__startswith="view_"))
    return user


def test_a_read_only_user_cannot_queue_matching_even_across_every_article(client, reader, articles, queued_matches):
    client.force_login(reader)
    listing = client.get(reverse("admin:claims_article_changelist"))
    assert listing.status_code == 200 and "match_again" not in listing.content.decode()
    response = _run_match_again(client, articles, across=True)
    assert response.status_code in {200, 302}
    assert queued_matches == []


def test_a_fact_checker_may_queue_matching_of_the_selected_articles(client, fact_checker, articles, queued_matches):
    client.force_login(fact_checker)
    assert "match_again" in client.get(reverse("admin:claims_article_changelist")).content.decode()
    _run_match_again(client, articles, across=False)
    assert queued_matches == [articles[0].pk]

"""Two workers matching at once (PostgreSQL: its advisory locks are what keeps them apart).

Deciding a story locks the names an article is written around, not every story: two
reports of one new story still decide one after the other, and end in one story and one
group; reports that share no name decide side by side."""
from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection

from claims.models import Article, Claim, ClaimGroup
from claims.services.groups import article_match
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory
from tests.matching.conftest import seed_text, sentence_of

pytestmark = pytest.mark.django_db(transaction=True)


def _report(number: int, outlet: str, text: str, value, unit: str, subject: str, body: str | None = None) -> Claim:
    article = ArticleFactory(body=body or seed_text(number), outlet=OutletFactory(name=outlet), story=None)
    sentence, at = sentence_of(article.body, text)
    return ClaimFactory(article=article, text=text, start=at, end=at + len(text), kind="money", value=Decimal(str(value)),
                        unit=unit, subject=subject, sentence=sentence, qualifier="approximate")


def _match_at_once(article_ids: list[int]) -> None:
    barrier = threading.Barrier(len(article_ids))
    errors: list[BaseException] = []

    def match(article_id: int) -> None:
        try:
            barrier.wait()
            article_match(article_id=article_id)
        except BaseException as exc:  # reported by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=match, args=(i,)) for i in article_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors


def test_two_reports_of_one_new_story_matched_at_once_end_in_one_story_and_one_group(postgres):
    subject = "arms and military aid"
    a = _report(3, "Brussels Post", "about $45 billion", 45e9, "USD", subject)
    b = _report(3, "Copy Desk", "about $54 billion", 54e9, "USD", subject,
                body=seed_text(3).replace("$45 billion", "$54 billion"))
    _match_at_once([a.article_id, b.article_id])
    stories = set(Article.objects.filter(id__in=[a.article_id, b.article_id]).values_list("story", flat=True))
    assert len(stories) == 1 and None not in stories
    groups = set(Claim.objects.filter(id__in=[a.id, b.id]).values_list("group_id", flat=True))
    assert len(groups) == 1 and None not in groups
    assert ClaimGroup.objects.filter(kind="money", suggested_state="conflicting").count() == 1


def test_reports_of_unrelated_stories_matched_at_once_keep_their_own_stories(postgres):
    first = _report(3, "Brussels Post", "about $45 billion", 45e9, "USD", "arms and military aid")
    other = ArticleFactory(body="Mayor Ann Lee opened the Riverside bridge in Springfield on Tuesday.",
                           outlet=OutletFactory(name="Springfield Herald"), story=None)
    _match_at_once([first.article_id, other.id])
    stories = dict(Article.objects.filter(id__in=[first.article_id, other.id]).values_list("id", "story"))
    assert stories == {first.article_id: first.article_id, other.id: other.id}

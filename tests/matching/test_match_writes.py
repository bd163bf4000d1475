"""What one article's match writes: names, members leaving, outlets, history (claims.services.groups)."""
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from claims.models import Article, ArticleName, Claim, ClaimGroup, GroupOutlet, NameFrequency
from claims.services.groups import article_match
from claims.services.review import review_submit
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory
from tests.matching.conftest import seed_text, sentence_of

pytestmark = pytest.mark.django_db

AID = "about $45 billion"


def _article(body: str, outlet: str):
    return ArticleFactory(body=body, outlet=OutletFactory(name=outlet))


def _claim(article, text: str, value, unit: str):
    sentence, at = sentence_of(article.body, text)
    return ClaimFactory(article=article, text=text, start=at, end=at + len(text), kind="money", value=Decimal(str(value)),
                        unit=unit, subject="arms and military aid", sentence=sentence, qualifier="approximate")


@pytest.fixture
def two_outlets():
    """The NATO aid story (seed 3) in two outlets, the second printing $54 billion for $45 billion."""
    original = _article(seed_text(3), "Brussels Post")
    copy = _article(seed_text(3).replace("$45 billion", "$54 billion"), "Copy Desk")
    a = _claim(original, AID, 45e9, "USD")
    b = _claim(copy, "about $54 billion", 54e9, "USD")
    article_match(article_id=original.id)
    article_match(article_id=copy.id)
    return a, b


def _names(article) -> set[str]:
    return set(ArticleName.objects.filter(article=article).values_list("name", flat=True))


def test_a_new_article_s_names_are_written_once_and_counted(two_outlets):
    original, copy = (c.article for c in two_outlets)
    assert "stoltenberg" in _names(original) and _names(original) == _names(copy)
    assert NameFrequency.objects.get(name="stoltenberg").articles == 2


def test_an_article_matched_again_with_a_new_text_holds_only_its_new_names(two_outlets):
    copy = two_outlets[1].article
    # Re-extracted with another text: its story is decided again from its names.
    Article.objects.filter(id=copy.id).update(body=seed_text(4), story=None)
    Claim.objects.filter(article=copy).delete()
    article_match(article_id=copy.id)
    names = _names(copy)
    assert "macron" in names and "stoltenberg" not in names
    assert NameFrequency.objects.get(name="stoltenberg").articles == 1
    assert NameFrequency.objects.get(name="macron").articles == 1


def test_members_no_longer_matched_leave_a_reviewed_group_and_its_outlets_go(two_outlets):
    a, b = two_outlets
    group = Claim.objects.get(pk=a.pk).group
    assert group is not None and Claim.objects.get(pk=b.pk).group_id == group.id
    assert GroupOutlet.objects.filter(group=group).count() == 2
    reviewer = get_user_model().objects.create_user("rhea", password="x-long-password-1")
    review_submit(reviewer=reviewer, verdict="conflicting", note="the copy changed the figure", group=group)
    # The copy's figure turns out to be in another currency: the two are no longer one fact.
    Claim.objects.filter(pk=b.pk).update(unit="EUR", text="about \u20ac54 billion")
    article_match(article_id=b.article_id)
    group.refresh_from_db()
    assert group.source_count == 0 and "No longer matched" in group.reason
    assert Claim.objects.filter(pk__in=[a.pk, b.pk], group__isnull=False).count() == 0
    assert not GroupOutlet.objects.filter(group=group).exists()


def test_a_third_source_updates_the_group_with_one_history_row(two_outlets):
    a = two_outlets[0]
    group = Claim.objects.get(pk=a.pk).group
    assert [h.history_type for h in group.history.order_by("history_id")] == ["+"]
    third = _article(seed_text(3), "Kyiv Daily")
    c = _claim(third, AID, 45e9, "USD")
    article_match(article_id=third.id)
    group.refresh_from_db()
    assert Claim.objects.get(pk=c.pk).group_id == group.id
    assert group.source_count == 3 and "Kyiv Daily" in group.reason
    history = list(group.history.order_by("history_id"))
    assert [h.history_type for h in history] == ["+", "~"]
    assert (history[0].source_count, history[1].source_count) == (2, 3)
    assert history[1].reason == group.reason and history[1].updated_at == group.updated_at
    assert set(GroupOutlet.objects.filter(group=group).values_list("outlet__name", flat=True)) == {
        "Brussels Post", "Copy Desk", "Kyiv Daily"}
    # Matching it again changes nothing and writes no history.
    article_match(article_id=third.id)
    assert group.history.count() == 2 and ClaimGroup.objects.get(pk=group.pk).updated_at == group.updated_at

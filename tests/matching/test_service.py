import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count

from claims.models import ArticleName, Claim, ClaimGroup, NameFrequency, Review
from claims.services.groups import article_match, groups_rebuild
from claims.services.review import review_submit
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory, QuoteFactory, SpeakerFactory
from tests.matching.conftest import BOMBING_BOTH, BOMBING_CHIEF, BOMBING_TROOPER, seed_text, sentence_of

pytestmark = pytest.mark.django_db


def _article(number: int, outlet: str, body: str | None = None):
    return ArticleFactory(body=body or seed_text(number), outlet=OutletFactory(name=outlet))


def _claim(article, text: str, value, unit: str, *, kind="money", subject="", qualifier="exact", fingerprint=None):
    sentence, at = sentence_of(article.body, text)
    extra = {"fingerprint": fingerprint} if fingerprint else {}
    return ClaimFactory(article=article, text=text, start=at, end=at + len(text), kind=kind, value=Decimal(str(value)),
                        unit=unit, subject=subject, sentence=sentence, qualifier=qualifier, **extra)


@pytest.fixture
def aid_conflict():
    original = _article(3, "Brussels Post")
    copy = _article(3, "Copy Desk", seed_text(3).replace("$45 billion", "$54 billion"))
    a = _claim(original, "about $45 billion", 45e9, "USD", subject="arms and military aid", qualifier="approximate")
    b = _claim(copy, "about $54 billion", 54e9, "USD", subject="arms and military aid", qualifier="approximate")
    return a, b


@pytest.fixture
def reviewer():
    return get_user_model().objects.create_user("rhea", password="x-long-password-1")


@pytest.mark.smoke
def test_rebuild_puts_both_sources_in_one_conflicting_group(aid_conflict):
    groups_rebuild()
    a, b = (Claim.objects.get(pk=c.pk) for c in aid_conflict)
    assert a.group_id == b.group_id is not None
    group = a.group
    assert group.suggested_state == ClaimGroup.Suggestion.CONFLICTING and group.source_count == 2
    assert "Brussels Post" in group.reason and "Copy Desk" in group.reason


@pytest.mark.smoke
def test_rematch_keeps_the_group_its_verdict_and_reviews(aid_conflict, reviewer):
    groups_rebuild()
    group = Claim.objects.get(pk=aid_conflict[0].pk).group
    review_submit(reviewer=reviewer, verdict="conflicting", note="the copy changed the figure", group=group)
    groups_rebuild()
    groups_rebuild()
    again = Claim.objects.get(pk=aid_conflict[0].pk).group
    assert again.pk == group.pk and again.verdict == "conflicting"
    assert Review.objects.get().group_id == group.pk


def test_rematch_without_changes_writes_no_history(aid_conflict):
    groups_rebuild()
    group = Claim.objects.get(pk=aid_conflict[0].pk).group
    before = group.history.count()
    groups_rebuild()
    assert group.history.count() == before


def test_reviewed_group_whose_claims_vanish_is_kept_with_a_reason(aid_conflict, reviewer):
    groups_rebuild()
    group = Claim.objects.get(pk=aid_conflict[0].pk).group
    review_submit(reviewer=reviewer, verdict="verified", note="The State Department says $45 billion.",
                  correct_claims=[aid_conflict[0].pk], group=group)
    Claim.objects.filter(pk__in=[c.pk for c in aid_conflict]).delete()
    groups_rebuild()
    group.refresh_from_db()
    assert group.verdict == "verified" and group.source_count == 0 and "No longer matched" in group.reason
    assert Review.objects.filter(group=group).count() == 1


def test_unreviewed_group_whose_claims_vanish_is_deleted(aid_conflict):
    groups_rebuild()
    group_id = Claim.objects.get(pk=aid_conflict[0].pk).group_id
    Claim.objects.filter(pk__in=[c.pk for c in aid_conflict]).delete()
    groups_rebuild()
    assert not ClaimGroup.objects.filter(pk=group_id).exists()


def test_verdict_on_a_claim_survives_rematch(aid_conflict, reviewer):
    review_submit(reviewer=reviewer, verdict="rejected", note="The copy changed 45 to 54.", claim=aid_conflict[1])
    groups_rebuild()
    assert Claim.objects.get(pk=aid_conflict[1].pk).review_status == "rejected"


def test_article_match_groups_a_new_copy_with_the_stored_original(aid_conflict):
    a, b = aid_conflict
    article_match(article_id=a.article_id)
    article_match(article_id=b.article_id)
    assert Claim.objects.get(pk=a.pk).group_id == Claim.objects.get(pk=b.pk).group_id
    assert ClaimGroup.objects.filter(suggested_state="conflicting").count() == 1


def test_article_match_of_one_currency_leaves_other_currencies_alone(aid_conflict):
    aud = _claim(aid_conflict[0].article, "AU$730 million", 730e6, "AUD", subject="military support")
    groups_rebuild()
    aud_group = Claim.objects.get(pk=aud.pk).group_id
    article_match(article_id=aid_conflict[1].article_id)
    assert Claim.objects.get(pk=aud.pk).group_id == aud_group


def test_quote_credited_differently_is_a_flagged_group():
    a = _article(0, "London Daily")
    b = _article(2, "Fox")
    text_a = "NATO will continue to stand with Ukraine for as long as it takes. We will not back down,"
    QuoteFactory(article=a, text=text_a, start=a.body.index(text_a), end=a.body.index(text_a) + len(text_a),
                 speaker=SpeakerFactory(name="Jens Stoltenberg"))
    QuoteFactory(article=b, text="as long as it takes", start=b.body.index("as long as it takes"),
                 end=b.body.index("as long as it takes") + 19, speaker=SpeakerFactory(name="NATO", kind="organisation"))
    groups_rebuild()
    group = ClaimGroup.objects.get(kind="quote")
    assert group.suggested_state == "conflicting" and group.quotes.count() == 2
    assert "Jens Stoltenberg (London Daily)" in group.reason and "NATO (Fox)" in group.reason


def test_event_reports_disagreeing_on_place_are_flagged():
    _article(0, "London Daily")
    _article(1, "Kyiv Wire")
    groups_rebuild()
    group = ClaimGroup.objects.get(kind="event")
    assert group.suggested_state == "conflicting"
    assert "Bucharest" in group.reason and "Brussels" in group.reason
    mentions = group.mentions()
    assert len(mentions) == 2
    assert {m.source for m in mentions} == {"London Daily", "Kyiv Wire"}
    assert all(m.sentence and m.place for m in mentions)


def test_match_command_reports_what_it_did(aid_conflict):
    out = io.StringIO()
    call_command("match", stdout=out)
    assert "1 conflicting" in out.getvalue()


def test_article_without_events_leaves_event_groups_alone(aid_conflict):
    _article(0, "London Daily")
    _article(1, "Kyiv Wire")
    groups_rebuild()
    event = ClaimGroup.objects.get(kind="event")
    before = event.history.count()
    article_match(article_id=aid_conflict[1].article_id)
    event.refresh_from_db()
    assert event.suggested_state == "conflicting" and event.history.count() == before


def test_new_source_after_a_verdict_is_noted_until_a_reviewer_looks_again(aid_conflict, reviewer):
    groups_rebuild()
    group = Claim.objects.get(pk=aid_conflict[0].pk).group
    review_submit(reviewer=reviewer, verdict="conflicting", group=group)
    third = _article(3, "Third Desk", seed_text(3).replace("$45 billion", "$46 billion"))
    _claim(third, "about $46 billion", 46e9, "USD", subject="arms and military aid", qualifier="approximate")
    groups_rebuild()
    groups_rebuild()
    group.refresh_from_db()
    assert group.source_count == 3
    assert group.sources_changed is True
    assert not group.reason.startswith("Sources changed")  # a flag now, not the reason's words
    review_submit(reviewer=reviewer, verdict="conflicting", group=group)
    group.refresh_from_db()
    assert group.sources_changed is False


def test_article_match_reads_its_story_and_leaves_other_stories_alone(aid_conflict):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    groups_rebuild()
    elsewhere = ArticleFactory(
        body="Firefighters from Wasilla battled a blaze at the Matanuska Maid dairy building on Saturday; "
             "damage was put at $1.52 million by the Alaska State Troopers.",
        outlet=OutletFactory(name="Anchorage Daily News"),
    )
    _claim(elsewhere, "$1.52 million", 1.52e6, "USD", subject="damage")
    with CaptureQueriesContext(connection) as queries:
        article_match(article_id=elsewhere.id)
    elsewhere.refresh_from_db()
    assert elsewhere.story == elsewhere.id and elsewhere.matched_at is not None
    # The NATO story's claims are never read for a dairy fire in Alaska.
    assert not any("arms and military aid" in q["sql"] for q in queries.captured_queries)
    group = Claim.objects.get(pk=aid_conflict[0].pk).group
    assert group.suggested_state == ClaimGroup.Suggestion.CONFLICTING


def test_an_article_joining_two_stories_matches_their_facts_as_a_rebuild_does():
    from claims.models import Article

    trooper, chief, both = (_article(0, outlet, body) for outlet, body in
                            (("Oregonian", BOMBING_TROOPER), ("KGW", BOMBING_CHIEF), ("AP", BOMBING_BOTH)))
    served = [_claim(article, "two decades", 20, "year", kind="quantity") for article in (chief, both)]
    for article in (trooper, chief):
        article_match(article_id=article.id)
    assert dict(Article.objects.exclude(id=both.id).values_list("id", "story")) == {trooper.id: trooper.id, chief.id: chief.id}
    article_match(article_id=both.id)
    matched = dict(Article.objects.values_list("id", "story"))
    assert set(matched.values()) == {trooper.id}
    group = Claim.objects.get(pk=served[0].pk).group_id
    assert group is not None and Claim.objects.get(pk=served[1].pk).group_id == group
    groups_rebuild()
    assert dict(Article.objects.values_list("id", "story")) == matched
    assert Claim.objects.get(pk=served[0].pk).group_id == Claim.objects.get(pk=served[1].pk).group_id is not None


def test_sweeper_queues_matching_for_an_extracted_article_never_matched(aid_conflict, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    from claims.models import Article
    from claims.services import extraction_runs

    queued = []
    monkeypatch.setattr("claims.services.groups.article_queue_matching", lambda *, article_id: queued.append(article_id) or True)
    article = aid_conflict[1].article
    Article.objects.filter(id=article.id).update(extracted_at=timezone.now() - timedelta(hours=1), matched_at=None)
    Article.objects.exclude(id=article.id).update(extracted_at=timezone.now() - timedelta(hours=1), matched_at=timezone.now())
    assert extraction_runs.articles_requeue_matching(unmatched_for=timedelta(minutes=5)) == 1
    assert queued == [article.id]


def test_matching_tasks_go_to_their_own_queue():
    from factcheck.celery import app

    assert app.amqp.router.route({}, "claims.match_article")["queue"].name == "matching"
    assert app.amqp.router.route({}, "claims.extract_article")["queue"].name == "celery"


def test_rebuild_reads_more_articles_than_one_query_may_list(aid_conflict):
    """`match` over a newsroom's archive: past 65,535 articles an id list no longer fits in
    one PostgreSQL query (the rebuild failed with 'number of parameters must be between 0
    and 65535'); the two outlets' aid figures are still grouped beside 70,000 other articles."""
    from claims.models import Article

    outlet = OutletFactory(name="Archive Desk")
    Article.objects.bulk_create(
        [Article(outlet=outlet, title=f"archived {n}", body=f"archived story {n}", raw="", content_hash=f"archive-{n}",
                 status=Article.Status.PENDING) for n in range(70_000)],
        batch_size=5_000,
    )
    groups_rebuild()
    assert Article.objects.count() > 70_000
    group = ClaimGroup.objects.get(claims=aid_conflict[0])
    assert set(group.claims.values_list("pk", flat=True)) == {c.pk for c in aid_conflict}


def _names_counted() -> dict[str, int]:
    return dict(ArticleName.objects.values_list("name").annotate(n=Count("id")).values_list("name", "n"))


def _names_kept() -> dict[str, int]:
    return dict(NameFrequency.objects.filter(articles__gt=0).values_list("name", "articles"))


def test_name_frequencies_follow_articles_matched_rebuilt_and_deleted(aid_conflict):
    original, copy = (c.article for c in aid_conflict)
    third = _article(1, "Kyiv Daily")
    for article in (original, copy, third):
        article_match(article_id=article.id)
    counted = _names_counted()
    assert _names_kept() == counted and max(counted.values()) >= 2  # the copy shares its original's names
    groups_rebuild()
    assert _names_kept() == _names_counted()
    renamed = ArticleName.objects.filter(article=third).order_by("name").first()
    ArticleName.objects.filter(id=renamed.id).update(name=renamed.name + " renamed")
    copy.delete()
    assert _names_kept() == _names_counted()
    assert ArticleName.objects.count() > 0

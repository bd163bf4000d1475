"""The acceptance cases on the seed articles, through the real pipeline: ingest, extract
(spaCy), match on commit."""
from pathlib import Path

import pytest

from claims.models import Claim, ClaimGroup
from claims.services.ingest import article_ingest, article_ingest_path

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"


@pytest.fixture
def seeded(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        articles = {p.name[:3]: article_ingest_path(path=p).article for p in sorted(SEEDS.glob("*.txt"))}
    return articles


def _group_of_claim(article, text_part: str) -> ClaimGroup:
    claim = Claim.objects.select_related("group").get(article=article, text__contains=text_part)
    return claim.group


def test_nato_membership_count_is_consistent_across_seeds_000_and_003(seeded):
    group = _group_of_claim(seeded["000"], "30-nation")
    assert group == _group_of_claim(seeded["003"], "30 member states")
    assert group.suggested_state == ClaimGroup.Suggestion.CONSISTENT


def test_as_long_as_it_takes_is_flagged_for_differing_credit(seeded):
    group = ClaimGroup.objects.filter(
        kind="quote", quotes__article=seeded["002"], quotes__text__contains="as long as it takes"
    ).distinct().get()
    assert group.quotes.filter(article=seeded["000"]).exists()
    assert group.suggested_state == ClaimGroup.Suggestion.CONFLICTING
    assert "different speakers" in group.reason and "Jens Stoltenberg" in group.reason


def test_bucharest_and_brussels_meeting_is_flagged(seeded):
    group = ClaimGroup.objects.get(kind="event")
    assert group.suggested_state == ClaimGroup.Suggestion.CONFLICTING
    assert "Bucharest" in group.reason and "Brussels" in group.reason


def test_copy_with_changed_billions_conflicts_naming_both_sources(seeded, django_capture_on_commit_callbacks):
    text = next(SEEDS.glob("003_*.txt")).read_text(encoding="utf-8").replace("$45 billion", "$54 billion")
    with django_capture_on_commit_callbacks(execute=True):
        copy = article_ingest(content=text, outlet_name="Copy Desk").article
    group = _group_of_claim(copy, "$54 billion")
    assert group == _group_of_claim(seeded["003"], "$45 billion")
    assert group.suggested_state == ClaimGroup.Suggestion.CONFLICTING
    assert "Copy Desk" in group.reason and seeded["003"].title[:20] in group.reason


def test_re_extraction_and_re_matching_keep_verdicts_and_reviews(seeded, django_capture_on_commit_callbacks):
    from django.contrib.auth import get_user_model

    from claims.models import Review
    from claims.services.extraction_runs import article_extract
    from claims.services.review import review_submit

    reviewer = get_user_model().objects.create_user("vera", password="a-long-test-password-1")
    claim = Claim.objects.get(article=seeded["003"], text__contains="30 member states")
    group = claim.group
    # The group's verdict first: a later one on the claim is its state (it decides it last).
    review_submit(reviewer=reviewer, verdict="consistent", group=group)
    review_submit(reviewer=reviewer, verdict="verified", note="NATO had 30 members then", claim=claim)
    with django_capture_on_commit_callbacks(execute=True):
        assert article_extract(article_id=seeded["003"].id, force=True)
    claim.refresh_from_db()
    group.refresh_from_db()
    assert claim.review_status == "verified" and claim.group_id == group.id
    assert group.verdict == "consistent"
    assert Review.objects.filter(claim=claim).count() == 1 and Review.objects.filter(group=group).count() == 1

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from claims.models import Review, ReviewStatus
from claims.services.review import review_submit, reviews_submit_bulk
from tests.factories import ClaimFactory, ClaimGroupFactory, QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer():
    return get_user_model().objects.create_user("rita", password="x-long-password-1")


@pytest.mark.smoke
def test_verdict_on_claim_sets_its_review_status(reviewer):
    claim = ClaimFactory()
    review = review_submit(reviewer=reviewer, verdict="verified", note="Checked the budget papers", claim=claim)
    claim.refresh_from_db()
    assert claim.review_status == ReviewStatus.VERIFIED
    assert review.claim == claim and review.reviewer == reviewer


def test_review_copies_what_was_judged_so_it_survives_the_claim(reviewer):
    claim = ClaimFactory()
    review = review_submit(reviewer=reviewer, verdict="rejected", note="the papers say $10 million", claim=claim)
    claim.delete()
    review.refresh_from_db()
    assert review.claim is None
    assert review.target_fingerprint == claim.fingerprint
    assert "$12 million" in review.target_text


@pytest.mark.smoke
def test_verdict_on_group_sets_its_verdict(reviewer):
    group = ClaimGroupFactory()
    review_submit(reviewer=reviewer, verdict="conflicting", evidence_url="https://example.org/budget.pdf", group=group)
    group.refresh_from_db()
    assert group.verdict == ReviewStatus.CONFLICTING


def test_verdict_on_quote_is_recorded(reviewer):
    quote = QuoteFactory()
    review = review_submit(reviewer=reviewer, verdict="verified", note="on the video", quote=quote.pk)
    assert review.quote_id == quote.pk and review.target_text == quote.text


def test_unknown_verdict_is_refused_with_the_choices(reviewer):
    with pytest.raises(ValidationError) as err:
        review_submit(reviewer=reviewer, verdict="unreviewed", claim=ClaimFactory())
    assert "verdict" in err.value.message_dict
    assert "verified" in err.value.message_dict["verdict"][0]
    assert not Review.objects.exists()


def test_two_targets_are_refused(reviewer):
    with pytest.raises(ValidationError, match="exactly one"):
        review_submit(reviewer=reviewer, verdict="verified", note="checked", claim=ClaimFactory(), group=ClaimGroupFactory())


def test_no_target_is_refused(reviewer):
    with pytest.raises(ValidationError, match="got none"):
        review_submit(reviewer=reviewer, verdict="verified", note="checked")


def test_evidence_link_must_be_http(reviewer):
    with pytest.raises(ValidationError) as err:
        review_submit(reviewer=reviewer, verdict="verified", evidence_url="javascript:alert(1)", claim=ClaimFactory())
    assert "evidence_url" in err.value.message_dict


def test_anonymous_reviewer_is_refused():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(ValidationError) as err:
        review_submit(reviewer=AnonymousUser(), verdict="verified", claim=ClaimFactory())
    assert "reviewer" in err.value.message_dict


def test_missing_target_id_is_refused(reviewer):
    with pytest.raises(ValidationError, match="does not exist"):
        review_submit(reviewer=reviewer, verdict="verified", note="checked", claim=987654)


def test_history_names_the_reviewer(reviewer):
    claim = ClaimFactory()
    review_submit(reviewer=reviewer, verdict="verified", note="Checked the budget papers", claim=claim)
    latest = claim.history.latest()
    assert latest.review_status == "verified" and latest.history_user == reviewer


def test_second_verdict_keeps_the_first_review(reviewer):
    claim = ClaimFactory()
    review_submit(reviewer=reviewer, verdict="consistent", claim=claim)
    review_submit(reviewer=reviewer, verdict="rejected", note="wrong figure", claim=claim)
    assert list(claim.reviews.order_by("id").values_list("verdict", flat=True)) == ["consistent", "rejected"]


def test_bulk_verdict_reviews_every_selected_claim(reviewer):
    claims = ClaimFactory.create_batch(3)
    reviews = reviews_submit_bulk(reviewer=reviewer, verdict="verified", note="all in the budget papers", claims=claims)
    assert len(reviews) == 3
    assert {c.review_status for c in type(claims[0]).objects.filter(pk__in=[c.pk for c in claims])} == {"verified"}


def test_bulk_verdict_with_a_vanished_target_writes_nothing(reviewer):
    claim = ClaimFactory()
    with pytest.raises(ValidationError, match="no longer exist"):
        reviews_submit_bulk(reviewer=reviewer, verdict="verified", note="checked", claims=[claim.pk, 987654])
    assert not Review.objects.exists()

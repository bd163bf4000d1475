from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from claims.models import Claim, ClaimGroup, Review, ReviewStatus
from claims.services.review import review_submit, reviews_submit_bulk
from tests.factories import ArticleFactory, ClaimFactory, ClaimGroupFactory, OutletFactory, QuoteFactory

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


# --- what a verdict decides for each claim ------------------------------------------------------


@pytest.fixture
def aid():
    """Seed 003's "about $45 billion" and a copy's "about $54 billion", grouped as the matcher does."""
    group = ClaimGroupFactory(kind="money", unit="USD", subject="arms", suggested_state="conflicting",
                              reason="Values disagree: Brussels Post says “about $45 billion” but Copy Desk says “about $54 billion”.")
    said = {}
    for outlet, text, value in (("Brussels Post", "about $45 billion", 45e9), ("Copy Desk", "about $54 billion", 54e9)):
        said[outlet] = ClaimFactory(
            article=ArticleFactory(outlet=OutletFactory(name=outlet)), text=text, value=Decimal(value),
            qualifier="approximate", subject="arms", group=group,
        )
    return group, said["Brussels Post"], said["Copy Desk"]


def _states(*claims) -> list[str]:
    return [Claim.objects.get(pk=c.pk).review_status for c in claims]


@pytest.mark.parametrize("verdict", ["verified", "rejected"])
def test_a_published_verdict_without_note_or_link_is_refused(reviewer, verdict):
    with pytest.raises(ValidationError) as err:
        review_submit(reviewer=reviewer, verdict=verdict, claim=ClaimFactory())
    assert "needs evidence" in err.value.message_dict["note"][0]
    assert not Review.objects.exists()


def test_a_link_alone_is_evidence_enough(reviewer):
    review_submit(reviewer=reviewer, verdict="verified", evidence_url="https://example.org/minutes", claim=ClaimFactory())
    assert Review.objects.count() == 1


def test_evidence_rule_can_ask_for_a_link(reviewer, settings):
    settings.FACTCHECK_VERDICT_EVIDENCE = "link"
    with pytest.raises(ValidationError) as err:
        review_submit(reviewer=reviewer, verdict="rejected", note="a note is not enough", claim=ClaimFactory())
    assert "evidence link" in err.value.message_dict["evidence_url"][0]


def test_evidence_rule_can_be_off(reviewer, settings):
    settings.FACTCHECK_VERDICT_EVIDENCE = "none"
    review_submit(reviewer=reviewer, verdict="verified", claim=ClaimFactory())
    assert Review.objects.count() == 1


def test_consistent_and_conflicting_need_no_evidence(reviewer):
    review_submit(reviewer=reviewer, verdict="conflicting", claim=ClaimFactory())
    assert Review.objects.count() == 1


def test_verifying_a_group_whose_sources_disagree_without_a_choice_is_refused(reviewer, aid):
    group, brussels, copy = aid
    with pytest.raises(ValidationError) as err:
        review_submit(reviewer=reviewer, verdict="verified", note="checked", group=group)
    message = err.value.message_dict["correct_claims"][0]
    assert "the sources disagree" in message and "Copy Desk says “about $54 billion”" in message
    assert "pick the correct claim(s)" in message
    assert err.value.code == "sources_disagree"
    assert not Review.objects.exists() and _states(brussels, copy) == ["unreviewed", "unreviewed"]
    group.refresh_from_db()
    assert group.verdict == "unreviewed"


def test_members_disagreeing_on_values_are_refused_even_if_the_matcher_said_consistent(reviewer, aid):
    group, _, _ = aid
    ClaimGroup.objects.filter(pk=group.pk).update(suggested_state="consistent", reason="")
    with pytest.raises(ValidationError, match="sources disagree"):
        review_submit(reviewer=reviewer, verdict="verified", note="checked", group=group)


def test_picking_the_correct_claim_verifies_it_and_rejects_the_other_with_the_same_evidence(reviewer, aid):
    group, brussels, copy = aid
    review = review_submit(reviewer=reviewer, verdict="verified", note="The State Department says $45 billion.",
                           evidence_url="https://example.org/aid", correct_claims=[brussels.pk], group=group)
    assert _states(brussels, copy) == ["verified", "rejected"]
    decisions = {d.claim_id: (d.status, d.basis) for d in review.decisions.all()}
    assert decisions == {brussels.pk: ("verified", "chosen"), copy.pk: ("rejected", "disagrees")}
    assert set(Claim.objects.filter(group=group).values_list("decided_by", flat=True)) == {review.pk}
    group.refresh_from_db()
    assert group.verdict == "verified"


def test_entering_the_established_value_decides_each_member(reviewer, aid):
    group, brussels, copy = aid
    review = review_submit(reviewer=reviewer, verdict="verified", evidence_url="https://example.org/aid",
                           established_value="54,000,000,000", group=group)
    assert _states(brussels, copy) == ["rejected", "verified"]
    assert review.established_value == Decimal("54000000000")


def test_a_choice_outside_the_group_is_refused(reviewer, aid):
    group, _, _ = aid
    stranger = ClaimFactory()
    with pytest.raises(ValidationError, match="not in this group"):
        review_submit(reviewer=reviewer, verdict="verified", note="x", correct_claims=[stranger.pk], group=group)


def test_picking_claims_that_disagree_is_refused(reviewer, aid):
    group, brussels, copy = aid
    with pytest.raises(ValidationError, match="picked as correct disagree"):
        review_submit(reviewer=reviewer, verdict="verified", note="x", correct_claims=[brussels.pk, copy.pk], group=group)


def test_a_choice_goes_only_with_verified(reviewer, aid):
    group, brussels, _ = aid
    with pytest.raises(ValidationError, match="goes with “verified”"):
        review_submit(reviewer=reviewer, verdict="rejected", note="x", correct_claims=[brussels.pk], group=group)


def test_consistent_group_verified_verifies_every_member(reviewer):
    group = ClaimGroupFactory(suggested_state="consistent")
    claims = [ClaimFactory(group=group), ClaimFactory(group=group, text="about $12 million", qualifier="approximate")]
    review_submit(reviewer=reviewer, verdict="verified", note="In the budget papers.", group=group)
    assert _states(*claims) == ["verified", "verified"]


def test_conflicting_verdict_marks_every_member_conflicting(reviewer, aid):
    group, brussels, copy = aid
    review_submit(reviewer=reviewer, verdict="conflicting", group=group)
    assert _states(brussels, copy) == ["conflicting", "conflicting"]


def test_a_later_verdict_supersedes_and_the_trail_keeps_both(reviewer, aid):
    group, brussels, copy = aid
    first = review_submit(reviewer=reviewer, verdict="verified", note="45, says the State Department",
                          correct_claims=[brussels.pk], group=group)
    correction = review_submit(reviewer=reviewer, verdict="verified", note="Corrected: the figure is 54",
                               evidence_url="https://example.org/correction", established_value="54000000000", group=group)
    assert _states(brussels, copy) == ["rejected", "verified"]
    copy.refresh_from_db()
    assert copy.decided_by == correction
    assert list(copy.decisions.order_by("id").values_list("review_id", "status")) == [
        (first.pk, "rejected"), (correction.pk, "verified"),
    ]


def test_a_claims_own_verdict_after_its_groups_supersedes_it(reviewer, aid):
    group, brussels, copy = aid
    review_submit(reviewer=reviewer, verdict="verified", note="45", correct_claims=[brussels.pk], group=group)
    own = review_submit(reviewer=reviewer, verdict="consistent", claim=copy)
    copy.refresh_from_db()
    assert copy.review_status == "consistent" and copy.decided_by == own


def test_bulk_verified_refuses_every_group_if_one_conflicts(reviewer, aid):
    conflicting, _, _ = aid
    agreeing = ClaimGroupFactory(suggested_state="consistent")
    ClaimFactory(group=agreeing)
    with pytest.raises(ValidationError, match="sources disagree"):
        reviews_submit_bulk(reviewer=reviewer, verdict="verified", note="checked", groups=[agreeing, conflicting])
    assert not Review.objects.exists()

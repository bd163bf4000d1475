from decimal import Decimal

import pytest
from django.urls import reverse

from claims.models import Claim, ClaimGroup, Review
from tests.factories import ArticleFactory, ClaimFactory, ClaimGroupFactory, OutletFactory

pytestmark = pytest.mark.django_db


def test_verdict_form_records_a_review_and_sets_the_group_verdict(reviewer_client, reviewer):
    group = ClaimGroupFactory()
    response = reviewer_client.post(
        reverse("admin:claims_claimgroup_verdict", args=[group.pk]),
        {"verdict": "conflicting", "note": "The copy changed 45 to 54", "evidence_url": "https://example.org/aid"},
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.verdict == "conflicting"
    review = Review.objects.get()
    assert (review.reviewer, review.note, review.group) == (reviewer, "The copy changed 45 to 54", group)


def test_verdict_shows_in_the_group_history_with_who(reviewer_client, reviewer):
    group = ClaimGroupFactory()
    reviewer_client.post(reverse("admin:claims_claimgroup_verdict", args=[group.pk]), {"verdict": "verified", "note": "matches the minutes"})
    page = reviewer_client.get(reverse("admin:claims_claimgroup_history", args=[group.pk])).content.decode()
    assert "rev" in page and "verdict: verified" in page


def test_bad_evidence_link_is_refused_with_a_message(reviewer_client):
    group = ClaimGroupFactory()
    response = reviewer_client.post(
        reverse("admin:claims_claimgroup_verdict", args=[group.pk]), {"verdict": "verified", "evidence_url": "ftp://x"},
        follow=True,
    )
    assert not Review.objects.exists()
    assert "Enter a valid URL" in response.content.decode()


def test_api_consumer_cannot_give_a_verdict(client, consumer):
    client.force_login(consumer)
    group = ClaimGroupFactory()
    response = client.post(reverse("admin:claims_claimgroup_verdict", args=[group.pk]), {"verdict": "verified", "note": "matches the minutes"})
    # API consumers do not sign in to the admin at all (their role is the API's).
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not Review.objects.exists()


def test_fact_checker_cannot_give_a_verdict(fact_checker_client):
    claim = ClaimFactory()
    response = fact_checker_client.post(reverse("admin:claims_claim_verdict", args=[claim.pk]), {"verdict": "verified", "note": "matches the minutes"})
    assert response.status_code == 403


def test_bulk_action_marks_selected_claims_consistent(reviewer_client):
    claims = ClaimFactory.create_batch(3)
    reviewer_client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "mark_consistent", "_selected_action": [c.pk for c in claims[:2]]},
    )
    states = dict(Claim.objects.values_list("pk", "review_status"))
    assert [states[c.pk] for c in claims] == ["consistent", "consistent", "unreviewed"]
    assert Review.objects.count() == 2


def test_one_click_verified_is_not_offered_because_it_carries_no_evidence(reviewer_client):
    claims = ClaimFactory.create_batch(2)
    page = reviewer_client.get(reverse("admin:claims_claim_changelist")).content.decode()
    assert 'value="mark_conflicting"' in page and 'value="give_verdict"' in page
    assert 'value="mark_verified"' not in page and 'value="mark_rejected"' not in page
    reviewer_client.post(
        reverse("admin:claims_claim_changelist"), {"action": "mark_verified", "_selected_action": [c.pk for c in claims]}
    )
    assert not Review.objects.exists()
    assert set(Claim.objects.values_list("review_status", flat=True)) == {"unreviewed"}


def test_bulk_verdict_on_groups(reviewer_client):
    groups = ClaimGroupFactory.create_batch(2)
    reviewer_client.post(
        reverse("admin:claims_claimgroup_changelist"),
        {"action": "mark_conflicting", "_selected_action": [g.pk for g in groups]},
    )
    assert set(ClaimGroup.objects.values_list("verdict", flat=True)) == {"conflicting"}


def test_reviews_cannot_be_edited_in_the_admin(reviewer_client, reviewer):
    group = ClaimGroupFactory()
    reviewer_client.post(reverse("admin:claims_claimgroup_verdict", args=[group.pk]), {"verdict": "verified", "note": "matches the minutes"})
    review = Review.objects.get()
    response = reviewer_client.post(reverse("admin:claims_review_change", args=[review.pk]), {"verdict": "rejected", "note": "the minutes say otherwise"})
    review.refresh_from_db()
    assert review.verdict == "verified" and response.status_code in (302, 403)


def test_bulk_verdict_with_a_note_asks_then_records_it_on_each(reviewer_client):
    groups = ClaimGroupFactory.create_batch(2)
    url = reverse("admin:claims_claimgroup_changelist")
    selected = [g.pk for g in groups]
    page = reviewer_client.post(url, {"action": "give_verdict", "_selected_action": selected})
    assert page.status_code == 200 and "Record verdict on 2" in page.content.decode()
    reviewer_client.post(url, {
        "action": "give_verdict", "_selected_action": selected, "apply": "1", "verdict": "verified",
        "note": "Both match the budget papers", "evidence_url": "https://example.org/budget",
    })
    assert set(ClaimGroup.objects.values_list("verdict", flat=True)) == {"verified"}
    assert set(Review.objects.values_list("note", flat=True)) == {"Both match the budget papers"}
    assert Review.objects.count() == 2


@pytest.fixture
def aid_conflict():
    group = ClaimGroupFactory(kind="money", unit="USD", suggested_state="conflicting", reason="Values disagree.")
    said = []
    for outlet, text, value in (("Brussels Post", "about $45 billion", 45e9), ("Copy Desk", "about $54 billion", 54e9)):
        said.append(ClaimFactory(article=ArticleFactory(outlet=OutletFactory(name=outlet)), text=text,
                                 value=Decimal(value), qualifier="approximate", group=group))
    return group, *said


def test_group_page_says_the_sources_disagree_and_offers_each_claim(reviewer_client, aid_conflict):
    group, brussels, copy = aid_conflict
    page = reviewer_client.get(reverse("admin:claims_claimgroup_change", args=[group.pk])).content.decode()
    assert 'id="sources-disagree"' in page and "Copy Desk says “about $54 billion”" in page
    assert f'name="correct_claims" value="{brussels.pk}"' in page and "Brussels Post: about $45 billion" in page
    assert 'name="established_value"' in page


def test_verified_without_a_choice_is_refused_with_the_reason(reviewer_client, aid_conflict):
    group, brussels, copy = aid_conflict
    response = reviewer_client.post(reverse("admin:claims_claimgroup_verdict", args=[group.pk]),
                                    {"verdict": "verified", "note": "checked"}, follow=True)
    page = response.content.decode()
    assert "Verdict not recorded: the sources disagree" in page and "pick the correct claim(s)" in page
    assert not Review.objects.exists()


def test_verified_with_the_correct_claim_decides_both(reviewer_client, aid_conflict):
    group, brussels, copy = aid_conflict
    response = reviewer_client.post(
        reverse("admin:claims_claimgroup_verdict", args=[group.pk]),
        {"verdict": "verified", "correct_claims": [brussels.pk], "note": "State Department: $45 billion",
         "evidence_url": "https://example.org/aid"},
        follow=True,
    )
    assert "Decided: 1 claim rejected, 1 claim verified." in response.content.decode()
    assert dict(Claim.objects.values_list("pk", "review_status")) == {brussels.pk: "verified", copy.pk: "rejected"}
    claim_page = reviewer_client.get(reverse("admin:claims_claim_change", args=[copy.pk])).content.decode()
    assert "State Department: $45 billion" in claim_page  # the group's verdict is in the claim's trail
    review_page = reviewer_client.get(reverse("admin:claims_review_change", args=[Review.objects.get().pk]))
    assert '<span class="fc-badge fc-state-rejected">rejected</span>' in review_page.content.decode()
    assert "about $54 billion" in review_page.content.decode()


def test_verified_without_evidence_is_refused_in_the_admin(reviewer_client):
    claim = ClaimFactory()
    response = reviewer_client.post(reverse("admin:claims_claim_verdict", args=[claim.pk]), {"verdict": "verified"},
                                    follow=True)
    assert "needs evidence" in response.content.decode() and not Review.objects.exists()

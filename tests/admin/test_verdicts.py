import pytest
from django.urls import reverse

from claims.models import Claim, ClaimGroup, Review
from tests.factories import ClaimFactory, ClaimGroupFactory

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
    reviewer_client.post(reverse("admin:claims_claimgroup_verdict", args=[group.pk]), {"verdict": "verified"})
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
    response = client.post(reverse("admin:claims_claimgroup_verdict", args=[group.pk]), {"verdict": "verified"})
    # API consumers do not sign in to the admin at all (their role is the API's).
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not Review.objects.exists()


def test_fact_checker_cannot_give_a_verdict(fact_checker_client):
    claim = ClaimFactory()
    response = fact_checker_client.post(reverse("admin:claims_claim_verdict", args=[claim.pk]), {"verdict": "verified"})
    assert response.status_code == 403


def test_bulk_action_marks_selected_claims_verified(reviewer_client):
    claims = ClaimFactory.create_batch(3)
    reviewer_client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "mark_verified", "_selected_action": [c.pk for c in claims[:2]]},
    )
    states = dict(Claim.objects.values_list("pk", "review_status"))
    assert [states[c.pk] for c in claims] == ["verified", "verified", "unreviewed"]
    assert Review.objects.count() == 2


def test_bulk_verdict_on_groups(reviewer_client):
    groups = ClaimGroupFactory.create_batch(2)
    reviewer_client.post(
        reverse("admin:claims_claimgroup_changelist"), {"action": "mark_rejected", "_selected_action": [g.pk for g in groups]}
    )
    assert set(ClaimGroup.objects.values_list("verdict", flat=True)) == {"rejected"}


def test_reviews_cannot_be_edited_in_the_admin(reviewer_client, reviewer):
    group = ClaimGroupFactory()
    reviewer_client.post(reverse("admin:claims_claimgroup_verdict", args=[group.pk]), {"verdict": "verified"})
    review = Review.objects.get()
    response = reviewer_client.post(reverse("admin:claims_review_change", args=[review.pk]), {"verdict": "rejected"})
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

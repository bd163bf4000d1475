"""Verdicts over the API: giving one on a conflicting group, the reviews list and the trails."""
from decimal import Decimal

import pytest

from claims.models import Claim, ClaimGroup, Review
from claims.services.review import review_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def conflict(story):
    """The Herald's budget figure changed to $15 million: the group's sources now disagree."""
    Claim.objects.filter(pk=story["budget_b"].pk).update(value=Decimal(15_000_000), text="about $15 million")
    ClaimGroup.objects.filter(pk=story["group"].pk).update(suggested_state="conflicting")
    return story


def test_verified_on_a_conflicting_group_without_a_choice_is_a_400_saying_what_to_do(reviewer_api, conflict):
    response = reviewer_api.post(f"/api/groups/{conflict['group'].pk}/verdicts/",
                                 {"verdict": "verified", "note": "In the minutes."}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "sources_disagree"
    assert "Metro Herald says “about $15 million”" in body["errors"]["correct_claims"][0]
    assert not Review.objects.exists()


def test_picking_the_correct_claim_over_the_api_answers_with_each_decision(reviewer_api, reviewer, conflict):
    courier, herald = conflict["budget_a"], conflict["budget_b"]
    response = reviewer_api.post(
        f"/api/groups/{conflict['group'].pk}/verdicts/",
        {"verdict": "verified", "correct_claims": [courier.pk], "note": "The minutes say $12 million.",
         "evidence_url": "https://council.example/minutes"},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["on"], body["reviewer"], body["current"]) == ("group", reviewer.username, True)
    assert [(d["claim_id"], d["status"], d["basis"], d["current"]) for d in body["decisions"]] == [
        (courier.pk, "verified", "chosen", True), (herald.pk, "rejected", "disagrees", True),
    ]
    assert body["url"].endswith(f"/api/reviews/{body['id']}/")


def test_established_value_over_the_api(reviewer_api, conflict):
    response = reviewer_api.post(f"/api/groups/{conflict['group'].pk}/verdicts/",
                                 {"verdict": "verified", "established_value": "15000000",
                                  "evidence_url": "https://council.example/minutes"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["established_value"] == "15000000"
    assert [d["status"] for d in response.json()["decisions"]] == ["rejected", "verified"]


def test_a_bad_established_value_is_a_400_naming_the_field(reviewer_api, conflict):
    response = reviewer_api.post(f"/api/groups/{conflict['group'].pk}/verdicts/",
                                 {"verdict": "verified", "established_value": "twelve million", "note": "x"},
                                 format="json")
    assert response.status_code == 400
    assert "is not a number" in response.json()["errors"]["established_value"][0]


def test_reviews_list_shows_note_evidence_reviewer_time_and_decisions(api, reviewer, conflict):
    review_submit(reviewer=reviewer, verdict="verified", note="The minutes say $12 million.",
                  evidence_url="https://council.example/minutes", correct_claims=[conflict["budget_a"].pk],
                  group=conflict["group"])
    body = api.get("/api/reviews/").json()
    (review,) = body["results"]
    assert review["note"] == "The minutes say $12 million."
    assert review["evidence_url"] == "https://council.example/minutes"
    assert review["reviewer"] == reviewer.username and review["created_at"].endswith("Z")
    assert review["group"].endswith(f"/api/groups/{conflict['group'].pk}/") and review["claim"] is None
    assert {d["claim_text"]: d["status"] for d in review["decisions"]} == {
        "$12 million": "verified", "about $15 million": "rejected",
    }


def test_claims_show_the_review_that_decided_them(api, reviewer, conflict):
    review = review_submit(reviewer=reviewer, verdict="verified", note="The minutes.",
                           correct_claims=[conflict["budget_a"].pk], group=conflict["group"])
    for key in ("budget_a", "budget_b"):
        row = api.get(f"/api/claims/{conflict[key].pk}/").json()
        assert row["decided_by"].endswith(f"/api/reviews/{review.pk}/")
    assert api.get(f"/api/claims/{conflict['jobless'].pk}/").json()["decided_by"] is None


def test_a_correction_supersedes_and_the_trail_shows_both(api, reviewer, conflict):
    herald = conflict["budget_b"]
    first = review_submit(reviewer=reviewer, verdict="verified", note="The minutes say $12 million.",
                          correct_claims=[conflict["budget_a"].pk], group=conflict["group"])
    correction = review_submit(reviewer=reviewer, verdict="verified", note="Amended: $15 million.",
                               established_value="15000000", group=conflict["group"])
    trail = api.get(f"/api/claims/{herald.pk}/reviews/").json()
    assert [(r["id"], r["current"]) for r in trail] == [(first.pk, False), (correction.pk, True)]
    herald_decisions = [d for r in trail for d in r["decisions"] if d["claim_id"] == herald.pk]
    assert [(d["status"], d["current"]) for d in herald_decisions] == [("rejected", False), ("verified", True)]
    row = api.get(f"/api/claims/{herald.pk}/").json()
    assert row["review_status"] == "verified" and row["decided_by"].endswith(f"/api/reviews/{correction.pk}/")
    group_trail = api.get(f"/api/groups/{conflict['group'].pk}/reviews/").json()
    assert [r["id"] for r in group_trail] == [first.pk, correction.pk]


def test_a_claims_trail_includes_its_own_verdicts_and_its_groups(api, reviewer, story):
    own = review_submit(reviewer=reviewer, verdict="conflicting", claim=story["budget_a"])
    on_group = review_submit(reviewer=reviewer, verdict="verified", note="In the minutes.", group=story["group"])
    trail = api.get(f"/api/claims/{story['budget_a'].pk}/reviews/").json()
    assert [(r["id"], r["on"], r["current"]) for r in trail] == [(own.pk, "claim", False), (on_group.pk, "group", True)]
    assert api.get(f"/api/claims/{story['jobless'].pk}/reviews/").json() == []


def test_reviews_sync_by_created_since_and_filter_by_claim(api, reviewer, story):
    first = review_submit(reviewer=reviewer, verdict="conflicting", claim=story["jobless"])
    second = review_submit(reviewer=reviewer, verdict="verified", note="In the minutes.", group=story["group"])
    since = Review.objects.get(pk=second.pk).created_at
    ids = [r["id"] for r in api.get("/api/reviews/", {"created_since": since.isoformat()}).json()["results"]]
    assert ids == [second.pk]
    assert [r["id"] for r in api.get(f"/api/reviews/?claim={story['budget_a'].pk}").json()["results"]] == [second.pk]
    assert [r["id"] for r in api.get("/api/reviews/?verdict=conflicting").json()["results"]] == [first.pk]


def test_reviews_list_costs_a_fixed_number_of_queries(api, reviewer, story, django_assert_max_num_queries):
    for _ in range(5):
        review_submit(reviewer=reviewer, verdict="verified", note="In the minutes.", group=story["group"])
        review_submit(reviewer=reviewer, verdict="consistent", claim=story["jobless"])
    # Token and user, permissions (2), the page of reviews, their decisions with claims.
    with django_assert_max_num_queries(6):
        assert len(api.get("/api/reviews/").json()["results"]) == 10

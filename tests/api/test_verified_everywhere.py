""""Verified" is one rule (Claim.objects.verified(), Claim.is_verified: the claim's state,
which a verdict on the claim or on its group decides) and every reader gives the same
answer: the list (rows, or JSON written by the database), the detail, the group, the
`verified` filter, the CSV export and the ClaimReview feed."""
from __future__ import annotations

import csv
import io

import pytest

from claims.models import Claim
from claims.services.review import review_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(story, reviewer):
    """The group verified with budget_a's value as right: budget_b, which says another
    value, is rejected by the same verdict; jobless is in no group and not reviewed."""
    Claim.objects.filter(pk=story["budget_b"].pk).update(value=45_000_000, text="$45 million", qualifier="exact")
    review_submit(reviewer=reviewer, verdict="verified", note="The minutes say $12 million.", group=story["group"],
                  correct_claims=[story["budget_a"].pk])
    return {"verified": story["budget_a"].pk, "rejected": story["budget_b"].pk, "unreviewed": story["jobless"].pk}


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_the_model_decides_which_claims_are_verified(decided):
    assert list(Claim.objects.verified().values_list("id", flat=True)) == [decided["verified"]]
    assert sorted(Claim.objects.unverified().values_list("id", flat=True)) == sorted(
        [decided["rejected"], decided["unreviewed"]]
    )
    assert [c.pk for c in Claim.objects.order_by("id") if c.is_verified] == [decided["verified"]]


def test_list_detail_and_group_say_the_same(api, decided, story):
    listed = {item["id"]: item["verified"] for item in api.get("/api/claims/?page_size=500").json()["results"]}
    assert listed == {decided["verified"]: True, decided["rejected"]: False, decided["unreviewed"]: False}
    for pk, verified in listed.items():
        assert api.get(f"/api/claims/{pk}/").json()["verified"] is verified
    members = api.get(f"/api/groups/{story['group'].pk}/").json()["claims"]
    assert len(members) == 2
    assert {m["id"]: m["verified"] for m in members} == {decided["verified"]: True, decided["rejected"]: False}


def test_the_filter_and_the_export_say_the_same(api, decided):
    assert _ids(api.get("/api/claims/?verified=true")) == [decided["verified"]]
    assert _ids(api.get("/api/claims/?verified=false")) == sorted([decided["rejected"], decided["unreviewed"]])
    response = api.get("/api/claims/export.csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 3
    assert {int(r["id"]): r["verified"] for r in rows} == {
        decided["verified"]: "true", decided["rejected"]: "false", decided["unreviewed"]: "false",
    }


def test_the_feed_publishes_the_verified_and_the_rejected_claim(api, decided):
    body = api.get("/api/claimreviews/").json()
    assert body["count"] == 2
    ratings = {int(item["url"].rstrip("/").rsplit("/", 1)[1]): item["reviewRating"]["alternateName"]
               for item in body["results"]}
    assert ratings == {decided["verified"]: "Verified", decided["rejected"]: "False"}

"""Verdicts mean what they say, end to end on the seed articles plus a copy of seed 003 by
"Copy Desk" whose "$45 billion" became "$54 billion": ingest, extract (spaCy), match, give
verdicts over the API, then read every view a consumer republishes from (claims, one claim,
groups, the CSV, ClaimReview, reviews) and check that they all tell each claim's state alike.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from claims.models import Claim, ClaimGroup
from claims.services.ingest import article_ingest, article_ingest_path
from tests.api.conftest import make_user, token_client

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
EVIDENCE = "https://state.example/ukraine-aid-fact-sheet"


@pytest.fixture
def seeded(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for path in sorted(SEEDS.glob("*.txt")):
            article_ingest_path(path=path)
        copy = (SEEDS / next(p.name for p in SEEDS.glob("003_*.txt"))).read_text(encoding="utf-8")
        article_ingest(content=copy.replace("$45 billion", "$54 billion"), outlet_name="Copy Desk")
    said_45 = Claim.objects.select_related("group").get(text__contains="$45 billion")
    said_54 = Claim.objects.select_related("group").get(text__contains="$54 billion")
    assert said_45.group_id == said_54.group_id, "the matcher groups the two figures"
    return {"group": said_45.group, "said_45": said_45, "said_54": said_54}


@pytest.fixture
def reviewer_api():
    return token_client(make_user("reviewer", "vera"))


@pytest.fixture
def reader():
    return token_client(make_user("consumer", "carl"))


def _ids(path: str) -> int:
    return int(urlsplit(path).path.rstrip("/").split("/")[-1])


def _walk(client, url: str) -> list[dict]:
    rows = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        rows += response.json()["results"]
        url = response.json()["next"]
    return rows


def test_verifying_the_conflicting_group_without_a_choice_is_refused(seeded, reviewer_api, reader):
    group = seeded["group"]
    assert group.suggested_state == ClaimGroup.Suggestion.CONFLICTING
    response = reviewer_api.post(f"/api/groups/{group.pk}/verdicts/",
                                 {"verdict": "verified", "evidence_url": EVIDENCE}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "sources_disagree"
    assert "Copy Desk says “about $54 billion”" in response.json()["detail"]
    assert _walk(reader, "/api/claims/?verified=true&page_size=500") == []
    assert reader.get("/api/claimreviews/").json()["count"] == 0


def test_choosing_45_billion_publishes_one_truth_in_every_view(seeded, reviewer_api, reader):
    group, said_45, said_54 = seeded["group"], seeded["said_45"], seeded["said_54"]
    response = reviewer_api.post(
        f"/api/groups/{group.pk}/verdicts/",
        {"verdict": "verified", "correct_claims": [said_45.pk], "evidence_url": EVIDENCE,
         "note": "The State Department's fact sheet gives about $45 billion."},
        format="json",
    )
    assert response.status_code == 201, response.content
    # More verdicts of every kind, so that the walk below meets every state.
    countries = Claim.objects.filter(text="54 countries").values_list("group_id", flat=True).first()
    assert reviewer_api.post(f"/api/groups/{countries}/verdicts/", {"verdict": "verified", "note": "Pentagon list"},
                             format="json").status_code == 201
    nato = Claim.objects.filter(text__contains="30 member states").values_list("group_id", flat=True).first()
    assert reviewer_api.post(f"/api/groups/{nato}/verdicts/", {"verdict": "consistent"}, format="json").status_code == 201
    lone = Claim.objects.filter(group__isnull=True).first() or Claim.objects.filter(group__source_count=1).first()
    assert reviewer_api.post(f"/api/claims/{lone.pk}/verdicts/", {"verdict": "rejected", "note": "misread"},
                             format="json").status_code == 201

    # Exactly one verified money claim in that group; the $54 billion is false, by Copy Desk.
    money = _walk(reader, "/api/claims/?verified=true&kind=money&page_size=500")
    assert [c["id"] for c in money if c["group"] and c["group"]["id"] == group.pk] == [said_45.pk]
    assert reader.get(f"/api/claims/{said_54.pk}/").json()["review_status"] == "rejected"
    false_doc = reader.get(f"/api/claims/{said_54.pk}/claimreview/").json()
    assert false_doc["reviewRating"]["alternateName"] == "False"
    assert false_doc["itemReviewed"]["author"] == {"@type": "Organization", "name": "Copy Desk"}
    assert [a["publisher"]["name"] for a in false_doc["itemReviewed"]["appearance"]] == ["Copy Desk"]
    true_doc = reader.get(f"/api/claims/{said_45.pk}/claimreview/").json()
    assert true_doc["reviewRating"]["alternateName"] == "Verified"
    # Seed 003 names no outlet: no author is made up, and Copy Desk is nowhere in it.
    assert "Copy Desk" not in str(true_doc)
    assert [_ids(a["url"]) for a in true_doc["itemReviewed"]["appearance"]] == [said_45.article_id]
    group_docs = reader.get(f"/api/groups/{group.pk}/claimreview/").json()
    assert sorted((d["url"], d["reviewRating"]["ratingValue"]) for d in group_docs) == sorted(
        [(true_doc["url"], 5), (false_doc["url"], 1)]
    )

    # Every view, every claim: the same state.
    truth = dict(Claim.objects.values_list("id", "review_status"))
    assert set(truth.values()) >= {"verified", "rejected", "consistent", "unreviewed"}
    listed = {c["id"]: c for c in _walk(reader, "/api/claims/?page_size=37")}
    assert set(listed) == set(truth)
    for claim_id, state in truth.items():
        row = listed[claim_id]
        assert row["review_status"] == state and row["verified"] == (state == "verified"), row
        assert (row["claimreview"] is not None) == (state in ("verified", "rejected")), row
        assert reader.get(f"/api/claims/{claim_id}/").json() == row
    verified = {c["id"] for c in _walk(reader, "/api/claims/?verified=true&page_size=500")}
    assert verified == {i for i, s in truth.items() if s == "verified"}
    unverified = {c["id"] for c in _walk(reader, "/api/claims/?verified=false&page_size=500")}
    assert unverified == set(truth) - verified
    assert {c["id"] for c in _walk(reader, "/api/claims/?status=rejected&page_size=500")} == {
        i for i, s in truth.items() if s == "rejected"
    }

    grouped = {}
    page = reader.get("/api/groups/?page_size=500").json()
    assert page["next"] is None
    for row in page["results"]:
        for claim in row["claims"]:
            grouped[claim["id"]] = (claim["review_status"], claim["verified"])
    assert grouped and all(grouped[i] == (truth[i], truth[i] == "verified") for i in grouped)

    exported = list(csv.DictReader(io.StringIO(b"".join(reader.get("/api/claims/export.csv").streaming_content).decode())))
    assert {int(r["id"]): (r["review_status"], r["verified"]) for r in exported} == {
        i: (s, "true" if s == "verified" else "false") for i, s in truth.items()
    }

    feed = reader.get("/api/claimreviews/?page_size=500").json()
    ratings = {_ids(doc["url"]): doc["reviewRating"]["alternateName"] for doc in feed["results"]}
    assert ratings == {i: {"verified": "Verified", "rejected": "False"}[s] for i, s in truth.items()
                       if s in ("verified", "rejected")}

    decided = {}
    for review in _walk(reader, "/api/reviews/?page_size=500"):
        for decision in review["decisions"]:
            if decision["current"]:
                decided[decision["claim_id"]] = decision["status"]
    assert decided == {i: s for i, s in truth.items() if s != "unreviewed"}

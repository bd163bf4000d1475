"""schema.org ClaimReview JSON-LD: one per published (verified or rejected) claim, credited to
the source that stated it, and the paginated feed."""
import pytest
from django.test import override_settings

from claims.models import Claim, ClaimGroup
from claims.services.review import review_submit

pytestmark = pytest.mark.django_db

ORG = {"name": "Civic Fact Desk", "url": "https://factdesk.example/"}


@pytest.fixture
def verified_claim(story, reviewer):
    review_submit(reviewer=reviewer, verdict="verified", note="The council minutes record $12 million.",
                  evidence_url="https://council.example/minutes", claim=story["budget_b"])
    return story["budget_b"]


@pytest.fixture
def verified_group(story, reviewer):
    review_submit(reviewer=reviewer, verdict="verified", note="The council minutes record $12 million.",
                  group=story["group"])
    return story["group"]


@override_settings(FACTCHECK_ORGANIZATION=ORG)
def test_verified_claim_has_a_claimreview_in_json_ld(api, verified_claim):
    response = api.get(f"/api/claims/{verified_claim.pk}/claimreview/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    doc = response.json()
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "ClaimReview"
    assert doc["claimReviewed"] == "Mayor Ann Lee said the city would spend about $12 million next year."
    assert doc["author"] == {"@type": "Organization", "name": "Civic Fact Desk", "url": "https://factdesk.example/"}
    assert doc["reviewRating"] == {
        "@type": "Rating", "ratingValue": 5, "bestRating": 5, "worstRating": 1, "alternateName": "Verified",
        "name": "Verified", "ratingExplanation": "The council minutes record $12 million.",
    }
    assert doc["citation"] == "https://council.example/minutes"
    assert doc["url"].endswith(f"/api/claims/{verified_claim.pk}/")
    assert doc["datePublished"] == verified_claim.reviews.get().created_at.date().isoformat()


def test_claimreview_item_is_the_claim_by_its_speaker_where_it_appeared(api, verified_claim):
    item = api.get(f"/api/claims/{verified_claim.pk}/claimreview/").json()["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"name": "Ann Lee", "@type": "Person", "jobTitle": "Mayor"}
    herald = {
        "@type": "CreativeWork", "url": "https://herald.example/city-spend", "headline": "City to spend $12 million",
        "datePublished": "2024-03-06T18:30:00+00:00",
        "publisher": {"@type": "Organization", "name": "Metro Herald", "url": "https://herald.example/"},
    }
    assert item["appearance"] == [herald]
    assert item["firstAppearance"] == herald
    assert item["datePublished"] == "2024-03-06T18:30:00+00:00"


def test_claim_without_a_speaker_is_authored_by_its_outlet(api, story, reviewer):
    review_submit(reviewer=reviewer, verdict="verified", note="In the minutes.", claim=story["budget_a"])
    item = api.get(f"/api/claims/{story['budget_a'].pk}/claimreview/").json()["itemReviewed"]
    assert item["author"] == {"@type": "Organization", "name": "Daily Courier", "url": "https://courier.example/"}


def test_organisation_speaker_is_an_organization(api, story, reviewer):
    review_submit(reviewer=reviewer, verdict="verified", note="The bureau's release.", claim=story["jobless"])
    item = api.get(f"/api/claims/{story['jobless'].pk}/claimreview/").json()["itemReviewed"]
    assert item["author"] == {"name": "Bureau of Labor Statistics", "@type": "Organization"}


@pytest.mark.parametrize("verdict", ["consistent", "conflicting"])
def test_claim_without_a_checked_verdict_has_no_claimreview(api, story, reviewer, verdict):
    review_submit(reviewer=reviewer, verdict=verdict, claim=story["jobless"])
    response = api.get(f"/api/claims/{story['jobless'].pk}/claimreview/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "neither verified nor rejected" in response.json()["detail"]


def test_rejected_claim_is_published_false_and_credited_to_its_source(api, story, reviewer):
    review_submit(reviewer=reviewer, verdict="rejected", note="The bureau said 4.2 percent.",
                  evidence_url="https://bls.example/release", claim=story["jobless"])
    doc = api.get(f"/api/claims/{story['jobless'].pk}/claimreview/").json()
    assert doc["reviewRating"]["ratingValue"] == 1 and doc["reviewRating"]["alternateName"] == "False"
    assert doc["reviewRating"]["ratingExplanation"] == "The bureau said 4.2 percent."
    assert doc["citation"] == "https://bls.example/release"
    assert doc["itemReviewed"]["author"] == {"name": "Bureau of Labor Statistics", "@type": "Organization"}
    assert [a["publisher"]["name"] for a in doc["itemReviewed"]["appearance"]] == ["Metro Herald"]


def test_claimreview_can_be_asked_for_as_plain_json(api, verified_claim):
    response = api.get(f"/api/claims/{verified_claim.pk}/claimreview/", HTTP_ACCEPT="application/json")
    assert response["Content-Type"] == "application/json"
    assert response.json()["@type"] == "ClaimReview"


def test_claim_list_links_its_claimreview_once_verified(api, verified_claim):
    row = api.get(f"/api/claims/{verified_claim.pk}/").json()
    assert row["claimreview"].endswith(f"/api/claims/{verified_claim.pk}/claimreview/")


@pytest.mark.smoke
def test_verified_group_publishes_one_claimreview_per_member_each_credited_to_its_source(api, verified_group, story):
    response = api.get(f"/api/groups/{verified_group.pk}/claimreview/")
    assert response.status_code == 200 and response["Content-Type"] == "application/ld+json"
    docs = {doc["url"].split("/api/")[1]: doc for doc in response.json()}
    courier, herald = docs[f"claims/{story['budget_a'].pk}/"], docs[f"claims/{story['budget_b'].pk}/"]
    assert courier["claimReviewed"] == "The council approved a budget of $12 million on Tuesday."
    assert courier["itemReviewed"]["author"]["name"] == "Daily Courier"  # no speaker: the outlet said it
    assert herald["itemReviewed"]["author"] == {"name": "Ann Lee", "@type": "Person", "jobTitle": "Mayor"}
    # Both stated $12 million: each appears in both stories, first in the Courier's (a day earlier).
    for doc in (courier, herald):
        item = doc["itemReviewed"]
        assert [a["publisher"]["name"] for a in item["appearance"]] == ["Daily Courier", "Metro Herald"]
        assert item["firstAppearance"]["url"] == "https://courier.example/budget"
        assert item["datePublished"] == "2024-03-05T09:00:00+00:00"
        assert doc["reviewRating"]["alternateName"] == "Verified"


def test_appearances_leave_out_sources_that_stated_another_value(api, story, reviewer):
    Claim.objects.filter(pk=story["budget_a"].pk).update(value=15_000_000, text="$15 million")
    review_submit(reviewer=reviewer, verdict="verified", note="The minutes say about $12 million.",
                  correct_claims=[story["budget_b"].pk], group=story["group"])
    herald = api.get(f"/api/claims/{story['budget_b'].pk}/claimreview/").json()
    assert [a["publisher"]["name"] for a in herald["itemReviewed"]["appearance"]] == ["Metro Herald"]
    courier = api.get(f"/api/claims/{story['budget_a'].pk}/claimreview/").json()
    assert courier["reviewRating"]["alternateName"] == "False"
    assert courier["itemReviewed"]["author"]["name"] == "Daily Courier"
    assert [a["publisher"]["name"] for a in courier["itemReviewed"]["appearance"]] == ["Daily Courier"]


def test_group_claimreview_without_a_verdict_is_a_404(api, story):
    assert api.get(f"/api/groups/{story['group'].pk}/claimreview/").status_code == 404


def test_group_link_to_its_claimreview_once_verified(api, verified_group):
    row = api.get(f"/api/groups/{verified_group.pk}/").json()
    assert row["claimreview"].endswith(f"/api/groups/{verified_group.pk}/claimreview/")


def test_feed_has_one_review_per_published_claim(api, story, reviewer, verified_group):
    review_submit(reviewer=reviewer, verdict="rejected", note="The bureau said 4.2 percent.", claim=story["jobless"])
    response = api.get("/api/claimreviews/")
    assert response.status_code == 200 and response["Content-Type"] == "application/ld+json"
    body = response.json()
    assert body["count"] == 3
    urls = sorted(item["url"].split("/api/")[1] for item in body["results"])
    assert urls == sorted(f"claims/{story[k].pk}/" for k in ("budget_a", "budget_b", "jobless"))


def test_feed_is_paginated_most_recently_changed_first(api, story, reviewer, verified_group):
    review_submit(reviewer=reviewer, verdict="verified", note="The bureau's release.", claim=story["jobless"])
    first = api.get("/api/claimreviews/?page_size=1").json()
    assert first["count"] == 3 and first["next"]
    assert first["results"][0]["url"].endswith(f"/api/claims/{story['jobless'].pk}/")
    second = api.get(first["next"]).json()
    assert second["results"][0]["url"].endswith(f"/api/claims/{story['budget_b'].pk}/")


def test_feed_updated_since_leaves_out_older_reviews(api, story, reviewer, verified_group):
    review_submit(reviewer=reviewer, verdict="verified", note="The bureau's release.", claim=story["jobless"])
    since = Claim.objects.get(pk=story["jobless"].pk).updated_at
    Claim.objects.filter(group=verified_group).update(updated_at=since.replace(year=2020))
    body = api.get("/api/claimreviews/", {"updated_since": since.isoformat()}).json()
    assert body["count"] == 1


def test_feed_page_costs_a_bounded_number_of_queries(api, story, reviewer, django_assert_max_num_queries):
    for i in range(6):
        group = ClaimGroup.objects.create(kind="money", unit="USD", subject=f"grant {i}", key=f"grant|{i}")
        for article in (story["article_a"], story["article_b"]):
            Claim.objects.create(article=article, kind="money", text="$1 million", start=0, end=5, value=1_000_000,
                                 unit="USD", fingerprint=f"grant-{i}-{article.pk}", group=group, speaker=story["lee"])
        review_submit(reviewer=reviewer, verdict="verified", note="In the grant register.", group=group)
    # Token and user, permissions (2), COUNT, the page of ids; the claims with speaker,
    # quote, article, outlet, review and group; their groups' published members: at most 8.
    for size in (1, 10):
        with django_assert_max_num_queries(8):
            response = api.get(f"/api/claimreviews/?page_size={size}")
        assert len(response.json()["results"]) == size


def test_claimreview_json_ld_escapes_what_could_end_a_script_element(api, story, reviewer):
    article = story["budget_b"].article
    article.title = 'City </script><script>alert("x")</script> & budget'
    article.save()
    review_submit(reviewer=reviewer, verdict="verified", note="checked against the council minutes", claim=story["budget_b"])
    for path in (f"/api/claims/{story['budget_b'].pk}/claimreview/", "/api/claimreviews/"):
        response = api.get(path)
        assert response["Content-Type"] == "application/ld+json"
        raw = response.content
        assert not {b"<", b">", b"&", b"/"} & {bytes([c]) for c in raw}, raw[:300]
        assert b"\\u003c\\u002fscript\\u003e" in raw
    doc = api.get(f"/api/claims/{story['budget_b'].pk}/claimreview/").json()
    assert doc["itemReviewed"]["appearance"][0]["headline"] == article.title  # the same text once parsed
    assert doc["@context"] == "https://schema.org"

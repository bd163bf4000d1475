"""schema.org ClaimReview JSON-LD: one per verified claim or group, and the paginated feed."""
import pytest
from django.test import override_settings

from claims.models import Claim, ClaimGroup, ReviewStatus
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
    review_submit(reviewer=reviewer, verdict="verified", group=story["group"])
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
        "ratingExplanation": "The council minutes record $12 million.",
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
    review_submit(reviewer=reviewer, verdict="verified", claim=story["budget_a"])
    item = api.get(f"/api/claims/{story['budget_a'].pk}/claimreview/").json()["itemReviewed"]
    assert item["author"] == {"@type": "Organization", "name": "Daily Courier"}


def test_organisation_speaker_is_an_organization(api, story, reviewer):
    review_submit(reviewer=reviewer, verdict="verified", claim=story["jobless"])
    item = api.get(f"/api/claims/{story['jobless'].pk}/claimreview/").json()["itemReviewed"]
    assert item["author"] == {"name": "Bureau of Labor Statistics", "@type": "Organization"}


@pytest.mark.parametrize("verdict", ["rejected", "consistent"])
def test_claim_without_a_verified_verdict_has_no_claimreview(api, story, reviewer, verdict):
    review_submit(reviewer=reviewer, verdict=verdict, claim=story["jobless"])
    response = api.get(f"/api/claims/{story['jobless'].pk}/claimreview/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "not verified" in response.json()["detail"]


def test_claimreview_can_be_asked_for_as_plain_json(api, verified_claim):
    response = api.get(f"/api/claims/{verified_claim.pk}/claimreview/", HTTP_ACCEPT="application/json")
    assert response["Content-Type"] == "application/json"
    assert response.json()["@type"] == "ClaimReview"


def test_claim_list_links_its_claimreview_once_verified(api, verified_claim):
    row = api.get(f"/api/claims/{verified_claim.pk}/").json()
    assert row["claimreview"].endswith(f"/api/claims/{verified_claim.pk}/claimreview/")


@pytest.mark.smoke
def test_verified_group_appears_in_every_source_article(api, verified_group):
    doc = api.get(f"/api/groups/{verified_group.pk}/claimreview/").json()
    # In the words of the first appearance (the Courier's, a day before the Herald's).
    assert doc["claimReviewed"] == "The council approved a budget of $12 million on Tuesday."
    item = doc["itemReviewed"]
    assert [a["publisher"]["name"] for a in item["appearance"]] == ["Daily Courier", "Metro Herald"]
    assert item["firstAppearance"]["url"] == "https://courier.example/budget"  # published a day earlier
    assert item["datePublished"] == "2024-03-05T09:00:00+00:00"
    assert item["author"] == {"name": "Ann Lee", "@type": "Person", "jobTitle": "Mayor"}


def test_group_claimreview_without_a_verdict_is_a_404(api, story):
    assert api.get(f"/api/groups/{story['group'].pk}/claimreview/").status_code == 404


def test_group_link_to_its_claimreview_once_verified(api, verified_group):
    row = api.get(f"/api/groups/{verified_group.pk}/").json()
    assert row["claimreview"].endswith(f"/api/groups/{verified_group.pk}/claimreview/")


def test_feed_has_one_review_per_verified_group_and_per_verified_claim_outside_one(api, story, reviewer, verified_group):
    review_submit(reviewer=reviewer, verdict="verified", claim=story["jobless"])
    # Verified on its own too, but its group's review already covers it.
    review_submit(reviewer=reviewer, verdict="verified", claim=story["budget_a"])
    response = api.get("/api/claimreviews/")
    assert response.status_code == 200 and response["Content-Type"] == "application/ld+json"
    body = response.json()
    assert body["count"] == 2
    urls = sorted(item["url"].split("/api/")[1] for item in body["results"])
    assert urls == [f"claims/{story['jobless'].pk}/", f"groups/{verified_group.pk}/"]


def test_feed_is_paginated_most_recently_changed_first(api, story, reviewer, verified_group):
    review_submit(reviewer=reviewer, verdict="verified", claim=story["jobless"])  # after the group
    first = api.get("/api/claimreviews/?page_size=1").json()
    assert first["count"] == 2 and first["next"]
    assert first["results"][0]["url"].endswith(f"/api/claims/{story['jobless'].pk}/")
    second = api.get(first["next"]).json()
    assert second["results"][0]["url"].endswith(f"/api/groups/{verified_group.pk}/")


def test_feed_updated_since_leaves_out_older_reviews(api, story, reviewer, verified_group):
    review_submit(reviewer=reviewer, verdict="verified", claim=story["jobless"])
    since = Claim.objects.get(pk=story["jobless"].pk).updated_at
    ClaimGroup.objects.filter(pk=verified_group.pk).update(updated_at=since.replace(year=2020))
    body = api.get("/api/claimreviews/", {"updated_since": since.isoformat()}).json()
    assert body["count"] == 1


def test_feed_leaves_out_a_verified_group_with_no_claims_left(api, story, verified_group):
    Claim.objects.filter(group=verified_group).update(group=None)
    assert api.get("/api/claimreviews/").json()["count"] == 0


def test_feed_page_costs_a_bounded_number_of_queries(api, story, reviewer, django_assert_max_num_queries):
    groups = [ClaimGroup.objects.create(kind="money", unit="USD", subject=f"grant {i}", key=f"grant|{i}",
                                        verdict=ReviewStatus.VERIFIED) for i in range(5)]
    for group in groups:
        Claim.objects.filter(pk=story["jobless"].pk).update(group=None)
        claim = Claim.objects.create(article=story["article_a"], kind="money", text="$1 million", start=0, end=5,
                                     value=1_000_000, unit="USD", fingerprint=f"grant-{group.pk}", group=group)
        Claim.objects.create(article=story["article_b"], kind="money", text="$1 million", start=0, end=5,
                             value=1_000_000, unit="USD", fingerprint=f"grant-claim-{group.pk}",
                             review_status=ReviewStatus.VERIFIED, speaker=story["lee"])
        assert claim.group_id == group.pk
    # Token and user, permissions (2), COUNT, the page of (kind, id); claims + their reviews;
    # groups + their claims (with speakers, articles, outlets) + their reviews: at most 10.
    for size in (1, 10):
        with django_assert_max_num_queries(10):
            response = api.get(f"/api/claimreviews/?page_size={size}")
        assert len(response.json()["results"]) == size


def test_claimreview_json_ld_escapes_what_could_end_a_script_element(api, story, reviewer):
    article = story["budget_b"].article
    article.title = 'City </script><script>alert("x")</script> & budget'
    article.save()
    review_submit(reviewer=reviewer, verdict="verified", claim=story["budget_b"])
    for path in (f"/api/claims/{story['budget_b'].pk}/claimreview/", "/api/claimreviews/"):
        response = api.get(path)
        assert response["Content-Type"] == "application/ld+json"
        raw = response.content
        assert not {b"<", b">", b"&", b"/"} & {bytes([c]) for c in raw}, raw[:300]
        assert b"\\u003c\\u002fscript\\u003e" in raw
    doc = api.get(f"/api/claims/{story['budget_b'].pk}/claimreview/").json()
    assert doc["itemReviewed"]["appearance"][0]["headline"] == article.title  # the same text once parsed
    assert doc["@context"] == "https://schema.org"

"""Absolute links come from the request, or from SITE_URL when it is set; never a fixed address."""
import pytest

from claims.services.review import review_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified(story, reviewer):
    review_submit(reviewer=reviewer, verdict="verified", note="In the minutes.", group=story["group"])
    return story


def test_without_site_url_links_and_the_fact_checker_name_this_request_s_host(api, verified, settings):
    settings.ALLOWED_HOSTS = ["desk.example"]
    doc = api.get(f"/api/claims/{verified['budget_a'].pk}/claimreview/", HTTP_HOST="desk.example").json()
    assert doc["url"] == f"http://desk.example/api/claims/{verified['budget_a'].pk}/"
    assert doc["author"]["url"] == "http://desk.example/"


def test_site_url_is_used_for_every_absolute_link(api, verified, settings):
    settings.SITE_URL = "https://factcheck.example"
    row = api.get(f"/api/claims/{verified['budget_a'].pk}/").json()
    assert row["url"] == f"https://factcheck.example/api/claims/{verified['budget_a'].pk}/"
    assert row["decided_by"].startswith("https://factcheck.example/api/reviews/")
    page = api.get("/api/claims/?page_size=1").json()
    assert page["next"].startswith("https://factcheck.example/api/claims/?")
    assert len(page["results"]) == 1
    assert page["results"][0]["url"].startswith("https://factcheck.example/")
    doc = api.get(f"/api/claims/{verified['budget_a'].pk}/claimreview/").json()
    assert doc["url"].startswith("https://factcheck.example/") and doc["author"]["url"] == "https://factcheck.example/"


def test_a_configured_organisation_url_wins(api, verified, settings):
    settings.FACTCHECK_ORGANIZATION = {"name": "Civic Fact Desk", "url": "https://factdesk.example/"}
    doc = api.get(f"/api/claims/{verified['budget_a'].pk}/claimreview/").json()
    assert doc["author"] == {"@type": "Organization", "name": "Civic Fact Desk", "url": "https://factdesk.example/"}

"""A reviewer's round trip in headless Chromium: log in, open the conflict queue, open the
conflicting group, give a verdict, find it in the group's history. Screenshots of every
page go to test-artifacts/."""
from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from claims.models import ClaimGroup, Review
from claims.services.groups import groups_rebuild
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory
from tests.matching.conftest import seed_text, sentence_of

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts" / "review_flow"
PASSWORD = "a-long-browser-password-1"


@pytest.fixture
def conflict(transactional_db):
    """Seed 003 and a copy whose '$45 billion' became '$54 billion', matched."""
    for outlet, body in (("Brussels Post", seed_text(3)), ("Copy Desk", seed_text(3).replace("$45 billion", "$54 billion"))):
        article = ArticleFactory(body=body, outlet=OutletFactory(name=outlet), title=f"Aid to Ukraine ({outlet})")
        text = "about $45 billion" if "$45 billion" in body else "about $54 billion"
        sentence, at = sentence_of(body, text)
        ClaimFactory(article=article, text=text, start=at, end=at + len(text), unit="USD", qualifier="approximate",
                     value=Decimal(45e9 if "45" in text else 54e9), subject="arms and military aid", sentence=sentence)
    groups_rebuild()
    return ClaimGroup.objects.get(suggested_state="conflicting")


@pytest.fixture
def reviewer(transactional_db):
    call_command("setup_roles", stdout=io.StringIO())
    user = get_user_model().objects.create_user("rita", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="reviewers"))
    return user


@pytest.fixture
def browser_page(chromium_page):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return chromium_page


def _shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_reviewer_gives_a_verdict_from_the_conflict_queue_and_sees_it_in_history(
    live_server, conflict, reviewer, browser_page
):
    page = browser_page
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "rita")
    page.fill("#id_password", PASSWORD)
    _shot(page, "01_login")
    page.click("input[type=submit]")
    page.wait_for_selector("text=Conflict queue")
    _shot(page, "02_index")

    page.click("text=Conflict queue")
    page.wait_for_selector("#conflict-queue")
    _shot(page, "03_conflict_queue")
    first = page.locator("#conflict-queue tbody tr").first
    assert "Conflicting" in first.inner_text() and "Copy Desk" in first.inner_text()

    first.locator("a.fc-group-link").click()
    page.wait_for_selector("#sources")
    assert page.locator(".fc-source").count() == 2
    assert "about $54 billion" in page.inner_text("#sources")
    _shot(page, "04_group")

    page.check("input[name=verdict][value=conflicting]")
    page.fill("textarea[name=note]", "The copy changed $45 billion to $54 billion; the State Department says 45.")
    page.fill("input[name=evidence_url]", "https://example.org/state-department-aid-fact-sheet")
    page.click("button[name=give_verdict]")
    page.wait_for_selector(".messagelist")
    assert "Verdict recorded: conflicting" in page.inner_text(".messagelist")
    assert "The copy changed $45 billion" in page.inner_text("#reviews")
    _shot(page, "05_verdict_given")

    page.click("a.historylink")
    page.wait_for_selector("#change-history")
    history = page.inner_text("#change-history")
    assert "rita" in history and "verdict: conflicting" in history
    _shot(page, "06_history")

    conflict.refresh_from_db()
    assert conflict.verdict == "conflicting"
    assert Review.objects.get().reviewer == reviewer


def test_a_verdict_choosing_the_correct_claim_in_the_admin_is_what_the_api_publishes(
    live_server, conflict, reviewer, browser_page
):
    page = browser_page
    page.goto(f"{live_server.url}/admin/login/?next=/admin/claims/claimgroup/{conflict.pk}/change/")
    page.fill("#id_username", "rita")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#sources-disagree")
    assert "Copy Desk says “about $54 billion”" in page.inner_text("#sources-disagree")

    # "Verified" without saying which figure is right is refused, with the reason.
    page.check("input[name=verdict][value=verified]")
    page.fill("textarea[name=note]", "The State Department's fact sheet gives about $45 billion.")
    page.click("button[name=give_verdict]")
    page.wait_for_selector(".messagelist")
    assert "Verdict not recorded: the sources disagree" in page.inner_text(".messagelist")
    _shot(page, "07_verified_without_choice_refused")
    assert not Review.objects.exists()

    brussels = conflict.claims.get(article__outlet__name="Brussels Post")
    copy = conflict.claims.get(article__outlet__name="Copy Desk")
    page.check("input[name=verdict][value=verified]")
    page.check(f"input[name=correct_claims][value='{brussels.pk}']")
    page.fill("textarea[name=note]", "The State Department's fact sheet gives about $45 billion.")
    page.fill("input[name=evidence_url]", "https://example.org/state-department-aid-fact-sheet")
    page.click("button[name=give_verdict]")
    page.wait_for_selector(".messagelist")
    assert "Decided: 1 claim rejected, 1 claim verified." in page.inner_text(".messagelist")
    _shot(page, "08_verified_choosing_45")

    # What a consumer of the API now reads (the reviewer's browser session reads the API too).
    def api(path: str) -> dict | list:
        response = page.request.get(f"{live_server.url}{path}", headers={"Accept": "application/json"})
        assert response.ok, response.text()
        return response.json()

    verified = api("/api/claims/?verified=true&kind=money")["results"]
    assert [c["id"] for c in verified] == [brussels.pk]
    assert api(f"/api/claims/{copy.pk}/")["review_status"] == "rejected"
    feed = {doc["url"].rstrip("/").rsplit("/", 1)[1]: doc for doc in api("/api/claimreviews/")["results"]}
    assert feed[str(brussels.pk)]["reviewRating"]["alternateName"] == "Verified"
    assert feed[str(brussels.pk)]["itemReviewed"]["author"]["name"] == "Brussels Post"
    assert feed[str(copy.pk)]["reviewRating"]["alternateName"] == "False"
    assert feed[str(copy.pk)]["itemReviewed"]["author"]["name"] == "Copy Desk"
    assert feed[str(copy.pk)]["citation"] == "https://example.org/state-department-aid-fact-sheet"
    (review,) = api(f"/api/groups/{conflict.pk}/reviews/")
    assert review["reviewer"] == "rita" and review["evidence_url"].endswith("aid-fact-sheet")
    assert {d["claim_id"]: d["status"] for d in review["decisions"]} == {brussels.pk: "verified", copy.pk: "rejected"}

"""The desk in headless Chromium, as people use it:

- an admin adds a reviewer on the Users page (with the role's box) and she signs in;
- a fact-checker pastes an article with its title and date, finds its relative dates
  resolved from that date, and fixes a claim's speaker by typing his name (autocomplete);
- a reviewer works through three groups from the queue with the keyboard: a verdict goes on
  to the next group, "n" skips one.

Screenshots of every step go to test-artifacts/desk/."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from claims.models import Article, Claim, ClaimGroup, Review
from claims.services.roles import user_add
from tests.factories import ArticleFactory, ClaimFactory, ClaimGroupFactory, OutletFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts" / "desk"
PASSWORD = "a-long-browser-password-1"

STORY = (
    "NATO foreign ministers to meet in Bucharest\n\n"
    "NATO foreign ministers will meet in Bucharest next Tuesday to discuss more air defence for Ukraine, "
    "the alliance said on Friday.\n"
    "“NATO will continue to stand with Ukraine for as long as it takes,” NATO Secretary-General Jens Stoltenberg "
    "told reporters in Brussels.\n"
    "Allies have given about $45 billion in military aid since Russia invaded on February 24, 2022, officials said."
)


@pytest.fixture
def page(chromium_page):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return chromium_page


def _shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _sign_in(page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")


def _sign_out(page) -> None:
    page.click("#logout-form button")
    page.wait_for_selector("text=Log in again")


@pytest.fixture
def roles(transactional_db):
    call_command("setup_roles", stdout=io.StringIO())


def test_admin_adds_a_reviewer_who_then_signs_in(live_server, roles, page):
    get_user_model().objects.create_superuser("boss", password=PASSWORD)
    _sign_in(page, live_server, "boss", PASSWORD)
    page.goto(f"{live_server.url}/admin/auth/user/add/")
    page.fill("#id_username", "rita")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.check("label:has-text('reviewers') input")
    _shot(page, "01_add_reviewer")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    _shot(page, "02_reviewer_added")
    _sign_out(page)

    _sign_in(page, live_server, "rita", PASSWORD)
    assert "Conflict queue" in page.inner_text("#content")
    _shot(page, "03_reviewer_signed_in")


def test_fact_checker_pastes_a_dated_article_and_fixes_a_speaker_by_name(live_server, roles, page):
    user_add(username="fred", role="fact-checkers", password=PASSWORD)
    _sign_in(page, live_server, "fred", PASSWORD)
    page.click("text=Add an article")
    page.fill("#id_outlet", "Wire Copy")
    page.fill("#id_title", "Ministers to meet in Bucharest")
    page.fill("#id_published_on", "2022-11-25")
    page.fill("#id_text", STORY)
    _shot(page, "04_paste_article")
    # Extraction runs inline here, in the request (spaCy loads once): a long first answer.
    page.click("input[name=_save]", timeout=180_000)
    page.wait_for_selector("#article-text")

    provenance = page.inner_text("#provenance")
    assert "25 November 2022" in provenance and "given by the person who added it" in provenance
    claims = page.inner_text("#annotations")
    assert "29 November 2022" in claims  # "next Tuesday", counted from Friday 25 November 2022
    assert "about US$45 billion" in claims and "24 February 2022" in claims
    _shot(page, "05_article_extracted")

    article = Article.objects.get()
    aid = Claim.objects.get(article=article, text__contains="45 billion")
    page.goto(f"{live_server.url}/admin/claims/claim/{aid.pk}/change/")
    page.click(".field-speaker .select2-selection")
    page.fill(".select2-search__field", "Stolt")
    page.click(".select2-results__option:has-text('Jens Stoltenberg')")
    _shot(page, "06_speaker_by_name")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    aid.refresh_from_db()
    assert aid.speaker.name == "Jens Stoltenberg"
    page.goto(f"{live_server.url}/admin/claims/claim/{aid.pk}/history/")
    assert "fred" in page.inner_text("#change-history")
    _shot(page, "07_speaker_fixed_history")


def _conflict(label: str, confidence: float) -> ClaimGroup:
    group = ClaimGroupFactory(label=label, subject=label, suggested_state="conflicting", confidence=confidence,
                              source_count=2, reason=f"Brussels Post and Copy Desk give different figures for {label}.")
    for outlet in ("Brussels Post", "Copy Desk"):
        ClaimFactory(group=group, article=ArticleFactory(outlet=OutletFactory(name=outlet)))
    return group


def test_reviewer_works_through_three_groups_with_next_and_the_keyboard(live_server, roles, page):
    first, second, third = _conflict("troops sent", 0.95), _conflict("aid pledged", 0.8), _conflict("refugees", 0.6)
    user_add(username="rita", role="reviewers", password=PASSWORD)
    _sign_in(page, live_server, "rita", PASSWORD)
    page.click("text=Conflict queue")
    page.wait_for_selector("#conflict-queue")
    assert "Needs a verdict" in page.inner_text("#queue-tabs") and "(3)" in page.inner_text("#queue-tabs")
    _shot(page, "08_queue")

    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_selector("#sources")
    assert f"/claimgroup/{first.pk}/change/" in page.url
    page.keyboard.press("a")  # take it
    page.wait_for_selector("text=You have this group")
    page.keyboard.press("2")  # the second verdict: conflicting
    page.keyboard.press("e")
    page.keyboard.type("Copy Desk doubled the figure; the ministry's release says the first.")
    _shot(page, "09_first_group_verdict")
    page.keyboard.press("Control+Enter")
    page.wait_for_url(f"**/claimgroup/{second.pk}/change/**")
    assert "Verdict recorded: conflicting" in page.inner_text(".messagelist")
    _shot(page, "10_second_group")

    page.keyboard.press("n")  # not sure yet: the next one
    page.wait_for_url(f"**/claimgroup/{third.pk}/change/**")
    page.keyboard.press("2")
    page.keyboard.press("e")
    page.keyboard.type("Refugee figures differ by a week's arrivals.")
    page.keyboard.press("Control+Enter")
    # The queue goes round to the group skipped.
    page.wait_for_url(f"**/claimgroup/{second.pk}/change/**")
    _shot(page, "11_back_to_the_skipped_group")

    notes = {r.group_id: r.note for r in Review.objects.all()}
    assert notes == {first.pk: "Copy Desk doubled the figure; the ministry's release says the first.",
                     third.pk: "Refugee figures differ by a week's arrivals."}
    first.refresh_from_db()
    assert first.assigned_to.username == "rita" and first.verdict == "conflicting"
    page.keyboard.press("q")
    page.wait_for_selector("#conflict-queue")
    assert "(1)" in page.inner_text("#queue-tabs")
    _shot(page, "12_queue_after")

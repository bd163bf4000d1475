"""Article text is shown as text, never run: a real browser opens every page that shows an
article carrying script (the admin's highlighted article, lists, a claim, the browsable API)
and nothing runs, while the script's text is there on the page for a reader to see.

The payloads would set window.__pwned and open an alert if they ever ran.
"""
from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from claims.models import Article, Claim
from claims.services import article_ingest
from claims.services.extraction_runs import article_extract

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "a-long-browser-password-1"
SCRIPT = "<script>window.__pwned = 1; alert('script')</script>"
IMG = '<img src="/nowhere.png" onerror="window.__pwned = 2; alert(\'img\')">'
SVG = "<svg onload=\"window.__pwned = 3; alert('svg')\">"
STORY = (
    f"Hackers target council {IMG} website\n\n"
    f"The city council approved $12 million for road repairs on Tuesday {SCRIPT}. "
    f'"We will spend $3 million on {SVG} cyber defence," Mayor Ann Lee said after the vote. '
    "She added that 40 percent of the attacks came at night.\n"
)


@pytest.fixture
def hostile_article(transactional_db, settings):
    # Plain text that happens to hold markup (a story about an attack that quotes it): it is
    # kept as it is, so every page must escape it.
    article = article_ingest(
        content=STORY, outlet_name=f"Evil {SCRIPT} Gazette", title=f"Council {IMG} budget", source_name="hostile.txt"
    ).article
    article_extract(article_id=article.id)
    article.refresh_from_db()
    assert SCRIPT in article.body and article.status == Article.Status.EXTRACTED
    return article


@pytest.fixture
def admin_user(transactional_db):
    return get_user_model().objects.create_superuser("ada", password=PASSWORD)


@pytest.fixture
def page(chromium_page):
    """A page that ignores the Content-Security-Policy: escaping must hold on its own (the
    policy is tested in test_content_security_policy.py), and the detector below injects an
    inline handler, which the policy would block."""
    page = chromium_page.context.browser.new_page(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page.set_default_timeout(15_000)
    yield page
    page.close()


def test_script_in_an_article_runs_on_no_page(live_server, hostile_article, admin_user, page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "ada")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    claim = Claim.objects.filter(article=hostile_article).first()
    assert claim is not None, "extraction found no claim in the story"
    pages = [
        f"/admin/claims/article/{hostile_article.id}/change/",
        "/admin/claims/article/",
        "/admin/claims/quote/",
        f"/admin/claims/claim/{claim.id}/change/",
        "/admin/claims/claim/",
        f"/admin/claims/article/{hostile_article.id}/history/",
        f"/api/articles/{hostile_article.id}/",
        "/api/articles/",
        "/api/quotes/",
        "/api/claims/",
    ]
    shown_as_text = {}
    for path in pages:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(200)  # let an injected image fail and fire its handler, if any
        assert page.evaluate("window.__pwned") is None, f"script ran on {path}"
        text = page.inner_text("body")
        shown_as_text[path] = "window.__pwned" in text
    assert dialogs == []
    # The payload reached the pages that show the article's text, as visible text.
    assert shown_as_text[f"/admin/claims/article/{hostile_article.id}/change/"]
    assert shown_as_text[f"/api/articles/{hostile_article.id}/"]
    assert shown_as_text["/admin/claims/article/"]  # the title
    # And the detector works: the same payload, put into a page as markup, does run.
    page.evaluate("html => document.body.insertAdjacentHTML('beforeend', html)", IMG)
    page.wait_for_function("window.__pwned === 2")
    assert dialogs == ["img"]


def test_claimreview_embedded_in_a_publishers_page_runs_no_script(transactional_db, page):
    """A publisher pastes the served JSON-LD into its page the usual way; a title and an
    outlet built to break out of the script element stay data."""
    from rest_framework.test import APIClient

    from claims.services.review import review_submit
    from tests.api.conftest import make_user, token_client

    breakout = "</script><script>window.__pwned = 4; alert('claimreview')</script>"
    article = article_ingest(
        content="City budget\n\nThe council approved $12 million for roads on Tuesday, Mayor Ann Lee said.\n",
        outlet_name=f"Gazette {breakout}", title=f"Budget {breakout} vote", source_name="breakout.txt",
    ).article
    article_extract(article_id=article.id)
    claim = Claim.objects.filter(article=article).first()
    assert claim is not None
    review_submit(reviewer=make_user("reviewer", "rita"), verdict="verified", note=f"Checked {breakout}", claim=claim)
    client: APIClient = token_client(make_user("consumer", "carl"))
    served = client.get(f"/api/claims/{claim.id}/claimreview/")
    assert served.status_code == 200 and served["Content-Type"] == "application/ld+json"

    def publish(markup: str) -> None:
        page.set_content(
            "<!doctype html><html><head><title>Fact check</title>"
            f'<script type="application/ld+json">{markup}</script></head>'
            "<body><p>Our fact check of the budget.</p></body></html>"
        )
        page.wait_for_timeout(200)

    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    publish(served.content.decode())
    assert page.evaluate("window.__pwned") is None and dialogs == []
    embedded = page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
    assert embedded == served.json()  # the whole document, breakout text included, as data
    assert breakout in embedded["itemReviewed"]["appearance"][0]["headline"]

    # The detector works: the same document written by a plain JSON encoder does run.
    import json

    publish(json.dumps(served.json(), ensure_ascii=False))
    assert page.evaluate("window.__pwned") == 4 and dialogs and set(dialogs) == {"claimreview"}

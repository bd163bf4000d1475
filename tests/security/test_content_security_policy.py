"""Every HTML page carries a Content-Security-Policy of this site's own files only, and the
pages people use still work under it in a real browser: the admin (sign-in, lists, an
article with its highlights), the browsable API, Swagger UI. Violations the browser reports
are collected on each page."""
from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from claims.models import Claim
from claims.services import article_ingest
from claims.services.extraction_runs import article_extract

PASSWORD = "a-long-browser-password-1"
REPORTER = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
    e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));
"""


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/login/", "/api/docs/", "/api/auth/login/"])
def test_html_pages_carry_the_policy(client, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self';" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.mark.django_db
def test_redoc_runs_its_own_inline_settings_but_nothing_from_another_host(client):
    policy = client.get("/api/redoc/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["default-src"] == "'self'" and directives["frame-ancestors"] == "'none'"
    assert all("http" not in sources and "*" not in sources for sources in directives.values())


@pytest.mark.django_db
def test_json_answers_do_not_need_it():
    response = APIClient().get("/api/claims/", HTTP_ACCEPT="application/json")
    assert response.status_code == 401 and "Content-Security-Policy" not in response


@pytest.mark.browser
@pytest.mark.slow
def test_the_pages_people_use_work_under_the_policy(live_server, transactional_db, chromium_page):
    page = chromium_page
    page.add_init_script(REPORTER)
    article = article_ingest(
        content="Council budget\n\nThe city council approved $12 million for road repairs on Tuesday. "
                '"We will fix every pothole," Mayor Ann Lee said.\n',
        outlet_name="Daily Courier", source_name="csp.txt",
    ).article
    article_extract(article_id=article.id)
    claim = Claim.objects.filter(article=article).first()
    get_user_model().objects.create_superuser("ada", password=PASSWORD)

    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "ada")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    seen = {}
    for path in ["/admin/", "/admin/claims/claim/", f"/admin/claims/article/{article.id}/change/",
                 f"/admin/claims/claim/{claim.id}/change/", "/admin/claims/claimgroup/queue/", "/api/claims/",
                 "/api/docs/"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        seen[path] = page.evaluate("window.__violations")
    # Swagger UI drew the operations (its set-up script came from this site, not inline).
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".opblock", timeout=20_000)
    # The admin runs without a single violation; no page had a script element blocked.
    assert {path: found for path, found in seen.items() if path.startswith("/admin/") and found} == {}
    assert {path: [v for v in found if v.startswith("script-src-elem")] for path, found in seen.items()} == {
        path: [] for path in seen
    }
    # What the policy does hold back elsewhere is looks only: DRF's browsable API and the
    # docs page style themselves inline (code colours, a margin), and jQuery probes for
    # inline handlers when it loads.
    leftovers = {v.split(" ")[0] for found in seen.values() for v in found}
    assert leftovers <= {"style-src-elem", "style-src-attr", "script-src-attr"}, leftovers


def test_the_docs_script_is_served_from_this_site(db):
    page = APIClient().get("/api/docs/").content.decode()
    assert "<script>" not in page.replace(" ", "")
    script = APIClient().get("/api/docs/?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()

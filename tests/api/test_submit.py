"""POST /api/articles/ (fact-checkers) and POST .../verdicts/ (reviewers)."""
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claims.models import Article, ClaimGroup, Review, ReviewStatus

pytestmark = pytest.mark.django_db

STORY = (
    "Council approves $12 million budget\n\n"
    "The city council approved a budget of $12 million on Tuesday, Mayor Ann Lee said.\n"
    '"We kept every library open," she told reporters after the vote.'
)
STORY_HTML = (
    "<html><head><title>Harbor dredging to cost $40 million</title></head><body><article>"
    "<h1>Harbor dredging to cost $40 million</h1>"
    "<p>The port authority said on Monday that dredging the harbor will cost $40 million over three years.</p>"
    "<p>Director Sam Ortiz said the work would let larger ships dock by 2027.</p>"
    "</article></body></html>"
)


@pytest.mark.smoke
def test_fact_checker_submits_text_and_gets_202_with_extraction_queued(fact_checker_api, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        response = fact_checker_api.post(
            "/api/articles/",
            {"text": STORY, "outlet": "Daily Courier", "url": "https://courier.example/budget",
             "published_at": "2024-03-05T09:00:00Z"},
            format="json",
        )
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["created"] is True and body["status"] == "pending"
    assert response["Location"] == body["url"]
    assert body["outlet"]["name"] == "Daily Courier" and body["source_url"] == "https://courier.example/budget"
    assert body["published_at"] == "2024-03-05T09:00:00Z"
    assert len(queued) == 1  # extraction, queued once the article is committed
    assert "The city council approved a budget of $12 million" in Article.objects.get(pk=body["id"]).body


def test_submitting_the_same_story_again_answers_200_with_the_existing_article(fact_checker_api):
    first = fact_checker_api.post("/api/articles/", {"text": STORY, "outlet": "Daily Courier"}, format="json").json()
    again = fact_checker_api.post("/api/articles/", {"text": STORY + "\n", "outlet": "Daily Courier"}, format="json")
    assert again.status_code == 200
    assert again.json()["id"] == first["id"] and again.json()["created"] is False
    assert Article.objects.count() == 1


def test_the_same_story_from_another_outlet_is_stored_as_its_appearance(fact_checker_api):
    first = fact_checker_api.post("/api/articles/", {"text": STORY, "outlet": "Daily Courier"}, format="json").json()
    again = fact_checker_api.post("/api/articles/", {"text": STORY, "outlet": "Metro Herald"}, format="json")
    assert again.status_code == 202 and again.json()["created"] is True
    assert again.json()["id"] != first["id"] and again.json()["outlet"]["name"] == "Metro Herald"


def test_submitted_html_is_cleaned_into_the_story(fact_checker_api):
    response = fact_checker_api.post("/api/articles/", {"html": STORY_HTML, "outlet": "Harbor News"}, format="json")
    assert response.status_code == 202
    article = Article.objects.get(pk=response.json()["id"])
    assert article.raw_format == "html" and "<p>" not in article.body
    assert "dredging the harbor will cost $40 million" in article.body


@pytest.fixture
def story_server():
    """A real HTTP server on loopback that serves one article page."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path != "/harbor":
                self.send_error(404)
                return
            data = STORY_HTML.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_submitting_only_a_url_answers_at_once_and_a_worker_fetches_the_story(
    fact_checker_api, story_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        response = fact_checker_api.post(
            "/api/articles/", {"url": f"{story_server}/harbor", "outlet": "Harbor News"}, format="json"
        )
    assert response.status_code == 202, response.content
    assert response.json()["status"] == "fetching" and response.json()["source_url"] == f"{story_server}/harbor"
    article = Article.objects.get(pk=response.json()["id"])
    assert article.body == "" and len(queued) == 1  # the fetch task, queued once committed
    queued[0]()  # the worker's turn
    article.refresh_from_db()
    assert article.status in {"pending", "extracted"} and "cost $40 million" in article.body


def test_url_that_cannot_be_fetched_fails_the_article_saying_so(fact_checker_api, story_server,
                                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = fact_checker_api.post("/api/articles/", {"url": f"{story_server}/missing"}, format="json")
    assert response.status_code == 202
    article = fact_checker_api.get(response["Location"]).json()
    assert article["status"] == "failed"
    assert "could not fetch" in article["error"] and "HTTP 404" in article["error"]


@pytest.mark.parametrize(
    ("payload", "field", "words"),
    [
        ({"text": "   \n ", "outlet": "Courier"}, "non_field_errors", "empty article"),
        ({"outlet": "Courier"}, "non_field_errors", "text or html"),
        ({"text": STORY, "html": STORY_HTML, "outlet": "Courier"}, "non_field_errors", "not both"),
        ({"text": STORY}, "outlet", "outlet"),
        ({"text": STORY, "outlet": "Courier", "url": "ftp://files.example/story"}, "url", "valid URL"),
        ({"text": STORY, "outlet": "Courier", "published_at": "last Tuesday"}, "published_at", "format"),
    ],
)
def test_bad_article_submission_is_a_400_with_a_clear_message(fact_checker_api, payload, field, words):
    response = fact_checker_api.post("/api/articles/", payload, format="json")
    assert response.status_code == 400
    body = response.json()
    assert field in body["errors"]
    assert words.lower() in " ".join(body["errors"][field]).lower()
    assert Article.objects.count() == 0


@pytest.mark.smoke
def test_reviewer_gives_a_verdict_on_a_claim(reviewer_api, reviewer, story):
    claim = story["budget_b"]
    response = reviewer_api.post(
        f"/api/claims/{claim.pk}/verdicts/",
        {"verdict": "verified", "note": "Matches the council minutes.", "evidence_url": "https://council.example/minutes"},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["verdict"] == "verified" and body["reviewer"] == reviewer.username
    assert body["claim"].endswith(f"/api/claims/{claim.pk}/") and body["group"] is None
    claim.refresh_from_db()
    assert claim.review_status == ReviewStatus.VERIFIED
    assert Review.objects.get(pk=body["id"]).evidence_url == "https://council.example/minutes"


def test_reviewer_gives_a_verdict_on_a_group(reviewer_api, story):
    response = reviewer_api.post(f"/api/groups/{story['group'].pk}/verdicts/", {"verdict": "conflicting"}, format="json")
    assert response.status_code == 201
    assert ClaimGroup.objects.get(pk=story["group"].pk).verdict == ReviewStatus.CONFLICTING
    assert api_verdict_count(story["group"]) == 1


def api_verdict_count(group) -> int:
    return Review.objects.filter(group=group).count()


@pytest.mark.parametrize("verdict", ["unreviewed", "true", ""])
def test_unknown_verdict_is_a_400_listing_the_choices(reviewer_api, story, verdict):
    response = reviewer_api.post(f"/api/claims/{story['jobless'].pk}/verdicts/", {"verdict": verdict}, format="json")
    assert response.status_code == 400
    assert "verdict" in response.json()["errors"]
    assert Review.objects.count() == 0


def test_evidence_that_is_not_a_web_link_is_a_400_from_the_review_service(reviewer_api, story):
    response = reviewer_api.post(
        f"/api/claims/{story['jobless'].pk}/verdicts/", {"verdict": "verified", "evidence_url": "javascript:alert(1)"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"]["evidence_url"] == ["the evidence link must be an http(s) URL"]


def test_verdict_on_a_missing_claim_is_a_404(reviewer_api, story):
    response = reviewer_api.post("/api/claims/424242/verdicts/", {"verdict": "verified", "note": "matches the minutes"}, format="json")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_verdict_as_form_data_works_too(reviewer_api, story):
    response = reviewer_api.post(f"/api/claims/{story['jobless'].pk}/verdicts/", {"verdict": "rejected", "note": "the minutes say otherwise"})
    assert response.status_code == 201


def test_article_above_the_size_limit_is_a_400_naming_the_limit(fact_checker_api, settings):
    settings.FACTCHECK_MAX_ARTICLE_BYTES = 1000
    response = fact_checker_api.post("/api/articles/", {"text": STORY * 20, "outlet": "Courier"}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "too_large" and "limit" in response.json()["detail"]

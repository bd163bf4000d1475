import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.models import Article, Claim
from tests.factories import ClaimFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

STORY = (
    "Council approves library budget\n\n"
    "The city council approved a budget of $12 million for libraries on Tuesday, the mayor said."
)


def _claim_form(claim, **changes):
    data = {
        "kind": claim.kind, "value": str(claim.value), "unit": claim.unit, "qualifier": claim.qualifier,
        "date_value": "", "subject": claim.subject, "speaker": claim.speaker_id or "", "quote": "",
    }
    data.update(changes)
    return data


def test_fact_checker_fixes_a_value_and_history_names_them(fact_checker_client, fact_checker):
    claim = ClaimFactory()
    response = fact_checker_client.post(reverse("admin:claims_claim_change", args=[claim.pk]), _claim_form(claim, value="13000000"))
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.value == 13000000
    assert claim.history.latest().history_user == fact_checker


def test_fact_checker_fixes_a_speaker(fact_checker_client):
    claim = ClaimFactory()
    right = SpeakerFactory(name="Mayor Ann Lee")
    fact_checker_client.post(reverse("admin:claims_claim_change", args=[claim.pk]), _claim_form(claim, speaker=right.pk))
    claim.refresh_from_db()
    assert claim.speaker == right


def test_fact_checker_deletes_a_false_claim_and_it_stays_in_history(fact_checker_client):
    claim = ClaimFactory()
    fact_checker_client.post(reverse("admin:claims_claim_delete", args=[claim.pk]), {"post": "yes"})
    assert not Claim.objects.filter(pk=claim.pk).exists()
    assert Claim.history.filter(id=claim.pk, history_type="-").exists()


def test_reviewer_cannot_edit_a_claim(reviewer_client):
    claim = ClaimFactory()
    reviewer_client.post(reverse("admin:claims_claim_change", args=[claim.pk]), _claim_form(claim, value="1"))
    claim.refresh_from_db()
    assert claim.value == 12000000


def test_add_article_form_ingests_pasted_text(fact_checker_client, django_capture_on_commit_callbacks):
    response = fact_checker_client.post(reverse("admin:claims_article_add"), {"outlet": "City Times", "text": STORY})
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{article.pk}/change/")
    assert article.outlet.name == "City Times" and "$12 million" in article.body


def test_add_article_form_shows_an_empty_upload_as_a_form_error(fact_checker_client):
    upload = SimpleUploadedFile("empty.txt", b"   \n")
    response = fact_checker_client.post(reverse("admin:claims_article_add"), {"file": upload})
    assert response.status_code == 200
    assert "empty article: no text" in response.content.decode()
    assert not Article.objects.exists()


def test_add_article_form_shows_a_binary_upload_as_a_form_error(fact_checker_client):
    upload = SimpleUploadedFile("photo.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    response = fact_checker_client.post(reverse("admin:claims_article_add"), {"file": upload})
    assert "binary file (a PNG image)" in response.content.decode()


def test_add_article_form_wants_exactly_one_source(fact_checker_client):
    response = fact_checker_client.post(reverse("admin:claims_article_add"), {"text": STORY, "url": "https://example.org/a"})
    assert "Give the article one way" in response.content.decode()


def test_reviewer_cannot_add_articles(reviewer_client):
    assert reviewer_client.get(reverse("admin:claims_article_add")).status_code == 403


def test_a_fact_checkers_fix_of_a_unit_recomputes_the_canonical_value(fact_checker_client):
    claim = ClaimFactory(text="10 miles", kind="quantity", value=10, unit="mile", base_value=16093.44,
                         base_unit="meter", confidence=0.5)
    response = fact_checker_client.post(reverse("admin:claims_claim_change", args=[claim.pk]),
                                        _claim_form(claim, unit="kilometer"))
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.unit, claim.base_value, claim.base_unit, claim.confidence) == ("kilometer", 10000, "meter", 1.0)
    assert claim.notes == ["value or unit set by a fact-checker"]


DATED = (
    "NATO to meet on Ukraine's air defence\n\n"
    "Foreign ministers of NATO will meet next Wednesday in Bucharest to discuss air defence for Ukraine, "
    "the alliance's Secretary-General Jens Stoltenberg said on Friday."
)


def test_pasted_article_with_title_and_date_resolves_its_relative_dates(
    fact_checker_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        fact_checker_client.post(reverse("admin:claims_article_add"), {
            "outlet": "Wire Copy", "title": "Ministers to meet in Bucharest", "published_on": "2022-11-25",
            "text": DATED,
        })
    article = Article.objects.get()
    assert article.title == "Ministers to meet in Bucharest"
    assert article.published_at.date().isoformat() == "2022-11-25" and article.published_from == "given"
    days = {c.text: c.date_value.isoformat() for c in article.claims.filter(kind="date")}
    assert days == {"next Wednesday": "2022-11-30", "on Friday": "2022-11-25"}


def test_pasted_article_without_a_date_leaves_relative_dates_unresolved_and_says_so(
    fact_checker_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        fact_checker_client.post(reverse("admin:claims_article_add"), {"outlet": "Wire Copy", "text": DATED})
    article = Article.objects.get()
    assert article.published_at is None
    assert set(article.claims.filter(kind="date").values_list("date_value", flat=True)) == {None}
    page = fact_checker_client.get(reverse("admin:claims_article_change", args=[article.pk])).content.decode()
    assert "not resolved: the article&#x27;s publication date is unknown" in page
    assert "<strong>unknown</strong>" in page


def test_fact_checker_sets_a_missing_date_and_the_story_is_extracted_again(
    fact_checker_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        fact_checker_client.post(reverse("admin:claims_article_add"), {"outlet": "Wire Copy", "text": DATED})
    article = Article.objects.get()
    form = {"title": article.title, "outlet": article.outlet_id, "url": "", "author": "",
            "published_at_0": "2022-11-25", "published_at_1": "12:00:00"}
    with django_capture_on_commit_callbacks(execute=True):
        response = fact_checker_client.post(reverse("admin:claims_article_change", args=[article.pk]), form)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.published_from == "given"
    friday = article.claims.get(kind="date", text="on Friday")
    assert friday.date_value.isoformat() == "2022-11-25"

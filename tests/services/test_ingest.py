import codecs

import pytest

from claims.models import Article, Outlet
from claims.services import IngestError, article_ingest, article_ingest_path

pytestmark = pytest.mark.django_db

STORY = (
    "The city council approved a budget of $12 million on Tuesday, the mayor said. "
    "“We kept every library open,” Mayor Ana Ruiz told reporters after the vote.\n"
)


def test_ingest_stores_clean_body_raw_and_hash_and_extracts_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = article_ingest(content=STORY.encode(), outlet_name="City Desk", source_name="budget.txt")
    article = Article.objects.get()
    assert result.created and result.article == article
    assert article.body == STORY.strip()
    assert article.raw == STORY
    assert len(article.content_hash) == 64
    assert article.outlet.name == "City Desk"
    assert article.status == Article.Status.EXTRACTED


def test_same_story_again_under_the_same_outlet_creates_nothing():
    first = article_ingest(content=STORY, outlet_name="City Desk")
    again = article_ingest(content="\n\n" + STORY.replace(" ", "  "), outlet_name="city desk")
    assert again.created is False
    assert again.article.id == first.article.id
    assert Article.objects.count() == 1


def test_same_story_without_an_outlet_again_creates_nothing():
    first = article_ingest(content=STORY)
    assert article_ingest(content=STORY).article.id == first.article.id


def test_same_text_under_another_outlet_is_that_outlets_appearance_of_it():
    # A wire story run by two papers: two outlets ran it, one text.
    first = article_ingest(content=STORY, outlet_name="City Desk")
    second = article_ingest(content=STORY, outlet_name="Metro Herald")
    assert second.created is True and second.article.id != first.article.id
    assert second.article.outlet.name == "Metro Herald"
    assert second.article.content_hash == first.article.content_hash


def test_same_url_again_creates_nothing():
    article_ingest(content=STORY, url="https://news.example.org/budget")
    again = article_ingest(content=STORY + "Updated at noon with new figures from the council.", url="https://news.example.org/budget")
    assert again.created is False
    assert Article.objects.count() == 1


def test_outlet_defaults_to_the_url_site():
    result = article_ingest(content=STORY, url="https://www.example.org/a/b")
    assert result.article.outlet.name == "example.org"
    assert result.article.outlet.domain == "example.org"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty article"),
        (b"   \n\t  \n", "empty article"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (a PNG image)"),
        (b"%PDF-1.7\n", "binary file (a PDF document)"),
        (b"\x00\x01\x02\x00\x00\x00garbage\x00\x00", "NUL bytes"),
        (b"Caf\xe9 owners said prices rose.", "not valid UTF-8 text (byte 0xe9 at offset 3)"),
    ],
)
def test_bad_input_is_refused_with_a_clear_reason_and_nothing_stored(content, message):
    with pytest.raises(IngestError) as excinfo:
        article_ingest(content=content)
    assert message in excinfo.value.messages[0]
    assert Article.objects.count() == 0


def test_utf16_with_bom_is_decoded():
    article_ingest(content=codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"))
    assert Article.objects.get().body.startswith("The city council approved a budget of $12 million")


def test_too_large_article_is_refused_naming_the_limit(settings):
    settings.FACTCHECK_MAX_ARTICLE_BYTES = 1024
    with pytest.raises(IngestError, match=r"above the 1 KB limit \(FACTCHECK_MAX_ARTICLE_BYTES\)"):
        article_ingest(content=STORY * 20)


def test_html_goes_through_trafilatura_for_title_date_and_text():
    html = (
        "<!doctype html><html><head><title>Budget passes | City Desk</title>"
        '<meta property="og:title" content="Council passes $12 million budget">'
        '<meta name="author" content="Lee Park">'
        '<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>'
        "<body><nav>Home | Sports | Weather</nav><article><h1>Council passes $12 million budget</h1>"
        f"<p>{STORY}</p><p>The vote was 7 to 2, with two members absent from the chamber.</p></article>"
        "<footer>Copyright City Desk. All rights reserved.</footer></body></html>"
    )
    article = article_ingest(content=html).article
    assert article.raw_format == Article.Format.HTML
    assert article.title == "Council passes $12 million budget"
    assert article.author == "Lee Park"
    assert article.published_at.date().isoformat() == "2024-03-05"
    assert "The vote was 7 to 2" in article.body
    assert "Home | Sports" not in article.body and "Copyright" not in article.body


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(IngestError, match="no such file"):
        article_ingest_path(path=tmp_path / "nope.txt")


def test_seed_000_is_stored_with_its_headline_and_without_related_headlines(seed_paths):
    article = article_ingest_path(path=seed_paths[0]).article
    assert article.title == "NATO vows to aid Ukraine ‘for as long as it takes’"
    assert "Related Articles" not in article.body
    assert "Kim Kardashian" not in article.body
    assert "Kim Kardashian" in article.raw


PAGE = (
    "London Daily\nFocus on the big picture.\nWednesday, Jan 28, 2026\n"
    "NATO vows to aid Ukraine for as long as it takes\n"
    "NATO is determined to help Ukraine defend itself for as long as it takes, Secretary-General Jens Stoltenberg said on Friday.\n"
)


def test_the_masthead_names_the_outlet_and_the_page_date_is_not_taken():
    article = article_ingest(content=PAGE).article
    assert article.outlet.name == "London Daily"
    assert article.published_at is None and article.published_from == ""


def test_an_outlet_named_by_a_person_wins_over_the_masthead():
    assert article_ingest(content=PAGE, outlet_name="Wire Copy").article.outlet.name == "Wire Copy"


def test_a_url_names_the_outlet_by_its_site_and_dates_the_story():
    article = article_ingest(content=STORY, url="https://www.courier.example/2022/11/25/budget").article
    assert (article.outlet.name, article.outlet.domain) == ("courier.example", "courier.example")
    assert article.published_at.date().isoformat() == "2022-11-25"
    assert article.published_from == Article.PublishedFrom.URL


def test_a_url_on_a_known_site_finds_its_outlet():
    Outlet.objects.create(name="The Courier", domain="courier.example")
    article = article_ingest(content=STORY, url="https://courier.example/budget").article
    assert article.outlet.name == "The Courier" and Outlet.objects.count() == 1


def test_a_date_given_by_a_person_wins_and_says_so():
    from datetime import UTC, datetime

    given = datetime(2022, 11, 24, 12, tzinfo=UTC)
    article = article_ingest(content=STORY, url="https://courier.example/2022/11/25/budget", published_at=given).article
    assert article.published_at == given and article.published_from == Article.PublishedFrom.GIVEN


def test_html_site_name_from_page_metadata_names_the_outlet():
    html = (
        '<html><head><meta property="og:site_name" content="Harbor News">'
        '<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head><body><article>'
        f"<p>{STORY}</p><p>The vote was 7 to 2, with two members absent from the chamber.</p></article></body></html>"
    )
    article = article_ingest(content=html).article
    assert article.outlet.name == "Harbor News"
    assert article.published_from == Article.PublishedFrom.METADATA


def test_html_without_date_markup_has_no_date_even_if_its_text_has_one():
    # htmldate's extensive search would take "January 28, 2026" from the page's furniture.
    html = (
        "<html><head><title>Budget passes</title></head><body><div class='topbar'>Wednesday, January 28, 2026</div>"
        f"<article><h1>Budget passes</h1><p>{STORY}</p><p>The vote was 7 to 2, with two members absent.</p></article>"
        "</body></html>"
    )
    assert article_ingest(content=html).article.published_at is None

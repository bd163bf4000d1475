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


def test_same_story_again_creates_nothing():
    first = article_ingest(content=STORY, outlet_name="City Desk")
    again = article_ingest(content="\n\n" + STORY.replace(" ", "  "), outlet_name="Other Desk")
    assert again.created is False
    assert again.article.id == first.article.id
    assert Article.objects.count() == 1
    assert not Outlet.objects.filter(name="Other Desk").exists()


def test_same_url_again_creates_nothing():
    article_ingest(content=STORY, url="https://news.example.org/budget")
    again = article_ingest(content=STORY + "Updated at noon with new figures from the council.", url="https://news.example.org/budget")
    assert again.created is False
    assert Article.objects.count() == 1


def test_outlet_defaults_to_the_url_host():
    result = article_ingest(content=STORY, url="https://www.example.org/a/b")
    assert result.article.outlet.name == "www.example.org"
    assert result.article.outlet.domain == "www.example.org"


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

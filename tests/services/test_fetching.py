"""Fetching a submitted URL: the article waits as `fetching` while a worker gets the page
within one deadline and the size limit, decodes it by the charset it declares, and stores
it (or fails the article with the reason)."""
from __future__ import annotations

import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claims.models import Article
from claims.services import IngestError, article_fetch, article_submit_url
from claims.services.fetching import fetch_url

pytestmark = pytest.mark.django_db

STORY = (
    "<html><head>{meta}<title>Café owners fear the new tax</title></head><body><article>"
    "<h1>Café owners fear the new tax</h1>"
    "<p>The café owners’ association said on Monday that the tax would cost its 120 members €4 million a year.</p>"
    "<p>“We cannot pass it on to customers,” said its chair, Zoë Müller.</p>"
    "</article></body></html>"
)
JAPANESE = (
    "<html><head>{meta}<title>予算案</title></head><body><article><h1>予算案</h1>"
    "<p>東京都は月曜日、予算を5パーセント増やすと発表した。The city said on Monday it would raise the budget "
    "by 5 percent to $12 million, the mayor said.</p></article></body></html>"
)


class Site:
    """A local site serving what each test puts in `routes`: path -> (headers, body or a
    callable writing to the socket)."""

    def __init__(self):
        self.routes: dict[str, tuple[dict, object]] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path not in site.routes:
                    self.send_error(404)
                    return
                headers, body = site.routes[self.path]
                self.send_response(headers.pop(":status", 200) if isinstance(headers, dict) else 200)
                for name, value in dict(headers).items():
                    self.send_header(name, value)
                self.end_headers()
                try:
                    body(self.wfile) if callable(body) else self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site(settings):
    settings.FACTCHECK_FETCH_PRIVATE_HOSTS = True  # the site is on loopback
    served = Site()
    yield served
    served.close()


@pytest.fixture
def submit(django_capture_on_commit_callbacks):
    """article_submit_url, with its fetch task run once the article is committed (inline,
    as the embedded default runs tasks)."""

    def submit_url(url: str, outlet_name: str = ""):
        with django_capture_on_commit_callbacks(execute=True):
            return article_submit_url(url=url, outlet_name=outlet_name)

    return submit_url


def html(body: bytes, charset: str | None = None) -> tuple[dict, bytes]:
    kind = "text/html" + (f"; charset={charset}" if charset else "")
    return {"Content-Type": kind, "Content-Length": str(len(body))}, body


# --- one deadline, one size limit ---------------------------------------------------------------


def drip(wfile, *, every: float = 0.4, count: int = 100):
    """A page that never finishes: one byte every `every` seconds, each well within a
    per-read timeout."""
    for _ in range(count):
        wfile.write(b"x")
        wfile.flush()
        time.sleep(every)


def test_a_page_dripping_a_byte_at_a_time_is_cut_at_the_deadline(site, settings):
    settings.FACTCHECK_FETCH_DEADLINE = 2
    settings.FACTCHECK_FETCH_TIMEOUT = 1
    site.routes["/drip"] = ({"Content-Type": "text/html", "Content-Length": "1000"}, drip)
    started = time.monotonic()
    with pytest.raises(IngestError, match=r"no complete answer within 2 s \(FACTCHECK_FETCH_DEADLINE\)"):
        fetch_url(site.url + "/drip")
    assert time.monotonic() - started < 3.5


def test_headers_dripping_in_are_cut_at_the_deadline_too(site, settings):
    settings.FACTCHECK_FETCH_DEADLINE = 2
    settings.FACTCHECK_FETCH_TIMEOUT = 1

    def slow_headers(wfile):
        for n in range(40):
            wfile.write(f"X-Slow-{n}: y\r\n".encode())
            wfile.flush()
            time.sleep(0.3)

    site.routes["/slow-headers"] = ({}, slow_headers)
    # The handler's end_headers() sends the status line at once; the headers then trickle.
    started = time.monotonic()
    with pytest.raises(IngestError, match="no complete answer within 2 s"):
        fetch_url(site.url + "/slow-headers")
    assert time.monotonic() - started < 3.5


def test_a_declared_length_over_the_limit_is_refused_before_reading(site, settings):
    settings.FACTCHECK_MAX_ARTICLE_BYTES = 1000
    site.routes["/big"] = ({"Content-Type": "text/html", "Content-Length": "5000000"}, lambda wfile: drip(wfile, count=5))
    started = time.monotonic()
    with pytest.raises(IngestError, match="above the 1000 KB limit|above the 1 KB limit") as refused:
        fetch_url(site.url + "/big")
    assert refused.value.code == "too_large" and time.monotonic() - started < 1.5


def test_a_body_without_a_length_is_cut_at_the_limit(site, settings):
    settings.FACTCHECK_MAX_ARTICLE_BYTES = 10_000
    site.routes["/endless"] = ({"Content-Type": "text/html"}, lambda wfile: [wfile.write(b"y" * 4096) for _ in range(100)])
    with pytest.raises(IngestError) as refused:
        fetch_url(site.url + "/endless")
    assert refused.value.code == "too_large"


def test_a_compressed_page_is_read_and_a_compression_bomb_is_cut(site, settings):
    page = STORY.format(meta="").encode()
    site.routes["/gz"] = ({"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}, gzip.compress(page))
    assert fetch_url(site.url + "/gz").data == page
    settings.FACTCHECK_MAX_ARTICLE_BYTES = 100_000
    site.routes["/bomb"] = ({"Content-Type": "text/html", "Content-Encoding": "gzip"}, gzip.compress(b"\0" * 50_000_000))
    with pytest.raises(IngestError) as refused:
        fetch_url(site.url + "/bomb")
    assert refused.value.code == "too_large"


# --- the declared charset -------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "charset", "meta", "encoding", "bom"), [
    ("windows-1252 in the header", "windows-1252", "", "cp1252", b""),
    ("latin-1 in the header, read as windows-1252", "iso-8859-1", "", "cp1252", b""),
    ("windows-1252 in a meta charset", None, '<meta charset="windows-1252">', "cp1252", b""),
    ("windows-1252 in a meta http-equiv", None,
     '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', "cp1252", b""),
    ("a UTF-8 byte-order mark over a wrong header", "windows-1252", "", "utf-8", b"\xef\xbb\xbf"),
])
def test_a_page_is_decoded_by_the_charset_it_declares(site, submit, name, charset, meta, encoding, bom):
    page = STORY.format(meta=meta)
    site.routes["/story"] = html(bom + page.encode(encoding), charset)
    article = submit(site.url + "/story", "Courier").article
    article.refresh_from_db()
    assert article.status in {Article.Status.PENDING, Article.Status.EXTRACTED}, article.error
    assert "The café owners’ association" in article.body and "€4 million" in article.body
    assert "Zoë Müller" in article.body and article.title == "Café owners fear the new tax"


@pytest.mark.parametrize(("charset", "meta"), [("shift_jis", ""), (None, '<meta charset="Shift_JIS">'),
                                               ("euc-jp", "")])
def test_a_japanese_page_in_a_legacy_charset_is_read(site, submit, charset, meta):
    encoding = charset or "shift_jis"
    site.routes["/jp"] = html(JAPANESE.format(meta=meta).encode(encoding), charset)
    article = submit(site.url + "/jp").article
    article.refresh_from_db()
    assert "東京都は月曜日" in article.body, article.error


@pytest.mark.parametrize(("charset", "meta", "words"), [
    (None, "", "not valid UTF-8 text (byte 0xe9"),
    ("utf-8", "", "not valid utf-8 text as its page declares (byte 0xe9"),
    ("klingon-8", "", "a character set this server does not know: 'klingon-8'"),
])
def test_bytes_that_do_not_decode_fail_the_article_with_a_clear_reason(site, submit, charset, meta, words):
    site.routes["/bad"] = html(STORY.format(meta=meta).encode("cp1252"), charset)
    article = submit(site.url + "/bad").article
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED and words in article.error


# --- the article's way: fetching, then pending ------------------------------------------------------


def test_a_submitted_url_waits_as_fetching_until_a_worker_fetches_it(site, django_capture_on_commit_callbacks):
    site.routes["/story"] = html(STORY.format(meta="").encode(), "utf-8")
    with django_capture_on_commit_callbacks() as queued:
        result = article_submit_url(url=site.url + "/story", outlet_name="Courier")
    article = result.article
    assert result.created and article.status == Article.Status.FETCHING and article.body == ""
    assert article.content_hash is None and article.outlet.name == "Courier"
    assert len(queued) == 1  # the fetch task, once committed
    assert article_fetch(article_id=article.id)
    article.refresh_from_db()
    assert article.status == Article.Status.PENDING and article.content_hash and "€4 million" in article.body
    assert not article_fetch(article_id=article.id)  # done once; a redelivery changes nothing


def test_a_page_holding_a_story_already_stored_for_its_outlet_fails_naming_it(site, submit):
    from claims.services import article_ingest

    first = article_ingest(content=STORY.format(meta=""), outlet_name="Courier", html=True).article
    site.routes["/copy"] = html(STORY.format(meta="").encode(), "utf-8")
    copy = submit(site.url + "/copy", outlet_name="Courier").article
    copy.refresh_from_db()
    assert copy.status == Article.Status.FAILED
    assert copy.error == f"the same story is already stored as article {first.id}"


def test_the_same_story_fetched_from_another_outlets_page_is_that_outlets_article(site, submit):
    from claims.services import article_ingest

    first = article_ingest(content=STORY.format(meta=""), outlet_name="Courier", html=True).article
    site.routes["/wire"] = html(STORY.format(meta="").encode(), "utf-8")
    copy = submit(site.url + "/wire", outlet_name="Metro Herald").article
    copy.refresh_from_db()
    assert copy.status != Article.Status.FAILED and copy.outlet.name == "Metro Herald"
    assert copy.content_hash == first.content_hash


def test_a_fetched_page_that_names_its_outlet_gives_it_and_its_date(site, submit):
    page = STORY.format(meta='<meta property="og:site_name" content="Harbor News">'
                            '<meta property="article:published_time" content="2024-03-05T10:00:00Z">')
    site.routes["/harbor"] = html(page.encode(), "utf-8")
    article = submit(site.url + "/harbor").article
    article.refresh_from_db()
    assert article.outlet.name == "Harbor News"
    assert article.published_at.date().isoformat() == "2024-03-05" and article.published_from == "metadata"


def test_a_failed_fetch_is_tried_again_when_the_url_is_submitted_again(site, submit):
    gone = submit(site.url + "/later").article
    gone.refresh_from_db()
    assert gone.status == Article.Status.FAILED and "HTTP 404" in gone.error
    site.routes["/later"] = html(STORY.format(meta="").encode(), "utf-8")
    again = submit(site.url + "/later")
    assert not again.created and again.article.id == gone.id
    gone.refresh_from_db()
    assert gone.status in {Article.Status.PENDING, Article.Status.EXTRACTED} and "€4 million" in gone.body


def test_the_sweeper_fetches_a_url_whose_task_was_lost(site, django_capture_on_commit_callbacks):
    from django.utils import timezone

    from claims.tasks import requeue_stale_articles

    site.routes["/lost"] = html(STORY.format(meta="").encode(), "utf-8")
    article = Article.objects.create(url=site.url + "/lost", status=Article.Status.FETCHING, body="", raw="")
    Article.objects.filter(id=article.id).update(updated_at=timezone.now() - timezone.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        requeue_stale_articles()
    article.refresh_from_db()
    assert article.status in {Article.Status.PENDING, Article.Status.EXTRACTED} and "€4 million" in article.body

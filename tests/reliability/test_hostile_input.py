"""Hostile and broken input through every way in: `manage.py ingest`, POST /api/articles/
and the admin's add-article form.

One table, one row per kind of input. Each way in gives a clean result (the article is
stored, and its extraction ends extracted, or failed with a reason) or a clear error naming
the problem: never a 500, never a dead worker, and nothing else in the same batch lost.
"""
from __future__ import annotations

import codecs
import io
import json
import struct
import zlib
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Article
from tests.reliability.conftest import wait_for

pytestmark = pytest.mark.django_db

STORY = (
    "Council approves road budget\n\n"
    "The city council approved $12 million for road repairs on Tuesday. "
    '"We will fix every pothole by spring," Mayor Ann Lee said after the vote.\n'
)
NO_SUCH_HOST = "http://no-such-host.invalid/story"  # .invalid never resolves (RFC 2606)


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    pixels = zlib.compress(b"\x00\xff\x00\x00\xff" * 2)
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def _long_line() -> str:
    # One 200,000-character line: a real sentence at each end, between them text that the
    # language check reads as English (every other word "the") but the parser gets through
    # quickly. The claim at the far end lies beyond the first extraction chunk (100,000
    # characters).
    tail = " The mayor said repairs would cost $3 million more."
    filler = ("the " + "x" * 95 + " ") * 2000
    return (STORY.replace("\n", " ") + filler)[: 200_000 - len(tail)] + tail


RTL = (
    "قال وزير المالية إن الميزانية سترتفع بنسبة 5 بالمئة في العام المقبل.\n"
    "ראש העיר אמר כי המסים יעלו ב-3 אחוזים.\n"
)
SCRIPT_HTML = (
    "<html><head><title>Budget vote</title><script>window.pwned = 1; alert('head')</script></head>"
    "<body><article><h1>Budget vote</h1>"
    '<p onclick="alert(\'p\')">The city council approved $12 million for road repairs on Tuesday.</p>'
    '<p>"We will fix every pothole," Mayor Ann Lee said. <img src=x onerror="alert(\'img\')"></p>'
    "<script>alert('body')</script></article></body></html>"
)


@dataclass(frozen=True)
class Hostile:
    """One kind of bad input; `refused` maps a way in to a phrase of its error (absent: accepted)."""

    name: str
    file: bytes | None  # the bytes of a file (ingest command, admin upload); None: not a file case
    api: dict | tuple[str, bytes] | None  # a JSON object, or (content type, raw body)
    refused: dict[str, str] = field(default_factory=dict)
    admin_url: str | None = None
    ends: str = Article.Status.EXTRACTED  # how an accepted article's extraction ends


TEN_MB = 10 * 1024 * 1024

CASES = [
    Hostile("empty", b"", {"text": "", "outlet": "Hostile"},
            refused={"ingest": "empty article", "api": "text: This field may not be blank", "admin": "file is empty"}),
    Hostile("whitespace", b"  \n\t \r\n  ", {"text": " \n\t \n", "outlet": "Hostile"},
            refused={"ingest": "empty article", "api": "empty article", "admin": "empty article"}),
    Hostile("image", _png(), ("image/png", _png()),
            refused={"ingest": "binary file (a PNG image)", "api": "Unsupported media type",
                     "admin": "binary file (a PNG image)"}),
    # A stray NUL in a story (PostgreSQL text cannot hold one) is dropped; mostly-NUL data is
    # binary (tests/services/test_ingest.py).
    Hostile("nul-bytes", STORY.replace("Tuesday", "Mon\x00day").encode(),
            {"text": STORY.replace("Tuesday", "Mon\x00day"), "outlet": "Hostile"},
            refused={"api": "Null characters are not allowed"}),
    Hostile("invalid-utf8", b"The caf\xe9 owners said prices rose by 5 percent.",
            ("application/json", b'{"text": "The caf\xe9 owners said prices rose.", "outlet": "Hostile"}'),
            refused={"ingest": "not valid UTF-8 text (byte 0xe9 at offset 7)", "api": "JSON parse error",
                     "admin": "not valid UTF-8 text"}),
    Hostile("utf16-bom", codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"),
            ("application/json; charset=utf-16",
             json.dumps({"text": STORY.replace("Council", "Utf16 council"), "outlet": "Hostile"}).encode("utf-16"))),
    Hostile("ten-megabytes", STORY.encode() * (TEN_MB // len(STORY.encode()) + 1),
            {"text": STORY * (TEN_MB // len(STORY) + 1), "outlet": "Hostile"},
            refused={way: "above the 8.0 MB limit (FACTCHECK_MAX_ARTICLE_BYTES)" for way in ("ingest", "api", "admin")}),
    Hostile("forty-megabyte-request", None, {"text": "x" * (40 * 1024 * 1024), "outlet": "Hostile"},
            refused={"api": "request body larger than 17 MB (DATA_UPLOAD_MAX_MEMORY_SIZE)"}),
    Hostile("one-long-line", _long_line().encode(), {"text": _long_line().replace("x", "y"), "outlet": "Hostile"}),
    Hostile("ten-thousand-quote-marks", b'"' * 10_000, {"text": "\u201c" * 10_000, "outlet": "Hostile"}),
    # spaCy's tokenizer is quadratic in a run of punctuation: a megabyte of it would hold a
    # worker for hours unless the pipeline defuses such runs.
    Hostile("a-megabyte-of-brackets", b"(" * 1_000_000, {"text": "$" * 1_000_000, "outlet": "Hostile"}),
    Hostile("right-to-left", RTL.encode(), {"text": RTL.replace("5", "6"), "outlet": "Hostile"}),
    Hostile("script-and-handlers", SCRIPT_HTML.encode(), {"html": SCRIPT_HTML.replace("12", "13"), "outlet": "Hostile"}),
    Hostile("wrong-types-unknown-fields", None,
            {"text": ["not", "a", "string"], "outlet": {"name": 1}, "published_at": "yesterday", "sneaky": True},
            refused={"api": "text: Not a valid string"}),
    # The API and the admin take a URL at once and a worker fetches it: the article ends
    # failed with the reason (test_a_url_that_cannot_be_fetched_fails_its_article_with_the_reason).
    Hostile("no-such-host", None, {"url": NO_SUCH_HOST},
            refused={"ingest": "could not fetch http://no-such-host.invalid/story"}, admin_url=NO_SUCH_HOST,
            ends=Article.Status.FAILED),
]
FILE_NAMES = {"image": "photo.png", "script-and-handlers": "script-and-handlers.html"}


def file_name(case: Hostile) -> str:
    return FILE_NAMES.get(case.name, f"{case.name}.txt")


def case_id(case: Hostile) -> str:
    return case.name


def assert_extraction_ended(article: Article, ends: str = Article.Status.EXTRACTED) -> None:
    article.refresh_from_db()
    assert article.status == ends, article.error
    if ends == Article.Status.FAILED:
        assert article.error.strip(), "failed without a reason"


def assert_clean_body(case: Hostile, article: Article, *, figure: str = "$12 million") -> None:
    """figure: the script case's amount as that way in sent it (the API's copy says $13 million)."""
    assert "\x00" not in article.body and "\x00" not in article.raw
    if case.name == "script-and-handlers":
        assert "<script" not in article.body and "onerror" not in article.body and "alert(" not in article.body
        assert figure in article.body
    if case.name == "one-long-line":
        claims = list(article.claims.filter(text__contains="3 million"))
        assert len(claims) == 1
        assert article.body[claims[0].start : claims[0].end] == claims[0].text


# --- manage.py ingest -------------------------------------------------------------------


@pytest.mark.parametrize("case", [c for c in CASES if c.file is not None], ids=case_id)
def test_ingest_command(case, tmp_path, django_capture_on_commit_callbacks):
    path = tmp_path / file_name(case)
    path.write_bytes(case.file)
    out, err = io.StringIO(), io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        if "ingest" in case.refused:
            with pytest.raises(CommandError):
                call_command("ingest", str(path), stdout=out, stderr=err)
        else:
            call_command("ingest", str(path), stdout=out, stderr=err)
    if "ingest" in case.refused:
        assert f"error: {path}: " in err.getvalue()
        assert case.refused["ingest"] in err.getvalue()
        assert not Article.objects.exists()
    else:
        article = Article.objects.get()
        assert_extraction_ended(article, case.ends)
        assert_clean_body(case, article)


def test_ingest_command_url_to_a_host_that_does_not_exist_fails_with_its_name():
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", "--url", NO_SUCH_HOST, stdout=io.StringIO(), stderr=err)
    assert "could not fetch http://no-such-host.invalid/story" in err.getvalue()


def test_ingest_command_stores_every_good_file_of_a_folder_full_of_bad_ones(tmp_path, seed_paths,
                                                                          django_capture_on_commit_callbacks):
    for case in CASES:
        if case.file is not None:
            (tmp_path / file_name(case).replace(".png", ".txt")).write_bytes(case.file)
    for seed in seed_paths[:2]:
        (tmp_path / seed.name).write_bytes(seed.read_bytes())
    err = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(CommandError):
        call_command("ingest", str(tmp_path), stdout=io.StringIO(), stderr=err)
    refused = [c for c in CASES if c.file is not None and "ingest" in c.refused]
    assert len(err.getvalue().strip().splitlines()) == len(refused)
    stored = set(Article.objects.values_list("source_name", flat=True))
    assert {seed.name for seed in seed_paths[:2]} <= stored
    assert len(stored) == 2 + len([c for c in CASES if c.file is not None]) - len(refused)
    for article in Article.objects.all():
        assert_extraction_ended(article)


# --- POST /api/articles/ ----------------------------------------------------------------


def _role_user(role: str, **extra):
    call_command("setup_roles", stdout=io.StringIO())
    user = get_user_model().objects.create_user(f"h4-{role}", password="a-long-test-password-1", **extra)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def fact_checker_api():
    cache.clear()  # throttle counters
    client = APIClient()
    token = Token.objects.create(user=_role_user("fact-checkers"))
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    yield client
    cache.clear()


def post_article(client, payload):
    if isinstance(payload, dict):
        return client.post("/api/articles/", payload, format="json")
    content_type, body = payload
    return client.generic("POST", "/api/articles/", body, content_type=content_type)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_api_submission(case, fact_checker_api, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_article(fact_checker_api, case.api)
    assert response.status_code < 500
    body = response.json()
    if "api" in case.refused:
        assert response.status_code in {400, 413, 415}, body
        assert case.refused["api"] in body["detail"], body
        assert not Article.objects.exists()
    else:
        assert response.status_code == 202, body
        article = Article.objects.get(id=body["id"])
        assert_extraction_ended(article, case.ends)
        assert_clean_body(case, article, figure="$13 million")


def test_a_url_that_cannot_be_fetched_fails_its_article_with_the_reason(fact_checker_api,
                                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_article(fact_checker_api, {"url": NO_SUCH_HOST})
    assert response.status_code == 202
    article = Article.objects.get(id=response.json()["id"])
    assert article.status == Article.Status.FAILED
    assert article.error == "could not fetch http://no-such-host.invalid/story: its host name does not resolve"


def test_api_wrong_types_name_every_bad_field(fact_checker_api):
    case = next(c for c in CASES if c.name == "wrong-types-unknown-fields")
    errors = post_article(fact_checker_api, case.api).json()["errors"]
    assert {"text", "outlet", "published_at"} <= set(errors)


def test_api_hostile_submissions_lose_no_good_article_among_them(fact_checker_api, django_capture_on_commit_callbacks):
    good = {"text": STORY.replace("Tuesday", "Friday"), "outlet": "Daily Courier"}
    small = [case for case in CASES if "megabyte" not in case.name]  # the big ones have their own tests
    with django_capture_on_commit_callbacks(execute=True):
        codes = [post_article(fact_checker_api, case.api).status_code for case in small[:6]]
        first = post_article(fact_checker_api, good)
        codes += [post_article(fact_checker_api, case.api).status_code for case in small[6:]]
    assert first.status_code == 202 and max(codes) < 500
    assert Article.objects.get(id=first.json()["id"]).status == Article.Status.EXTRACTED


# --- the admin's add-article form ------------------------------------------------------------


@pytest.fixture
def fact_checker_admin(client):
    client.force_login(_role_user("fact-checkers", is_staff=True))
    return client


def admin_form(case: Hostile) -> dict:
    form = {"outlet": "Hostile", "text": "", "url": "", "source_url": ""}
    if case.admin_url is not None:
        form["url"] = case.admin_url
    else:
        form["file"] = SimpleUploadedFile(file_name(case), case.file)
    return form


@pytest.mark.parametrize("case", [c for c in CASES if c.file is not None or c.admin_url], ids=case_id)
def test_admin_add_article_form(case, fact_checker_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = fact_checker_admin.post("/admin/claims/article/add/", admin_form(case))
    assert response.status_code < 500
    if "admin" in case.refused:
        assert response.status_code == 200  # the form again, with the error on it
        assert case.refused["admin"] in response.content.decode()
        assert not Article.objects.exists()
    else:
        assert response.status_code == 302, response.content.decode()[:2000]
        article = Article.objects.get()
        assert_extraction_ended(article, case.ends)
        assert_clean_body(case, article)


def test_admin_pasted_text_with_nul_bytes_is_refused_with_the_reason(fact_checker_admin):
    form = {"outlet": "Hostile", "text": "The council\x00 approved $12 million.", "url": "", "source_url": ""}
    response = fact_checker_admin.post("/admin/claims/article/add/", form)
    assert response.status_code == 200
    assert "Null characters are not allowed" in response.content.decode()


# --- a real worker never dies on what was accepted ------------------------------------------------


@pytest.mark.services
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_ends_every_accepted_hostile_article_and_stays_up(test_broker, start_worker, tmp_path):
    from claims.services import IngestError, article_ingest_path

    worker = start_worker(test_broker, concurrency=2)
    ids_ = []
    for case in CASES:
        if case.file is None:
            continue
        path = tmp_path / file_name(case)
        path.write_bytes(case.file)
        try:
            ids_.append(article_ingest_path(path=path).article.id)
        except IngestError:
            assert "ingest" in case.refused
    assert len(ids_) == len([c for c in CASES if c.file is not None and "ingest" not in c.refused])

    def ended():
        return set(Article.objects.filter(id__in=ids_).values_list("status", flat=True)) <= {"extracted", "failed"}

    assert wait_for(ended, timeout=180), dict(Article.objects.filter(id__in=ids_).values_list("source_name", "status"))
    assert worker.alive()
    for article in Article.objects.filter(id__in=ids_):
        assert_extraction_ended(article)


def test_admin_pasted_ten_megabytes_is_refused_with_the_limit(fact_checker_admin):
    form = {"outlet": "Hostile", "text": STORY * (TEN_MB // len(STORY) + 1), "url": "", "source_url": ""}
    response = fact_checker_admin.post("/admin/claims/article/add/", form)
    assert response.status_code == 200
    assert "above the 8.0 MB limit (FACTCHECK_MAX_ARTICLE_BYTES)" in response.content.decode()
    assert not Article.objects.exists()

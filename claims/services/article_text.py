"""From what an article arrives as to the story ingest stores: bytes decoded strictly by the
character set they carry, checked (empty, binary, too large), and cleaned into the body every
offset points into (trafilatura for HTML, furniture removal for plain text), with the title,
author, date and outlet the page gives. Nothing here writes to the database.
"""
from __future__ import annotations

import codecs
import dataclasses
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from claims.extraction.cleaning import clean_plain_text, date_from_url, normalise_text, published_datetime
from claims.models import Article
from claims.services.errors import IngestError

# Leading bytes of formats people drop into an ingest folder by mistake.
_BINARY_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"RIFF": "a RIFF media file",
}
_HTML_HINTS = ("<!doctype html", "<html", "<body", "<article", "<head", "<p>", "<div")


def _human_size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def check_size(n: int) -> None:
    limit = settings.FACTCHECK_MAX_ARTICLE_BYTES
    if n > limit:
        raise IngestError(
            f"article is {_human_size(n)}, above the {_human_size(limit)} limit (FACTCHECK_MAX_ARTICLE_BYTES)",
            code="too_large",
        )


# A <meta charset="..."> or <meta http-equiv="Content-Type" content="...; charset=...">
# near the start of an HTML page (browsers look in the first 1024 bytes; pages with long
# heads put it later, so a little more is read).
_META_CHARSET = re.compile(rb"""<meta[^>]{0,500}?charset\s*=\s*["']?\s*([a-z0-9._:-]{1,40})""", re.IGNORECASE)
# Labels that browsers read as another encoding (the WHATWG Encoding Standard): a page
# declaring Latin-1 or ASCII is read as windows-1252, which is what such pages hold.
_BROWSER_LABELS = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "l1": "cp1252",
                   "ascii": "cp1252", "us-ascii": "cp1252", "iso8859-1": "cp1252", "x-sjis": "shift_jis"}


def _declared_codec(label: str, *, from_meta: bool) -> str:
    label = label.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(_BROWSER_LABELS.get(label, label)).name
    except LookupError:
        raise IngestError(f"the page declares a character set this server does not know: {label[:40]!r}",
                          code="encoding") from None
    if from_meta and name.startswith(("utf-16", "utf-32")):
        return "utf-8"  # a <meta> readable as ASCII cannot be in UTF-16; browsers read UTF-8
    return name


def decode_article_bytes(data: bytes, *, declared_charset: str | None = None) -> str:
    """Decode input bytes by the character set they carry, strictly.

    In order: a byte-order mark (UTF-8, UTF-16); the charset the HTTP header declared
    (declared_charset); a <meta> charset in an HTML page; else UTF-8. Raises IngestError for
    empty input, known binary formats, NUL-laden data, an unknown declared charset, and
    bytes that are not valid in the charset used, naming the first bad byte.
    """
    check_size(len(data))
    if not data.strip():
        raise IngestError("empty article: no text", code="empty")
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise IngestError(f"binary file ({what}), not article text", code="binary")
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise IngestError(f"not valid {codec.upper()} text ({exc.reason} at byte {exc.start})", code="encoding") from None
    codec, declared = "utf-8", ""
    if declared_charset:
        codec, declared = _declared_codec(declared_charset, from_meta=False), declared_charset
    elif data.lstrip()[:1] == b"<" and (found := _META_CHARSET.search(data[:4096])):
        declared = found.group(1).decode("ascii")
        codec = _declared_codec(declared, from_meta=True)
    if codec.startswith(("utf-16", "utf-32")):
        try:
            return data.decode(codec)
        except UnicodeDecodeError as exc:
            raise IngestError(f"not valid {declared} text as declared (byte {exc.start})", code="encoding") from None
    if data.count(b"\x00") > max(1, len(data) // 100):
        raise IngestError("binary data (NUL bytes), not article text", code="binary")
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        if declared:
            raise IngestError(
                f"not valid {declared} text as its page declares (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                code="encoding",
            ) from None
        raise IngestError(
            f"not valid UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8",
            code="encoding",
        ) from None


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return head.startswith("<") and any(hint in head for hint in _HTML_HINTS)


@dataclass(frozen=True)
class ParsedArticle:
    title: str
    body: str
    author: str
    published_at: datetime | None
    raw_format: str
    # How published_at was found (Article.PublishedFrom); "" when the story gave no date.
    published_from: str = ""
    # The publication the page names (masthead, copyright line, og:site_name); "" if none.
    outlet: str = ""


# Only the page's markup says when an HTML story was published (meta tags, JSON-LD, <time>):
# htmldate's extensive search also guesses from dates in the text and the page's furniture,
# which is how a site's "today" ends up as a story's date.
_HTML_DATE_SEARCH = {"extensive_search": False, "original_date": True}


def _parse_html(html: str, url: str = "") -> ParsedArticle:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url or None, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params=_HTML_DATE_SEARCH,
    )
    text = (getattr(doc, "text", None) or "").strip() if doc else ""
    if not text:
        raise IngestError("no article text found in the HTML", code="empty")
    published, published_from = None, ""
    raw_date = getattr(doc, "date", None)
    if raw_date:
        try:
            published = datetime.fromisoformat(raw_date)
            published_from = Article.PublishedFrom.METADATA
        except ValueError:
            published = None
    if published is not None and timezone.is_naive(published):
        published = timezone.make_aware(published, timezone.get_default_timezone())
    if published is not None and published.date() == date_from_url(url):
        published_from = Article.PublishedFrom.URL  # htmldate reads the address too
    body = "\n".join(line.strip() for line in normalise_text(text).split("\n") if line.strip())
    sitename = (getattr(doc, "sitename", None) or "").strip()
    # Without a name in the page, trafilatura names the site by its address: that is the
    # outlet's domain, which _outlet_for matches first.
    if sitename and url and sitename.lower() == host_of(url):
        sitename = ""
    return ParsedArticle(
        title=(getattr(doc, "title", None) or "").strip(),
        body=body,
        author=(getattr(doc, "author", None) or "").strip(),
        published_at=published,
        raw_format=Article.Format.HTML,
        published_from=published_from,
        outlet=sitename,
    )


def _parse_text(text: str) -> ParsedArticle:
    clean = clean_plain_text(text)
    if not clean.body.strip():
        raise IngestError("empty article: no text", code="empty")
    published = published_datetime(clean.published)
    if published is not None:
        published = timezone.make_aware(published, timezone.get_default_timezone())
    return ParsedArticle(clean.title, clean.body, "", published, Article.Format.TEXT, clean.published_from, clean.outlet)


def article_clean(*, text: str, html: bool | None = None, url: str = "") -> ParsedArticle:
    """The story ingest would store for this text (title, body, author, date, outlet),
    storing nothing. A date in the page's address counts when the page gives none.

    The `extract PATH` command uses it so that its offsets point into the same body.
    Raises IngestError when no story text is left.
    """
    if not text.strip():
        raise IngestError("empty article: no text", code="empty")
    is_html = _looks_like_html(text) if html is None else html
    parsed = _parse_html(text, url) if is_html else _parse_text(text)
    if parsed.published_at is None and (day := date_from_url(url)):
        published = timezone.make_aware(published_datetime(day), timezone.get_default_timezone())
        parsed = dataclasses.replace(parsed, published_at=published, published_from=Article.PublishedFrom.URL)
    return parsed


def host_of(url: str) -> str:
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.")


def content_hash(body: str) -> str:
    # Whitespace differences do not make a different story.
    return hashlib.sha256(" ".join(body.split()).encode("utf-8")).hexdigest()

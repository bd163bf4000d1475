"""Turn what a news site gave us into the story: its headline and its paragraphs.

Plain-text captures of web pages carry the site's furniture around the story: a masthead
("London Daily"), a slogan, the site's date line, the headline printed twice, and after the
story a "Newsletter" / "Related Articles" block listing other headlines and the remains of a
video player ("0:00", "Close", "×"). Only the story is the article. This module is pure
Python: no Django, no spaCy.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from claims.extraction.calendar_names import MONTH_PATTERN, month_number

_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
# "Wednesday, Jan 28, 2026", "28 January 2026", "Jan. 28, 2026 10:14 AM", "2026-01-28"
_DATE_LINE = re.compile(
    rf"^\s*(?:{_WEEKDAY},?\s+)?(?:"
    rf"(?P<m1>{MONTH_PATTERN})\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH_PATTERN}),?\s+(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})"
    rf")(?:[ ,]+\d{{1,2}}:\d{{2}}(?:\s*[ap]\.?m\.?)?)?\s*$",
    re.IGNORECASE,
)
# Lines that open the block of site furniture after a story.
_TAIL_MARKERS = re.compile(
    r"^(?:newsletter|related(?: articles| stories| news)?|read (?:more|next|also)|more from .{0,40}|"
    r"recommended(?: for you)?|most (?:read|popular)|trending(?: now)?|advertisement|sponsored(?: content)?|"
    r"share this(?: article)?|you may also like|latest news|\d{1,2}:\d{2}|close|×|✕)$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# Story prose ends a sentence with a full stop (or a closing quote after one); other
# sites' headlines in a "Related" list end in a word or a question mark.
_PROSE_END = re.compile(r"(?:[.!…][\"'”’)\]]*|\?[\"'”’)\]]+)$")
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Z]\.)+[A-Z]?|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Jr|Sr|No|vs|Lt|Col|Maj|Capt|Sgt|Prof|Inc|Corp|Ltd|Co))\.$")


@dataclass(frozen=True)
class CleanText:
    title: str
    body: str
    published: date | None = None


def _parse_date_line(line: str) -> date | None:
    m = _DATE_LINE.match(line)
    if not m:
        return None
    g = m.groupdict()
    try:
        if g["y1"]:
            return date(int(g["y1"]), month_number(g["m1"]), int(g["d1"]))
        if g["y2"]:
            return date(int(g["y2"]), month_number(g["m2"]), int(g["d2"]))
        return date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
    except (TypeError, ValueError):
        return None


def _is_prose(line: str) -> bool:
    """A line that reads as story text: long enough and ending like a sentence."""
    words = line.split()
    if len(line) < 60 or len(words) < 10 or not _PROSE_END.search(line) or _ABBREVIATION.search(line):
        return False
    # Headlines are in title case ("Germany Considers Gold Reserves Amidst Rising Tensions").
    capitalised = sum(word[:1].isupper() for word in words)
    return capitalised / len(words) < 0.6


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return 4 <= len(words) <= 30 and not _SENTENCE_END.search(line) or (
        4 <= len(words) <= 30 and line.endswith(("?", "’", "'", "”", '"'))
    )


def normalise_text(text: str) -> str:
    """Unify line endings and drop characters no story contains (NUL and other C0 controls)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    return text


def clean_plain_text(text: str) -> CleanText:
    """Split a plain-text page into headline and story body, dropping site furniture.

    Paragraphs in the body are separated by one newline each, as the story printed them;
    runs of blank lines collapse. Lines inside the story are never rewritten, so a quote's
    words are the site's words.
    """
    lines = [line.strip() for line in normalise_text(text).split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return CleanText(title="", body="")

    # Header: everything before the first prose line, where the masthead, slogan, date
    # line and headline live.
    first_prose = next((i for i, line in enumerate(lines) if _is_prose(line)), len(lines))
    header, story = lines[:first_prose], lines[first_prose:]
    if not story:
        # No line reads as prose (a short note, a list): keep it all as the story.
        header, story = [], [line for line in lines if _parse_date_line(line) is None] or lines
    published = None
    title = ""
    for line in header:
        found = _parse_date_line(line)
        if found:
            published = published or found
    candidates = [line for line in header if _parse_date_line(line) is None and _looks_like_headline(line)]
    if candidates:
        # A headline printed twice (page title and story heading) is the surest sign;
        # otherwise the last headline-like line just above the story.
        repeated = [line for line in candidates if candidates.count(line) > 1]
        title = repeated[0] if repeated else candidates[-1]

    # Tail: cut at the first furniture marker after which no story prose follows.
    cut = len(story)
    for i, line in enumerate(story):
        if _TAIL_MARKERS.match(line) and not any(_is_prose(rest) for rest in story[i + 1 :]):
            cut = i
            break
    story = story[:cut]

    body_lines = ([title] if title else []) + story
    if not title and story:
        title = _first_sentence(story[0])
    return CleanText(title=title, body="\n".join(body_lines), published=published)


def _first_sentence(paragraph: str, limit: int = 160) -> str:
    sentence = paragraph
    for m in re.finditer(r"[.!?][\"'”’]?(?=\s+[A-Z“\"‘']|$)", paragraph):
        head = paragraph[: m.end()]
        if not _ABBREVIATION.search(head.rstrip("\"'”’")):
            sentence = head
            break
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
    return sentence


def published_datetime(day: date | None) -> datetime | None:
    return datetime(day.year, day.month, day.day, 12, 0) if day else None

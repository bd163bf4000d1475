"""Turn what a news site gave us into the story: its headline and its paragraphs.

Plain-text captures of web pages carry the site's furniture around the story: a masthead
("London Daily"), a slogan, the site's date line, the headline printed twice, and after the
story a "Newsletter" / "Related Articles" block listing other headlines and the remains of a
video player ("0:00", "Close", "×"). Only the story is the article. This module is pure
Python: no Django, no spaCy.

The furniture still says two things worth keeping. The masthead names the outlet. And a
date may be the story's: one printed under the headline or in the byline ("By Ann Lee |
Nov. 25, 2022"), one labelled ("Published: 25 November 2022"), a dateline opening the story
("BRUSSELS, Nov. 25, 2022 (Reuters) -"), or one in the page's address (/2022/11/25/). A
date above the headline, beside the masthead ("Wednesday, Jan 28, 2026"), is the day the
page was printed or captured, not the day the story ran: a story captured two months late
would date "on Friday" two months wrong. Such a date is not taken; with no better one the
publication date stays unknown, and relative dates in the story stay unresolved.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date, datetime

from dateutil import parser as dateutil_parser

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
# The same dates anywhere in a line ("By Ann Lee | Nov. 25, 2022 10:14 AM").
_DATE_IN_LINE = re.compile(
    rf"\b(?:{_WEEKDAY},?\s+)?(?:"
    rf"(?P<m1>{MONTH_PATTERN})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTH_PATTERN}),?\s+(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})"
    rf")\b",
    re.IGNORECASE,
)
# A line saying when the story ran: "Published: 25 November 2022", "Posted on Nov 25, 2022",
# "Updated Nov. 26, 2022" (taken only when nothing says when it was first published).
_LABELLED_DATE = re.compile(
    r"^\W*(?P<label>(?:(?:first|originally)\s+)?(?:published|posted)|(?:last\s+)?updated|modified|(?:story\s+)?created)"
    r"(?:\s+on)?\b",
    re.IGNORECASE,
)
# What else a site prints on a date line, besides the date and the time: separators, "at",
# "on", "hrs", a time zone ("EDT", "GMT+05:00", "local time").
_DATE_LINE_FILLER = re.compile(
    r"^(?:at|on|hrs?|hours|local|time|[a-z]{0,2}[sd]t|[ecmpa][sd]?t|gmt|utc|bst|cest?|eest?|ist|aest|aedt|ct|et|mt|pt)$",
    re.IGNORECASE,
)
_YEAR_OR_NUMERIC_DATE = re.compile(r"\b(?:1[89]|20)\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2}\b")
_BULLET = re.compile(r"^[•·▪►*–-]\s")
_BYLINE = re.compile(r"^\W*by\s+\S", re.IGNORECASE)
# A dateline opening the story: "BRUSSELS, Nov. 25, 2022 (Reuters) -", "KYIV, Ukraine, 25 November 2022 —".
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .'’-]{1,40})?,\s*(?P<date>[\w .,]{6,40}?)"
    r"\s*(?:\([^)]{1,40}\)\s*)?[-–—:]",
)
# A dateline on a line of its own, with no dash after it: a place in capitals, maybe a
# region or country, then the date ("WASHINGTON, DC, April 28, 2009").
_PLACE_DATE_LINE = re.compile(r"^[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .'’-]{1,40})?,\s*(?P<date>\S.{5,60})$")
# A time written with a point after the year or before a.m./p.m. ("28 April 2009 22.34 BST",
# "10.14am"): dateutil reads only the colon.
_DOTTED_TIME = re.compile(r"(?:(?<=\d{4}\s)|(?<=\d{4},\s))(\d{1,2})\.(\d{2})\b|\b(\d{1,2})\.(\d{2})(?=\s*[ap]\.?m\b)", re.IGNORECASE)
# A date in a page's address: /2022/11/25/, /2022-11-25/, /20221125/.
_URL_DATE = re.compile(r"[/_-](?P<y>(?:19|20)\d{2})[/-](?P<m>[01]?\d)[/-](?P<d>[0-3]?\d)(?=[/-]|$|\D)|/(?P<y2>(?:19|20)\d{2})(?P<m2>[01]\d)(?P<d2>[0-3]\d)/")
# A copyright line naming the publisher: "© 2022 The Daily Courier. All rights reserved."
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright)(?:\s*©)?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?,?\s*(?P<name>[A-Z][\w&.’' -]{1,60}?)"
    r"\s*(?:[.,|]|all rights reserved|$)",
    re.IGNORECASE,
)
# Lines that open the block of site furniture after a story.
_TAIL_MARKERS = re.compile(
    r"^(?:newsletter|related(?: articles| stories| news)?|read (?:more|next|also)|more from .{0,40}|"
    r"recommended(?: for you)?|most (?:read|popular)|trending(?: now)?|advertisement|sponsored(?: content)?|"
    r"(?:©|\(c\)|copyright\b).*|"
    r"share this(?: article)?|you may also like|latest news|\d{1,2}:\d{2}|close|×|✕)$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# Story prose ends a sentence with a full stop (or a closing quote after one); other
# sites' headlines in a "Related" list end in a word or a question mark.
_PROSE_END = re.compile(r"(?:[.!…][\"'”’)\]]*|\?[\"'”’)\]]+)$")
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Z]\.)+[A-Z]?|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Jr|Sr|No|vs|Lt|Col|Maj|Capt|Sgt|Prof|Inc|Corp|Ltd|Co))\.$")


# Where a publication date came from, as stored on the article (Article.published_from).
FROM_BYLINE = "byline"
FROM_DATELINE = "dateline"
FROM_URL = "url"

# Words a page prints above a story that are not a publication's name.
_NOT_A_MASTHEAD = {
    "home", "news", "world", "politics", "business", "opinion", "sport", "sports", "menu", "search", "sign in",
    "log in", "subscribe", "advertisement", "skip to content", "skip to main content", "latest", "live", "breaking news",
    "europe", "us", "uk", "video", "analysis", "technology", "science", "health", "culture", "newsletter",
}


@dataclass(frozen=True)
class CleanText:
    title: str
    body: str
    published: date | None = None
    # How the date was found (FROM_BYLINE, FROM_DATELINE); "" when unknown.
    published_from: str = ""
    # The publication's name as the page prints it (masthead or copyright line); "" if none.
    outlet: str = ""


def _parse_date_line(line: str) -> date | None:
    """The date of a line that holds nothing but a date (and maybe its time and zone), or a
    dateline standing on its own line: "WASHINGTON, DC, April 28, 2009"."""
    m = _DATE_LINE.match(line)
    if m:
        return _date_of(m)
    if place := _PLACE_DATE_LINE.match(line):
        return _parse_date_line(place.group("date"))
    return _free_date_line(line)


def _free_date_line(line: str) -> date | None:
    """The many other ways sites print a date line ("May 3rd, 2013 2:00pm EDT",
    "12:52 p.m. EDT May 2, 2013", "05 / 02 / 2013", "26 September 2013, 10:00 (GMT+05:00)"),
    read by dateutil; None unless the line gives a day, a month and a year and nothing but
    a time, a time zone and separators besides. Numeric dates are read month first."""
    if len(line) > 90 or len(line.split()) > 16:
        return None
    if "|" in line:
        # "May 2, 2013 | 5:03pm", "Friday, Sep 10, 2010 | Updated 8:52 PM EDT": the date is
        # in the first part; each other part is a time or another labelled date.
        first, *rest = (part.strip() for part in line.split("|"))
        if not all(_is_date_furniture(part) or re.fullmatch(r"[\d:.]+\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?", part, re.I)
                   for part in rest if part):
            return None
        return _free_date_line(first) or _labelled_date(first)
    text = _DOTTED_TIME.sub(lambda m: ":".join(g for g in m.groups() if g), line)
    text = re.sub(r"\s*([/.])\s*(?=\d)", r"\1", text)
    text = re.sub(r"(?<=\d{4})\s*-\s*(?=\d{1,2}:\d{2})", " ", text)
    text = re.sub(r"\([^)]{0,20}\)", " ", text)
    text = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", text)
    text = re.sub(r"\b([ap])\.m\.", r"\1m", text, flags=re.IGNORECASE)
    if not _YEAR_OR_NUMERIC_DATE.search(text):
        return None
    found = set()
    # Parsed against two different defaults: a part the line does not give would differ.
    for default in (datetime(1900, 1, 1), datetime(1904, 2, 2)):
        try:
            parsed, skipped = dateutil_parser.parse(text, default=default, fuzzy_with_tokens=True, ignoretz=True)
        except (ValueError, OverflowError):
            return None
        words = [w for token in skipped for w in re.findall(r"[A-Za-z]+", token)]
        if any(not _DATE_LINE_FILLER.match(w) for w in words):
            return None
        found.add(parsed.date())
    return found.pop() if len(found) == 1 else None


def _labelled_date(line: str) -> date | None:
    """The date of a line labelled "Published", "Posted", "Updated"...: the date anywhere
    after the label, or the rest of the line read as a date line."""
    label = _LABELLED_DATE.match(line)
    if not label:
        return None
    return _date_in(line) or _free_date_line(line[label.end():].lstrip(" :-–—|"))


def _date_in(line: str) -> date | None:
    m = _DATE_IN_LINE.search(line)
    return _date_of(m) if m else None


def _date_of(m: re.Match) -> date | None:
    g = m.groupdict()
    try:
        if g["y1"]:
            return date(int(g["y1"]), month_number(g["m1"]), int(g["d1"]))
        if g["y2"]:
            return date(int(g["y2"]), month_number(g["m2"]), int(g["d2"]))
        return date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
    except (TypeError, ValueError):
        return None


def _is_date_furniture(line: str) -> bool:
    """A date line, a byline, or a "Published ..." line: never the headline."""
    if _parse_date_line(line) or _BYLINE.match(line) or _labelled_date(line):
        return True
    # "Updated 5:40 p.m. ET": a label and a time, no date.
    return bool(_LABELLED_DATE.match(line) and len(line) <= 40 and re.search(r"\d{1,2}[:.]\d{2}", line))


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
    # A headline written as a sentence, or run on with its standfirst, reads as prose; a
    # date line or byline just under it shows that the story has not begun yet.
    furniture = [i for i in range(first_prose, min(first_prose + 3, len(lines))) if _is_date_furniture(lines[i])]
    if furniture:
        first_prose = next((i for i in range(furniture[-1] + 1, len(lines)) if _is_prose(lines[i])), len(lines))
    header, story = lines[:first_prose], lines[first_prose:]
    if not story:
        # No line reads as prose (a short note, a list): all is story but a heading with
        # its date line.
        dated = [i for i in range(min(4, len(lines) - 1)) if _is_date_furniture(lines[i])]
        cut = dated[-1] + 1 if dated else 0
        header, story = lines[:cut], [line for line in lines[cut:] if _parse_date_line(line) is None] or lines[cut:]
    title = ""
    # A bulleted line under the headline is a standfirst's point ("• Interior and commerce
    # departments agree"), never the headline.
    candidates = [line for line in header
                  if _looks_like_headline(line) and not _is_date_furniture(line) and not _BULLET.match(line)]
    if not candidates:
        # A headline ending in a full stop: the first line above the story that is neither
        # furniture nor a masthead-sized word or two.
        candidates = [line for line in header if 4 <= len(line.split()) <= 40 and not _is_date_furniture(line)][:1]
    if candidates:
        # A headline printed twice (page title and story heading) is the surest sign;
        # then the line just above the date line or byline (a standfirst comes under
        # them); otherwise the last headline-like line just above the story.
        repeated = [line for line in candidates if candidates.count(line) > 1]
        dated = [line for line, below in itertools.pairwise(header) if line in candidates and _is_date_furniture(below)]
        title = repeated[0] if repeated else dated[-1] if dated else candidates[-1]
    published, published_from = _story_date(header, title, story)
    outlet = _masthead(header, title) or _copyright_holder(lines)

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
    return CleanText(
        title=title, body="\n".join(body_lines), published=published, published_from=published_from, outlet=outlet
    )


def _story_date(header: list[str], title: str, story: list[str]) -> tuple[date | None, str]:
    """The story's own date and where it was found, or (None, "") when the page gives none.

    Taken, in this order: a line labelled as the publication date (an "Updated" one only
    without any other), a date in the byline, a date line between the headline and the
    story, a dateline opening the story. A date line above the headline is the page's.
    """
    labelled: dict[bool, date] = {}
    byline = under_headline = None
    below = title and title in header
    seen_title = False
    for line in header:
        if below and line == title:
            seen_title = True
            continue
        if m := _LABELLED_DATE.match(line):
            found = _labelled_date(line)
            if found:
                updated = m.group("label").lower().endswith(("updated", "modified"))
                labelled.setdefault(updated, found)
            continue
        if _BYLINE.match(line):
            byline = byline or _date_in(line)
            continue
        if seen_title and under_headline is None:
            under_headline = _parse_date_line(line)
    if not below and under_headline is None and header and not byline:
        # No headline found above the story: a date line closing the header is the story's
        # (one above a headline-like line is still the page's).
        under_headline = _parse_date_line(header[-1])
    for found in (labelled.get(False), byline, under_headline):
        if found:
            return found, FROM_BYLINE
    for line in story[:2]:
        if m := _DATELINE.match(line):
            found = _date_in(m.group("date"))
            if found:
                return found, FROM_DATELINE
    if labelled.get(True):
        return labelled[True], FROM_BYLINE
    return None, ""


def _masthead(header: list[str], title: str) -> str:
    """The publication's name when the page opens with it: a short line in title case above
    the headline (and above the slogan and date line), not the headline itself."""
    if not title or title not in header:
        return ""
    above = header[: header.index(title)]
    if not above:
        return ""
    first = above[0].strip()
    words = first.split()
    if not 1 <= len(words) <= 5 or len(first) > 40 or _SENTENCE_END.search(first) or _parse_date_line(first):
        return ""
    if first.lower() in _NOT_A_MASTHEAD or not all(w[:1].isupper() or w.lower() in ("of", "the", "and", "&") for w in words):
        return ""
    return first


def _copyright_holder(lines: list[str]) -> str:
    """The publisher a copyright line names ("© 2022 The Daily Courier. All rights reserved.")."""
    for line in reversed(lines):
        m = _COPYRIGHT.match(line)
        if m:
            name = m.group("name").strip(" .,-")
            if name and name.lower() not in ("all rights reserved",) and len(name.split()) <= 6:
                return name
    return ""


def date_from_url(url: str) -> date | None:
    """The date a page's address carries (/2022/11/25/, /2022-11-25-, /20221125/), if any."""
    m = _URL_DATE.search(url or "")
    if not m:
        return None
    year, month, day = (m.group("y"), m.group("m"), m.group("d")) if m.group("y") else (m.group("y2"), m.group("m2"), m.group("d2"))
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


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

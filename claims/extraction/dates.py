"""Dates in a story, anchored the way a reader anchors them.

A date claim keeps the day it names (``date_value``: the first day of the week, month or
year when that is all the text says), its precision (``unit``: "date" for a day, "week",
"month", "year"), the end of a range ("Nov 29-30", "October 16 to November 14",
"September 2010 to January 2011") and what it was anchored on:

- ``text``: the text gives it whole ("February 24, 2022", "May 1984");
- ``publication``: read against the publication date: a weekday ("on Friday"), "last
  week", "10 months ago", or a day or month without a year ("Nov 29", "in November");
- ``unresolved``: nothing known anchors it (no publication date); still a claim, no day.

A month or day without a year takes the year a reader would: the one before, of or after
the publication year that the clause's tense allows (past: the last such day on or before
publication; future, "will be held on March 15": the first on or after; a month in the
present tense, "then there's November": the first not more than two months gone; no tense,
"the March 15 primary": the nearest). A season ("last spring", "in the fall") is its three
months (northern meteorological seasons), kept as a range of months. A weekday looks back from publication, or forward in a
clause about the future ("will host ... on Thursday"). Month names come from the one table
in claims.extraction.calendar_names.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.easter import easter

from claims.extraction.calendar_names import FULL_MONTH_PATTERN, MONTH_PATTERN, WEEKDAY_PATTERN, WEEKDAYS, month_number
from claims.extraction.numbers import NUMBER, Anchored, Required, at_word_start, each_mention, parse_number

_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89][0-9][0-9]|20[0-9][0-9])"
_TO = r"\s?(?:-|–|to|through|until|till|and)\s?"
_FULL_MONTH = FULL_MONTH_PATTERN
# Named days, as news copy capitalises them: a fixed month and day, or a rule (the nth weekday
# of a month, Easter's offset).
_FIXED_DAYS = {"Christmas Day": (12, 25), "Christmas Eve": (12, 24), "Christmas": (12, 25), "New Year's Day": (1, 1),
               "New Year's Eve": (12, 31), "Independence Day": (7, 4), "Fourth of July": (7, 4), "Halloween": (10, 31),
               "Valentine's Day": (2, 14), "Boxing Day": (12, 26), "Veterans Day": (11, 11),
               "St. Patrick's Day": (3, 17)}
# month, weekday, which (1 = first, -1 = last), days after it
_RULED_DAYS = {"Thanksgiving Day": (11, 3, 4, 0), "Thanksgiving": (11, 3, 4, 0), "Black Friday": (11, 3, 4, 1),
               "Cyber Monday": (11, 3, 4, 4), "Labor Day": (9, 0, 1, 0),
               "Memorial Day": (5, 0, -1, 0), "Election Day": (11, 0, 1, 1)}
_EASTER_DAYS = {"Easter Sunday": 0, "Easter Monday": 1, "Easter": 0, "Good Friday": -2}
_NAMED_DAYS = {name.lower(): name for name in (*_FIXED_DAYS, *_RULED_DAYS, *_EASTER_DAYS)}
_HOLIDAY_PATTERN = "|".join(re.escape(name).replace("'", "['’]")
                            for name in sorted(_NAMED_DAYS.values(), key=len, reverse=True))
_HOLIDAY_WORDS = {name.split("'")[0].lower() for name in _NAMED_DAYS.values()}  # "new year" of "New Year's Day"
_PATTERNS = [
    # "February 24, 2022", "Wednesday, Jan 28, 2026", "Nov 29-30", "November 29", "October 16 to November 14"
    ("mdy", at_word_start(
        rf"\b(?:{WEEKDAY_PATTERN},?\s+)?(?P<month>{MONTH_PATTERN})(?:\s+|(?<=\.))(?P<day>{_DAY})"
        rf"(?:{_TO}(?:(?P<month2>{MONTH_PATTERN})(?:\s+|(?<=\.)))?(?P<day2>{_DAY}))?"
        rf"(?:,?\s+(?P<year>{_YEAR})|\s+of\s+(?P<rel>this|last|next)\s+year)?(?![0-9:])", re.IGNORECASE)),
    # "24 February 2022", "29-30 November"
    ("dmy", at_word_start(
        rf"\b(?:{WEEKDAY_PATTERN},?\s+)?(?P<day>{_DAY})(?:{_TO}(?P<day2>{_DAY}))?\s+(?:of\s+)?(?P<month>{MONTH_PATTERN})"
        rf"(?:,?\s+(?P<year>{_YEAR}))?\b", re.IGNORECASE)),
    ("iso", re.compile(rf"\b(?P<year>{_YEAR})-(?P<mnum>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12][0-9]|3[01])\b")),
    # "11/27/2005": month first, as US papers write it, unless the first number cannot be a month
    ("numeric", Required(("/",), re.compile(rf"\b(?P<a>[0-3]?[0-9])\s?/\s?(?P<b>[0-3]?[0-9])\s?/\s?(?P<year>{_YEAR})\b"))),
    # "February 2023", "January of 1955", "March, 2015", "September 2010 to January 2011"
    ("my", at_word_start(
        rf"\b(?P<month>{MONTH_PATTERN})(?:\s+|,\s?)(?:of\s+)?(?P<year>{_YEAR})(?![0-9])"
        rf"(?:{_TO}(?P<month2>{MONTH_PATTERN})\s+(?:of\s+)?(?P<year2>{_YEAR}))?\b", re.IGNORECASE)),
    # "October-to-December", "from March to May"
    ("mm", re.compile(rf"\b(?P<month>{_FULL_MONTH})(?:-to-|\s+to\s+|\s?[-–]\s?)(?P<month2>{_FULL_MONTH})\b",
                      re.IGNORECASE)),
    # "last spring", "this summer", "in the fall", "the winter of 2014": a season, read as its months
    ("season", Anchored(re.compile(r"spring|summer|fall|autumn|winter", re.IGNORECASE), re.compile(
        rf"\b(?:(?P<rel>last|this|next|past)\s+|(?:in|during|since|until|by|early|late|mid|over)[\s-]+(?:the\s+)?)"
        rf"(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?\b(?!-)"
        rf"|\b(?:the\s+)?(?P<season2>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<year2>{_YEAR})\b",
        re.IGNORECASE))),
    # "in February", "since March", "last December": a month alone, after a preposition
    ("m", re.compile(
        rf"\b(?:in|since|until|till|by|from|during|early|late|mid|of|last|this|next|before|after)[\s-]"
        rf"(?:early\s+|late\s+|mid-?)?(?P<month>{_FULL_MONTH})\b", re.IGNORECASE)),
    # "ended December with ...": a capitalised month alone, anywhere (not "May" or "March"
    # opening a sentence, where they are a verb, nor inside a name: "Theresa May")
    ("m", re.compile(rf"(?<![\w-])(?P<month>{_FULL_MONTH})\b(?!\s+[0-9]|-)", re.IGNORECASE)),
    # "on Christmas Day", "Election Day", "by Thanksgiving", "Easter Sunday": a named day, in the
    # year the text gives or the one the clause's tense allows, as a month and day without a year
    ("holiday", Required(_HOLIDAY_WORDS, re.compile(
        rf"(?:\b(?P<prep>on|at|by|before|after|until|till|since|over|for|through|of|around|near)\s+(?:the\s+)?)?"
        rf"\b(?P<holiday>(?-i:{_HOLIDAY_PATTERN}))(?:,?\s+(?P<year>{_YEAR})\b)?", re.IGNORECASE))),
    ("weekday", at_word_start(rf"\b(?:(?P<rel>last|next|this|on|past)\s+)?(?P<weekday>{WEEKDAY_PATTERN})\b",
                           re.IGNORECASE)),
    # "arrested on the 5th", "by the 21st": a day of the month alone, the month the tense allows
    ("ordinal", Anchored(re.compile(r"the\s+[0-9]{1,2}(?:st|nd|rd|th)\b"), re.compile(
        r"\b(?:on|by|since|until|till|from|before|after|through|and)\s+the\s+(?P<day>[12][0-9]|3[01]|0?[1-9])"
        r"(?:st|nd|rd|th)\b(?![\w-]|[ \t]+(?!(?:and|or|to|at|in|when|after|before|through|until|till|while|as|but|"
        r"with|for|because|if)\b)[A-Za-z0-9])"), before=10, after=30)),
    # A quarter or half of a year: "the first half of the year", "the third quarter of 2015",
    # "second-quarter earnings" (not a game's "first quarter" or "second half"), as its months
    ("part_of_year", Anchored(re.compile(r"quarter|half", re.IGNORECASE), re.compile(
        r"(?:\bthe\s+)?\b(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-](?P<part>quarter|half)\b"
        rf"(?:\s+of\s+(?:(?P<rel>this|last|next)\s+year|the\s+(?:fiscal\s+)?year|(?P<year>{_YEAR}))\b"
        r"|(?=\s+(?:profits?|earnings|results|sales|revenues?|loss(?:es)?|growth|GDP|output|fundraising|deliveries)\b))",
        re.IGNORECASE), before=20, after=24)),
    ("deictic", Required(("today", "yesterday", "tomorrow", "tonight", "last night", "this morning", "this afternoon",
                          "this evening"), re.compile(
        r"\b(?P<deictic>today|yesterday|tomorrow|tonight|last night|this (?:morning|afternoon|evening))\b",
        re.IGNORECASE))),
    ("period", re.compile(
        r"\b(?:earlier\s+|later\s+)?(?P<rel>last|next|this\s+past|this|past)\s+(?P<period>week|weekend|month|year)\b",
        re.IGNORECASE)),
    # "over the weekend", "at the weekend": the one just gone, or in a clause about the future the next
    ("weekend", Required(("weekend",), re.compile(
        r"\b(?:over|at|during|on)\s+(?P<weekend>the\s+weekend)\b(?!\s+of\b)", re.IGNORECASE))),
    ("ago", Required(("ago",), re.compile(rf"\b(?P<num>{NUMBER}|a|an)\s+(?P<period>days?|weeks?|months?|years?)\s+ago\b",
                                        re.IGNORECASE))),
    # A season of two years: "the 2012-13 season", "its 2004/05 budget": the first year to the second
    # and a span of years written short: "(1994-96)", "from 2000-04", "(1997-2001)"
    ("split_year", Anchored(re.compile(r"[0-9]{4}[-–/][0-9]"), re.compile(
        rf"(?<![\w$€£.,/-])(?P<year>{_YEAR})[-–/](?P<next>[0-9]{{2}}|{_YEAR})\b(?![-–/.,]?[0-9])"), before=4, after=6)),
    # A year in two digits after a preposition: "Reverse Course in '16", "the class of '98"
    ("short_year", Anchored(re.compile(r"['’][0-9]{2}"), re.compile(
        r"\b(?:in|since|by|until|till|from|before|after|during|through|of)\s+['’](?P<yy>[0-9]{2})(?![\w'’]|[.,][0-9])",
        re.IGNORECASE), before=10, after=4)),
    # A decade: "the 1940s", "in the 1970s and 1980s", "the 1940's", "in '70s and '80s": its first to last year
    ("decade", Anchored(re.compile(r"[0-9]0['’]?s\b"), re.compile(
        r"(?:(?<=mid-)|(?<![\w$€£.,'’-]))(?:(?P<century>1[89]|20)(?P<tens>[0-9])0|['’](?P<tens2>[0-9])0)['’]?s\b"
        # "in the late 90s" with no apostrophe (not "the mid-90s" or "the low 90s" of a thermometer)
        r"|(?:(?<=\b[Tt]he late )|(?<=\b[Tt]he early ))(?P<tens3>[1-9])0s\b"),
        before=5, after=2)),
    # A year alone: "since 2006", "In 2013 alone", "from 2009 to 2012", "a 2011 short sale", "his
    # failed 2004 presidential bid". After a preposition, or between a determiner and the noun it
    # dates; not an amount ("2000 people", "$2015"), a score or an address ("Oregon 214").
    ("year", Anchored(re.compile(rf"{_YEAR}"), re.compile(
        rf"\b(?:(?:(?P<between>between)|(?P<prep>in|into|since|by|until|till|before|after|from|during|through|throughout|"
        rf"early|late|mid|(?:(?:fiscal|calendar|financial|budget|tax|school|model)\s+)?year)|(?P<for>for)|(?P<of>of|to))"
        rf"[\s-]+(?:the\s+(?:end|start|beginning|middle|spring|summer|fall|autumn|winter)\s+of\s+)?(?:at\s+least\s+)?"
        rf"|(?P<det>an?|the|his|her|its|their|our|my|your|this|that|whose|[\w-]+['’]s|[\w-]+s['’])\s+"
        rf"(?:(?:failed|successful|unsuccessful)\s+)?)"
        rf"(?P<year>{_YEAR})(?:(?(between)\s+and\s+|\s?(?:-|–|to|through|until|till)\s?)(?P<year2>{_YEAR}))?(?![\w%$€£/:-]|[.,][0-9]|\s*%|\s+(?:percent|per\s+cent)\b"
        # a 24-hour clock, not a year: "until 2000 GMT", "by 1900 hrs"
        rf"|\s+(?:GMT|UTC|[ECMP][SD]T|BST|CES?T|EES?T|MSK|IST|HKT|JST|KST|AES?T|AEDT|hrs|hours)\b)"
        rf"(?(det)(?=\s+[a-z]))(?(for)(?=\s*(?:[.;:!?)]|,\s|$)))"
        # "the primary of 2012 and", "back to 1972.": not "of 2000 people", "to 1500 workers"
        rf"(?(of)(?!\s+(?!(?:and|or|to|in|on|at|when|as|but|for|with|by|from|through|until|the|an?)\b)(?-i:[a-z])))",
        re.IGNORECASE), before=60, after=20)),
    # A year naming a law or a class: "the Refugee Act of 1980 set up", "the Class of 2016 walked"
    # (a capital before "of": not "of 2000 people")
    ("year", Anchored(re.compile(rf"of\s+{_YEAR}"), re.compile(
        rf"(?-i:\b[A-Z][a-z]+)\s+of\s+(?P<year>{_YEAR})\b(?![\w%$€£/:-]|[.,][0-9]|\s*%)"), before=30, after=2)),
    # A year naming an edition of an event ("to host 2014 Oscars", "the 2016 Summer Olympics") or a
    # time a clause tells of ("could not keep pace with 2008, when 236,000 took part")
    ("year", Anchored(re.compile(_YEAR), re.compile(
        rf"(?<![\w$€£.,/:-])(?P<year>{_YEAR})(?=\s+(?:Summer\s+|Winter\s+)?(?:Oscars|Academy\s+Awards|Olympics|"
        r"Olympic\s+Games|Paralympics|World\s+Cup|Super\s+Bowl|Grammys|Emmys|Golden\s+Globes|Tony\s+Awards|"
        r"World\s+Series|Census|Masters)\b|,\s+when\b)"), before=0, after=30)),
    # A year in brackets, alone or opening a list: "Grease (1978)", "a four-time All-Star (1983, '86)"
    ("year", Anchored(re.compile(rf"\({_YEAR}"), re.compile(rf"\((?P<year>{_YEAR})(?=\)|,\s)"), before=1, after=2)),
    # the next years of a list in two digits: "(1983, '86, '87 and '88)"
    ("short_year", Anchored(re.compile(r"['’][0-9]{2}"), re.compile(
        r"(?:(?<=[12][0-9]{3})|(?<=['’][0-9]{2}))(?:,\s+|,?\s+(?:and|or)\s+)['’](?P<yy>[0-9]{2})(?![\w'’]|[.,][0-9])"),
        before=6, after=1)),
    # the next years of a list: "in 2001 and 2005", "in 1991, 1998 or 2003"
    ("year", re.compile(
        rf"(?<=(?<![0-9,.$])[12][0-9]{{3}})(?:,\s+|,?\s+(?:and|or)\s+)(?P<year>{_YEAR})"
        rf"(?![\w%$€£/:-]|[.,][0-9]|\s*%|\s+(?:percent|per\s+cent)\b)", re.IGNORECASE)),
]
_STAMP_ONLY = re.compile(
    r"(?:[\s\W\d]|(?<=\d)(?:am|pm|a|p)\b|\b(?:updated|published|posted|first|last|originally|modified|on|at|by|am|pm|"
    r"a\.m|p\.m|hrs|gmt|utc|uk|[ecmp][sd]?t|bst|ist|cet|aest|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b)*",
    re.IGNORECASE,
)
# A dateline opening a story: "NEW YORK, Dec. 14 (UPI) —", "KYIV, Ukraine, 25 November 2022 —": the
# day the story was filed, not a date it tells of.
_DATELINE_BEFORE = re.compile(r"[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .'’-]{1,40})?,\s*")
_DATELINE_AFTER = re.compile(r"\s*(?:\([^)]{1,40}\)\s*)?[-–—]")
_TIME_WORDS = {"early", "late", "last", "next", "this", "on", "by", "until", "since", "before", "after", "from",
               "mid", "each", "every", "late-night", "that"}
_NAME_WORD_BEFORE = re.compile(r"(?:^|[\s(])(?P<word>[A-Z][\w.&'’-]*)\s+$")


@dataclass
class FoundDate:
    start: int
    end: int
    day: date | None
    unit: str  # "date" | "week" | "month" | "year"
    anchor: str  # "text" | "publication" | "unresolved"
    end_day: date | None = None
    notes: list[str] = field(default_factory=list)
    confidence: float = 0.9


def in_a_name(text: str, start: int) -> bool:
    """Whether a capitalised date word continues a name: "USA Today", "Fox News Sunday".

    The word before is capitalised and does not start a sentence.
    """
    m = _NAME_WORD_BEFORE.search(text, max(0, start - 30), start)
    if not m or m.group("word").lower() in _TIME_WORDS:
        return False  # "Early Friday morning", "Last Sunday"
    if m.group("word").endswith(("'s", "’s")):
        return False  # a possessive determines the date: "Jennifer Lawrence's January start date"
    before = text[: m.start("word")].rstrip(" \t")  # a newline before the word starts a paragraph
    starts_sentence = not before or before[-1] in ".!?\"“”'‘’:\n"
    return not starts_sentence and month_number(m.group("word")) is None


# The words that make a weekday part of a name: "Super Tuesday", "Black Friday", "Fox News
# Sunday", "Palm Sunday". Any other capitalised word before a weekday ends a name the weekday
# only follows: "in French newspaper Le Parisien Wednesday", "a knockout of Hasim Rahman
# Saturday night", "reporters on Capitol Hill Tuesday".
_WEEKDAY_NAME_WORDS = {
    "super", "black", "good", "ash", "cyber", "holy", "maundy", "palm", "easter", "bloody", "giving", "whit",
    "shrove", "news", "fat", "blue", "manic", "casual", "throwback", "orange", "spy", "business", "small",
    "oscar", "oscars", "bowl", "selection",  # "Oscar Sunday", "Super Bowl Sunday", "Selection Sunday"
}


def in_a_weekday_name(text: str, start: int) -> bool:
    """Whether a capitalised weekday is part of a name ("Super Tuesday", "Fox News Sunday")."""
    m = _NAME_WORD_BEFORE.search(text, max(0, start - 30), start)
    if not m or m.group("word").lower() not in _WEEKDAY_NAME_WORDS:
        return False
    # "Fox News Sunday" is a show; "on Fox News Tuesday night" is a day
    return m.group("word").lower() != "news" or text[start:start + 6].lower() == "sunday"


def month_delta(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, 1)


def year_for(month: int, day: int | None, published: date, tense: str | None) -> date | None:
    """The month (and day) in the year a reader takes: by tense, else the nearest to publication."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(date(year, month, day or 1))
        except ValueError:
            continue
    if not candidates:
        return None
    if day is None:
        # A month "on or before" publication includes the month of publication itself.
        key = date(published.year, published.month, 1)
    else:
        key = published
    if tense == "past":
        past = [c for c in candidates if c <= key]
        return past[-1] if past else candidates[0]
    if tense == "future":
        ahead = [c for c in candidates if c >= key]
        return ahead[0] if ahead else candidates[-1]
    if tense == "present" and day is not None:
        # A day in a present clause is one ahead ("the fiscal year, which ends Sept. 30" in
        # January) or just gone ("a poll taken Sept. 22-25 shows"): not one months back.
        recent = [c for c in candidates if c >= published - timedelta(days=60)]
        return recent[0] if recent else candidates[-1]
    if tense == "present" and day is None:
        # A month in a present clause is one under way or ahead ("Then there's November", "an
        # advantage in November" in a March story), or one just gone whose figures are out now
        # ("sales are up 3% in February" in March): not one further back.
        recent = [c for c in candidates if c >= month_delta(key, -2)]
        return recent[0] if recent else candidates[-1]
    # No tense: the nearest; a month gone is preferred by a month's margin, and a tie goes to
    # the past (news mostly reports what happened: "a February survey" in late August).
    middle = 15 if day is None else 0
    lean = 30 if day is None else 0
    return min(candidates, key=lambda c: (abs((c + timedelta(days=middle) - published).days)
                                          + (lean if c > published else 0), c > published))


# Meteorological seasons of the northern hemisphere, where the outlets read here are: the
# first month, and how many more (winter runs from December into the next year).
SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}


def season_months(season: str, published: date | None, rel: str, tense: str | None,
                  year: int | None) -> tuple[date, date, str] | None:
    """A season's first and last month, and how it was chosen: the year the text gives, or by
    "last"/"this"/"next", or by tense, against publication ("last spring" in January 2016 is
    March to May 2015; "this summer" in March 2016 is June to August 2016)."""
    first = SEASONS[season.lower()]

    def span(y: int) -> tuple[date, date]:
        start = date(y, first, 1)
        return start, month_delta(start, 2)

    if year is not None:
        first_month, last_month = span(year)
        return first_month, last_month, f"{season}: {first_month:%Y-%m} to {last_month:%Y-%m} (months of a northern season)"
    if published is None:
        return None
    now = date(published.year, published.month, 1)
    spans = [span(y) for y in range(published.year - 2, published.year + 2)]
    current = next((sp for sp in spans if sp[0] <= now <= sp[1]), None)
    if rel in ("last", "past"):
        chosen = [sp for sp in spans if sp[1] < now and sp != current][-1]
        why = "the last one over before publication"
    elif rel == "next":
        chosen = next(sp for sp in spans if sp[0] > now)
        why = "the first one after publication"
    elif rel == "this" or (tense is None and current is not None):
        # the season under way, else this year's still to come, else this year's just over
        ahead = [sp for sp in spans if sp[0] > now and sp[0].year == published.year]
        chosen = current or (ahead[0] if ahead else [sp for sp in spans if sp[1] < now][-1])
        why = "the one of the publication's year"
    elif tense == "past":
        chosen = [sp for sp in spans if sp[0] <= now][-1]
        why = "the last one begun by publication (a past clause)"
    elif tense in ("future", "present"):
        chosen = next(sp for sp in spans if sp[1] >= now)
        why = "the first one not over at publication (a clause about the future)"
    else:
        chosen = min(spans, key=lambda sp: (abs((sp[0] - now).days + 45), sp[0] > now))
        why = "the one nearest publication"
    return (*chosen, f"{season}: {chosen[0]:%Y-%m} to {chosen[1]:%Y-%m}, {why} (months of a northern season)")


def resolve_weekday(weekday: int, rel: str, future: bool, published: date) -> date:
    if rel == "next" or (rel != "last" and future):
        # The publication's own weekday is that day ("caucuses Saturday" in a Saturday paper),
        # unless the text says "next".
        ahead = (weekday - published.weekday()) % 7 or (7 if rel == "next" else 0)
        return published + timedelta(days=ahead)
    back = (published.weekday() - weekday) % 7
    if rel == "last" and back == 0:
        back = 7
    return published - timedelta(days=back)


def _day_number(text: str) -> int:
    return int(re.match(r"[0-9]+", text).group())


def find_dates(
    text: str, tense_at: Callable[[int], str | None], published: date | None, stamps: list | None = None
) -> list[FoundDate]:
    """Every date in the text, anchored (see the module docstring). ``tense_at(offset)``: the
    tense of the clause at an offset, "past", "future", "present" or None. The spans of the
    page's time stamps, which are no claims, are added to ``stamps``."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    stamps = [] if stamps is None else stamps

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def _stamp(m: re.Match) -> bool:
        if _is_date_line(text, m):
            taken.append((m.start(), m.end()))  # nor is "Friday" of "Friday, June 7, 2013" a date then
            stamps.append((m.start(), m.end()))
            return True
        return False

    for name, pattern in _PATTERNS:
        matches = (m for m in pattern.finditer(text) if free(m.start(), m.end()) and not _stamp(m))
        for item in each_mention(matches, lambda m, name=name: _read(name, m, text, tense_at, published)):
            taken.append((item.start, item.end))
            found.append(item)
    return found


def _titled_in_prose(text: str, m: re.Match, at: int) -> bool:
    """Whether a time word ("Week", "Morning", not its "This") is capitalised in a line of prose: the
    name of a show ("This Week", "CBS This Morning"), not a week. A headline in title case
    ("Ellen DeGeneres to Host Next Year's Oscars") capitalises its dates as it does every word."""
    word_start = text.rfind(" ", 0, at + 1) + 1
    if not text[word_start : word_start + 1].isupper():
        return False
    start = text.rfind("\n", 0, m.start()) + 1
    end = text.find("\n", m.end())
    words = [w for w in re.findall(r"[A-Za-z][\w'’]*", text[start : len(text) if end < 0 else end]) if len(w) > 3]
    return sum(w[0].isupper() for w in words) <= 0.85 * len(words)  # not a headline in title case


def _is_date_line(text: str, m: re.Match) -> bool:
    """Whether the match is a page's time stamp ("Updated 05 / 03 / 2013 at 11:00 AM EDT",
    "PUBLISHED: 22:07 GMT, 7 July 2012", "Fri Aug 2, 2013 6:50pm EDT"): a line holding nothing
    but the date and its time; or a story's dateline ("NEW YORK, Dec. 14 (UPI) —"). That is
    when the page was written, not something the story says."""
    start = text.rfind("\n", 0, m.start()) + 1
    end = text.find("\n", m.end())
    end = len(text) if end < 0 else end
    rest = text[start : m.start()] + " " + text[m.end() : end]
    if _DATELINE_BEFORE.fullmatch(text[start : m.start()]) and _DATELINE_AFTER.match(text, m.end()):
        return True
    return bool(_STAMP_ONLY.fullmatch(rest))


def _read(name: str, m: re.Match, text: str, tense_at, published: date | None) -> FoundDate | None:
    """One date match read into a FoundDate, or None when it is not a date after all."""
    g = m.groupdict()
    if name in ("mdy", "dmy", "iso"):
        return _day_date(name, m, g, tense_at, published)
    if name == "numeric":
        a, b = int(g["a"]), int(g["b"])
        month, day_number, note = (a, b, "11/27/2005: month first (US)") if a <= 12 else (b, a, "")
        try:
            day = date(int(g["year"]), month, day_number)
        except ValueError:
            return None
        return FoundDate(m.start(), m.end(), day, "date", "text", notes=[note] if note and b <= 12 else [],
                         confidence=0.8 if b <= 12 and a <= 12 else 0.9)
    if name == "my":
        if g["month"].lower() == "may" and not g["month"][0].isupper():
            return None
        day = date(int(g["year"]), month_number(g["month"]), 1)
        end_day = date(int(g["year2"]), month_number(g["month2"]), 1) if g.get("year2") else None
        return FoundDate(m.start(), m.end(), day, "month", "text", end_day, confidence=0.95)
    if name in ("m", "mm"):
        if not g["month"][0].isupper() or in_a_name(text, m.start("month")):
            return None
        before = text[max(0, m.start("month") - 3) : m.start("month")].strip()
        if g["month"].lower() in ("may", "march") and (not before or before[-1] in ".!?\"“:\n"):
            return None  # "May I ...", "March on Washington" opening a sentence
        month = month_number(g["month"])
        start = m.start("month")
        preposition = text[m.start() : m.start("month")].strip().lower()
        tense = {"last": "past", "next": "future"}.get(preposition) or tense_at(m.start())
        year = None if preposition in ("last", "next", "this") else _sentence_year(text, m.start(), tense)
        if year is not None:
            day = date(year, month, 1)
            end_day = None
            if name == "mm":
                end_day = date(year + (month_number(g["month2"]) < month), month_number(g["month2"]), 1)
            return FoundDate(start, m.end(), day, "month", "text", end_day,
                             notes=[f"year {year}: the year the sentence names before the month"], confidence=0.85)
        if published is None:
            return FoundDate(start, m.end(), None, "month", "unresolved", confidence=0.6)
        day = year_for(month, None, published, tense)
        end_day = None
        if name == "mm" and day is not None:
            end_day = date(day.year + (month_number(g["month2"]) < month), month_number(g["month2"]), 1)
        return FoundDate(start, m.end(), day, "month", "publication", end_day, notes=_year_note(day, tense, True),
                         confidence=0.85 if tense in ("past", "future") else 0.75)
    if name == "season":
        season = g["season"] or g["season2"]
        if season.lower() == "fall" and not (g["rel"] or g["year"] or g["year2"]) and not re.match(
            r"in\s+the\s+fall\b(?!\s+of\b)", m.group(), re.IGNORECASE
        ):
            return None  # "the fall of the wall", "since the fall": the noun, not the season
        year = g["year"] or g["year2"]
        rel = (g["rel"] or "").lower()
        tense = None if rel else tense_at(m.start())
        read = season_months(season, published, rel, tense, int(year) if year else None)
        if read is None:
            return FoundDate(m.start() if rel else m.start("season"), m.end(), None, "month", "unresolved",
                             confidence=0.6)
        first, last, note = read
        start = m.start() if rel or g["season2"] else m.start("season")  # "last spring"; "in [the fall]"
        return FoundDate(start, m.end(), first, "month", "text" if year else "publication", last, notes=[note],
                         confidence=0.85 if year or rel else 0.7)
    if name == "weekday":
        if not g["weekday"][0].isupper() or (not g["rel"] and in_a_weekday_name(text, m.start())):
            return None  # "Fox News Sunday", "Super Tuesday"
        rel = (g["rel"] or "").lower()
        if rel in ("on", "this", "past"):
            rel = "last" if rel == "past" else ""
        start = m.start()
        if published is None:
            return FoundDate(start, m.end(), None, "date", "unresolved", confidence=0.6)
        # "Democrats vote on Tuesday": a weekday in the present tense is scheduled, ahead. With no
        # tense to go by ("ahead of Tuesday's primaries" in a Saturday paper), the nearest one.
        tense = tense_at(m.start())
        ahead = (WEEKDAYS[g["weekday"].lower()] - published.weekday()) % 7
        future = tense in ("future", "present") or rel == "next" or (tense is None and not rel and 0 < ahead <= 3)
        day = resolve_weekday(WEEKDAYS[g["weekday"].lower()], rel, future, published)
        note = f"{g['weekday']}: {day.isoformat()}, " + (
            f"{rel} week" if rel else "ahead of publication (a clause about the future)" if future
            else "on or before publication (a past clause)")
        return FoundDate(start, m.end(), day, "date", "publication", notes=[note], confidence=0.85)
    if name == "holiday":
        return _holiday(m, g, tense_at, published)
    if name == "weekend":
        if published is None:
            return FoundDate(m.start("weekend"), m.end(), None, "date", "unresolved", confidence=0.6)
        ahead = tense_at(m.start()) in ("future", "present")
        saturday = published - timedelta(days=(published.weekday() - 5) % 7)  # on or before publication
        if ahead and published.weekday() < 5:
            saturday += timedelta(days=7)
        return FoundDate(m.start("weekend"), m.end(), saturday, "date", "publication",
                         notes=[f"the weekend: {saturday.isoformat()}, " + (
                             "the next one (a clause about the future)" if ahead else "the last one by publication")],
                         confidence=0.75)
    if name == "deictic":
        if (g["deictic"][0].isupper() and in_a_name(text, m.start())) or (
                " " in g["deictic"] and _titled_in_prose(text, m, m.end() - 1)):
            return None  # "USA Today", "the Today show", "CBS This Morning"; not "stormed the Acropolis yesterday"
        word = " ".join(g["deictic"].lower().split())
        shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
        if published is None:
            return FoundDate(m.start(), m.end(), None, "date", "unresolved", confidence=0.6)
        return FoundDate(m.start(), m.end(), published + timedelta(days=shift), "date", "publication", confidence=0.85)
    if name == "period":
        if _titled_in_prose(text, m, m.start("period")):
            return None  # ABC's "This Week with George Stephanopoulos"
        rel, period = " ".join(g["rel"].lower().split()), g["period"].lower()
        step = {"last": -1, "past": -1, "this past": -1, "next": 1, "this": 0}[rel]
        unit = {"weekend": "date"}.get(period, period)
        if published is None:
            return FoundDate(m.start(), m.end(), None, unit, "unresolved", confidence=0.6)
        notes = []
        if period == "week" and step == -1 and published.weekday() == 6:
            # A Sunday paper's "last week" is the week it closes (an American week starts on Sunday)
            step = 0
            notes.append("last week, said on a Sunday: the week just ended")
        elif period == "week" and step == 0 and published.weekday() == 6 and tense_at(m.start()) in ("future", "present"):
            # and its "this week" of what is to come is the one starting the next day ("will
            # extend to this week's convention", "He's not available this week")
            step = 1
            notes.append("this week, said on a Sunday of what is ahead: the week starting the next day")
        if period == "weekend" and step == -1:
            # "this past weekend", "last weekend": the last one over, even said on its Sunday
            day = published - timedelta(days=(published.weekday() - 5) % 7 or 7)
        elif period in ("week", "weekend"):
            day = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
            if period == "weekend":
                day += timedelta(days=5)
        elif period == "month":
            day = month_delta(published, step)
        else:
            day = date(published.year + step, 1, 1)
        return FoundDate(m.start(), m.end(), day, unit, "publication", notes=notes, confidence=0.85)
    if name == "short_year":
        year = 2000 + int(g["yy"])
        if published is None or year > published.year + 10:
            year -= 100  # "the class of '98" is 1998; "in '16" in 2016 is 2016
        return FoundDate(m.start() + m.group().index(g["yy"]) - 1, m.end(), date(year, 1, 1), "year",
                         "publication", notes=[f"'{g['yy']}: {year}"], confidence=0.75)
    if name == "part_of_year":
        return _part_of_year(m, g, tense_at, published)
    if name == "split_year":
        first = int(g["year"])
        last = int(g["next"]) if len(g["next"]) == 4 else first - first % 100 + int(g["next"])
        if not first < last <= first + 60:
            return None  # "2012-09" is no span of years
        note = f"a season across {first} and {last}" if last == first + 1 else f"the years {first} to {last}"
        return FoundDate(m.start(), m.end(), date(first, 1, 1), "year", "text", date(last, 1, 1),
                         notes=[f"{m.group()}: {note}"], confidence=0.8)
    if name == "ordinal":
        number = _day_number(g["day"])
        if published is None:
            return FoundDate(m.start("day"), m.end(), None, "date", "unresolved", confidence=0.5)
        return _ordinal_day(m, number, tense_at(m.start()), published)
    if name == "decade":
        if g["century"]:
            first, anchor = int(g["century"]) * 100 + int(g["tens"]) * 10, "text"
        else:  # "the '70s": the last such decade begun by publication (the 1970s; "the '10s" in 2016 the 2010s)
            first, anchor = 2000 + int(g["tens2"] or g["tens3"]) * 10, "publication"
            if published is None or first > published.year:
                first -= 100
        return FoundDate(m.start(), m.end(), date(first, 1, 1), "year", anchor, date(first + 9, 1, 1),
                         notes=[f"{m.group()}: {first} to {first + 9}"], confidence=0.85)
    if name == "year":
        day = date(int(g["year"]), 1, 1)
        end_day = date(int(g["year2"]), 1, 1) if g.get("year2") and g["year2"] > g["year"] else None
        if g.get("year2") and end_day is None:
            return None  # "between 2009 and 2005": no range of years
        if g.get("between") and end_day is None:
            return None  # "between 2009 and" something else
        return FoundDate(m.start("year"), m.end(), day, "year", "text", end_day, confidence=0.9)
    if name == "ago":
        amount = 1 if g["num"].lower() in ("a", "an") else parse_number(g["num"])
        if amount is None or amount != int(amount):
            return None
        period = g["period"].lower().rstrip("s")
        unit = "date" if period == "day" else period
        if published is None:
            return FoundDate(m.start(), m.end(), None, unit, "unresolved", confidence=0.6)
        amount = int(amount)
        if period == "day":
            day = published - timedelta(days=amount)
        elif period == "week":
            day = published - timedelta(weeks=amount)
            day -= timedelta(days=day.weekday())
        elif period == "month":
            day = month_delta(published, -amount)
        else:
            day = date(published.year - amount, 1, 1)
        return FoundDate(m.start(), m.end(), day, unit, "publication", confidence=0.85)
    return None


_PART_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
                  "final": 0, "last": 0}


def _part_of_year(m: re.Match, g: dict, tense_at, published: date | None) -> FoundDate | None:
    """"the first half of the year", "second-quarter earnings": its first to its last month, in
    the year the text names, else the publication's (the year before where a past clause tells of
    a part not yet begun)."""
    size = 3 if g["part"].lower() == "quarter" else 6
    which = _PART_ORDINALS[g["ord"].lower()] or 12 // size
    if which > 12 // size:
        return None  # "third half"
    first_month = (which - 1) * size + 1
    if g["year"]:
        year, anchor = int(g["year"]), "text"
    elif published is None:
        return FoundDate(m.start(), m.end(), None, "month", "unresolved", confidence=0.6)
    else:
        year, anchor = published.year + {"last": -1, "next": 1}.get((g["rel"] or "").lower(), 0), "publication"
        if not g["rel"] and date(year, first_month, 1) > published and tense_at(m.start()) == "past":
            year -= 1
    first = date(year, first_month, 1)
    return FoundDate(m.start(), m.end(), first, "month", anchor, month_delta(first, size - 1),
                     notes=[f"{m.group()}: {first:%Y-%m} to {month_delta(first, size - 1):%Y-%m}"],
                     confidence=0.9 if anchor == "text" else 0.75)


def _ordinal_day(m: re.Match, number: int, tense: str | None, published: date) -> FoundDate | None:
    """"on the 5th": that day of the month of publication, or of the month before (a past clause,
    a day still to come this month) or after (a clause about the future, a day gone); else the nearest."""
    candidates = []
    for step in (-1, 0, 1):
        first = month_delta(published, step)
        try:
            candidates.append(date(first.year, first.month, number))
        except ValueError:
            continue
    if tense == "past":
        chosen = [c for c in candidates if c <= published]
    elif tense == "future":
        chosen = [c for c in candidates if c >= published][:1]
    else:
        chosen = sorted(candidates, key=lambda c: (abs((c - published).days), c > published))[:1]
    if not chosen:
        return None
    day, start = chosen[-1], m.start("day") - len("the ")
    return FoundDate(start, m.end(), day, "date", "publication",
                     notes=[f"{m.string[start:m.end()]}: {day.isoformat()}, a day of the month, the month by the "
                            "clause's tense"], confidence=0.6)


def holiday_in(name: str, year: int) -> date | None:
    """The day a named day falls on in a year ("Thanksgiving", 2012 -> 2012-11-22)."""
    name = _NAMED_DAYS.get(" ".join(name.lower().replace("’", "'").split()), "")
    if name in _FIXED_DAYS:
        return date(year, *_FIXED_DAYS[name])
    if name in _EASTER_DAYS:
        return easter(year) + timedelta(days=_EASTER_DAYS[name])
    if name not in _RULED_DAYS:
        return None
    month, weekday, which, after = _RULED_DAYS[name]
    if which > 0:
        first = date(year, month, 1)
        day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (which - 1))
    else:
        last = month_delta(date(year, month, 1), 1) - timedelta(days=1)
        day = last - timedelta(days=(last.weekday() - weekday) % 7)
    return day + timedelta(days=after)


def _holiday(m: re.Match, g: dict, tense_at, published: date | None) -> FoundDate | None:
    start = m.start("holiday")
    holiday = g["holiday"]
    if holiday.lower() in ("christmas", "easter", "thanksgiving") and not (g["prep"] or g["year"]):
        return None  # "Christmas shopping", "Easter eggs": only "on/by/at Christmas" is the day
    if g["year"]:
        day = holiday_in(holiday, int(g["year"]))
        return FoundDate(start, m.end(), day, "date", "text", confidence=0.9) if day else None
    if published is None:
        return FoundDate(start, m.end(), None, "date", "unresolved", confidence=0.6)
    tense = tense_at(m.start())
    candidates = [d for d in (holiday_in(holiday, y) for y in range(published.year - 1, published.year + 2)) if d]
    if tense == "past":
        day = ([c for c in candidates if c <= published] or candidates[:1])[-1]
    elif tense in ("future", "present"):
        day = [c for c in candidates if c >= published][0]
    else:
        day = min(candidates, key=lambda c: (abs((c - published).days), c > published))
    return FoundDate(start, m.end(), day, "date", "publication", notes=[f"{holiday}: {day.isoformat()}"],
                     confidence=0.8)


def _day_date(name: str, m: re.Match, g: dict, tense_at, published: date | None) -> FoundDate | None:
    month = int(g["mnum"]) if g.get("mnum") else month_number(g["month"])
    day_number = _day_number(g["day"])
    if name == "mdy" and g["month"].lower().rstrip(".") == "may" and not g["month"][0].isupper():
        return None  # "may 5" is more often the verb than the month without a capital
    month2 = month_number(g["month2"]) if g.get("month2") else month
    day2 = _day_number(g["day2"]) if g.get("day2") else None
    if g.get("year"):
        day = date(int(g["year"]), month, day_number)
        end_day = _end(day, month2, day2)
        return FoundDate(m.start(), m.end(), day, "date", "text", end_day, confidence=0.95)
    if published is None:
        return FoundDate(m.start(), m.end(), None, "date", "unresolved", confidence=0.6)
    if g.get("rel"):  # "December 15 of this year"
        year = published.year + {"this": 0, "last": -1, "next": 1}[g["rel"].lower()]
        day = date(year, month, day_number)
        return FoundDate(m.start(), m.end(), day, "date", "publication", _end(day, month2, day2), confidence=0.9)
    tense = tense_at(m.start())
    year = _sentence_year(m.string, m.start(), tense)
    if year is not None:
        try:
            day = date(year, month, day_number)
        except ValueError:
            return None
        return FoundDate(m.start(), m.end(), day, "date", "text", _end(day, month2, day2),
                         notes=[f"year {year}: the year the sentence names before the day"], confidence=0.85)
    day = year_for(month, day_number, published, tense)
    if day is None:
        return None
    return FoundDate(m.start(), m.end(), day, "date", "publication", _end(day, month2, day2),
                     notes=_year_note(day, tense), confidence=0.85 if tense in ("past", "future") else 0.75)


# "In 2008, ...", "But in 2012, ...": a year opening the sentence, which it is about
_YEAR_OPENING = re.compile(rf"\W*(?:(?:but|and|then|so|yet|by\s+contrast)\s+)?(?:in|during|by|until)\s+(?P<year>{_YEAR})\b"
                           rf"(?!\s*[-–/])", re.IGNORECASE)


def _sentence_year(text: str, start: int, tense: str | None) -> int | None:
    """The year a sentence opens with, for a month it gives without one: "In 2008, Obama's
    campaign began airing ads in mid-September" is September 2008, "But in 2012, the campaign
    spent millions beginning in April" April 2012. Not a year further in ("was extradited in 2014
    and pleaded guilty in May": that May is the story's), nor in a clause about the future."""
    if tense == "future":
        return None
    bound = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), text.rfind("? ", 0, start),
                text.rfind("! ", 0, start))
    m = _YEAR_OPENING.match(text, bound + 1, start)
    return int(m.group("year")) if m else None


def _year_note(day: date | None, tense: str | None, month_only: bool = False) -> list[str]:
    """How the year of a month or day the text gave without one was chosen (kept on the claim)."""
    if day is None:
        return []
    why = {"past": "the last one on or before publication (a past clause)",
           "future": "the first one on or after publication (a clause about the future)"}.get(
        tense, "the one nearest publication (no past or future tense decides)")
    if month_only and tense == "present":
        why = "the first one at most two months before publication (a present clause)"
    elif tense == "present":
        why = "the first one at most 60 days before publication (a present clause)"
    return [f"year {day.year}: {why}"]


def _end(day: date, month2: int, day2: int | None) -> date | None:
    """The last day of a range that starts on ``day`` ("Nov 29-30", "October 16 to November 14")."""
    if day2 is None:
        return None
    year = day.year + (1 if month2 < day.month else 0)
    try:
        end = date(year, month2, day2)
    except ValueError:
        return None
    return end if end > day else None


@dataclass
class FoundTime:
    """A time of day: minutes after midnight, in UTC when the text names the zone
    ("1300 GMT", "9 a.m. EDT"), else on the story's local clock ("3:30 p.m.")."""

    start: int
    end: int
    minutes: int
    utc: bool
    notes: list[str] = field(default_factory=list)
    confidence: float = 0.85
    end_minutes: int | None = None  # the end of a span of the clock: "6 a.m.-to-4:30 p.m.", "from 9 a.m. to noon"


# Hours the zones newsrooms name are ahead of UTC (a fixed table: an abbreviation names one offset).
_ZONES = {"gmt": 0, "utc": 0, "z": 0, "bst": 1, "cet": 1, "cest": 2, "eet": 2, "eest": 3, "msk": 3, "ist": 5.5,
          "hkt": 8, "jst": 9, "kst": 9, "aest": 10, "aedt": 11, "nzst": 12, "nzdt": 13, "est": -5, "edt": -4,
          "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "akst": -9, "hst": -10}
# US zones named without their season ("10 a.m. ET"): standard or daylight time by the day (the
# publication's), under the rules of the year (second Sunday of March to first of November since 2007).
_US_ZONES = {"et": -5, "ct": -6, "mt": -7, "pt": -8}
_ZONE = (r"(?:\(?\s*(?P<tz>" + "|".join(sorted((z for z in _ZONES if z != "z"), key=len, reverse=True))
         + r"|(?-i:ET|CT|MT|PT))\b)")
_TIMES = at_word_start(
    # "3:30 p.m.", "10 a.m. EDT", "9:15am (1315 GMT)": an hour of the clock with its half of the day
    rf"(?<![\w:.])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5][0-9]))?\s?(?P<half>(?-i:a\.m\.|p\.m\.|am|pm|AM|PM|a\.m|p\.m)(?![a-z]))"
    rf"(?:\s*{_ZONE})?"
    # "at 1300 GMT", "0830 UTC", "15:45 GMT": a 24-hour clock, only with its zone
    rf"|(?<![\w:.,])(?P<h24>[01][0-9]|2[0-3]):?(?P<m24>[0-5][0-9])\s*(?:hrs\s+|hours\s+)?{_ZONE.replace('tz', 'tz24')}"
    # "at noon", "at midnight local time"
    rf"|\b(?:at|by|before|after|until|till|to|from|around|about|shortly\s+after|shortly\s+before)\s+(?P<word>noon|midnight)\b"
    # "noon Tuesday", "midnight tonight": the word before the day it falls on
    rf"|\b(?P<word2>noon|midnight)(?=\s+(?:(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|today|tonight|"
    rf"tomorrow|yesterday|local\s+time)\b)",
    re.IGNORECASE,
)


def find_times(text: str, published: date | None = None) -> list[FoundTime]:
    """Every time of day the text states (see FoundTime): a figure two outlets can disagree on.
    ``published`` tells standard from daylight time where a US zone is named without it ("ET")."""
    # Not the page's own time stamp: "Last updated at 22:46 GMT", "Updated 5:40 p.m. ET"
    found = [*each_mention((m for m in _TIMES.finditer(text) if not _is_date_line(text, m)),
                           lambda m: _time(m, published))]
    joined: list[FoundTime] = []
    for item in found:
        last = joined[-1] if joined else None
        if (last is not None and last.end_minutes is None and last.utc == item.utc
                and _TIME_TO.fullmatch(text, last.end, item.start) and item.minutes != last.minutes):
            last.end, last.end_minutes = item.end, item.minutes  # one span of the clock, from the first to the last
            last.notes = [*last.notes, *item.notes]
            continue
        joined.append(item)
    return joined


# "6 a.m.-to-4:30 p.m.", "9 a.m. to 5 p.m.", "10 a.m.-2 p.m.", "between 8 and 10 p.m." is not read
_TIME_TO = re.compile(r"\s?(?:-|–|—|-to-|to|until|till|through)\s?(?:at\s+)?")


def _us_daylight(day: date) -> bool:
    """Whether US clocks are on daylight time that day."""
    def sunday(year: int, month: int, nth: int) -> date:
        first = date(year, month, 1)
        if nth < 0:  # the last Sunday
            last = month_delta(first, 1) - timedelta(days=1)
            return last - timedelta(days=(last.weekday() - 6) % 7)
        return first + timedelta(days=(6 - first.weekday()) % 7 + 7 * (nth - 1))
    if day.year >= 2007:
        return sunday(day.year, 3, 2) <= day < sunday(day.year, 11, 1)
    return sunday(day.year, 4, 1) <= day < sunday(day.year, 10, -1)


def _time(m: re.Match, published: date | None = None) -> FoundTime | None:
    word = m.group("word") or m.group("word2")
    if word:
        minutes = 12 * 60 if word.lower() == "noon" else 0
        start = m.start("word") if m.group("word") else m.start("word2")
        return FoundTime(start, m.end(), minutes, False, confidence=0.8)
    if m.group("h24"):
        hour, minute, zone = int(m.group("h24")), int(m.group("m24")), m.group("tz24")
    else:
        hour, minute, zone = int(m.group("h")), int(m.group("m") or 0), m.group("tz")
        hour = hour % 12 + (12 if m.group("half").lower().startswith("p") else 0)
    minutes = hour * 60 + minute
    notes = []
    if zone and zone.lower() in _US_ZONES:
        if published is None:
            return FoundTime(m.start(), m.end(), minutes, False, confidence=0.7)  # no day: standard or daylight?
        zone = zone.upper()
        offset = _US_ZONES[zone.lower()] + (1 if _us_daylight(published) else 0)
        minutes = int(minutes - offset * 60) % (24 * 60)
        notes.append(f"{m.group().strip()}: {minutes // 60:02d}:{minutes % 60:02d} UTC ({zone} is UTC{offset:+g} "
                     f"on {published.isoformat()})")
        return FoundTime(m.start(), m.end(), minutes, True, notes, confidence=0.85)
    if zone:
        offset = _ZONES[zone.lower()]
        minutes = int(minutes - offset * 60) % (24 * 60)
        notes.append(f"{m.group().strip()}: {minutes // 60:02d}:{minutes % 60:02d} UTC ({zone.upper()} is UTC{offset:+g})")
    return FoundTime(m.start(), m.end(), minutes, bool(zone), notes, confidence=0.9 if zone else 0.8)


__all__ = ["FoundDate", "FoundTime", "find_dates", "find_times", "in_a_name", "in_a_weekday_name", "month_delta", "resolve_weekday", "year_for"]

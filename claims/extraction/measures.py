"""Measures: physical quantities with units, percents, earthquake magnitudes and ages.

- quantities: the number and the unit as written, the unit named by pint ("250ml" ->
  250 milliliter, "a 5-inch pipe" -> 5 inch, "3/4 mile", "170,000-square-foot" -> 170000
  square_foot, "193km/h" -> kilometer_per_hour, "miles an hour" -> mile_per_hour, "6 feet
  1 inch" -> 73 inch, "half an hour" -> 0.5 hour), converted to one unit per dimension for
  comparison (claims.extraction.units). Durations ("15 years", "a 10-year sentence") are
  quantities in time.
- ambiguous units are decided by the story and the decision kept as a note: "pounds" are
  money or weight (claims.extraction.money.pound_is_money); "tons" are short tons in a story
  told in dollars (US usage) and metric tons otherwise; "tonnes" and "metric tons" are
  metric.
- percents: unit ``percent``, or ``percentage_point`` for "percentage points".
- earthquakes: "magnitude 6.1", "a 6.1-magnitude quake", "6.0 on the Richter scale", "a
  6.7 degree earthquake" -> 6.1 ``magnitude`` (no conversion: magnitude is its own scale).
- ages: "a 32-year-old", "Smith, 35,", "aged 45", "3-month-old" -> a quantity in years (or
  months...) whose subject is the person it is about ("lindsay lohan age"): outlets
  disagree on ages, so they are facts to compare.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

import numpy
from spacy.attrs import ENT_TYPE, IDX, LENGTH, ORTH, POS
from spacy.parts_of_speech import NOUN, PROPN
from spacy.strings import get_string_id

from claims.extraction.money import Context, pound_is_money
from claims.extraction.nlp import doc_text
from claims.extraction.numbers import (
    DIGITS,
    FRACTION,
    NUMBER,
    WORD_NUMBER,
    Anchored,
    Required,
    at_word_start,
    each_mention,
    parse_number,
    qualifier_before,
    scaled,
    tidy,
)
from claims.extraction.units import read_unit, registry, unit_named


@dataclass
class Measure:
    start: int
    end: int
    kind: str  # "quantity" | "percent"
    value: Decimal
    unit: str
    qualifier: str
    base_value: Decimal | None = None
    base_unit: str = ""
    notes: list[str] = field(default_factory=list)
    confidence: float = 0.9
    age_at: int | None = None  # for an age: the offset of the number, to find whose age it is
    value_end: Decimal | None = None


_UNIT_WORDS = (
    r"(?:(?:square|sq\.?|cubic|metric|nautical)[\s-]+[a-z]+"
    r"|degrees?\s+(?:celsius|fahrenheit|centigrade)"
    # a rate ("miles an hour"), not the next mention: "$25 million over a six-month period"
    rf"|[a-zA-Zµ°]+[²³23]?(?:\s?/\s?[a-zA-Z]+|\s+(?:per|an|a)\s+(?!(?:{WORD_NUMBER})\b)[a-z]+)?)"
)
_QUANTITY = re.compile(
    rf"(?<![\w.,$€£¥/-])(?P<num>{FRACTION}|{NUMBER})(?P<scale>[\s-]?(?:million|thousand|billion))?(?:\s|-)?"
    rf"(?!(?:{WORD_NUMBER})\b)(?P<unit>{_UNIT_WORDS})(?![\w²³])",  # "February 2008 three-hour": no unit "three"
    re.IGNORECASE,
)
# A dash lost between a word and a number written out: "died at a Los Angeles hospital-nine days
# after suffering a heart attack"
_AFTER_LOST_DASH = re.compile(
    rf"(?<=[a-z]-)(?P<num>{WORD_NUMBER})(?P<scale>)\s+(?P<unit>(?:year|month|week|day|hour|minute)s?)\b(?!-)",
    re.IGNORECASE,
)
# "half an hour", "a half-mile", "a quarter-mile area", "three-quarter-mile", "a quarter mile long"
_HALF = Required(("half", "quarter"), re.compile(r"\b(?P<num>(?:three[\s-])?quarters?|half)(?:\s+an?\s+|\s+of\s+an?\s+|-|(?<=\ba\squarter)\s+|(?<=\ba\shalf)\s+)"
                   r"(?P<unit>hour|mile|day|year|century|minute|kilometre|kilometer|inch|acre|pound|ton|cup|gallon)\b"
                   r"(?!\s+ago\b)", re.IGNORECASE))
_PARTS = {"half": Decimal("0.5"), "quarter": Decimal("0.25"), "three quarter": Decimal("0.75")}
# "between six and eight years", "10-20 years", "six to eight weeks", "two or three tons", "a 10- to 15-minute
# walk", "a 3-to-4-hour drive": one claim from the first
# value to the last, kept as a range
# (anchored on a connector between what can end and start a number: a digit, "six", "twenty")
_RANGE = Anchored(re.compile(r"[0-9eorxnty](?:\s+(?:to|and|or)\s+|\s*[-–]\s*)[0-9otfsen]", re.IGNORECASE), re.compile(
    rf"(?<![\w.,$€£¥/-])(?:(?P<between>between)\s+)?(?P<num>{NUMBER})\s*(?(between)and|(?:-to-|-\s*to|-|–|to|or))\s*"
    rf"(?P<last>{NUMBER})(?P<scale>)(?:\s|-)?(?P<unit>{_UNIT_WORDS})(?![\w²³])",
    re.IGNORECASE,
), before=25)
# "one and a half miles", "2 and a half hours", "a four-and-a-half-acre center", "a mile and a half", "an hour and a half"
_AND_A_HALF = Required(("half",), re.compile(
    rf"(?<![\w.,-])(?:(?P<num>{NUMBER})[\s-]+and[\s-]+a[\s-]+half[\s-]+(?P<unit>[a-z]+)"
    rf"|(?P<one>an?|one)\s+(?P<unit2>[a-z]+)\s+and\s+a\s+half)\b",
    re.IGNORECASE,
))
# "for a week", "in over a year", "a minute of silence", "an hour away", "requested another
# month": an article counts one of a unit of time. Not a rate ("$4 million a year", "1,000 euros
# a month", "twice a day", "hours a day": a number, an amount, a plural or "once/twice/times"
# before it), nor "a second" (an ordinal: "a second time"), nor "a year ago" (a date).
_ONE = re.compile(
    r"\b(?P<num>(?i:an?|another))\s+(?P<unit>year|month|week|day|hour|minute|decade|century|mile|kilometre|kilometer)\b"
    r"(?!\s+ago\b|[-\s]+old\b|\s+and\s+a\s+half\b|-)",
)
# "a month-long stay", "a day-long strike", "her year-long campaign": one of the unit
_LONG = Anchored(re.compile("-long", re.IGNORECASE), re.compile(
    r"(?<![\w-])(?P<unit>year|month|week|day|hour|minute|decade|century)-long\b", re.IGNORECASE), before=8, after=1)
_RATE_WORDS = {"once", "twice", "thrice", "times", "million", "billion", "thousand", "hundred", "trillion", "per",
               "every", "each", "half"}
_NOT_PLURALS = {"was", "has", "is", "this", "his", "its", "does", "as", "us", "thus", "across", "perhaps",
                "always", "less", "unless", "plus", "minus", "hers", "ours", "yours", "theirs", "whereas",
                "besides", "towards", "afterwards", "sometimes", "nearly", "news"}
_WORD_BEFORE = re.compile(r"([\w%$€£]+)\W*$")


# Temperatures the general pattern cannot read: below zero ("minus 5 degrees Celsius",
# "-12°C"), a scale letter glued to the number ("40C", "104F"), or "degrees" alone ("95
# degrees") in a sentence about the weather.
_TEMPERATURE = re.compile(
    r"(?<![\w.,])(?P<minus>minus\s+|-|−)?(?P<num>[0-9]{1,3}(?:\.[0-9])?)"
    r"(?:\s?°\s?(?P<sign>[CF])\b|(?P<glued>[CF])\b|\s+degrees?\s+(?P<word>celsius|centigrade|fahrenheit)\b"
    r"|\s+degrees\b|-degrees?\b)(?![\s-]+(?:of|north|south|east|west|latitude|longitude|angles?|turns?|slopes?|tilt)\b)",
    re.IGNORECASE,
)
_TEMPERATURE_FROM = re.compile(r"(?:\bbetween\s+(?P<first2>[0-9]{1,3})\s+and|(?<![\w.,-])(?P<first>[0-9]{1,3})\s*(?:-|–|to))\s*$")
_WEATHER = re.compile(
    r"\b(?:temperatures?|heat|hot|hotter|cold|colder|warm|warmer|chill|freez\w*|frost|highs?|lows?|weather|"
    r"forecast|thermometers?|mercury)\b", re.IGNORECASE,
)
_FEET_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "eleven": 11}
_FEET_INCHES = re.compile(
    r"(?<![\w.])(?P<feet>[0-9])(?:\s|-)?(?:feet|foot|ft|')[\s-]?(?:and\s+)?(?P<inches>1[01]|[0-9])"
    r"(?:(?:\s|-)?(?:inches|inch|in)\b|\"|″)?(?![0-9])",
)
# "the six-foot-five champ", "six feet two inches": a height in words
_FEET_INCHES_WORDS = Anchored(re.compile(r"(?i:feet|foot)"), re.compile(
    r"(?<![\w.-])(?P<wfeet>(?i:four|five|six|seven))[\s-](?i:feet|foot)[\s-](?:(?i:and)\s+)?"
    r"(?P<winches>(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven))\b(?:[\s-](?i:inches|inch)\b)?"),
    before=7, after=20)
_AGE = at_word_start(
    # "a 32-year-old", "18-to-34-year-olds" (after a dash only as the end of such a span)
    rf"(?<![\w.,])(?<![^o]-)(?P<num>{DIGITS}|{NUMBER})(?:-|\s)(?P<unit>year|month|week|day)s?(?:-|\s)olds?\b"
    rf"|\b(?:aged|ages?)\s+(?:just\s+|only\s+)?(?:(?P<between>between)\s+)?(?P<num2>[0-9]{{1,3}})\b"
    rf"(?:\s*(?(between)and|(?:-|–|to))\s*(?P<last2>[0-9]{{1,3}})\b)?"
    # "She was 91.", "Teixeira will be 29 in April", "who will turn 29 in April", "Dies at 91"
    # (a name's capital even under IGNORECASE: "the score was 3." is no age; "6.9mm" no "6")
    rf"|\b(?:he|she|who|(?-i:[A-Z])[\w'-]+)\s+(?:is|was|will\s+(?:be|turn)|turned|turns|would\s+have\s+been)\s+"
    rf"(?P<num3>[0-9]{{1,3}})(?![.,:][0-9])(?=\s*(?:[.,;]|$)|\s+(?:in|on|when|at|and|years?\s+old)\b)"
    # "the first baseman will turn 29 in April", "who turned 40 last week"
    rf"|\b(?:will\s+turn|turned|turns)\s+(?P<num8>[0-9]{{1,3}})(?![.,][0-9])"
    rf"(?=\s*(?:[.,;]|$)|\s+(?:in|on|when|at|last|next|this|later|before|after|by|prior|years?\s+old)\b)"
    # "died Thursday at 91"; not a time of day: "pronounced dead at 10:15 p.m.", "died at 4 a.m."
    rf"|\b(?:dies|died|dying|dead)\s+(?:(?:on\s+)?\w+day\s+|yesterday\s+|today\s+|peacefully\s+)?at\s+(?:age\s+)?(?P<num4>[0-9]{{1,3}})\b(?![.,:][0-9]|\s?(?:[ap]\.?m\b|o['’]clock)"
    rf"|\s+in\s+the\s+(?:morning|afternoon|evening)|\s+at\s+night)"
    rf"|\bat\s+the\s+age\s+of\s+(?P<num5>[0-9]{{1,3}})\b(?![.,][0-9])"
    # "raise the retirement age for women to 65", "the voting age of 18"
    rf"|\b(?:retirement|voting|drinking|legal|minimum|pension|school-leaving)\s+age\s+(?:(?![0-9])\w+\s+){{0,3}}?"
    rf"(?:to|of|at|is|was|from)\s+(?P<num7>[0-9]{{1,3}})\b(?![.,][0-9]|\s*%|\s+percent)"
    # "At 36, Klitschko remains champion": an age opening a sentence about a person named next
    rf"|\b(?-i:At)\s+(?P<num8b>[0-9]{{1,3}}),\s+(?=(?-i:[A-Z])[\w'’-]+\s+(?-i:[a-z]))"
    # "If I were in my 40s", "a man in his early 30s": an age by its decade
    rf"|\bin\s+(?:his|her|my|their|your|our)\s+(?:early\s+|mid-?\s*|late\s+)?(?P<decade>[1-9]0)['’]?s\b"
    # "canvassers as young as 17, as old as 80"
    rf"|\bas\s+(?:young|old)\s+as\s+(?P<num6>[0-9]{{1,3}})\b(?![.,][0-9])",
    re.IGNORECASE,
)
_MAGNITUDE = Required(("magnitude", "richter", "quake", "temblor", "tremor", "aftershock"), re.compile(
    r"\bmagnitude(?:\s+of)?[-\s](?P<num>[0-9](?:\.[0-9])?)\b"
    r"|(?<![\w.])(?P<num2>[0-9](?:\.[0-9])?)[-\s]magnitude\b"
    r"|(?<![\w.])(?P<num3>[0-9]\.[0-9])\s+on\s+the\s+Richter(?:\s+scale)?"
    r"|(?<![\w.])(?P<num4>[0-9]\.[0-9])(?=[-\s](?:degree\s+)?(?:earthquake|quake|temblor|tremor|aftershock)s?\b)"
    r"|(?<![\w.])(?P<num5>[0-9]\.[0-9])[-\s]degrees?(?=\s+(?:\w+\s+){0,2}(?:earthquake|quake|temblor|tremor)s?\b)"
    r"|\b(?:earthquake|quake|temblor|tremor|aftershock)s?,?\s+(?:\w+\s+){0,2}?(?:measuring|measured|registering|registered|"
    r"of)\s+(?:a\s+)?(?:preliminary\s+)?(?P<num6>[0-9]\.[0-9])\b(?![.,]?[0-9]|\s+on\s+the\s+Richter)"
    r"|(?<![\w.])(?-i:M)\s?(?P<num7>[0-9]\.[0-9])\b(?=[-\s](?:\w+\s+)?(?:earthquake|quake|temblor|tremor|aftershock)s?\b)",
    re.IGNORECASE,
))
_PERCENT_WORDS = (r"(?:\s?(?P<sign>%)|[\s-](?P<word>percent|per[\s-]cent|percentage[\s-]points?)\b"
                  r"|\s?(?P<pc>(?-i:pc))\b)")
# "half a percentage point", "a quarter of a percentage point"
_PART_OF_A_PERCENT = re.compile(
    r"\b(?P<part>half|quarter|three[\s-]quarters)\s+(?:of\s+)?an?\s+(?P<word>percentage[\s-]point|percent)\b",
    re.IGNORECASE)
_PERCENT = re.compile(rf"(?<![\w.,])(?P<num>{NUMBER}){_PERCENT_WORDS}", re.IGNORECASE)
# "between 40 and 45 percent", "20-25 percent", "3.1 and 4.9 percentage points", "the top 2 or 3
# percent": one claim from
# the first value to the last, which alone carries the unit
_PERCENT_RANGE = re.compile(
    rf"(?<![\w.,])(?:(?P<between>between)\s+)?(?P<first>{NUMBER})\s*(?:-|–|to|and|or)\s*(?P<num>{NUMBER}){_PERCENT_WORDS}",
    re.IGNORECASE,
)
# "by one point", "a 5-point lead": points of a percentage, in a story about polls or shares
_POINTS = Required(("point",), re.compile(rf"(?<![\w.,])(?P<num>{NUMBER})[-\s]points?\b", re.IGNORECASE))
_SHARES = re.compile(r"%|\bpercent|\bper cent|\bpoll", re.IGNORECASE)
# "four in 10", "one of every nine", "eight out of 10": a share, read as a percent
_RATIO = re.compile(
    rf"(?<![\w.,])(?P<a>{NUMBER})\s+(?:in|out\s+of|of\s+every|in\s+every)\s+(?P<b>{NUMBER})\b(?![.,]?[0-9]|%)",
    re.IGNORECASE,
)
_DURATIONS = {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century"}
_LENGTHS = {"foot", "meter", "yard"}
_OF_SPACE = re.compile(r"\s+of\s+(?:[a-z-]+\s+){0,2}space\b", re.IGNORECASE)


_SCORE_BEFORE = re.compile(r"\b(?:leads?|leading|led|trails?|trailing|trailed|ahead|behind|beats?|beating|over|"
                           r"versus|vs\.?|against|margin|edge|from)\b[^.;]*$", re.IGNORECASE)


# "a margin of error between +/- 3.1 and 4.9", "margin of error of plus or minus 3.5": a poll's
# margin is in percentage points though the text names no unit
_MARGIN = Required(("margin",), re.compile(
    r"\bmargins?\s+of\s+(?:sampling\s+)?error\s+(?:of\s+|is\s+|was\s+|at\s+|between\s+)?(?:\+/-|±|plus\s+or\s+minus)?\s*"
    r"(?P<first>[0-9]+(?:\.[0-9]+)?)(?:\s*(?:and|to|-|–)\s*(?P<num>[0-9]+(?:\.[0-9]+)?))?"
    r"(?!\s*(?:%|percent|per\s+cent|percentage|points?)|[.,]?[0-9])", re.IGNORECASE))


def find_percents(text: str) -> list[Measure]:
    return [*each_mention(_PERCENT_RANGE.finditer(text), lambda m: _percent(text, m)),
            *each_mention(_PERCENT.finditer(text), lambda m: _percent(text, m)),
            *each_mention(_MARGIN.finditer(text), _margin),
            *each_mention(_PART_OF_A_PERCENT.finditer(text), _part_of_a_percent)]


def _part_of_a_percent(m: re.Match) -> Measure:
    value = _PARTS[re.sub(r"[\s-]+", " ", m.group("part").lower()).rstrip("s")]
    unit = "percent" if m.group("word").lower() == "percent" else "percentage_point"
    return Measure(m.start(), m.end(), "percent", value, unit, "exact", value, unit, confidence=0.9)


def _margin(m: re.Match) -> Measure | None:
    first = Decimal(m.group("first"))
    last = Decimal(m.group("num")) if m.group("num") else None
    if last is not None and not first < last:
        return None
    return Measure(m.start("first"), m.end(), "percent", first, "percentage_point", "range" if last else "exact",
                   first, "percentage_point", notes=["a margin of error: percentage points"], confidence=0.8,
                   value_end=last)


def _percent(text: str, m: re.Match) -> Measure | None:
    value = parse_number(m.group("num"))
    if value is None:
        return None
    if "first" in m.groupdict():
        first = parse_number(m.group("first"))
        point = (m.group("word") or "").lower().startswith("percentage")
        unit = "percentage_point" if point else "percent"
        if first is None:
            return None
        if not first < value or _SCORE_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            # "from 5.1 to 4.9 percent": a change; "leads 49-45 percent": a score. The first is a
            # share of its own, in the unit the last one carries; the last is read on its own.
            return Measure(m.start("first"), m.end("first"), "percent", first, unit, "exact", first, unit,
                           notes=[f"{m.group('first')}: {unit}, the unit of the figure after it"], confidence=0.8)
        q_start, _ = qualifier_before(text, m.start())
        return Measure(m.start(), m.end(), "percent", first, unit, "range", first, unit, confidence=0.9,
                       value_end=value)
    point = (m.group("word") or "").lower().startswith("percentage")
    unit = "percentage_point" if point else "percent"
    q_start, qualifier = qualifier_before(text, m.start())
    return Measure(q_start, m.end(), "percent", value, unit, qualifier, value, unit, confidence=0.95)


def find_points(text: str) -> list[Measure]:
    """"by one point", "a 5-point lead" where the story speaks of percents or polls."""
    return [*each_mention(_POINTS.finditer(text), lambda m: _points(text, m))]


def _points(text: str, m: re.Match) -> Measure | None:
    if not _SHARES.search(text, max(0, m.start() - 300), m.end() + 300):
        return None
    if re.search(r"\b(?:scored?|scoring|won|lost|game|match|points? per)\b", text[max(0, m.start() - 80) : m.end() + 40],
                 re.IGNORECASE):
        return None  # points of a game
    if re.match(r"[\s-]*(?:line|shots?|shooters?|shooting|plays?|attempts?|range|baskets?|field goals?|"
                r"conversions?|tries|try)\b", text[m.end() : m.end() + 20], re.IGNORECASE):
        return None  # "behind the three-point line": a game's, whatever the story says of percents
    value = parse_number(m.group("num"))
    if value is None:
        return None
    q_start, qualifier = qualifier_before(text, m.start())
    return Measure(q_start, m.end(), "percent", value, "percentage_point", qualifier, value, "percentage_point",
                   notes=["points: percentage points (the story speaks of percents or polls)"], confidence=0.75)


def find_ratios(text: str) -> list[Measure]:
    """"four in 10 voters" -> 40 percent, with the wording kept as a note."""
    return [*each_mention(_RATIO.finditer(text), lambda m: _ratio(text, m))]


def _ratio(text: str, m: re.Match) -> Measure | None:
    a, b = parse_number(m.group("a")), parse_number(m.group("b"))
    if a is None or b is None or not 0 < a < b or b > 1000:
        return None
    value = tidy((a * 100 / b).quantize(Decimal("0.01")))
    q_start, qualifier = qualifier_before(text, m.start())
    return Measure(q_start, m.end(), "percent", value, "percent", qualifier, value, "percent",
                   notes=[f"{m.group()}: {value} percent"], confidence=0.8)


def find_magnitudes(text: str) -> list[Measure]:
    return [*each_mention(_MAGNITUDE.finditer(text), lambda m: _magnitude(text, m))]


def _magnitude(text: str, m: re.Match) -> Measure | None:
    group = next(g for g in ("num", "num2", "num3", "num4", "num5", "num6", "num7") if m.group(g))
    number = m.group(group)
    value = Decimal(number)
    if not 0 < value < 11:
        return None
    start = m.start(group) if group == "num6" else m.start()  # "an earthquake measuring [6.1]"
    q_start, qualifier = qualifier_before(text, start)
    return Measure(q_start, m.end(), "quantity", value, "magnitude", qualifier, value, "magnitude")


# "Two men, aged 20 and 24": the second person's age
_AGED_PAIR = re.compile(r"\bage[ds]\s+[0-9]{1,3}\s*(?:,\s*[0-9]{1,3}\s*)*,?\s*(?:and|or)\s+(?P<num>[0-9]{1,3})\b(?![.,][0-9])")
_AGE_IN_LIST = re.compile(r"(?<=[\s,])[0-9]{1,3}\b")


def find_ages(text: str) -> list[Measure]:
    """"a 32-year-old", "aged 45", "aged between 18 and 25": ages written as such. Appositive
    ages ("Smith, 35,") need the parse and are found by ages_in_apposition."""
    found = [*each_mention(_AGE.finditer(text), lambda m: _age(m, text))]
    for m in _AGED_PAIR.finditer(text):
        for n in list(_AGE_IN_LIST.finditer(text, m.start(), m.end()))[1:]:  # "ages 3, 5 and 8": past the first
            value = Decimal(n.group())
            if 0 < value < 130:
                found.append(_converted(Measure(n.start(), n.end(), "quantity", value, "year", "exact",
                                                confidence=0.8, age_at=n.start())))
    return found


# "between 30 and 40 years old", "aged 18 to 25", "18-to-34-year-olds": the first age of a range, before its last
_AGE_RANGE_START = re.compile(r"(?:\bbetween\s+|\baged\s+)?(?P<num>[0-9]{1,3})\s*(?:-to-|-|–|to|and)\s*$", re.IGNORECASE)


def _age(m: re.Match, text: str = "") -> Measure | None:
    if m.group("decade"):  # "in her 40s": an age from 40 to 49
        first = Decimal(m.group("decade"))
        return _converted(Measure(m.start("decade"), m.end(), "quantity", first, "year", "range", value_end=first + 9,
                                  confidence=0.75, age_at=m.start("decade")))
    group = next(g for g in ("num", "num2", "num3", "num4", "num5", "num6", "num7", "num8", "num8b") if m.group(g))
    if group == "num8b" and text[: m.start()].rstrip(" \t")[-1:] not in ("", ".", "!", "?", "\"", "”", "’", "\n"):
        return None  # "At 36, Klitschko ..." opens its sentence
    value = parse_number(m.group(group))
    if value is None or not 0 < value < 130:
        return None
    unit = (m.group("unit") or "year").lower()
    # "a 32-year-old" and "aged 45" keep their words; "She was 91" is the number alone.
    start, end = (m.start(), m.end()) if group in ("num", "num2") else (m.start(group), m.end(group))
    confidence = 0.9 if group in ("num", "num2") else 0.8
    measure = Measure(start, end, "quantity", value, unit, "exact", confidence=confidence, age_at=m.start(group))
    if group == "num2" and m.group("last2"):
        last = Decimal(m.group("last2"))
        if not value < last < 130:
            measure.end = m.end("num2")
        else:  # "aged between 18 and 25", "aged 18 to 25"
            measure.value_end, measure.qualifier = last, "range"
    before = _AGE_RANGE_START.search(text, max(0, start - 16), start) if group == "num" else None
    if before is not None and 0 < Decimal(before.group("num")) < value:
        # "between 30 and 40 years old": one claim from the first age to the last
        measure.start, measure.value_end, measure.value = before.start(), value, Decimal(before.group("num"))
        measure.qualifier = "range"
    return _converted(measure)


# ", 26,", " (91)", ", now 42,", "two men, 24 and 27,": the age (or ages) set beside a name
_APPOSED_AGE = re.compile(
    r"(?:,\s(?:now\s|aged\s|both\s)?|\s\()(?P<num>[0-9]{1,3})(?:\s+and\s+(?P<num2>[0-9]{1,3})(?=,(?![0-9])|\)|\.\s|\.$))?"
    r"(?=,(?![0-9])|\)|\s(?:and|was|is|who|died|has)\b|\.\s|\.$|[ \t]*(?:\n|$))")


_NAME_POS = [PROPN, NOUN]
_NAME_ENT_TYPES = [get_string_id(label) for label in ("", "PERSON", "ORG", "GPE", "NORP")]
_COMMA_OR_BRACKET = [get_string_id(","), get_string_id("(")]


def ages_in_apposition(doc) -> list[Measure]:
    """"Lindsay Lohan, 26, ...", "Esther Williams (91)": a bare number beside a person's name."""
    found = []
    text = doc_text(doc)
    names = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
    # A surname the tagger did not take for a person ("Klitschko, 36, ...") is still a name.
    # Read as arrays: a Token object for every token of the article costs more than the rest.
    if len(doc) > 1:
        pos, ent_type, orth, idx, length = doc.to_array([POS, ENT_TYPE, ORTH, IDX, LENGTH]).T
        beside = (numpy.isin(pos[:-1], _NAME_POS) & numpy.isin(ent_type[:-1], _NAME_ENT_TYPES)
                  & numpy.isin(orth[1:], _COMMA_OR_BRACKET))
        starts, ends = idx[:-1][beside], (idx + length)[:-1][beside]
        names += zip(starts.tolist(), ends.tolist(), strict=True)
    for _, end_char in sorted(set(names)):
        m = _APPOSED_AGE.match(text, end_char, end_char + 24)
        if not m:
            continue
        for group in ("num", "num2"):
            if not m.group(group):
                continue
            value = Decimal(m.group(group))
            if not 0 < value < 120:
                break
            start = m.start(group)
            measure = Measure(start, m.end(group), "quantity", value, "year", "exact", confidence=0.75, age_at=start)
            found.append(_converted(measure))
    return found


def find_quantities(text: str, context: Context) -> list[Measure]:
    found: list[Measure] = [*each_mention(_FEET_INCHES.finditer(text), _feet_and_inches)]
    found += each_mention(_FEET_INCHES_WORDS.finditer(text), _feet_and_inches)
    found += each_mention(_HALF.finditer(text), _half)
    found += each_mention(_ONE.finditer(text), lambda m: _one(text, m))
    found += each_mention(_LONG.finditer(text), _long)
    found += each_mention(_RANGE.finditer(text), lambda m: _range(text, m, context))
    found += each_mention(_AND_A_HALF.finditer(text), lambda m: _and_a_half(text, m))
    found += each_mention(_TEMPERATURE.finditer(text), lambda m: _temperature(text, m, context))
    found += each_mention(_QUANTITY.finditer(text), lambda m: _quantity(text, m, context))
    found += each_mention(_AFTER_LOST_DASH.finditer(text), lambda m: _quantity(text, m, context))
    return _compounds(text, found)


# A measure told in two units, the larger first: "7 pounds 8 ounces", "2 hours and 15 minutes",
# "2 hours, 3 minutes and 59 seconds", "2 years and 6 months". One claim in the smaller unit
# (as "6 feet 1 inch" is 73 inches), so sources that round differently still compare.
_COMPOUNDS = {("stone", "pound"), ("pound", "ounce"), ("day", "hour"), ("hour", "minute"), ("minute", "second"),
              ("year", "month"), ("mile", "yard"), ("foot", "inch"), ("meter", "centimeter")}
_COMPOUND_GAP = re.compile(r"(?:,\s*|\s+)(?:and\s+)?")


def _compounds(text: str, found: list[Measure]) -> list[Measure]:
    """Adjacent measures in units of one measure ("7 pounds" "8 ounces") joined into one."""
    kept: list[Measure] = []
    for item in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if not kept or item.start >= kept[-1].end:
            kept.append(item)  # of overlapping readings the first and longest, as numeric_claims takes them
    joined: list[Measure] = []
    for item in kept:
        last = joined[-1] if joined else None
        if (last is not None and (last.unit, item.unit) in _COMPOUNDS and item.qualifier == "exact"
                and last.value_end is None and _COMPOUND_GAP.fullmatch(text, last.end, item.start)):
            factor = tidy(Decimal(repr(round(float(registry().Quantity(1, last.unit).to(item.unit).magnitude), 9))))
            if 0 <= item.value < factor:
                stated = text[last.start : item.end]
                last.value = tidy(last.value * factor + item.value)
                last.unit, last.end = item.unit, item.end
                last.notes = [*last.notes, f"{stated}: {last.value} {item.unit}"]
                last.confidence = min(last.confidence, item.confidence)
                _converted(last)
                continue
        joined.append(item)
    return joined


def _feet_and_inches(m: re.Match) -> Measure:
    if "wfeet" in m.re.groupindex:
        feet, part = _FEET_WORDS[m.group("wfeet").lower()], _FEET_WORDS[m.group("winches").lower()]
    else:
        feet, part = int(m.group("feet")), int(m.group("inches"))
    inches = feet * 12 + part
    return _converted(Measure(m.start(), m.end(), "quantity", Decimal(inches), "inch", "exact",
                              notes=[f"{feet} feet {part} inches = {inches} inch"]))


def _half(m: re.Match) -> Measure | None:
    unit = read_unit(m.group("unit"))
    if unit is None:
        return None
    part = _PARTS[re.sub(r"[\s-]+", " ", m.group("num").lower()).rstrip("s")]
    return _converted(Measure(m.start(), m.end(), "quantity", part, unit.name, "exact"))


_SPAN_AFTER = re.compile(r"\s+(?:after|before|later|earlier|since|ahead|into|of)\b")


def _range(text: str, m: re.Match, context: Context) -> Measure | None:
    first, last = parse_number(m.group("num")), parse_number(m.group("last"))
    if m.group("last").lower() in ("hundred", "thousand", "million", "billion", "trillion"):
        return None  # "a 2-million-square-foot facility": a number and its scale, not a range
    if first is None or last is None or not first < last:
        return None
    measure = _quantity(text, m, context)
    if measure is None:
        return None
    measure.start, measure.value, measure.value_end, measure.qualifier = m.start(), first, last, "range"
    return _converted(measure)


def _long(m: re.Match) -> Measure | None:
    unit = read_unit(m.group("unit"))
    if unit is None:
        return None
    return _converted(Measure(m.start(), m.end(), "quantity", Decimal(1), unit.name, "exact", confidence=0.75))


def _one(text: str, m: re.Match) -> Measure | None:
    before = _WORD_BEFORE.search(text, max(0, m.start() - 24), m.start())
    word = before.group(1).lower() if before else ""
    if word and not _SPAN_AFTER.match(text, m.end()) and (word[-1].isdigit() or word[-1] in "%$€£" or word in _RATE_WORDS
                 or (len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word not in _NOT_PLURALS)):
        return None  # "$4 million a year", "1,000 euros a month", "twice a day": per year, not one year
    unit = read_unit(m.group("unit"))
    if unit is None:
        return None
    q_start, qualifier = qualifier_before(text, m.start())
    return _converted(Measure(q_start, m.end(), "quantity", Decimal(1), unit.name, qualifier, confidence=0.8))


def _temperature(text: str, m: re.Match, context: Context) -> Measure | None:
    scale = (m.group("sign") or m.group("glued") or m.group("word") or "").lower()
    if not m.group("sign") and not m.group("word"):
        s = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        e = min(i for i in (text.find(".", m.end()), text.find("\n", m.end()), len(text)) if i >= 0)
        # "40C" (the letter alone) and "95 degrees" are temperatures only in a sentence about
        # the weather: "Category 4C", "a 360 degrees view" are not.
        if not _WEATHER.search(text[s : m.start()] + " " + text[m.end() : e]):
            return None
    if m.group("minus") is None and (m.group("sign") or m.group("word")):
        return None  # "40°C", "5 degrees Celsius": the general pattern reads them
    value = Decimal(m.group("num"))
    if m.group("minus"):
        value = -value
    if not -90 <= value <= 140:
        return None  # no weather on Earth: an angle or a turn
    notes: list[str] = []
    confidence = 0.9
    if not scale:
        fahrenheit = context.american or value > 50
        scale = "f" if fahrenheit else "c"
        notes.append("degrees: Fahrenheit (" + ("a story told in dollars: US usage" if context.american
                     else "above 50, too hot for Celsius") + ")" if fahrenheit
                     else "degrees: Celsius (no US usage in the story)")
        confidence = 0.65
    unit = "degree_Fahrenheit" if scale.startswith("f") else "degree_Celsius"
    q_start, qualifier = qualifier_before(text, m.start())
    measure = Measure(q_start, m.end(), "quantity", value, unit, qualifier, notes=notes, confidence=confidence)
    before = _TEMPERATURE_FROM.search(text, max(0, m.start() - 16), m.start()) if not m.group("minus") else None
    if before is not None and Decimal(before.group("first") or before.group("first2")) < value:
        # "from 60 to 70 degrees", "between 60 and 70 degrees": one claim from the first to the last
        measure.start, measure.value_end = before.start(), value
        measure.value, measure.qualifier = Decimal(before.group("first") or before.group("first2")), "range"
    return _converted(measure)


def _and_a_half(text: str, m: re.Match) -> Measure | None:
    words = (m.group("unit") or m.group("unit2")).lower()
    unit = read_unit(words)
    # A unit written out, not a letter or two that pint would read ("a m and a half").
    if unit is None or len(words) < 3 or unit.name == "pound":
        return None
    whole = parse_number(m.group("num")) if m.group("num") else Decimal(1)
    if whole is None:
        return None
    q_start, qualifier = qualifier_before(text, m.start())
    return _converted(Measure(q_start, m.end(), "quantity", whole + Decimal("0.5"), unit.name, qualifier))


def _quantity(text: str, m: re.Match, context: Context) -> Measure | None:
    words = m.group("unit")
    unit = read_unit(words.replace("-", " "))
    end = m.end()
    if unit is None:
        words = re.match(r"[^\s/-]+", words).group()
        unit = read_unit(words)
        end = m.start("unit") + len(words)
    if unit is None:
        return None
    if m.start("unit") == m.end("num") and not m.group("num")[-1].isdigit():
        return None  # a unit is glued to digits ("250ml"), never to a word: "tends" is no "ten ds"
    if len(words) > 2 and words[0].isupper() and words[1:].islower() and not _title_cased_line(text, m.start()):
        return None  # a capitalised unit in prose is a title: the film "13 Hours", "28 Days Later"
    rest = text[end : end + 12]
    notes: list[str] = []
    confidence = 0.9
    if len(words) == 1:
        # One letter after a number is a unit only as "50m" (metres) glued to the number and
        # not followed by what millions would count ("10m people").
        if words != "m" or m.start("unit") != m.end("num") or re.match(r"\s+[a-z]+s\b|\s+people\b", rest):
            return None
        notes.append("m: metres (no counted noun follows, so not millions)")
        confidence = 0.6
    name = unit.name
    if name in _DURATIONS:
        if re.match(r"(?:-|\s)?old\b|\s+ago\b|\s+(?:of\s+)?age\b", rest):
            return None  # an age (find_ages) or a date ("10 months ago")
        if m.group("num").lower() == "one" and name == "day" and text[m.end("num")] != "-" and not re.match(
            r"\s+(?:before|after|later|earlier|ahead|of|in|long|old|to\s+go|until|left|remaining)\b", rest
        ):
            return None  # "would one day become members"; "one day before" is a duration
    value = scaled(m.group("num"), (m.group("scale") or "").strip(" -") or None)
    if value is None or value == 0 and name in _DURATIONS:
        return None
    q_start, qualifier = qualifier_before(text, m.start())
    if name in _DURATIONS and text[q_start : m.start()].strip().lower() in ("over", "under"):
        q_start, qualifier = m.start(), "exact"  # "$84 billion over 10 years": across, not more than
    if name == "pound":
        is_money, reason, said = pound_is_money(text, m.start(), end, context)
        if is_money:
            return None  # money's, found there
        notes.append(reason)
        confidence = 0.85 if said else 0.65
    elif name in _LENGTHS and _OF_SPACE.match(text, end):
        # "Trump Tower rented 9,000 feet of office space": floor area, in square feet
        notes.append(f"{words} of space: square {words} (an area)")
        name = f"square_{name}"
        unit = None
    elif name == "ton":
        name = "short_ton" if context.american else "metric_ton"
        notes.append("tons: short tons (a story told in dollars: US usage)" if context.american
                     else "tons: metric tons (no US usage in the story)")
        confidence = 0.65
    measure = Measure(q_start, end, "quantity", value, name, qualifier, notes=notes, confidence=confidence)
    return _converted(measure, unit if unit is not None and name == unit.name else None)


def _title_cased_line(text: str, at: int) -> bool:
    """Whether the line around an offset capitalises most of its words, as a headline does
    ("Man Walks 20 Miles To Work")."""
    start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    words = [w for w in text[start : end if end >= 0 else len(text)].split() if w[0].isalpha() and len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _converted(measure: Measure, unit=None) -> Measure:
    unit = unit or unit_named(measure.unit)
    if unit is not None:
        measure.base_value, measure.base_unit = unit.to_base(measure.value), unit.base
    return measure


__all__ = [
    "Measure", "ages_in_apposition", "find_ages", "find_magnitudes", "find_percents", "find_points", "find_quantities",
    "find_ratios",
]

"""Numeric claims in a parsed article: counts, money, percentages, quantities and dates.

Each claim keeps its surface text and offsets (with its qualifier: "about $45 billion",
"$200 or less"), a kind, a value normalised for comparison (Decimal), a unit and a subject.
Surface forms are found with patterns over the text (money and dates are written in too
many ways for a statistical tagger to normalise), then the parse says what a count counts
and what an amount is about.

Normalisation, so that two sources' claims about the same thing meet:

- money: value in units of the currency ("$45 billion" -> 45000000000), unit an ISO 4217
  code ("AU$730 million" -> AUD, "500 crore rupees" -> 5000000000 INR). A bare "$" is USD.
- percent: value the number of percent, unit "percent" ("percentage points" -> "point").
- quantity: value in the written unit, unit a short canonical name ("kilometres" -> "km",
  "tonnes" -> "t", durations "15 years" -> "year").
- count: unit is the counted noun's lemma ("54 countries" -> "country"); the subject is
  that lemma with its key modifiers (compound nouns and adjectives, not "other", "new"...)
  and its owner ("30 member states of NATO" -> "nato member"). Membership words meet:
  "member state", "member country", "member", "ally" and "N-nation organization" all
  count "member". An owner that is a pronoun or a generic noun ("its", "the alliance",
  "the security organization") is read as the organisation the article names most.
  People counted in a casualty report are "person" whatever the story calls them, with
  the event ("15 civilians were killed", "the deaths of 15 people", "dozens of deaths" ->
  "person killed"; "...and 35 injured" -> "person injured").
- qualifier: "about/nearly/some" approximate, "more than/over/at least/... or more"
  at_least, "up to/fewer than/... or less" at_most, "dozens/hundreds" vague with the
  least the word allows as value (dozens -> 24).
- subject of money, percent and quantities: the noun they are of or in ("$45 billion in
  arms" -> "arms", "40 percent of voters" -> "voter"), the noun they describe ("a $53
  million package" -> "package"), else the subject of their clause. Of dates: the event
  noun or verb they are attached to ("the Nov 29-30 meeting" -> "meeting").
- date: value None and date_value the day (unit "date"), or the first day of the week
  ("week"), month ("month") or year ("year") the text names: the unit says how precise
  the date is. Relative dates ("on Friday", "last week", "10 months ago") are resolved
  against the publication date when it is known (a weekday in a clause about the future,
  "will host ... on Thursday", looks forward) and left unresolved (date_value None, still
  a claim) otherwise. A day without a year takes the year that puts it nearest the
  publication date.

Not claims: a bare year ("in 2022": the year alone says too little to compare and is
mostly background; "February 2022" is a date claim), ages ("45-year-old", "aged 45"),
times of day, list numbering, ordinals ("the second day"), numbers in names ("Article 5",
"F-16", "COVID-19", "USA Today", "Fox News Sunday"), ratios ("eight of 10 voters"), base
years ("2005 levels") and idioms ("one day", "one of"). "one" counts only people ("one
child"), where it is a figure rather than an article.
"""
from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from spacy.tokens import Doc, Token

from claims.extraction.types import ClaimResult, QuoteResult

# --- numbers ---------------------------------------------------------------------------

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "a thousand": 1000,
    "a dozen": 12, "dozen": 12,
}
# Vague amounts carry the least the word allows ("dozens" is at least two dozen).
_VAGUE_NUMBERS = {
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "tens of thousands": 20000,
    "hundreds of thousands": 200000, "millions": 2000000,
}
_SCALES = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "m": 10**6, "mn": 10**6, "mln": 10**6,
    "billion": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12, "tn": 10**12, "trn": 10**12,
    "lakh": 10**5, "crore": 10**7,  # Indian English: "500 crore rupees" is five billion
}
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_WORD_NUMBER = (
    rf"(?:(?:{_TENS})(?:-(?:{_UNITS}))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    rf"eighteen|nineteen|ten|{_UNITS}|a dozen|a hundred|a thousand)"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUMBER = rf"(?:{_DIGITS}|{_WORD_NUMBER})"
_SCALE = r"(?:\s?(?:trillion|billion|million|thousand|lakh|crore)\b|(?:bn|tn|mn|mln|m|k|b)\b)"

_QUALIFIERS = {
    "about": "approximate", "around": "approximate", "approximately": "approximate", "roughly": "approximate",
    "some": "approximate", "nearly": "approximate", "almost": "approximate", "close to": "approximate",
    "an estimated": "approximate", "estimated": "approximate", "approx.": "approximate", "circa": "approximate",
    "more than": "at_least", "over": "at_least", "at least": "at_least", "upwards of": "at_least",
    "in excess of": "at_least", "above": "at_least", "just over": "at_least", "no fewer than": "at_least",
    "no less than": "at_least",
    "fewer than": "at_most", "less than": "at_most", "under": "at_most", "up to": "at_most",
    "as many as": "at_most", "as much as": "at_most", "no more than": "at_most", "at most": "at_most",
    "below": "at_most", "just under": "at_most",
}
_QUALIFIER = "(?:" + "|".join(re.escape(q) for q in sorted(_QUALIFIERS, key=len, reverse=True)) + ")"
_QUALIFIER_BEFORE = re.compile(rf"\b(?P<q>{_QUALIFIER})\s+$", re.IGNORECASE)

# --- money -----------------------------------------------------------------------------

_CURRENCY_PREFIXES = {
    "us$": "USD", "u.s.$": "USD", "usd": "USD", "$": "USD", "au$": "AUD", "a$": "AUD", "aud": "AUD",
    "c$": "CAD", "ca$": "CAD", "cad": "CAD", "nz$": "NZD", "nzd": "NZD", "hk$": "HKD", "hkd": "HKD",
    "s$": "SGD", "sgd": "SGD", "r$": "BRL", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
    "¥": "JPY", "jpy": "JPY", "cny": "CNY", "rmb": "CNY", "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR",
    "chf": "CHF", "₴": "UAH", "uah": "UAH", "₽": "RUB", "rub": "RUB", "₩": "KRW", "₺": "TRY", "zł": "PLN",
    "pln": "PLN",
}
_CURRENCY_WORDS = {
    "dollars": "USD", "dollar": "USD", "us dollars": "USD", "u.s. dollars": "USD", "australian dollars": "AUD",
    "canadian dollars": "CAD", "euros": "EUR", "euro": "EUR", "pounds": "GBP", "pounds sterling": "GBP",
    "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupees": "INR", "rupee": "INR",
    "roubles": "RUB", "rubles": "RUB", "hryvnias": "UAH", "hryvnia": "UAH", "hryvnas": "UAH",
    "swiss francs": "CHF", "francs": "CHF", "zlotys": "PLN", "zloty": "PLN", "won": "KRW", "lira": "TRY",
    "usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "cny": "CNY", "inr": "INR", "aud": "AUD",
    "cad": "CAD", "chf": "CHF", "uah": "UAH", "rub": "RUB",
}
_PREFIX = (
    r"(?:US\$|U\.S\.\s?\$|AU\$|A\$|C\$|CA\$|NZ\$|HK\$|S\$|R\$|\$|€|£|¥|₹|₴|₽|₩|₺|"
    r"(?:USD|AUD|CAD|NZD|HKD|SGD|EUR|GBP|JPY|CNY|RMB|INR|CHF|UAH|RUB|PLN|Rs\.?)\s?)"
)
_MONEY_PREFIXED = re.compile(rf"(?<![\w$])(?P<cur>{_PREFIX})(?P<num>{_DIGITS})(?P<scale>{_SCALE})?(?!\w)")
_CURRENCY_WORD = "|".join(re.escape(w) for w in sorted(_CURRENCY_WORDS, key=len, reverse=True))
_MONEY_SUFFIXED = re.compile(
    rf"(?<![\w$€£¥.,])(?P<num>{_NUMBER})(?P<scale>{_SCALE})?\s(?P<cur>{_CURRENCY_WORD})\b", re.IGNORECASE
)

# --- percent and units -----------------------------------------------------------------

_PERCENT = re.compile(
    rf"(?<![\w.,])(?P<num>{_NUMBER})(?:\s?(?P<sign>%)|\s(?P<word>percent|per cent|percentage points?|pc)\b)",
    re.IGNORECASE,
)
_UNIT_NAMES = {
    "km": "km", "kms": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "miles": "mile", "mile": "mile", "metres": "m", "meters": "m", "metre": "m", "meter": "m",
    "cm": "cm", "mm": "mm", "feet": "ft", "ft": "ft", "foot": "ft", "kg": "kg", "kilograms": "kg",
    "kilogrammes": "kg", "kilogram": "kg", "tonnes": "t", "tons": "t", "tonne": "t", "ton": "t",
    "pounds": "lb", "lbs": "lb", "litres": "l", "liters": "l", "litre": "l", "liter": "l",
    "barrels": "barrel", "barrel": "barrel", "hectares": "ha", "hectare": "ha", "acres": "acre", "acre": "acre",
    "square kilometres": "km2", "square kilometers": "km2", "sq km": "km2", "km2": "km2", "km²": "km2",
    "square miles": "mi2", "mph": "mph", "km/h": "km/h", "kph": "km/h", "mw": "MW", "megawatts": "MW",
    "gw": "GW", "gigawatts": "GW", "kwh": "kWh", "mwh": "MWh", "gwh": "GWh", "degrees": "degree",
    "°c": "°C", "°f": "°F", "bcm": "bcm", "cubic metres": "m3", "cubic meters": "m3",
    "years": "year", "year": "year", "months": "month", "month": "month", "weeks": "week", "week": "week",
    "days": "day", "day": "day", "hours": "hour", "hour": "hour", "decades": "decade", "decade": "decade",
    "minutes": "minute",
}
_UNIT_WORD = "|".join(re.escape(u) for u in sorted(_UNIT_NAMES, key=len, reverse=True))
_QUANTITY = re.compile(
    rf"(?<![\w.,$€£¥-])(?P<num>{_NUMBER})(?P<scale>\s(?:million|thousand|billion))?(?:\s|-)?(?P<unit>{_UNIT_WORD})(?![\w²-])",
    re.IGNORECASE,
)
# "45 years old", "a 45-year-old", "aged 45": ages are not claims.
_AGE_AFTER = re.compile(r"^(?:-|\s)?(?:years?|months?)(?:-|\s)old\b|^\s?(?:years?|yrs?)\s(?:of\s)?age\b", re.IGNORECASE)
_DURATION_UNITS = {"year", "month", "week", "day", "hour", "decade", "minute"}


# --- dates -----------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DATE_PATTERNS = [
    # "February 24, 2022", "Wednesday, Jan 28, 2026", "Nov 29-30", "November 29"
    ("mdy", re.compile(
        rf"\b(?:{_WEEKDAY},?\s+)?(?P<month>{_MONTH})\s+(?P<day>{_DAY})(?:\s?[-–]\s?(?P<day2>{_DAY}))?"
        rf"(?:,?\s+(?P<year>{_YEAR}))?(?![\d:])", re.IGNORECASE)),
    # "24 February 2022", "29-30 November"
    ("dmy", re.compile(
        rf"\b(?:{_WEEKDAY},?\s+)?(?P<day>{_DAY})(?:\s?[-–]\s?(?P<day2>{_DAY}))?\s+(?:of\s+)?(?P<month>{_MONTH})"
        rf"(?:,?\s+(?P<year>{_YEAR}))?\b", re.IGNORECASE)),
    ("iso", re.compile(rf"\b(?P<year>{_YEAR})-(?P<mnum>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b")),
    # "February 2023"
    ("my", re.compile(rf"\b(?P<month>{_MONTH})\s+(?:of\s+)?(?P<year>{_YEAR})\b", re.IGNORECASE)),
    # "in February", "since March": a month alone, after a preposition
    ("m", re.compile(
        r"\b(?:in|since|until|till|by|from|during|early|late|mid|of|last|this|next)[\s-](?P<month>"
        r"january|february|march|april|june|july|august|september|october|november|december)\b", re.IGNORECASE)),
    ("weekday", re.compile(rf"\b(?:(?P<rel>last|next|this|on|past)\s+)?(?P<weekday>{_WEEKDAY})\b", re.IGNORECASE)),
    ("deictic", re.compile(r"\b(?P<deictic>today|yesterday|tomorrow|tonight)\b", re.IGNORECASE)),
    ("period", re.compile(
        r"\b(?:earlier\s+|later\s+)?(?P<rel>last|next|this|past)\s+(?P<period>week|weekend|month|year)\b",
        re.IGNORECASE)),
    ("ago", re.compile(
        rf"\b(?P<num>{_NUMBER}|a|an)\s+(?P<period>days?|weeks?|months?|years?)\s+ago\b", re.IGNORECASE)),
]
_FUTURE_AUX = {"will", "'ll", "shall", "wo"}
_FUTURE_VERBS = {"expect", "schedule", "plan", "due"}
_FUTURE = re.compile(r"\b(?:will|'ll|shall|is due to|are due to|is expected to|are expected to|scheduled|upcoming)\b",
                     re.IGNORECASE)

# --- counts ----------------------------------------------------------------------------

_COUNT_NUMBER = re.compile(
    rf"(?<![\w.,$€£¥/:-])(?P<num>{'|'.join(sorted(_VAGUE_NUMBERS, key=len, reverse=True))}|{_NUMBER})"
    rf"(?P<scale>\s(?:million|thousand|billion|trillion))?(?![\w%:/]|[.,]\d|-(?:year|month|week|day)-old)",
    re.IGNORECASE,
)
# Modifiers that say nothing about what is counted.
_GENERIC_MODIFIERS = {
    "other", "more", "new", "additional", "further", "extra", "some", "several", "many", "such", "same",
    "last", "first", "next", "few", "total", "least", "only", "about", "around", "nearly", "almost",
    "all", "both", "each", "every", "recent", "different", "various", "own", "estimated", "separate",
}
_MEMBER_WORDS = {"member", "ally", "member state", "member country", "member nation", "state member"}
_MEMBER_COMPOUND = {"nation", "member", "country", "state", "strong"}  # "30-nation alliance"
_GENERIC_OWNERS = {"alliance", "organization", "organisation", "bloc", "union", "coalition", "group", "body", "club"}
_PERSON_NOUNS = {
    "person", "people", "civilian", "resident", "child", "soldier", "troop", "adult", "woman", "man",
    "citizen", "victim", "passenger", "worker", "casualty", "fighter", "serviceman", "student", "patient",
}
_PLURAL_PEOPLE = {"people": "person", "persons": "person", "children": "child", "men": "man", "women": "woman"}
_CASUALTY_VERBS = {
    "kill": "killed", "die": "killed", "slay": "killed", "murder": "killed", "execute": "killed",
    "injure": "injured", "wound": "injured", "hurt": "injured", "maim": "injured",
    "evacuate": "evacuated", "displace": "displaced", "arrest": "arrested", "detain": "detained",
    "rescue": "rescued", "missing": "missing",
}
_CASUALTY_NOUNS = {"death": "killed", "fatality": "killed", "casualty": "casualties", "injury": "injured"}
# A noun after "one" that makes an idiom, not a count: "would one day become members".
_IDIOM_AFTER_ONE = {"day", "time", "way", "side", "hand", "another", "thing", "point"}
# Plurals whose lemma means something else ("arms" are weapons, not limbs).
_KEEP_PLURAL = {"arms", "forces", "troops", "funds", "goods", "savings", "means", "headquarters", "taxes"}
# People counted in a casualty report are one subject whatever the story calls them.
_ANY_PERSON = {"person", "civilian", "resident", "citizen", "victim", "inhabitant", "people", "death", "fatality"}
_RATIO_BEFORE = re.compile(
    rf"\b(?:\d+|{_WORD_NUMBER})\s+(?:out\s+)?(?:of|in)\s+(?:every\s+)?$", re.IGNORECASE
)
_LIST_NUMBER = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|[•*-])\s")


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    kind: str
    value: Decimal | None
    unit: str
    qualifier: str
    subject: str = ""
    date_value: date | None = None


def parse_number(text: str) -> Decimal | None:
    """Read "1,200", "1.2", "twenty-five", "a dozen" or "dozens" as a Decimal."""
    cleaned = text.strip().lower()
    if cleaned in _VAGUE_NUMBERS:
        return Decimal(_VAGUE_NUMBERS[cleaned])
    if cleaned in _WORD_NUMBERS:
        return Decimal(_WORD_NUMBERS[cleaned])
    if "-" in cleaned:
        tens, _, unit = cleaned.partition("-")
        if tens in _WORD_NUMBERS and unit in _WORD_NUMBERS:
            return Decimal(_WORD_NUMBERS[tens] + _WORD_NUMBERS[unit])
    try:
        return Decimal(cleaned.replace(",", ""))
    except InvalidOperation:
        return None


def _scaled(number: str, scale: str | None) -> Decimal | None:
    value = parse_number(number)
    if value is None:
        return None
    if scale:
        value *= _SCALES[scale.strip().lower()]
    # Normalise "45000000000.0" and "4.5E+10" alike to a plain integer where exact.
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _qualifier_before(text: str, start: int) -> tuple[int, str]:
    """The qualifier just before a number ("about", "more than") and where it starts."""
    m = _QUALIFIER_BEFORE.search(text, max(0, start - 24), start)
    if not m:
        return start, "exact"
    return m.start("q"), _QUALIFIERS[m.group("q").lower()]


_QUALIFIER_AFTER = re.compile(
    r"^\s+or\s+(?P<q>more|greater|higher|above|over|less|fewer|lower|below|under)\b", re.IGNORECASE
)


def _qualifier_after(text: str, end: int) -> tuple[int, str | None]:
    """A bound written after the number: "$200 or less", "$100,000 or more"."""
    m = _QUALIFIER_AFTER.match(text[end : end + 16])
    if not m:
        return end, None
    bound = "at_least" if m.group("q").lower() in ("more", "greater", "higher", "above", "over") else "at_most"
    return end + m.end(), bound


_NAME_WORD_BEFORE = re.compile(r"(?:^|[\s(])(?P<word>[A-Z][\w.&'-]*)\s+$")


def _in_a_name(text: str, start: int) -> bool:
    """Whether a capitalised date word continues a name: "USA Today", "Fox News Sunday".

    The word before is capitalised and does not start a sentence.
    """
    m = _NAME_WORD_BEFORE.search(text, max(0, start - 30), start)
    if not m:
        return False
    before = text[: m.start("word")].rstrip()
    starts_sentence = not before or before[-1] in ".!?\"“”'‘’:\n"
    return not starts_sentence and m.group("word").lower().rstrip(".") not in _MONTHS


# --- dates -----------------------------------------------------------------------------


def _month_delta(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, 1)


def _nearest_year(month: int, day: int, published: date) -> date | None:
    """The month and day in the year that puts them closest to the publication date."""
    best = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((candidate - published).days) < abs((best - published).days):
            best = candidate
    return best


def _resolve_weekday(weekday: int, rel: str, future: bool, published: date) -> date:
    if rel == "next" or (rel != "last" and future):
        ahead = (weekday - published.weekday()) % 7 or 7
        if rel == "next" and ahead < 7 and not future:
            ahead = ahead  # "next Wednesday" written on a Monday: this coming Wednesday
        return published + timedelta(days=ahead)
    back = (published.weekday() - weekday) % 7
    if rel == "last" and back == 0:
        back = 7
    return published - timedelta(days=back)


def _dates(text: str, future_at, published: date | None) -> list[_Found]:
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(m: re.Match, unit: str, day: date | None, group: str | int = 0) -> None:
        taken.append((m.start(group), m.end(group)))
        found.append(_Found(m.start(group), m.end(group), "date", None, unit, "exact", "", day))

    for name, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            g = m.groupdict()
            future = future_at(m.start())
            if name in ("mdy", "dmy", "iso"):
                month = int(g["mnum"]) if g.get("mnum") else _MONTHS[g["month"].lower().rstrip(".")]
                day_number = int(re.match(r"\d+", g["day"]).group())
                if name == "mdy" and g["month"].lower().rstrip(".") == "may" and not g["year"]:
                    # "may 5" is more often the verb than the month without a capital.
                    if not g["month"][0].isupper():
                        continue
                try:
                    if g.get("year"):
                        day = date(int(g["year"]), month, day_number)
                    else:
                        day = _nearest_year(month, day_number, published) if published else None
                except ValueError:
                    continue
                add(m, "date", day)
            elif name == "my":
                if g["month"].lower().rstrip(".") == "may" and not g["month"][0].isupper():
                    continue
                add(m, "month", date(int(g["year"]), _MONTHS[g["month"].lower().rstrip(".")], 1))
            elif name == "m":
                if not g["month"][0].isupper():
                    continue
                month = _MONTHS[g["month"].lower()]
                day = None
                if published:
                    year = published.year
                    if future and month < published.month:
                        year += 1
                    elif not future and month > published.month:
                        year -= 1
                    day = date(year, month, 1)
                add(m, "month", day, "month")
            elif name == "weekday":
                if not g["weekday"][0].isupper() or (not g["rel"] and _in_a_name(text, m.start())):
                    continue  # "Fox News Sunday"
                rel = (g["rel"] or "").lower()
                if rel in ("on", "this", "past"):
                    rel = "last" if rel == "past" else ""
                future = future or rel == "next"
                day = _resolve_weekday(_WEEKDAYS[g["weekday"].capitalize()], rel, future, published) if published else None
                add(m, "date", day)
            elif name == "deictic":
                if _in_a_name(text, m.start()):
                    continue  # "USA Today", "the Today show"
                word = g["deictic"].lower()
                shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
                add(m, "date", published + timedelta(days=shift) if published else None)
            elif name == "period":
                rel, period = g["rel"].lower(), g["period"].lower()
                step = {"last": -1, "past": -1, "next": 1, "this": 0}[rel]
                day = None
                if published:
                    if period in ("week", "weekend"):
                        monday = published - timedelta(days=published.weekday())
                        day = monday + timedelta(weeks=step)
                        if period == "weekend":
                            day += timedelta(days=5)
                    elif period == "month":
                        day = _month_delta(published, step)
                    else:
                        day = date(published.year + step, 1, 1)
                unit = {"weekend": "date"}.get(period, period)
                add(m, unit, day)
            elif name == "ago":
                amount = 1 if g["num"].lower() in ("a", "an") else parse_number(g["num"])
                if amount is None:
                    continue
                period = g["period"].lower().rstrip("s")
                amount = int(amount)
                day = None
                if published:
                    if period == "day":
                        day = published - timedelta(days=amount)
                    elif period == "week":
                        day = published - timedelta(weeks=amount)
                        day -= timedelta(days=day.weekday())
                    elif period == "month":
                        day = _month_delta(published, -amount)
                    else:
                        day = date(published.year - amount, 1, 1)
                add(m, "date" if period == "day" else period, day)
    return found


# --- counts ----------------------------------------------------------------------------


def _noun_lemma(token: Token) -> str:
    word = token.lower_
    if word in _KEEP_PLURAL:
        return word
    if word in _PLURAL_PEOPLE:
        return _PLURAL_PEOPLE[word]
    lemma = token.lemma_.lower() if token.lemma_ else word
    return "person" if lemma == "people" else lemma


def _modifier_words(token: Token) -> list[str]:
    words = []
    for child in token.lefts:
        if child.dep_ not in ("compound", "amod", "nmod") or child.lower_ in _GENERIC_MODIFIERS or child.like_num:
            continue
        if child.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
            continue
        if child.lower_.rstrip(".") in _MONTHS or child.text.capitalize() in _WEEKDAYS:
            continue  # "the Nov 29-30 meeting": the date is the claim, not what it is about
        if any(c.like_num for c in child.subtree) or child.pos_ not in ("NOUN", "PROPN", "ADJ"):
            continue
        words.extend(_modifier_words(child))
        words.append(child.lemma_.lower() if child.pos_ == "NOUN" else child.lower_)
    return words


def _phrase(noun: Token) -> list[str]:
    """The counted noun with the modifiers that say what it is: "Kherson city resident"."""
    return _modifier_words(noun) + [_noun_lemma(noun)]


def _dominant_org(doc: Doc) -> str:
    orgs = Counter(ent.text for ent in doc.ents if ent.label_ == "ORG")
    return orgs.most_common(1)[0][0].lower() if orgs else ""


def _owner(noun: Token, dominant_org: str) -> str:
    """Who the counted things belong to: "members of NATO", "NATO's members", "its members"."""
    for child in noun.children:
        if child.dep_ == "poss":
            if child.pos_ == "PRON":
                return dominant_org
            return child.lower_.removesuffix("'s").removesuffix("’s")
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    if pobj.pos_ == "PROPN":
                        return " ".join(t.lower_ for t in pobj.subtree if t.pos_ == "PROPN")
                    if pobj.lemma_.lower() in _GENERIC_OWNERS:
                        return dominant_org
    return ""


def _casualty(noun: Token) -> str:
    """The event a count of people is about: "15 residents were killed" -> "killed"."""
    lemma = _noun_lemma(noun)
    if lemma in _CASUALTY_NOUNS:
        return _CASUALTY_NOUNS[lemma]
    if lemma not in _PERSON_NOUNS:
        return ""
    head = noun.head
    # "the deaths of 25 people"
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _CASUALTY_NOUNS:
        return _CASUALTY_NOUNS[head.head.lemma_.lower()]
    if noun.dep_ in ("dobj", "nsubjpass", "nsubj", "conj") and head.pos_ in ("VERB", "ADJ"):
        return _CASUALTY_VERBS.get(head.lemma_.lower(), "")
    return ""


def _subject_for_count(noun: Token, dominant_org: str) -> tuple[str, str]:
    """(unit, subject) for a count of this noun."""
    words = _phrase(noun)
    unit = words[-1]
    joined = " ".join(words)
    for member in sorted(_MEMBER_WORDS, key=len, reverse=True):
        if joined.endswith(member):
            words, unit = ["member"], "member"
            break
    event = _casualty(noun)
    if event and unit in _ANY_PERSON:
        # "15 civilians were killed", "the deaths of 15 people", "15 deaths": one fact.
        return "person", f"person {event}"
    owner = _owner(noun, dominant_org)
    parts = ([owner] if owner and owner not in words else []) + words + ([event] if event and event not in words else [])
    return unit, " ".join(parts)


def _member_count_subject(noun: Token, dominant_org: str) -> str:
    """"the 30-nation security organization": 30 members of the organisation."""
    org = noun.head
    while org.dep_ == "compound" and org.head.i > org.i:
        org = org.head
    if org.pos_ == "PROPN":
        owner = " ".join(t.lower_ for t in org.subtree if t.pos_ == "PROPN")
    else:
        owner = dominant_org
    return f"{owner} member".strip()


def _count_noun(number_tokens: list[Token]) -> Token | None:
    """The noun a number counts, or None when the number stands alone."""
    last = number_tokens[-1]
    first = number_tokens[0]
    # "dozens of deaths", "tens of thousands of people"
    if last.lower_ in _VAGUE_NUMBERS or last.lower_ in ("hundreds", "thousands", "millions", "dozens"):
        nxt = last.nbor(1) if last.i + 1 < len(last.doc) else None
        if nxt is not None and nxt.lower_ == "of" and nxt.i + 1 < len(last.doc):
            objects = [c for c in nxt.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
            if objects:
                return objects[0]  # "hundreds of coal-fired power plants" -> plants
            for t in last.doc[nxt.i + 1 : min(len(last.doc), nxt.i + 6)]:
                if t.pos_ in ("NOUN", "PROPN") and not (t.i + 1 < len(t.doc) and t.nbor(1).pos_ == "NOUN"
                                                         and t.nbor(1).dep_ != "conj"):
                    return t
                if t.pos_ not in ("ADJ", "DET", "NOUN", "PROPN", "NUM", "PUNCT"):
                    break
        return None
    head = last.head
    if last.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and head.i > last.i and head.pos_ in ("NOUN", "PROPN"):
        # "30-nation security organization": the hyphenated compound counts members.
        if head.i == last.i + 2 and last.nbor(1).text == "-" and head.lower_ in _MEMBER_COMPOUND:
            return head
        # Skip over compounds to the head noun: "15 Kherson city residents".
        noun = head
        while noun.dep_ == "compound" and noun.head.i > noun.i and noun.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head
        return noun
    # A number right before its noun that the parser attached elsewhere.
    if last.i + 1 < len(last.doc):
        nxt = last.nbor(1)
        if nxt.pos_ == "NOUN" and nxt.tag_ in ("NNS", "NNPS") and first.lower_ not in ("one",):
            noun = nxt
            while noun.dep_ == "compound" and noun.head.i > noun.i and noun.head.pos_ == "NOUN":
                noun = noun.head
            return noun
    return None


def _elliptic_count_noun(number: Token) -> Token | None:
    """"15 residents were killed and 35 injured": 35 counts the residents of the first clause."""
    verb = number.head
    if number.dep_ not in ("nsubj", "nsubjpass", "dobj") or verb.dep_ != "conj":
        return None
    first = verb.head
    for child in first.children:
        if child.dep_ in ("nsubjpass", "nsubj", "dobj") and child.pos_ in ("NOUN", "PROPN"):
            if any(c.like_num for c in child.children):
                return child
    return None


def _counts(doc: Doc, text: str, taken: list[tuple[int, int]], dominant_org: str) -> list[_Found]:
    found: list[_Found] = []
    for m in _COUNT_NUMBER.finditer(text):
        start, end = m.start(), m.end()
        if any(not (end <= s or start >= e) for s, e in taken):
            continue
        number = m.group("num").lower()
        line_start = text.rfind("\n", 0, start) + 1
        if _LIST_NUMBER.match(text[line_start:]) and start - line_start < 4:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        tokens = list(span)
        last = tokens[-1]
        if any(t.ent_type_ in ("TIME", "ORDINAL") for t in tokens):
            continue
        if re.fullmatch(_YEAR, number) and not m.group("scale"):
            # A year is not a count; "2000 people" written without a comma still is.
            nxt = last.nbor(1) if last.i + 1 < len(doc) else None
            if nxt is None or nxt.tag_ not in ("NNS", "NNPS") or _noun_lemma(nxt) not in _PERSON_NOUNS | {"troops"}:
                continue  # "2005 levels", "1990 prices"
        # "Article 5", "F-16", "Patriot PAC-3": a number after a name is part of the name.
        before = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
        if before is not None and (
            before.text == "-"
            or (before.pos_ == "PROPN" and (tokens[0].head == before or before.lower_.rstrip(".") not in _MONTHS))
        ):
            continue  # "Article 5", "SiriusXM Patriot 125"
        if text[end : end + 1] == "-" and not re.match(r"-(?:nation|member|country|state|strong)\b", text[end:]):
            continue  # "25-year-old", "3-2"
        noun = _count_noun(tokens)
        elliptic = False
        if noun is None:
            noun = _elliptic_count_noun(last)
            elliptic = noun is not None
        if noun is None:
            continue
        if number == "one" and _noun_lemma(noun) not in _PERSON_NOUNS:
            continue  # "one day", "one of", "one sort or another", "one headline": rarely a figure
        if _RATIO_BEFORE.search(text, max(0, start - 24), start):
            continue  # "one of every nine voters", "eight of 10 voters", "one in five": a ratio
        if noun.lemma_.lower() in _DURATION_UNITS or noun.lower_ in ("year", "years", "percent"):
            continue
        q_start, qualifier = _qualifier_before(text, start)
        value = _scaled(number, m.group("scale"))
        if value is None:
            continue
        if number in _VAGUE_NUMBERS:
            qualifier = "vague"
        unit, subject = _subject_for_count(noun, dominant_org)
        scale_word = noun.lower_.rstrip("s")
        if noun.i > last.i and scale_word in ("thousand", "million", "billion", "trillion"):
            # "hundreds of billions of dollars": the amount is the vague number times the scale
            rest = doc[noun.i + 1 : noun.i + 3]
            if len(rest) == 2 and rest[0].lower_ == "of" and rest[1].lower_ in _CURRENCY_WORDS:
                value *= _SCALES[scale_word]
                noun = rest[1]
        currency = _CURRENCY_WORDS.get(noun.lower_) if noun.i > last.i else None
        if currency:
            # "millions of dollars", "500 dollars" said in words: money, not a count of dollars
            claim_end = noun.idx + len(noun.text)
            found.append(_Found(q_start, claim_end, "money", value, currency, qualifier))
            taken.append((q_start, claim_end))
            continue
        hyphenated = noun.i == last.i + 2 and last.nbor(1).text == "-" and noun.lower_ in _MEMBER_COMPOUND
        if hyphenated:
            unit, subject = "member", _member_count_subject(noun, dominant_org)
        if elliptic:
            event = _CASUALTY_VERBS.get(last.head.lemma_.lower(), last.head.lemma_.lower())
            base = subject.rsplit(" ", 1)[0] if _casualty(noun) else subject
            subject = f"{base} {event}"
            claim_end = end
        else:
            claim_end = noun.idx + len(noun.text) if noun.i > last.i and noun.i - last.i <= 6 else end
        # "all 30 member states": the total is part of the claim.
        all_before = re.search(r"\ball\s+$", text[max(0, q_start - 4) : q_start])
        if all_before:
            q_start -= len(all_before.group())
        found.append(_Found(q_start, claim_end, "count", value, unit, qualifier, subject))
        taken.append((q_start, claim_end))
    return found


# --- money, percent, quantities ----------------------------------------------------------


def _governed_subject(doc: Doc, start: int, end: int, dominant_org: str) -> str:
    """What an amount is about: "$45 billion in arms" -> "arm", "a $53 million package" -> "package"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return ""
    root = span.root
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "for", "of", "on") and child.i >= span.end:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN"):
                    return " ".join(_phrase(pobj))
    head = root.head
    # "a budget of $12 million", "losses of 5 percent"
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and head.head.i < span.start:
        return " ".join(_phrase(head.head))
    if root.dep_ in ("nummod", "compound", "amod", "nmod", "quantmod") and head.pos_ in ("NOUN", "PROPN") and head.i >= span.end:
        noun = head
        while noun.dep_ == "compound" and noun.head.i > noun.i:
            noun = noun.head
        return " ".join(_phrase(noun))
    # "military support ... was worth about AU$730 million": the subject of the clause.
    verb = root.head
    while verb.dep_ in ("acomp", "pobj", "prep", "xcomp", "dobj", "attr") and verb.head != verb:
        verb = verb.head
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN") and child.i < span.start:
            return " ".join(_phrase(child))
    return ""


def _anchor_subject(doc: Doc, start: int, end: int, parsed: bool) -> str:
    """What a date or a duration is attached to: "the Nov 29-30 meeting" -> "meeting",
    "the invasion ... on February 24, 2022" -> "invasion", "vowed on Friday" -> "vow"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or not parsed:
        return ""
    root = span.root
    head = root.head
    if root.dep_ == "prep":  # "on Friday", the preposition included
        pass
    elif root.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif root.dep_ in ("compound", "nmod", "amod", "nummod") and head.i >= span.end and head.pos_ in ("NOUN", "PROPN"):
        pass
    elif root.dep_ not in ("npadvmod", "tmod", "advmod", "pobj"):
        return ""
    if head.pos_ == "NOUN":
        return " ".join(_phrase(head))
    if head.pos_ == "VERB":
        return head.lemma_.lower()
    return ""


def _money(text: str) -> list[_Found]:
    found = []
    for pattern in (_MONEY_PREFIXED, _MONEY_SUFFIXED):
        for m in pattern.finditer(text):
            cur = m.group("cur").strip().lower().replace(" ", "")
            code = _CURRENCY_PREFIXES.get(cur) or _CURRENCY_WORDS.get(m.group("cur").lower())
            if code is None:
                continue
            value = _scaled(m.group("num"), m.group("scale"))
            if value is None:
                continue
            q_start, qualifier = _qualifier_before(text, m.start())
            found.append(_Found(q_start, m.end(), "money", value, code, qualifier))
    return found


def _percents(text: str) -> list[_Found]:
    found = []
    for m in _PERCENT.finditer(text):
        value = parse_number(m.group("num"))
        if value is None:
            continue
        unit = "point" if (m.group("word") or "").lower().startswith("percentage point") else "percent"
        q_start, qualifier = _qualifier_before(text, m.start())
        found.append(_Found(q_start, m.end(), "percent", value, unit, qualifier))
    return found


def _quantities(text: str) -> list[_Found]:
    found = []
    for m in _QUANTITY.finditer(text):
        unit = _UNIT_NAMES[m.group("unit").lower()]
        rest = text[m.end() : m.end() + 12]
        if unit in _DURATION_UNITS:
            if re.match(r"\s?(?:-|\s)?old\b|\s+ago\b|\s+(?:of\s+)?age\b", rest) or _AGE_AFTER.match(text[m.start("unit") - 1 :]):
                continue
            if m.group("num").lower() == "one" and unit == "day":
                continue  # "would one day become members"
        if unit == "m" and m.group("unit") == "m":
            continue  # "10m" alone is millions as often as metres
        value = _scaled(m.group("num"), (m.group("scale") or "").strip() or None)
        if value is None:
            continue
        q_start, qualifier = _qualifier_before(text, m.start())
        if unit in _DURATION_UNITS and text[q_start : m.start()].strip().lower() in ("over", "under"):
            q_start, qualifier = m.start(), "exact"  # "$84 billion over 10 years": across, not more than
        found.append(_Found(q_start, m.end(), "quantity", value, unit, qualifier, unit))
    return found


# --- putting it together ---------------------------------------------------------------


def _overlaps(a: _Found, taken: list[tuple[int, int]]) -> bool:
    return any(not (a.end <= s or a.start >= e) for s, e in taken)


def _said_in(quote: QuoteResult, item: _Found) -> bool:
    """Whether a number lies in the quoted words: for a split quote (“We will,” he said on
    Friday, “stay.”), inside one of its parts, not in the attribution between them."""
    pieces = quote.parts or [quote]
    return any(p.start <= item.start and item.end <= p.end for p in pieces)


def _with_bound_after(text: str, item: _Found) -> _Found:
    if item.kind == "date":
        return item
    end, bound = _qualifier_after(text, item.end)
    if bound is None:
        return item
    return replace(item, end=end, qualifier=bound)


def find_claims(
    doc: Doc, *, published: date | None = None, quotes: Sequence[QuoteResult] = ()
) -> list[ClaimResult]:
    """Every numeric claim in the doc, in text order, with its speaker when inside a quote."""
    text = doc.text
    if not text.strip():
        return []
    # has_annotation walks every token: ask once per doc, not once per number.
    has_sents = doc.has_annotation("SENT_START")
    parsed = doc.has_annotation("DEP")
    dominant_org = _dominant_org(doc)

    def sentence_span(offset: int) -> tuple[int, int]:
        if has_sents:
            span = doc.char_span(offset, offset + 1, alignment_mode="expand")
            if span is not None and len(span):
                sent = span[0].sent
                return sent.start_char, sent.end_char
        start = text.rfind("\n", 0, offset) + 1
        end = text.find("\n", offset)
        return start, len(text) if end < 0 else end

    def future_at(offset: int) -> bool:
        """Whether the clause a date belongs to speaks of the future ("will host ... on Thursday")."""
        span = doc.char_span(offset, offset + 1, alignment_mode="expand")
        if not parsed or span is None or not len(span):
            s, e = sentence_span(offset)
            return bool(_FUTURE.search(text[s:e]))
        verb = span[0]
        for _ in range(8):
            if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
                break
            verb = verb.head
        while True:
            if verb.lemma_.lower() in _FUTURE_VERBS or any(
                c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX for c in verb.children
            ):
                return True
            if verb.dep_ not in ("xcomp", "conj") or verb.head == verb:
                return False
            verb = verb.head

    taken: list[tuple[int, int]] = []
    found: list[_Found] = []
    # Order matters: money before percent before quantities before dates before counts, so
    # "$45 billion" is never also counted as 45 of something.
    for group in (_money(text), _percents(text), _quantities(text), _dates(text, future_at, published)):
        for item in sorted(group, key=lambda f: (f.start, -(f.end - f.start))):
            if not _overlaps(item, taken):
                found.append(item)
                taken.append((item.start, item.end))
    found.extend(_counts(doc, text, taken, dominant_org))  # doc.text re-joins every token: pass it
    found = [_with_bound_after(text, item) for item in found]

    claims = []
    for item in sorted(found, key=lambda f: f.start):
        subject = item.subject
        if item.kind in ("money", "percent") and not subject:
            subject = _governed_subject(doc, item.start, item.end, dominant_org)
        elif item.kind == "quantity" and item.unit not in _DURATION_UNITS:
            # "1,200 tonnes of grain" -> "grain"; "The convoy was 64 km long" -> "convoy"
            subject = _governed_subject(doc, item.start, item.end, dominant_org) or subject
        elif item.kind == "date" or (item.kind == "quantity" and item.unit in _DURATION_UNITS):
            anchor = _anchor_subject(doc, item.start, item.end, parsed)
            subject = f"{anchor} {subject}".strip() if anchor and subject else anchor or subject
        s, e = sentence_span(item.start)
        quote_index = next((i for i, q in enumerate(quotes) if _said_in(q, item)), None)
        claims.append(
            ClaimResult(
                text=text[item.start : item.end],
                start=item.start,
                end=item.end,
                kind=item.kind,
                value=item.value,
                unit=item.unit,
                subject=subject,
                sentence=text[s:e].strip(),
                qualifier=item.qualifier,
                date_value=item.date_value,
                speaker=quotes[quote_index].speaker if quote_index is not None else None,
                quote_index=quote_index,
            )
        )
    return claims


__all__ = ["find_claims", "parse_number"]

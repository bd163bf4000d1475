"""Values as people read them: "US$45 billion", "24 February 2022", "30 countries".

Claims store a value for comparison (an exact decimal, an ISO 4217 code, a counted noun's
lemma, a calendar day); reviewers read the figure as a newspaper prints it, and see the
stored value on hover. Every page of the admin formats through here, so a figure reads the
same on the claim list, the article page, the group page and in history. Numbers and dates
follow CLDR's English through Babel; currency symbols are the British English ones, which
tell dollars apart ("US$", "A$", "CA$").
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import get_currency_symbol

from claims.extraction.types import TIME_LOCAL, TIME_UTC

LOCALE = "en"
CURRENCY_LOCALE = "en_GB"

_QUALIFIER_WORDS = {"approximate": "about", "at_least": "at least", "at_most": "at most"}
_IRREGULAR_PLURALS = {"person": "people", "child": "children", "man": "men", "woman": "women", "foot": "feet",
                      "mouse": "mice", "tooth": "teeth", "life": "lives", "wife": "wives", "analysis": "analyses",
                      "crisis": "crises", "criterion": "criteria", "medium": "media", "datum": "data"}
# Units written as symbols or abbreviations take no plural ("30 km", "5 kg").
_SYMBOL_UNIT = re.compile(r"^(?:[a-zA-Z]{1,3}\d?|[^a-zA-Z ]+.*|.*[/²³°].*)$")
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d{2}\b")


def plural(noun: str, count: Decimal | int | float | None) -> str:
    """The counted noun for a count: "1 country", "30 countries", "2 people"."""
    if count is not None and abs(Decimal(str(count))) == 1:
        return noun
    words = noun.split(" ")
    last = words[-1]
    lower = last.lower()
    if lower in _IRREGULAR_PLURALS:
        last = _IRREGULAR_PLURALS[lower]
    elif lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        pass  # kept plural by extraction: "troops", "arms"
    elif re.search(r"[^aeiou]y$", lower):
        last = last[:-1] + "ies"
    elif lower.endswith(("s", "x", "z", "ch", "sh")):
        last += "es"
    else:
        last += "s"
    return " ".join([*words[:-1], last])


_SCALES = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))


def number_text(value: Decimal | int | float) -> str:
    """1,500 / 12.5 / 45 billion / 45.2 billion: millions and up in words, as papers print
    them, to two decimals at most (the stored value is on hover). English grouping and
    decimal point, as CLDR's English; written here rather than through Babel's compact
    formatting, which cost a quarter of a millisecond a value (13 ms on a page of claims)."""
    value = Decimal(str(value))
    for scale, word in _SCALES:
        if abs(value) >= scale:
            return f"{plain_number(value / scale, places=2)} {word}"
    return plain_number(value)


def plain_number(value: Decimal, places: int | None = None) -> str:
    """12,000,000 / 12.5: grouped, no trailing zeros."""
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    text = f"{value:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@lru_cache(maxsize=512)
def currency_symbol(code: str) -> str:
    return get_currency_symbol(code, locale=CURRENCY_LOCALE)


def money_text(value: Decimal, currency: str) -> str:
    symbol = currency_symbol(currency) if currency else ""
    amount = number_text(value)
    if not symbol:
        return amount
    return f"{symbol} {amount}" if symbol == currency else f"{symbol}{amount}"


def date_text(day: date, unit: str = "date", end: date | None = None) -> str:
    """24 February 2022 / February 2022 / 2022 / the week of 21 November 2022 / 29–30 November 2022."""
    if unit == "year":
        return str(day.year)
    if unit == "month":
        return format_date(day, "MMMM y", locale=LOCALE)
    if unit == "week":
        return "the week of " + format_date(day, "d MMMM y", locale=LOCALE)
    if end and end != day:
        if (end.year, end.month) == (day.year, day.month):
            return f"{day.day}\u2013{format_date(end, 'd MMMM y', locale=LOCALE)}"
        return f"{format_date(day, 'd MMMM y', locale=LOCALE)} \u2013 {format_date(end, 'd MMMM y', locale=LOCALE)}"
    return format_date(day, "d MMMM y", locale=LOCALE)


# Times of day are stored as minutes after midnight, in UTC where the text names a zone,
# else on the story's own clock.
_TIME_OF_DAY = {TIME_UTC: "UTC", TIME_LOCAL: "local time"}


def time_text(minutes: Decimal, unit: str) -> str:
    """A time of day as a 24-hour clock: "13:36 UTC", "09:15 local time"."""
    hours, mins = divmod(int(minutes) % (24 * 60), 60)
    return f"{hours:02d}:{mins:02d} {_TIME_OF_DAY[unit]}"


def value_text(*, kind: str, value: Decimal | None, unit: str, qualifier: str = "exact",
               date_value: date | None = None, date_end: date | None = None) -> str:
    """A claim's value as a reader would say it, or "" when it has none (an unresolved date)."""
    if kind == "date":
        return date_text(date_value, unit, date_end) if date_value else ""
    if value is None:
        return ""
    if kind == "money":
        text = money_text(value, unit)
    elif unit in _TIME_OF_DAY:
        text = time_text(value, unit)
    elif kind == "percent" or unit == "percent":
        text = number_text(value) + "%"
    elif unit:
        noun = unit if _SYMBOL_UNIT.match(unit) else plural(unit, value)
        text = f"{number_text(value)} {noun}"
    else:
        text = number_text(value)
    words = _QUALIFIER_WORDS.get(qualifier)
    return f"{words} {text}" if words else text


def exact_text(*, kind: str, value: Decimal | None, unit: str, date_value: date | None = None,
               date_end: date | None = None) -> str:
    """The stored value, for the hover: "45000000000 USD", "2022-02-24", "2022-11-29 to 2022-11-30"."""
    if kind == "date":
        if not date_value:
            return "no date stored"
        text = date_value.isoformat()
        return f"{text} to {date_end.isoformat()}" if date_end and date_end != date_value else f"{text} ({unit})"
    if value is None:
        return "no value stored"
    exact = format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)
    if unit in _TIME_OF_DAY:
        return f"{exact} minutes after midnight, {_TIME_OF_DAY[unit]}"
    return f"{exact} {unit}".strip()


def claim_value_text(claim) -> str:
    return value_text(kind=claim.kind, value=claim.value, unit=claim.unit, qualifier=claim.qualifier,
                      date_value=claim.date_value, date_end=getattr(claim, "date_end", None))


def claim_exact_text(claim) -> str:
    return exact_text(kind=claim.kind, value=claim.value, unit=claim.unit, date_value=claim.date_value,
                      date_end=getattr(claim, "date_end", None))


def date_resolution_note(claim, published: date | None) -> str:
    """How a date claim got its day, for dates the story gives without a year ("on Friday",
    "Nov 29-30", "10 months ago"): counted from the article's publication date, or left
    unresolved because that date is unknown. "" for dates written in full, and non-dates."""
    if claim.kind != "date" or _YEAR.search(claim.text or ""):
        return ""
    if claim.date_value is None:
        return "not resolved: the article's publication date is unknown"
    if published is None:
        return "counted from a publication date since removed"
    return f"counted from the article's date, {date_text(published)}"


def confidence_text(confidence: float | None) -> str:
    """The matcher's certainty in words: "almost certain (92%)"."""
    if confidence is None:
        return "no estimate"
    percent = round(confidence * 100)
    if confidence >= 0.9:
        words = "almost certain"
    elif confidence >= 0.75:
        words = "fairly sure"
    elif confidence >= 0.5:
        words = "unsure"
    else:
        words = "doubtful"
    return f"{words} ({percent}%)"

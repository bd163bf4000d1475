"""The English names of months and weekdays: the one table the project reads them from.

Taken from CLDR (Babel) rather than typed out, with the abbreviations newsrooms use that
CLDR's English does not list ("Sept"). Cleaning (date lines), the numeric claims (dates)
and the matcher (events' dates) all read these, so a spelling known to one is known to all.
Pure Python: no spaCy, no Django.
"""
from __future__ import annotations

from babel.dates import get_day_names, get_month_names


def _months() -> dict[str, int]:
    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, locale="en").items():
            names[name.lower().rstrip(".")] = number
    names["sept"] = 9  # AP style: "Sept. 9"
    return names


#: "january" -> 1, "jan" -> 1, "sept" -> 9 (lower case, no full stop)
MONTHS: dict[str, int] = _months()
#: "monday" -> 0 ... "sunday" -> 6, as date.weekday() counts
WEEKDAYS: dict[str, int] = {name.lower(): number for number, name in get_day_names("wide", locale="en").items()}
#: Full month names only: "May" and "March" alone are words too often to take abbreviations there.
MONTH_NAMES: dict[str, int] = {
    name.lower(): number for number, name in get_month_names("wide", locale="en").items()
}

#: A month name or abbreviation, with an optional full stop ("Nov.", "Sept."); match ignoring case.
MONTH_PATTERN = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
#: A full month name only ("january" ... "december"); match ignoring case.
FULL_MONTH_PATTERN = r"(?:" + "|".join(MONTH_NAMES) + r")"
#: A full weekday name; match ignoring case.
WEEKDAY_PATTERN = r"(?:" + "|".join(WEEKDAYS) + r")"


def month_number(word: str) -> int | None:
    """1-12 for a month name or abbreviation in any case ("Nov.", "SEPT"), else None."""
    return MONTHS.get(word.lower().rstrip("."))


def is_month_word(word: str) -> bool:
    return word.lower().rstrip(".") in MONTHS


def is_weekday_word(word: str) -> bool:
    return word.lower() in WEEKDAYS


__all__ = [
    "FULL_MONTH_PATTERN", "MONTHS", "MONTH_NAMES", "MONTH_PATTERN", "WEEKDAYS", "WEEKDAY_PATTERN", "is_month_word",
    "is_weekday_word", "month_number",
]

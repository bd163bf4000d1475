"""Values as people read them (claims.readable): the figure as a paper prints it."""
from datetime import date
from decimal import Decimal

import pytest

from claims.readable import date_resolution_note, exact_text, plural, value_text
from tests.factories import ClaimFactory


@pytest.mark.parametrize("kind, value, unit, qualifier, expected", [
    ("money", "45000000000.000000", "USD", "approximate", "about US$45 billion"),
    ("money", "730000000", "AUD", "approximate", "about A$730 million"),
    ("money", "45200000000", "USD", "exact", "US$45.2 billion"),
    ("money", "53000000", "USD", "exact", "US$53 million"),
    ("money", "1200", "EUR", "exact", "€1,200"),
    ("money", "5000000", "CHF", "exact", "CHF 5 million"),
    ("count", "30.000000", "country", "exact", "30 countries"),
    ("count", "1", "country", "exact", "1 country"),
    ("count", "25", "person", "at_least", "at least 25 people"),
    ("count", "54", "troops", "exact", "54 troops"),
    ("count", "2", "air defense system", "at_most", "at most 2 air defense systems"),
    ("percent", "12.500000", "percent", "exact", "12.5%"),
    ("quantity", "30", "km", "exact", "30 km"),
    ("quantity", "5", "tonne", "exact", "5 tonnes"),
    # "at 1336 GMT", "9:15 a.m.": times of day are stored as minutes after midnight.
    ("quantity", "816", "time_utc", "exact", "13:36 UTC"),
    ("quantity", "555", "time_local", "approximate", "about 09:15 local time"),
])
def test_values_read_as_a_paper_prints_them(kind, value, unit, qualifier, expected):
    assert value_text(kind=kind, value=Decimal(value), unit=unit, qualifier=qualifier) == expected


@pytest.mark.parametrize("unit, day, end, expected", [
    ("date", date(2022, 2, 24), None, "24 February 2022"),
    ("month", date(2022, 2, 1), None, "February 2022"),
    ("year", date(2022, 1, 1), None, "2022"),
    ("week", date(2022, 11, 21), None, "the week of 21 November 2022"),
    ("date", date(2022, 11, 29), date(2022, 11, 30), "29\u201330 November 2022"),
])
def test_dates_read_as_day_month_year(unit, day, end, expected):
    assert value_text(kind="date", value=None, unit=unit, date_value=day, date_end=end) == expected


def test_an_unresolved_date_has_no_reading():
    assert value_text(kind="date", value=None, unit="date", date_value=None) == ""


def test_the_exact_value_is_the_stored_one():
    assert exact_text(kind="money", value=Decimal("45000000000.000000"), unit="USD") == "45000000000 USD"
    assert exact_text(kind="date", value=None, unit="date", date_value=date(2022, 2, 24)) == "2022-02-24 (date)"
    assert exact_text(kind="quantity", value=Decimal("816"), unit="time_utc") == "816 minutes after midnight, UTC"


@pytest.mark.parametrize("noun, expected", [("person", "people"), ("policy", "policies"), ("day", "days"),
                                            ("bus", "buses"), ("church", "churches"), ("arms", "arms")])
def test_plural(noun, expected):
    assert plural(noun, 3) == expected


@pytest.mark.django_db
def test_a_date_without_its_year_says_what_it_was_counted_from():
    friday = ClaimFactory(kind="date", text="on Friday", value=None, unit="date", date_value=date(2022, 11, 25))
    assert date_resolution_note(friday, date(2022, 11, 29)) == "counted from the article's date, 29 November 2022"
    unresolved = ClaimFactory(kind="date", text="on Friday", value=None, unit="date", date_value=None)
    assert date_resolution_note(unresolved, None) == "not resolved: the article's publication date is unknown"
    full = ClaimFactory(kind="date", text="February 24, 2022", value=None, unit="date", date_value=date(2022, 2, 24))
    assert date_resolution_note(full, None) == ""

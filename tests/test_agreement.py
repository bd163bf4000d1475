"""Whether the claims of one fact agree, from their own values (claims.agreement)."""
from datetime import date
from decimal import Decimal

import pytest

from claims.agreement import StatedValue, disagreements, established_range, fits, parse_established


def money(text: str, value, qualifier: str = "exact", source: str = "", unit: str = "USD") -> StatedValue:
    return StatedValue(kind="money", unit=unit, value=Decimal(str(value)), date_value=None, qualifier=qualifier,
                       text=text, source=source)


def count(text: str, value, qualifier: str = "exact") -> StatedValue:
    return StatedValue(kind="count", unit="country", value=Decimal(value), date_value=None, qualifier=qualifier,
                       text=text)


def test_45_and_54_billion_disagree_naming_both_sources():
    reasons = disagreements([money("about $45 billion", 45e9, "approximate", "Brussels Post"),
                             money("about $54 billion", 54e9, "approximate", "Copy Desk")])
    assert reasons == ["Brussels Post says “about $45 billion” but Copy Desk says “about $54 billion”"]


def test_rounded_billions_agree_with_a_precise_figure():
    assert disagreements([money("$45 billion", 45e9), money("$45.2 billion", Decimal("45.2e9"))]) == []


def test_small_exact_counts_must_be_equal():
    assert disagreements([count("54 countries", 54), count("50 countries", 50)])
    assert disagreements([count("54 countries", 54), count("54 nations", 54)]) == []


def test_more_than_agrees_with_any_larger_value():
    assert disagreements([count("more than 50 countries", 50, "at_least"), count("54 countries", 54)]) == []
    assert disagreements([count("more than 50 countries", 50, "at_least"), count("40 countries", 40)])


def test_different_currencies_disagree():
    assert disagreements([money("$730 million", 730e6), money("AU$730 million", 730e6, unit="AUD")]) == [
        "the sources state different units (AUD, USD)"
    ]


def test_dates_agree_only_on_the_same_day_and_an_unresolved_one_allows_any():
    day = StatedValue(kind="date", unit="", value=None, date_value=date(2022, 2, 24), qualifier="exact", text="February 24")
    other = StatedValue(kind="date", unit="", value=None, date_value=date(2022, 2, 25), qualifier="exact", text="February 25")
    unknown = StatedValue(kind="date", unit="", value=None, date_value=None, qualifier="exact", text="that Friday")
    assert disagreements([day, other])
    assert disagreements([day, unknown]) == []


def test_three_sources_agree_when_one_value_makes_all_true():
    # about 30 (25-35), 33, about 34 (32.3-35.7): 33 makes all three true.
    assert disagreements([count("about 30", 30, "approximate"), count("33", 33), count("about 34", 34, "approximate")]) == []
    assert disagreements([count("about 30", 30, "approximate"), count("32", 32), count("about 34", 34, "approximate")])


def test_an_established_value_decides_who_is_right():
    established = (Decimal(45e9), Decimal(45e9))
    assert fits(money("about $45 billion", 45e9, "approximate"), established)
    assert not fits(money("about $54 billion", 54e9, "approximate"), established)


def test_the_chosen_claims_range_is_what_they_allow_together():
    low, high = established_range([money("about $45 billion", 45e9, "approximate"), money("$45 billion", 45e9)])
    assert (low, high) == (Decimal("44.5e9"), Decimal("45.5e9"))


@pytest.mark.parametrize(("text", "kind", "expected"), [
    ("45,000,000,000", "number", Decimal("45000000000")), ("4.5", "number", Decimal("4.5")),
    ("2022-02-24", "date", date(2022, 2, 24)),
])
def test_parse_established(text, kind, expected):
    assert parse_established(text, kind=kind) == expected


@pytest.mark.parametrize(("text", "kind", "message"), [
    ("forty-five", "number", "is not a number"), ("24 February", "date", "YYYY-MM-DD"), ("inf", "number", "finite"),
])
def test_parse_established_says_what_is_wrong(text, kind, message):
    with pytest.raises(ValueError, match=message):
        parse_established(text, kind=kind)

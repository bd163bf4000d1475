"""One odd number or date never costs an article its other claims (issue 14, point 4).

A 30-digit amount used to raise decimal.InvalidOperation and a relative date before year 1
OverflowError, failing the whole article. Each mention is now read on its own: the odd one
is skipped (and logged), the rest of the article is extracted as usual.
"""
import logging
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extraction import extract

KINDS = {"count", "money", "percent", "quantity", "date"}


def _claims(result):
    return {(c.kind, c.text): c for c in result.claims}


def test_a_thirty_digit_amount_is_skipped_and_the_rest_of_the_article_kept(nlp):
    text = f"The fund paid ${'9' * 30} billion. Inflation rose to 10 percent, and 15 people were hurt."
    claims = _claims(extract(text, published=date(2022, 11, 25), nlp=nlp))
    assert claims[("percent", "10 percent")].value == Decimal(10)
    assert claims[("count", "15 people")].value == Decimal(15)
    assert not any(kind == "money" for kind, _ in claims)


def test_arabic_indic_digits_are_not_read_as_a_figure(nlp):
    text = "The fund paid $" + "٣" * 30 + " to the 12 families on Friday."
    claims = _claims(extract(text, published=date(2022, 11, 25), nlp=nlp))
    assert claims[("count", "12 families")].value == Decimal(12)
    assert claims[("date", "on Friday")].date_value == date(2022, 11, 25)
    assert not any(kind == "money" for kind, _ in claims)


def test_a_relative_date_before_year_one_is_skipped_logged_and_the_rest_kept(nlp, caplog):
    text = "Ten years ago the town had 300 homes. It spent $5 million last week."
    with caplog.at_level(logging.WARNING, logger="claims.extraction"):
        claims = _claims(extract(text, published=date(1, 1, 5), nlp=nlp))
    assert any("'Ten years ago'" in r.getMessage() for r in caplog.records)
    assert claims[("money", "$5 million")].value == Decimal(5_000_000)
    assert claims[("count", "300 homes")].value == Decimal(300)
    assert ("date", "Ten years ago") not in claims  # year -9 does not exist


def test_dates_near_the_end_of_the_calendar_are_skipped_not_fatal(nlp):
    text = "Officials met next week and will meet again next year. 40 delegates attended."
    claims = _claims(extract(text, published=date(9999, 12, 30), nlp=nlp))
    assert claims[("count", "40 delegates")].value == Decimal(40)


_DIGIT_RUNS = st.text(alphabet=st.characters(categories=["Nd"]), min_size=1, max_size=40)
_ASCII_RUNS = st.text(alphabet="0123456789,.", min_size=1, max_size=40)
_WORDS = st.sampled_from([
    "$", "€", "£", "¥", "C$", "Rs", "US$", "percent", "%", "million", "billion", "bn", "m", "km", "miles", "pounds",
    "tons", "mph", "square", "feet", "-year-old", "years", "ago", "last", "next", "week", "on", "Friday", "May",
    "November", "Nov.", "29-30", "of", "to", "and", "between", "about", "more than", "people", "killed", "in", "the",
    "magnitude", "cents", "p", "a", "dozen", "twenty-five", "Forty", "/", "½", "3/4", ",", ".", "\n", "“", "”", "-",
    "aged", "She was", "times", "four in 10", "points", "1999", "2016-03-15", "11/27/2005", "٣", "߃", "१", "𝟗",
])
_PIECES = st.lists(st.one_of(_DIGIT_RUNS, _ASCII_RUNS, _WORDS, st.text(max_size=8)), min_size=1, max_size=30)
_PUBLISHED = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=_PIECES, published=_PUBLISHED)
def test_random_digits_scripts_and_dates_never_fail_an_article(nlp, pieces, published):
    text = " ".join(pieces)
    result = extract(text, published=published, nlp=nlp)
    for claim in result.claims:
        assert text[claim.start : claim.end] == claim.text
        assert claim.kind in KINDS
        assert 0 <= claim.confidence <= 1
        if claim.value is not None:
            assert claim.value.is_finite() and abs(claim.value) < Decimal(10) ** 21

"""Reading a number as written: digits, words (text2num), scales, fractions."""
from decimal import Decimal

import pytest

from claims.extraction.numbers import parse_number, scaled


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,200", "1200"), ("1.5", "1.5"), ("twenty-five", "25"), ("Forty", "40"), ("two hundred thousand", "200000"),
        ("one hundred and twenty", "120"), ("a dozen", "12"), ("a hundred", "100"), ("dozens", "24"), ("3/4", "0.75"),
        ("1 1/2", "1.5"), ("½", "0.5"), ("2-1/2", "2.5"), ("half a million", "500000"), ("half a dozen", "6"),
    ],
)
def test_numbers_in_digits_words_and_fractions(text, value):
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize(("number", "scale", "value"), [("2.6", "million", "2600000"), ("5", "lakh", "500000"),
                                                        ("500", "crore", "5000000000"), ("4", "M", "4000000"),
                                                        ("2.5", "lakh crore", "2500000000000")])
def test_scales_including_indian_numbering(number, scale, value):
    assert scaled(number, scale) == Decimal(value)


@pytest.mark.parametrize("text", ["9" * 30, "٣٠", "one two", ""])
def test_what_is_no_storable_number_reads_as_none(text):
    assert parse_number(text) is None

"""Money: the amount in the currency's major unit, the ISO 4217 code by CLDR, and how an
ambiguous currency was decided."""
from datetime import date
from decimal import Decimal

import pytest

from claims.extraction.numeric_claims import find_claims


@pytest.fixture
def money_in(nlp):
    def run(text: str, published: date | None = date(2022, 11, 25)):
        return [c for c in find_claims(nlp(text), published=published) if c.kind == "money"]

    return run


@pytest.mark.parametrize(
    ("text", "surface", "value", "code"),
    [
        ("A cup of coffee now costs 50 cents more than last year.", "50 cents", "0.5", "USD"),
        ("A packet of crisps now costs 20p.", "20p", "0.2", "GBP"),
        ("Tickets cost 10 € at the door.", "10 €", "10", "EUR"),
        ("The state will spend $ 14 million on the bridge.", "$ 14 million", "14000000", "USD"),
        ("Ottawa pledged C$ 16 million to the relief effort.", "C$ 16 million", "16000000", "CAD"),
        ("Beijing set aside 2 billion yuan for the dam.", "2 billion yuan", "2000000000", "CNY"),
        ("The deal was valued at 300 million renminbi.", "300 million renminbi", "300000000", "CNY"),
        ("The ministry sanctioned Rs 5 crore for the hospital.", "Rs 5 crore", "50000000", "INR"),
        ("The firm raised 2.6million euros from investors.", "2.6million euros", "2600000", "EUR"),
        ("The bank holds 5 million Swiss francs in gold.", "5 million Swiss francs", "5000000", "CHF"),
        ("Lenders agreed a 110bn-euro rescue for Greece.", "110bn-euro", "110000000000", "EUR"),
        ("He raised $33M in the last quarter.", "$33M", "33000000", "USD"),
        ("The council approved a $1.5-billion budget.", "$1.5-billion", "1500000000", "USD"),
        ("The fund invested RMB 500 million in the port.", "RMB 500 million", "500000000", "CNY"),
        ("The budget gives ₹2.5 lakh crore to roads.", "₹2.5 lakh crore", "2500000000000", "INR"),
    ],
)
def test_amounts_are_in_the_major_unit_with_their_iso_code(money_in, text, surface, value, code):
    [claim] = money_in(text)
    assert (claim.text, claim.value, claim.unit) == (surface, Decimal(value), code)
    assert (claim.base_value, claim.base_unit) == (Decimal(value), code)


def test_francs_in_a_story_about_france_before_the_euro_are_french_francs(money_in):
    text = "The French government in Paris said the bridge would cost 5 million francs."
    [claim] = money_in(text, published=date(1998, 3, 2))
    assert (claim.value, claim.unit) == (Decimal(5_000_000), "FRF")
    assert claim.notes == ["francs: FRF (French in the story)"]


def test_francs_with_no_country_are_read_by_default_and_the_reading_says_so(money_in):
    [claim] = money_in("The fine was 3,000 francs.")
    assert claim.unit == "CHF"
    assert "no country" in claim.notes[0] and claim.confidence < 0.85


def test_pounds_of_weight_are_not_money(money_in):
    assert money_in("The suspect weighs 200 pounds and is 6 feet tall.") == []


def test_pounds_paid_are_british_pounds(money_in):
    [claim] = money_in("The club paid 200 pounds for each ticket.")
    assert (claim.value, claim.unit) == (Decimal(200), "GBP")
    assert "money" in claim.notes[0]


def test_a_range_keeps_both_ends(money_in):
    [claim] = money_in("Dalembert signed a deal worth $60 million to $70 million.")
    assert (claim.text, claim.qualifier, claim.value, claim.value_end) == (
        "$60 million to $70 million", "range", Decimal(60_000_000), Decimal(70_000_000)
    )
    [claim] = money_in("The team paid $140-150 million for the stadium.")
    assert (claim.value, claim.value_end) == (Decimal(140_000_000), Decimal(150_000_000))


def test_a_company_losing_billions_of_pounds_loses_money_not_weight(money_in):
    amounts = money_in("The company lost 3 billion pounds last year, as its shares fell 5 pence.")
    assert [(c.text, c.value, c.unit) for c in amounts] == [
        ("3 billion pounds", Decimal(3_000_000_000), "GBP"), ("5 pence", Decimal("0.05"), "GBP")
    ]
    assert "money" in amounts[0].notes[0]


def test_half_a_million_dollars_is_half_of_it(money_in):
    [claim] = money_in("The charity received half a million dollars in donations.")
    assert (claim.text, claim.value) == ("half a million dollars", Decimal(500_000))


def test_cents_are_of_a_currency_that_has_cents_not_the_yen(money_in):
    amounts = money_in("A ticket costs 10,000 yen, or twenty-five cents more than last year.")
    assert [(c.text, c.value, c.unit) for c in amounts] == [
        ("10,000 yen", Decimal(10_000), "JPY"), ("twenty-five cents", Decimal("0.25"), "USD")
    ]


def test_deutsche_marks_are_the_german_mark(money_in):
    [claim] = money_in("In 1990 the deal was worth 40 million Deutsche marks.", published=date(1990, 5, 1))
    assert (claim.text, claim.value, claim.unit) == ("40 million Deutsche marks", Decimal(40_000_000), "DEM")


def test_two_amounts_joined_by_and_are_two_claims_unless_between(money_in):
    amounts = money_in("The ministry gave 5 lakh rupees to the school and 3 crore rupees to the hospital.")
    assert [(c.text, c.value, c.value_end) for c in amounts] == [
        ("5 lakh rupees", Decimal(500_000), None), ("3 crore rupees", Decimal(30_000_000), None)
    ]
    [claim] = money_in("Repairs will cost between $5 and $7 million.")
    assert (claim.text, claim.qualifier, claim.value, claim.value_end) == (
        "between $5 and $7 million", "range", Decimal(5_000_000), Decimal(7_000_000)
    )


def test_three_top_players_is_not_tongan_money(money_in):
    assert money_in("The team signed three top big men this summer.") == []


def test_a_title_in_capitals_is_not_an_amount(nlp):
    claims = find_claims(nlp("She starred in Million Dollar Mermaid in 1952."), published=None)
    assert [(c.text, c.kind) for c in claims] == [("1952", "date")]


def test_ap_style_euro_glued_to_the_figure_is_euros_and_euro_2012_no_amount(money_in):
    amounts = money_in("Greece gets a euro110 billion ($141 billion) loan; the Euro 2012 final drew crowds.")
    assert [(c.text, c.value, c.unit) for c in amounts] == [
        ("euro110 billion", Decimal(110_000_000_000), "EUR"), ("$141 billion", Decimal(141_000_000_000), "USD")
    ]


def test_a_country_cldr_names_otherwise_still_decides_the_currency(money_in):
    [claim] = money_in("Turkey set aside 30 billion lira for the project.", published=date(2016, 5, 1))
    assert (claim.value, claim.unit, claim.confidence) == (Decimal(30_000_000_000), "TRY", 0.85)
    assert claim.notes == ["lira: TRY (Turkey in the story)"]

from decimal import Decimal

from claims.matching import ClaimFact, values_compatible


def _claim(text: str, value, qualifier: str = "exact", kind: str = "count") -> ClaimFact:
    return ClaimFact(id=1, article_id=1, source="", kind=kind, text=text, value=Decimal(str(value)), unit="",
                     subject="", sentence="", qualifier=qualifier)


def test_about_thirty_is_compatible_with_thirty():
    assert values_compatible(_claim("about 30 countries", 30, "approximate"), _claim("30 countries", 30))[0]


def test_about_thirty_is_compatible_with_thirty_two():
    assert values_compatible(_claim("about 30 countries", 30, "approximate"), _claim("32 countries", 32))[0]


def test_rounded_billions_are_compatible_with_the_precise_figure():
    ok, why = values_compatible(_claim("$45 billion", 45e9, kind="money"), _claim("$45.2 billion", 45.2e9, kind="money"))
    assert ok and "rounding" in why


def test_transposed_billions_conflict():
    ok, why = values_compatible(_claim("$45 billion", 45e9, kind="money"), _claim("$54 billion", 54e9, kind="money"))
    assert not ok and why == "differ by 17%"


def test_about_transposed_billions_still_conflict():
    assert not values_compatible(
        _claim("about $45 billion", 45e9, "approximate", "money"), _claim("about $54 billion", 54e9, "approximate", "money")
    )[0]


def test_small_exact_counts_must_be_equal():
    assert not values_compatible(_claim("25 people", 25), _claim("21 people", 21))[0]


def test_more_than_twenty_allows_twenty_five():
    assert values_compatible(_claim("more than 20 people", 20, "at_least"), _claim("25 people", 25))[0]


def test_fewer_than_twenty_rules_out_twenty_five():
    assert not values_compatible(_claim("fewer than 20 people", 20, "at_most"), _claim("25 people", 25))[0]


def test_nearly_a_figure_is_under_it_never_over():
    # ECB+ topic 5: "nearly $80 million" and "an $82 million deal" for one contract.
    nearly = _claim("nearly $80 million", 80e6, "approximate", "money")
    assert not values_compatible(nearly, _claim("$82 million", 82e6, kind="money"))[0]
    assert values_compatible(nearly, _claim("$78 million", 78e6, kind="money"))[0]
    assert values_compatible(nearly, _claim("about $80 million", 80e6, "approximate", "money"))[0]

from decimal import Decimal

from claims.matching import ClaimFact, values_compatible
from claims.matching.values import figures_meet


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


def _measure(text: str, value, unit: str, base_value, base_unit: str, qualifier: str = "exact") -> ClaimFact:
    return ClaimFact(id=1, article_id=1, source="", kind="quantity", text=text, value=Decimal(str(value)), unit=unit,
                     subject="", sentence="", qualifier=qualifier, base_value=Decimal(str(base_value)), base_unit=base_unit)


def test_at_least_seventy_injured_is_not_about_a_hundred():
    # ECB+ topic 19: "at least 70 people injured" and "About 100 people have been injured".
    ok, why = values_compatible(_claim("at least 70 people", 70, "at_least"), _claim("About 100 people", 100, "approximate"))
    assert not ok and why == "differ by 30%"


def test_in_excess_of_a_figure_reaches_only_its_next_round_figure():
    # ECB+ topic 10: the Red Sox offer "in excess of $160 million" against "$184 million".
    excess = _claim("in excess of $160 million", 160e6, "at_least", "money")
    assert not values_compatible(excess, _claim("$184 million", 184e6, kind="money"))[0]
    assert values_compatible(excess, _claim("$165 million", 165e6, kind="money"))[0]


def test_two_lower_bounds_of_one_toll_compare_their_figures():
    # ECB+ topic 20: "killing at least seven people" and "killed at least six people".
    ok, why = values_compatible(_claim("at least seven people", 7, "at_least"), _claim("at least six people", 6, "at_least"))
    assert not ok and why.startswith("bounds of one direction differ")
    assert not values_compatible(_claim("more than 26,000 people", 26000, "at_least"),
                                 _claim("more than 31,000 people", 31000, "at_least"))[0]
    assert values_compatible(_claim("more than 31,000 people", 31000, "at_least"),
                             _claim("more than 31,000 people", 31000, "at_least"))[0]


def test_a_converted_figure_keeps_the_precision_it_was_stated_with():
    # ECB+ topic 18: one sentence, "at speeds up to 120 mph" and "up to 193km/h"; "for 30
    # miles" and "for 48km".
    assert values_compatible(_measure("up to 120 mph", 120, "mile_per_hour", "53.6448", "meter_per_second", "at_most"),
                             _measure("up to 193km / h", 193, "kilometer_per_hour", "53.6111111111111", "meter_per_second", "at_most"))[0]
    assert values_compatible(_measure("30 miles", 30, "mile", "48280.32", "meter"), _measure("48km", 48, "kilometer", 48000, "meter"))[0]
    assert not values_compatible(_measure("30 miles", 30, "mile", "48280.32", "meter"), _measure("40km", 40, "kilometer", 40000, "meter"))[0]


def test_up_to_a_figure_is_never_over_it():
    # ECB+ topic 10: the Red Sox offer "could be up to $180 million" and "$184 million".
    upto = _claim("up to $180 million", 180e6, "at_most", "money")
    assert not values_compatible(upto, _claim("$184 million", 184e6, kind="money"))[0]
    assert values_compatible(upto, _claim("$170 million", 170e6, kind="money"))[0]


def test_a_share_stated_to_one_decimal_holds_the_more_precise_one():
    # "Clinton won 49.8 percent" / "49.84 percent of state delegate equivalents"
    assert values_compatible(_claim("49.8 percent", 49.8, kind="percent"), _claim("49.84 percent", 49.84, kind="percent"))[0]
    assert values_compatible(_claim("50 percent", 50, kind="percent"), _claim("49.84 percent", 49.84, kind="percent"))[0]
    assert not values_compatible(_claim("49.8 percent", 49.8, kind="percent"), _claim("49.9 percent", 49.9, kind="percent"))[0]


def test_whole_percents_one_apart_differ():
    # Their rounding windows only touch (45.5): no share rounds to both.
    assert not values_compatible(_claim("46 percent", 46, kind="percent"), _claim("45 percent", 45, kind="percent"))[0]
    assert not values_compatible(_claim("50 percent", 50, kind="percent"), _claim("48 percent", 48, kind="percent"))[0]



def test_more_than_a_figure_is_not_the_figure():
    # "not in shape to fight for more than five rounds" / "finished the fight five rounds sooner"
    assert not figures_meet(_claim("more than five rounds", 5, "at_least"), _claim("five rounds", 5))
    assert figures_meet(_claim("at least five rounds", 5, "at_least"), _claim("five rounds", 5))
    assert figures_meet(_claim("more than 50 charges", 50, "at_least"), _claim("54 charges", 54))

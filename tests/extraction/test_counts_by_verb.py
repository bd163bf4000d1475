"""Counts a verb tells of people with no noun ("killing 49", "police arrested 12"), and money
written with the sports and finance pages' "MM" for million."""
from decimal import Decimal

import pytest

from claims.extraction.numeric_claims import find_claims


def _of(nlp, text: str, kind: str):
    return [(c.text, c.value, c.unit, c.subject) for c in find_claims(nlp(text)) if c.kind == kind]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Omar Mateen opened fire inside the Pulse nightclub, killing 49.", [("49", Decimal(49), "person", "person killed")]),
        ("The quake struck the island town, injuring 40 and killing three.",
         [("40", Decimal(40), "person", "person injured"), ("three", Decimal(3), "person", "person killed")]),
        ("Police arrested 12 after the march turned violent.", [("12", Decimal(12), "person", "person arrested")]),
    ],
)
def test_a_number_a_casualty_verb_befell_counts_people(nlp, text, expected):
    assert _of(nlp, text, "count") == expected


def test_a_number_the_verb_does_not_befall_is_no_count_of_people(nlp):
    assert _of(nlp, "The team won 49 of its games and lost one.", "count") != [("49", Decimal(49), "person", "person killed")]
    assert all(unit != "person" for _, _, unit, _ in _of(nlp, "The couple killed time for 20 minutes.", "count"))


def test_mm_after_a_dollar_figure_is_million(nlp):
    amounts = [(c.text, c.value, c.unit) for c in find_claims(nlp("Sabathia will earn $21MM per year; the Angels offered at "
                                                                    "least $160MM over eight years.")) if c.kind == "money"]
    assert amounts == [("$21MM", Decimal(21_000_000), "USD"), ("at least $160MM", Decimal(160_000_000), "USD")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A crowd of 22,000 watched the fight in Mannheim.", ("22,000", Decimal(22000), "crowd")),
        ("Qeshm island has a population of more than 100,000.", ("more than 100,000", Decimal(100000), "population")),
    ],
)
def test_a_bare_number_after_a_collective_noun_counts_its_members(nlp, text, expected):
    assert [(t, v, u) for t, v, u, _ in _of(nlp, text, "count")] == [expected]


def test_a_number_after_of_and_another_noun_is_no_collective_count(nlp):
    assert _of(nlp, "The senator spoke of 2016 as a turning point.", "count") == []


@pytest.mark.parametrize("text", ["The 76ers have opened 9-14 with eight losses in their last 10 games.",
                                  "After a 9-14 start, Cheeks was fired on Saturday."])
def test_a_record_opened_or_started_with_is_wins_and_losses(nlp, text):
    assert [(t, u) for t, _, u, _ in _of(nlp, text, "count")][:2] == [("9", "win"), ("14", "loss")]


def test_a_final_score_is_no_record(nlp):
    assert _of(nlp, "The Sixers lost 88-72 at Cleveland on Friday.", "count") == []

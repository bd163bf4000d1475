"""Quotes retold in other words: contractions, an outlet's insertions, quoted phrases, nested reports."""
from claims.matching import QuoteFact, group_quotes, quote_group_plan
from claims.matching.quotes import credit_clash, quote_norm, quoted_phrases, same_person


def _q(id, article, text, speaker="", kind="person", start=0):
    return QuoteFact(id=id, article_id=article, source=f"outlet {article}", outlet=f"outlet {article}", text=text,
                     speaker=speaker, speaker_kind=kind, start=start)


def test_contractions_and_insertions_are_written_out():
    assert quote_norm("Torches and pitchforks aren't going to be necessary") == quote_norm("torches and pitchforks are not going to be necessary")
    assert quote_norm("Stay down, or we \u2019 ll shoot you again") == "stay down or we will shoot you again"
    assert quote_norm("The warship immediately altered (its direction) towards the vessels") == "the warship immediately altered towards the vessels"


def test_a_bracketed_insertion_does_not_part_one_quote():
    a = _q(1, 1, '"The warship immediately altered (its direction) towards the suspicious vessels and challenged them."', "naval officer")
    b = _q(2, 2, '"The warship immediately altered towards the suspicious vessels and challenged them, "', "Manohar Nambiar")
    assert len(group_quotes([a, b], {1: 1, 2: 1})) == 1


def test_transliterated_given_names_are_one_person():
    assert same_person("Karolos Papoulias", "Carolos Papoulias")
    assert not same_person("John Cerar", "Raymond Cerar")


def test_quoted_phrases_of_a_framed_passage():
    assert quoted_phrases("Bush is \u201clike a spoiled child\u201d and \u201cnot a smart man\u201d because he backs it") == [
        "like a spoiled child", "not a smart man"]
    assert quoted_phrases("he has made an eight-year offer to Mark Teixeira") == []


def test_a_short_quoted_phrase_joins_the_same_persons_statement():
    a = _q(1, 1, "Clinton was \u201cextremely careless\u201d with classified material", "James Comey")
    b = _q(2, 2, "her handling of highly sensitive information \u201cextremely careless,\u201d and said", "James Comey")
    assert len(group_quotes([a, b], {1: 1, 2: 1})) == 1


def test_a_short_phrase_in_two_unlike_statements_joins_neither():
    framed = _q(1, 1, 'a desire to change what he called the "late-night talk-show" feel of past programs', "Laurence Mark")
    one = _q(2, 2, '"We are trying to get away from this late-night talk show rut,"', "Laurence Mark")
    other = _q(3, 3, '"We want it to be more of a party and a departure from the late-night talk-show format,"', "Laurence Mark")
    assert group_quotes([framed, one, other], {1: 1, 2: 1, 3: 1}) == []


def test_a_phrase_credited_to_two_people_joins_nothing():
    a = _q(1, 1, 'Trump called him "a total loser"', "Donald Trump")
    b = _q(2, 2, '"He is a total loser and a liar,"', "Jeb Bush")
    assert group_quotes([a, b], {1: 1, 2: 1}) == []


def test_a_person_is_no_clash_with_the_paper_his_article_names():
    body_person = "Angels general manager Tony Reagins confirmed to the Los Angeles Times that he has made an eight-year offer."
    body_paper = "Per an L.A. Times story, the Angels have made an eight-year offer to Mark Teixeira."
    words = "the Angels have made an eight-year offer to free agent first baseman Mark Teixeira"
    a = _q(1, 1, words, "Tony Reagins")
    b = _q(2, 2, words, "L.A. Times", kind="organisation")
    assert credit_clash(a, b, {1: body_person, 2: body_paper}) == 0.0
    assert credit_clash(a, b, {1: "Tony Reagins made an offer.", 2: body_paper}) > 0


def test_a_nested_report_is_credited_to_who_reports_it():
    outer = '" I believe Brian Nichols did not win. In his own words, he said it\'s not his DNA to stay in jail, "'
    inner = "it's not his DNA to stay in jail"
    at = outer.index(inner)
    members = [
        _q(1, 1, outer, "Christina Greenway", start=100), _q(2, 1, inner, "Brian Nichols", start=100 + at),
        _q(3, 2, outer, "Christina Greenway", start=40), _q(4, 2, inner, "Brian Nichols", start=40 + at),
    ]
    [group] = group_quotes(members, {1: 1, 2: 1})
    plan = quote_group_plan(group)
    assert plan.details["speakers"] == {"Christina Greenway": ["outlet 1", "outlet 2"]}
    assert plan.details["reports"] == {"Christina Greenway": ["Brian Nichols"]}
    assert "Christina Greenway (reporting Brian Nichols)" in plan.reason


def test_one_persons_words_transcribed_two_ways_are_one_statement():
    a = _q(1, 1, '"Nothing less than the future of the union, and with that the future of our region in the union, is at stake,"', "Helga Brandt")
    b = _q(2, 2, '"The future of the union and the future of our region within the union is at stake,"', "Helga Brandt")
    assert len(group_quotes([a, b], {1: 1, 2: 1})) == 1


def test_reported_speech_of_one_person_is_not_held_to_the_lower_bar():
    a = _q(1, 1, "the club has made a five-year offer to free agent pitcher Dan Moreno", "Ray Coles")
    b = _q(2, 2, "his club had also made its five-year offer", "Ray Coles")
    assert group_quotes([a, b], {1: 1, 2: 1}) == []


def test_a_long_quoted_phrase_joins_across_stories():
    a = _q(1, 1, '"Appreciate the congrats for being right on the border and the economy."', "Dana Whitfield")
    b = _q(2, 2, 'she thanked supporters for "being right on the border and the economy" in a post')
    assert len(group_quotes([a, b], {1: 1, 2: 2})) == 1

"""A fact's identity beyond the same words: years alone, announcements, nouns of people,
figures told at two precisions, rare figures across stories.

Real sentences of the kind the labelled ECB+ and PolNeAR pairs hold; each test one rule."""
from datetime import date

from claims.matching.facts import (
    _same_figure,
    _year_holds,
    conflict_refusal,
    group_claims,
    is_time_anchor,
    nouns_agree,
    prepare,
    rarity,
)
from tests.matching.conftest import sentence_claim as _claim

RESIGNED = "In 2011, Weiner resigned from Congress after he accidentally posted a sexually explicit image of himself on Twitter."
RESIGNED_TOO = "In 2011, he resigned from Congress after accidentally tweeting an explicit picture meant for someone else."


def _year(cid, article, outlet, sentence, text, year, subject=""):
    return _claim(cid, article, outlet, sentence, text, None, "", kind="date", subject=subject, day=date(year, 1, 1),
                  date_unit="year")


def test_a_year_alone_is_a_fact_and_last_year_an_anchor():
    resigned = _year(1, 1, "A", RESIGNED, "2011", 2011, subject="resign")
    last = _claim(2, 1, "A", "Last year, Palmer voters approved a bond measure.", "Last year", None, "", kind="date",
                  subject="approve", day=date(2012, 1, 1), date_unit="year")
    assert not is_time_anchor(resigned)
    assert is_time_anchor(last)


def test_one_year_in_two_reports_of_one_event_is_one_fact():
    a = _year(1, 1, "A", RESIGNED, "2011", 2011, subject="resign")
    b = _year(2, 2, "B", RESIGNED_TOO, "2011", 2011, subject="resign")
    grouped = group_claims([a, b], {1: 1, 2: 1}, alike=lambda x, y: 0.5)
    assert [sorted(c.id for c in members) for members, _, _ in grouped] == [[1, 2]]


def test_one_year_in_articles_about_other_events_is_not_one_fact():
    # "DeGeneres hosted in 2007" is background in the news of two ceremonies: articles that
    # read as reports of two events do not join their years.
    a = _year(1, 1, "A", RESIGNED, "2011", 2011, subject="resign")
    b = _year(2, 2, "B", RESIGNED_TOO, "2011", 2011, subject="resign")
    assert group_claims([a, b], {1: 1, 2: 1}, alike=lambda x, y: 0.2) == []


def test_a_group_of_a_year_never_chains_articles_of_two_events():
    a = _year(1, 1, "A", RESIGNED, "2011", 2011, subject="resign")
    b = _year(2, 2, "B", RESIGNED_TOO, "2011", 2011, subject="resign")
    c = _year(3, 3, "C", "In 2011, Weiner resigned from Congress over the explicit image he posted.", "2011", 2011,
              subject="resign")
    # A is alike B and B alike C, but A and C are reports of two events.
    near = {frozenset((1, 2)): 0.5, frozenset((2, 3)): 0.5, frozenset((1, 3)): 0.1}
    grouped = group_claims([a, b, c], {1: 1, 2: 1, 3: 1}, alike=lambda x, y: near[frozenset((x, y))])
    assert all(not {1, 3} <= {m.id for m in members} for members, _, _ in grouped)


def test_the_date_of_an_announcement_is_a_fact_and_of_a_remark_an_anchor():
    announced = _claim(1, 1, "A", "On Thursday, the Interior Department announced a change to Section 7.", "On Thursday",
                       None, "", kind="date", subject="announce", day=date(2008, 12, 11))
    told = _claim(2, 1, "A", "Reagins told MLB.com on Friday that the offer stood.", "on Friday", None, "", kind="date",
                  subject="tell", day=date(2008, 12, 12))
    assert not is_time_anchor(announced)
    assert is_time_anchor(told)


def test_two_nouns_of_people_can_count_one_thing_but_never_conflict():
    assert nouns_agree("biologist", "scientist")
    assert nouns_agree("soldier", "troop")
    assert not nouns_agree("soldier", "tent")
    a, b = prepare([
        _claim(1, 1, "A", "Trump said he would send up to 30,000 American soldiers to fight the Islamic State.",
               "30,000 American soldiers", 30_000, "soldier"),
        _claim(2, 2, "B", "Trump said he would send up to 20,000 American troops to fight the Islamic State.",
               "20,000 American troops", 20_000, "troop"),
    ], {1: 1, 2: 1})
    assert "counted nouns" in conflict_refusal(a, b)


def test_a_figure_and_its_rounding_are_one_figure():
    def percent(cid, text, value):
        sentence = f"Clinton won {text} of the vote in the Iowa caucuses."
        return _claim(cid, cid, f"outlet {cid}", sentence, text, value, "percent", kind="percent")

    fine, coarse, other = prepare([percent(1, "49.84 percent", "49.84"), percent(2, "49.8 percent", "49.8"),
                                   percent(3, "49.9 percent", "49.9")], {})
    assert _same_figure(fine, coarse)
    assert not _same_figure(fine, other)


def test_a_figure_of_one_significant_digit_is_not_the_rounding_of_another():
    def magnitude(cid, text, value):
        sentence = f"A {text} earthquake struck southern Iran on Sunday."
        return _claim(cid, cid, f"outlet {cid}", sentence, text, value, "magnitude", kind="quantity")

    five_nine, six = prepare([magnitude(1, "5.9-magnitude", "5.9"), magnitude(2, "6-magnitude", "6")], {})
    assert not _same_figure(five_nine, six)


def test_a_rare_year_holds_a_month_inside_it():
    year = _year(1, 1, "A", "He was promoted to senior vice president and assistant general manager in 2003.", "2003",
                 2003, subject="promote")
    month = _claim(2, 2, "B", "He was promoted to senior VP and assistant GM in September 2003.", "September 2003",
                   None, "", kind="date", subject="promote", day=date(2003, 9, 1), date_unit="month")
    a, b = prepare([year, month], {1: 1, 2: 1})
    idf = rarity({}, 2, {a.figure: 1, b.figure: 1})
    assert _year_holds(a, b, idf)
    common = rarity({}, 12, {a.figure: 8, b.figure: 1})  # the story's own year, in most of its dates
    assert not _year_holds(a, b, common)


def test_a_figure_few_claims_state_is_one_fact_across_unrelated_stories():
    request = "Obama originally requested $1.9 billion in emergency funding to fight the Zika virus."
    again = "The president had asked Congress for $1.9 billion to fight Zika back in February."
    a = _claim(1, 1, "A", request, "$1.9 billion", 1_900_000_000, "USD", kind="money")
    b = _claim(2, 2, "B", again, "$1.9 billion", 1_900_000_000, "USD", kind="money")
    days = {1: date(2016, 7, 1), 2: date(2016, 8, 25)}
    grouped = group_claims([a, b], {1: 1, 2: 2}, related=lambda x, y: False, published=days.get)
    assert [sorted(c.id for c in members) for members, _, _ in grouped] == [[1, 2]]


def test_the_year_an_article_is_written_in_is_no_fact_of_it():
    a = _year(1, 1, "A", "The Latest on the 2016 presidential election and two crucial contests Saturday.", "2016", 2016)
    b = _year(2, 2, "B", "The Latest on the 2016 presidential campaign, with primaries in five states Tuesday.", "2016",
              2016)
    days = {1: date(2016, 2, 20), 2: date(2016, 4, 26)}
    assert group_claims([a, b], {1: 1, 2: 1}, alike=lambda x, y: 0.5, published=days.get) == []
    assert len(group_claims([a, b], {1: 1, 2: 1}, alike=lambda x, y: 0.5)) == 1  # undated: compared


def test_a_figure_told_again_links_a_few_stories_never_hundreds():
    # The same sentence in twelve unrelated stories a week apart: one standing figure may join
    # a few of them, but a group never grows through story after story (bench_match_article
    # had groups of 12,000 claims across hundreds of stories, each match reading one whole).
    sentence = "The plan would cost $275 billion over five years, according to the campaign."
    claims = [_claim(n, n, f"outlet {n}", sentence, "$275 billion", 275_000_000_000, "USD", kind="money")
              for n in range(1, 13)]
    days = {n: date(2016, 1, 1 + 7 * (n % 4)) for n in range(1, 13)}
    grouped = group_claims(claims, {n: n for n in range(1, 13)}, related=lambda x, y: False, published=days.get)
    sizes = sorted(len(members) for members, _, _ in grouped)
    assert sizes and max(sizes) <= 8 and sum(sizes) == 12


def test_one_named_persons_age_told_two_ways_is_one_fact():
    pancakes = "Morrison cooks breakfast for son Elliot, 7, and daughter Mae, 4, before every shoot."
    home = "Morrison and her husband, a set designer, are raising a 7-year-old son, Elliot James, in Vancouver."
    facts = [
        _claim(1, 1, "A", pancakes, "7", 7, "year", kind="quantity", subject="elliot age"),
        _claim(2, 2, "B", home, "7-year-old", 7, "year", kind="quantity", subject="elliot james age"),
    ]
    a, b = prepare(facts, {1: 1, 2: 1})
    assert a.holder & b.holder == {"elliot"}
    (members, _, _), = group_claims(facts, {1: 1, 2: 1})
    assert {m.id for m in members} == {1, 2}


def test_a_peoples_name_counted_counts_people():
    voters = prepare([
        _claim(1, 1, "A", "Over 4.1 million Kenyans are eligible to vote at polling stations across the country.",
               "Over 4.1 million Kenyans", 4_100_000, "kenyans", qualifier="at_least"),
        _claim(2, 2, "B", "Over 4.1 million people were eligible to vote in Sunday's election.",
               "Over 4.1 million people", 4_100_000, "person", qualifier="at_least"),
        _claim(3, 3, "C", "The film won three Oscars in 1998.", "three Oscars", 3, "oscars"),
    ], {1: 1, 2: 1, 3: 1})
    assert [p.noun for p in voters] == ["people", "person", "oscar"]
    assert nouns_agree(voters[0].noun, voters[1].noun)
    assert not nouns_agree(voters[2].noun, voters[1].noun)


def test_one_year_told_alike_in_one_news_cycle_is_one_fact_in_articles_less_alike():
    a = _year(1, 1, "A", RESIGNED, "2011", 2011, subject="resign")
    b = _year(2, 2, "B", RESIGNED_TOO, "2011", 2011, subject="resign")
    days = {1: date(2016, 2, 11), 2: date(2016, 2, 15)}
    grouped = group_claims([a, b], {1: 1, 2: 1}, alike=lambda x, y: 0.25, published=days.get)
    assert [sorted(c.id for c in members) for members, _, _ in grouped] == [[1, 2]]
    # Undated, or months apart: as alike as two events' news, so two facts.
    assert group_claims([a, b], {1: 1, 2: 1}, alike=lambda x, y: 0.25) == []
    apart = {1: date(2016, 2, 11), 2: date(2016, 6, 15)}
    assert group_claims([a, b], {1: 1, 2: 1}, alike=lambda x, y: 0.25, published=apart.get) == []


def test_a_name_after_an_abbreviation_is_not_at_a_sentence_start():
    from claims.matching.words import names_in

    assert names_in("She represented New York for eight years in the U.S. Senate.") == ["new york", "u.s", "senate"]
    assert names_in("Aides said Mr. Obama would sign it.") == ["obama"]
    assert names_in("The vote failed. Senate leaders met again.") == []


def test_one_article_restating_a_days_event_under_another_verb_tells_one_date():
    from claims.matching.facts import _one_telling

    tuesday = date(2016, 2, 9)
    finish = _claim(1, 1, "A", "His advisers hoped for a second-place finish in the New Hampshire primary on Tuesday.",
                    "on Tuesday", None, "", kind="date", subject="finish", day=tuesday)
    spending = _claim(2, 1, "A", "Filings track last-minute spending before the New Hampshire primary on Tuesday.",
                      "on Tuesday", None, "", kind="date", subject="track", day=tuesday)
    town_hall = _claim(3, 1, "A", "Christie was joined on Tuesday at a town hall meeting in Hudson by a TV baker.",
                       "on Tuesday", None, "", kind="date", subject="join", day=tuesday)
    a, b, c = prepare([finish, spending, town_hall], {1: 1})
    assert _one_telling(a, b)
    assert not _one_telling(a, c)


def test_a_count_of_years_back_dates_like_the_year_itself():
    killed = _claim(1, 1, "A", "The captain, killed 12 years ago, was a hero, the senator wrote.", "12 years ago", None, "",
                    kind="date", subject="kill", day=date(2004, 1, 1), date_unit="year")
    a_year_ago = _claim(2, 1, "A", "The plant closed a year ago, workers said.", "a year ago", None, "", kind="date",
                        subject="close", day=date(2015, 1, 1), date_unit="year")
    assert not is_time_anchor(killed)
    assert is_time_anchor(a_year_ago)

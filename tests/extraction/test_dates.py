"""Dates anchored as a reader anchors them: tense picks the year of a month or day given
without one; ranges keep their end; each date says what anchored it."""
from datetime import date

import pytest

from claims.extraction.numeric_claims import find_claims

OCTOBER_2016 = date(2016, 10, 20)  # a Thursday


@pytest.fixture
def dates_in(nlp):
    def run(text: str, published: date | None = OCTOBER_2016):
        return [c for c in find_claims(nlp(text), published=published) if c.kind == "date"]

    return run


def test_a_month_ahead_in_a_future_clause_is_this_year(dates_in):
    [claim] = dates_in("Voters will choose a president in November.")
    assert (claim.date_value, claim.date_precision, claim.date_anchor) == (date(2016, 11, 1), "month", "publication")


def test_a_month_in_a_past_clause_is_the_last_one_before_publication(dates_in):
    [claim] = dates_in("The senator resigned in November after the scandal.")
    assert claim.date_value == date(2015, 11, 1)


def test_a_day_of_an_event_told_in_the_past_is_in_the_past(dates_in):
    [claim] = dates_in("She pointed to his 22 percent showing in the March 15 primary.")
    assert (claim.text, claim.date_value) == ("March 15", date(2016, 3, 15))


def test_a_day_in_a_future_clause_is_ahead(dates_in):
    [claim] = dates_in("The runoff will be held on March 15.")
    assert claim.date_value == date(2017, 3, 15)


def test_weekdays_in_a_future_clause_look_forward_and_in_the_past_back(dates_in):
    ahead, back = dates_in("Clinton will campaign in Ohio on Saturday. Trump spoke in Iowa on Monday.")
    assert (ahead.date_value, back.date_value) == (date(2016, 10, 22), date(2016, 10, 17))


def test_a_weekday_scheduled_in_the_present_tense_looks_forward(dates_in):
    [claim] = dates_in("On Tuesday, Democrats vote in Arizona, Idaho and Utah.", published=date(2016, 3, 21))
    assert claim.date_value == date(2016, 3, 22)


def test_the_papers_own_weekday_is_that_day(dates_in):
    [claim] = dates_in("Delegates head into the caucuses Saturday.", published=date(2016, 6, 4))
    assert claim.date_value == date(2016, 6, 4)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("The Nov 29-30 meeting in Bucharest discussed aid.", date(2016, 11, 29), date(2016, 11, 30), "day"),
        ("Registration ran from October 16 to November 14, 2013.", date(2013, 10, 16), date(2013, 11, 14), "day"),
        ("Lohan was on probation from September 2010 to January 2011.", date(2010, 9, 1), date(2011, 1, 1), "month"),
    ],
)
def test_ranges_keep_their_end(dates_in, text, start, end, precision):
    [claim] = dates_in(text)
    assert (claim.date_value, claim.date_end, claim.date_precision) == (start, end, precision)


def test_a_date_stated_whole_is_anchored_on_the_text(dates_in):
    [claim] = dates_in("Page was born on April 22, 1923, in Nashville.", published=None)
    assert (claim.date_value, claim.date_precision, claim.date_anchor) == (date(1923, 4, 22), "day", "text")


def test_a_relative_date_with_no_publication_date_is_unresolved_and_unsure(dates_in):
    [claim] = dates_in("Page died on Thursday in Los Angeles.", published=None)
    assert (claim.date_value, claim.date_anchor) == (None, "unresolved")
    assert claim.confidence <= 0.6


def test_a_day_of_this_year_takes_the_publication_year(dates_in):
    [claim] = dates_in("The rules take effect December 15 of this year.", published=date(2013, 10, 2))
    assert (claim.text, claim.date_value) == ("December 15 of this year", date(2013, 12, 15))


def test_a_month_alone_without_a_preposition_is_a_date(dates_in):
    [claim] = dates_in("His campaign said he ended December with $28.4 million.", published=date(2016, 1, 4))
    assert (claim.text, claim.date_value) == ("December", date(2015, 12, 1))


def test_a_name_ending_in_a_month_is_not_a_date(dates_in):
    assert dates_in("Prime Minister Theresa May spoke to reporters.") == []


def test_parts_of_a_day_are_that_day(dates_in):
    claims = dates_in("Police said last night that the man died this morning.", published=date(2013, 5, 3))
    assert [(c.text, c.date_value) for c in claims] == [("last night", date(2013, 5, 2)),
                                                         ("this morning", date(2013, 5, 3))]


def test_a_pages_time_stamp_is_not_a_claim(dates_in):
    text = "Updated 05 / 03 / 2013 at 11:00 AM EDT\n\nFriday, June 7, 2013\n\nShe died on June 6, 2013."
    assert [c.text for c in dates_in(text, published=date(2013, 6, 7))] == ["June 6, 2013"]


def test_a_time_stamp_with_its_time_glued_or_a_short_weekday_is_not_a_claim(dates_in):
    text = ("Fri Aug 2, 2013 6:50pm EDT\n\nOriginally published 05 / 03 / 2013 at 10:20 AM EDT\n\n"
            "The show was cancelled on August 1, 2013.")
    assert [c.text for c in dates_in(text, published=date(2013, 8, 2))] == ["August 1, 2013"]


def test_a_storys_dateline_is_not_a_claim(dates_in):
    text = "NEW YORK, Dec. 14 (UPI) — The poll surveyed 1,000 adults between Dec. 6-9."
    assert [(c.text, c.date_value, c.date_end) for c in dates_in(text, published=date(2015, 12, 14))] == [
        ("Dec. 6-9", date(2015, 12, 6), date(2015, 12, 9))
    ]


def test_the_year_chosen_for_a_month_without_one_is_noted_with_why(dates_in):
    [claim] = dates_in("Clinton is favoured in the March 15 primaries in Ohio.", published=date(2016, 3, 10))
    assert (claim.date_value, claim.confidence) == (date(2016, 3, 15), 0.75)
    assert claim.notes == ["year 2016: the one nearest publication (no past or future tense decides)"]


def test_a_past_clause_joined_to_a_future_one_keeps_its_own_tense(dates_in):
    claims = dates_in("Voters will go to the polls in November, and sales slumped in December.",
                      published=date(2016, 1, 5))
    assert [(c.text, c.date_value) for c in claims] == [("November", date(2016, 11, 1)),
                                                        ("December", date(2015, 12, 1))]
    assert "past clause" in claims[1].notes[0]


@pytest.mark.parametrize(
    ("text", "published", "first", "last"),
    [
        # ECB+/PolNeAR sentences: a season is its three months, a range kept as such
        ("Uncertainty has hung over her since the revelation last spring that she had used a private email system.",
         date(2016, 1, 31), date(2015, 3, 1), date(2015, 5, 1)),
        ("The gap has narrowed from last fall.", date(2016, 3, 2), date(2015, 9, 1), date(2015, 11, 1)),
        ("The studio is in a rush to start the next film in the fall.", date(2012, 4, 4), date(2012, 9, 1),
         date(2012, 11, 1)),
    ],
)
def test_a_season_is_a_range_of_its_months_read_against_publication(dates_in, text, published, first, last):
    [claim] = dates_in(text, published)
    assert (claim.date_value, claim.date_end, claim.date_precision) == (first, last, "month")
    assert any("northern season" in note for note in claim.notes)


def test_the_fall_of_something_is_no_season(dates_in):
    assert dates_in("Crowds gathered after the fall of the Berlin wall.") == []


def test_a_weekday_in_a_participle_clause_takes_the_tense_of_its_main_clause(dates_in):
    [claim] = dates_in("In responding Friday, Clinton's campaign took the unusual step of criticizing the agencies.",
                       date(2016, 1, 31))
    assert claim.date_value == date(2016, 1, 29)


def test_a_weekday_in_an_infinitive_after_a_verb_of_urging_looks_ahead(dates_in):
    [claim] = dates_in("Merkel told lawmakers in Berlin, urging them to quickly pass the country's share of the "
                       "bailout by Friday.", date(2010, 5, 5))
    assert claim.date_value == date(2010, 5, 7)


def test_a_month_after_a_raising_verb_keeps_the_past_of_that_verb(dates_in):
    [claim] = dates_in("Sanders appeared to dismiss the email issue in October, when he told Clinton at a debate "
                       "that Americans were sick of it.", date(2016, 1, 31))
    assert claim.date_value == date(2015, 10, 1)


def test_a_month_in_a_present_clause_is_ahead_unless_just_gone(dates_in):
    [ahead] = dates_in("High turnout during the primaries doesn't necessarily translate to an advantage in November.",
                       date(2016, 3, 2))
    assert ahead.date_value == date(2016, 11, 1)
    [recent] = dates_in("Retail sales are up 3 percent in February.", date(2016, 3, 2))
    assert recent.date_value == date(2016, 2, 1)


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        ("Strauss-Kahn said in an interview in French newspaper Le Parisien Wednesday.", date(2010, 5, 5),
         date(2010, 5, 5)),
        ("Klitschko scored a dominant seventh-round technical knockout of Hasim Rahman Saturday night.",
         date(2008, 12, 15), date(2008, 12, 13)),
    ],
)
def test_a_weekday_after_a_name_it_does_not_belong_to_is_a_date(dates_in, text, published, day):
    [claim] = dates_in(text, published)
    assert claim.date_value == day


@pytest.mark.parametrize("text", ["Super Tuesday brings parties closer to picking nominees.",
                                  "The talk show aired on Fox News Sunday."])
def test_a_weekday_inside_a_name_is_no_date(dates_in, text):
    assert dates_in(text) == []


def test_black_friday_is_the_day_after_thanksgiving_not_a_friday_by_tense(dates_in):
    [claim] = dates_in("Shoppers crowded the malls on Black Friday.", date(2015, 12, 4))
    assert (claim.text, claim.date_value) == ("Black Friday", date(2015, 11, 27))


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        # an infinitive looks ahead: after a noun, after "be", after a verb of planning
        ("Despite the strike, the draft bill of the new austerity measures is to be voted on Thursday.",
         date(2010, 5, 5), date(2010, 5, 6)),
        ("Vilsack said Friday's announcement suggested an effort to hurt Clinton ahead of Monday's voting in Iowa.",
         date(2016, 1, 31), date(2016, 2, 1)),
    ],
)
def test_a_weekday_in_an_infinitive_clause_is_ahead(dates_in, text, published, day):
    claims = {c.text.removeprefix("on "): c.date_value for c in dates_in(text, published)}
    assert day in claims.values()


def test_a_month_beside_a_participle_alone_takes_the_nearest_year(dates_in):
    [claim] = dates_in("The campaign has bristled at some of Biden's comments, including one in January in which "
                       "he stated that Clinton is new to the issue.", date(2016, 4, 11))
    assert claim.date_value == date(2016, 1, 1)


def test_a_day_naming_a_deadline_is_ahead_of_its_giving(dates_in):
    [claim] = dates_in("He told the judge he needed more time and the judge has given him a May 10 deadline.",
                       date(2013, 5, 2))
    assert claim.date_value == date(2013, 5, 10)


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("In 2008, Barack Obama's campaign began airing Spanish-language ads in mid-September, a timeline Clinton "
         "could still match this year.", date(2008, 9, 1)),
        ("But in 2012, the president's reelection campaign spent tens of millions of dollars on ads in Spanish "
         "beginning in April.", date(2012, 4, 1)),
    ],
)
def test_a_month_takes_the_year_its_sentence_names(dates_in, text, month):
    claims = [c for c in dates_in(text, date(2016, 9, 4)) if c.date_precision == "month"]
    assert [c.date_value for c in claims] == [month]


def test_a_year_named_before_a_clause_about_the_future_does_not_anchor_its_month(dates_in):
    founded, claim = dates_in("Founded in 2012, the company will list its shares in March.", date(2016, 10, 20))
    assert (founded.date_value, founded.date_precision) == (date(2012, 1, 1), "year")
    assert claim.date_value == date(2017, 3, 1)


@pytest.mark.parametrize(
    "text",
    ["\"And Donald Trump knows that,\" Christie said on ABC's \"This Week with George Stephanopoulos.\"",
     "\"But that was the first time in a long time, senator,\" CBS This Morning co-anchor DeMarco Morgan said."],
)
def test_a_show_named_for_a_time_is_no_date(dates_in, text):
    assert dates_in(text, date(2016, 8, 28)) == []


def test_a_month_of_an_event_noun_in_a_present_clause_is_not_pushed_ahead(dates_in):
    [claim] = dates_in("Many Republicans, according to a February survey conducted by WBUR radio, empathize with "
                       "her.", date(2016, 8, 26))
    assert claim.date_value == date(2016, 2, 1)


def test_a_year_further_in_the_sentence_does_not_anchor_a_later_month(dates_in):
    _, claim = dates_in("Lazar was extradited in 2014 to the United States and pleaded guilty in May to one count "
                        "of aggravated identity theft.", date(2016, 9, 3))
    assert claim.date_value == date(2016, 5, 1)


def test_last_week_in_a_sunday_paper_is_the_week_just_ended(dates_in):
    [claim] = dates_in("Asked about Trump's calling Hillary Clinton a bigot last week, Christie blamed Clinton.",
                       date(2016, 8, 28))
    assert (claim.date_value, claim.date_precision) == (date(2016, 8, 22), "week")


def test_a_day_named_as_a_deadline_is_the_nearest_one(dates_in):
    [claim] = dates_in("And with the deadline for nominations just weeks away, Sept. 14, the quick action was also "
                       "intended to discourage would-be rivals.", date(2016, 8, 26))
    assert claim.date_value == date(2016, 9, 14)


def test_a_weekday_in_a_headline_in_the_present_is_past(dates_in):
    text = "Lindsay Lohan Checks Into Betty Ford Thursday\n\nThe actress checked in late Thursday night, her rep said."
    claims = dates_in(text, date(2013, 5, 3))
    assert [c.date_value for c in claims] == [date(2013, 5, 2), date(2013, 5, 2)]


def test_a_weekday_in_a_present_clause_of_the_body_is_ahead(dates_in):
    [claim] = dates_in("Headline\n\nVoters in reclusive Turkmenistan elect a parliament Sunday in balloting heralded by "
                       "authorities.", date(2008, 12, 12))
    assert claim.date_value == date(2008, 12, 14)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Almost 650 courses have closed since 2006, the group says.", [("2006", 2006, None)]),
        ("He won the belts in 2001 and the vacant title in 2005.", [("2001", 2001, None), ("2005", 2005, None)]),
        ("He won in 2001 and 2005.", [("2001", 2001, None), ("2005", 2005, None)]),
        ("The city bought the course in a 2011 short sale.", [("2011", 2011, None)]),
        ("Prices rose between 2009 and 2012.", [("2009 and 2012", 2009, 2012)]),
        ("It was the largest margin since Ronald Reagan's 1984 run.", [("1984", 1984, None)]),
        ("That is according to a 2015 Pew Research survey.", [("2015", 2015, None)]),
    ],
)
def test_a_year_alone_is_a_date_of_that_year(dates_in, text, years):
    claims = dates_in(text, date(2015, 11, 25))
    assert [(c.text, c.date_value.year, c.date_end and c.date_end.year, c.date_precision) for c in claims] == [
        (surface, year, end, "year") for surface, year, end in years]


@pytest.mark.parametrize("text", ["The firm sold 2000 units.", "It cost $2015 in fees.", "He scored 2012 points, 30%."])
def test_a_number_like_a_year_that_is_an_amount_is_no_date(dates_in, text):
    assert dates_in(text, date(2015, 11, 25)) == []


def test_yesterday_after_a_place_name_is_a_date(dates_in):
    [claim] = dates_in("About 200 communists had stormed the Athens Acropolis yesterday, unfurling banners.",
                       date(2010, 5, 5))
    assert claim.date_value == date(2010, 5, 4)


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        ("Police were called on Christmas Day.", date(2012, 12, 27), date(2012, 12, 25)),
        ("Voters will go to the polls on Election Day.", date(2016, 10, 5), date(2016, 11, 8)),
        ("The family gathered on Thanksgiving, police said.", date(2012, 11, 25), date(2012, 11, 22)),
        ("The church was full on Easter Sunday 2009.", date(2012, 11, 25), date(2009, 4, 12)),
    ],
)
def test_a_named_day_is_its_date_in_the_year_the_tense_allows(dates_in, text, published, day):
    [claim] = dates_in(text, published)
    assert (claim.date_value, claim.date_precision) == (day, "day")


def test_christmas_as_a_modifier_is_no_date(dates_in):
    assert dates_in("Christmas shopping was slow.", date(2012, 12, 1)) == []


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The gunman opened fire this past weekend.", date(2012, 11, 24)),
        ("The shooting happened over the weekend in Oakland.", date(2012, 11, 24)),
    ],
)
def test_the_weekend_just_gone_said_on_its_sunday_is_that_weekend(dates_in, text, day):
    [claim] = dates_in(text, date(2012, 11, 25))
    assert claim.date_value == day

"""Issue 13: dates and quantities news writes in forms read wrongly or not at all before
(decades, seasons across two years, a day of the month alone, spans of the clock, ages heading a
line, a quoted "today" said on another day)."""
from datetime import date
from decimal import Decimal

import pytest

from claims.extraction.numeric_claims import find_claims

DECEMBER_2015 = date(2015, 12, 4)  # a Friday


@pytest.fixture
def claims_in(nlp):
    def run(text: str, kind: str, published: date | None = DECEMBER_2015):
        return [c for c in find_claims(nlp(text), published=published) if c.kind == kind]

    return run


@pytest.mark.parametrize(
    ("text", "stated", "first", "last"),
    [
        ("Williams was one of the biggest box-office stars of the 1940s.", "1940s", 1940, 1949),
        ("Esther Williams, who swam to stardom in the 1940's, dies at 91", "1940's", 1940, 1949),
        ("The council voted to pay victims tortured in the '70s by a police unit.", "'70s", 1970, 1979),
        ("The company was founded in the mid-1990s in Ohio.", "1990s", 1990, 1999),
    ],
)
def test_a_decade_is_its_first_to_its_last_year(claims_in, text, stated, first, last):
    [claim] = claims_in(text, "date")
    assert (claim.text, claim.date_value, claim.date_end, claim.date_precision) == (
        stated, date(first, 1, 1), date(last, 1, 1), "year")


def test_a_season_across_two_years_is_both_years(claims_in):
    [claim] = claims_in("Cheeks was fired midway through the 2005-06 season.", "date")
    assert (claim.date_value, claim.date_end) == (date(2005, 1, 1), date(2006, 1, 1))


def test_a_span_of_years_written_short(claims_in):
    lucas, brown = claims_in("Cheeks worked under John Lucas (1994-96) and Larry Brown (1997-2001).", "date")
    assert (lucas.date_value, lucas.date_end) == (date(1994, 1, 1), date(1996, 1, 1))
    assert (brown.date_value, brown.date_end) == (date(1997, 1, 1), date(2001, 1, 1))


def test_a_year_and_a_month_number_is_no_span(claims_in):
    assert [c.text for c in claims_in("The code 2012-09 was filed.", "date")] == []


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("The turnout was higher than in the primary of 2012 and the joint primary of 2008.", 2012),
        ("It was the highest turnout since at least 1980, the analysis shows.", 1980),
        ("Romney, the party's 2012 presidential nominee, is expected to speak.", 2012),
        ("He was the floor leader of the Sixers' 1983 NBA title team.", 1983),
    ],
)
def test_bare_years_after_of_at_least_and_possessives(claims_in, text, year):
    assert claims_in(text, "date")[0].date_value == date(year, 1, 1)


def test_of_before_a_counted_noun_is_no_year(claims_in):
    assert claims_in("A group of 2000 people came.", "date") == []


def test_a_day_of_the_month_alone_takes_the_month_by_tense(claims_in):
    arrested, charged = claims_in("The suspect was arrested on the 2nd and charged on the 3rd.", "date")
    assert (arrested.date_value, charged.date_value) == (date(2015, 12, 2), date(2015, 12, 3))
    [vote] = claims_in("The council will vote on the 30th.", "date")
    assert vote.date_value == date(2015, 12, 30)
    [gone] = claims_in("The fire started on the 28th.", "date")
    assert gone.date_value == date(2015, 11, 28)


def test_an_ordinal_before_a_noun_is_no_date(claims_in):
    assert claims_in("He bogeyed on the 5th hole and finished in the 2nd round.", "date") == []


def test_a_quoted_today_is_the_day_the_words_were_said(claims_in):
    said, today = claims_in('Durbin said on Thursday he "hand-delivered a letter to the attorney general today."',
                            "date")
    assert (said.date_value, today.text, today.date_value) == (date(2015, 12, 3), "today", date(2015, 12, 3))


def test_an_unquoted_today_is_the_day_of_publication(claims_in):
    [today] = claims_in("The mayor met protesters today.", "date")
    assert today.date_value == DECEMBER_2015


def test_a_modal_of_what_can_happen_looks_ahead(claims_in):
    [claim] = claims_in("He feels he can win New Hampshire's Tuesday primary.", "date", date(2016, 2, 8))
    assert claim.date_value == date(2016, 2, 9)


def test_a_span_of_the_clock_is_one_time_with_its_end(claims_in):
    [claim] = claims_in("After their 6 a.m.-to-4:30 p.m. shift, a dozen workers gathered.", "quantity")
    assert (claim.value, claim.value_end, claim.unit, claim.qualifier) == (
        Decimal(360), Decimal(990), "time_local", "range")


def test_a_time_with_a_full_stop_between_hour_and_minutes(claims_in):
    [claim] = claims_in("Firefighters brought the blaze under control at 5.30pm.", "quantity")
    assert (claim.value, claim.unit) == (Decimal(1050), "time_local")


@pytest.mark.parametrize(
    ("text", "value", "value_end"),
    [
        ("Pierre Heslouin, 74\nHeslouin, a Frenchman, was traveling to see his son.", 74, None),
        ("The first baseman will turn 29 in April.", 29, None),
        ("At 36, Klitschko remains the heavyweight champion.", 36, None),
        ("''If I were in my 40s, I'd go back to school,'' she said.", 40, 49),
    ],
)
def test_ages_in_more_forms(claims_in, text, value, value_end):
    [claim] = claims_in(text, "quantity")
    assert (claim.value, claim.unit) == (Decimal(value), "year")
    assert claim.value_end == (None if value_end is None else Decimal(value_end))


def test_a_long_unit_is_one_of_it(claims_in):
    [claim] = claims_in("They were returning home after a month-long stay in Paris.", "quantity")
    assert (claim.value, claim.unit) == (Decimal(1), "month")


def test_a_hyphenated_scale_is_part_of_the_number(claims_in):
    [claim] = claims_in("It is a 2-million-square-foot facility.", "quantity")
    assert (claim.value, claim.unit, claim.value_end) == (Decimal(2000000), "square_foot", None)


def test_a_height_in_words(claims_in):
    [claim] = claims_in("The six-foot-five Ukrainian-born champ was never threatened.", "quantity")
    assert (claim.value, claim.unit) == (Decimal(77), "inch")


def test_an_age_shared_by_two_names(claims_in):
    [claim] = claims_in("Capt. Tom Tennant and Trooper William Hakim, both 51, died at the scene.", "quantity")
    assert (claim.value, claim.unit) == (Decimal(51), "year")


def test_a_two_digit_year_after_a_preposition(claims_in):
    [claim] = claims_in("Falling Deficit to Reverse Course in '16 as U.S. Ages.", "date", date(2016, 1, 20))
    assert (claim.text, claim.date_value, claim.date_precision) == ("'16", date(2016, 1, 1), "year")


def test_a_day_in_a_present_clause_is_ahead_when_long_gone(claims_in):
    [claim] = claims_in("The fiscal year, which ends Sept. 30, is projected to close with a deficit.", "date",
                        date(2016, 1, 20))
    assert claim.date_value == date(2016, 9, 30)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("She was pronounced dead at 10:15 p.m. Saturday.", 1335), ("He died at 4 a.m. on Sunday.", 240)],
)
def test_a_time_of_death_is_no_age(claims_in, text, minutes):
    [claim] = claims_in(text, "quantity")
    assert (claim.value, claim.unit) == (Decimal(minutes), "time_local")


def test_died_at_an_age_is_still_an_age(claims_in):
    [claim] = claims_in("Page died at 85 in Los Angeles.", "quantity")
    assert (claim.value, claim.unit) == (Decimal(85), "year")


def test_a_24_hour_clock_with_its_zone_is_no_year(claims_in):
    assert claims_in("The curfew runs until 2000 GMT.", "date") == []
    [claim] = claims_in("The curfew runs until 2000 GMT.", "quantity")
    assert (claim.value, claim.unit) == (Decimal(1200), "time_utc")


@pytest.mark.parametrize(
    ("published", "minutes"),
    [(date(2013, 9, 17), 13 * 60 + 45), (date(2013, 1, 17), 14 * 60 + 45)],  # daylight time, then standard
)
def test_eastern_time_without_its_season_takes_the_day_of_publication(claims_in, published, minutes):
    [claim] = claims_in("He was released at 9:45 a.m. ET on Friday.", "quantity", published)
    assert (claim.value, claim.unit) == (Decimal(minutes), "time_utc")


def test_noon_before_its_day(claims_in):
    [claim] = claims_in("The polls close at 7 p.m. and the count starts noon Tuesday.", "quantity")[-1:]
    assert (claim.text, claim.value) == ("noon", Decimal(720))


# --- forms the extractor was not tuned on (its own news-style sentences) ---------------------

WEDNESDAY = date(2016, 3, 30)
SATURDAY = date(2016, 3, 12)


def test_a_weekday_no_tense_decides_is_the_nearest(claims_in):
    [claim] = claims_in("The ad aims to stop him from winning Tuesday's primaries in Florida.", "date", SATURDAY)
    assert claim.date_value == date(2016, 3, 15)


def test_a_day_looked_ahead_to_from_the_past_is_the_nearest(claims_in):
    [claim] = claims_in("As the senator prepared to speak in Madison on Tuesday, protesters gathered.", "date",
                        WEDNESDAY)
    assert claim.date_value == date(2016, 3, 29)


def test_a_possessive_weekday_in_a_present_clause_is_not_ahead(claims_in):
    [claim] = claims_in("Friday's tentative agreement covers workers in the wireless stores.", "date",
                        date(2016, 5, 29))
    assert claim.date_value == date(2016, 5, 27)


def test_a_weekday_after_a_network_name_is_a_day(claims_in):
    [claim] = claims_in("The governor said so in an interview on Fox News Tuesday night.", "date", WEDNESDAY)
    assert claim.date_value == date(2016, 3, 29)


@pytest.mark.parametrize(
    "text", ["The measure would put the question on the November ballot.", "Remember in November who voted no."]
)
def test_a_month_under_would_or_an_imperative_is_ahead(claims_in, text):
    [claim] = claims_in(text, "date", date(2016, 3, 10))
    assert claim.date_value == date(2016, 11, 1)


def test_a_month_a_comma_and_a_year(claims_in):
    [claim] = claims_in("The newspaper first reported the server in March, 2015 and asked for comment.", "date",
                        date(2016, 4, 26))
    assert (claim.text, claim.date_value, claim.date_precision) == ("March, 2015", date(2015, 3, 1), "month")


@pytest.mark.parametrize(
    ("text", "years"),
    [("The guard was a three-time All-Star (1991, '93, '94).", [1991, 1993, 1994]),
     ("The Clean Air Act of 1970 set limits on emissions.", [1970]),
     ("The remake of Grease (1978) is due next year.", [1978])],
)
def test_years_of_a_law_a_bracket_and_a_short_list(claims_in, text, years):
    found = [c.date_value.year for c in claims_in(text, "date") if c.date_precision == "year" and c.text[-1].isdigit()]
    assert found == years


@pytest.mark.parametrize(
    ("text", "value"),
    [("Prosecutors sought a sentence of 41/2 years.", Decimal("4.5")),
     ("The trail runs 33/4 miles along the ridge.", Decimal("3.75"))],
)
def test_a_whole_number_glued_to_its_fraction(claims_in, text, value):
    [claim] = claims_in(text, "quantity")
    assert claim.value == value


@pytest.mark.parametrize(
    ("text", "kind", "first", "last"),
    [("A tax on the top 2 or 3 percent of earners would pay for it.", "percent", 2, 3),
     ("The truck dropped two or three tons of gravel.", "quantity", 2, 3)],
)
def test_a_choice_of_two_numbers_is_a_range(claims_in, text, kind, first, last):
    [claim] = claims_in(text, kind)
    assert (claim.value, claim.value_end) == (Decimal(first), Decimal(last))


def test_a_rate_does_not_swallow_the_next_number(claims_in):
    [claim] = claims_in("He raised $25 million over a six-month period.", "quantity")
    assert (claim.text, claim.value, claim.unit) == ("six-month", Decimal(6), "month")


def test_a_capitalised_unit_in_prose_is_a_title(claims_in):
    assert claims_in('The film "13 Hours" opened in January to mixed reviews.', "quantity") == []
    [claim] = claims_in("Man Walks 20 Miles To Work Every Day", "quantity")
    assert claim.value == Decimal(20)


@pytest.mark.parametrize(
    ("text", "value", "last"),
    [("The actress died Thursday at 91.", 91, None),
     ("Teens who will turn 18 before the election may vote.", 18, None),
     ("A survey of 18-to-29-year-olds found wide support.", 18, 29),
     ("Most 17-year-olds cannot vote in the primary.", 17, None)],
)
def test_ages_after_a_day_a_turn_or_a_span(claims_in, text, value, last):
    [claim] = claims_in(text, "quantity")
    assert (claim.value, claim.unit, claim.value_end) == (Decimal(value), "year", None if last is None else Decimal(last))


def test_a_weekday_naming_a_modal_clause_subject_is_the_nearest(claims_in):
    [claim] = claims_in("Analysts say Friday's provisional deal may only delay a strike.", "date", date(2016, 5, 29))
    assert claim.date_value == date(2016, 5, 27)


@pytest.mark.parametrize(
    ("text", "value"),
    [("The runway is a quarter mile long.", Decimal("0.25")),
     ("Police closed streets within a half mile of the plant.", Decimal("0.5"))],
)
def test_a_quarter_or_half_mile_without_its_article_or_dash(claims_in, text, value):
    [claim] = claims_in(text, "quantity")
    assert (claim.value, claim.unit) == (value, "mile")


@pytest.mark.parametrize(
    ("text", "published", "first", "last"),
    [("The campaign raised $40 million in the first half of the year.", date(2015, 11, 27),
      date(2015, 1, 1), date(2015, 6, 1)),
     ("Exports grew in the third quarter of 2014.", DECEMBER_2015, date(2014, 7, 1), date(2014, 9, 1)),
     ("The strike could hurt second-quarter earnings.", date(2016, 5, 29), date(2016, 4, 1), date(2016, 6, 1))],
)
def test_a_quarter_or_half_of_a_year_is_its_months(claims_in, text, published, first, last):
    [claim] = claims_in(text, "date", published)
    assert (claim.date_value, claim.date_end, claim.date_precision) == (first, last, "month")


def test_a_quarter_of_a_game_is_no_date(claims_in):
    assert claims_in("Smith scored 12 points in the first quarter and the team led at the half.", "date") == []


@pytest.mark.parametrize(
    ("text", "ages"),
    [("The children, ages 3, 5 and 8, were unharmed.", [3, 5, 8]),
     ("She is survived by two sons, 40 and 42.", [40, 42]),
     ("Aged just 17, she won the national title.", [17])],
)
def test_ages_in_a_list_or_after_just(claims_in, text, ages):
    assert [c.value for c in claims_in(text, "quantity") if c.unit == "year"] == [Decimal(a) for a in ages]


@pytest.mark.parametrize(
    ("text", "first", "last", "unit"),
    [("It is a 10- to 15-minute walk from the station.", 10, 15, "minute"),
     ("The town is a 3-to-4-hour drive from the capital.", 3, 4, "hour"),
     ("Temperatures will range from 60 to 70 degrees this week.", 60, 70, "degree_Fahrenheit")],
)
def test_ranges_written_with_a_dash_before_to_or_in_degrees(claims_in, text, first, last, unit):
    [claim] = claims_in(text, "quantity")
    assert (claim.value, claim.value_end, claim.unit) == (Decimal(first), Decimal(last), unit)


def test_a_sunday_papers_this_week_of_what_is_ahead_starts_the_next_day(claims_in):
    ahead, = claims_in("The senator will skip this week's party convention.", "date", date(2016, 7, 24))
    gone, = claims_in("The senator campaigned in Ohio this week.", "date", date(2016, 7, 24))
    assert (ahead.date_value, gone.date_value) == (date(2016, 7, 25), date(2016, 7, 18))


def test_the_late_90s_without_an_apostrophe_is_a_decade(claims_in):
    [claim] = claims_in("In the late 90s she was a pop star with a hit television show.", "date")
    assert (claim.date_value, claim.date_end) == (date(1990, 1, 1), date(1999, 1, 1))
    assert claims_in("Highs will be in the low 90s on Friday.", "date")[:-1] == []


def test_a_month_a_bare_participle_is_for_is_the_nearest(claims_in):
    december, january = claims_in("Most of the airtime reserved for December and January in Iowa comes from super PACs.",
                                  "date", date(2016, 11, 27))
    assert (december.date_value, january.date_value) == (date(2016, 12, 1), date(2017, 1, 1))


@pytest.mark.parametrize(
    ("text", "day"),
    [("Cruz challenged Trump to a debate before Monday's caucus.", date(2016, 2, 1)),
     ("Candidates crisscrossed Iowa ahead of Monday's caucuses.", date(2016, 2, 1)),
     ("The senator raised money until Monday.", date(2016, 1, 25))],
)
def test_a_day_before_which_a_past_deed_was_done_is_the_nearest(claims_in, text, day):
    [claim] = claims_in(text, "date", date(2016, 1, 29))
    assert claim.date_value == day


@pytest.mark.parametrize(
    ("text", "values"),
    [("In the new poll Sanders leads 49-45 percent.", [49, 45]),
     ("The jobless rate fell from 5.1 to 4.9 percent in May.", [Decimal("5.1"), Decimal("4.9")])],
)
def test_the_first_figure_of_a_score_or_a_change_is_a_percent_too(claims_in, text, values):
    assert [c.value for c in claims_in(text, "percent")] == [Decimal(v) for v in values]


@pytest.mark.parametrize(
    ("text", "year"),
    [("Comedian picked to host 2014 Oscars", 2014),
     ("The city will bid for the 2024 Summer Olympics.", 2024),
     ("Turnout could not match 2008, when 236,000 Iowans took part.", 2008)],
)
def test_a_year_before_an_event_or_a_when_clause(claims_in, text, year):
    assert [c.date_value for c in claims_in(text, "date")] == [date(year, 1, 1)]

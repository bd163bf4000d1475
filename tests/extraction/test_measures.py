"""Quantities with units (pint), percents, earthquake magnitudes and ages, as stated and
converted to one unit per dimension."""
from datetime import date
from decimal import Decimal

import pytest

from claims.extraction.numeric_claims import find_claims


@pytest.fixture
def claims_in(nlp):
    def run(text: str, kind: str, published: date | None = date(2016, 10, 20)):
        return [c for c in find_claims(nlp(text), published=published) if c.kind == kind]

    return run


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "base_value", "base_unit"),
    [
        ("Each bottle holds 250ml of water.", "250ml", "250", "milliliter", "0.00025", "cubic_meter"),
        ("Workers laid a 5-inch pipe under the road.", "5-inch", "5", "inch", "0.127", "meter"),
        ("The flat measures 80 square meters.", "80 square meters", "80", "square_meter", "80", "square_meter"),
        ("The plant covers 15,800 square metres.", "15,800 square metres", "15800", "square_meter", "15800",
         "square_meter"),
        ("Winds reached 100 miles an hour.", "100 miles an hour", "100", "mile_per_hour", "44.704", "meter_per_second"),
        ("The car was doing 193km/h when it crashed.", "193km/h", "193", "kilometer_per_hour", "53.6111111111111",
         "meter_per_second"),
        ("The finish line is 3/4 mile away.", "3/4 mile", "0.75", "mile", "1207.008", "meter"),
        ("The new laptop has a 13-inch screen.", "13-inch", "13", "inch", "0.3302", "meter"),
        ("Its chip runs at 2.7GHz.", "2.7GHz", "2.7", "gigahertz", "2700000000", "hertz"),
        ("The warehouse is a 170,000-square-foot building.", "170,000-square-foot", "170000", "square_foot",
         "15793.5168", "square_meter"),
        ("It was 28 degrees Celsius in the shade.", "28 degrees Celsius", "28", "degree_Celsius", "301.15", "kelvin"),
        ("The storm dumped rain for half an hour.", "half an hour", "0.5", "hour", "1800", "second"),
    ],
)
def test_quantities_keep_their_unit_as_stated_and_a_base_unit(claims_in, text, surface, value, unit, base_value,
                                                             base_unit):
    [claim] = claims_in(text, "quantity")
    assert (claim.text, claim.value, claim.unit) == (surface, Decimal(value), unit)
    assert (claim.base_value, claim.base_unit) == (Decimal(base_value), base_unit)


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("The trail is one and a half miles long.", "one and a half miles", "1.5", "mile"),
        ("The runners covered a mile and a half before the rain.", "a mile and a half", "1.5", "mile"),
        ("The standoff lasted two and a half hours.", "two and a half hours", "2.5", "hour"),
        ("Police found a pipe 2-1/2 inches wide.", "2-1/2 inches", "2.5", "inch"),
    ],
)
def test_halves_and_hyphenated_fractions_are_read_whole(claims_in, text, surface, value, unit):
    [claim] = claims_in(text, "quantity")
    assert (claim.text, claim.value, claim.unit) == (surface, Decimal(value), unit)


def test_ten_miles_and_sixteen_km_meet_in_meters(claims_in):
    [miles] = claims_in("The fire spread 10 miles overnight.", "quantity")
    [km] = claims_in("The fire spread 16.09344 km overnight.", "quantity")
    assert miles.base_unit == km.base_unit == "meter"
    assert miles.base_value == km.base_value == Decimal("16093.44")


def test_feet_and_inches_are_one_height_in_inches(claims_in):
    [claim] = claims_in("The suspect is 6 feet 1 inch tall.", "quantity")
    assert (claim.value, claim.unit, claim.base_unit) == (Decimal(73), "inch", "meter")
    assert claim.notes == ["6 feet 1 inches = 73 inch"]


def test_tons_in_a_story_told_in_dollars_are_short_tons(claims_in):
    [claim] = claims_in("The $2 million shipment weighed 40 tons.", "quantity")
    assert (claim.unit, claim.base_value) == ("short_ton", Decimal("36287.3896"))
    assert claim.notes == ["tons: short tons (a story told in dollars: US usage)"]


def test_tonnes_are_metric_whatever_the_story(claims_in):
    [claim] = claims_in("The $2 million shipment weighed 40 tonnes.", "quantity")
    assert (claim.unit, claim.base_value, claim.notes) == ("metric_ton", Decimal(40000), [])


def test_pounds_of_weight_are_a_mass(claims_in):
    [claim] = claims_in("Agents seized 200 pounds of cocaine at the port.", "quantity")
    assert (claim.unit, claim.base_unit, claim.base_value) == ("pound", "kilogram", Decimal("90.718474"))


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("A magnitude 6.1 earthquake struck the island.", "magnitude 6.1"),
        ("The 6.1-magnitude quake shook the capital.", "6.1-magnitude"),
        ("The quake measured 6.1 on the Richter scale.", "6.1 on the Richter scale"),
        ("A 6.1 earthquake hit the coast on Friday.", "6.1"),
        ("An earthquake measuring 6.1 struck the region.", "6.1"),
        ("The USGS said the M6.1 quake hit near the coast.", "M6.1"),
    ],
)
def test_earthquake_magnitudes_are_magnitudes_not_counts(claims_in, text, surface):
    [claim] = claims_in(text, "quantity")
    assert (claim.text, claim.value, claim.unit, claim.base_unit) == (surface, Decimal("6.1"), "magnitude", "magnitude")
    assert claims_in(text, "count") == []


@pytest.mark.parametrize(
    ("text", "surface", "value", "subject"),
    [
        ("Lindsay Lohan, 26, checked into rehab.", "26", 26, "lindsay lohan age"),
        ("The 40-year-old Tony Thompson was knocked out.", "40-year-old", 40, "tony thompson age"),
        ("Esther Williams died on Thursday. She was 91.", "91", 91, "esther williams age"),
        ("A woman, aged 45, was taken to hospital.", "aged 45", 45, "woman age"),
    ],
)
def test_ages_are_years_tied_to_the_person(claims_in, text, surface, value, subject):
    [claim] = claims_in(text, "quantity")
    assert (claim.text, claim.value, claim.unit, claim.subject) == (surface, Decimal(value), "year", subject)


def test_percentage_points_are_not_percent(claims_in):
    claims = claims_in("Her lead grew 2.83 percentage points to 47 percent.", "percent")
    assert [(c.value, c.unit) for c in claims] == [(Decimal("2.83"), "percentage_point"), (Decimal(47), "percent")]


def test_a_poll_lead_in_points_is_percentage_points(claims_in):
    claims = claims_in("Carson beat Clinton by one point, with 47 percent to her 46 percent.", "percent")
    assert [(c.text, c.unit) for c in claims][0] == ("one point", "percentage_point")


def test_four_in_ten_is_a_share_of_forty_percent(claims_in):
    [claim] = claims_in("Four in 10 voters said they were undecided.", "percent")
    assert (claim.text, claim.value, claim.unit) == ("Four in 10", Decimal(40), "percent")


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("Temperatures reached 40C in Seville on Sunday.", "40C", "40", "degree_Celsius"),
        ("The temperature fell to -12C overnight.", "-12C", "-12", "degree_Celsius"),
        ("It was minus 5 degrees Celsius in Oslo.", "minus 5 degrees Celsius", "-5", "degree_Celsius"),
        ("Phoenix hit 104F as the heat wave went on.", "104F", "104", "degree_Fahrenheit"),
    ],
)
def test_temperatures_below_zero_or_with_the_scale_glued_are_temperatures(claims_in, text, surface, value, unit):
    [claim] = claims_in(text, "quantity")
    assert (claim.text, claim.value, claim.unit, claim.base_unit) == (surface, Decimal(value), unit, "kelvin")


def test_degrees_alone_in_the_weather_are_decided_by_the_story_and_say_so(claims_in):
    [claim] = claims_in("Temperatures hit 95 degrees as the heat wave continued.", "quantity")
    assert (claim.value, claim.unit) == (Decimal(95), "degree_Fahrenheit")
    assert claim.confidence < 0.7 and "Fahrenheit" in claim.notes[0]
    [claim] = claims_in("The heat index reached 38 degrees in Madrid.", "quantity")
    assert (claim.value, claim.unit) == (Decimal(38), "degree_Celsius")


def test_degrees_of_a_turn_are_no_temperature(claims_in):
    assert claims_in("The skater landed a 360 degrees spin in the cold arena.", "quantity") == []


def test_a_fraction_of_a_group_is_no_count_of_thirds_or_quarters(nlp):
    text = "Two-thirds of voters back the plan, and 3 quarters of members oppose it."
    claims = find_claims(nlp(text), published=date(2016, 10, 20))
    assert [c.text for c in claims if c.kind in ("count", "quantity")] == []


def test_a_number_after_is_or_was_is_an_age_only_after_a_person(claims_in):
    assert [(c.text, c.unit) for c in claims_in("The new phone weighs 129 grams and is 6.9mm thin.", "quantity")] == [
        ("129 grams", "gram"), ("6.9mm", "millimeter")
    ]
    assert claims_in("The final score was 3. The match ended there.", "quantity") == []
    [age] = claims_in("The final score was 3. Teixeira will be 29 in April.", "quantity")
    assert (age.text, age.value, age.unit) == ("29", Decimal(29), "year")


def test_an_age_range_is_one_claim_from_first_to_last(claims_in):
    [claim] = claims_in("Police said two women and one man, between 30 and 40 years old, died.", "quantity")
    assert (claim.text, claim.qualifier, claim.value, claim.value_end, claim.unit) == (
        "between 30 and 40 years old", "range", Decimal(30), Decimal(40), "year"
    )


def test_the_three_point_line_is_no_percentage_points(nlp):
    text = "He shot 31 percent from behind the three-point line this season."
    claims = find_claims(nlp(text), published=date(2009, 1, 1))
    assert [(c.text, c.kind) for c in claims] == [("31 percent", "percent")]


def test_who_will_turn_29_is_an_age(claims_in):
    [age] = claims_in("Mark Teixeira, who will turn 29 in April, could be the centerpiece.", "quantity")
    assert (age.text, age.value, age.unit) == ("29", Decimal(29), "year")


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("The baby weighed 7 pounds 8 ounces at birth.", "7 pounds 8 ounces", "120", "ounce"),
        ("The flight took 2 hours and 15 minutes.", "2 hours and 15 minutes", "135", "minute"),
        ("She finished in 2 hours, 3 minutes and 59 seconds.", "2 hours, 3 minutes and 59 seconds", "7439", "second"),
        ("He was sentenced to 2 years and 6 months in prison.", "2 years and 6 months", "30", "month"),
    ],
)
def test_a_measure_told_in_two_units_is_one_claim_in_the_smaller(claims_in, text, surface, value, unit):
    [claim] = claims_in(text, "quantity")
    assert (claim.text, claim.value, claim.unit) == (surface, Decimal(value), unit)
    assert claim.notes[-1] == f"{surface}: {value} {unit}"


def test_two_measures_that_cannot_be_one_stay_two(claims_in):
    claims = claims_in("He ran for 3 hours, 90 minutes later he rested.", "quantity")
    assert [(c.text, c.unit) for c in claims] == [("3 hours", "hour"), ("90 minutes", "minute")]


@pytest.mark.parametrize(
    ("text", "surface", "unit", "qualifier"),
    [
        ("He talked to his management team, went on vacation for a week, then made his decision.", "a week", "week",
         "exact"),
        ("The rioting helped drive the euro below $1.29 for the first time in over a year.", "over a year", "year",
         "at_least"),
        ("Lawmakers held a minute of silence for the dead.", "a minute", "minute", "exact"),
        ("Attorneys said they would miss the deadline, and requested another month.", "another month", "month",
         "exact"),
    ],
)
def test_an_article_before_a_unit_of_time_is_one_of_it(claims_in, text, surface, unit, qualifier):
    [claim] = claims_in(text, "quantity")
    assert (claim.text, claim.value, claim.unit, claim.qualifier) == (surface, Decimal(1), unit, qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "The deal paid him about $4 million a year.",
        "Kolokythopoulos, a pensioner, lives on less than 1,000 euros a month.",
        "It guzzles fuel and costs thousands of dollars an hour to fly.",
    ],
)
def test_a_rate_per_unit_of_time_is_no_duration_of_one(claims_in, text):
    assert claims_in(text, "quantity") == []


def test_english_words_pint_reads_as_units_are_not_units(claims_in):
    # "2 as" would be two attoseconds, "tends" ten deciseconds
    text = "Cheeks, who was fired March 2 as head coach, tends to smile."
    assert claims_in(text, "quantity") == []
    [day] = claims_in(text, "date", date(2005, 5, 24))
    assert day.date_value == date(2005, 3, 2)


def test_a_place_before_thousands_is_no_age_in_apposition(claims_in):
    assert claims_in("In Heraklion, 10,000 people are reported as marching against the measures.", "quantity") == []


def test_at_the_age_of_is_an_age(claims_in):
    [age] = claims_in("Williams died yesterday in Beverly Hills, California, at the age of 91, her spokesman said.",
                      "quantity")
    assert (age.text, age.value, age.unit) == ("91", Decimal(91), "year")


def test_a_hyphenated_and_a_half_is_read(claims_in):
    [claim] = claims_in("The plan involved putting up a four-and-a-half-acre commercial center.", "quantity")
    assert (claim.value, claim.unit) == (Decimal("4.5"), "acre")


@pytest.mark.parametrize(
    ("text", "surface", "first", "last", "unit"),
    [
        ("His preference would be to sign him to a deal between six and eight years.", "between six and eight years",
         6, 8, "year"),
        ("A great deal of money was made over the last 10-20 years.", "10-20 years", 10, 20, "year"),
    ],
)
def test_a_range_of_a_measure_is_one_claim_from_first_to_last(claims_in, text, surface, first, last, unit):
    [claim] = claims_in(text, "quantity")
    assert (claim.text, claim.value, claim.value_end, claim.unit, claim.qualifier) == (
        surface, Decimal(first), Decimal(last), unit, "range")


def test_a_year_before_a_number_word_unit_does_not_hide_it(claims_in):
    [claim] = claims_in("The February 2008 three-hour plus broadcast was hosted by Jon Stewart.", "quantity")
    assert (claim.text, claim.value, claim.unit) == ("three-hour", Decimal(3), "hour")


def test_a_span_of_time_after_a_verb_is_no_rate(claims_in):
    [claim] = claims_in("It comes a day after three bank workers died in a petrol bomb attack.", "quantity")
    assert (claim.text, claim.value, claim.unit) == ("a day", Decimal(1), "day")


def test_feet_of_office_space_are_square_feet(claims_in):
    [claim] = claims_in("Trump Tower rented 9,000 feet of office space in December at $120 per square foot.",
                        "quantity")
    assert (claim.value, claim.unit, claim.base_unit) == (Decimal(9000), "square_foot", "square_meter")
    assert claim.notes


def test_a_fraction_is_no_unit(claims_in):
    assert claims_in("Black voters make up at least about one-fifth of the Democratic electorate.", "quantity") == []


@pytest.mark.parametrize(("text", "surface"), [("A week after Trump spoke to the gathering, he left.", "A week"),
                                               ("The Latest on the race with one day to go until the primary.",
                                                "one day")])
def test_a_span_opening_a_sentence_or_left_to_go_is_a_duration(claims_in, text, surface):
    [claim] = claims_in(text, "quantity")
    assert (claim.text, claim.value) == (surface, Decimal(1))


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("Page died Thursday night at a Los Angeles hospital-nine days after suffering a heart attack.", "nine days",
         9, "day"),
        ("The campaign aired a spot during a one-day soccer event.", "one-day", 1, "day"),
    ],
)
def test_durations_glued_by_a_hyphen(claims_in, text, surface, value, unit):
    [claim] = claims_in(text, "quantity")
    assert (claim.text, claim.value, claim.unit) == (surface, Decimal(value), unit)


@pytest.mark.parametrize(
    ("text", "surface", "unit", "base_unit"),
    [
        ("The ship was attacked 70 nautical miles east of Aden.", "70 nautical miles", "nautical_mile", "meter"),
        ("The 12MP camera shoots 4K video.", "12MP", "megapixel", "pixel"),
        ("The car does 40 mpg on the highway.", "40 mpg", "mile_per_gallon", "kilometer_per_liter"),
        ("The river carried 2.6million litres of water.", "2.6million litres", "liter", "cubic_meter"),
    ],
)
def test_compound_and_glued_units(claims_in, text, surface, unit, base_unit):
    [claim] = claims_in(text, "quantity")
    assert (claim.text, claim.unit, claim.base_unit) == (surface, unit, base_unit)


def test_ages_of_several_people_and_an_age_range(claims_in):
    ages = claims_in("Two men, aged 20 and 24, were arrested.", "quantity")
    assert [(a.value, a.unit) for a in ages] == [(Decimal(20), "year"), (Decimal(24), "year")]
    [span] = claims_in("The pirates, aged between 18 and 25, were held.", "quantity")
    assert (span.value, span.value_end, span.qualifier) == (Decimal(18), Decimal(25), "range")


def test_a_part_of_a_unit_written_as_a_word_is_that_fraction(claims_in):
    claims = claims_in("A quarter-mile area around the scene was cordoned off, and a half-mile road closed.", "quantity")
    assert [(c.text, c.value, c.unit) for c in claims] == [
        ("quarter-mile", Decimal("0.25"), "mile"), ("half-mile", Decimal("0.5"), "mile")]


def test_hyphenated_degrees_in_the_heat_are_a_temperature(claims_in):
    [claim] = claims_in("Why was he out in 97-degree heat?", "quantity")
    assert (claim.text, claim.value, claim.unit) == ("97-degree", Decimal(97), "degree_Fahrenheit")


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("The suspect, now 42, was arrested in Ohio.", [Decimal(42)]),
        ("The two men, 24 and 27, were charged.", [Decimal(24), Decimal(27)]),
        ("Canvassers as young as 17 and as old as 80 headed out.", [Decimal(17), Decimal(80)]),
        ("The government will raise the retirement age for women to 65.", [Decimal(65)]),
    ],
)
def test_ages_beside_a_person_or_bounding_a_group_are_years(claims_in, text, ages):
    claims = claims_in(text, "quantity")
    assert [(c.value, c.unit) for c in claims] == [(age, "year") for age in ages]


@pytest.mark.parametrize(
    ("text", "surface", "first", "last", "unit"),
    [
        ("Support ranged between 40 and 45 percent.", "between 40 and 45 percent", 40, 45, "percent"),
        ("Turnout rose 20-25 percent.", "20-25 percent", 20, 25, "percent"),
        ("The margins of error are 3.1 and 4.9 percentage points.", "3.1 and 4.9 percentage points",
         Decimal("3.1"), Decimal("4.9"), "percentage_point"),
        ("The poll has a margin of error between +/- 3.1 and 4.9.", "3.1 and 4.9", Decimal("3.1"), Decimal("4.9"),
         "percentage_point"),
    ],
)
def test_a_range_of_percents_is_one_claim_from_first_to_last(claims_in, text, surface, first, last, unit):
    [claim] = claims_in(text, "percent")
    assert (claim.text, claim.value, claim.value_end, claim.unit) == (surface, first, last, unit)


def test_a_score_in_percents_is_no_range(claims_in):
    clinton, trump = claims_in("Clinton trails Trump 44-46 percent in Ohio.", "percent")
    assert [(c.value, c.value_end) for c in (clinton, trump)] == [(44, None), (46, None)]


def test_a_percent_sign_as_pc_glued_to_the_figure_is_a_percent(claims_in):
    [claim] = claims_in("Greek stocks fell 3.9pc on Wednesday.", "percent")
    assert (claim.text, claim.value) == ("3.9pc", Decimal("3.9"))


def test_a_video_resolution_is_no_amount_in_pence(claims_in):
    assert claims_in("The phone has a 5.5-inch 1080p display.", "money") == []


def test_a_mile_is_one_mile_but_not_a_rate(claims_in):
    assert [(c.text, c.value, c.unit) for c in claims_in("The crash happened about a mile from the school.", "quantity")] \
        == [("about a mile", Decimal(1), "mile")]
    assert claims_in("He paid $4 a mile.", "quantity") == []

from pathlib import Path

import pytest

from claims.extraction.cleaning import clean_plain_text, date_from_url

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_seed_000_title_is_its_headline():
    clean = clean_plain_text(seed("000"))
    assert clean.title == "NATO vows to aid Ukraine ‘for as long as it takes’"


def test_seed_000_keeps_the_story_and_drops_the_masthead_and_date_line():
    body = clean_plain_text(seed("000")).body
    assert body.startswith("NATO vows to aid Ukraine ‘for as long as it takes’\nNATO is determined to help Ukraine")
    assert "London Daily" not in body
    assert "Focus on the big picture." not in body
    assert "Wednesday, Jan 28, 2026" not in body
    assert body.count("NATO vows to aid Ukraine") == 1


def test_seed_000_drops_related_headlines_and_player_controls():
    body = clean_plain_text(seed("000")).body
    assert body.endswith("the best way to increase the chances for a peaceful solution is to support Ukraine.”")
    for furniture in ("Newsletter", "Related Articles", "0:00", "Kim Kardashian", "Greenland Gambit", "×"):
        assert furniture not in body


def test_site_date_line_above_the_headline_is_not_the_story_date():
    # "Wednesday, Jan 28, 2026" beside the masthead is the day the page was captured; the
    # story (NATO foreign ministers meeting in Bucharest) ran in November 2022.
    clean = clean_plain_text(seed("000"))
    assert clean.published is None and clean.published_from == ""


def test_seed_000_outlet_is_its_masthead():
    assert clean_plain_text(seed("000")).outlet == "London Daily"


@pytest.mark.parametrize("prefix", ["001", "002", "003", "004"])
def test_seeds_without_masthead_or_date_leave_both_unknown(prefix):
    clean = clean_plain_text(seed(prefix))
    assert (clean.outlet, clean.published) == ("", None)


STORY = "Foreign ministers meeting in Bucharest next week will discuss the air defence systems allies have promised, officials said."


def test_a_byline_date_is_the_story_date():
    clean = clean_plain_text(f"The Daily Courier\nNATO pledges air defence for Ukraine\nBy Ann Lee | Nov. 25, 2022 10:14 AM\n{STORY}")
    assert (str(clean.published), clean.published_from) == ("2022-11-25", "byline")
    assert clean.title == "NATO pledges air defence for Ukraine"
    assert "By Ann Lee" not in clean.body


def test_a_date_line_under_the_headline_is_the_story_date_and_one_above_it_is_not():
    page = f"Wednesday, Jan 28, 2026\nNATO pledges air defence for Ukraine\nNovember 25, 2022\n{STORY}"
    assert str(clean_plain_text(page).published) == "2022-11-25"


def test_published_wins_over_updated_and_updated_is_used_alone():
    both = f"NATO pledges air defence for Ukraine\nUpdated: 26 November 2022\nPublished: 25 November 2022\n{STORY}"
    assert str(clean_plain_text(both).published) == "2022-11-25"
    alone = f"NATO pledges air defence for Ukraine\nLast updated on Nov 26, 2022\n{STORY}"
    assert str(clean_plain_text(alone).published) == "2022-11-26"


def test_a_dateline_opening_the_story_is_its_date():
    clean = clean_plain_text(f"NATO pledges air defence for Ukraine\nBRUSSELS, Nov. 25, 2022 (Reuters) - {STORY}")
    assert (str(clean.published), clean.published_from) == ("2022-11-25", "dateline")


def test_a_dateline_without_a_year_gives_no_date():
    assert clean_plain_text(f"NATO pledges air defence\nBRUSSELS, Nov. 25 (Reuters) - {STORY}").published is None


def test_a_copyright_line_names_the_outlet_and_leaves_the_body():
    clean = clean_plain_text(f"{STORY}\n\u00a9 2022 The Daily Courier. All rights reserved.")
    assert clean.outlet == "The Daily Courier" and "rights reserved" not in clean.body


def test_a_section_name_above_the_headline_is_not_an_outlet():
    assert clean_plain_text(f"Politics\nNATO pledges air defence for Ukraine\n{STORY}").outlet == ""


@pytest.mark.parametrize("url, day", [
    ("https://courier.example/2022/11/25/nato-air-defence", "2022-11-25"),
    ("https://courier.example/world/nato-air-defence-2022-11-25-story.html", "2022-11-25"),
    ("https://courier.example/news/20221125/nato/", "2022-11-25"),
    ("https://courier.example/2022/13/45/nato", None),
    ("https://courier.example/story/123456789/", None),
])
def test_date_from_url(url, day):
    found = date_from_url(url)
    assert (str(found) if found else None) == day


def test_headline_line_of_seed_002_is_title_and_stays_in_body():
    clean = clean_plain_text(seed("002"))
    assert clean.title.startswith("Ukraine to receive NATO support for 'as long as it takes,'")
    assert clean.body.startswith(clean.title + "\n")


def test_article_without_headline_is_titled_by_its_first_sentence():
    clean = clean_plain_text(seed("001"))
    assert clean.title == (
        "U.S. Secretary of State Antony Blinken stated that every NATO member has reaffirmed its commitment "
        "to continuing assistance to Ukraine."
    )
    assert clean.body.startswith("U.S. Secretary of State Antony Blinken")


@pytest.mark.parametrize("prefix", ["001", "002", "003", "004"])
def test_clean_seeds_lose_no_story_line(prefix):
    raw = seed(prefix)
    body = clean_plain_text(raw).body
    for line in raw.splitlines():
        if line.strip():
            assert line.strip() in body


def test_a_short_note_without_prose_is_kept_whole():
    clean = clean_plain_text("Turnout was 61 percent.")
    assert clean.body == "Turnout was 61 percent."


def test_nul_and_control_characters_are_dropped_and_line_endings_unified():
    clean = clean_plain_text("The council met on Tuesday and voted 7 to 2 to approve the budget.\x00\r\nIt passed.\r\n")
    assert "\x00" not in clean.body and "\r" not in clean.body
    assert clean.body.endswith("It passed.")


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("May 3rd, 2013 2:00pm EDT", "2013-05-03"),
        ("12:52 p.m. EDT May 2, 2013", "2013-05-02"),
        ("05 / 02 / 2013", "2013-05-02"),
        ("26 September 2013, 10:00 (GMT+05:00)", "2013-09-26"),
        ("Fri., May. 3, 2013 11:45 AM PDT", "2013-05-03"),
        ("Posted: 08 / 02 / 2013 11:10 am EDT", "2013-08-02"),
        ("Originally published 05 / 03 / 2013 at 10:20 AM EDT", "2013-05-03"),
        ("Sat Nov 12 2011, 01:19 hrs", "2011-11-12"),
        ("Friday, Sep 10, 2010 | Updated 8:52 PM EDT", "2010-09-10"),
        ("August 7, 2012-5:46 pm", "2012-08-07"),
        ("Story Created: Aug 7, 2012 at 9:56 AM AKDT", "2012-08-07"),
        ("Tuesday 28 April 2009 22.34 BST", "2009-04-28"),
        ("May 3, 2013 10.14am", "2013-05-03"),
        ("WASHINGTON, DC, April 28, 2009", "2009-04-28"),
        ("LONDON, 12 March 2010", "2010-03-12"),
    ],
)
def test_date_lines_as_sites_print_them_date_the_story(line, day):
    clean = clean_plain_text(f"NATO pledges air defence for Ukraine\n{line}\n{STORY}")
    assert (str(clean.published), clean.title) == (day, "NATO pledges air defence for Ukraine")
    assert line not in clean.body


def test_a_short_line_with_a_year_and_other_words_is_not_a_date_line():
    clean = clean_plain_text(f"Oscars 2013 winners list in full\n{STORY}")
    assert (clean.title, clean.published) == ("Oscars 2013 winners list in full", None)


def test_the_headline_is_the_line_above_the_date_line_and_the_standfirst_is_not():
    page = (f"Ellen DeGeneres To Host Oscars\nAUGUST 2, 2013 | 08:06AM PT\nTalkshow host returns for second Oscar tour\n"
            f"{STORY}")
    clean = clean_plain_text(page)
    assert (clean.title, str(clean.published)) == ("Ellen DeGeneres To Host Oscars", "2013-08-02")


def test_a_headline_written_as_a_sentence_is_not_taken_for_the_story_start():
    headline = "Cheeks returns as the club's fixer after the coach was shown the door after a single tumultuous season."
    clean = clean_plain_text(f"{headline}\nPosted: May 24, 2005\n{STORY}")
    assert (clean.title, str(clean.published)) == (headline, "2005-05-24")
    assert clean.body == f"{headline}\n{STORY}"


def test_a_page_with_no_prose_line_keeps_its_headline_and_date():
    page = ("Lindsay Lohan Checks Into Rehab at Betty Ford Center\nFri., May. 3, 2013 11:45 AM PDT\n"
            "Early Friday morning, around 1:30 a.m., the 26-year-old actress checked into the Betty Ford Center,")
    clean = clean_plain_text(page)
    assert (clean.title, str(clean.published)) == ("Lindsay Lohan Checks Into Rehab at Betty Ford Center", "2013-05-03")
    assert clean.body.endswith("checked into the Betty Ford Center,")


def test_a_line_of_names_and_a_year_is_a_headline_not_a_dateline():
    clean = clean_plain_text(f"NATO, EU, 2022 plans\n{STORY}")
    assert (clean.title, clean.published) == ("NATO, EU, 2022 plans", None)


def test_bulleted_standfirst_points_under_the_headline_are_not_the_headline():
    page = ("Obama White House reverses Bush rule on protection of endangered species\n"
            "• Interior and commerce departments agree\n"
            "• Government wildlife experts to be consulted on development\n"
            f"Tuesday 28 April 2009 22.34 BST\n{STORY}")
    clean = clean_plain_text(page)
    assert clean.title == "Obama White House reverses Bush rule on protection of endangered species"
    assert str(clean.published) == "2009-04-28"

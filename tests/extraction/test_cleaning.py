from pathlib import Path

import pytest

from claims.extraction.cleaning import clean_plain_text

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


def test_site_date_line_becomes_the_publication_date():
    assert str(clean_plain_text(seed("000")).published) == "2026-01-28"


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

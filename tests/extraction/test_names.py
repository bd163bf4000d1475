"""Name keys, clean aliases and given names' gender (claims.extraction.names)."""
from claims.extraction.names import clean_alias, given_name_gender


def test_clean_alias_drops_the_determiner_and_a_trailing_time():
    assert clean_alias("The statement") == "statement"
    assert clean_alias("German Defense Minister Christine Lambrecht on Thursday") == (
        "German Defense Minister Christine Lambrecht")
    assert clean_alias("the former Norwegian prime minister") == "former Norwegian prime minister"


def test_clean_alias_keeps_a_name_as_written():
    assert clean_alias("Mayor Ann Lee") == "Mayor Ann Lee"


def test_given_name_gender_reads_the_first_name_of_a_full_name():
    assert given_name_gender("Mark Roesler") == "m"
    assert given_name_gender("Tara Reid") == "f"


def test_given_name_gender_says_nothing_of_a_surname_or_a_name_used_for_both():
    assert given_name_gender("Roesler") == ""
    assert given_name_gender("Jordan Peele") == ""

from datetime import date

from claims.matching import ArticleText, event_group_plan, event_mentions, group_events
from claims.matching.places import venue_words, venues_agree


def _reports(body: str) -> list[tuple[str, str, str]]:
    return [(m.kind, m.place, m.date_text) for m in event_mentions(ArticleText(id=1, source="A", body=body))]


def test_a_venue_the_gazetteer_lacks_places_a_debate():
    assert _reports("The second debate will be held at Hofstra University on October 16.") == [
        ("debate", "Hofstra University", "October 16")]


def test_a_venue_goes_before_its_town():
    assert _reports("The ceremony will take place at the Kodak Theatre in Los Angeles on February 22.") == [
        ("ceremony", "Kodak Theatre; Los Angeles", "February 22")]


def test_a_venue_of_several_words_is_read_whole():
    assert _reports("Sanders spoke to supporters at a rally at the Venetian Hotel and Casino.") == [
        ("rally", "Venetian Hotel and Casino", "")]


def test_a_university_a_speaker_works_at_is_no_venue_of_an_event():
    assert venue_words("a historian") == frozenset()
    assert _reports("A historian at Rice University said the results were unusual.") == []


def test_one_venue_spelled_two_ways_is_one_place_whatever_its_town():
    assert venues_agree("Kodak Theatre; Los Angeles", "Kodak Theater")
    assert venues_agree("Kodak Theatre", "Staples Center") is None


def test_awards_and_a_speech_are_events():
    assert _reports("The awards will be handed out on February 22 at the Kodak Theater.")[0][0] == "ceremony"
    assert _reports("Trump will deliver a speech at the Wells Fargo Center on Thursday.")[0][:2] == (
        "speech", "Wells Fargo Center")


def test_one_ceremony_at_one_venue_told_with_two_towns_is_consistent():
    a = ArticleText(id=1, source="A", outlet="A", published=date(2009, 1, 22),
                    body="The ceremony will take place at the Kodak Theatre in Los Angeles on February 22.")
    b = ArticleText(id=2, source="B", outlet="B", published=date(2009, 1, 22),
                    body="The awards will be handed out on February 22 at the Kodak Theater in Hollywood.")
    groups = group_events(event_mentions(a) + event_mentions(b), {1: 1, 2: 1})
    assert len(groups) == 1 and event_group_plan(groups[0]).state == "consistent"


def test_opened_fire_is_a_shooting_not_a_fire():
    body = "A gunman opened fire on shoppers at the Westfield mall in Sydney on Friday, police said."
    assert [m.kind for m in event_mentions(ArticleText(id=1, source="A", body=body))] == ["incident:killing"]


def test_a_fire_is_still_a_fire():
    body = "The fire broke out at a warehouse in Banstead early on Sunday, firefighters said."
    assert [m.kind for m in event_mentions(ArticleText(id=1, source="A", body=body))] == ["incident:fire"]


def test_a_quake_told_by_the_word_beside_its_place_is_regional():
    # "struck" is nearest the place, yet the report is of a quake, and a region shakes again
    # and again: the shared island does not make two reports one quake.
    a = ArticleText(id=1, source="A", outlet="A", published=date(2008, 9, 10),
                    body="A strong earthquake struck near Qeshm Island, officials said.")
    b = ArticleText(id=2, source="B", outlet="B", published=date(2008, 9, 10),
                    body="The earthquake struck near Qeshm Island on Wednesday morning.")
    assert group_events(event_mentions(a) + event_mentions(b), {1: 1, 2: 1}) == []


def test_a_venue_inside_a_college_is_read_to_the_college():
    assert _reports("The speech will be delivered at the New England Institute of Politics at Saint Anselm College.") == [
        ("speech", "New England Institute of Politics at Saint Anselm College", "")]

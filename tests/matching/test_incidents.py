"""Incidents (a death, a shooting, a fire ...) placed by a place phrase, grouped inside one story."""
from datetime import date

from claims.matching import CONSISTENT, ArticleText, event_group_plan, event_mentions, group_events


def _mentions(*bodies, published=None):
    articles = [ArticleText(id=n, source=f"outlet {n}", body=b, published=published, outlet=f"outlet {n}") for n, b in enumerate(bodies, 1)]
    return [m for a in articles for m in event_mentions(a)]


def test_a_death_is_placed_by_its_town_and_the_span_is_the_place():
    body = "Legendary pinup queen Bettie Page died of pneumonia at the age of 85 in a Los Angeles, California, hospital Thursday."
    [m] = _mentions(body)
    assert m.kind == "incident:death"
    assert body[m.start : m.end].startswith("in a Los Angeles")
    assert "85" not in body[m.start : m.end]  # the age is no part of the place


def test_two_spellings_of_one_address_are_one_shooting():
    mentions = _mentions(
        "Vancouver Police received a call of a man being shot at 40 East 5th Ave. on Friday.",
        "A man was shot inside a supplements store at 40 East Fifth Avenue, police said.",
    )
    groups = group_events(mentions, {1: 1, 2: 1})
    assert len(groups) == 1 and event_group_plan(groups[0]).state == CONSISTENT


def test_one_town_spelt_two_ways_is_one_bout():
    mentions = _mentions(
        "Wladimir Klitschko stopped Tony Thompson in the sixth round on Saturday in Bern, Switzerland.",
        "The Ukrainian world champion retained his titles by overcoming Thompson in Berne, Switzerland on Saturday.",
    )
    assert len(group_events(mentions, {1: 1, 2: 1})) == 1


def test_a_blast_told_by_the_deaths_it_caused_is_one_incident():
    mentions = _mentions(
        "A bomb exploded Friday at a Pacific Savings branch in Woodburn, killing a police officer and a trooper.",
        "Federal agents said the device detonated at the Pacific Savings branch in Woodburn.",
    )
    assert [m.kind for m in mentions] == ["incident:killing", "incident:blast"]
    assert [sorted(m.article_id for m in g) for g in group_events(mentions, {1: 1, 2: 1})] == [[1, 2]]


def test_a_shooting_and_a_court_hearing_in_one_city_are_two_incidents():
    mentions = _mentions(
        "A man shot two former co-workers at a warehouse in Vancouver on Friday.",
        "The accused appeared in court in Vancouver on Monday and was remanded in custody.",
    )
    assert group_events(mentions, {1: 1, 2: 1}) == []


def test_fires_in_two_towns_are_two_fires_though_both_on_a_high_street():
    mentions = _mentions(
        "Firefighters fought the blaze at the Waitrose store in High Street, Banstead.",
        "The fire service was called to the Waitrose store in High Street, Wellington.",
    )
    assert group_events(mentions, {1: 1, 2: 1}) == []


def test_incidents_in_two_stories_are_not_joined():
    mentions = _mentions(
        "Escalante was shot outside his boyhood home in Cypress Park early on Tuesday.",
        "The deputy was shot outside his Cypress Park home, the sheriff said.",
    )
    assert group_events(mentions, {1: 1, 2: 2}) == []


def test_a_person_named_like_a_town_is_no_place():
    body = "He is charged with intent to murder in the shootings of Riva, 47, of Sterling Heights. Paul Riva survived."
    assert all("Riva" not in m.place for m in _mentions(body))


def test_quakes_are_not_one_quake_by_their_island():
    mentions = _mentions(
        "A magnitude-5.2 quake has injured three people in the Persian Gulf Island of Qeshm.",
        "The quake was centred near Qeshm Island, home to 200,000 people.",
    )
    assert mentions and group_events(mentions, {1: 1, 2: 1}) == []


def test_an_undated_article_does_not_join_a_dated_one():
    dated = ArticleText(id=1, source="A", body="Comeaux escaped from a prison van in Baytown on Monday.", published=date(2009, 11, 30), outlet="A")
    undated = ArticleText(id=2, source="B", body="The escape happened near Baytown, Texas, officials said.", outlet="B")
    assert group_events(event_mentions(dated) + event_mentions(undated), {1: 1, 2: 1}) == []


def test_related_stories_join_one_spot_named_by_two_words_when_dated_close():
    a = ArticleText(id=1, source="A", body="Esther Williams died on Thursday in Beverly Hills, California, her spokesman said.",
                    published=date(2013, 6, 6), outlet="A")
    b = ArticleText(id=2, source="B", body="The swimming star passed away in Beverly Hills, Calif., at the age of 91.",
                    published=date(2013, 6, 6), outlet="B")
    mentions = event_mentions(a) + event_mentions(b)
    assert len(group_events(mentions, {1: 1, 2: 2}, lambda x, y: True)) == 1
    assert group_events(mentions, {1: 1, 2: 2}, lambda x, y: False) == []

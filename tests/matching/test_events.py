from datetime import date

from claims.matching import (
    CONFLICTING,
    CONSISTENT,
    ArticleText,
    event_group_plan,
    event_mentions,
    group_events,
    stories,
)
from tests.matching.conftest import BOMBING_BOTH, BOMBING_CHIEF, BOMBING_TROOPER


def _articles(seeds):
    return [ArticleText(id=n, source=f"seed {n:03d}", body=seeds[n]) for n in range(5)]


def test_bucharest_meeting_is_read_with_place_and_dates(seeds):
    mentions = event_mentions(ArticleText(id=0, source="seed 000", body=seeds[0]))
    dated = [m for m in mentions if m.date_text]
    assert [(m.kind, m.place, m.date_text, m.days) for m in dated] == [("meeting", "Bucharest", "Nov 29-30", (29, 30))]


def test_brussels_council_meeting_is_read(seeds):
    mentions = event_mentions(ArticleText(id=1, source="seed 001", body=seeds[1]))
    assert [(m.place, m.date_text) for m in mentions] == [("Brussels", "November 29")]


def test_bucharest_and_brussels_reports_are_one_event_flagged(seeds):
    groups = group_events([m for a in _articles(seeds) for m in event_mentions(a)])
    plans = [event_group_plan(g) for g in groups]
    nato = next(p for p in plans if {0, 1} <= p.article_ids)
    assert nato.state == CONFLICTING
    assert "Bucharest (seed 000)" in nato.reason and "Brussels (seed 001" in nato.reason


def test_washington_talks_are_another_event(seeds):
    mentions = [m for a in _articles(seeds) for m in event_mentions(a)]
    groups = group_events(mentions)
    assert groups and any(m.article_id == 4 for m in mentions)
    assert all(4 not in {m.article_id for m in g} for g in groups)


def test_same_place_and_overlapping_dates_are_consistent():
    a = ArticleText(id=1, source="A", body="The summit, held in Vilnius on July 11-12, ended with a communique.")
    b = ArticleText(id=2, source="B", body="Leaders met at the summit in Vilnius on July 11 to discuss Sweden.")
    groups = group_events(event_mentions(a) + event_mentions(b))
    assert len(groups) == 1 and event_group_plan(groups[0]).state == CONSISTENT


def test_same_place_on_far_apart_dates_is_two_events():
    a = ArticleText(id=1, source="A", body="The meeting in Vilnius on July 11 ended early.")
    b = ArticleText(id=2, source="B", body="The meeting in Vilnius on March 3 ended early.")
    assert group_events(event_mentions(a) + event_mentions(b)) == []


def test_undated_reports_in_two_states_are_two_votes():
    a = ArticleText(id=1, source="Breitbart", body="Trump and Cruz spoke after the primary in New Hampshire as Rubio trailed.")
    b = ArticleText(id=2, source="HuffPost", body="Trump and Cruz spoke after the primary in Charleston as Rubio trailed.")
    assert group_events(event_mentions(a) + event_mentions(b)) == []


def test_an_undated_report_does_not_join_two_votes_months_apart():
    a = ArticleText(id=1, source="Trend", body="The election in Turkmenistan on October 5 was the first with two parties.",
                    published=date(2008, 10, 6))
    b = ArticleText(id=2, source="Times", body="The election in Ashgabat drew few voters, officials said.", published=date(2008, 12, 16))
    c = ArticleText(id=3, source="CA", body="The election in Turkmenistan on December 15 was the first with two parties.",
                    published=date(2008, 12, 16))
    groups = group_events(event_mentions(a) + event_mentions(b) + event_mentions(c))
    assert [{m.article_id for m in g} for g in groups] == [{2, 3}]


def test_an_undated_report_in_an_undated_article_is_no_dated_event():
    # Which of Turkmenistan's elections an undated article tells of, nothing says.
    a = ArticleText(id=1, source="Trend", body="Elections in Turkmenistan planned for December 15, 2013 will have two parties.",
                    published=date(2013, 9, 26))
    b = ArticleText(id=2, source="Times", body="For the first time foreign observers monitor elections in Turkmenistan.")
    assert group_events(event_mentions(a) + event_mentions(b)) == []


def test_an_undated_report_is_not_of_an_event_dated_months_from_its_article():
    a = ArticleText(id=1, source="BBC", body="Fresh riots were reported in Greece on Saturday December 13 in protest at the killing.")
    b = ArticleText(id=2, source="AP", body="Lawmakers held a minute of silence for the first deaths during a protest in Greece since 1991.",
                    published=date(2010, 5, 5))
    assert group_events(event_mentions(a) + event_mentions(b)) == []


def test_two_winners_of_primaries_in_one_state_are_not_one_event_by_the_state_alone():
    kasich = ArticleText(id=1, source="A", outlet="A", body=(
        "By winning the Republican primary in Ohio, John Kasich picked up all 66 of the state's delegates."))
    clinton = ArticleText(id=2, source="B", outlet="B", body=(
        "Hillary Clinton has won the Democratic presidential primary in Ohio, earning her third win of the night."))
    clinton_again = ArticleText(id=3, source="C", outlet="C", body=(
        "Hillary Clinton won the primary in Ohio by a wide margin over Bernie Sanders."))
    mentions = [m for a in (kasich, clinton, clinton_again) for m in event_mentions(a)]
    groups = [sorted(m.article_id for m in g) for g in group_events(mentions, {1: 1, 2: 1, 3: 1})]
    assert groups == [[2, 3]]


def test_an_article_alike_to_two_stories_joins_them_into_the_earlier():
    bodies = [("Oregonian", BOMBING_TROOPER), ("KGW", BOMBING_CHIEF), ("AP", BOMBING_BOTH)]
    articles = [ArticleText(id=i, source=outlet, body=body, outlet=outlet) for i, (outlet, body) in enumerate(bodies, start=1)]
    assert stories(articles[:2]) == {1: 1, 2: 2}
    assert stories(articles) == {1: 1, 2: 1, 3: 1}


def test_an_article_alike_to_one_story_leaves_another_it_barely_names_alone():
    bodies = [("Oregonian", BOMBING_TROOPER), ("KGW", BOMBING_CHIEF),
              ("AP", BOMBING_TROOPER.replace("went off.", "went off, Chief Scott Russell said."))]
    articles = [ArticleText(id=i, source=outlet, body=body, outlet=outlet) for i, (outlet, body) in enumerate(bodies, start=1)]
    assert stories(articles) == {1: 1, 2: 2, 3: 1}


def test_a_surname_and_the_full_name_are_one_person_at_one_event():
    full = ArticleText(id=1, source="A", outlet="A", published=date(2016, 2, 8), body=(
        "Republican front-runner Donald Trump told a town hall in Salem that the state would decide the race."))
    surname = ArticleText(id=2, source="B", outlet="B", published=date(2016, 2, 9), body=(
        "At a town hall meeting in Salem, Trump said Cruz had been too timid on trade."))
    groups = group_events(event_mentions(full) + event_mentions(surname), {1: 1, 2: 1})
    assert [sorted(m.article_id for m in g) for g in groups] == [[1, 2]]

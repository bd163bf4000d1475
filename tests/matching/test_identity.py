"""What makes two claims one fact: outlets, stories, places, time anchors, qualifiers.

Real sentences of the kind the labelled ECB+ and PolNeAR pairs hold; each test one rule."""
from datetime import date

import pytest

from claims.matching import ArticleText, match, stories, values_compatible
from claims.matching.facts import conflict_refusal, credited_names, group_claims, is_time_anchor, prepare
from claims.matching.places import places_agree
from claims.matching.quotes import same_person
from tests.matching.conftest import sentence_claim as _claim

QUAKE = "A 6.1-magnitude earthquake struck Qeshm island in southern Iran on Sunday, killing at least 13 people, officials said."
QUAKE_COPY = "A 5.9-magnitude earthquake struck Qeshm island in southern Iran on Sunday, killing at least 13 people, officials said."


def _article(aid, outlet, body, published=None):
    return ArticleText(id=aid, source=outlet, body=body, published=published, outlet=outlet)


def test_a_city_agrees_with_its_country_and_another_spelling_of_itself():
    assert places_agree("Bucharest", "Romania") is True
    assert places_agree("Kyiv", "Kiev") is True
    assert places_agree("Bucharest", "Brussels") is False


def test_an_affiliation_is_not_a_place():
    assert places_agree("Rice University", "Houston") is None


def test_at_least_a_hundred_thousand_is_not_a_hundred_and_seventy_five_million():
    low = _claim(1, 1, "A", "The fund raised at least $100,000 last year.", "$100,000", 100_000, "USD", kind="money",
                 qualifier="at_least")
    high = _claim(2, 2, "B", "The fund raised $175 million last year.", "$175 million", 175_000_000, "USD", kind="money")
    assert not values_compatible(low, high)[0]


def test_a_round_hundred_million_is_read_within_five_percent():
    stated = _claim(1, 1, "A", "The deal is worth $100 million.", "$100 million", 100_000_000, "USD", kind="money")
    near = _claim(2, 2, "B", "The deal is worth $104 million.", "$104 million", 104_000_000, "USD", kind="money")
    far = _claim(3, 3, "C", "The deal is worth $140 million.", "$140 million", 140_000_000, "USD", kind="money")
    assert values_compatible(stated, near)[0]
    assert not values_compatible(stated, far)[0]


def test_a_date_said_on_is_an_anchor_and_a_date_of_an_event_is_a_fact():
    said = _claim(1, 1, "A", "The governor said on Friday that the plant would close.", "on Friday", None, "",
                  kind="date", subject="say", day=date(2013, 8, 9))
    escaped = _claim(2, 1, "A", "Comeaux escaped on Nov. 30 near Baytown.", "Nov. 30", None, "", kind="date",
                     subject="escape", day=date(2009, 11, 30))
    week = _claim(3, 1, "A", "Talks will resume next week.", "next week", None, "", kind="date", subject="resume",
                  day=date(2013, 8, 12), date_unit="week")
    assert is_time_anchor(said) and is_time_anchor(week)
    assert not is_time_anchor(escaped)


@pytest.mark.parametrize(("sentence", "when", "verb"), [
    ("King, speaking today at a news conference, said O'Brien was told on Saturday.", "today", "speak"),
    ("The coach declined to comment on Tuesday.", "on Tuesday", "comment"),
    ("Snider explained on Monday that he backed King.", "on Monday", "explain"),
    ("The senator tweeted on Sunday that the vote was rigged.", "on Sunday", "tweet"),
])
def test_the_date_of_a_statement_is_an_anchor_whatever_the_verb_of_saying(sentence, when, verb):
    assert is_time_anchor(_claim(1, 1, "A", sentence, when, None, "", kind="date", subject=verb, day=date(2005, 5, 24)))


def test_one_outlet_never_confirms_itself():
    body = QUAKE
    a = _claim(1, 1, "Daily Courier", body, "13 people", 13, "person", qualifier="at_least")
    b = _claim(2, 2, "Daily Courier", body, "13 people", 13, "person", qualifier="at_least")
    plans = match(claims=[a, b], articles=[_article(1, "Daily Courier", body), _article(2, "Daily Courier", body)])
    assert plans == []


def test_a_figure_changed_in_a_retold_sentence_is_a_conflict_between_those_two_outlets():
    a = _claim(1, 1, "BBC", QUAKE, "6.1-magnitude", 6.1, "magnitude", kind="quantity")
    b = _claim(2, 2, "Wire", QUAKE_COPY, "5.9-magnitude", 5.9, "magnitude", kind="quantity")
    plans = match(claims=[a, b], articles=[_article(1, "BBC", QUAKE), _article(2, "Wire", QUAKE_COPY)])
    (plan,) = [p for p in plans if p.kind == "quantity"]
    assert plan.state == "conflicting"
    assert [(c.a, c.b) for c in plan.conflicts] == [(1, 2)]
    assert "BBC" in plan.reason and "Wire" in plan.reason


def test_the_same_toll_in_articles_weeks_apart_is_two_facts():
    first = "An earthquake in Iran's Hormozgan province killed 13 people, the Red Crescent said."
    later = "An earthquake in Iran's Hormozgan province killed 13 people, the Red Crescent said on its website."
    a = _claim(1, 1, "A", first, "13 people", 13, "person")
    b = _claim(2, 2, "B", later, "13 people", 13, "person")
    articles = [_article(1, "A", first, date(2005, 11, 27)), _article(2, "B", later, date(2008, 9, 10))]
    assert stories(articles) == {1: 1, 2: 2}
    assert [p for p in match(claims=[a, b], articles=articles) if p.kind == "count"] == []


def test_tolls_in_two_named_cities_never_conflict():
    kherson = "Russian shelling of the city of Kherson killed 15 civilians on Thursday."
    odesa = "Russian shelling of the city of Odesa killed 21 civilians on Thursday."
    a = _claim(1, 1, "A", kherson, "15 civilians", 15, "civilian")
    b = _claim(2, 2, "B", odesa, "21 civilians", 21, "civilian")
    plans = match(claims=[a, b])
    assert not any(p.conflicts for p in plans)


def test_a_wire_story_run_by_two_outlets_is_one_independent_report():
    body = ("Police said 40 volunteer firefighters fought the blaze at the Wasilla Bible Church for three hours. "
            "The pastor said the church would hold its Sunday service in a school gym. Nobody was hurt in the fire, "
            "which investigators are treating as arson, Alaska State Troopers said on Saturday.")
    a = _claim(1, 1, "Anchorage Daily News", body, "40 volunteer firefighters", 40, "firefighter")
    b = _claim(2, 2, "Fox News", body, "40 volunteer firefighters", 40, "firefighter")
    plans = match(claims=[a, b], articles=[_article(1, "Anchorage Daily News", body), _article(2, "Fox News", body)])
    (plan,) = [p for p in plans if p.kind == "count"]
    assert plan.source_count == 2 and plan.independent_reports == 1


def test_titles_and_misspellings_do_not_make_two_speakers():
    assert same_person("Constable Tim Fanning", "Tim Fanning")
    assert same_person("Andrew Wetzler", "Andrew Welzler")
    assert same_person("NATO", "North Atlantic Treaty Organization")
    assert not same_person("Jens Stoltenberg", "Volodymyr Zelensky")


def test_the_matcher_never_imports_django():
    import ast
    from pathlib import Path

    import claims.matching

    modules = sorted(Path(claims.matching.__file__).parent.glob("*.py"))
    assert len(modules) >= 6
    for path in modules:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n == "django" or n.startswith("django.") for n in names), path.name


def test_the_matcher_loads_without_django_or_the_models():
    """Importing every matcher module in a fresh interpreter, without Django settings, loads
    neither Django nor any of the app's database code (models, services, selectors)."""
    import os
    import subprocess
    import sys

    code = (
        "import importlib, pkgutil, sys, claims.matching\n"
        "names = [m.name for m in pkgutil.iter_modules(claims.matching.__path__)]\n"
        "for name in names: importlib.import_module('claims.matching.' + name)\n"
        "print(len(names))\n"
        "print(' '.join(sorted(n for n in sys.modules if n.split('.')[0] == 'django'"
        " or n.startswith('claims.') and n.split('.')[1] not in ('matching', 'extraction'))))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, check=True)
    count, loaded = done.stdout.split("\n")[:2]
    assert int(count) >= 6
    assert loaded == ""


def test_two_named_peoples_ages_are_never_one_group_even_through_an_unnamed_one():
    from claims.matching import group_claims
    from claims.matching.facts import age_holder

    # ECB+ topic 7: one fight report names the loser's age, others the champion's.
    rahman = "Klitschko used his jab to his advantage, and by the sixth round the 36-year-old Rahman was in trouble."
    champion = "The 36-year-old champion Klitschko, 58-3 with 51 knockouts, floored Thompson near the end of the sixth."
    klitschko = "It was 36-year-old Klitschko's 58th victory, 51 by KO, for only three defeats."
    facts = [
        _claim(1, 1, "A", rahman, "36-year-old", 36, "year", kind="quantity", subject="rahman age"),
        _claim(2, 2, "B", champion, "36-year-old", 36, "year", kind="quantity", subject="champion age"),
        _claim(3, 3, "C", klitschko, "36-year-old", 36, "year", kind="quantity", subject="klitschko age"),
    ]
    assert age_holder(facts[0]) == {"rahman"} and age_holder(facts[1]) == frozenset()
    groups = group_claims(facts, {1: 1, 2: 1, 3: 1})
    assert len(groups) >= 1
    for members, _, _ in groups:
        assert {m.id for m in members} != {1, 2, 3} and {1, 3} - {m.id for m in members}


def test_a_retold_sentence_conflicts_however_far_apart_its_figures():
    # ECB+ topic 20, two outlets' openings about the Nov 27, 2005 Qeshm quake.
    three = ("A powerful earthquake has hit southern Iran, destroying several villages and killing at least three people "
             "and injuring others, according to reports.")
    ten = "A powerful earthquake has hit southern Iran, killing at least 10 people, injuring dozens more and damaging several villages, officials say."
    a = _claim(1, 1, "democraticunderground.com", three, "at least three people", 3, "person", qualifier="at_least", subject="person killed")
    b = _claim(2, 2, "bbc.co.uk", ten, "at least 10 people", 10, "person", qualifier="at_least", subject="person killed")
    plans = match(claims=[a, b], articles=[_article(1, a.source, three), _article(2, b.source, ten)])
    (plan,) = [p for p in plans if p.kind == "count"]
    assert [{c.a, c.b} for c in plan.conflicts] == [{1, 2}]


def test_a_sentence_stating_both_figures_is_no_conflict():
    # PolNeAR: one PPIC poll, "46 percent to 44 percent" in both outlets: one outlet's 44
    # (Sanders) against the other's 46 (Clinton) is two shares, not a disagreement.
    politico = ("The poll by the Public Policy Institute of California showed Hillary Clinton leading Bernie Sanders among "
                "likely voters, 46 percent to 44 percent.")
    latimes = ("The survey, conducted by the Public Policy Institute of California, finds Clinton with only a small lead over "
               "Sanders, 46 percent to 44 percent, among likely voters in the Democratic primary next month.")
    claims = [
        _claim(1, 1, "politico", politico, "46 percent", 46, "percent", kind="percent"),
        _claim(2, 1, "politico", politico, "44 percent", 44, "percent", kind="percent"),
        _claim(3, 2, "latimes", latimes, "46 percent", 46, "percent", kind="percent"),
        _claim(4, 2, "latimes", latimes, "44 percent", 44, "percent", kind="percent"),
    ]
    plans = match(claims=claims, articles=[_article(1, "politico", politico), _article(2, "latimes", latimes)])
    assert not any(p.conflicts for p in plans)


def test_members_of_one_group_whose_figures_disagree_conflict_directly():
    # ECB+ topic 9: five outlets on the comments about one Endangered Species Act rule. The
    # sentences read differently, so no pair of them is a retold sentence; the group joins
    # them, and "nearly 235,000" against "nearly 300,000" is then a conflict between those two.
    said = [
        ("The agency received nearly 235,000 comments on the endangered species proposal, at least 208,000 of which were "
         "form letters decrying the rule.", "nearly 235,000 comments", 235000),
        ("The Interior Department proposed the new regulations in May and since has received nearly 300,000 comments, "
         "the vast majority opposing the changes.", "nearly 300,000 comments", 300000),
        ("The revision was finalized after four months of deliberation and over the objections of what officials said "
         "were the bulk of nearly 235,000 public comments on the change.", "nearly 235,000 public comments", 235000),
        ("H. Dale Hall, director of Fish and Wildlife, said he had concerns about how fast the estimated 235,000 public "
         "comments were processed.", "estimated 235,000 public comments", 235000),
        ("The Bush administration worked diligently to get the change in place before Obama took over, corralling 15 "
         "experts in Washington in October to sort through 250,000 written comments from the public on the revisions "
         "in 32 hours.", "250,000 written comments", 250000),
    ]
    claims = [_claim(i, i, f"outlet {i}", sentence, text, value, "comment", subject="comment",
                     qualifier="exact" if text[0].isdigit() else "approximate")
              for i, (sentence, text, value) in enumerate(said, start=1)]
    plans = [p for p in match(claims=claims) if p.kind == "count"]
    conflicts = {frozenset((c.a, c.b)) for p in plans for c in p.conflicts}
    assert frozenset((1, 2)) in conflicts
    assert not {frozenset((1, 3)), frozenset((1, 4)), frozenset((3, 4))} & conflicts  # the three "235,000" agree


def test_a_figure_stated_with_or_without_about_is_the_same_figure():
    from claims.matching.facts import _bound, stated_figure
    from tests.matching.conftest import fact as make

    # ECB+ topic 13: the Wasilla church fire's damage, told by two outlets.
    estimated = make("Damage was estimated at an estimated $1 million, fire officials said.", "an estimated $1 million",
                     article=1, kind="money", value=1_000_000, unit="USD", qualifier="approximate")
    plain = make("Fire officials put the damage at $1 million.", "$1 million", article=2, kind="money", value=1_000_000, unit="USD")
    bound = make("The Angels offered at least $160 million over eight years.", "at least $160 million", article=3,
                 kind="money", value=160_000_000, unit="USD", qualifier="at_least")
    assert stated_figure(estimated) == stated_figure(plain) and _bound(estimated) == _bound(plain) == ""
    assert _bound(bound) == "at_least"


def test_names_that_only_credit_a_figure_do_not_refuse_a_conflict():
    # ECB+ topic 12, the pirate attack on MV Gibe: one outlet credits "the Ministry" with MV
    # Gibe's message of two boats, another has three; the names of who said so are no
    # evidence that the two counts are of two things.
    ministry = ("The Ministry said MV Gibe put out a message at 1100 hours that it was under attack from two boats closing "
                "in on it and firing small arms.")
    three = ("The pirates, in three boats, were attempting to hijack the Ethopian-flagged merchant vessel around noon "
             "today, when the destroyer INS Mysore intervened and repulsed the attack, a Navy spokesman said here.")
    a, b = prepare([_claim(1, 1, "A", ministry, "two boats", 2, "boat"), _claim(2, 2, "B", three, "three boats", 3, "boat")], {})
    assert credited_names(a) == {"mv gibe"} and conflict_refusal(a, b, wording=False) == ""
    # A name of the figure's own (the ship's flag) against another is two things.
    flag = ("The pirates on two speed boats had surrounded the merchant vessel flying the Ethiopian flag around noon, when "
            "INS Mysore warship intervened and warded off the attack, Navy spokesperson said.")
    c, d = prepare([_claim(3, 3, "C", flag, "two speed boats", 2, "boat"), _claim(2, 2, "B", three, "three boats", 3, "boat")], {})
    assert conflict_refusal(c, d, wording=False) == "differing names"


def test_places_after_a_sentence_opening_preposition_or_a_kind_of_place_keep_two_crowds_apart():
    # ECB+ topic 8: two outlets on the Greek general strike; one city's march against another's.
    thessaloniki = ("Violence also broke out in the northern city of Thessaloniki, where another 20,000 people marched "
                    "through the city center.")
    heraklion = "In Heraklion, 10,000 people are reported as marching against the measures."
    a = _claim(1, 1, "usatoday", thessaloniki, "20,000 people", 20000, "person", subject="person march")
    b = _claim(2, 2, "libcom", heraklion, "10,000 people", 10000, "person", subject="person march")
    pa, pb = prepare([a, b], {1: 0, 2: 0})
    assert (pa.places, pb.places) == (("Thessaloniki",), ("Heraklion",))
    assert "places" in conflict_refusal(pa, pb)


def test_a_plans_cost_told_again_months_later_is_one_fact():
    first = "Clinton's plan would invest $275 billion in infrastructure over five years, her campaign said."
    later = "Clinton has proposed to invest $275 billion in infrastructure over five years."
    a = _claim(1, 1, "Politico", first, "$275 billion", 275e9, "USD", kind="money")
    b = _claim(2, 2, "NYT", later, "$275 billion", 275e9, "USD", kind="money")
    articles = [_article(1, "Politico", first, date(2015, 11, 29)), _article(2, "NYT", later, date(2016, 3, 9))]
    assert stories(articles) == {1: 1, 2: 2}
    assert [sorted(p.claim_ids) for p in match(claims=[a, b], articles=articles) if p.kind == "money"] == [[1, 2]]


def test_people_in_general_are_one_fact_with_a_noun_of_people_never_with_things():
    sentenced = "Nichols was sentenced to seven life sentences and four sentences of life without parole."
    killed = "A judge sentenced the man who killed four people in a courthouse escape to life in prison."
    protest = "More than 2,000 protesters marched through the capital on Sunday, police said."
    crowd = "More than 2,000 people marched through the capital on Sunday, police said."
    tents = "The governor said 2,000 tents were ready in case they were needed."
    claims = [
        _claim(1, 1, "A", sentenced, "four sentences", 4, "sentence"),
        _claim(2, 2, "B", killed, "four people", 4, "person"),
        _claim(3, 1, "A", protest, "2,000 protesters", 2000, "protester", qualifier="more_than"),
        _claim(4, 2, "B", crowd, "2,000 people", 2000, "person", qualifier="more_than"),
        _claim(5, 3, "C", tents, "2,000 tents", 2000, "tent"),
    ]
    groups = [sorted(c.id for c in members) for members, _, _ in group_claims(claims)]
    assert groups == [[3, 4]]


def test_two_cities_crowds_are_never_one_group_even_through_a_count_naming_no_city():
    # ECB+ topics 8 and 19: Greek marches told by several outlets.
    athens = "More than 10,000 people had been marching through central Athens to protest the killing."
    thessaloniki = "Violence also broke out in the northern city of Thessaloniki, where another 20,000 people marched."
    heraklion = "In Heraklion, 10,000 people are reported as marching against the measures."
    unplaced = "Police said 10,000 people marched on Wednesday against the measures."
    claims = [
        _claim(1, 1, "A", athens, "More than 10,000 people", 10000, "person", qualifier="more_than", subject="person march"),
        _claim(2, 2, "B", thessaloniki, "20,000 people", 20000, "person", subject="person march"),
        _claim(3, 3, "C", heraklion, "10,000 people", 10000, "person", subject="person march"),
        _claim(4, 4, "D", unplaced, "10,000 people", 10000, "person", subject="person march"),
    ]
    assert [p.places for p in prepare(claims, {})] == [("Athens",), ("Thessaloniki",), ("Heraklion",), ()]
    for members, _, _ in group_claims(claims, {1: 0, 2: 0, 3: 0, 4: 0}):
        named = {p for c in members for p in {1: "Athens", 2: "Thessaloniki", 3: "Heraklion"}.get(c.id, "").split()}
        assert len(named) <= 1, [c.text for c in members]


def test_one_article_naming_monday_for_two_events_tells_two_dates():
    monday = date(2016, 2, 8)
    sentences = [
        (1, "A", "Clinton was joined by her husband, former President Bill Clinton, and daughter Chelsea Clinton on Monday "
                 "in an all-hands-on-deck day of campaigning across New Hampshire.", "on Monday"),
        (1, "A", "Christie was joined Monday at a town hall meeting in Hudson by Buddy Valastro, star of the TLC reality "
                 "show Cake Boss.", "Monday"),
        (2, "B", "Bill Clinton and Chelsea Clinton joined Hillary Clinton on Monday as she campaigned across New Hampshire "
                 "before the primary.", "on Monday"),
        (2, "B", "Christie was joined on Monday at a town hall in Hudson, New Hampshire, by Buddy Valastro of Cake Boss.",
         "on Monday"),
    ]
    claims = [_claim(i + 1, article, outlet, sentence, text, None, "", kind="date", subject="join", day=monday)
              for i, (article, outlet, sentence, text) in enumerate(sentences)]
    groups = [sorted(c.id for c in members) for members, _, _ in group_claims(claims, {1: 1, 2: 1})]
    assert not any({1, 2} <= set(g) for g in groups)
    assert [1, 3] in groups and [2, 4] in groups


def test_one_weekday_of_two_outlets_dating_two_happenings_is_not_one_group():
    # A Wednesday of a debt crisis: a ratings agency's review and a prime minister's vow,
    # each told by two outlets. One outlet's Wednesday links to the other's for each
    # happening; nothing lets the four become one "Wednesday".
    wednesday = date(2010, 5, 5)
    sentences = [
        (1, "A", "Moody's Investors Service put Portugal's bond rating on review for a possible downgrade Wednesday, "
                 "citing the cost of its debt.", "Wednesday", "put"),
        (2, "B", "On Wednesday, Moody's Investors Service placed Portugal's credit rating on review for a downgrade "
                 "over the cost of its debt.", "On Wednesday", "place"),
        (3, "C", "Prime Minister George Papandreou vowed Wednesday that those responsible for the deaths in Athens "
                 "would be found.", "Wednesday", "vow"),
        (4, "D", "Papandreou promised on Wednesday that those behind the deaths of three bank workers in Athens would "
                 "be brought to justice.", "on Wednesday", "promise"),
    ]
    claims = [_claim(i + 1, article, outlet, sentence, text, None, "", kind="date", subject=subject, day=wednesday)
              for i, (article, outlet, sentence, text, subject) in enumerate(sentences)]
    # The day's story has other reports (a name in half of them tells nothing).
    strike = "Unions said 20,000 workers joined the general strike across Greece."
    claims += [_claim(10 + article, article, f"outlet {article}", strike, "20,000 workers", 20000, "worker")
               for article in range(5, 9)]
    groups = [sorted(c.id for c in members) for members, _, _ in group_claims(claims, dict.fromkeys(range(1, 9), 1))]
    assert [1, 2] in groups and [3, 4] in groups, groups


def test_one_share_of_two_different_things_is_two_facts():
    delegates = _claim(1, 1, "A", "He lost badly to Cruz in Wisconsin and now needs 61 percent of remaining delegates to "
                       "reach 1,237.", "61 percent", 61, "percent", kind="percent", subject="delegate")
    women = _claim(2, 2, "B", "Clinton's victory in the New York primary was achieved through the support of women "
                   "(61 percent), nonwhite voters (67 percent) and Democrats.", "61 percent", 61, "percent", kind="percent",
                   subject="victory")
    again = _claim(3, 3, "C", "Trump needs to win about 61 percent of the remaining delegates to clinch the nomination.",
                   "61 percent", 61, "percent", kind="percent", subject="delegate")
    groups = [sorted(c.id for c in members) for members, _, _ in group_claims([delegates, women, again], {1: 1, 2: 1, 3: 1})]
    assert groups == [[1, 3]]


def test_a_share_of_voters_in_one_state_is_not_the_share_in_another():
    texas = _claim(1, 1, "A", "In Texas, about 3 in 10 Democratic primary voters were Hispanic.", "about 3 in 10", 30,
                   "percent", kind="percent", qualifier="approximate")
    carolina = _claim(2, 2, "B", "In South Carolina, about 3 in 10 Democratic primary voters were Hispanic.",
                      "about 3 in 10", 30, "percent", kind="percent", qualifier="approximate")
    assert group_claims([texas, carolina], {1: 1, 2: 1}) == []


def test_one_share_from_two_pollsters_is_two_facts():
    fox = _claim(1, 1, "A", "Trump had 45 percent support in the most recent Fox poll, up eight points from March.",
                 "45 percent", 45, "percent", kind="percent", subject="support")
    cbs = _claim(2, 2, "B", "Trump had 45 percent support among Republicans in the latest CBS poll, up from March.",
                 "45 percent", 45, "percent", kind="percent", subject="support")
    fox_again = _claim(3, 3, "C", "The most recent Fox poll gave Trump 45 percent support, eight points more than in March.",
                       "45 percent", 45, "percent", kind="percent", subject="support")
    groups = [sorted(c.id for c in members) for members, _, _ in group_claims([fox, cbs, fox_again], {1: 1, 2: 1, 3: 1})]
    assert groups == [[1, 3]]


def test_one_day_in_two_places_dates_two_events():
    thursday = date(2013, 5, 2)
    betty_ford = _claim(1, 1, "A", "Lindsay Lohan checked into the Betty Ford Clinic in Rancho Mirage on Thursday night, "
                        "her rep confirms.", "on Thursday", None, "", kind="date", subject="check", day=thursday)
    newport = _claim(2, 2, "B", "Lindsay Lohan left a rehab center in Newport Beach less than an hour after checking in "
                     "on Thursday, her rep confirms.", "on Thursday", None, "", kind="date", subject="check", day=thursday)
    betty_ford_again = _claim(3, 3, "C", "Lindsay Lohan checked into the Betty Ford Center in Rancho Mirage on Thursday "
                              "night for a three-month stay.", "on Thursday", None, "", kind="date", subject="check",
                              day=thursday)
    groups = [sorted(c.id for c in members) for members, _, _ in
              group_claims([betty_ford, newport, betty_ford_again], {1: 1, 2: 1, 3: 1})]
    assert groups == [[1, 3]]


# One toll told by two outlets in their own words (`tolls_match`): a riot's injured.
INJURED_12 = "Police said 12 people were injured in the clashes outside parliament on Wednesday."
INJURED_18 = ("At least 18 people have been injured as rioters hurled petrol bombs and stones at the riot police lines, "
              "hospital officials told reporters.")


def _toll(cid, sentence, text, value, *, article=None, qualifier="exact", subject="person injured"):
    return _claim(cid, article or cid, f"outlet {article or cid}", sentence, text, value, "person", qualifier=qualifier,
                  subject=subject)


def test_two_outlets_tolls_told_in_their_own_words_conflict():
    a = _toll(1, INJURED_12, "12 people", 12)
    b = _toll(2, INJURED_18, "At least 18 people", 18, qualifier="at_least")
    assert "sentences alike" in conflict_refusal(*prepare([a, b], {}))  # not one sentence retold
    conflicts = [(c.a, c.b, c.reason) for p in match(claims=[a, b]) for c in p.conflicts]
    assert [(x, y) for x, y, _ in conflicts] == [(1, 2)]
    assert "outlet 1" in conflicts[0][2] and "outlet 2" in conflicts[0][2]


def test_an_article_stating_the_other_outlets_toll_too_is_no_conflict():
    # The second article tells the earlier figure as well: two tolls of two moments, not a disagreement.
    earlier = "Earlier in the day police had put the number of injured at 12 people."
    claims = [_toll(1, INJURED_12, "12 people", 12), _toll(2, INJURED_18, "At least 18 people", 18, qualifier="at_least"),
              _toll(3, earlier, "12 people", 12, article=2)]
    assert not any(p.conflicts for p in match(claims=claims))


def test_a_count_of_the_rest_never_conflicts_with_a_whole():
    more = "Around 20 more people had to be ushered to safety from the burning bank, police said on Wednesday."
    a = _toll(1, INJURED_12, "12 people", 12)
    b = _toll(2, more, "Around 20 more people", 20, qualifier="approximate", subject="person")
    pa, pb = prepare([a, b], {1: 0, 2: 0})
    assert conflict_refusal(pa, pb) == "a part against a whole"


def test_a_toll_placed_in_another_month_by_one_outlet_only_is_no_conflict():
    # "in September" places one toll in a past quake; the other outlet's is today's.
    today = "The earthquake on Qeshm island killed at least 10 people, officials said."
    past = "A quake near Bandar Abbas killed at least seven people in September, officials said."
    a = _toll(1, today, "at least 10 people", 10, qualifier="at_least", subject="person killed")
    b = _toll(2, past, "at least seven people", 7, qualifier="at_least", subject="person killed")
    september = _claim(3, 2, "outlet 2", past, "in September", None, "", kind="date", subject="kill", day=date(2008, 9, 1),
                       date_unit="month")
    assert not any(p.conflicts for p in match(claims=[a, b, september]))


def test_an_early_toll_and_a_later_one_conflict_within_a_factor_of_three():
    five = "A 5.6 magnitude earthquake hit the island on Sunday, injuring five people and damaging buildings, state media said."
    two = "According to the student news agency, the quake on the outskirts of the small port town injured two people."
    a = _toll(1, five, "five people", 5)
    b = _toll(2, two, "two people", 2)
    assert [(c.a, c.b) for p in match(claims=[a, b]) for c in p.conflicts] == [(1, 2)]
    forty = "The tremor on the mainland injured 40 people, officials said on Monday night in a statement."
    c = _toll(3, forty, "40 people", 40)
    assert not any(p.conflicts for p in match(claims=[b, c]))


def test_the_others_of_a_toll_are_the_people_besides_another_toll_not_a_part():
    # "wounding 70 others": the injured besides the dead, the whole injured toll.
    others = "The quake leveled seven villages, killing 10 people and wounding 70 others, officials were quoted as saying."
    eighty = "Eighty people were hurt when the quake struck the island on Sunday afternoon, the governor told state radio."
    a, b = prepare([_toll(1, others, "70 others", 70), _toll(2, eighty, "Eighty people", 80)], {1: 0, 2: 0})
    assert conflict_refusal(a, b) != "a part against a whole"
    assert [(c.a, c.b) for p in match(claims=[a.fact, b.fact]) for c in p.conflicts] == [(1, 2)]

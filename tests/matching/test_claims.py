from claims.matching import CONFLICTING, CONSISTENT, SINGLE_SOURCE, claim_group_plan
from claims.matching import group_claims as _group_claims
from tests.matching.conftest import fact


def group_claims(claims):
    """The groups' members (the matcher also gives each group's conflicts and confidence)."""
    return [members for members, _, _ in _group_claims(claims)]


def grouped_together(claims, a, b) -> bool:
    return any(a in g and b in g for g in group_claims(claims))


def _nato_members(seeds):
    return [
        # Extraction counts membership words as "member" ("30-nation organization", "its 30
        # members", "30 member states"): the matcher compares the counted noun it stored.
        fact(seeds[0], "30-nation", article=0, kind="count", value=30, unit="member", subject="nato member", source="London Daily"),
        fact(seeds[1], "30 members", article=1, kind="count", value=30, unit="member", subject="nato member", source="Kyiv Wire"),
        fact(seeds[3], "30 member states", article=3, kind="count", value=30, unit="member", subject="nato member", source="Brussels Post"),
    ]


def _group_of(groups, claim):
    return next((g for g in groups if claim in g), [])


def test_nato_membership_count_is_one_group_across_wordings(seeds):
    claims = _nato_members(seeds)
    assert sorted(c.id for c in _group_of(group_claims(claims), claims[0])) == sorted(c.id for c in claims)


def test_nato_membership_count_is_consistent(seeds):
    plan = claim_group_plan(_nato_members(seeds))
    assert plan.state == CONSISTENT
    assert "London Daily" in plan.reason and "Brussels Post" in plan.reason


def test_coalition_count_in_the_same_sentence_is_another_fact(seeds):
    members = _nato_members(seeds)
    coalition = fact(seeds[3], "54 countries", article=3, kind="count", value=54, unit="country", subject="coalition")
    others = fact(seeds[3], "24 other countries", article=3, kind="count", value=24, unit="country")
    groups = group_claims([*members, coalition, others])
    assert coalition not in _group_of(groups, members[0])
    assert others not in _group_of(groups, members[0])


def test_other_meeting_with_about_thirty_countries_is_not_nato(seeds):
    members = _nato_members(seeds)
    paris = fact(seeds[4], "about 30 countries", article=4, kind="count", value=30, unit="country",
                 subject="representatives", qualifier="approximate")
    assert paris not in _group_of(group_claims([*members, paris]), members[0])


def test_changed_figure_in_a_copied_story_conflicts_naming_both_outlets(seeds):
    copy = seeds[3].replace("$45 billion", "$54 billion")
    original = fact(seeds[3], "about $45 billion", article=3, kind="money", value=45e9, unit="USD",
                    subject="arms and military aid", qualifier="approximate", source="Brussels Post")
    changed = fact(copy, "about $54 billion", article=9, kind="money", value=54e9, unit="USD",
                   subject="arms and military aid", qualifier="approximate", source="Copy Desk")
    ((members, conflicts, _),) = _group_claims([original, changed])
    assert members == [original, changed]
    plan = claim_group_plan(members, conflicts)
    assert plan.state == CONFLICTING
    assert "Brussels Post" in plan.reason and "Copy Desk" in plan.reason and "$54 billion" in plan.reason


def test_money_is_never_grouped_across_currencies(seeds):
    usd = fact(seeds[3], "AU$730 million", article=3, kind="money", value=730e6, unit="AUD", subject="military support")
    aud = fact(seeds[3].replace("AU$730", "$730"), "$730 million", article=8, kind="money", value=730e6, unit="USD",
               subject="military support")
    assert not grouped_together([usd, aud], usd, aud)


def test_kyiv_deaths_do_not_group_with_the_poland_missile(seeds):
    kyiv = fact(seeds[4], "25 people", article=4, kind="count", value=25, unit="person", subject="deaths")
    poland = fact(seeds[0], "two people", article=0, kind="count", value=2, unit="person")
    assert not grouped_together([kyiv, poland], kyiv, poland)


def test_different_death_tolls_for_the_same_attack_conflict(seeds):
    sentence = "resulting in the deaths of 25 people and massive damage to residential buildings"
    other = seeds[4].replace("deaths of 25 people", "deaths of 21 people")
    a = fact(seeds[4], "25 people", article=4, kind="count", value=25, unit="person", subject="deaths")
    b = fact(other, "21 people", article=7, kind="count", value=21, unit="person", subject="deaths")
    assert sentence in a.sentence
    ((members, conflicts, _),) = _group_claims([a, b])
    assert claim_group_plan(members, conflicts).state == CONFLICTING
    assert [(c.a, c.b) for c in conflicts] == [(a.id, b.id)]


def test_one_source_is_single_source(seeds):
    lone = fact(seeds[3], "$53 million", article=3, kind="money", value=53e6, unit="USD", subject="power grid equipment")
    assert claim_group_plan([lone]).state == SINGLE_SOURCE


def test_grouping_does_not_depend_on_input_order(seeds):
    claims = _nato_members(seeds)
    forward = sorted(sorted(c.id for c in g) for g in group_claims(claims))
    backward = sorted(sorted(c.id for c in g) for g in group_claims(list(reversed(claims))))
    assert forward == backward


def test_same_toll_wording_in_another_city_is_not_a_conflict(seeds):
    kherson = fact(seeds[0], "15 civilians", article=0, kind="count", value=15, unit="person", subject="person killed")
    odesa_story = seeds[0].replace("city of Kherson killed 15 civilians", "city of Odesa killed 21 civilians")
    odesa = fact(odesa_story, "21 civilians", article=6, kind="count", value=21, unit="person", subject="person killed")
    assert not any(conflicts for _, conflicts, _ in _group_claims([kherson, odesa]))


def test_dozens_elsewhere_does_not_join_a_precise_toll(seeds):
    kherson = fact(seeds[0], "15 civilians", article=0, kind="count", value=15, unit="person", subject="person killed")
    dozens = fact(seeds[4], "dozens of deaths", article=4, kind="count", value=24, unit="person", subject="person killed",
                  qualifier="vague")
    assert not grouped_together([kherson, dozens], kherson, dozens)


def test_a_figure_restated_in_brackets_never_conflicts():
    from tests.matching.conftest import fact as make

    sentence = "Damage to the church was estimated at $US1 million ($1.52 million), authorities said."
    other = "Damage to the church was estimated at $1 million, authorities said."
    usd = make(sentence, "$US1 million", article=1, kind="money", value=1_000_000, unit="USD", source="AAP")
    converted = make(sentence, "$1.52 million", article=1, kind="money", value=1_520_000, unit="USD", source="AAP")
    theirs = make(other, "$1 million", article=2, kind="money", value=1_000_000, unit="USD", source="ADN")
    groups = _group_claims([usd, converted, theirs])
    assert len(groups) == 1 and {c.id for c in groups[0][0]} == {usd.id, theirs.id}
    assert groups[0][1] == []


def test_weekdays_conflict_only_as_two_different_days_named():
    from dataclasses import replace
    from datetime import date

    from tests.matching.conftest import fact as make

    said = "Tara Reid checked into Promises Treatment Center on {}, her rep said."

    def day(text, when, article, source):
        claim = make(said.format(text), text, article=article, kind="date", value=0, unit="date", source=source)
        return replace(claim, value=None, date_value=when)

    tuesday = day("Tuesday", date(2008, 12, 2), 1, "People")
    friday = day("Friday", date(2008, 12, 5), 2, "E!")
    saturday_a = day("Saturday", date(2008, 12, 6), 3, "AP")
    saturday_b = day("Saturday", date(2008, 12, 13), 4, "UPI")
    conflicts = [c for _, cs, _ in _group_claims([tuesday, friday]) for c in cs]
    assert [{c.a, c.b} for c in conflicts] == [{tuesday.id, friday.id}]
    assert [c for _, cs, _ in _group_claims([saturday_a, saturday_b]) for c in cs] == []


def test_dates_without_a_year_in_undated_articles_meet_only_each_other():
    from dataclasses import replace
    from datetime import date

    from tests.matching.conftest import fact as make

    def day(sentence, text, article, source, when=None):
        claim = make(sentence, text, article=article, kind="date", value=0, unit="date", source=source)
        return replace(claim, value=None, date_value=when)

    # ECB+ topic 4: two undated reports of the day Bettie Page suffered her heart attack.
    a = day("Page suffered a heart attack on Dec. 2 and never regained consciousness.", "Dec. 2", 1, "AP")
    b = day("Page suffered a heart attack on December 2 and never regained consciousness.", "December 2", 2, "Reuters")
    dated = day("Page suffered a heart attack on December 3 and never regained consciousness.", "December 3", 3, "UPI",
                date(2008, 12, 3))
    groups = _group_claims([a, b, dated])
    assert len(groups) == 1 and {c.id for c in groups[0][0]} == {a.id, b.id}
    assert groups[0][1] == []


def test_two_raids_joined_in_one_story_only_through_others_do_not_conflict():
    from claims.matching import ArticleText, match
    from tests.matching.conftest import fact as make

    # ECB+ topic 12: the INS Mysore raid (December 2008) and the INS Sukanya raid (November
    # 2011), each told the same way; a chain of articles put them in one story.
    said = "The navy said {} pirates were captured in the raid and their boats seized."
    one = "INS Mysore answered a call from the Ethiopian ship Gibe near Aden. " + said.format(23)
    other = "INS Sukanya answered a call from a Liberian tanker off Salalah. " + said.format(26)
    a = make(one, "23 pirates", article=1, kind="count", value=23, unit="pirate", source="Reuters")
    b = make(other, "26 pirates", article=2, kind="count", value=26, unit="pirate", source="NDTV")
    articles = [ArticleText(id=1, source="Reuters", body=one), ArticleText(id=2, source="NDTV", body=other)]
    plans = match(claims=[a, b], articles=articles, story_of={1: 1, 2: 1})
    assert [p for p in plans if p.conflicts] == []
    # Told in two articles about one raid, the same figures are a conflict between the two.
    b_same = make(one.replace("23", "26"), "26 pirates", article=2, kind="count", value=26, unit="pirate", source="NDTV")
    same_raid = [ArticleText(id=1, source="Reuters", body=one), ArticleText(id=2, source="NDTV", body=one.replace("23", "26"))]
    plans = match(claims=[a, b_same], articles=same_raid, story_of={1: 1, 2: 1})
    assert [{(c.a, c.b) for c in p.conflicts} for p in plans if p.conflicts] == [{(a.id, b_same.id)}]


def test_small_counts_of_other_things_in_one_story_are_not_one_fact():
    from tests.matching.conftest import fact as make

    # ECB+ topic 10: Teixeira's Gold Gloves and his All-Star selections, both "twice".
    gloves = make("Teixeira has won the Gold Glove award twice in his career.", "twice", article=1, kind="count",
                  value=2, unit="time", source="WCVB")
    all_star = make("Teixeira was twice named to the All-Star team.", "twice", article=2, kind="count", value=2,
                    unit="time", source="MLB")
    assert _group_claims([gloves, all_star]) == []


def test_weekdays_of_undated_articles_meet_the_same_weekday_only():
    from dataclasses import replace
    from datetime import date

    from claims.matching.facts import floating, spans_meet
    from claims.matching.values import date_range
    from tests.matching.conftest import fact as make

    def day(sentence, text, article, when=None):
        claim = make(sentence, text, article=article, kind="date", value=0, unit="date")
        return floating(replace(claim, value=None, date_value=when))

    # ECB+ topic 10: undated reports of the night the Red Sox met Teixeira in Texas.
    a = day("The Red Sox met with Teixeira on Thursday night in Texas, a source said.", "on Thursday night", 1)
    b = day("Boston's owner and general manager met Teixeira in Texas on Thursday.", "Thursday", 2)
    friday = day("Boston's owner and general manager met Teixeira in Texas on Friday.", "Friday", 3)
    dated_thursday = day("The Red Sox met Teixeira in Texas on Dec. 18.", "Dec. 18", 4, date(2008, 12, 18))
    assert spans_meet(date_range(a), date_range(b)) is True
    assert spans_meet(date_range(a), date_range(friday)) is False
    assert spans_meet(date_range(a), date_range(dated_thursday)) is True  # December 18, 2008 was a Thursday
    assert spans_meet(date_range(friday), date_range(dated_thursday)) is False


def test_different_figures_meeting_only_as_bounds_are_weak_evidence():
    from claims.matching.facts import _only_bounds_meet
    from tests.matching.conftest import fact as make

    # ECB+ topic 20: tolls of two Qeshm earthquakes three years apart.
    seven = make("The quake killed at least seven people on the island.", "at least seven people", article=1, kind="count",
                 value=7, unit="person", qualifier="at_least")
    ten = make("The quake killed at least 10 people on the island.", "at least 10 people", article=2, kind="count",
               value=10, unit="person", qualifier="at_least")
    ten_exact = make("The quake killed 10 people on the island.", "10 people", article=3, kind="count", value=10, unit="person")
    assert _only_bounds_meet(seven, ten) and _only_bounds_meet(seven, ten_exact)
    assert not _only_bounds_meet(ten, ten_exact)  # the same figure, once as a bound

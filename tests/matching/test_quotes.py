from claims.matching import CONFLICTING, CONSISTENT, QuoteFact, group_quotes, quote_group_plan

STOLTENBERG = "NATO will continue to stand with Ukraine for as long as it takes. We will not back down,"
NATO_STATEMENT = (
    "Allies remain steadfast in their commitment to further step up political and practical support to Ukraine "
    "as it continues to defend its independence, sovereignty, and territorial integrity within its internationally "
    "recognised borders, and will continue their support for as long as it takes,"
)


def test_as_long_as_it_takes_is_one_group_across_sources():
    a = QuoteFact(1, 0, "London Daily", STOLTENBERG, "Jens Stoltenberg")
    b = QuoteFact(2, 2, "Fox", "as long as it takes.", "North Atlantic Treaty Organization")
    c = QuoteFact(3, 2, "Fox", NATO_STATEMENT, "North Atlantic Treaty Organization")
    assert [sorted(q.id for q in g) for g in group_quotes([a, b, c])] == [[1, 2, 3]]


def test_differing_credit_is_flagged_with_both_speakers():
    plan = quote_group_plan([
        QuoteFact(1, 0, "London Daily", STOLTENBERG, "Jens Stoltenberg"),
        QuoteFact(2, 2, "Fox", NATO_STATEMENT, "North Atlantic Treaty Organization"),
        QuoteFact(3, 2, "Fox", "as long as it takes", "North Atlantic Treaty Organization"),
    ])
    assert plan.state == CONFLICTING
    assert "different speakers" in plan.reason
    assert "Jens Stoltenberg (London Daily)" in plan.reason and "North Atlantic Treaty Organization (Fox)" in plan.reason


def test_dropped_negation_is_flagged():
    plan = quote_group_plan([
        QuoteFact(1, 0, "London Daily", STOLTENBERG, "Jens Stoltenberg"),
        QuoteFact(2, 3, "Other", STOLTENBERG.replace("will not back", "will back"), "Jens Stoltenberg"),
    ])
    assert plan.state == CONFLICTING and "negation differs" in plan.reason


def test_changed_number_in_a_quote_is_flagged():
    said = "Today, 15 Kherson city residents were killed and 35 injured, including one child"
    plan = quote_group_plan([
        QuoteFact(1, 0, "London Daily", said, "Galyna Lugova"),
        QuoteFact(2, 3, "Other", said.replace("15 Kherson", "51 Kherson"), "Galyna Lugova"),
    ])
    assert plan.state == CONFLICTING and "numbers differ" in plan.reason


def test_same_words_same_speaker_is_consistent_despite_punctuation_drift():
    plan = quote_group_plan([
        QuoteFact(1, 0, "London Daily", "The specific decisions on specific systems are national decisions,", "Jens Stoltenberg"),
        QuoteFact(2, 3, "Other", "the specific decisions on specific systems are national decisions.", "Jens Stoltenberg"),
    ])
    assert plan.state == CONSISTENT


def test_unrelated_quotes_are_not_grouped():
    a = QuoteFact(1, 0, "London Daily", STOLTENBERG, "Jens Stoltenberg")
    b = QuoteFact(2, 2, "Fox", "A strong, independent Ukraine is vital for the stability of the Euro-Atlantic area", "NATO")
    assert group_quotes([a, b]) == []


def test_repeats_within_one_article_alone_make_no_group():
    a = QuoteFact(1, 2, "Fox", "as long as it takes", "NATO")
    b = QuoteFact(2, 2, "Fox", "as long as it takes", "NATO")
    assert group_quotes([a, b]) == []

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


# Real sentences from ECB+ articles (topics 4, 13, 18, 22): what one outlet retold of another.
FANNING = "Police locked down the neighbourhood and negotiated with the suspect, who gave himself up to police just after 6 p.m.,"
ROESLER = ("With deep personal sadness I must announce that my dear friend and client Bettie Page passed away at 6:41pm PST "
           "this evening (0241 GMT Friday) in a Los Angeles hospital,")


def test_a_time_written_another_way_is_no_changed_number():
    plan = quote_group_plan([
        QuoteFact(1, 0, "A", FANNING, "Tim Fanning"),
        QuoteFact(2, 3, "B", FANNING.replace("6 p.m.", "6:00 p.m."), "Tim Fanning"),
        QuoteFact(3, 4, "C", ROESLER, "Mark Roesler"),
        QuoteFact(4, 5, "D", ROESLER.replace("6:41pm PST", "18:41").replace("0241 GMT", "02:41 GMT"), "Mark Roesler"),
    ])
    assert plan.conflicts == [] and plan.state == CONSISTENT


def test_a_converted_unit_in_a_retold_quote_is_no_changed_number():
    said = "Sheriff's deputies and state police chased him for 30 miles, at speeds up to 120 mph before he finally pulled over"
    plan = quote_group_plan([
        QuoteFact(1, 0, "A", said, "Michael Bouchard"),
        QuoteFact(2, 3, "B", said.replace("30 miles", "48km").replace("120 mph", "193km/h"), "Michael Bouchard"),
    ])
    assert plan.conflicts == []


def test_changed_magnitude_in_a_retold_sentence_is_flagged_between_the_two():
    said = "The 6.1-magnitude quake struck Qeshm island, home to 120,000 people, and the city of Bandar Abbas"
    plan = quote_group_plan([QuoteFact(1, 0, "BBC", said), QuoteFact(2, 3, "DU", said.replace("6.1", "5.9"))])
    assert [(c.a, c.b) for c in plan.conflicts] == [(1, 2)]
    assert "BBC" in plan.conflicts[0].reason and "DU" in plan.conflicts[0].reason


def test_spokesperson_of_a_body_is_no_other_speaker():
    statement = "This is a tragic loss for all of us. To assist our employees, we will be providing counseling services."
    bodies = {0: f'Kraft Food\'s Susan Davison said, "{statement}"', 3: f'The company said in a statement, "{statement}"'}
    plan = quote_group_plan([
        QuoteFact(1, 0, "CBS", statement, "Susan Davison", speaker_kind="person"),
        QuoteFact(2, 3, "Yahoo", statement, "Kraft Foods", speaker_kind="organisation"),
    ], bodies)
    assert plan.conflicts == [] and plan.state == CONSISTENT


def test_two_people_both_named_in_one_article_are_no_clash():
    said = "Palin told an assistant pastor she apologizes if the fire was connected to the undeserved negative attention"
    bodies = {0: f"Her spokesman, Bill McAllister, says {said}.", 3: f"Sarah Palin said {said}."}
    members = [QuoteFact(1, 0, "AP", said, "Bill McAllister", speaker_kind="person"),
               QuoteFact(2, 3, "ADN", said, "Sarah Palin", speaker_kind="person")]
    assert quote_group_plan(members, bodies).conflicts == []
    # Without the articles to read, two people credited with one statement are a clash.
    assert [(c.a, c.b) for c in quote_group_plan(members).conflicts] == [(1, 2)]


def test_short_stock_phrases_are_no_credit_clash():
    plan = quote_group_plan([
        QuoteFact(1, 0, "A", "No one was hurt,", "Larry Kroon", speaker_kind="person"),
        QuoteFact(2, 3, "B", "No one was hurt in the fire on Friday night", "James Steele", speaker_kind="person"),
    ])
    assert plan.conflicts == []


def test_two_bodies_credited_with_one_quote_are_no_clash():
    said = "Lohan's lawyer made the arrangements, but prosecutors have not approved that facility"
    plan = quote_group_plan([
        QuoteFact(1, 0, "A", said, "Associated Press", speaker_kind="organisation"),
        QuoteFact(2, 3, "B", said, "CNN", speaker_kind="organisation"),
    ])
    assert plan.conflicts == []


def test_few_shared_words_credited_to_two_people_are_two_statements():
    trump = QuoteFact(1, 0, "Politico", "We're going to build a wall,", "Donald Trump", speaker_kind="person")
    clinton = QuoteFact(2, 3, "Breitbart", "We're going to build ladders of opportunity in their place so every American "
                        "can go as far as your hard work can take you.", "Hillary Clinton", speaker_kind="person")
    assert group_quotes([trump, clinton]) == []


def test_body_credited_where_its_officer_is_named_beside_the_quote_is_no_clash():
    # ECB+ 2_10 (variety.com) and 2_1 (deadline.com): one press statement; the reading of
    # Variety's sentence took the company for the speaker, though the sentence names him.
    said = "It is an honor to welcome back Ellen DeGeneres as the host of the biggest entertainment celebration of the year,"
    variety = f"\u201c {said} \u201d said ABC Entertainment Group prexy Paul Lee."
    deadline = f"\u201c {said} \u201d said Paul Lee, president, ABC Entertainment Group."
    members = [QuoteFact(1, 0, "variety.com", said, "ABC Entertainment Group", start=2, speaker_kind="organisation"),
               QuoteFact(2, 3, "deadline.com", said, "Paul Lee", start=2, speaker_kind="person")]
    assert quote_group_plan(members, {0: variety, 3: deadline}).conflicts == []
    # Where the company's article does not name him beside the words, the credit differs.
    elsewhere = f"\u201c {said} \u201d the company said in a statement. " + "x " * 60 + "Paul Lee runs the network."
    assert len(quote_group_plan(members, {0: elsewhere, 3: deadline}).conflicts) == 1


def test_quotes_sharing_only_a_laws_name_are_two_statements():
    clark = QuoteFact(1, 1, "AP", "absolute heart of the Endangered Species Act.", "Jamie Rappaport Clark")
    obama = QuoteFact(2, 2, "NYT", "the scientific process to its rightful place at the heart of the Endangered Species Act, "
                      "a process undermined by past administrations.", "Obama")
    assert group_quotes([clark, obama]) == []


def test_a_title_found_whole_in_two_outlets_is_one_quote():
    a = QuoteFact(1, 1, "AP", "Peoples of Europe, Rise Up.", "")
    b = QuoteFact(2, 2, "BBC", "Peoples of Europe, Rise Up.", "")
    assert [sorted(q.id for q in g) for g in group_quotes([a, b])] == [[1, 2]]

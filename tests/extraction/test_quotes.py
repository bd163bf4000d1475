"""find_quotes on real news sentences: spans, kinds, cues and speakers."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extraction.quotes import find_quotes
from claims.extraction.types import LOW_CONFIDENCE


def _quotes(nlp, text):
    return find_quotes(nlp(text))


def _only(quotes, kind):
    found = [q for q in quotes if q.kind == kind]
    assert len(found) == 1, [(q.kind, q.text) for q in quotes]
    return found[0]


def test_curly_direct_quote_has_its_marks_cue_and_named_speaker(nlp):
    text = "“NATO will continue to stand with Ukraine for as long as it takes,” Jens Stoltenberg said on Tuesday."
    q = _only(_quotes(nlp, text), "direct")
    assert (q.start, q.end) == (0, 67)
    assert q.text == "“NATO will continue to stand with Ukraine for as long as it takes,”"
    assert q.cue.text == "said" and text[q.cue.start:q.cue.end] == "said"
    assert q.speaker_mention.text == "Jens Stoltenberg"
    assert q.speaker.name == "Jens Stoltenberg" and q.speaker.kind == "person"


def test_straight_quotes_are_paired_like_curly_ones(nlp):
    text = 'Kuleba said: "I heard a clear no to any reference to fatigue." He left soon after.'
    q = _only(_quotes(nlp, text), "direct")
    assert q.text == '"I heard a clear no to any reference to fatigue."'
    assert q.speaker_mention.text == "Kuleba"


def test_title_before_name_becomes_a_role_not_part_of_the_name(nlp):
    text = "“We will not back down,” NATO Secretary-General Jens Stoltenberg said."
    q = _only(_quotes(nlp, text), "direct")
    assert q.speaker_mention.text == "NATO Secretary-General Jens Stoltenberg"
    assert q.speaker.name == "Jens Stoltenberg"
    assert "NATO Secretary-General" in q.speaker.roles


def test_split_quote_is_one_quote_with_two_parts(nlp):
    text = "“We are talking with our allies,” he said, “and the decision will be made in Berlin.”"
    quotes = _quotes(nlp, text)
    q = _only(quotes, "direct")
    assert (q.start, q.end) == (0, len(text))
    assert [p.text for p in q.parts] == ["“We are talking with our allies,”", "“and the decision will be made in Berlin.”"]
    assert q.cue.text == "said" and q.speaker_mention.text == "he"


def test_quote_over_two_paragraphs_is_one_quote(nlp):
    text = (
        "Duda told the broadcaster: “From a military point of view, it would be best if they were located in Ukraine.\n"
        "“But the decision rests with the German side.”"
    )
    q = _only(_quotes(nlp, text), "direct")
    assert q.start == text.index("“From")
    assert q.end == len(text)
    assert len(q.parts) == 2
    assert q.speaker_mention.text == "Duda"


def test_single_quoted_phrase_in_headline_is_a_mixed_quote(nlp):
    text = "NATO will back Ukraine 'as long as it takes', says Stoltenberg"
    q = _only(_quotes(nlp, text), "mixed")
    assert q.text == "NATO will back Ukraine 'as long as it takes'"
    assert q.cue.text == "says"


def test_single_quoted_headline_without_cue_is_direct(nlp):
    text = "Stoltenberg vows 'long-term support for Ukraine as long as it takes'"
    q = _only(_quotes(nlp, text), "direct")
    assert q.text == "'long-term support for Ukraine as long as it takes'"
    assert q.cue.text == "vows"


def test_apostrophes_are_not_single_quotes(nlp):
    text = "Ukraine’s allies don’t agree, and the voters' mood is sour."
    assert _quotes(nlp, text) == []


def test_colon_after_name_introduces_the_speaker(nlp):
    text = "Stoltenberg: “We must be prepared for a long war”"
    q = _only(_quotes(nlp, text), "direct")
    assert q.speaker_mention.text == "Stoltenberg"
    assert q.cue is None


def test_dash_after_quote_credits_the_speaker(nlp):
    text = "“The most unqualified candidate ever to run for president.” ― Francisco Herrero"
    q = _only(_quotes(nlp, text), "direct")
    assert q.speaker_mention.text == "Francisco Herrero"


def test_indirect_quote_excludes_that_and_keeps_the_clause(nlp):
    text = "Stoltenberg said that such deployments should be decisions for individual nations."
    q = _only(_quotes(nlp, text), "indirect")
    assert q.text == "such deployments should be decisions for individual nations"
    assert q.cue.text == "said" and q.speaker_mention.text == "Stoltenberg"


def test_reporting_clause_after_the_report(nlp):
    text = "The talks were constructive and frank, the ministry clarified in a statement."
    q = _only(_quotes(nlp, text), "indirect")
    assert q.text == "The talks were constructive and frank"
    assert q.cue.text == "clarified"
    assert q.speaker.name == "ministry" and q.speaker.kind == "organisation"


def test_according_to_reports_the_clause(nlp):
    text = "According to the Ukrainian Foreign Ministry, senior officials discussed air defenses with NATO."
    q = _only(_quotes(nlp, text), "indirect")
    assert q.text == "senior officials discussed air defenses with NATO"
    assert q.cue.text == "According to"
    assert q.speaker_mention.text == "the Ukrainian Foreign Ministry"


def test_quoted_fragment_inside_reported_speech_is_one_mixed_quote(nlp):
    text = "Stoltenberg said the alliance would support Kyiv “as long as it takes” despite the cost."
    quotes = _quotes(nlp, text)
    assert [q.kind for q in quotes] == ["mixed"]
    assert quotes[0].text == "the alliance would support Kyiv “as long as it takes” despite the cost"


def test_that_clause_made_of_a_quote_is_direct(nlp):
    text = "He said that “Russia must not win this war.”"
    q = _only(_quotes(nlp, text), "direct")
    assert q.text == "“Russia must not win this war.”"
    assert q.cue.text == "said"


def test_quote_continuing_without_cue_keeps_the_previous_speaker(nlp):
    text = "“At our meeting in Bucharest, I will call for more,” Stoltenberg said. “Over the longer term we will help Ukraine.”"
    quotes = _quotes(nlp, text)
    assert [q.kind for q in quotes] == ["direct", "direct"]
    assert quotes[1].cue is None
    assert quotes[1].speaker.name == "Stoltenberg"
    assert quotes[1].confidence < quotes[0].confidence


def test_scare_quotes_are_not_quotes(nlp):
    text = "The so-called “peace plan” was published on Monday by the government."
    assert _quotes(nlp, text) == []


def test_two_apostrophes_stand_for_a_double_quote(nlp):
    text = "Not paying taxes ''makes me smart,'' Donald J. Trump said during the debate."
    q = _only(_quotes(nlp, text), "mixed")
    assert q.text == "Not paying taxes ''makes me smart,''"
    assert q.speaker.name == "Donald J. Trump"


def test_clause_cut_inside_its_closing_quotation_runs_to_the_mark(nlp):
    text = (
        "Blinken also spoke, saying that the only thing preventing the end of the Russia-Ukraine conflict, "
        "now in its tenth month and with no talks in sight, \"is Vladimir Putin and his belief that he can outlast Ukraine.\""
    )
    quotes = _quotes(nlp, text)
    assert [q.kind for q in quotes] == ["mixed"]
    assert quotes[0].text.startswith("the only thing preventing")
    assert quotes[0].end == len(text)
    assert quotes[0].speaker_mention.text == "Blinken"


def test_offsets_always_index_the_document_text(nlp):
    text = (
        "“We are ready,” she said. The minister said that talks would resume, according to state media.\n"
        "“We will not back down,” he added, “not now.”"
    )
    quotes = _quotes(nlp, text)
    assert [q.text for q in quotes] == [
        "“We are ready,”",
        "The minister said that talks would resume",
        "talks would resume, according to state media",
        "“We will not back down,” he added, “not now.”",
    ]
    spans = [span for q in quotes for span in (q.cue, q.speaker_mention, *q.parts) if span is not None]
    assert len(spans) == 10  # a cue and a speaker each, and the last quote's two parts
    for q in quotes:
        assert text[q.start:q.end] == q.text
    for span in spans:
        assert text[span.start:span.end] == span.text


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("", 0),
        ("   \n\n  ", 0),
        ('"', 0),
        ('He said "yes and then "no and "maybe.', 2),
        ("”closing first“ then opening", 0),
        ("“" * 1_000, 0),
        ('"' * 1_001, 0),
        ("word " * 5_000, 0),
        ("Der Minister sagte: „Wir bleiben in der Ukraine.“ Danach ging er.", 1),
        ("Министр сказал: «Мы остаемся».", 0),
        ("„unclosed German quote\nnext line", 0),
    ],
    ids=["empty", "blank", "lone-mark", "odd-marks", "reversed", "1k-curly", "1k-straight",
         "long-line", "german", "russian", "unclosed-german"],
)
def test_odd_input_gives_a_clean_result(nlp, text, found):
    quotes = find_quotes(nlp(text))
    assert len(quotes) == found
    for q in quotes:
        assert text[q.start:q.end] == q.text
        assert q.kind == "direct"


def test_german_quote_marks_pair(nlp):
    q = _only(_quotes(nlp, "Der Minister sagte: „Wir bleiben in der Ukraine.“ Danach ging er."), "direct")
    assert q.text == "„Wir bleiben in der Ukraine.“"


def test_doc_without_parse_still_finds_direct_quotes(nlp):
    doc = nlp.make_doc("“We will not back down from this fight,” he said.")
    quotes = find_quotes(doc)
    assert [q.text for q in quotes] == ["“We will not back down from this fight,”"]
    assert quotes[0].speaker is None


@pytest.mark.parametrize("mark", ["“", '"', "'", "”"])
def test_ten_thousand_quote_marks_give_a_clean_result(nlp, mark):
    # Parsing 10,000 marks costs the parser tens of seconds; the tokenised doc exercises the
    # mark pairing and attribution all the same.
    text = ("He said " + mark) * 10_000
    # Marks that never close a quote: nothing is found, and quickly.
    assert find_quotes(nlp.make_doc(text)) == []


def test_colon_after_reporting_verb_reports_the_rest_of_the_sentence(nlp):
    text = "Mr. Taylor warned: If the demands are not met, supporters plan to leave the party."
    q = _only(_quotes(nlp, text), "indirect")
    assert q.text == "If the demands are not met, supporters plan to leave the party"
    assert q.cue.text == "warned" and q.speaker_mention.text == "Mr. Taylor"


def test_quoted_fragment_in_the_object_of_its_verb_is_a_mixed_report(nlp):
    text = "Cruz warned against the “fevered dreams” of a brokered convention."
    q = _only(_quotes(nlp, text), "mixed")
    assert q.text == "the “fevered dreams” of a brokered convention"
    assert q.cue.text == "warned" and q.speaker_mention.text == "Cruz"


def test_embedded_question_is_reported_speech(nlp):
    text = "Senators asked whether the District of Columbia should have a vote in the House."
    q = _only(_quotes(nlp, text), "indirect")
    assert q.text == "whether the District of Columbia should have a vote in the House"
    assert q.cue.text == "asked"


_ODD_ALPHABET = 'ab Zé."“”„«»\'‘’,:—-\n?!Said said he she according to “'


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(st.sampled_from(list(_ODD_ALPHABET) + [" said ", "He ", " NATO", " that ", "according to "]),
                     max_size=120).map("".join))
def test_any_mix_of_marks_and_words_gives_valid_offsets(nlp, text):
    for q in find_quotes(nlp(text)):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        for span in (q.cue, q.speaker_mention, *q.parts):
            if span is not None:
                assert text[span.start:span.end] == span.text


def test_surname_after_said_is_the_speaker_even_when_tagged_as_adverb(nlp):
    text = "“Having access to the RNC file and two people who understand it is valuable,” said Skelly, explaining his choice."
    q = [q for q in _quotes(nlp, text) if q.kind == "direct"][0]
    assert q.speaker_mention.text == "Skelly"


def test_subject_across_a_paragraph_break_is_not_the_speaker(nlp):
    text = (
        "Never, never Hillary.”\n\n"
        "Another commenter said, “We all know how she feels about the police, and our military for that matter.”"
    )
    q = _only(_quotes(nlp, text), "direct")
    assert q.speaker_mention.text == "Another commenter"


def test_sentence_opening_name_speaks_when_the_parse_loses_the_subject(nlp):
    text = (
        "The boycott grew.\n\nJeffrey Salkin, a Hollywood, Fla., rabbi helping to organize the boycott, "
        "said he and other rabbis were alarmed about the rhetoric on the campaign trail."
    )
    q = _only(_quotes(nlp, text), "indirect")
    assert q.text == "he and other rabbis were alarmed about the rhetoric on the campaign trail"
    assert q.speaker.name == "Jeffrey Salkin"


def test_parenthetical_they_said_reports_the_clause_around_it(nlp):
    text = (
        "Russia's military successes in Syria since the campaign began last year, they said, "
        "could be solidified by a political settlement."
    )
    q = _only(_quotes(nlp, text), "indirect")
    assert q.text == text[:-1]
    assert [p.text for p in q.parts] == [
        "Russia's military successes in Syria since the campaign began last year",
        "could be solidified by a political settlement",
    ]
    assert q.speaker_mention.text == "they"


def test_speaker_parsed_as_object_of_the_report_still_speaks(nlp):
    text = "Facebook created the tool to help in times of crisis, a spokeswoman, Anna Richardson White, said on Saturday."
    q = _only(_quotes(nlp, text), "indirect")
    assert q.text == "Facebook created the tool to help in times of crisis"
    assert q.speaker_mention.text.startswith("a spokeswoman")


def test_second_that_clause_belongs_to_the_same_report(nlp):
    text = "The Ohio governor said the U.S. needs to secure the border, but that he would not support mass deportation."
    q = _only(_quotes(nlp, text), "indirect")
    assert q.text == "the U.S. needs to secure the border, but that he would not support mass deportation"


def test_headline_credits_the_line_after_the_colon_to_the_name(nlp):
    text = "Elizabeth Warren: Donald Trump Is a ‘Proven Failure’ in Business\nThe senator spoke on Monday."
    q = [q for q in _quotes(nlp, text) if q.start < 70][0]
    assert q.kind == "mixed"
    assert q.text == "Donald Trump Is a ‘Proven Failure’ in Business"
    assert q.speaker_mention.text == "Elizabeth Warren"
    assert q.cue.text == ":"


def test_pledging_a_sum_is_not_reported_speech(nlp):
    # Seed 003: the figure is the article's own claim, so no quote may credit it to a speaker.
    text = ("The United States has been a major contributor, pledging about $45 billion in arms and military aid "
            "to Ukraine since Russia’s massive invasion in February 2022.")
    assert _quotes(nlp, text) == []


def test_announcing_a_priced_package_is_not_reported_speech(nlp):
    text = ("For example, the United States announced a $53 million package to buy power grid equipment for Ukraine "
            "to help the country persevere through the winter.")
    assert _quotes(nlp, text) == []


def test_object_naming_what_was_said_is_still_reported(nlp):
    text = ("NATO Secretary-General Jens Stoltenberg has emphasized the alliance’s commitment to supporting Ukraine, "
            "including discussions on providing advanced defense systems like Patriot air defense units.")
    q = _only(_quotes(nlp, text), "indirect")
    assert q.text.startswith("the alliance’s commitment to supporting Ukraine")
    assert q.cue.text == "emphasized" and q.speaker.name == "Jens Stoltenberg"


def test_headline_quotation_without_a_speaker_in_the_headline_takes_the_story_speaker_it_echoes(nlp):
    # Seed 002: nobody in the headline says 'as long as it takes'; no headline words may stand
    # in, but the story credits the same words to NATO.
    text = (
        "Ukraine to receive NATO support for 'as long as it takes,' gain alliance membership after conflict\n"
        "The North Atlantic Treaty Organization pledged Wednesday to continue support of Ukraine in its defensive "
        "war against Russia for \"as long as it takes.\""
    )
    q = _quotes(nlp, text)[0]
    assert q.text == "'as long as it takes,'"
    assert q.speaker_mention is None and q.cue is None
    assert q.speaker is not None and q.speaker.name == "North Atlantic Treaty Organization"
    assert q.confidence <= 0.4


def test_a_participle_after_reported_speech_belongs_to_the_reporter_not_the_reported_subject(nlp):
    text = ("NATO Secretary-General Jens Stoltenberg spoke on Tuesday. He cautioned that Ukraine could face "
            "further missile and air strikes as the conflict continues, calling for vigilance and readiness "
            "across NATO structures.")
    calling = [q for q in _quotes(nlp, text) if q.text.startswith("vigilance")]
    assert len(calling) == 1
    assert calling[0].speaker is not None and calling[0].speaker.name == "Jens Stoltenberg"


def test_echoes_of_fewer_than_three_words_credit_nobody():
    from claims.extraction.crediting import credit_echoes
    from claims.extraction.types import QuoteResult, SpeakerRef

    berg = SpeakerRef(name="Ann Berg", kind="person")
    said = QuoteResult("“We have drawn a red line and we will hold it,”", 50, 98, "direct", berg, None, None, 0.9)
    short = QuoteResult("'red line'", 10, 20, "direct", None, None, None, 0.4)
    longer = QuoteResult("'we will hold it'", 30, 47, "direct", None, None, None, 0.4)
    credit_echoes([short, longer, said])
    assert short.speaker is None
    assert longer.speaker is berg and longer.confidence < 0.4


def test_the_statement_added_is_credited_to_whoever_issued_the_statement(nlp):
    text = ("The office of French President Emmanuel Macron stated in an official statement that the meeting "
            "comes after talks in Washington on August 18.\n"
            "The statement added that the leaders will assess the latest developments.")
    added = next(q for q in _quotes(nlp, text) if q.text.startswith("the leaders"))
    assert added.speaker_mention.text == "The statement"
    assert added.speaker is not None and added.speaker.name == "Emmanuel Macron"


def test_a_statement_nobody_was_seen_issuing_is_credited_to_nobody_else(nlp):
    text = ("Mayor Ann Lee said the budget would rise.\n"
            "The statement added that the leaders will assess the latest developments.")
    added = next(q for q in _quotes(nlp, text) if q.text.startswith("the leaders"))
    assert added.speaker_mention.text == "The statement"
    assert added.speaker is None


def test_a_quote_run_continues_its_speaker_across_blank_line_paragraphs(nlp):
    text = "“We will not give up,” Mayor Ann Lee said.\n\n“We will rebuild every house on this street, one at a time.”"
    quotes = _quotes(nlp, text)
    assert len(quotes) == 2
    assert quotes[1].speaker is not None and quotes[1].speaker.name == "Ann Lee"
    assert quotes[1].cue is None and quotes[1].confidence < quotes[0].confidence


def test_a_that_clause_the_parser_hangs_on_the_listener_is_what_was_told(nlp):
    quotes = _quotes(nlp, "Mark Jay Heller told a judge that Lohan was settling in at the clinic.")
    assert [(q.text, q.kind, q.speaker.name) for q in quotes] == [
        ("Lohan was settling in at the clinic", "indirect", "Mark Jay Heller")]


def test_a_clause_ending_in_a_noun_that_looks_like_a_conjunction_is_not_cut(nlp):
    quotes = _quotes(nlp, "Zelensky said Kyiv has been asking for a while.")
    assert [q.text for q in quotes] == ["Kyiv has been asking for a while"]


def test_a_paragraph_opening_quotation_nobody_is_credited_with_goes_to_the_story_focus_at_low_confidence(nlp):
    text = ("Mary Smith, a retired nurse, has lived on the street for 40 years.\n"
            "She said the flood was the worst she had seen.\n"
            "“We lost everything in the basement, and the insurance will not pay for any of it.”")
    last = _quotes(nlp, text)[-1]
    assert last.text.startswith("“We lost everything")
    assert last.speaker is not None and last.speaker.name == "Mary Smith"
    assert last.speaker_mention is None and last.confidence < LOW_CONFIDENCE


def test_a_quotation_inside_the_same_speakers_longer_report_is_listed_once():
    from claims.extraction.crediting import drop_nested_repeats
    from claims.extraction.types import QuoteResult, Span, SpeakerRef

    lee = SpeakerRef(name="Ann Lee", kind="person")
    said = Span("said", 9, 13)
    report = QuoteResult("the city would stay open “as long as it takes”", 14, 60, "mixed", lee, None, said, 0.8)
    inner = QuoteResult("“as long as it takes”", 39, 60, "direct", lee, None, said, 0.9)
    other = QuoteResult("is unlicensed", 30, 43, "indirect", SpeakerRef(name="a state official", kind="unknown"),
                        None, Span("said", 25, 29), 0.7)
    assert drop_nested_repeats([report, other, inner]) == [report, other]


def test_a_quoted_phrase_that_is_the_whole_report_does_not_take_in_the_reporters_setting(nlp):
    quotes = _quotes(nlp, "Merkel warned of “a long winter” at a party conference in Berlin.")
    assert [(q.text, q.kind, q.speaker.name) for q in quotes] == [("“a long winter”", "direct", "Merkel")]


def test_a_mixed_quote_keeps_the_opening_mark_of_its_quotation(nlp):
    quotes = _quotes(nlp, "The mayor promised “a new beginning” at a rally in Queens.")
    assert len(quotes) == 1 and quotes[0].kind == "mixed"
    assert quotes[0].text.startswith("“a new beginning”")


def test_titles_in_the_inverted_speakers_phrase_are_not_quotes_or_reports(nlp):
    text = ('"A strike, if one occurred, would be nothing short of horrible," said Ron Howard, the former actor '
            'and Oscar-winning director of "A Beautiful Mind" whose latest film, "Frost/Nixon," is considered a '
            'strong Oscar contender.')
    quotes = _quotes(nlp, text)
    assert [(q.kind, q.text) for q in quotes] == [
        ("direct", '"A strike, if one occurred, would be nothing short of horrible,"')]
    assert quotes[0].speaker.name == "Ron Howard"


def test_a_quotation_closed_by_a_full_stop_takes_the_verb_before_it(nlp):
    text = ("Cruz says that “when you live by the pen, you die by the pen.” "
            "And he added that his own pen has an eraser.")
    quote = next(q for q in find_quotes(nlp(text)) if q.text.startswith("“when"))
    assert (quote.cue.text, quote.speaker_mention.text) == ("says", "Cruz")


def test_a_clause_after_a_comma_with_its_own_pronoun_is_not_reported(nlp):
    text = ("Rubio said the real extremist on abortion is Hillary Clinton, and he railed against "
            "Democratic debate moderators for failing to bring up abortion.")
    quotes = find_quotes(nlp(text))
    assert [q.text for q in quotes] == ["the real extremist on abortion is Hillary Clinton"]

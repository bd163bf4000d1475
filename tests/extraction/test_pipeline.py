"""extract / extract_many: offsets into the whole text, batches, chunks and bad input."""
import ast
from datetime import date
from pathlib import Path

import pytest
import spacy

from claims.extraction import Extraction, ExtractionError, chunk_offsets, extract, extract_many
from claims.extraction import pipeline as pipeline_module
from claims.extraction.cleaning import clean_plain_text
from tests.conftest import SEEDS

EXTRACTION_DIR = Path(pipeline_module.__file__).resolve().parent
QUOTED = "“We will not back down,” NATO Secretary-General Jens Stoltenberg said on Friday. “Allies sent $45 billion.”"


@pytest.fixture(scope="module")
def seed_bodies() -> list[str]:
    return [clean_plain_text(p.read_text(encoding="utf-8")).body for p in sorted(SEEDS.glob("*.txt"))]


def _spans_hold(text: str, result: Extraction) -> bool:
    return all(text[c.start : c.end] == c.text for c in result.claims) and all(
        text[q.start : q.end] == q.text for q in result.quotes
    )


def test_extraction_never_imports_django():
    paths = sorted(EXTRACTION_DIR.glob("*.py"))
    assert len(paths) >= 10
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n == "django" or n.startswith("django.") for n in names), path.name


def test_a_claim_inside_a_quote_gets_the_quote_and_the_resolved_speaker(nlp):
    result = extract(QUOTED, published=date(2022, 11, 25), nlp=nlp)
    money = next(c for c in result.claims if c.kind == "money")
    assert (money.text, money.unit) == ("$45 billion", "USD")
    assert money.quote_index is not None
    quote = result.quotes[money.quote_index]
    assert quote.start <= money.start and money.end <= quote.end
    assert money.speaker is quote.speaker
    assert money.speaker is not None and money.speaker.name == "Jens Stoltenberg"
    assert any(s is money.speaker for s in result.speakers)


def test_a_headline_without_a_full_stop_does_not_swallow_the_first_sentence(nlp):
    page = ("Council approves $12 million budget\n\n"
            "The city council approved a budget of $12 million on Tuesday, Mayor Ann Lee said.")
    body = clean_plain_text(page).body
    result = extract(body, published=date(2024, 3, 6), nlp=nlp)
    headline, story = sorted((c for c in result.claims if c.kind == "money"), key=lambda c: c.start)
    assert headline.sentence == "Council approves $12 million budget"
    assert story.sentence.startswith("The city council") and story.speaker is not None
    assert story.speaker.name == "Ann Lee"
    assert [q.speaker.name for q in result.quotes] == ["Ann Lee"]


def test_publication_date_resolves_relative_dates(nlp):
    friday = next(c for c in extract(QUOTED, published=date(2022, 11, 25), nlp=nlp).claims if c.kind == "date")
    assert (friday.text, friday.date_value) == ("on Friday", date(2022, 11, 25))
    unknown = next(c for c in extract(QUOTED, nlp=nlp).claims if c.kind == "date")
    assert (unknown.text, unknown.date_value) == ("on Friday", None)


def test_extract_many_gives_the_same_results_as_one_by_one_in_order(nlp, seed_bodies):
    many = list(extract_many([(body, None) for body in seed_bodies], nlp=nlp, batch_size=2))
    single = [extract(body, nlp=nlp) for body in seed_bodies]
    assert [[(c.start, c.text) for c in r.claims] for r in many] == [[(c.start, c.text) for c in r.claims] for r in single]
    assert [len(r.quotes) for r in many] == [len(r.quotes) for r in single]


def test_a_long_article_is_parsed_in_chunks_with_offsets_into_the_whole_text(nlp, seed_bodies, monkeypatch):
    text = "\n".join(seed_bodies[3:5] * 3)
    whole = extract(text, nlp=nlp)
    monkeypatch.setattr(pipeline_module, "CHUNK_CHARS", 3000)
    chunked = extract(text, nlp=nlp)
    assert len(chunk_offsets(text, 3000)) > 3
    assert _spans_hold(text, chunked)
    assert [(c.start, c.kind, c.value) for c in chunked.claims] == [(c.start, c.kind, c.value) for c in whole.claims]


def test_chunks_cut_at_paragraphs_and_cover_the_text():
    text = ("A paragraph of news text that ends here.\n" * 300) + "x" * 25_000
    pieces = chunk_offsets(text, 10_000)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:], strict=False))
    assert all(end - start <= 10_000 for start, end in pieces)
    assert text[pieces[0][1] - 1] == "\n"


def test_chunks_of_one_huge_line_cut_at_sentences_or_spaces():
    text = "The council met. " * 2000
    pieces = chunk_offsets(text, 1000)
    assert all(text[end - 1] == " " for _, end in pieces[:-1])


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\n\t ", "...", "—", "\u200b\u200b", "12", "\n\n1.\n2.\n"])
def test_empty_or_sentence_less_text_gives_a_clean_result(nlp, text):
    result = extract(text, nlp=nlp)
    assert isinstance(result, Extraction)
    assert _spans_hold(text, result)


@pytest.mark.parametrize(
    "text",
    [
        "He said: “We will stay. And then the quote never closes, costing $5 million.",
        "“ ” “ ” ” “ \" ' ‘ ’ ’ said the mayor, \"",
        '"""""""""" he said 3 people died """""',
        "‘Single quoted headline’ says ‘nothing’ about ’ the 30 countries.",
    ],
)
def test_odd_quote_marks_give_a_clean_result(nlp, text):
    result = extract(text, nlp=nlp)
    assert _spans_hold(text, result)


def test_non_english_prose_is_refused_with_a_clear_error(nlp):
    french = (
        "Le secrétaire général de l'OTAN a déclaré vendredi que l'alliance continuerait à soutenir l'Ukraine "
        "aussi longtemps qu'il le faudra. Les ministres des affaires étrangères se réuniront à Bucarest la semaine "
        "prochaine pour discuter de l'aide militaire, des systèmes de défense aérienne et des besoins énergétiques "
        "du pays pendant l'hiver, a-t-il ajouté devant les journalistes réunis au siège de l'organisation."
    )
    with pytest.raises(ExtractionError, match="does not look like English"):
        extract(french, nlp=nlp)


def test_short_non_english_or_non_latin_text_gives_a_clean_result(nlp):
    for text in ("Путин заявил, что 15 человек погибли.", "北约秘书长说，30个成员国支持乌克兰。"):
        assert _spans_hold(text, extract(text, nlp=nlp))


def test_a_text_that_is_not_a_string_is_an_extraction_error(nlp):
    with pytest.raises(ExtractionError, match="must be a string"):
        extract(b"bytes", nlp=nlp)


def test_one_bad_article_in_a_batch_does_not_stop_the_others(nlp, seed_bodies):
    results = list(extract_many([(seed_bodies[3], None), (None, None), ("", None), (seed_bodies[4], None)], nlp=nlp,
                                errors=True))
    assert [type(r).__name__ for r in results] == ["Extraction", "ExtractionError", "Extraction", "Extraction"]
    assert results[0].claims and results[3].claims


def test_a_pipeline_without_a_parser_still_gives_money_and_dates():
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    result = extract("The city spent $12 million on Tuesday.", published=date(2022, 11, 25), nlp=blank)
    assert [(c.text, c.kind) for c in result.claims] == [("$12 million", "money"), ("on Tuesday", "date")]


@pytest.mark.slow
def test_a_5_mb_article_is_extracted_in_chunks_without_raising_the_length_limit(seed_bodies):
    # The tokenizer-only pipeline keeps this to seconds; what is tested is the chunking,
    # the offsets and that spaCy's max_length is never raised.
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    text = "\n".join([seed_bodies[3]] * (5_000_000 // len(seed_bodies[3]) + 1))
    assert len(text) > 5_000_000 > blank.max_length
    result = extract(text, nlp=blank)
    assert blank.max_length == 1_000_000
    assert _spans_hold(text, result)
    assert result.claims[-1].start > 4_900_000


def test_a_chunk_is_not_cut_before_a_paragraph_that_reopens_a_quote():
    paragraph = "The minister spoke at length about the budget and the roads.\n"
    text = paragraph * 20 + "“We will build it.\n“And we will pay for it,” she said.\n" + paragraph * 20
    reopening = text.index("“And")
    for limit in range(reopening - 5, reopening + 40, 7):
        assert all(start != reopening for start, _ in chunk_offsets(text, limit))


def test_batches_are_bounded_in_characters_as_well_as_documents():
    pairs = [("x" * 40, i) for i in range(10)]
    groups = list(pipeline_module._batches(iter(pairs), 4, 100))
    assert [len(g) for g in groups] == [2, 2, 2, 2, 2]
    assert [len(g) for g in pipeline_module._batches(iter(pairs), 3, 10_000)] == [3, 3, 3, 1]
    assert [len(g) for g in pipeline_module._batches(iter([("y" * 500, 0), ("z", 1)]), 4, 100)] == [1, 1]

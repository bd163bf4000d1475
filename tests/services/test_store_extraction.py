"""Storing extraction results: one transaction, stable rows across re-extraction, merged speakers."""
import threading
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from claims.extraction import EXTRACTOR_VERSION
from claims.extraction.types import ClaimResult, Extraction, QuoteResult, Span, SpeakerRef
from claims.models import Article, Claim, Quote, Review, Speaker
from claims.services.extraction_runs import (
    article_claim,
    article_extract,
    article_store_extraction,
    articles_extract_batch,
)
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

BODY = (
    "“NATO will continue to stand with Ukraine,” Jens Stoltenberg said on Friday. "
    "The coalition comprised 54 countries, including all 30 member states of NATO and 24 other countries. "
    "The United States pledged about $45 billion in military aid."
)


def _pending(body: str = BODY, **kwargs) -> Article:
    return ArticleFactory(body=body, status=Article.Status.PENDING, **kwargs)


def _quote(text: str, start: int, speaker: SpeakerRef | None) -> QuoteResult:
    return QuoteResult(text=text, start=start, end=start + len(text), kind="direct", speaker=speaker,
                       speaker_mention=Span(speaker.name, 0, len(speaker.name)) if speaker else None,
                       cue=Span("said", 0, 4), confidence=0.9)


def _claim(text: str, start: int, value: int, unit: str = "country", quote_index=None, speaker=None) -> ClaimResult:
    return ClaimResult(text=text, start=start, end=start + len(text), kind="count", value=Decimal(value), unit=unit,
                       subject=unit, sentence=text, quote_index=quote_index, speaker=speaker)


def _store(article: Article, result: Extraction) -> bool:
    token = article_claim(article_id=article.id, force=True)
    return article_store_extraction(article_id=article.id, token=token, result=result)


# --- article_extract -----------------------------------------------------------------------


def test_article_extract_stores_quotes_claims_and_speakers():
    article = _pending()
    assert article_extract(article_id=article.id) is True
    article.refresh_from_db()
    assert (article.status, article.extractor_version) == (Article.Status.EXTRACTED, EXTRACTOR_VERSION)
    claims = {c.text: c for c in Claim.objects.filter(article=article)}
    assert claims["about $45 billion"].value == Decimal(45_000_000_000)
    assert claims["about $45 billion"].unit == "USD"
    assert claims["all 30 member states"].subject == "nato member"
    assert BODY[claims["54 countries"].start : claims["54 countries"].end] == "54 countries"
    quote = Quote.objects.get(article=article, kind="direct")
    assert quote.speaker.name == "Jens Stoltenberg"
    assert BODY[quote.start : quote.end] == quote.text


def test_a_claim_said_in_a_quote_is_linked_to_the_quote_and_speaker():
    article = _pending("“We sent $45 billion,” Jens Stoltenberg said.")
    article_extract(article_id=article.id)
    claim = Claim.objects.get(article=article, kind="money")
    assert claim.quote is not None and claim.quote.start <= claim.start < claim.quote.end
    assert claim.speaker.name == "Jens Stoltenberg"


def test_the_publication_date_resolves_relative_dates():
    article = _pending(published_at=datetime(2022, 11, 25, 12, tzinfo=UTC))
    article_extract(article_id=article.id)
    friday = Claim.objects.get(article=article, kind="date")
    assert (friday.text, str(friday.date_value)) == ("on Friday", "2022-11-25")


def test_an_article_that_cannot_be_extracted_is_marked_failed_with_the_reason():
    french = " ".join(["Le ministre a déclaré que la réunion aura lieu vendredi à Bruxelles avec les alliés."] * 6)
    article = _pending(french)
    assert article_extract(article_id=article.id) is False
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "does not look like English" in article.error
    assert article.lease_token == ""


# --- re-extraction -----------------------------------------------------------------------


def test_re_extraction_keeps_ids_review_status_and_reviews_and_adds_no_duplicates():
    article = _pending()
    article_extract(article_id=article.id)
    claim = Claim.objects.get(article=article, text="54 countries")
    claim.review_status = "verified"
    claim.save()
    reviewer = get_user_model().objects.create_user("reviewer")
    Review.objects.create(reviewer=reviewer, claim=claim, verdict="verified", target_fingerprint=claim.fingerprint)
    before = sorted(Claim.objects.filter(article=article).values_list("id", flat=True))
    quotes_before = sorted(Quote.objects.filter(article=article).values_list("id", flat=True))

    assert article_extract(article_id=article.id, force=True) is True

    assert sorted(Claim.objects.filter(article=article).values_list("id", flat=True)) == before
    assert sorted(Quote.objects.filter(article=article).values_list("id", flat=True)) == quotes_before
    claim.refresh_from_db()
    assert claim.review_status == "verified"
    assert claim.reviews.count() == 1


def test_an_unchanged_re_extraction_writes_no_history():
    article = _pending()
    article_extract(article_id=article.id)
    history = Claim.history.filter(article_id=article.id).count()
    article_extract(article_id=article.id, force=True)
    assert Claim.history.filter(article_id=article.id).count() == history


def test_claims_no_longer_found_are_deleted_and_their_reviews_kept():
    article = _pending()
    first = Extraction(claims=[_claim("54 countries", 10, 54), _claim("24 other countries", 40, 24)])
    _store(article, first)
    gone = Claim.objects.get(article=article, text="24 other countries")
    reviewer = get_user_model().objects.create_user("reviewer")
    review = Review.objects.create(reviewer=reviewer, claim=gone, verdict="conflicting",
                                   target_fingerprint=gone.fingerprint, target_text=gone.text)
    kept = Claim.objects.get(article=article, text="54 countries")

    _store(article, Extraction(claims=[_claim("54 countries", 12, 54)]))

    assert list(Claim.objects.filter(article=article).values_list("id", "start")) == [(kept.id, 12)]
    review.refresh_from_db()
    assert review.claim is None and review.target_fingerprint == gone.fingerprint


def test_the_same_text_twice_in_an_article_is_two_claims():
    article = _pending()
    _store(article, Extraction(claims=[_claim("30 countries", 5, 30), _claim("30 countries", 80, 30)]))
    assert Claim.objects.filter(article=article).count() == 2
    _store(article, Extraction(claims=[_claim("30 countries", 5, 30), _claim("30 countries", 80, 30)]))
    assert Claim.objects.filter(article=article).count() == 2


def test_a_worker_that_lost_its_lease_writes_no_rows():
    article = _pending()
    stale = article_claim(article_id=article.id)
    Article.objects.filter(id=article.id).update(lease_token="someone-else")
    assert article_store_extraction(article_id=article.id, token=stale, result=Extraction(
        claims=[_claim("54 countries", 10, 54)])) is False
    assert not Claim.objects.filter(article=article).exists()


def test_values_beyond_the_column_are_stored_without_a_value():
    article = _pending()
    huge = ClaimResult(text="10^30 dollars", start=0, end=13, kind="money", value=Decimal(10) ** 30, unit="USD",
                       subject="", sentence="")
    _store(article, Extraction(claims=[huge]))
    assert Claim.objects.get(article=article).value is None


# --- speakers ----------------------------------------------------------------------------


def _speaking(article: Article, name: str, kind: str = "person", roles=()) -> None:
    ref = SpeakerRef(name=name, kind=kind, roles=list(roles), aliases=[name])
    _store(article, Extraction(quotes=[_quote("“We stay.”", 0, ref)], speakers=[ref]))


def test_one_speaker_across_articles_whatever_the_article_calls_him():
    _speaking(_pending("a"), "Jens Stoltenberg", roles=["NATO Secretary General"])
    _speaking(_pending("b"), "Stoltenberg")
    _speaking(_pending("c"), "NATO Secretary General Jens Stoltenberg", roles=["NATO Secretary General"])
    _speaking(_pending("d"), "Jens Stoltenberg", roles=["former Norwegian prime minister"])
    speaker = Speaker.objects.get()
    assert speaker.name == "Jens Stoltenberg"
    assert speaker.roles == ["NATO Secretary General", "former Norwegian prime minister"]
    assert set(speaker.aliases.values_list("text", flat=True)) == {
        "Jens Stoltenberg", "Stoltenberg", "NATO Secretary General Jens Stoltenberg"
    }
    assert Quote.objects.filter(speaker=speaker).count() == 4


def test_a_speaker_first_seen_by_surname_takes_the_full_name_later():
    _speaking(_pending("a"), "Stoltenberg")
    _speaking(_pending("b"), "Jens Stoltenberg")
    speaker = Speaker.objects.get()
    assert (speaker.name, speaker.key) == ("Jens Stoltenberg", "jens stoltenberg")
    assert Quote.objects.filter(speaker=speaker).count() == 2


def test_an_ambiguous_surname_is_not_merged_into_either_person():
    _speaking(_pending("a"), "John Smith")
    _speaking(_pending("b"), "Jane Smith")
    _speaking(_pending("c"), "Smith")
    assert sorted(Speaker.objects.values_list("key", flat=True)) == ["jane smith", "john smith", "smith"]


@pytest.mark.django_db(transaction=True)
def test_two_workers_storing_the_same_new_speaker_at_once_make_one_row(postgres):
    articles = [_pending(f"story {i}") for i in range(2)]
    tokens = [article_claim(article_id=a.id) for a in articles]
    barrier = threading.Barrier(2)
    errors = []

    def store(article, token):
        try:
            ref = SpeakerRef(name="Galyna Lugova", kind="person", aliases=["Galyna Lugova"])
            barrier.wait(timeout=10)
            article_store_extraction(article_id=article.id, token=token,
                                     result=Extraction(quotes=[_quote("“Today.”", 0, ref)], speakers=[ref]))
        except Exception as exc:  # reported below: a thread's exception would vanish
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=store, args=pair) for pair in zip(articles, tokens, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    assert Speaker.objects.filter(key="galyna lugova").count() == 1
    assert Quote.objects.filter(speaker__key="galyna lugova").count() == 2


# --- batches -----------------------------------------------------------------------------


def test_a_batch_extracts_each_article_and_fails_only_the_bad_one():
    good = [_pending(BODY), _pending("The city spent $12 million on a new bridge, the mayor said.")]
    bad = _pending(" ".join(["Der Minister sagte, dass die Sitzung am Freitag in Brüssel stattfinden wird."] * 6))
    stored = articles_extract_batch(article_ids=[good[0].id, bad.id, good[1].id])
    assert stored == 2
    statuses = dict(Article.objects.values_list("id", "status"))
    assert statuses == {good[0].id: "extracted", bad.id: "failed", good[1].id: "extracted"}
    assert Claim.objects.filter(article=good[1], unit="USD").exists()


def test_a_batch_skips_articles_another_worker_holds():
    held = _pending()
    article_claim(article_id=held.id)
    assert articles_extract_batch(article_ids=[held.id]) == 0
    assert Article.objects.get(id=held.id).status == Article.Status.EXTRACTING


def test_a_speaker_of_unknown_kind_gets_no_speaker_row_but_keeps_its_mention():
    statement = SpeakerRef(name="statement", kind="unknown", aliases=["the statement"])
    article = _pending("x")
    _store(article, Extraction(quotes=[_quote("“We stay.”", 0, statement)], speakers=[statement]))
    quote = Quote.objects.get(article=article)
    assert quote.speaker is None and quote.speaker_mention == "statement"
    assert not Speaker.objects.exists()


def test_requeue_inline_extracts_pending_and_outdated_articles_in_batches():
    from claims.services.extraction_runs import articles_requeue

    pending = _pending()
    outdated = ArticleFactory(body="The coalition comprised 54 countries.", status=Article.Status.EXTRACTED,
                              extractor_version="0")
    assert articles_requeue(outdated=True, inline=True) == 2
    for article in (pending, outdated):
        article.refresh_from_db()
        assert (article.status, article.extractor_version) == (Article.Status.EXTRACTED, EXTRACTOR_VERSION)
    assert Claim.objects.filter(article=outdated, text="54 countries").exists()


def test_an_organisation_and_its_acronym_are_one_speaker_either_way_round():
    _speaking(_pending("a"), "NATO", kind="organisation")
    _speaking(_pending("b"), "North Atlantic Treaty Organization", kind="organisation")
    _speaking(_pending("c"), "European Union", kind="organisation")
    _speaking(_pending("d"), "EU", kind="organisation")
    assert sorted(Speaker.objects.values_list("name", flat=True)) == ["European Union", "NATO"]
    nato = Speaker.objects.get(key="nato")
    assert set(nato.aliases.values_list("text", flat=True)) == {"NATO", "North Atlantic Treaty Organization"}


def test_a_one_word_organisation_is_not_taken_for_a_surname():
    _speaking(_pending("a"), "Andrzej Duda", kind="person")
    _speaking(_pending("b"), "Duda", kind="organisation")
    assert Speaker.objects.count() == 2


# --- numbers as stated and as compared (issue 13) -----------------------------------------------


def test_a_quantity_is_stored_as_stated_with_its_canonical_form_and_confidence():
    article = _pending("The convoy stretched 10 miles along the road to the border.")
    article_extract(article_id=article.id)
    claim = Claim.objects.get(article=article, kind="quantity")
    assert (claim.text, claim.value, claim.unit) == ("10 miles", Decimal(10), "mile")
    assert (claim.base_value, claim.base_unit) == (Decimal("16093.44"), "meter")
    assert 0 < claim.confidence <= 1


def test_a_date_range_keeps_its_end_precision_and_what_anchored_it():
    article = _pending("The Nov 29-30 meeting in Bucharest will discuss support for Ukraine.",
                       published_at=datetime(2022, 11, 25, 12, tzinfo=UTC))
    article_extract(article_id=article.id)
    claim = Claim.objects.get(article=article, kind="date")
    assert (str(claim.date_value), str(claim.date_end)) == ("2022-11-29", "2022-11-30")
    assert (claim.date_precision, claim.date_anchor) == ("day", "publication")


def test_an_ambiguous_reading_keeps_its_decision_as_a_note():
    article = _pending("The suspect, who weighs 200 pounds, fled on foot.")
    article_extract(article_id=article.id)
    claim = Claim.objects.get(article=article, kind="quantity")
    assert (claim.unit, claim.base_unit) == ("pound", "kilogram")
    assert claim.notes and "weight" in claim.notes[0]


def test_a_changed_canonical_value_is_written_on_re_extraction():
    article = _pending()
    result = Extraction(claims=[_claim("54 countries", BODY.index("54 countries"), 54)])
    _store(article, result)
    first = Claim.objects.get(article=article)
    result.claims[0].base_value, result.claims[0].base_unit = Decimal("54"), "country"
    result.claims[0].confidence, result.claims[0].notes = 0.4, ["read by default"]
    _store(article, result)
    again = Claim.objects.get(article=article)
    assert again.id == first.id
    assert (again.base_value, again.base_unit, again.confidence, again.notes) == (
        Decimal(54), "country", 0.4, ["read by default"]
    )


# --- reviewers' work across a new extractor version (issue 13) -----------------------------------


def test_requeue_outdated_keeps_reviewers_verdicts_speaker_fixes_and_value_fixes():
    from claims.services.extraction_runs import articles_requeue
    from claims.services.review import review_submit

    article = _pending()
    article_extract(article_id=article.id)
    reviewer = get_user_model().objects.create_user("reviewer", is_staff=True)
    claim = Claim.objects.get(article=article, text="54 countries")
    review_submit(reviewer=reviewer, verdict="verified", note="NATO's own count", claim=claim)
    # The desk's fixes, saved as the admin saves them (simple_history records who).
    quote = Quote.objects.get(article=article)
    fixed_speaker = Speaker.objects.create(key="nato spokesperson", name="NATO spokesperson", kind="person")
    quote.speaker = fixed_speaker
    quote._history_user = reviewer
    quote.save()
    amount = Claim.objects.get(article=article, kind="money")
    amount.value, amount.notes = Decimal("46000000000"), [*amount.notes, "value or unit set by a fact-checker"]
    amount._history_user = reviewer
    amount.save()
    Article.objects.filter(id=article.id).update(extractor_version="0")

    assert articles_requeue(outdated=True, inline=True) == 1

    article.refresh_from_db()
    assert article.extractor_version == EXTRACTOR_VERSION
    claim.refresh_from_db()
    assert (claim.review_status, claim.reviews.count()) == ("verified", 1)
    quote.refresh_from_db()
    assert quote.speaker_id == fixed_speaker.id
    amount.refresh_from_db()
    assert amount.value == Decimal("46000000000")
    assert amount.notes[-1] == "value or unit set by a fact-checker"


def test_re_extraction_still_updates_what_no_person_changed():
    article = _pending()
    article_extract(article_id=article.id)
    reviewer = get_user_model().objects.create_user("reviewer", is_staff=True)
    quote = Quote.objects.get(article=article)
    quote.kind = "indirect"
    quote._history_user = reviewer
    quote.save()
    Claim.objects.filter(article=article, text="54 countries").update(value=Decimal(53), confidence=0.1)

    article_extract(article_id=article.id, force=True)

    quote.refresh_from_db()
    assert quote.kind == "indirect"
    assert quote.speaker is not None and quote.speaker.name == "Jens Stoltenberg"
    claim = Claim.objects.get(article=article, text="54 countries")
    assert (claim.value, claim.confidence) == (Decimal(54), 0.85)

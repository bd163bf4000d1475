"""Running extraction for a stored article and storing its results.

The slow part (spaCy) runs outside any transaction; the results are written in one short
transaction that replaces the article's previous results. A worker takes an article with
a conditional update (a lease with a token), so two workers given the same article at once
do the work once, and a worker that died mid-task leaves a lease that expires.
"""
from __future__ import annotations

import hashlib
import logging
import time
import uuid
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from billiard.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from claims import selectors
from claims.extraction import EXTRACTOR_VERSION
from claims.extraction.types import ClaimResult, Extraction, QuoteResult, SpeakerRef
from claims.models import Article, Claim, Quote, Speaker
from claims.services.speakers import speaker_rows_for_refs

logger = logging.getLogger(__name__)

__all__ = ["EXTRACTOR_VERSION"]


class ArticleBusy(Exception):
    """Another worker holds a live lease on the article."""


def lease_token_for(task_id: str) -> str:
    """The lease token a task holds: its id, fitted to the column."""
    return task_id.replace("-", "")[:32]


def article_claim(*, article_id: int, force: bool = False, token: str | None = None) -> str | None:
    """Take the article for extraction. Returns the lease token, or None if not ours to take.

    Takes a pending or failed article, or one whose previous worker's lease ran out.
    With force, also takes an extracted one (re-extraction).

    token: the Celery task id. A retry or a redelivery of the same task (after a dropped
    database connection, or a worker killed mid-task) carries the same id, so it takes its
    own lease back at once instead of waiting for it to expire. A different task for the
    same article still cannot take a live lease.
    """
    now = timezone.now()
    token = lease_token_for(token or uuid.uuid4().hex)
    held_by_nobody_alive = Q(status=Article.Status.EXTRACTING) & (Q(lease_until__lt=now) | Q(lease_token=token))
    # An article whose extraction never finished this many times (the worker was killed, ran
    # out of memory or time on it) is poison: mark it failed rather than feed it to workers
    # forever, which acks_late + reject_on_worker_lost would otherwise do.
    limit = settings.FACTCHECK_EXTRACTION_MAX_ATTEMPTS
    if Article.objects.filter(held_by_nobody_alive, id=article_id, attempts__gte=limit).update(
        status=Article.Status.FAILED,
        error=f"gave up after {limit} attempts that never finished (worker killed, out of memory or time?)",
        lease_token="",
        lease_until=None,
        updated_at=now,
    ):
        logger.error("article %s: gave up after %s unfinished attempts", article_id, limit)
        return None
    takeable = Q(status__in=[Article.Status.PENDING, Article.Status.FAILED]) | held_by_nobody_alive
    if force:
        takeable |= Q(status=Article.Status.EXTRACTED)
    changed = (
        Article.objects.filter(takeable, id=article_id)
        .update(
            status=Article.Status.EXTRACTING,
            lease_token=token,
            lease_until=now + timedelta(seconds=settings.FACTCHECK_EXTRACTION_LEASE_SECONDS),
            attempts=F("attempts") + 1,
            updated_at=now,
        )
    )
    return token if changed else None


def fingerprint(*, kind: str, text: str, occurrence: int) -> str:
    """A quote's or claim's identity across re-extraction of the same article.

    Kind, text (case and spacing folded) and which occurrence of that text it is: offsets
    are left out, so an edit earlier in the body or a better sentence split keeps the
    identity, and with it the row's id, review status and reviews.
    """
    folded = " ".join(text.lower().split())
    return hashlib.sha256(f"{kind}|{folded}|{occurrence}".encode()).hexdigest()


def _fingerprints(items: Iterable[QuoteResult | ClaimResult]) -> list[str]:
    seen: Counter[tuple[str, str]] = Counter()
    prints = []
    for item in items:
        key = (item.kind, " ".join(item.text.lower().split()))
        prints.append(fingerprint(kind=item.kind, text=item.text, occurrence=seen[key]))
        seen[key] += 1
    return prints


_VALUE_LIMIT = Decimal(10) ** 22  # Claim.value: 28 digits, 6 after the point
_SIX_PLACES = Decimal("0.000001")
_BASE_LIMIT = Decimal(10) ** 28  # Claim.base_value: 40 digits, 12 after the point
_TWELVE_PLACES = Decimal("0.000000000001")


def _storable_value(value: Decimal | None, *, limit: Decimal = _VALUE_LIMIT, places: Decimal = _SIX_PLACES) -> Decimal | None:
    if value is None or not value.is_finite() or abs(value) >= limit:
        return None
    return value.quantize(places) if value.as_tuple().exponent < places.as_tuple().exponent else value


_QUOTE_FIELDS = [
    "speaker", "speaker_mention", "mention_start", "mention_end", "text", "start", "end", "kind", "cue",
    "cue_start", "cue_end", "confidence",
]
_CLAIM_FIELDS = [
    "quote", "speaker", "kind", "text", "start", "end", "value", "unit", "qualifier", "date_value", "subject",
    "sentence", "value_end", "date_end", "date_precision", "date_anchor", "base_value", "base_unit", "notes",
    "confidence",
]
_DECIMAL_FIELDS = {"value", "value_end", "base_value"}


def _quote_values(quote: QuoteResult, speaker: Speaker | None) -> dict:
    mention, cue = quote.speaker_mention, quote.cue
    return {
        "speaker": speaker,
        "speaker_mention": mention.text[:300] if mention else "",
        "mention_start": mention.start if mention else None,
        "mention_end": mention.end if mention else None,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "kind": quote.kind,
        "cue": cue.text[:100] if cue else "",
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
        "confidence": float(quote.confidence),
    }


def _claim_values(claim: ClaimResult, quote: Quote | None, speaker: Speaker | None) -> dict:
    return {
        "quote": quote,
        "speaker": speaker,
        "kind": claim.kind,
        "text": claim.text[:500],
        "start": claim.start,
        "end": claim.end,
        "value": _storable_value(claim.value),
        "unit": claim.unit[:64],
        "qualifier": claim.qualifier,
        "date_value": claim.date_value,
        "subject": claim.subject[:300],
        "sentence": claim.sentence,
        "value_end": _storable_value(claim.value_end),
        "date_end": claim.date_end,
        "date_precision": claim.date_precision,
        "date_anchor": claim.date_anchor,
        "base_value": _storable_value(claim.base_value, limit=_BASE_LIMIT, places=_TWELVE_PLACES),
        "base_unit": claim.base_unit[:64],
        "notes": [str(note)[:300] for note in claim.notes],
        "confidence": round(float(claim.confidence), 3),
    }


def _same(row, values: dict) -> bool:
    for name, value in values.items():
        current = getattr(row, name + "_id") if name in ("speaker", "quote") else getattr(row, name)
        wanted = value.id if name in ("speaker", "quote") and value is not None else value
        if name in _DECIMAL_FIELDS and current is not None and wanted is not None:
            if Decimal(current) != Decimal(wanted):
                return False
        elif current != wanted:
            return False
    return True


# The change reason of extraction's own writes in the rows' history: any other change made
# by a signed-in user (the admin's speaker or value fix) is a person's, and kept.
EXTRACTION_CHANGE = "extraction"


def _set_by_people(model, article: Article, fields: list[str]) -> dict[int, set[str]]:
    """Row id -> the extracted fields a person changed (from the rows' history).

    A fact-checker who gives a quote its right speaker or a claim its right value must not
    see re-extraction (a new extractor version, ``requeue --outdated``) put the machine's
    reading back: those fields stay as the person left them while the rest is refreshed.
    """
    history = model.history.model.objects
    people = history.filter(article_id=article.id, history_type="~", history_user__isnull=False).exclude(
        history_change_reason=EXTRACTION_CHANGE
    )
    rows = set(people.values_list("id", flat=True))
    if not rows:
        return {}
    attnames = {name: model._meta.get_field(name).attname for name in fields}
    changed: dict[int, set[str]] = {}
    previous: dict[int, object] = {}
    for record in history.filter(id__in=rows).order_by("history_date", "history_id"):
        before = previous.get(record.id)
        previous[record.id] = record
        person = record.history_user_id is not None and record.history_change_reason != EXTRACTION_CHANGE
        if before is None or record.history_type != "~" or not person:
            continue
        changed.setdefault(record.id, set()).update(
            name for name, attname in attnames.items() if getattr(record, attname) != getattr(before, attname)
        )
    return changed


def _replace_rows(*, model, article: Article, fields: list[str], wanted: list[tuple[str, dict]]) -> dict[str, object]:
    """Make the article's rows of ``model`` exactly ``wanted`` (fingerprint, values).

    A row whose fingerprint is still found keeps its id (and with it review status,
    reviews and group) and is written only if something changed; what a person changed in
    it (its history says who) is kept; rows no longer found are deleted; new ones are
    created. Returns the rows by fingerprint.
    """
    existing = {row.fingerprint: row for row in model.objects.filter(article=article)}
    fixed = _set_by_people(model, article, fields) if existing else {}
    keep, create, update = {}, [], []
    for fp, values in wanted:
        row = existing.get(fp)
        if row is not None and row.id in fixed:
            values = {name: value for name, value in values.items() if name not in fixed[row.id]}
        if row is None:
            row = model(article=article, fingerprint=fp, **values)
            create.append(row)
        elif not _same(row, values):
            for name, value in values.items():
                setattr(row, name, value)
            row.updated_at = timezone.now()  # bulk_update skips auto_now
            update.append(row)
        keep[fp] = row
    stale = [row.id for fp, row in existing.items() if fp not in keep]
    if stale:
        model.objects.filter(id__in=stale).delete()
    if update:
        bulk_update_with_history(update, model, fields=[*fields, "updated_at"], batch_size=500,
                                 default_change_reason=EXTRACTION_CHANGE)
    if create:
        created = bulk_create_with_history(create, model, batch_size=500, default_change_reason=EXTRACTION_CHANGE)
        for row in created:
            keep[row.fingerprint] = row
    return keep


def article_store_extraction(*, article_id: int, token: str, result: Extraction | None = None) -> bool:
    """Write an article's extraction results, replacing earlier ones, in one transaction.

    Quotes and claims are matched to the previous extraction's rows by fingerprint, so a
    claim found again keeps its id, review status and reviews; rows not found again are
    deleted. Speakers are merged across articles by name key. Returns False (writing
    nothing) if the lease was lost to another worker meanwhile.
    """
    result = result or Extraction()
    with transaction.atomic():
        article = Article.objects.select_for_update().filter(id=article_id, lease_token=token).first()
        if article is None:
            return False
        now = timezone.now()
        refs = list({id(r): r for r in [*result.speakers, *(q.speaker for q in result.quotes if q.speaker)]}.values())
        # A speaker the extractor could not tell as a person or an organisation ("the
        # statement", "diplomatic sources") gets no Speaker row: merged across articles by
        # its words, every "statement" would become one speaker. The quote keeps its mention.
        speakers = speaker_rows_for_refs([r for r in refs if r.kind != Speaker.Kind.UNKNOWN])

        def speaker_of(ref: SpeakerRef | None) -> Speaker | None:
            return speakers.get(id(ref)) if ref is not None else None

        quotes = [q for q in result.quotes if q.end > q.start]
        quote_prints = _fingerprints(quotes)
        quote_rows = _replace_rows(
            model=Quote,
            article=article,
            fields=_QUOTE_FIELDS,
            wanted=[(fp, _quote_values(q, speaker_of(q.speaker))) for fp, q in zip(quote_prints, quotes, strict=True)],
        )
        print_of_quote = {id(q): fp for fp, q in zip(quote_prints, quotes, strict=True)}

        claims = [c for c in result.claims if c.end > c.start]
        wanted_claims = []
        for fp, claim in zip(_fingerprints(claims), claims, strict=True):
            quote = None
            if claim.quote_index is not None and 0 <= claim.quote_index < len(result.quotes):
                quote = quote_rows.get(print_of_quote.get(id(result.quotes[claim.quote_index]), ""))
            wanted_claims.append((fp, _claim_values(claim, quote, speaker_of(claim.speaker))))
        _replace_rows(model=Claim, article=article, fields=_CLAIM_FIELDS, wanted=wanted_claims)

        article.status = Article.Status.EXTRACTED
        article.error = ""
        article.extractor_version = EXTRACTOR_VERSION
        article.extracted_at = now
        article.lease_token = ""
        article.lease_until = None
        article.save()
        # Group the new claims with other sources' once they are committed (services.groups).
        from claims.services.groups import article_queue_matching

        transaction.on_commit(lambda: article_queue_matching(article_id=article_id))
    return True


def article_mark_failed(*, article_id: int, token: str, error: str) -> None:
    """Fail the article with the reason, if the lease is still the token's."""
    if not token:
        return  # an empty token would match every article that holds no lease
    Article.objects.filter(id=article_id, lease_token=lease_token_for(token)).update(
        status=Article.Status.FAILED, error=error[:2000], lease_token="", lease_until=None, updated_at=timezone.now()
    )


def _test_delay() -> None:
    # FACTCHECK_TEST_EXTRACTION_DELAY (seconds, default 0): the reliability tests hold a real
    # worker here, lease taken and nothing stored, to kill it or drop its connections.
    if settings.FACTCHECK_TEST_EXTRACTION_DELAY:
        time.sleep(settings.FACTCHECK_TEST_EXTRACTION_DELAY)


def _pipeline():
    from claims.extraction.nlp import load_pipeline

    return load_pipeline(settings.FACTCHECK_SPACY_MODEL)


def _published(article: Article) -> date | None:
    return timezone.localdate(article.published_at) if article.published_at else None


def article_extract(*, article_id: int, force: bool = False, token: str | None = None) -> bool:
    """Extract one article if it is ours to take. True when results were stored.

    token: the Celery task id, see article_claim. The parse runs outside any transaction;
    only the write of its results holds one. Text that cannot be extracted (not English,
    say) marks the article failed with the reason and returns False: retrying won't help.
    """
    from claims.extraction.pipeline import ExtractionError, extract

    token = article_claim(article_id=article_id, force=force, token=token)
    if token is None:
        logger.info("article %s: not pending or held by another worker; skipped", article_id)
        return False
    try:
        _test_delay()
        article = Article.objects.only("id", "body", "published_at").get(id=article_id)
        try:
            result = extract(article.body, published=_published(article), nlp=_pipeline())
        except ExtractionError as exc:
            logger.warning("article %s: cannot extract: %s", article_id, exc)
            article_mark_failed(article_id=article_id, token=token, error=str(exc))
            return False
        return article_store_extraction(article_id=article_id, token=token, result=result)
    except SoftTimeLimitExceeded:
        # The task that set the limit records it in words a person can act on.
        raise
    except Exception as exc:
        article_mark_failed(article_id=article_id, token=token, error=f"{type(exc).__name__}: {exc}")
        raise


def articles_extract_batch(*, article_ids: Iterable[int], force: bool = False, batch_size: int = 16) -> int:
    """Extract many articles through one nlp.pipe stream (faster than one by one).

    Each article is taken with its own lease and stored in its own short transaction, so
    one failure affects only its article. Returns how many were stored.
    """
    from claims.extraction.pipeline import ExtractionError, extract_many

    taken = []
    for article_id in article_ids:
        token = article_claim(article_id=article_id, force=force)
        if token is not None:
            taken.append((article_id, token))
    if not taken:
        return 0
    rows = {a.id: a for a in Article.objects.filter(id__in=[a for a, _ in taken]).only("id", "body", "published_at")}
    taken = [(a, token) for a, token in taken if a in rows]  # deleted meanwhile
    items = [(rows[a].body, _published(rows[a])) for a, _ in taken]
    stored = 0
    done = 0
    try:
        results = extract_many(items, nlp=_pipeline(), batch_size=batch_size, errors=True)
        for (article_id, token), result in zip(taken, results, strict=True):
            done += 1
            if isinstance(result, ExtractionError):
                article_mark_failed(article_id=article_id, token=token, error=str(result))
                continue
            try:
                stored += article_store_extraction(article_id=article_id, token=token, result=result)
            except Exception as exc:
                logger.exception("article %s: storing its extraction failed", article_id)
                article_mark_failed(article_id=article_id, token=token, error=f"{type(exc).__name__}: {exc}")
    except Exception as exc:
        # The parser itself failed: release the articles not reached rather than leave
        # their leases to expire.
        for article_id, token in taken[done:]:
            article_mark_failed(article_id=article_id, token=token, error=f"{type(exc).__name__}: {exc}")
        raise
    return stored


def articles_requeue(*, outdated: bool = False, inline: bool = False, pending_for: timedelta | None = None) -> int:
    """Queue (or, inline, run) extraction for every article that needs it. Returns how many.

    A queued pending article's updated_at is touched, so that a sweeper with pending_for
    queues it again only if it is still pending that much later (its task was lost).
    """
    from claims.services.ingest import article_queue_extraction

    count = 0
    needing = list(selectors.articles_needing_extraction(outdated=outdated, pending_for=pending_for).values_list("id", "status"))
    if inline:
        # One nlp.pipe stream per batch of articles, each stored in its own transaction.
        for force in (False, True):
            ids = [article_id for article_id, status in needing if (status == Article.Status.EXTRACTED) == force]
            for i in range(0, len(ids), 64):
                articles_extract_batch(article_ids=ids[i : i + 64], force=force)
                count += len(ids[i : i + 64])
        return count
    for article_id, status in needing:
        force = status == Article.Status.EXTRACTED
        if article_queue_extraction(article_id=article_id, force=force):
            Article.objects.filter(id=article_id, status=Article.Status.PENDING).update(updated_at=timezone.now())
            count += 1
    if pending_for is not None:
        count += articles_requeue_matching(unmatched_for=pending_for)
    return count


def articles_requeue_matching(*, unmatched_for: timedelta) -> int:
    """Queue matching for extracted articles whose matching never ran (the task was lost
    while the broker was down), once they have waited this long since extraction."""
    from django.db.models import F, Q

    from claims.services.groups import article_queue_matching

    stale = Article.objects.filter(status=Article.Status.EXTRACTED, extracted_at__lt=timezone.now() - unmatched_for).filter(
        Q(matched_at__isnull=True) | Q(matched_at__lt=F("extracted_at"))
    )
    return sum(article_queue_matching(article_id=pk) for pk in stale.values_list("id", flat=True)[:1000])

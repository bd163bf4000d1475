"""Reviewers' verdicts on claims, quotes and groups.

A verdict is recorded as a new Review row (never edited or deleted) and, for a claim or a
group, also sets the target's current state (Claim.review_status, ClaimGroup.verdict). The
Review copies the target's fingerprint and text, so the record still says what was judged
if a re-extraction later drops the claim or a re-match drops the group.

Who may give a verdict is the caller's business (the admin and the API check the
`claims.add_review` permission); these functions check the input itself.
"""
from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from claims.models import Claim, ClaimGroup, Quote, Review, ReviewStatus
from claims.services.groups import CHANGED_SINCE_VERDICT

# "unreviewed" is the absence of a verdict, not something a person can decide.
VERDICTS = (ReviewStatus.CONSISTENT, ReviewStatus.CONFLICTING, ReviewStatus.VERIFIED, ReviewStatus.REJECTED)
NOTE_MAX_CHARS = 10_000


def _check_input(*, reviewer, verdict: str, note: str, evidence_url: str) -> tuple[str, str, str]:
    errors: dict[str, list[str]] = {}
    if reviewer is None or not getattr(reviewer, "is_authenticated", False) or not reviewer.pk:
        errors.setdefault("reviewer", []).append("a verdict needs a signed-in reviewer")
    elif not reviewer.is_active:
        errors.setdefault("reviewer", []).append("this reviewer's account is inactive")
    verdict = (verdict or "").strip().lower()
    if verdict not in VERDICTS:
        errors.setdefault("verdict", []).append(
            f"unknown verdict {verdict!r}: choose one of {', '.join(v.value for v in VERDICTS)}"
        )
    note = (note or "").strip()
    if len(note) > NOTE_MAX_CHARS:
        errors.setdefault("note", []).append(f"the note is {len(note)} characters; at most {NOTE_MAX_CHARS}")
    evidence_url = (evidence_url or "").strip()
    if evidence_url:
        try:
            URLValidator(schemes=["http", "https"])(evidence_url)
        except ValidationError:
            errors.setdefault("evidence_url", []).append("the evidence link must be an http(s) URL")
        else:
            if len(evidence_url) > 2000:
                errors.setdefault("evidence_url", []).append("the evidence link is longer than 2000 characters")
    if errors:
        raise ValidationError(errors)
    return verdict, note, evidence_url


def _target_of(*, claim, quote, group):
    given = [(name, obj) for name, obj in (("claim", claim), ("quote", quote), ("group", group)) if obj is not None]
    if len(given) != 1:
        raise ValidationError(
            "a verdict is on exactly one thing: give one of claim, quote or group"
            + (f" (got {', '.join(name for name, _ in given)})" if given else " (got none)"),
            code="target",
        )
    return given[0]


def _locked(model, obj):
    """Re-read the target under a row lock: two reviewers at once each leave their Review,
    and the target's state is the one whose transaction committed last."""
    pk = obj if isinstance(obj, int) else obj.pk
    found = model.objects.select_for_update().filter(pk=pk).first()
    if found is None:
        raise ValidationError(f"{model._meta.verbose_name} {pk} does not exist (deleted meanwhile?)", code="missing")
    return found


def _record(*, reviewer, verdict: str, note: str, evidence_url: str, name: str, target) -> Review:
    review = Review(reviewer=reviewer, verdict=verdict, note=note, evidence_url=evidence_url)
    # Historical rows name the reviewer even when called from a task or a shell, where
    # simple_history's request middleware has no user to give.
    review._history_user = reviewer
    # Shown in the admin's history beside who and when.
    reason = f"verdict: {verdict}" + (f" ({note[:80]})" if note else "")
    if name == "claim":
        review.claim = target
        review.target_fingerprint = target.fingerprint
        review.target_text = target.sentence or target.text
        if target.review_status != verdict:
            target.review_status = verdict
            target._history_user = reviewer
            target._change_reason = reason
            target.save(update_fields=["review_status", "updated_at"])
    elif name == "quote":
        review.quote = target
        review.target_fingerprint = target.fingerprint
        review.target_text = target.text
    else:
        review.group = target
        review.target_fingerprint = target.key[:64]
        review.target_text = target.label or target.key
        # A fresh verdict answers the matcher's "sources changed since the verdict" note.
        reason_now = target.reason.removeprefix(CHANGED_SINCE_VERDICT)
        if target.verdict != verdict or target.reason != reason_now:
            target.verdict = verdict
            target.reason = reason_now
            target._history_user = reviewer
            target._change_reason = reason
            target.save(update_fields=["verdict", "reason", "updated_at"])
    review.save()
    return review


def review_submit(
    *,
    reviewer,
    verdict: str,
    note: str = "",
    evidence_url: str = "",
    claim: Claim | int | None = None,
    quote: Quote | int | None = None,
    group: ClaimGroup | int | None = None,
) -> Review:
    """Record one reviewer's verdict on exactly one claim, quote or group.

    Raises ValidationError (with per-field messages) for a missing or inactive reviewer,
    an unknown verdict, an over-long note, a non-http(s) evidence link, or not exactly
    one target. Sets Claim.review_status / ClaimGroup.verdict in the same transaction.
    """
    verdict, note, evidence_url = _check_input(reviewer=reviewer, verdict=verdict, note=note, evidence_url=evidence_url)
    name, obj = _target_of(claim=claim, quote=quote, group=group)
    model = {"claim": Claim, "quote": Quote, "group": ClaimGroup}[name]
    with transaction.atomic():
        target = _locked(model, obj)
        return _record(reviewer=reviewer, verdict=verdict, note=note, evidence_url=evidence_url, name=name, target=target)


def reviews_submit_bulk(
    *,
    reviewer,
    verdict: str,
    note: str = "",
    evidence_url: str = "",
    claims: Iterable[Claim | int] = (),
    quotes: Iterable[Quote | int] = (),
    groups: Iterable[ClaimGroup | int] = (),
) -> list[Review]:
    """The same verdict on many targets (an admin changelist action), all or nothing."""
    verdict, note, evidence_url = _check_input(reviewer=reviewer, verdict=verdict, note=note, evidence_url=evidence_url)
    wanted = [("claim", Claim, claims), ("quote", Quote, quotes), ("group", ClaimGroup, groups)]
    reviews: list[Review] = []
    with transaction.atomic():
        for name, model, objs in wanted:
            ids = sorted({o if isinstance(o, int) else o.pk for o in objs})
            if not ids:
                continue
            # One query, locked in id order so that two bulk reviews cannot deadlock.
            targets = list(model.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
            missing = set(ids) - {t.pk for t in targets}
            if missing:
                raise ValidationError(
                    f"{model._meta.verbose_name} {', '.join(map(str, sorted(missing)))} no longer exist", code="missing"
                )
            for target in targets:
                reviews.append(
                    _record(reviewer=reviewer, verdict=verdict, note=note, evidence_url=evidence_url, name=name, target=target)
                )
    if not reviews:
        raise ValidationError("nothing selected to review", code="target")
    return reviews

"""Reviewers' verdicts on claims, quotes and groups, and what each decides for every claim.

A verdict is a new Review row (never edited or deleted). On a claim it decides that claim;
on a group it decides each member claim (a ReviewDecision per claim), so that a claim's
state (Claim.review_status, with Claim.decided_by naming the review) is the same wherever
it is read. A later verdict deciding a claim supersedes the earlier one; both stay.

- "verified" on a group whose members disagree (claims.agreement, or the matcher flagged
  it conflicting) must say which value is right: the reviewer picks the correct claims, or
  enters the established value. Members that agree with it are verified, the others are
  rejected (false) with the same note and evidence. Without that choice it is refused.
- "verified" on a group whose members agree verifies every member; "rejected" rejects
  every member; "consistent" / "conflicting" (the sources agree / disagree, not checked
  independently) mark every member so.
- "verified" and "rejected" are published, so they need evidence: a note or a link
  (settings.FACTCHECK_VERDICT_EVIDENCE: "note_or_link", "link" or "none").

Who may give a verdict is the caller's business (the admin and the API check the
`claims.add_review` permission); these functions check the input itself.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from claims import agreement
from claims.models import PUBLISHED_STATUSES, Claim, ClaimGroup, Quote, Review, ReviewDecision, ReviewStatus

# "unreviewed" is the absence of a verdict, not something a person can decide.
VERDICTS = (ReviewStatus.CONSISTENT, ReviewStatus.CONFLICTING, ReviewStatus.VERIFIED, ReviewStatus.REJECTED)
NOTE_MAX_CHARS = 10_000
EVIDENCE_RULES = ("note_or_link", "link", "none")
Basis = ReviewDecision.Basis


def verdict_needs_evidence(verdict: str) -> bool:
    """Whether this verdict is refused without a note or link (it is published)."""
    return verdict in PUBLISHED_STATUSES and settings.FACTCHECK_VERDICT_EVIDENCE != "none"


def _evidence_error(*, verdict: str, note: str, evidence_url: str) -> str | None:
    rule = settings.FACTCHECK_VERDICT_EVIDENCE
    if not verdict_needs_evidence(verdict):
        return None
    if rule == "link" and not evidence_url:
        return f"a “{verdict}” verdict is published, so it needs an evidence link"
    if rule == "note_or_link" and not (note or evidence_url):
        return f"a “{verdict}” verdict is published, so it needs evidence: a note saying why, or an evidence link"
    return None


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
    if verdict in VERDICTS and "evidence_url" not in errors:
        missing = _evidence_error(verdict=verdict, note=note, evidence_url=evidence_url)
        if missing:
            errors.setdefault("evidence_url" if settings.FACTCHECK_VERDICT_EVIDENCE == "link" else "note", []).append(
                missing
            )
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


# --- what a group verdict decides ------------------------------------------------------------


def _stated(claim: Claim) -> agreement.StatedValue:
    article = claim.article
    source = article.outlet.name if article.outlet_id else (article.title[:60] or f"article {article.pk}")
    return agreement.StatedValue(
        kind=claim.kind, unit=claim.unit, value=claim.value, date_value=claim.date_value,
        qualifier=claim.qualifier, text=claim.text, source=source,
    )


def group_disagreements(*, group: ClaimGroup, members: Sequence[Claim]) -> list[str]:
    """Why a group's members cannot all be verified as they stand (empty when they can):
    their own values disagree (claims.agreement), or the matcher found the sources in
    conflict on something besides the values (a quote's credit, an event's place)."""
    reasons = agreement.disagreements([_stated(c) for c in members])
    if not reasons and group.suggested_state == ClaimGroup.Suggestion.CONFLICTING:
        reasons = [group.reason or "the matcher found the sources in conflict"]
    return reasons


@dataclass(frozen=True)
class Choice:
    """A reviewer's answer to "which value is right?" for a group: the claims they picked
    as correct, and/or the value they established."""

    claim_ids: frozenset[int] = frozenset()
    established: Decimal | date | None = None

    def __bool__(self) -> bool:
        return bool(self.claim_ids) or self.established is not None


def _states_a_date(group: ClaimGroup) -> bool:
    # An event's group holds the dates its reports give.
    return group.kind in ("date", "event")


def _choice_of(*, correct_claims, established_value, kind: str) -> Choice:
    ids = frozenset(int(c if isinstance(c, int) else c.pk) for c in (correct_claims or ()))
    established = established_value
    if isinstance(established, str):
        established = established.strip() or None
    if isinstance(established, str):
        try:
            established = agreement.parse_established(established, kind=kind)
        except ValueError as exc:
            raise ValidationError({"established_value": [str(exc)]}) from None
    return Choice(claim_ids=ids, established=established)


def _group_decisions(*, group: ClaimGroup, members: list[Claim], verdict: str, choice: Choice) -> list[tuple[Claim, str, str]]:
    """(claim, status, basis) for each member, or a ValidationError saying what is missing."""
    if choice and verdict != ReviewStatus.VERIFIED:
        raise ValidationError(
            {"correct_claims": [f"choosing the correct claims or value goes with “verified”, not “{verdict}”"]}
        )
    if not choice:
        if verdict == ReviewStatus.VERIFIED:
            reasons = group_disagreements(group=group, members=members)
            if reasons:
                # A quote's or an event's group may hold no claim to pick.
                how = ("pick the correct claim(s), or enter the established value with evidence" if members
                       else "give each source its own verdict")
                refused = ValidationError({"correct_claims": [
                    f"the sources disagree ({'; '.join(reasons)}): say which is right — {how} — or give “conflicting”"
                ]})
                refused.code = "sources_disagree"  # a dict of messages carries no code of its own
                raise refused
        return [(c, verdict, Basis.GROUP) for c in members]
    by_id = {c.pk: c for c in members}
    strangers = sorted(choice.claim_ids - set(by_id))
    if strangers:
        raise ValidationError({"correct_claims": [f"claim {', '.join(map(str, strangers))} is not in this group"]})
    chosen = [_stated(by_id[i]) for i in sorted(choice.claim_ids)]
    if choice.established is not None:
        if isinstance(choice.established, date) != _states_a_date(group):
            raise ValidationError({"established_value": ["give a date (YYYY-MM-DD) for a date, a number otherwise"]})
        established = (choice.established, choice.established)
        wrong = [v for v in chosen if not agreement.fits(v, established)]
        if wrong:
            raise ValidationError({"correct_claims": [
                "the established value contradicts the claims picked as correct: "
                + "; ".join(agreement.describe(v) for v in wrong)
            ]})
    else:
        reasons = agreement.disagreements(chosen)
        if reasons:
            raise ValidationError({"correct_claims": ["the claims picked as correct disagree: " + "; ".join(reasons)]})
        established = agreement.established_range(chosen)
    decisions = []
    for claim in members:
        if claim.pk in choice.claim_ids:
            decisions.append((claim, ReviewStatus.VERIFIED, Basis.CHOSEN))
        elif agreement.fits(_stated(claim), established):
            decisions.append((claim, ReviewStatus.VERIFIED, Basis.AGREES))
        else:
            decisions.append((claim, ReviewStatus.REJECTED, Basis.DISAGREES))
    return decisions


# --- recording -------------------------------------------------------------------------------


def _decide(*, review: Review, claim: Claim, status: str, basis: str, reviewer, reason: str) -> None:
    ReviewDecision.objects.create(review=review, claim=claim, status=status, basis=basis, claim_text=claim.text[:500])
    claim.review_status = status
    claim.decided_by = review
    claim._history_user = reviewer
    claim._change_reason = reason
    claim.save(update_fields=["review_status", "decided_by", "updated_at"])


def _record(*, reviewer, verdict: str, note: str, evidence_url: str, name: str, target, choice: Choice) -> Review:
    review = Review(reviewer=reviewer, verdict=verdict, note=note, evidence_url=evidence_url)
    # Historical rows name the reviewer even when called from a task or a shell, where
    # simple_history's request middleware has no user to give.
    review._history_user = reviewer
    # Shown in the admin's history beside who and when.
    reason = f"verdict: {verdict}" + (f" ({note[:80]})" if note else "")
    decisions: list[tuple[Claim, str, str]] = []
    if choice and name != "group":
        raise ValidationError({"correct_claims": ["choosing the correct claims or value is for a group's verdict"]})
    if name == "claim":
        review.claim = target
        review.target_fingerprint = target.fingerprint
        review.target_text = target.sentence or target.text
        decisions = [(target, verdict, Basis.CLAIM)]
    elif name == "quote":
        review.quote = target
        review.target_fingerprint = target.fingerprint
        review.target_text = target.text
    else:
        review.group = target
        review.target_fingerprint = target.key[:64]
        review.target_text = target.label or target.key
        members = list(
            Claim.objects.select_for_update(of=("self",)).filter(group=target).select_related("article__outlet")
            .order_by("pk")
        )
        decisions = _group_decisions(group=target, members=members, verdict=verdict, choice=choice)
        if isinstance(choice.established, date):
            review.established_date = choice.established
        elif choice.established is not None:
            review.established_value = choice.established
        # A fresh verdict answers the matcher's "sources changed since the verdict" flag.
        if target.verdict != verdict or target.sources_changed:
            target.verdict = verdict
            target.sources_changed = False
            target._history_user = reviewer
            target._change_reason = reason
            target.save(update_fields=["verdict", "sources_changed", "updated_at"])
    review.save()
    for claim, status, basis in decisions:
        _decide(review=review, claim=claim, status=status, basis=basis, reviewer=reviewer, reason=reason)
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
    correct_claims: Iterable[Claim | int] = (),
    established_value: str | Decimal | date | None = None,
) -> Review:
    """Record one reviewer's verdict on exactly one claim, quote or group, and what it
    decides for each claim (see the module docstring).

    `correct_claims` / `established_value` answer "which value is right?" for a group
    verdict "verified" whose members disagree. Raises ValidationError (with per-field
    messages) for a missing or inactive reviewer, an unknown verdict, missing evidence, an
    over-long note, a non-http(s) evidence link, not exactly one target, or a conflicting
    group verified without a choice.
    """
    verdict, note, evidence_url = _check_input(reviewer=reviewer, verdict=verdict, note=note, evidence_url=evidence_url)
    name, obj = _target_of(claim=claim, quote=quote, group=group)
    model = {"claim": Claim, "quote": Quote, "group": ClaimGroup}[name]
    with transaction.atomic():
        target = _locked(model, obj)
        kind = "date" if name == "group" and _states_a_date(target) else "number"
        choice = _choice_of(correct_claims=correct_claims, established_value=established_value, kind=kind)
        return _record(reviewer=reviewer, verdict=verdict, note=note, evidence_url=evidence_url, name=name,
                       target=target, choice=choice)


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
    """The same verdict on many targets (an admin changelist action), all or nothing: one
    conflicting group among those verified refuses the lot, naming it."""
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
                try:
                    reviews.append(_record(reviewer=reviewer, verdict=verdict, note=note, evidence_url=evidence_url,
                                           name=name, target=target, choice=Choice()))
                except ValidationError as exc:
                    raise ValidationError(
                        [f"{target}: {message}" for message in exc.messages], code=getattr(exc, "code", None)
                    ) from None
    if not reviews:
        raise ValidationError("nothing selected to review", code="target")
    return reviews

"""Writing the matcher's groups: ClaimGroup rows, and each claim's and quote's group.

Re-matching keeps people's work. A new group is laid over the existing group that holds
most of the same members, so its verdict and its reviews stay with it; a group that no
longer has members is deleted only when nobody reviewed it, otherwise kept (empty, with a
reason saying so). Review rows are never touched here.
"""
from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q
from django.utils.text import slugify

from claims import matching
from claims.models import Article, Claim, ClaimGroup, Quote, ReviewStatus

logger = logging.getLogger(__name__)

# Serialises writers on PostgreSQL (two match tasks at once would each lay groups over the
# same rows); SQLite's IMMEDIATE transactions already serialise writers.
_ADVISORY_LOCK = 7_304_211
CHANGED_SINCE_VERDICT = "Sources changed since the reviewers' verdict. "


@dataclass(frozen=True)
class MatchSummary:
    groups: int
    created: int
    updated: int
    deleted: int
    kept_for_reviews: int
    conflicting: int


def _source(article_id: int, outlets: dict[int, str]) -> str:
    return outlets.get(article_id) or f"article {article_id}"


def _outlets(article_ids) -> dict[int, str]:
    rows = Article.objects.filter(id__in=set(article_ids)).values_list("id", "outlet__name", "title")
    return {i: name or _short_title(title) or f"article {i}" for i, name, title in rows}


def _short_title(title: str) -> str:
    """An article without an outlet is named by its title, cut at a word near 50 characters."""
    title = " ".join(title.split())
    if len(title) <= 50:
        return title
    return title[:50].rsplit(" ", 1)[0] + "\u2026"


def _claim_facts(queryset, outlets: dict[int, str]) -> list[matching.ClaimFact]:
    rows = queryset.values_list(
        "id", "article_id", "kind", "text", "value", "unit", "subject", "sentence", "qualifier",
        "speaker__name", "date_value", "start", "fingerprint",
    )
    return [
        matching.ClaimFact(
            id=i, article_id=a, source=_source(a, outlets), kind=kind, text=text, value=value, unit=unit,
            subject=subject, sentence=sentence, qualifier=qualifier, speaker=speaker or "", date_value=dv,
            start=start, fingerprint=fp,
        )
        for i, a, kind, text, value, unit, subject, sentence, qualifier, speaker, dv, start, fp in rows.iterator()
    ]


def _quote_facts(queryset, outlets: dict[int, str]) -> list[matching.QuoteFact]:
    rows = queryset.values_list("id", "article_id", "text", "speaker__name", "start", "fingerprint")
    return [
        matching.QuoteFact(id=i, article_id=a, source=_source(a, outlets), text=t, speaker=s or "", start=st, fingerprint=fp)
        for i, a, t, s, st, fp in rows.iterator()
    ]


def _article_texts(outlets: dict[int, str]) -> list[matching.ArticleText]:
    rows = Article.objects.filter(status=Article.Status.EXTRACTED).values_list("id", "body")
    return [matching.ArticleText(id=i, source=_source(i, outlets), body=body) for i, body in rows.iterator()]


def _new_key(plan: matching.GroupPlan) -> str:
    anchor = hashlib.sha256(plan.anchor.encode()).hexdigest()[:16]
    return f"{plan.kind}|{plan.unit}|{slugify(plan.subject)[:200]}|{anchor}"[:400]


def _members_of(plan: matching.GroupPlan) -> set[str]:
    members = {f"c{i}" for i in plan.claim_ids} | {f"q{i}" for i in plan.quote_ids}
    members |= {f"m{m['article_id']}:{m['start']}" for m in plan.details.get("mentions", ())}
    return members


def _lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK])


def _write(*, plans: list[matching.GroupPlan], scope: Q) -> MatchSummary:
    """Lay plans over the groups in scope; scope selects the groups this run may change."""
    existing = {g.id: g for g in ClaimGroup.objects.filter(scope)}
    current: dict[int, set[str]] = defaultdict(set)
    for cid, gid in Claim.objects.filter(group_id__in=existing).values_list("id", "group_id"):
        current[gid].add(f"c{cid}")
    for qid, gid in Quote.objects.filter(group_id__in=existing).values_list("id", "group_id"):
        current[gid].add(f"q{qid}")
    for g in existing.values():
        current[g.id] |= {f"m{m['article_id']}:{m['start']}" for m in (g.details or {}).get("mentions", ())}
    owner: dict[str, int] = {}
    for gid, members in current.items():
        for m in members:
            owner[m] = gid

    # Greedy by overlap: each existing group goes to the new group sharing most members.
    wanted = []
    for pi, plan in enumerate(plans):
        counts: dict[int, int] = defaultdict(int)
        for m in _members_of(plan):
            gid = owner.get(m)
            if gid is not None and existing[gid].kind == plan.kind:
                counts[gid] += 1
        for gid, n in counts.items():
            wanted.append((-n, pi, gid))
    wanted.sort()
    chosen: dict[int, ClaimGroup] = {}
    taken: set[int] = set()
    for _, pi, gid in wanted:
        if pi in chosen or gid in taken:
            continue
        chosen[pi] = existing[gid]
        taken.add(gid)

    created = updated = deleted = kept = 0
    used_keys = set(ClaimGroup.objects.filter(id__in=taken).values_list("key", flat=True))
    claim_targets: dict[int, list[int]] = defaultdict(list)
    quote_targets: dict[int, list[int]] = defaultdict(list)
    for pi, plan in enumerate(plans):
        fields = {
            "kind": plan.kind,
            "unit": plan.unit[:64],
            "subject": plan.subject[:300],
            "label": plan.label[:500],
            "suggested_state": plan.state,
            "reason": plan.reason,
            "source_count": plan.source_count,
            "details": plan.details,
        }
        group = chosen.get(pi)
        if group is not None:
            # The note stays until a reviewer looks again (review_submit removes it).
            changed_since = current[group.id] != _members_of(plan) or group.reason.startswith(CHANGED_SINCE_VERDICT)
            if group.verdict != ReviewStatus.UNREVIEWED and changed_since:
                fields["reason"] = CHANGED_SINCE_VERDICT + plan.reason
            changed = [name for name, value in fields.items() if getattr(group, name) != value]
            if changed:
                for name in changed:
                    setattr(group, name, fields[name])
                group.save(update_fields=[*changed, "updated_at"])
                updated += 1
        else:
            key = _new_key(plan)
            n = 1
            while key in used_keys or ClaimGroup.objects.filter(key=key).exclude(id__in=taken).exists():
                n += 1
                key = f"{_new_key(plan)[:390]}|{n}"
            used_keys.add(key)
            group = ClaimGroup.objects.create(key=key, **fields)
            created += 1
        for cid in plan.claim_ids:
            claim_targets[group.id].append(cid)
        for qid in plan.quote_ids:
            quote_targets[group.id].append(qid)

    # Group assignment is the machine's bookkeeping, not a person's edit: a plain update,
    # without a history row per claim on every re-match.
    placed_claims, placed_quotes = set(), set()
    for gid, ids in claim_targets.items():
        Claim.objects.filter(id__in=ids).exclude(group_id=gid).update(group_id=gid)
        placed_claims.update(ids)
    for gid, ids in quote_targets.items():
        Quote.objects.filter(id__in=ids).exclude(group_id=gid).update(group_id=gid)
        placed_quotes.update(ids)
    # Members of groups in scope that no plan placed (a quote now matching nothing) leave.
    Claim.objects.filter(group_id__in=existing).exclude(id__in=placed_claims).update(group=None)
    Quote.objects.filter(group_id__in=existing).exclude(id__in=placed_quotes).update(group=None)

    for gid, group in existing.items():
        if gid in taken:
            continue
        if group.verdict != ReviewStatus.UNREVIEWED or group.reviews.exists():
            # Keep what people decided; say why the group is empty now.
            group.source_count = 0
            group.suggested_state = ClaimGroup.Suggestion.SINGLE_SOURCE
            group.reason = (
                "No longer matched: its claims were re-extracted or regrouped. Kept because reviewers gave a verdict."
            )
            group.details = {**(group.details or {}), "orphaned": True}
            group.save(update_fields=["source_count", "suggested_state", "reason", "details", "updated_at"])
            kept += 1
        else:
            group.delete()
            deleted += 1
    return MatchSummary(
        groups=len(plans),
        created=created,
        updated=updated,
        deleted=deleted,
        kept_for_reviews=kept,
        conflicting=sum(1 for p in plans if p.state == matching.CONFLICTING),
    )


def _claim_blocks_query(blocks: set[tuple[str, str]]) -> Q:
    query = Q(pk__in=[])
    for kind, unit in blocks:
        if kind == "money":
            query |= Q(kind="money", unit__iexact=unit)
        elif kind == "quantity":
            query |= Q(kind="quantity")  # units are normalised in Python; the block is small
        else:
            query |= Q(kind=kind)
    return query


def groups_rebuild() -> MatchSummary:
    """Match every claim, quote and event report again (the `match` command)."""
    with transaction.atomic():
        _lock()
        outlets = _outlets(Article.objects.values_list("id", flat=True))
        claims = _claim_facts(Claim.objects.all(), outlets)
        quotes = _quote_facts(Quote.objects.all(), outlets)
        plans = matching.match(claims=claims, quotes=quotes, articles=_article_texts(outlets))
        summary = _write(plans=plans, scope=Q())
    logger.info("matching rebuilt: %s", summary)
    return summary


def _in_event_groups(article_id: int) -> bool:
    for details in ClaimGroup.objects.filter(kind="event").values_list("details", flat=True):
        if any(m.get("article_id") == article_id for m in (details or {}).get("mentions", ())):
            return True
    return False


def article_match(*, article_id: int) -> MatchSummary | None:
    """Match one article's claims, quotes and event reports with everything already stored.

    Only the blocks the article touches are matched again (its claims' kinds and
    currencies), plus quotes; event reports only when the article reports an event or did
    before. None when the article is gone.
    """
    with transaction.atomic():
        _lock()
        body = Article.objects.filter(id=article_id).values_list("body", flat=True).first()
        if body is None:
            return None
        own = _claim_facts(Claim.objects.filter(article_id=article_id), {})
        # Events need every article's text: skip them for the many articles reporting none.
        with_events = bool(matching.event_mentions(matching.ArticleText(id=article_id, source="", body=body)))
        with_events = with_events or _in_event_groups(article_id)
        blocks = {matching.claim_block(c) for c in own}
        if with_events:
            blocks.add(("date", ""))  # event groups hold date claims
        # The article's own earlier groups are in scope even if its claims changed kind.
        earlier = set(
            ClaimGroup.objects.filter(Q(claims__article_id=article_id) | Q(quotes__article_id=article_id))
            .values_list("id", flat=True)
        )
        claim_qs = Claim.objects.filter(Q(_claim_blocks_query(blocks)) | Q(group_id__in=earlier))
        if not with_events:
            claim_qs = claim_qs.exclude(group__kind="event")
        outlets = _outlets(
            set(claim_qs.values_list("article_id", flat=True)) | set(Quote.objects.values_list("article_id", flat=True))
            | (set(Article.objects.filter(status=Article.Status.EXTRACTED).values_list("id", flat=True)) if with_events else set())
        )
        claims = _claim_facts(claim_qs, outlets)
        quotes = _quote_facts(Quote.objects.all(), outlets)
        articles = _article_texts(outlets) if with_events else []
        plans = matching.match(claims=claims, quotes=quotes, articles=articles)
        claim_ids = [c.id for c in claims]
        scope = Q(id__in=earlier) | Q(claims__id__in=claim_ids) | Q(kind="quote")
        if with_events:
            scope |= Q(kind="event")
        summary = _write(plans=plans, scope=Q(id__in=ClaimGroup.objects.filter(scope).values("id")))
    logger.info("article %s matched: %s", article_id, summary)
    return summary


def article_queue_matching(*, article_id: int) -> bool:
    """Queue matching of one article; False when the broker cannot be reached (the
    `match` command, or the next article's matching, catches up)."""
    from claims.tasks import match_article

    try:
        match_article.delay(article_id)
    except Exception as exc:  # kombu raises OperationalError and friends, by transport
        logger.warning("could not queue matching of article %s: %s", article_id, exc)
        return False
    return True

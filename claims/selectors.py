"""Reads shared by the admin and the API. Each returns a queryset or plain data with the
joins it needs, so a page costs a fixed number of queries."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When

from claims.models import Article, Claim, ClaimGroup, Outlet, Quote, Review, ReviewStatus, Speaker


def conflict_queue(*, include_reviewed: bool = True) -> QuerySet[ClaimGroup]:
    """Groups told by two or more sources: conflicting first, then most sources first.

    Within each, groups nobody has given a verdict on come before reviewed ones.
    """
    groups = ClaimGroup.objects.filter(Q(source_count__gte=2) | Q(suggested_state=ClaimGroup.Suggestion.CONFLICTING))
    if not include_reviewed:
        groups = groups.filter(verdict=ReviewStatus.UNREVIEWED)
    return groups.annotate(
        conflict_first=Case(
            When(Q(suggested_state=ClaimGroup.Suggestion.CONFLICTING) | Q(verdict=ReviewStatus.CONFLICTING), then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        unreviewed_first=Case(When(verdict=ReviewStatus.UNREVIEWED, then=Value(0)), default=Value(1), output_field=IntegerField()),
    ).order_by("conflict_first", "unreviewed_first", "-source_count", "-updated_at", "-id")


@dataclass(frozen=True)
class GroupSource:
    """One source's version of a group's fact, for the side-by-side view."""

    kind: str  # "claim", "quote" or "event"
    article_id: int
    outlet: str
    article_title: str
    published_at: datetime | None
    sentence: str
    value: str  # the claim's surface text, the quote, or the event's place and date
    speaker: str
    speaker_id: int | None
    object_id: int | None  # the claim or quote id
    review_status: str = ""


def group_sources(*, group: ClaimGroup) -> list[GroupSource]:
    """Every source of a group, by outlet then article, in three queries at most."""
    sources: list[GroupSource] = []
    claims = Claim.objects.filter(group=group).select_related("article__outlet", "speaker").order_by("article_id", "start")
    for c in claims:
        sources.append(
            GroupSource(
                kind="claim", article_id=c.article_id, outlet=_outlet(c.article), article_title=c.article.title,
                published_at=c.article.published_at, sentence=c.sentence, value=c.text,
                speaker=c.speaker.name if c.speaker else "", speaker_id=c.speaker_id, object_id=c.id,
                review_status=c.review_status,
            )
        )
    quotes = Quote.objects.filter(group=group).select_related("article__outlet", "speaker").order_by("article_id", "start")
    for q in quotes:
        sources.append(
            GroupSource(
                kind="quote", article_id=q.article_id, outlet=_outlet(q.article), article_title=q.article.title,
                published_at=q.article.published_at, sentence=q.text, value=q.text,
                speaker=q.speaker.name if q.speaker else (q.speaker_mention or ""), speaker_id=q.speaker_id,
                object_id=q.id,
            )
        )
    mentions = (group.details or {}).get("mentions", [])
    if mentions:
        articles = Article.objects.select_related("outlet").in_bulk({m["article_id"] for m in mentions})
        for m in mentions:
            article = articles.get(m["article_id"])
            if article is None:
                continue
            where_when = ", ".join(part for part in (m.get("place"), m.get("date")) if part)
            sources.append(
                GroupSource(
                    kind="event", article_id=article.id, outlet=_outlet(article), article_title=article.title,
                    published_at=article.published_at, sentence=m.get("sentence", ""), value=where_when,
                    speaker="", speaker_id=None, object_id=None,
                )
            )
    sources.sort(key=lambda s: (s.outlet.lower(), s.article_id))
    return sources


def _outlet(article: Article) -> str:
    return article.outlet.name if article.outlet_id else ""


def group_reviews(*, group: ClaimGroup) -> QuerySet[Review]:
    return Review.objects.filter(group=group).select_related("reviewer").order_by("-created_at", "-id")


def speaker_statements(*, speaker: Speaker) -> dict[str, Any]:
    """Everything a speaker is quoted as saying, and the numbers credited to them, newest
    article first."""
    quotes = (
        Quote.objects.filter(speaker=speaker)
        .select_related("article__outlet", "group")
        .order_by("-article__published_at", "-article_id", "start")
    )
    claims = (
        Claim.objects.filter(speaker=speaker)
        .select_related("article__outlet", "group")
        .order_by("-article__published_at", "-article_id", "start")
    )
    return {"quotes": list(quotes), "claims": list(claims)}


def article_appearances(*, article: Article) -> list[Article]:
    """The other outlets' articles carrying the same text (a wire story run by several)."""
    return list(
        Article.objects.filter(content_hash=article.content_hash).exclude(pk=article.pk)
        .select_related("outlet").only("id", "title", "url", "published_at", "outlet__name").order_by("id")[:50]
    )


def article_annotations(*, article: Article) -> dict[str, list]:
    """An article's quotes and claims with what the highlighted text shows about each."""
    quotes = list(Quote.objects.filter(article=article).select_related("speaker", "group").order_by("start"))
    claims = list(Claim.objects.filter(article=article).select_related("speaker", "group").order_by("start"))
    return {"quotes": quotes, "claims": claims}


def dashboard_counts() -> dict[str, Any]:
    """Claims by review state, groups by suggested state, conflicts by outlet, articles by status."""
    claims_by_state = dict(Claim.objects.values_list("review_status").annotate(n=Count("id")).order_by())
    groups_by_state = dict(ClaimGroup.objects.values_list("suggested_state").annotate(n=Count("id")).order_by())
    articles_by_status = dict(Article.objects.values_list("status").annotate(n=Count("id")).order_by())
    conflicting = ClaimGroup.objects.filter(
        Q(suggested_state=ClaimGroup.Suggestion.CONFLICTING) | Q(verdict=ReviewStatus.CONFLICTING)
    )
    # An outlet counts once per conflicting group it is a source of (through a claim, a
    # quote or an event report).
    per_outlet: dict[str, set[int]] = defaultdict(set)
    for model in (Claim, Quote):
        rows = model.objects.filter(group__in=conflicting).values_list("group_id", "article__outlet__name").distinct()
        for group_id, outlet in rows:
            per_outlet[outlet or "(no outlet)"].add(group_id)
    event_articles: dict[int, set[int]] = defaultdict(set)
    for group_id, details in conflicting.filter(kind="event").values_list("id", "details"):
        for m in (details or {}).get("mentions", []):
            event_articles[m["article_id"]].add(group_id)
    if event_articles:
        for article_id, outlet in Article.objects.filter(id__in=event_articles).values_list("id", "outlet__name"):
            per_outlet[outlet or "(no outlet)"].update(event_articles[article_id])
    conflicts_by_outlet = Counter({outlet: len(ids) for outlet, ids in per_outlet.items()})
    return {
        "claims_by_state": {s.value: claims_by_state.get(s.value, 0) for s in ReviewStatus},
        "groups_by_state": {s.value: groups_by_state.get(s.value, 0) for s in ClaimGroup.Suggestion},
        "articles_by_status": {s.value: articles_by_status.get(s.value, 0) for s in Article.Status},
        "conflicts_by_outlet": conflicts_by_outlet.most_common(15),
        "totals": {
            "articles": sum(articles_by_status.values()),
            "claims": sum(claims_by_state.values()),
            "quotes": Quote.objects.count(),
            "groups": sum(groups_by_state.values()),
            "outlets": Outlet.objects.count(),
            "reviews": Review.objects.count(),
        },
    }


def speakers_with_counts() -> QuerySet[Speaker]:
    return Speaker.objects.annotate(quote_count=Count("quotes", distinct=True), claim_count=Count("claims", distinct=True))


def groups_with_members() -> QuerySet[ClaimGroup]:
    """Groups with their claims and quotes prefetched (for lists that show members)."""
    return ClaimGroup.objects.prefetch_related(
        Prefetch("claims", queryset=Claim.objects.select_related("article__outlet", "speaker")),
        Prefetch("quotes", queryset=Quote.objects.select_related("article__outlet", "speaker")),
    )

"""schema.org ClaimReview JSON-LD for verified claims and groups.

A ClaimReview is published for a claim whose review status is `verified`, and for a group
whose verdict is `verified` (the same fact across sources: its appearances are every source
article). The rating scale, documented for consumers, covers every verdict a reviewer can
give, so that publishing more verdicts later does not change the meaning of a number:

    ratingValue  alternateName        verdict
    5            Verified             verified     checked against evidence: accurate
    4            Sources agree        consistent   the sources agree; not independently checked
    2            Sources conflict     conflicting  the sources disagree
    1            False                rejected     checked against evidence: wrong
    bestRating 5, worstRating 1

Only `verified` is published today (PUBLISHED_VERDICTS): the product's promise to
consumers is "what reviewers have verified".
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from claims.models import Article, Claim, ClaimGroup, Review, ReviewStatus, Speaker

CONTEXT = "https://schema.org"
BEST_RATING = 5
WORST_RATING = 1
RATINGS: dict[str, tuple[int, str]] = {
    ReviewStatus.VERIFIED: (5, "Verified"),
    ReviewStatus.CONSISTENT: (4, "Sources agree"),
    ReviewStatus.CONFLICTING: (2, "Sources conflict"),
    ReviewStatus.REJECTED: (1, "False"),
}
PUBLISHED_VERDICTS = (ReviewStatus.VERIFIED,)
MEDIA_TYPE = "application/ld+json"


# --- what to load -------------------------------------------------------------------------

def _verdict_reviews(verdicts) -> Prefetch:
    # Newest first: the ClaimReview is dated by the review that made the current verdict.
    return Prefetch(
        "reviews",
        queryset=Review.objects.filter(verdict__in=verdicts).order_by("-created_at", "-id"),
        to_attr="published_reviews",
    )


def claimreview_claims() -> QuerySet[Claim]:
    """Claims with a published verdict, with everything their ClaimReview shows (3 queries a page)."""
    return (
        Claim.objects.filter(review_status__in=PUBLISHED_VERDICTS)
        .select_related("speaker", "quote", "article__outlet")
        .prefetch_related(_verdict_reviews(PUBLISHED_VERDICTS))
    )


def claimreview_groups() -> QuerySet[ClaimGroup]:
    """Groups with a published verdict, with every source claim (4 queries a page)."""
    return (
        ClaimGroup.objects.filter(verdict__in=PUBLISHED_VERDICTS)
        .prefetch_related(
            Prefetch("claims", queryset=Claim.objects.select_related("speaker", "article__outlet").order_by("id")),
            _verdict_reviews(PUBLISHED_VERDICTS),
        )
    )


# --- JSON-LD ------------------------------------------------------------------------------

def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _absolute(request, route: str, pk: int) -> str:
    # Plain Django reverse: a ClaimReview's URLs must not carry the request's ?format=.
    return request.build_absolute_uri(reverse(route, kwargs={"pk": pk}))


def _organisation() -> dict[str, Any]:
    org = settings.FACTCHECK_ORGANIZATION
    node = {"@type": "Organization", "name": org["name"]}
    if org.get("url"):
        node["url"] = org["url"]
    return node


def _speaker_node(speaker: Speaker) -> dict[str, Any]:
    node: dict[str, Any] = {"name": speaker.name}
    # An unresolved kind gets no @type rather than a guess.
    if speaker.kind == Speaker.Kind.PERSON:
        node["@type"] = "Person"
    elif speaker.kind == Speaker.Kind.ORGANISATION:
        node["@type"] = "Organization"
    if speaker.roles:
        node["jobTitle"] = speaker.roles[0]
    return node


def _article_node(article: Article, request) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@type": "CreativeWork",
        "url": article.url or _absolute(request, "api:article-detail", article.pk),
        "headline": article.title,
    }
    if article.published_at:
        node["datePublished"] = _iso(article.published_at)
    if article.outlet_id:
        publisher: dict[str, Any] = {"@type": "Organization", "name": article.outlet.name}
        if article.outlet.domain:
            publisher["url"] = f"https://{article.outlet.domain}/"
        node["publisher"] = publisher
    return node


def _first_appearance(articles: list[Article]) -> Article:
    # Undated articles count as later than any dated one; ties go to the earliest stored.
    return min(articles, key=lambda a: (a.published_at is None, a.published_at or datetime.max, a.pk))


def _claim_authors(claims: list[Claim]) -> list[dict[str, Any]]:
    speakers: dict[int, Speaker] = {}
    for claim in claims:
        if claim.speaker_id is not None:
            speakers.setdefault(claim.speaker_id, claim.speaker)
    if speakers:
        return [_speaker_node(s) for s in speakers.values()]
    # No quoted speaker: the outlets asserted the number themselves.
    outlets = {c.article.outlet_id: c.article.outlet for c in claims if c.article.outlet_id}
    return [{"@type": "Organization", "name": o.name} for o in outlets.values()]


def _review_node(*, url: str, claim_reviewed: str, verdict: str, reviews: list[Review], updated_at: datetime,
                 claims: list[Claim], request) -> dict[str, Any]:
    rating_value, rating_name = RATINGS[verdict]
    latest = reviews[0] if reviews else None
    articles = list({c.article_id: c.article for c in claims}.values())
    first = _first_appearance(articles)
    authors = _claim_authors(claims)
    item: dict[str, Any] = {
        "@type": "Claim",
        "appearance": [_article_node(a, request) for a in sorted(articles, key=lambda a: a.pk)],
        "firstAppearance": _article_node(first, request),
    }
    if authors:
        item["author"] = authors[0] if len(authors) == 1 else authors
    if first.published_at:
        item["datePublished"] = _iso(first.published_at)
    rating: dict[str, Any] = {
        "@type": "Rating",
        "ratingValue": rating_value,
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
        "alternateName": rating_name,
    }
    node: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim_reviewed,
        "datePublished": (latest.created_at if latest else updated_at).date().isoformat(),
        "author": _organisation(),
        "reviewRating": rating,
        "itemReviewed": item,
    }
    if latest and latest.note:
        rating["ratingExplanation"] = latest.note
    if latest and latest.evidence_url:
        node["citation"] = latest.evidence_url
    return node


def claim_claimreview(claim: Claim, request) -> dict[str, Any]:
    """ClaimReview of one claim loaded through claimreview_claims()."""
    source = claim.quote.text if claim.quote_id else (claim.sentence or claim.text)
    return _review_node(
        url=_absolute(request, "api:claim-detail", claim.pk),
        claim_reviewed=source.strip(),
        verdict=claim.review_status,
        reviews=getattr(claim, "published_reviews", []),
        updated_at=claim.updated_at,
        claims=[claim],
        request=request,
    )


def group_claimreview(group: ClaimGroup, request) -> dict[str, Any] | None:
    """ClaimReview of one group loaded through claimreview_groups(); None for a group that
    no longer holds any claim (nothing appeared anywhere to review)."""
    claims = list(group.claims.all())
    if not claims:
        return None
    # What was claimed, in the words of its first appearance; the group's label is the
    # matcher's key ("nato member (member)"), not a claim a reader would recognise.
    first = _first_appearance([c.article for c in claims])
    said = next(c for c in claims if c.article_id == first.pk)
    return _review_node(
        url=_absolute(request, "api:group-detail", group.pk),
        claim_reviewed=(said.sentence or said.text or group.label).strip(),
        verdict=group.verdict,
        reviews=getattr(group, "published_reviews", []),
        updated_at=group.updated_at,
        claims=claims,
        request=request,
    )

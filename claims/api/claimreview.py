"""schema.org ClaimReview JSON-LD: one per published claim, as its source stated it.

A claim is published once its state (Claim.review_status, the decision of the verdict that
decided it) is `verified` or `rejected`. Each ClaimReview is about one claim as one source
stated it: `itemReviewed.author` is who said it (the quoted speaker, else the outlet whose
article states it), and its appearances are only the sources in the same group that stated
the same value with the same decision. A claim found false is published with the false
rating, credited to the source that said it, never to those who had it right.

The rating scale covers every verdict a reviewer can give, so that publishing more later
does not change the meaning of a number:

    ratingValue  alternateName        state
    5            Verified             verified     checked against evidence: accurate
    4            Sources agree        consistent   the sources agree; not independently checked
    2            Sources conflict     conflicting  the sources disagree
    1            False                rejected     checked against evidence: wrong
    bestRating 5, worstRating 1

The claims are loaded with claims.selectors.claimreview_claims().

Google's ClaimReview markup requires `claimReviewed`, `reviewRating.alternateName` and `url`
(tests/api/test_claimreview_markup.py checks them, and every property against schema.org).
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse

from claims.models import Article, Claim, ReviewStatus, Speaker

CONTEXT = "https://schema.org"
BEST_RATING = 5
WORST_RATING = 1
RATINGS: dict[str, tuple[int, str]] = {
    ReviewStatus.VERIFIED: (5, "Verified"),
    ReviewStatus.CONSISTENT: (4, "Sources agree"),
    ReviewStatus.CONFLICTING: (2, "Sources conflict"),
    ReviewStatus.REJECTED: (1, "False"),
}
MEDIA_TYPE = "application/ld+json"


# --- JSON-LD ------------------------------------------------------------------------------

def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _absolute(request, route: str, pk: int) -> str:
    # Plain Django reverse: a ClaimReview's URLs must not carry the request's ?format=.
    return request.build_absolute_uri(reverse(route, kwargs={"pk": pk}))


def _organisation(request) -> dict[str, Any]:
    org = settings.FACTCHECK_ORGANIZATION
    # Without a configured URL the organisation is this site, at the address it is reached by.
    return {"@type": "Organization", "name": org["name"], "url": org.get("url") or request.build_absolute_uri("/")}


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


def _outlet_node(article: Article) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "Organization", "name": article.outlet.name}
    if article.outlet.domain:
        node["url"] = f"https://{article.outlet.domain}/"
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
        node["publisher"] = _outlet_node(article)
    return node


def _first_appearance(articles: list[Article]) -> Article:
    # Undated articles count as later than any dated one; ties go to the earliest stored.
    return min(articles, key=lambda a: (a.published_at is None, a.published_at or datetime.max, a.pk))


def _said_the_same(claim: Claim, other: Claim) -> bool:
    """Another source stated the same value and it was decided the same way."""
    return (
        other.review_status == claim.review_status and other.kind == claim.kind
        and other.unit.upper() == claim.unit.upper() and other.value == claim.value
        and other.date_value == claim.date_value
    )


def _appearances(claim: Claim) -> list[Article]:
    members = getattr(claim.group, "published_members", None) if claim.group_id else None
    articles = {claim.article_id: claim.article}
    for other in members or ():
        if other.pk != claim.pk and _said_the_same(claim, other):
            articles.setdefault(other.article_id, other.article)
    return list(articles.values())


def _claim_author(claim: Claim) -> dict[str, Any] | None:
    """Who made the claim: the quoted speaker, else the outlet stating it (None for an
    article whose outlet is unknown: no author is invented)."""
    if claim.speaker_id is not None:
        return _speaker_node(claim.speaker)
    if claim.article.outlet_id:
        return _outlet_node(claim.article)
    return None


def claim_claimreview(claim: Claim, request) -> dict[str, Any]:
    """ClaimReview of one published claim loaded through claimreview_claims()."""
    rating_value, rating_name = RATINGS[claim.review_status]
    review = claim.decided_by
    articles = _appearances(claim)
    first = _first_appearance(articles)
    item: dict[str, Any] = {
        "@type": "Claim",
        "appearance": [_article_node(a, request) for a in sorted(articles, key=lambda a: a.pk)],
        "firstAppearance": _article_node(first, request),
    }
    author = _claim_author(claim)
    if author:
        item["author"] = author
    if first.published_at:
        item["datePublished"] = _iso(first.published_at)
    rating: dict[str, Any] = {
        "@type": "Rating",
        "ratingValue": rating_value,
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
        "alternateName": rating_name,
        "name": rating_name,
    }
    said = claim.quote.text if claim.quote_id else (claim.sentence or claim.text)
    node: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": _absolute(request, "api:claim-detail", claim.pk),
        "claimReviewed": said.strip(),
        "datePublished": (review.created_at if review else claim.updated_at).date().isoformat(),
        "author": _organisation(request),
        "reviewRating": rating,
        "itemReviewed": item,
    }
    if review and review.note:
        rating["ratingExplanation"] = review.note
    if review and review.evidence_url:
        node["citation"] = review.evidence_url
    return node

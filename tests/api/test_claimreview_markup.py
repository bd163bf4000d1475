"""Every published ClaimReview holds Google's required fields for ClaimReview markup and uses
only schema.org properties, each on a type that has it, with values of the expected types.

Google Search Central, "Fact check (ClaimReview) structured data": required are
`claimReviewed`, `reviewRating` (a Rating whose `alternateName` is required) and `url`, on the
same host as the page; recommended are `author` (with name and url), `datePublished`,
`itemReviewed` (a Claim: `author`, `datePublished`, `appearance`, `firstAppearance`) and the
Rating's `bestRating`, `worstRating`, `ratingValue` and `name`. Properties per type are
schema.org's (Thing < CreativeWork < Review < ClaimReview; Claim < CreativeWork; Rating <
Intangible < Thing), as far as this markup uses them.
"""
from datetime import date, datetime
from urllib.parse import urlsplit

import pytest

from claims.services.review import review_submit

pytestmark = pytest.mark.django_db

_THING = {"@context", "@type", "name", "alternateName", "url", "description", "sameAs", "identifier"}
_CREATIVE_WORK = _THING | {"author", "citation", "datePublished", "headline", "publisher", "text", "dateModified"}
PROPERTIES = {
    "ClaimReview": _CREATIVE_WORK | {"claimReviewed", "itemReviewed", "reviewRating", "reviewBody", "reviewAspect"},
    "Claim": _CREATIVE_WORK | {"appearance", "firstAppearance", "claimInterpreter"},
    "CreativeWork": _CREATIVE_WORK,
    "Rating": _THING | {"author", "bestRating", "ratingExplanation", "ratingValue", "reviewAspect", "worstRating"},
    "Organization": _THING | {"legalName", "logo"},
    "Person": _THING | {"jobTitle", "affiliation", "givenName", "familyName"},
    None: _THING,  # a speaker of unknown kind: a plain Thing
}
# The types schema.org expects for the properties this markup gives an object.
EXPECTS = {
    "author": {"Organization", "Person", None},
    "publisher": {"Organization", "Person"},
    "itemReviewed": {"Claim"},
    "reviewRating": {"Rating"},
    "appearance": {"CreativeWork"},
    "firstAppearance": {"CreativeWork"},
}
GOOGLE_REQUIRED = {"ClaimReview": {"claimReviewed", "reviewRating", "url"}, "Rating": {"alternateName"}}
GOOGLE_RECOMMENDED = {
    "ClaimReview": {"author", "datePublished", "itemReviewed"},
    "Claim": {"appearance", "firstAppearance", "datePublished"},
    "Rating": {"bestRating", "worstRating", "ratingValue", "name"},
}


def _check(node: dict, path: str, problems: list[str]) -> None:
    kind = node.get("@type")
    allowed = PROPERTIES.get(kind)
    if allowed is None and kind is not None:
        problems.append(f"{path}: @type {kind} is not one this markup should use")
        return
    for key, value in node.items():
        if key not in allowed:
            problems.append(f"{path}: {key} is not a schema.org property of {kind or 'Thing'}")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                if key in EXPECTS and item.get("@type") not in EXPECTS[key]:
                    problems.append(f"{path}.{key}: a {item.get('@type')}, schema.org expects {EXPECTS[key]}")
                _check(item, f"{path}.{key}", problems)
            elif key in ("url", "citation"):
                if urlsplit(item).scheme not in ("http", "https") or not urlsplit(item).netloc:
                    problems.append(f"{path}.{key}: {item!r} is not an absolute http(s) URL")
            elif key == "datePublished":
                try:
                    (date if len(item) == 10 else datetime).fromisoformat(item)
                except ValueError:
                    problems.append(f"{path}.datePublished: {item!r} is not ISO 8601")
    for needed in GOOGLE_REQUIRED.get(kind, ()):
        if not node.get(needed):
            problems.append(f"{path}: Google requires {needed} on a {kind}")
    for wanted in GOOGLE_RECOMMENDED.get(kind, ()):
        if wanted not in node:
            problems.append(f"{path}: Google recommends {wanted} on a {kind}")


@pytest.fixture
def published(story, reviewer):
    review_submit(reviewer=reviewer, verdict="verified", note="The council minutes record $12 million.",
                  evidence_url="https://council.example/minutes", group=story["group"])
    review_submit(reviewer=reviewer, verdict="rejected", note="The bureau said 4.2 percent.", claim=story["jobless"])
    return story


def test_every_published_claimreview_meets_google_and_schema_org(api, published, settings):
    settings.ALLOWED_HOSTS = ["factdesk.example"]
    response = api.get("/api/claimreviews/", HTTP_HOST="factdesk.example")
    docs = response.json()["results"]
    assert len(docs) == 3
    problems: list[str] = []
    for doc in docs:
        assert doc["@context"] == "https://schema.org" and doc["@type"] == "ClaimReview"
        _check(doc, doc["url"], problems)
        # The fact check's URL is on the host serving the markup, as Google requires.
        assert urlsplit(doc["url"]).netloc == "factdesk.example"
        rating = doc["reviewRating"]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        # The rating goes in reviewRating, never in the words of the claim.
        assert rating["alternateName"] not in doc["claimReviewed"]
        assert doc["author"]["name"] and doc["author"]["url"]
    assert problems == []


def test_the_checker_catches_what_google_and_schema_org_refuse():
    """The checks above can fail: a ClaimReview without a url, a Rating without its
    alternateName, a property schema.org does not have, a Claim authored by a CreativeWork."""
    bad = {
        "@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": "x", "author": {"@type": "Organization", "name": "o"},
        "datePublished": "2024-13-01", "reviewRating": {"@type": "Rating", "ratingValue": 5, "bestRating": 5,
                                                         "worstRating": 1, "name": "Verified"},
        "itemReviewed": {"@type": "Claim", "appearance": [], "firstAppearance": {"@type": "CreativeWork"},
                         "datePublished": "2024-01-01", "author": {"@type": "CreativeWork"}},
        "verdict": "true",
    }
    problems: list[str] = []
    _check(bad, "bad", problems)
    assert "bad: Google requires url on a ClaimReview" in problems
    assert "bad.reviewRating: Google requires alternateName on a Rating" in problems
    assert "bad: verdict is not a schema.org property of ClaimReview" in problems
    assert "bad.datePublished: '2024-13-01' is not ISO 8601" in problems
    assert any("itemReviewed.author: a CreativeWork" in p for p in problems)

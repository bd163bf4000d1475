"""API test fixtures: users in each role (by permission codename, as the API checks them),
token-authenticated clients, and one story told by two outlets."""
from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Article, ClaimGroup, Outlet, Quote, ReviewStatus, Speaker, SpeakerAlias
from tests.factories import ClaimFactory

ROLE_PERMISSIONS = {
    "consumer": ["view_claim"],
    "reviewer": ["view_claim", "add_review"],
    "fact_checker": ["view_claim", "add_article"],
    "nobody": [],
}


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    # Throttle counters live in the cache; one test's requests must not count in another's.
    cache.clear()
    yield
    cache.clear()


def make_user(role: str, username: str | None = None):
    user = get_user_model().objects.create_user(username or role, password="a-long-test-password-1")
    codenames = ROLE_PERMISSIONS[role]
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="claims", codename__in=codenames))
    return user


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def consumer(db):
    return make_user("consumer")


@pytest.fixture
def reviewer(db):
    return make_user("reviewer")


@pytest.fixture
def fact_checker(db):
    return make_user("fact_checker")


@pytest.fixture
def api(consumer) -> APIClient:
    """A client holding an api-consumer's token."""
    return token_client(consumer)


@pytest.fixture
def reviewer_api(reviewer) -> APIClient:
    return token_client(reviewer)


@pytest.fixture
def fact_checker_api(fact_checker) -> APIClient:
    return token_client(fact_checker)


def _article(outlet: Outlet, title: str, body: str, published: datetime, url: str) -> Article:
    return Article.objects.create(
        outlet=outlet, title=title, body=body, raw=body, url=url, published_at=published,
        content_hash=hashlib.sha256(body.encode()).hexdigest(), status=Article.Status.EXTRACTED,
    )


@pytest.fixture
def story(db):
    """The city budget as told by two outlets, plus an unrelated unemployment figure.

    Returns a dict of the rows by name.
    """
    courier = Outlet.objects.create(name="Daily Courier", domain="courier.example")
    herald = Outlet.objects.create(name="Metro Herald", domain="herald.example")
    lee = Speaker.objects.create(name="Ann Lee", key="ann lee", kind=Speaker.Kind.PERSON, roles=["Mayor"])
    SpeakerAlias.objects.create(speaker=lee, text="the mayor")
    bureau = Speaker.objects.create(name="Bureau of Labor Statistics", key="bureau of labor statistics",
                                    kind=Speaker.Kind.ORGANISATION)
    body_a = 'The council approved a budget of $12 million on Tuesday. "We kept every library open," Mayor Ann Lee said.'
    body_b = ("Mayor Ann Lee said the city would spend about $12 million next year. "
              "Unemployment fell to 4.5 percent, the Bureau of Labor Statistics said.")
    article_a = _article(courier, "Council approves $12 million budget", body_a,
                         datetime(2024, 3, 5, 9, 0, tzinfo=UTC), "https://courier.example/budget")
    article_b = _article(herald, "City to spend $12 million", body_b,
                         datetime(2024, 3, 6, 18, 30, tzinfo=UTC), "https://herald.example/city-spend")
    quote = Quote.objects.create(
        article=article_a, speaker=lee, speaker_mention="Mayor Ann Lee", text="We kept every library open",
        start=body_a.index("We kept"), end=body_a.index("We kept") + len("We kept every library open"),
        kind=Quote.Kind.DIRECT, cue="said", confidence=0.93, fingerprint="q-library",
    )
    group = ClaimGroup.objects.create(
        kind="money", unit="USD", subject="budget", key="money|USD|budget", label="City budget (USD)",
        suggested_state=ClaimGroup.Suggestion.CONSISTENT, source_count=2,
    )
    budget_a = ClaimFactory(
        article=article_a, speaker=None, kind="money", text="$12 million", start=body_a.index("$12"),
        end=body_a.index("$12") + 11, value=12_000_000, unit="USD", subject="budget",
        sentence="The council approved a budget of $12 million on Tuesday.", group=group,
    )
    budget_b = ClaimFactory(
        article=article_b, speaker=lee, kind="money", text="about $12 million", start=body_b.index("about"),
        end=body_b.index("about") + 17, value=12_000_000, unit="USD", qualifier="approximate", subject="budget",
        sentence="Mayor Ann Lee said the city would spend about $12 million next year.", group=group,
    )
    jobless = ClaimFactory(
        article=article_b, speaker=bureau, kind="percent", text="4.5 percent", start=body_b.index("4.5"),
        end=body_b.index("4.5") + 11, value="4.5", unit="percent", subject="unemployment",
        sentence="Unemployment fell to 4.5 percent, the Bureau of Labor Statistics said.",
        review_status=ReviewStatus.UNREVIEWED,
    )
    return {
        "courier": courier, "herald": herald, "lee": lee, "bureau": bureau, "article_a": article_a,
        "article_b": article_b, "quote": quote, "group": group, "budget_a": budget_a, "budget_b": budget_b,
        "jobless": jobless,
    }

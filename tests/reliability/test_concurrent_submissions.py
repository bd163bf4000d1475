"""Many clients at once on the same thing: the same story posted by several fact-checkers,
verdicts on one claim from several reviewers. No 500, one article, every verdict kept."""
from __future__ import annotations

import io
import threading

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Article, Claim, Review
from tests.factories import ClaimFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

CLIENTS = 6
STORY = (
    "Council approves road budget\n\n"
    "The city council approved $12 million for road repairs on Tuesday, Mayor Ann Lee said.\n"
)


def tokens_for(role: str, n: int) -> list[str]:
    call_command("setup_roles", stdout=io.StringIO())
    keys = []
    for i in range(n):
        user = get_user_model().objects.create_user(f"{role}-{i}")
        user.groups.add(Group.objects.get(name=role))
        keys.append(Token.objects.create(user=user).key)
    return keys


def all_at_once(keys: list[str], method: str, path: str, body: dict) -> list[int]:
    """Each token's client sends the request at the same moment; returns the statuses."""
    barrier = threading.Barrier(len(keys))
    statuses: list[int] = []

    def send(key: str) -> None:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        barrier.wait()
        try:
            statuses.append(getattr(client, method)(path, body, format="json").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(key,)) for key in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


@pytest.fixture(autouse=True)
def _no_throttle_carry_over(postgres):
    cache.clear()
    yield
    cache.clear()


def test_the_same_story_posted_at_once_is_stored_once():
    keys = tokens_for("fact-checkers", CLIENTS)
    statuses = all_at_once(keys, "post", "/api/articles/", {"text": STORY, "outlet": "Daily Courier"})
    assert sorted(statuses) == [200] * (CLIENTS - 1) + [202]
    assert Article.objects.count() == 1


def test_verdicts_on_one_claim_at_once_are_all_kept():
    claim = ClaimFactory()
    keys = tokens_for("reviewers", CLIENTS)
    statuses = all_at_once(keys, "post", f"/api/claims/{claim.id}/verdicts/", {"verdict": "verified", "note": "ok"})
    assert statuses == [201] * CLIENTS
    assert Review.objects.filter(claim=claim).count() == CLIENTS
    assert Claim.objects.get(id=claim.id).review_status == "verified"

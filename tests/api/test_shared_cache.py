"""With CACHE_URL (Redis), every process shares one page cache and one budget per token.

A write made by another process (a Celery worker extracting, an admin in another web
process) must retire the pages this process cached: the version lives in Redis, and the
other process's connection bumps it there. Needs PostgreSQL (the other process reaches the
test database) and Redis.
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis
from django.test import override_settings

from claims.models import ReviewStatus
from tests.workers import database_url_for

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cache_url(broker_url):
    url = broker_url.rsplit("/", 1)[0] + "/12"  # a database of the test Redis of its own
    redis.Redis.from_url(url).flushdb()
    caches = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url,
                          "KEY_PREFIX": "factcheck"}}
    with override_settings(CACHES=caches, API_PAGE_CACHE=True):
        yield url
    redis.Redis.from_url(url).flushdb()


def test_a_write_by_another_process_retires_this_process_pages(api, story, postgres, cache_url):
    def verified():
        response = api.get("/api/claims/?verified=true")
        assert response.status_code == 200
        return response["X-Cache"], [item["id"] for item in response.json()["results"]]

    assert verified() == ("miss", [])
    assert verified() == ("hit", [])
    env = {**os.environ, "DATABASE_URL": database_url_for(postgres), "CACHE_URL": cache_url,
           "FACTCHECK_VAR_DIR": os.environ.get("FACTCHECK_VAR_DIR", str(ROOT / "var"))}
    env.pop("CELERY_BROKER_URL", None)
    script = (f"from claims.models import Claim; "
              f"Claim.objects.filter(pk={story['jobless'].pk}).update(review_status='{ReviewStatus.VERIFIED}')")
    subprocess.run([sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, check=True, timeout=120)
    assert verified() == ("miss", [story["jobless"].pk])


def test_the_budget_per_token_is_counted_in_redis(api, story, cache_url, monkeypatch):
    from django.conf import settings

    from claims.api.throttling import _FixedWindow

    monkeypatch.setattr(_FixedWindow, "timer", staticmethod(lambda: 1_800_000_001.0))
    rates = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"consumer": "2/minute", "submit": "2/minute"}}
    with override_settings(REST_FRAMEWORK=rates):
        codes = [api.get("/api/quotes/").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    counters = [key for key in redis.Redis.from_url(cache_url).keys("factcheck:*throttle_consumer*")]
    assert len(counters) == 1 and 0 < redis.Redis.from_url(cache_url).ttl(counters[0]) <= 61


def test_sign_in_failures_are_counted_in_redis_and_lock_out(client, cache_url):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("ada", password="a-long-sign-in-password-1", is_staff=True)
    for n in range(5):
        client.post("/admin/login/", {"username": "ada", "password": f"wrong-{n}"}, REMOTE_ADDR="203.0.113.7")
    response = client.post("/admin/login/", {"username": "ada", "password": "a-long-sign-in-password-1"},
                           REMOTE_ADDR="203.0.113.7")
    assert "Too many failed sign-ins from here. Try again in 15 minute(s)." in response.content.decode()
    streaks = redis.Redis.from_url(cache_url).keys("factcheck:*streak:signin*")
    assert len(streaks) == 2 and all(880 < redis.Redis.from_url(cache_url).ttl(key) <= 900 for key in streaks)

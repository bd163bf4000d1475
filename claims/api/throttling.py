"""Request budgets per token (or per signed-in user), with rates from settings.

A budget is counted per fixed window (an hour for `5000/hour`, aligned to the clock) by one
atomic increment in Django's cache. DRF's own throttles keep a list of every request's
time and read and rewrite it whole on each request: 5000 timestamps for a consumer near
its hourly budget, and lost updates when two requests race. Around a window's edge up to
twice the rate can pass; Retry-After says when the current window ends.

The rate is read at request time, so that a deployment (or a test) changing
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] takes effect. The counters live in the default
cache: set CACHE_URL (Redis) so that every web process draws on one budget per token. A
cache that is down lets requests through rather than failing them.
"""
from __future__ import annotations

import logging

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache import cache as default_cache
from django.core.cache.backends.redis import RedisCache
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle, UserRateThrottle

log = logging.getLogger(__name__)


class _FixedWindow(SimpleRateThrottle):
    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_ends = (window + 1) * self.duration
        counter = f"{self.key}:{window}"
        try:
            # DRF's `cache` is Django's proxy to the default cache; _count needs the backend.
            backend = caches[DEFAULT_CACHE_ALIAS] if self.cache is default_cache else self.cache
            count = _count(backend, counter, self.duration + 1)
        except Exception:
            log.warning("throttle counters unavailable: request let through", exc_info=True)
            return True
        return count <= self.num_requests

    def wait(self):
        return max(0.0, self.window_ends - self.now)


def _count(cache, key: str, lifetime: int) -> int:
    """Add one to a counter that lives `lifetime` seconds; the new count."""
    if isinstance(cache, RedisCache):
        # INCR creates the counter; only a new one is given its expiry, so a request costs
        # one round trip. (Django's own incr() asks EXISTS first and cannot create the key.)
        name = cache.make_and_validate_key(key)
        client = cache._cache.get_client(name, write=True)
        count = client.incr(name)
        if count == 1:
            client.expire(name, lifetime)
        return count
    cache.add(key, 0, lifetime)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, lifetime)
        return 1


class ConsumerRateThrottle(UserRateThrottle, _FixedWindow):
    """Every API call by one user (all its tokens and its session) draws on one budget."""

    scope = "consumer"

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class SubmitRateThrottle(ScopedRateThrottle, _FixedWindow):
    """Writes (articles, verdicts): a separate, smaller budget under the `submit` scope."""

    scope_attr = "throttle_scope"

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        # Reads on a view that also accepts writes are not counted against the write budget.
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)

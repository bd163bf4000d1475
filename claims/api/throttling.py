"""Request budgets per token (or per signed-in user), with rates from settings.

The rate is read at request time rather than when the class is defined, so that a
deployment (or a test) changing REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] takes effect.
Counters live in Django's default cache: with several web processes, point CACHES at Redis
for one shared budget per token.
"""
from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle, UserRateThrottle


class ConsumerRateThrottle(UserRateThrottle):
    """Every API call by one user (all its tokens and its session) draws on one budget."""

    scope = "consumer"

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class SubmitRateThrottle(ScopedRateThrottle):
    """Writes (articles, verdicts): a separate, smaller budget under the `submit` scope."""

    scope_attr = "throttle_scope"

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        # Reads on a view that also accepts writes are not counted against the write budget.
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)

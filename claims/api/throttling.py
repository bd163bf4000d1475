"""Request budgets per token (or per signed-in user), with rates from settings.

A budget is counted per fixed window (an hour for `5000/hour`, aligned to the clock) by one
atomic increment in Django's cache (factcheck.budget). DRF's own throttles keep a list of
every request's time and read and rewrite it whole on each request: 5000 timestamps for a
consumer near its hourly budget, and lost updates when two requests race. Around a window's
edge up to twice the rate can pass; Retry-After says when the current window ends.

The rate is read at request time, so that a deployment (or a test) changing
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] takes effect. The counters live in the default
cache: set CACHE_URL (Redis) so that every web process draws on one budget per token. A
cache that is down does not lift the budgets: each process counts on its own meanwhile.
"""
from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle, UserRateThrottle

from factcheck.budget import window_count


class _FixedWindow(SimpleRateThrottle):
    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        count, self.window_ends = window_count(self.key, seconds=self.duration, now=self.now)
        return count <= self.num_requests

    def wait(self):
        return max(0.0, self.window_ends - self.now)


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

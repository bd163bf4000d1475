"""Sign-in forms with a lockout after repeated failures (the admin's and the browsable API's).

Failed sign-ins are counted per account and address together, and per address alone (one
address trying many accounts), in the shared cache (factcheck.budget); a count lapses
FACTCHECK_SIGNIN_LOCKOUT_SECONDS after its last failure. Once either count reaches its
limit, every sign-in from there is refused, the right password included, until it lapses;
the person sees when, and the server logs a line naming the account and the address.
"""
from __future__ import annotations

import hashlib
import logging
import math
import time

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm

from factcheck.budget import streak_count

log = logging.getLogger("factcheck.signin")


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or behind a proxy (BEHIND_PROXY) the address the
    proxy appended last to X-Forwarded-For (earlier entries are the client's to forge)."""
    if settings.BEHIND_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _keys(username: str, address: str) -> list[tuple[str, int]]:
    account = hashlib.sha256(f"{username.strip().lower()}|{address}".encode()).hexdigest()
    return [
        (f"signin:account:{account}", settings.FACTCHECK_SIGNIN_FAILURES),
        (f"signin:address:{address}", settings.FACTCHECK_SIGNIN_FAILURES_PER_ADDRESS),
    ]


LOCKED_OUT = "Too many failed sign-ins from here. Try again in %(minutes)s minute(s)."


class _SignInLockout:
    """Refuses a sign-in while its account-and-address or its address is locked out, and
    counts each failed one."""

    def _lockout_keys(self) -> tuple[str, str, list[tuple[str, int]]]:
        username = self.cleaned_data.get("username") or ""
        address = client_address(self.request) if self.request is not None else "unknown"
        return username, address, _keys(username, address)

    def clean(self):
        username, address, keys = self._lockout_keys()
        seconds = settings.FACTCHECK_SIGNIN_LOCKOUT_SECONDS
        for key, limit in keys:
            count, ends = streak_count(key, seconds=seconds, add=0)
            if count >= limit:
                log.warning("sign-in refused, locked out: account %r from %s (%d failures)", username, address, count)
                minutes = max(1, math.ceil((ends - time.time()) / 60))
                raise forms.ValidationError(LOCKED_OUT, code="locked_out", params={"minutes": minutes})
        return super().clean()

    def get_invalid_login_error(self):
        # Called by AuthenticationForm.clean exactly when the password (or account) was wrong.
        username, address, keys = self._lockout_keys()
        seconds = settings.FACTCHECK_SIGNIN_LOCKOUT_SECONDS
        counts = [streak_count(key, seconds=seconds)[0] for key, _ in keys]
        log.warning("sign-in failed: account %r from %s (failure %d of %d allowed)",
                    username, address, counts[0], settings.FACTCHECK_SIGNIN_FAILURES)
        return super().get_invalid_login_error()


class SignInForm(_SignInLockout, AuthenticationForm):
    """The browsable API's sign-in."""


class AdminSignInForm(_SignInLockout, AdminAuthenticationForm):
    """The admin's sign-in."""

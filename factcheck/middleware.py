"""Absolute links under the site's configured address.

Behind a proxy that does not pass the public host on, links built from the request would
name the internal address. With SITE_URL set, every absolute link Django and DRF build for
a request (API links, pagination, ClaimReview URLs) starts with it instead.
"""
from __future__ import annotations

from django.conf import settings


class SiteURLMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SITE_URL:
            # HttpRequest.build_absolute_uri() reads the scheme and host from this (a
            # cached property); the Host header is still checked against ALLOWED_HOSTS.
            request._current_scheme_host = settings.SITE_URL
        return self.get_response(request)

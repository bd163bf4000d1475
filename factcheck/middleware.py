"""Project-wide request checks and response headers."""
from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse


class SiteURLMiddleware:
    """Absolute links under the site's configured address.

    Behind a proxy that does not pass the public host on, links built from the request would
    name the internal address. With SITE_URL set, every absolute link Django and DRF build for
    a request (API links, pagination, ClaimReview URLs) starts with it instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SITE_URL:
            # HttpRequest.build_absolute_uri() reads the scheme and host from this (a
            # cached property); the Host header is still checked against ALLOWED_HOSTS.
            request._current_scheme_host = settings.SITE_URL
        return self.get_response(request)


class RefuseNulMiddleware:
    """A NUL character in the address or the query string is a 400 before any view runs.

    No page or filter means anything by one, and PostgreSQL cannot compare text holding
    it: an admin list filter (`?kind=%00`) raised a DataError, a 500. API answers keep the
    API's JSON error shape.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in name or any("\x00" in value for value in values) for name, values in request.GET.lists()
        ):
            message = "NUL characters are not allowed in the address or its query string"
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message, "code": "bad_request"}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Sends settings.CONTENT_SECURITY_POLICY with every HTML page (the admin, the browsable
    API, the docs): scripts, styles, fonts and images from this site only, so that markup
    slipped into a page (an article's text, a name) can neither run nor load anything."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = settings.CONTENT_SECURITY_POLICY
        if policy and "Content-Security-Policy" not in response and response.get("Content-Type", "").startswith("text/html"):
            response["Content-Security-Policy"] = policy
        return response

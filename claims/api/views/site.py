"""What the API answers outside its views: JSON 404 and 500 under /api/, and its docs pages."""
from __future__ import annotations

from django.http import JsonResponse
from django.views import defaults
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

# --- errors outside the API's views (project-level handlers, see factcheck/urls.py) ---------


def not_found(request, exception=None):
    """handler404: an unknown address under /api/ is answered in the API's JSON error shape."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": f"no API endpoint at {request.path}; see /api/", "code": "not_found"}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """handler500: a failure outside a DRF view (a middleware) under /api/ is still JSON."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "internal server error", "code": "server_error"}, status=500)
    return defaults.server_error(request)


# --- the API's docs -------------------------------------------------------------------------

# Everything the docs pages use is served from here (drf-spectacular-sidecar). Swagger UI's
# set-up script is served from this address too (the split view), so it runs under the
# site's policy of 'self' only (factcheck.middleware). Redoc's settings are an inline script
# and its search runs in a blob: worker, so Redoc's page has this policy of its own: still
# nothing from another host (Redocly's logo, which Redoc always asks its CDN for, is refused
# and hides itself), but its own inline script and styles run.
REDOC_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class RedocView(SpectacularRedocView):
    """Redoc, loading nothing from other hosts (see templates/drf_spectacular/redoc.html)."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Security-Policy"] = REDOC_CONTENT_SECURITY_POLICY
        return response


class SwaggerView(SpectacularSwaggerSplitView):
    """Swagger UI, loading nothing from other hosts (no online validator: SPECTACULAR_SETTINGS)."""

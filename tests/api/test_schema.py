"""The OpenAPI schema documents every endpoint and filter, the docs page works offline, and
requests generated from the schema (schemathesis) find no server error and no response
that breaks it."""
import inspect

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from claims.api.filters import ArticleFilter, ClaimFilter, GroupFilter, QuoteFilter, ReviewFilter, SpeakerFilter
from claims.api.views import (
    ArticleViewSet,
    ClaimViewSet,
    GroupViewSet,
    QuoteViewSet,
    ReviewViewSet,
    SpeakerViewSet,
)
from claims.services.review import review_submit

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "/api/": ["get"],
    "/api/articles/": ["get", "post"],
    "/api/articles/{id}/": ["get"],
    "/api/quotes/": ["get"],
    "/api/quotes/{id}/": ["get"],
    "/api/claims/": ["get"],
    "/api/claims/{id}/": ["get"],
    "/api/claims/{id}/verdicts/": ["post"],
    "/api/claims/{id}/claimreview/": ["get"],
    "/api/claims/{id}/reviews/": ["get"],
    "/api/claims/export.csv": ["get"],
    "/api/groups/": ["get"],
    "/api/groups/{id}/": ["get"],
    "/api/groups/{id}/verdicts/": ["post"],
    "/api/groups/{id}/claimreview/": ["get"],
    "/api/groups/{id}/reviews/": ["get"],
    "/api/speakers/": ["get"],
    "/api/speakers/{id}/": ["get"],
    "/api/claimreviews/": ["get"],
    "/api/reviews/": ["get"],
    "/api/reviews/{id}/": ["get"],
}


@pytest.fixture
def openapi() -> dict:
    response = APIClient().get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


@pytest.mark.smoke
def test_schema_is_openapi_3_with_every_endpoint(openapi):
    assert openapi["openapi"].startswith("3.")
    assert {path: sorted(ops) for path, ops in openapi["paths"].items()} == ENDPOINTS


def _query_params(openapi, path: str) -> dict[str, dict]:
    return {p["name"]: p for p in openapi["paths"][path]["get"].get("parameters", []) if p["in"] == "query"}


@pytest.mark.parametrize(
    ("path", "filterset"),
    [("/api/claims/", ClaimFilter), ("/api/claims/export.csv", ClaimFilter), ("/api/quotes/", QuoteFilter),
     ("/api/groups/", GroupFilter), ("/api/speakers/", SpeakerFilter), ("/api/articles/", ArticleFilter),
     ("/api/reviews/", ReviewFilter)],
)
def test_every_filter_is_documented_with_a_description(openapi, path, filterset):
    params = _query_params(openapi, path)
    for name in filterset.base_filters:
        assert name in params, f"{path} does not document ?{name}"
        assert params[name].get("description"), f"{path} ?{name} has no description"


def test_feed_documents_its_filter_and_pages(openapi):
    assert {"updated_since", "page", "page_size"} <= set(_query_params(openapi, "/api/claimreviews/"))


def test_every_operation_documents_401_and_403(openapi):
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            assert {"401", "403"} <= set(operation["responses"]), f"{method} {path}"


def test_every_operation_is_described_for_consumers_not_by_a_base_class_docstring(openapi):
    # With no description of its own, an operation inherits the first docstring up its
    # class's MRO: notes for developers (page caching, mixins) shown to API consumers.
    inherited = {
        " ".join(inspect.getdoc(base).split())
        for view in (ArticleViewSet, ClaimViewSet, GroupViewSet, QuoteViewSet, ReviewViewSet, SpeakerViewSet)
        for base in view.__mro__[1:]
        if inspect.getdoc(base)
    }
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary"), f"{method} {path} has no summary"
            assert " ".join(operation.get("description", "").split()) not in inherited, f"{method} {path}"


def test_token_auth_is_documented(openapi):
    assert openapi["components"]["securitySchemes"]["tokenAuth"]["type"] == "apiKey"


def test_docs_page_serves_swagger_ui_from_this_server_not_a_cdn():
    page = APIClient().get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    # Its set-up script comes from this server too (not inline: the Content-Security-Policy).
    script = APIClient().get("/api/docs/?script=").content.decode()
    assert "/api/schema/" in script and "cdn" not in script.lower()


def test_docs_assets_are_served():
    from django.contrib.staticfiles import finders

    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")


# --- schemathesis -------------------------------------------------------------------------

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]


@pytest.fixture
def wsgi_app():
    """The project's WSGI app, called in this thread inside the test's transaction.

    Like Django's test client, keep the per-request connection cleanup from closing the
    test's connection in the middle of its transaction.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.slow
@override_settings(FACTCHECK_FETCH_TIMEOUT=1)
def test_generated_requests_find_no_server_error_and_no_schema_violation(wsgi_app, story):
    admin = get_user_model().objects.create_superuser("schemathesis", password="a-long-test-password-1")
    review_submit(reviewer=admin, verdict="verified", note="The minutes say $12 million.", group=story["group"])
    review_submit(reviewer=admin, verdict="rejected", note="The bureau said 4.2 percent.", claim=story["jobless"])
    headers = {"Authorization": f"Token {Token.objects.create(user=admin).key}"}
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)

    failures: dict[str, str] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == sum(len(ops) for ops in ENDPOINTS.values())
    for operation in operations:
        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=15, deadline=None, derandomize=True, database=None,
            phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck),
        )
        def exercise(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            exercise()
        except Exception as exc:  # collect every operation's failure, then report them all
            failures[f"{operation.method.upper()} {operation.path}"] = str(exc)[:2000]
    assert not failures, "\n\n".join(f"{name}:\n{text}" for name, text in failures.items())

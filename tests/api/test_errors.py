"""The one exception handler: every error is JSON with a clear message and a code."""
import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions

from claims.api.exceptions import api_exception_handler
from claims.services.ingest import IngestError


def _handle(exc):
    return api_exception_handler(exc, {"view": None, "request": None})


def test_ingest_error_is_a_400_with_its_message_and_code():
    response = _handle(IngestError("binary file (a PDF document), not article text", code="binary"))
    assert response.status_code == 400
    assert response.data == {
        "detail": "binary file (a PDF document), not article text",
        "code": "binary",
        "errors": {"non_field_errors": ["binary file (a PDF document), not article text"]},
    }


def test_django_validation_error_by_field_keeps_each_fields_messages():
    exc = DjangoValidationError({"verdict": ["unknown verdict 'maybe'"], "note": ["the note is too long"]})
    response = _handle(exc)
    assert response.status_code == 400
    assert response.data["errors"] == {"verdict": ["unknown verdict 'maybe'"], "note": ["the note is too long"]}
    assert response.data["detail"] == "verdict: unknown verdict 'maybe'; note: the note is too long"


def test_drf_validation_error_has_the_same_shape():
    response = _handle(exceptions.ValidationError({"outlet": ["name the outlet"]}))
    assert response.status_code == 400
    assert response.data == {"detail": "outlet: name the outlet", "code": "invalid", "errors": {"outlet": ["name the outlet"]}}


def test_django_404_and_403_carry_codes():
    assert _handle(Http404("no such claim")).data == {"detail": "no such claim", "code": "not_found"}
    assert _handle(PermissionDenied()).data["code"] == "permission_denied"


def test_throttled_error_keeps_retry_after():
    response = _handle(exceptions.Throttled(wait=42))
    assert response.status_code == 429 and response["Retry-After"] == "42"
    assert response.data["code"] == "throttled"


def test_unexpected_error_is_a_500_that_hides_the_internals_and_logs_them(caplog):
    with caplog.at_level(logging.ERROR, logger="claims.api.exceptions"):
        response = _handle(RuntimeError("could not connect to postgres://admin:hunter2@db"))
    assert response.status_code == 500
    assert response.data["code"] == "server_error"
    assert "hunter2" not in str(response.data) and "postgres" not in str(response.data)
    assert "hunter2" in caplog.text  # the operator still sees what happened


def test_unknown_api_address_is_a_json_404(api, settings):
    settings.DEBUG = False
    response = api.get("/api/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "no API endpoint at /api/no-such-thing/; see /api/", "code": "not_found"}


def test_unknown_address_outside_the_api_stays_an_html_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(("path", "allowed"), [
    ("/api/claims/", "id, updated_at, value"), ("/api/groups/", "id, updated_at, source_count"),
    ("/api/reviews/", "id, created_at"),
])
def test_unknown_ordering_is_a_400_naming_the_allowed_fields(api, story, path, allowed):
    response = api.get(path, {"ordering": "id,-vaule"})
    assert response.status_code == 400
    assert response.json()["errors"]["ordering"] == [
        f"cannot order by '-vaule': use one of {allowed} (prefix - for descending)"
    ]


def test_a_known_ordering_still_works(api, story):
    assert api.get("/api/claims/", {"ordering": "-updated_at"}).status_code == 200


@pytest.mark.parametrize("size", ["0", "501", "ten", "-5", "2.5"])
@pytest.mark.parametrize("path", ["/api/claims/", "/api/groups/", "/api/claimreviews/"])
def test_a_page_size_out_of_range_is_a_400_naming_the_range(api, story, path, size):
    response = api.get(path, {"page_size": size})
    assert response.status_code == 400
    assert response.json()["errors"]["page_size"] == [f"'{size}' is not a page size: give a whole number from 1 to 500"]


def test_the_largest_page_size_is_served(api, story):
    assert len(api.get("/api/claims/", {"page_size": "500"}).json()["results"]) == 3

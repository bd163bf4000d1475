"""The API's one place where errors become HTTP responses.

Every error body has the same shape, so a client needs one code path:

    {"detail": "one line for a person to read", "code": "machine_readable", "errors": {...}}

`errors` appears only for invalid input and maps each field (or "non_field_errors") to its
messages. Services raise Django's ValidationError (IngestError is one); it becomes a 400
here. Anything unexpected is logged with its traceback and answered with a 500 that says
nothing about the internals.
"""
from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler, set_rollback

logger = logging.getLogger(__name__)


def _flatten(errors) -> list[str]:
    if isinstance(errors, dict):
        return [f"{field}: {msg}" if field != "non_field_errors" else str(msg)
                for field, msgs in errors.items() for msg in _flatten(msgs)]
    if isinstance(errors, list | tuple):
        return [msg for item in errors for msg in _flatten(item)]
    return [str(errors)]


def _validation_body(detail, code: str = "invalid") -> dict:
    if isinstance(detail, dict):
        errors = {field: _flatten(msgs) for field, msgs in detail.items()}
    else:
        errors = {"non_field_errors": _flatten(detail)}
    return {"detail": "; ".join(_flatten(errors)) or "invalid input", "code": code, "errors": errors}


def _django_validation_error(exc: DjangoValidationError) -> Response:
    detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
    code = getattr(exc, "code", None) or "invalid"
    return Response(_validation_body(detail, code=code), status=status.HTTP_400_BAD_REQUEST)


def api_exception_handler(exc, context):
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: map any exception to a JSON error response."""
    if isinstance(exc, DjangoValidationError):
        set_rollback()
        return _django_validation_error(exc)
    if isinstance(exc, RequestDataTooBig):
        # A body beyond DATA_UPLOAD_MAX_MEMORY_SIZE is refused before it is parsed.
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024
        return Response(
            {"detail": f"request body larger than {limit:.0f} MB (DATA_UPLOAD_MAX_MEMORY_SIZE)", "code": "too_large"},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )

    # Django's own 404 and 403 become DRF's, so that they carry a code like every other error.
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or None)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = exception_handler(exc, context)
    if response is not None:
        if isinstance(exc, exceptions.ValidationError):
            response.data = _validation_body(exc.detail)
        else:
            detail = getattr(exc, "detail", None)
            codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else None
            response.data = {
                "detail": str(detail) if detail is not None else str(exc),
                "code": codes if isinstance(codes, str) else "error",
            }
        return response

    view = context.get("view")
    logger.error("unhandled error in %s", type(view).__name__ if view else "API view", exc_info=exc)
    set_rollback()
    return Response(
        {"detail": "internal server error: the failure was logged; try again or report it", "code": "server_error"},
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )

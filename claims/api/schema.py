"""OpenAPI generation: every operation documents the errors the API really returns.

Errors come from claims.api.exceptions in one JSON shape, whatever the success media type
(JSON-LD, CSV) of the operation.
"""
from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from rest_framework import pagination, serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in one line for a person to read.")
    code = serializers.CharField(help_text="A stable machine-readable code, e.g. not_authenticated, throttled, invalid.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False,
        help_text="Invalid input only: each field (or non_field_errors) with its messages.",
    )


_ERROR_DESCRIPTIONS = {
    "400": "Invalid input (a filter value, a cursor, or the request body): see `errors`.",
    "401": "No or bad credentials: send `Authorization: Token <key>`.",
    "403": "The account lacks the permission this operation needs.",
    "404": "No such object (or nothing published for it), or a page number past the last page.",
    "429": "Too many requests for this token: retry after the `Retry-After` seconds.",
}


class ApiAutoSchema(AutoSchema):
    def _error_codes(self) -> list[str]:
        codes = ["401", "403", "429"]
        has_path_id = "{" in self.path
        paged = isinstance(getattr(self.view, "paginator", None), pagination.PageNumberPagination)
        if has_path_id or (self.method == "GET" and paged):
            codes.append("404")
        if self.method != "GET" or not has_path_id:
            codes.append("400")
        return sorted(codes)

    def get_filter_backends(self):
        # Filters document themselves on every collection GET, including the CSV export
        # and the ClaimReview feed, which are not DRF "list" actions.
        if self.method == "GET" and "{" not in self.path:
            return getattr(self.view, "filter_backends", [])
        return super().get_filter_backends()

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            if code in responses:
                continue
            response = self._get_response_for_code(ErrorSerializer, code, media_types=["application/json"], direction=direction)
            response["description"] = _ERROR_DESCRIPTIONS[code]
            responses[code] = response
        return responses

"""Pagination: cursors for the long, growing lists (claims, quotes); pages elsewhere.

A cursor page costs one query however deep the client goes (no COUNT, no OFFSET scan)
and does not skip or repeat rows when new ones arrive during a sync.
"""
from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError


def _page_size(paginator, request) -> int:
    """`page_size` from 1 to max_page_size; anything else is a 400 saying so (DRF would
    silently give the default, or clip to the largest, and the client would not know)."""
    raw = request.query_params.get(paginator.page_size_query_param)
    if raw is None or raw == "":
        return paginator.page_size
    if not raw.isdigit() or not 1 <= int(raw) <= paginator.max_page_size:
        raise ValidationError({paginator.page_size_query_param: [
            f"{raw!r} is not a page size: give a whole number from 1 to {paginator.max_page_size}"
        ]})
    return int(raw)


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        return _page_size(self, request)


class CursorPagination(pagination.CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        return _page_size(self, request)
    # The ordering filter may replace this (`?ordering=updated_at` for a sync); every
    # ordering ends with the id so that ties have one order.
    ordering = ("id",)

    def paginate_queryset(self, queryset, request, view=None):
        self._model = queryset.model  # for checking a cursor's position against its column
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        # A cursor the client mangled is bad input (400), not a missing resource (DRF's 404).
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise self._invalid() from None
        if cursor is not None and cursor.position is not None:
            self._check_position(cursor.position)
        return cursor

    def _check_position(self, position: str) -> None:
        """The position is compared with the ordering's first column in SQL: one the column
        cannot hold ("abc" for an id, "1e999999" for a value, a NUL) made the database
        raise, a 500. It must be what that column's own form validation accepts."""
        field = self._model._meta.get_field(self.ordering[0].lstrip("-"))
        try:
            field.clean(position, None)
        except (DjangoValidationError, ValueError, TypeError, OverflowError):
            raise self._invalid() from None

    def _invalid(self) -> ValidationError:
        return ValidationError({self.cursor_query_param: ["invalid cursor: pass back the `next` link as given"]})

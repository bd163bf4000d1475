"""Pagination: cursors for the long, growing lists (claims, quotes); pages elsewhere.

A cursor page costs one query however deep the client goes (no COUNT, no OFFSET scan)
and does not skip or repeat rows when new ones arrive during a sync.
"""
from __future__ import annotations

from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class CursorPagination(pagination.CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    # The ordering filter may replace this (`?ordering=updated_at` for a sync); every
    # ordering ends with the id so that ties have one order.
    ordering = ("id",)

    def decode_cursor(self, request):
        # A cursor the client mangled is bad input (400), not a missing resource (DRF's 404).
        try:
            return super().decode_cursor(request)
        except NotFound:
            raise ValidationError({self.cursor_query_param: ["invalid cursor: pass back the `next` link as given"]}) from None

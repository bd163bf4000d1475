"""Pagination: cursors for the long, growing lists (claims, quotes); pages elsewhere.

A cursor page costs one query however deep the client goes (no COUNT, no OFFSET scan)
and does not skip or repeat rows when new ones arrive during a sync.
"""
from __future__ import annotations

from rest_framework import pagination


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

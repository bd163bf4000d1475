"""Verdicts: every review, with what it decided for each claim."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view

from claims.api.filters import ReviewFilter
from claims.api.pagination import CursorPagination
from claims.api.serializers import ReviewSerializer
from claims.api.views.common import ResourceViewSet
from claims.selectors import reviews_with_decisions


@extend_schema_view(
    list=extend_schema(
        summary="List verdicts",
        description=(
            "Every verdict with its note, evidence link, reviewer, time and what it decided for each claim. "
            "Cursor-paginated, oldest first: to sync decisions, pass the last `created_at` seen as `created_since` "
            "(inclusive) and drop the reviews already held. A later verdict deciding a claim supersedes an "
            "earlier one (`decisions[].current`); both are kept."
        ),
        tags=["reviews"],
    ),
    retrieve=extend_schema(summary="One verdict", description="By id, with what it decided for each claim.", tags=["reviews"]),
)
class ReviewViewSet(ResourceViewSet):
    serializer_class = ReviewSerializer
    filterset_class = ReviewFilter
    ordering_fields = ["id", "created_at"]
    ordering = ["id"]
    pagination_class = CursorPagination

    def get_queryset(self):
        return reviews_with_decisions()

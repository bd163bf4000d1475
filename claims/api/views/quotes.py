"""Quotes, cursor-paginated."""
from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from claims.api import shapes
from claims.api.cache import PageCacheMixin
from claims.api.filters import QuoteFilter
from claims.api.pagination import CursorPagination
from claims.api.serializers import QuoteSerializer
from claims.api.views.common import FILTERS, SYNC_ORDERING
from claims.models import Claim, Quote


@extend_schema_view(
    list=extend_schema(
        summary="List quotes",
        description="Cursor-paginated: follow `next`. " + SYNC_ORDERING,
        tags=["quotes"],
    ),
    retrieve=extend_schema(summary="One quote", tags=["quotes"]),
)
class QuoteViewSet(PageCacheMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = r"[0-9]+"
    serializer_class = QuoteSerializer
    filter_backends = FILTERS
    filterset_class = QuoteFilter
    ordering_fields = ["id", "updated_at"]
    ordering = ["id"]
    pagination_class = CursorPagination

    def get_queryset(self):
        own = [f.name for f in Quote._meta.concrete_fields]
        return (
            Quote.objects.select_related("speaker", "article__outlet", "group")
            .only(*own, *shapes.QUOTE.only_related())
            .prefetch_related(Prefetch("claims", queryset=Claim.objects.only("id", "quote_id").order_by("id")))
        )

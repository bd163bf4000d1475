"""Quotes, cursor-paginated."""
from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view

from claims.api import shapes
from claims.api.filters import QuoteFilter
from claims.api.pagination import CursorPagination
from claims.api.serializers import QuoteSerializer
from claims.api.views.common import SYNC_ORDERING, ResourceViewSet
from claims.models import Claim, Quote


@extend_schema_view(
    list=extend_schema(
        summary="List quotes",
        description="Cursor-paginated: follow `next`. " + SYNC_ORDERING,
        tags=["quotes"],
    ),
    retrieve=extend_schema(summary="One quote", description="By id, with its speaker, article and the claims it carries.", tags=["quotes"]),
)
class QuoteViewSet(ResourceViewSet):
    serializer_class = QuoteSerializer
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

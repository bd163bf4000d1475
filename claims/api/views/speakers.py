"""Speakers."""
from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view

from claims.api.filters import SpeakerFilter
from claims.api.pagination import PageNumberPagination
from claims.api.serializers import SpeakerSerializer
from claims.api.views.common import ResourceViewSet
from claims.models import Speaker, SpeakerAlias


@extend_schema_view(
    list=extend_schema(summary="List speakers", description="Alphabetical by default.", tags=["speakers"]),
    retrieve=extend_schema(summary="One speaker", description="By id, with every alias the speaker was credited under.", tags=["speakers"]),
)
class SpeakerViewSet(ResourceViewSet):
    serializer_class = SpeakerSerializer
    filterset_class = SpeakerFilter
    ordering_fields = ["id", "name", "updated_at"]
    ordering = ["name"]
    pagination_class = PageNumberPagination

    def get_queryset(self):
        return Speaker.objects.prefetch_related(Prefetch("aliases", queryset=SpeakerAlias.objects.order_by("text")))

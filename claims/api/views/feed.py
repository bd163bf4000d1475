"""The ClaimReview feed: every published ClaimReview, most recently changed first."""
from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.renderers import JSONRenderer

from claims.api import claimreview
from claims.api.filters import ClaimReviewFilter, FilterBackend
from claims.api.pagination import PageNumberPagination
from claims.api.renderers import JSONLDRenderer
from claims.api.views.common import JsonErrorsMixin
from claims.selectors import claimreview_claims, claimreview_feed

_FEED_PAGE = inline_serializer(
    "ClaimReviewPage",
    {
        "count": serializers.IntegerField(),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        "results": serializers.ListField(child=serializers.DictField(), help_text="ClaimReview JSON-LD documents."),
    },
)


@extend_schema(
    summary="Feed of ClaimReviews",
    description=(
        "Every published ClaimReview, most recently changed first: one per claim that is verified or rejected "
        "(published as false), credited to the source that stated it, its appearances the sources that stated "
        "the same value. Page-numbered. Rating scale (ratingValue, alternateName): 5 Verified, 4 Sources agree, "
        "2 Sources conflict, 1 False; bestRating 5, worstRating 1."
    ),
    responses={(200, claimreview.MEDIA_TYPE): _FEED_PAGE, (200, "application/json"): _FEED_PAGE},
    parameters=[
        OpenApiParameter("page", OpenApiTypes.INT, description="Page number, from 1."),
        OpenApiParameter("page_size", OpenApiTypes.INT, description="Items per page (1 to 500)."),
    ],
    tags=["claimreview"],
)
class ClaimReviewFeedView(JsonErrorsMixin, generics.GenericAPIView):
    renderer_classes = [JSONLDRenderer, JSONRenderer]
    filter_backends = [FilterBackend]
    filterset_class = ClaimReviewFilter
    pagination_class = PageNumberPagination

    def get_queryset(self):
        return claimreview_feed()

    def get(self, request, format=None):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        claims = claimreview_claims().in_bulk(list(page)) if page else {}
        results = [claimreview.claim_claimreview(claims[pk], request) for pk in page if pk in claims]
        return self.get_paginated_response(results)

"""The API's root: a link to every list, the ClaimReview feed, the CSV export and the docs."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView


class ApiRootView(APIView):
    """factcheck's API: every list, the ClaimReview feed, the CSV export and the docs."""

    @extend_schema(
        responses=inline_serializer("ApiRoot", {name: serializers.URLField() for name in (
            "articles", "quotes", "claims", "claims_export", "groups", "speakers", "reviews", "claimreviews", "schema",
            "docs",
        )}),
        summary="Links to every resource",
        tags=["root"],
    )
    def get(self, request, format=None):
        def link(name: str) -> str:
            return reverse(name, request=request)

        return Response({
            "articles": link("api:article-list"),
            "quotes": link("api:quote-list"),
            "claims": link("api:claim-list"),
            "claims_export": link("api:claim-export"),
            "groups": link("api:group-list"),
            "speakers": link("api:speaker-list"),
            "reviews": link("api:review-list"),
            "claimreviews": link("api:claimreview-list"),
            "schema": link("api-schema"),
            "docs": link("api-docs"),
        })

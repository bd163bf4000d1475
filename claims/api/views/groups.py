"""Claim groups: the same fact across sources, their verdicts and ClaimReviews."""
from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.generics import get_object_or_404
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.serializers import DictField, ListSerializer

from claims.api import claimreview, shapes
from claims.api.filters import GroupFilter
from claims.api.pagination import PageNumberPagination
from claims.api.renderers import JSONLDRenderer
from claims.api.serializers import GroupSerializer, ReviewSerializer, VerdictInputSerializer
from claims.api.views.common import (
    GROUP_VERDICT_EXAMPLES,
    ResourceViewSet,
    ReviewableMixin,
    trail_response,
    verdict_response,
)
from claims.models import Claim, ClaimGroup
from claims.selectors import claimreview_claims, review_trail

# A group's ClaimReviews: a JSON-LD list, one document per published member.
_CLAIMREVIEW_LIST = ListSerializer(child=DictField(), help_text="ClaimReview JSON-LD documents.")


@extend_schema_view(
    list=extend_schema(
        summary="List claim groups",
        description="The same fact across sources: the matcher's suggested state, the reviewers' verdict and every "
        "source's claim inline. Most recently changed first by default.",
        tags=["groups"],
    ),
    retrieve=extend_schema(summary="One claim group", description="By id: the fact, its suggested state and reason, its verdict and every member claim.", tags=["groups"]),
)
class GroupViewSet(ReviewableMixin, ResourceViewSet):
    serializer_class = GroupSerializer
    filterset_class = GroupFilter
    ordering_fields = ["id", "updated_at", "source_count"]
    ordering = ["-updated_at"]
    pagination_class = PageNumberPagination

    def get_queryset(self):
        return ClaimGroup.objects.prefetch_related(
            Prefetch(
                "claims",
                queryset=Claim.objects.select_related("speaker", "article__outlet")
                .only(*[f.name for f in Claim._meta.concrete_fields], *shapes.GROUP_CLAIM.only_related())
                .order_by("id"),
            )
        )

    @extend_schema(
        summary="Give a verdict on a claim group",
        description=(
            "Records a Review that sets the group's verdict and decides each member claim. `verified` on a group "
            "whose sources disagree must say which value is right: `correct_claims` (member ids) or "
            "`established_value`; members agreeing with it are verified, the others rejected (false), with the "
            "same note and evidence. Without that choice it is refused (400, code `sources_disagree`). "
            "`verified` and `rejected` need a note or an evidence link. Needs `claims.add_review` (role reviewers)."
        ),
        request=VerdictInputSerializer,
        responses={201: ReviewSerializer},
        examples=GROUP_VERDICT_EXAMPLES,
        tags=["groups"],
    )
    @action(detail=True, methods=["post"], url_path="verdicts", filter_backends=[], pagination_class=None)
    def verdicts(self, request, pk=None):
        group = get_object_or_404(ClaimGroup.objects.only("id"), pk=pk)
        return verdict_response(request, group=group.pk)

    @extend_schema(
        summary="The verdicts given on a group",
        description="Oldest first; each with what it decided for every member claim.",
        responses={200: ReviewSerializer(many=True)},
        tags=["reviews"],
    )
    @action(detail=True, methods=["get"], url_path="reviews", filter_backends=[], pagination_class=None)
    def reviews(self, request, pk=None):
        group = get_object_or_404(ClaimGroup.objects.only("id"), pk=pk)
        return trail_response(request, review_trail(group=group))

    @extend_schema(
        summary="schema.org ClaimReviews of a group's published claims",
        description="JSON-LD (`application/ld+json`): a list with one ClaimReview per member claim that is verified "
        "or rejected, each credited to the source that stated it. 404 while there is none.",
        responses={(200, claimreview.MEDIA_TYPE): _CLAIMREVIEW_LIST, (200, "application/json"): _CLAIMREVIEW_LIST},
        tags=["claimreview"],
    )
    @action(detail=True, methods=["get"], url_path="claimreview", renderer_classes=[JSONLDRenderer, JSONRenderer],
            filter_backends=[], pagination_class=None)
    def claimreview(self, request, pk=None):
        claims = claimreview_claims().filter(group_id=pk).order_by("id")
        nodes = [claimreview.claim_claimreview(claim, request) for claim in claims]
        if not nodes:
            raise NotFound(f"group {pk} has no published ClaimReview: it does not exist or no member is verified or rejected")
        return Response(nodes)

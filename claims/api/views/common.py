"""What the API's views share: the base of every resource, filter backends, JSON errors for
the JSON-LD and CSV endpoints, and the verdict and trail actions of claims and groups."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiExample
from rest_framework import status, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from claims.api.cache import PageCacheMixin
from claims.api.filters import FilterBackend, StableOrderingFilter
from claims.api.permissions import CanReadClaims, CanSubmitVerdicts
from claims.api.serializers import ReviewSerializer, VerdictInputSerializer
from claims.api.throttling import ConsumerRateThrottle, SubmitRateThrottle
from claims.selectors import reviews_with_decisions
from claims.services.review import review_submit

FILTERS = [FilterBackend, StableOrderingFilter]


class ResourceViewSet(PageCacheMixin, viewsets.ReadOnlyModelViewSet):
    """A resource's list (cached per page, filtered, ordered) and its detail by numeric id."""

    lookup_value_regex = r"[0-9]+"
    filter_backends = FILTERS


SYNC_ORDERING = "Sort order: `id` (default) or `updated_at` for incremental sync; prefix `-` for descending."


def answer_errors_in_json(request) -> None:
    """Errors of a JSON-LD or CSV endpoint are still the API's JSON error body."""
    request.accepted_renderer = JSONRenderer()
    request.accepted_media_type = JSONRenderer.media_type


class JsonErrorsMixin:
    def handle_exception(self, exc):
        answer_errors_in_json(self.request)
        return super().handle_exception(exc)


VERDICT_EXAMPLES = [
    OpenApiExample(
        "Verified with evidence",
        value={"verdict": "verified", "note": "Matches the council minutes.", "evidence_url": "https://council.example/minutes"},
        request_only=True,
    ),
]
GROUP_VERDICT_EXAMPLES = [
    *VERDICT_EXAMPLES,
    OpenApiExample(
        "Sources disagree: pick the correct claim",
        value={"verdict": "verified", "correct_claims": [30], "note": "The State Department's figure is $45 billion.",
               "evidence_url": "https://state.example/aid-fact-sheet"},
        request_only=True,
    ),
    OpenApiExample(
        "Sources disagree: enter the established value",
        value={"verdict": "verified", "established_value": "45000000000",
               "evidence_url": "https://state.example/aid-fact-sheet"},
        request_only=True,
    ),
]


def verdict_response(request, **target):
    data_in = VerdictInputSerializer(data=request.data)
    data_in.is_valid(raise_exception=True)
    review = review_submit(reviewer=request.user, **data_in.validated_data, **target)
    review = reviews_with_decisions().get(pk=review.pk)
    return Response(ReviewSerializer(review, context={"request": request}).data, status=status.HTTP_201_CREATED)


def trail_response(request, reviews):
    """A claim's or group's verdicts, oldest first: the last deciding one stands."""
    return Response(ReviewSerializer(reviews.order_by("id"), many=True, context={"request": request}).data)


class ReviewableMixin:
    """What the claim and group viewsets share: reviewers post verdicts (under the write
    budget), everyone who reads gets the ClaimReview, whose errors are JSON too."""

    throttle_classes = [ConsumerRateThrottle, SubmitRateThrottle]
    throttle_scope = "submit"

    def get_permissions(self):
        if self.action == "verdicts":
            return [CanSubmitVerdicts()]
        return [CanReadClaims()]

    def handle_exception(self, exc):
        if getattr(self, "action", None) == "claimreview":
            answer_errors_in_json(self.request)
        return super().handle_exception(exc)

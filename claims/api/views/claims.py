"""Claims: the list (rows, or JSON written by PostgreSQL), one claim, its verdicts, its
ClaimReview, and the CSV export."""
from __future__ import annotations

from functools import cache

from django.db import connection
from django.http import StreamingHttpResponse
from django.urls import get_script_prefix
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.generics import get_object_or_404
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from claims.api import claimreview, export, shapes, sqljson
from claims.api.filters import ClaimFilter, FilterBackend
from claims.api.pagination import CursorPagination
from claims.api.renderers import CSVRenderer, FastJSONRenderer, JSONLDRenderer
from claims.api.serializers import JSON_COLUMN, ClaimSerializer, ReviewSerializer, VerdictInputSerializer, fast_path
from claims.api.views.common import (
    SYNC_ORDERING,
    VERDICT_EXAMPLES,
    JsonErrorsMixin,
    ResourceViewSet,
    ReviewableMixin,
    trail_response,
    verdict_response,
)
from claims.models import Claim
from claims.selectors import claimreview_claims, review_trail


@cache
def _claim_rows():
    """The claim list's rows, set up once: resolving 32 columns over five joins took 1 ms of
    every page; a copy of the set-up query takes a twentieth of that."""
    return Claim.objects.values(*shapes.CLAIM.columns())


_claim_json_rows_kept: dict[tuple, object] = {}


def _claim_json_rows(request):
    """The claim list's rows as JSON text written by PostgreSQL (claims.api.sqljson), beside
    the columns a cursor page is cut on (the id, and `value` or `updated_at` when the list
    is ordered by them: reading a timestamp the page does not need cost 5 µs a row). Set up
    once per link base (scheme, host, prefix) and ordering."""
    named = {part.strip().lstrip("-") for part in request.query_params.get("ordering", "").split(",")}
    columns = tuple(sorted(named & {"updated_at", "value"}))
    # The base the links are built on: the request's scheme and host, or SITE_URL.
    key = (request.build_absolute_uri("/"), get_script_prefix(), columns)
    rows = _claim_json_rows_kept.get(key)
    if rows is None:
        if len(_claim_json_rows_kept) >= 32:  # ALLOWED_HOSTS bounds the bases; so does this
            _claim_json_rows_kept.clear()
        rows = _claim_json_rows_kept[key] = Claim.objects.values(
            "id", *columns, **{JSON_COLUMN: ClaimSerializer.json_sql(request)}
        )
    return rows


def _claims_queryset():
    own = [f.name for f in Claim._meta.concrete_fields]
    return Claim.objects.select_related("speaker", "article__outlet", "quote", "group").only(
        *own, *shapes.CLAIM.only_related()
    )


@extend_schema_view(
    list=extend_schema(
        summary="List claims",
        description=(
            "Numeric claims with their speaker, article, outlet, quote and group inline. "
            "`verified=true` gives what reviewers verified. Cursor-paginated: follow `next`. " + SYNC_ORDERING
            + " With `value_min`/`value_max`, `ordering=value` is the fast order."
        ),
        tags=["claims"],
    ),
    retrieve=extend_schema(summary="One claim", description="By id, with its value, unit, sentence, speaker, article, group and review state.", tags=["claims"]),
)
class ClaimViewSet(ReviewableMixin, ResourceViewSet):
    serializer_class = ClaimSerializer
    filterset_class = ClaimFilter
    # `value` (indexed) serves value-range filters: ordered by id, a narrow range scattered
    # over a million claims has to be read whole before the first page can be cut.
    ordering_fields = ["id", "updated_at", "value"]
    ordering = ["id"]
    pagination_class = CursorPagination

    def get_queryset(self):
        if self.action == "list" and fast_path(self.request, self.format_kwarg):
            if sqljson.usable(connection) and FastJSONRenderer.writes_as_is(self.request):
                return _claim_json_rows(self.request).all()
            return _claim_rows().all()
        return _claims_queryset()

    @extend_schema(
        summary="Give a verdict on a claim",
        description="Records a Review that decides the claim's state (superseding any earlier decision). "
        "`verified` and `rejected` need a note or an evidence link. Needs `claims.add_review` (role reviewers).",
        request=VerdictInputSerializer,
        responses={201: ReviewSerializer},
        examples=VERDICT_EXAMPLES,
        tags=["claims"],
    )
    @action(detail=True, methods=["post"], url_path="verdicts", filter_backends=[], pagination_class=None)
    def verdicts(self, request, pk=None):
        claim = get_object_or_404(Claim.objects.only("id"), pk=pk)
        return verdict_response(request, claim=claim.pk)

    @extend_schema(
        summary="The verdicts that decided a claim",
        description="Oldest first, on the claim itself and on its group; `decisions[].current` marks the one "
        "that stands.",
        responses={200: ReviewSerializer(many=True)},
        tags=["reviews"],
    )
    @action(detail=True, methods=["get"], url_path="reviews", filter_backends=[], pagination_class=None)
    def reviews(self, request, pk=None):
        claim = get_object_or_404(Claim.objects.only("id"), pk=pk)
        return trail_response(request, review_trail(claim=claim))

    @extend_schema(
        summary="schema.org ClaimReview of a verified or rejected claim",
        description="JSON-LD (`application/ld+json`); 404 until the claim is verified or rejected (published as "
        "false). Rating scale: see the ClaimReview feed.",
        responses={(200, claimreview.MEDIA_TYPE): OpenApiTypes.OBJECT, (200, "application/json"): OpenApiTypes.OBJECT},
        tags=["claimreview"],
    )
    @action(detail=True, methods=["get"], url_path="claimreview", renderer_classes=[JSONLDRenderer, JSONRenderer],
            filter_backends=[], pagination_class=None)
    def claimreview(self, request, pk=None):
        claim = claimreview_claims().filter(pk=pk).first()
        if claim is None:
            raise NotFound(
                f"claim {pk} has no published ClaimReview: it does not exist or is neither verified nor rejected"
            )
        return Response(claimreview.claim_claimreview(claim, request))


@extend_schema(
    summary="Export claims as CSV",
    description=(
        "The claim list's filters, as a CSV download streamed row by row: no row limit. "
        "Columns: " + ", ".join(export.HEADER) + ". Text cells that a spreadsheet would run as a formula "
        "(starting with = + - @) are prefixed with a single quote."
    ),
    responses={(200, "text/csv"): OpenApiTypes.STR},
    tags=["claims"],
)
class ClaimExportView(JsonErrorsMixin, generics.GenericAPIView):
    filter_backends = [FilterBackend]
    filterset_class = ClaimFilter
    renderer_classes = [CSVRenderer, JSONRenderer]
    pagination_class = None

    def get_queryset(self):
        return Claim.objects.order_by("id")

    def get(self, request, format=None):
        queryset = self.filter_queryset(self.get_queryset())
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        response = StreamingHttpResponse(
            export.batched_lines(export.claim_csv_lines(queryset)), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="claims-{stamp}.csv"'
        return response

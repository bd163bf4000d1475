"""The REST API's views: thin callers of querysets, filters, serializers and services.

Each list's get_queryset() loads every nested relation its serializer shows, so a page
costs the same number of queries whether it holds 1 row or 500 (tests/api assert it).
"""
from __future__ import annotations

from functools import cache

from django.db import connection
from django.db.models import Prefetch, Q
from django.http import JsonResponse, StreamingHttpResponse
from django.urls import get_script_prefix
from django.utils import timezone
from django.views import defaults
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.generics import get_object_or_404
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from claims.api import claimreview, export, shapes, sqljson
from claims.api.cache import PageCacheMixin
from claims.api.filters import (
    ArticleFilter,
    ClaimFilter,
    ClaimReviewFilter,
    FilterBackend,
    GroupFilter,
    QuoteFilter,
    ReviewFilter,
    SpeakerFilter,
    StableOrderingFilter,
)
from claims.api.pagination import CursorPagination, PageNumberPagination
from claims.api.permissions import CanReadClaims, CanSubmitArticles, CanSubmitVerdicts
from claims.api.renderers import CSVRenderer, FastJSONRenderer, JSONLDRenderer
from claims.api.serializers import (
    JSON_COLUMN,
    ArticleDetailSerializer,
    ArticleSerializer,
    ArticleSubmitInputSerializer,
    ArticleSubmitOutputSerializer,
    ClaimSerializer,
    GroupSerializer,
    QuoteSerializer,
    ReviewSerializer,
    SpeakerSerializer,
    VerdictInputSerializer,
    fast_path,
)
from claims.api.throttling import ConsumerRateThrottle, SubmitRateThrottle
from claims.models import Article, Claim, ClaimGroup, Quote, Review, Speaker, SpeakerAlias
from claims.selectors import reviews_with_decisions
from claims.services.ingest import article_ingest, article_submit_url
from claims.services.review import review_submit

_FILTERS = [FilterBackend, StableOrderingFilter]
_SYNC_ORDERING = "Sort order: `id` (default) or `updated_at` for incremental sync; prefix `-` for descending."


def _answer_errors_in_json(request) -> None:
    """Errors of a JSON-LD or CSV endpoint are still the API's JSON error body."""
    request.accepted_renderer = JSONRenderer()
    request.accepted_media_type = JSONRenderer.media_type


class _JsonErrorsMixin:
    def handle_exception(self, exc):
        _answer_errors_in_json(self.request)
        return super().handle_exception(exc)


# --- root ---------------------------------------------------------------------------------


class ApiRootView(APIView):
    """factcheck's API: every list, the ClaimReview feed, the CSV export and the docs."""

    @extend_schema(
        responses=inline_serializer("ApiRoot", {name: serializers.URLField() for name in (
            "articles", "quotes", "claims", "claims_export", "groups", "speakers", "reviews", "claimreviews", "schema",
            "docs",
        )}),
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


# --- articles -----------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="List articles", description="Newest first by default.", tags=["articles"]),
    retrieve=extend_schema(summary="One article, with its clean text", tags=["articles"]),
)
class ArticleViewSet(PageCacheMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    lookup_value_regex = r"[0-9]+"
    filter_backends = _FILTERS
    filterset_class = ArticleFilter
    ordering_fields = ["id", "published_at", "created_at", "updated_at"]
    ordering = ["-id"]
    pagination_class = PageNumberPagination
    throttle_classes = [ConsumerRateThrottle, SubmitRateThrottle]
    throttle_scope = "submit"

    def get_queryset(self):
        queryset = Article.objects.select_related("outlet")
        if self.action == "list":
            queryset = queryset.defer("body", "raw")
        return queryset

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ArticleDetailSerializer
        if self.action == "create":
            return ArticleSubmitInputSerializer
        return ArticleSerializer

    def get_permissions(self):
        if self.action == "create":
            return [CanSubmitArticles()]
        return [CanReadClaims()]

    @extend_schema(
        summary="Submit an article for extraction",
        description=(
            "Give the story as `text` or `html` (with its `outlet`), or only its `url` for the server to fetch: "
            "the article is then `fetching` until a worker has the page (or `failed`, with the reason in `error`). "
            "Answers **202** with the new article, its extraction `status` (pending until a worker has read it) "
            "and a `Location` header; poll the article's `url` for the status. "
            "A story already stored (same clean text, or same URL) is not stored twice: the answer is **200** "
            "with the existing article and `created: false`. Needs the `claims.add_article` permission "
            "(role fact-checkers)."
        ),
        request=ArticleSubmitInputSerializer,
        responses={202: ArticleSubmitOutputSerializer, 200: ArticleSubmitOutputSerializer},
        examples=[
            OpenApiExample(
                "Plain text",
                value={"text": "Council approves $12 million budget\n\nThe council approved a budget of $12 million "
                       "on Tuesday, Mayor Ann Lee said.", "outlet": "Daily Courier",
                       "url": "https://courier.example/budget", "published_at": "2024-03-05T09:00:00Z"},
                request_only=True,
            ),
            OpenApiExample("By URL", value={"url": "https://courier.example/budget"}, request_only=True),
        ],
        tags=["articles"],
    )
    def create(self, request, *args, **kwargs):
        data_in = ArticleSubmitInputSerializer(data=request.data)
        data_in.is_valid(raise_exception=True)
        data = data_in.validated_data
        if data.get("text") or data.get("html"):
            result = article_ingest(
                content=data.get("text") or data["html"],
                outlet_name=data.get("outlet", ""),
                url=data.get("url", ""),
                title=data.get("title", ""),
                published_at=data.get("published_at"),
                source_name="api",
                html=bool(data.get("html")),
            )
        else:
            # Fetched by a worker (claims.fetch_article): a slow site must not hold a web thread.
            result = article_submit_url(url=data["url"], outlet_name=data.get("outlet", ""))
        article = Article.objects.select_related("outlet").get(pk=result.article.pk)  # status as of now
        article.created = result.created
        out = ArticleSubmitOutputSerializer(article, context=self.get_serializer_context())
        location = reverse("api:article-detail", kwargs={"pk": article.pk}, request=request)
        code = status.HTTP_202_ACCEPTED if result.created else status.HTTP_200_OK
        return Response(out.data, status=code, headers={"Location": location})


# --- quotes -------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="List quotes",
        description="Cursor-paginated: follow `next`. " + _SYNC_ORDERING,
        tags=["quotes"],
    ),
    retrieve=extend_schema(summary="One quote", tags=["quotes"]),
)
class QuoteViewSet(PageCacheMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = r"[0-9]+"
    serializer_class = QuoteSerializer
    filter_backends = _FILTERS
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


# --- claims -------------------------------------------------------------------------------


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


_VERDICT_EXAMPLES = [
    OpenApiExample(
        "Verified with evidence",
        value={"verdict": "verified", "note": "Matches the council minutes.", "evidence_url": "https://council.example/minutes"},
        request_only=True,
    ),
]
_GROUP_VERDICT_EXAMPLES = [
    *_VERDICT_EXAMPLES,
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


def _verdict(request, **target):
    data_in = VerdictInputSerializer(data=request.data)
    data_in.is_valid(raise_exception=True)
    review = review_submit(reviewer=request.user, **data_in.validated_data, **target)
    review = reviews_with_decisions().get(pk=review.pk)
    return Response(ReviewSerializer(review, context={"request": request}).data, status=status.HTTP_201_CREATED)


def _trail(request, reviews):
    """A claim's or group's verdicts, oldest first: the last deciding one stands."""
    return Response(ReviewSerializer(reviews.order_by("id"), many=True, context={"request": request}).data)


class _ReviewableMixin:
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
            _answer_errors_in_json(self.request)
        return super().handle_exception(exc)


@extend_schema_view(
    list=extend_schema(
        summary="List claims",
        description=(
            "Numeric claims with their speaker, article, outlet, quote and group inline. "
            "`verified=true` gives what reviewers verified. Cursor-paginated: follow `next`. " + _SYNC_ORDERING
            + " With `value_min`/`value_max`, `ordering=value` is the fast order."
        ),
        tags=["claims"],
    ),
    retrieve=extend_schema(summary="One claim", tags=["claims"]),
)
class ClaimViewSet(_ReviewableMixin, PageCacheMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = r"[0-9]+"
    serializer_class = ClaimSerializer
    filter_backends = _FILTERS
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
        examples=_VERDICT_EXAMPLES,
        tags=["claims"],
    )
    @action(detail=True, methods=["post"], url_path="verdicts", filter_backends=[], pagination_class=None)
    def verdicts(self, request, pk=None):
        claim = get_object_or_404(Claim.objects.only("id"), pk=pk)
        return _verdict(request, claim=claim.pk)

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
        deciding = Review.objects.filter(Q(claim=claim.pk) | Q(decisions__claim=claim.pk)).values("id")
        return _trail(request, reviews_with_decisions().filter(pk__in=deciding))

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
        claim = claimreview.claimreview_claims().filter(pk=pk).first()
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
class ClaimExportView(_JsonErrorsMixin, generics.GenericAPIView):
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


# --- groups -------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="List claim groups",
        description="The same fact across sources: the matcher's suggested state, the reviewers' verdict and every "
        "source's claim inline. Most recently changed first by default.",
        tags=["groups"],
    ),
    retrieve=extend_schema(summary="One claim group", tags=["groups"]),
)
class GroupViewSet(_ReviewableMixin, PageCacheMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = r"[0-9]+"
    serializer_class = GroupSerializer
    filter_backends = _FILTERS
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
        examples=_GROUP_VERDICT_EXAMPLES,
        tags=["groups"],
    )
    @action(detail=True, methods=["post"], url_path="verdicts", filter_backends=[], pagination_class=None)
    def verdicts(self, request, pk=None):
        group = get_object_or_404(ClaimGroup.objects.only("id"), pk=pk)
        return _verdict(request, group=group.pk)

    @extend_schema(
        summary="The verdicts given on a group",
        description="Oldest first; each with what it decided for every member claim.",
        responses={200: ReviewSerializer(many=True)},
        tags=["reviews"],
    )
    @action(detail=True, methods=["get"], url_path="reviews", filter_backends=[], pagination_class=None)
    def reviews(self, request, pk=None):
        group = get_object_or_404(ClaimGroup.objects.only("id"), pk=pk)
        return _trail(request, reviews_with_decisions().filter(group=group.pk))

    @extend_schema(
        summary="schema.org ClaimReviews of a group's published claims",
        description="JSON-LD (`application/ld+json`): a list with one ClaimReview per member claim that is verified "
        "or rejected, each credited to the source that stated it. 404 while there is none.",
        responses={(200, claimreview.MEDIA_TYPE): OpenApiTypes.OBJECT, (200, "application/json"): OpenApiTypes.OBJECT},
        tags=["claimreview"],
    )
    @action(detail=True, methods=["get"], url_path="claimreview", renderer_classes=[JSONLDRenderer, JSONRenderer],
            filter_backends=[], pagination_class=None)
    def claimreview(self, request, pk=None):
        claims = claimreview.claimreview_claims().filter(group_id=pk).order_by("id")
        nodes = [claimreview.claim_claimreview(claim, request) for claim in claims]
        if not nodes:
            raise NotFound(f"group {pk} has no published ClaimReview: it does not exist or no member is verified or rejected")
        return Response(nodes)


# --- speakers -----------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="List speakers", description="Alphabetical by default.", tags=["speakers"]),
    retrieve=extend_schema(summary="One speaker", tags=["speakers"]),
)
class SpeakerViewSet(PageCacheMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = r"[0-9]+"
    serializer_class = SpeakerSerializer
    filter_backends = _FILTERS
    filterset_class = SpeakerFilter
    ordering_fields = ["id", "name", "updated_at"]
    ordering = ["name"]
    pagination_class = PageNumberPagination

    def get_queryset(self):
        return Speaker.objects.prefetch_related(Prefetch("aliases", queryset=SpeakerAlias.objects.order_by("text")))


# --- the ClaimReview feed -----------------------------------------------------------------

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
class ClaimReviewFeedView(_JsonErrorsMixin, generics.GenericAPIView):
    renderer_classes = [JSONLDRenderer, JSONRenderer]
    filter_backends = [FilterBackend]
    filterset_class = ClaimReviewFilter
    pagination_class = PageNumberPagination

    def get_queryset(self):
        return Claim.objects.published().order_by("-updated_at", "-id").values_list("id", flat=True)

    def get(self, request, format=None):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        claims = claimreview.claimreview_claims().in_bulk(list(page)) if page else {}
        results = [claimreview.claim_claimreview(claims[pk], request) for pk in page if pk in claims]
        return self.get_paginated_response(results)


# --- reviews ------------------------------------------------------------------------------


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
    retrieve=extend_schema(summary="One verdict", tags=["reviews"]),
)
class ReviewViewSet(PageCacheMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = r"[0-9]+"
    serializer_class = ReviewSerializer
    filter_backends = _FILTERS
    filterset_class = ReviewFilter
    ordering_fields = ["id", "created_at"]
    ordering = ["id"]
    pagination_class = CursorPagination

    def get_queryset(self):
        return reviews_with_decisions()


# --- errors outside the API's views (project-level handlers, see factcheck/urls.py) ---------


def not_found(request, exception=None):
    """handler404: an unknown address under /api/ is answered in the API's JSON error shape."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": f"no API endpoint at {request.path}; see /api/", "code": "not_found"}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """handler500: a failure outside a DRF view (a middleware) under /api/ is still JSON."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "internal server error", "code": "server_error"}, status=500)
    return defaults.server_error(request)


# --- the API's docs -------------------------------------------------------------------------

# Everything the docs pages use is served from here (drf-spectacular-sidecar). Swagger UI's
# set-up script is served from this address too (the split view), so it runs under the
# site's policy of 'self' only (factcheck.middleware). Redoc's settings are an inline script
# and its search runs in a blob: worker, so Redoc's page has this policy of its own: still
# nothing from another host (Redocly's logo, which Redoc always asks its CDN for, is refused
# and hides itself), but its own inline script and styles run.
REDOC_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class RedocView(SpectacularRedocView):
    """Redoc, loading nothing from other hosts (see templates/drf_spectacular/redoc.html)."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Security-Policy"] = REDOC_CONTENT_SECURITY_POLICY
        return response


class SwaggerView(SpectacularSwaggerSplitView):
    """Swagger UI, loading nothing from other hosts (no online validator: SPECTACULAR_SETTINGS)."""

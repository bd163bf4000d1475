"""Articles: listed, read in full, and submitted for extraction."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.response import Response
from rest_framework.reverse import reverse

from claims.api.filters import ArticleFilter
from claims.api.pagination import PageNumberPagination
from claims.api.permissions import CanReadClaims, CanSubmitArticles
from claims.api.serializers import (
    ArticleDetailSerializer,
    ArticleSerializer,
    ArticleSubmitInputSerializer,
    ArticleSubmitOutputSerializer,
)
from claims.api.throttling import ConsumerRateThrottle, SubmitRateThrottle
from claims.api.views.common import ResourceViewSet
from claims.models import Article
from claims.services.ingest import article_ingest, article_submit_url


@extend_schema_view(
    list=extend_schema(summary="List articles", description="Newest first by default.", tags=["articles"]),
    retrieve=extend_schema(summary="One article, with its clean text", description="By id; 404 when no article has it.", tags=["articles"]),
)
class ArticleViewSet(mixins.CreateModelMixin, ResourceViewSet):
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

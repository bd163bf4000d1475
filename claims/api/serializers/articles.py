"""An article as listed and in full, and an article submitted for extraction (input and output)."""
from __future__ import annotations

from django.core.validators import URLValidator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from claims.api.serializers.base import LinkField, OutletSerializer
from claims.models import Article


class ArticleSerializer(serializers.ModelSerializer):
    url = LinkField(view_name="api:article-detail")
    source_url = serializers.CharField(source="url", read_only=True, help_text="Where the story was published, when known.")
    outlet = OutletSerializer(allow_null=True, read_only=True)
    status = serializers.ChoiceField(
        choices=Article.Status.choices, read_only=True,
        help_text="fetching (a submitted URL not fetched yet), pending (extraction queued), extracting, extracted "
        "or failed (see `error`).",
    )
    quotes = serializers.SerializerMethodField(help_text="This article's quotes.")
    claims = serializers.SerializerMethodField(help_text="This article's claims.")

    class Meta:
        model = Article
        fields = [
            "id", "url", "title", "source_url", "outlet", "author", "published_at", "status", "error",
            "extractor_version", "extracted_at", "quotes", "claims", "created_at", "updated_at",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_quotes(self, article: Article) -> str:
        return reverse("api:quote-list", request=self.context.get("request")) + f"?article={article.pk}"

    @extend_schema_field(OpenApiTypes.URI)
    def get_claims(self, article: Article) -> str:
        return reverse("api:claim-list", request=self.context.get("request")) + f"?article={article.pk}"


class ArticleDetailSerializer(ArticleSerializer):
    body = serializers.CharField(read_only=True, help_text="The clean story text; quote and claim offsets point into it.")

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "body"]


class ArticleSubmitInputSerializer(serializers.Serializer):
    """One story: its text or HTML, or only its URL for the server to fetch."""

    text = serializers.CharField(required=False, trim_whitespace=False, help_text="The story as plain text.")
    html = serializers.CharField(required=False, trim_whitespace=False, help_text="The story as an HTML page.")
    url = serializers.URLField(
        required=False, max_length=2000, validators=[URLValidator(schemes=["http", "https"])],
        help_text="Where the story was published. Alone (no text or html), the server fetches it.",
    )
    outlet = serializers.CharField(
        required=False, max_length=200, help_text="The outlet's name, e.g. 'Reuters'. Defaults to the URL's host."
    )
    title = serializers.CharField(required=False, max_length=500, help_text="Defaults to the title found in the story.")
    published_at = serializers.DateTimeField(required=False, help_text="Defaults to the date found in the story.")

    def validate(self, attrs):
        given = [name for name in ("text", "html") if attrs.get(name)]
        if len(given) > 1:
            raise serializers.ValidationError("give the story as text or as html, not both")
        if not given and not attrs.get("url"):
            raise serializers.ValidationError("give the story as text or html, or its url to fetch")
        if not attrs.get("outlet") and not attrs.get("url"):
            raise serializers.ValidationError({"outlet": ["name the outlet (or give the story's url)"]})
        return attrs


class ArticleSubmitOutputSerializer(ArticleSerializer):
    created = serializers.BooleanField(
        read_only=True, help_text="False when the same story (or URL) was already stored: this is that article."
    )

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "created"]

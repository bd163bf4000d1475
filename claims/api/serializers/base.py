"""What the serializers share: links built without a reverse per row, decimals as plain
digits, the fast path answered from a resource's shape (claims.api.shapes), and the brief
nested shapes (outlet, article, speaker, group, quote)."""
from __future__ import annotations

import orjson
from django.conf import settings
from rest_framework import serializers

from claims.api import shapes
from claims.api.values import decimal_or_null, link
from claims.models import Article, ClaimGroup, Outlet, Quote, Speaker

# --- links --------------------------------------------------------------------------------


class LinkField(serializers.HyperlinkedIdentityField):
    """A row's API link, as HyperlinkedIdentityField gives it, built without a URL reverse
    per row: a page of 50 claims carries some 250 links, and reversing each one was a
    quarter of the page's time. The link for one id is reversed once per request and view
    name; every other row's link is that text with its own id put in."""

    def get_url(self, obj, view_name, request, format):
        if obj.pk is None:
            return None
        if request is None or format:
            return super().get_url(obj, view_name, request, format)
        return link(request, view_name, obj.pk)


class RelatedLinkField(serializers.HyperlinkedRelatedField):
    """LinkField for a foreign key: the related row's link from its id alone."""

    def use_pk_only_optimization(self):
        return True

    get_url = LinkField.get_url


class DecimalTextField(serializers.DecimalField):
    """A decimal as a string of its digits, without the column's padding ("45000000000",
    "4.5"): the same text in every JSON answer and in the CSV."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 28)
        kwargs.setdefault("decimal_places", 6)
        super().__init__(coerce_to_string=True, **kwargs)

    def to_representation(self, value):
        return decimal_or_null(value)


def review_link(request, review_id) -> str | None:
    return None if review_id is None else link(request, "api:review-detail", review_id)


# --- the fast path for the long lists ------------------------------------------------------
# DRF's generic field-by-field serialization cost ~20 ms of CPU for a page of 50 claims
# with their nested speaker, article, outlet, quote and group; a consumer syncing a large
# list pays that on every page. The serializers below keep their declared fields (the
# schema and the browsable API use them) and build the same dicts from their shape
# (claims.api.shapes); tests/api/test_representation.py checks that both paths give
# identical output. FACTCHECK_API_FAST_PATHS=false turns every fast path off.


def fast_path(request, format_suffix) -> bool:
    """Whether the shape's Python and SQL paths serve this request: they build links from
    the request, and do not add format suffixes (`/api/claims.json`) to them."""
    return (
        settings.FACTCHECK_API_FAST_PATHS and request is not None and not getattr(request, "version", None)
        and not format_suffix
    )


# A row whose JSON the database wrote (Shape.json_sql) carries it under this name.
JSON_COLUMN = "as_json"

# The DRF field for a shape's value that the model's own field would show differently
# (a decimal, padded) or that has no model field of its name (a renamed column).
_DRF_FIELDS = {
    shapes.INTEGER: serializers.IntegerField, shapes.FLOAT: serializers.FloatField,
    shapes.STRING: serializers.CharField, shapes.DECIMAL: DecimalTextField, shapes.DATE: serializers.DateField,
    shapes.INSTANT: serializers.DateTimeField,
}


class ShapedSerializer(serializers.ModelSerializer):
    """Use `represent()` when there is a request to build links from; else DRF's own path."""

    # (That docstring is the OpenAPI description of the serializers without their own.)
    # A ModelSerializer whose output is `shape` (claims.api.shapes): Meta.fields are its
    # names, represent() builds the same dict from the shape, and rows (dicts) are always
    # answered from it.

    shape: shapes.Shape

    def to_representation(self, instance):
        request = self.context.get("request")
        if isinstance(instance, dict):  # a row: see Shape.columns() and JSON_COLUMN
            if JSON_COLUMN in instance:
                return orjson.Fragment(instance[JSON_COLUMN])
            return self.shape.represent_row(request, instance)
        if not fast_path(request, self.context.get("format")):
            return super().to_representation(instance)
        return self.represent(request, instance)

    def represent(self, request, instance) -> dict:
        return self.shape.represent_instance(request, instance)

    def generic_representation(self, instance):
        """DRF's field-by-field output, which represent() must equal."""
        return super().to_representation(instance)

    def build_field(self, field_name, info, model_class, nested_depth):
        field = self.shape.get(field_name)
        if isinstance(field, shapes.Value) and (field.type is shapes.DECIMAL or field.column != field_name):
            kwargs = {"read_only": True, "allow_null": field.nullable}
            if field.column != field_name:
                kwargs["source"] = field.column
            return _DRF_FIELDS[field.type], kwargs
        return super().build_field(field_name, info, model_class, nested_depth)


# --- small nested shapes ------------------------------------------------------------------


class OutletSerializer(serializers.ModelSerializer):
    class Meta:
        model = Outlet
        fields = shapes.OUTLET.names


class ArticleBriefSerializer(serializers.ModelSerializer):
    url = LinkField(view_name="api:article-detail")
    source_url = serializers.CharField(source="url", help_text="Where the story was published, when known.")
    outlet = OutletSerializer(allow_null=True)

    class Meta:
        model = Article
        fields = shapes.ARTICLE_BRIEF.names


class SpeakerBriefSerializer(serializers.ModelSerializer):
    url = LinkField(view_name="api:speaker-detail")

    class Meta:
        model = Speaker
        fields = shapes.SPEAKER_BRIEF.names


class GroupBriefSerializer(serializers.ModelSerializer):
    url = LinkField(view_name="api:group-detail")

    class Meta:
        model = ClaimGroup
        fields = shapes.GROUP_BRIEF.names


class QuoteBriefSerializer(serializers.ModelSerializer):
    url = LinkField(view_name="api:quote-detail")

    class Meta:
        model = Quote
        fields = shapes.QUOTE_BRIEF.names

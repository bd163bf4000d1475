"""What the API shows and accepts.

Output serializers nest what a consumer would otherwise fetch row by row (a claim's
speaker, article, outlet and group state); the views' querysets load those relations in a
fixed number of queries per page. Workflow actions (submitting an article, giving a
verdict) have explicit Input and Output serializers: the input is checked here, the work
is done by a service.
"""
from __future__ import annotations

import orjson
from django.conf import settings
from django.core.validators import URLValidator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from claims.api import shapes
from claims.api.shapes import decimal_or_null, link, link_template  # noqa: F401 (link_template: for the views)
from claims.models import (
    Article,
    Claim,
    ClaimGroup,
    Outlet,
    Quote,
    Review,
    ReviewDecision,
    ReviewStatus,
    Speaker,
)
from claims.services.review import VERDICTS

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


def _review_link(request, review_id) -> str | None:
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


# --- claims -------------------------------------------------------------------------------


class ClaimSerializer(ShapedSerializer):
    shape = shapes.CLAIM
    url = LinkField(view_name="api:claim-detail")
    value = DecimalTextField(
        allow_null=True, read_only=True,
        help_text="The normalised number (money in units of `unit`, percent as 0-100), as a decimal string "
        "without padding (\"45000000000\", \"4.5\").",
    )
    review_status = serializers.ChoiceField(
        choices=ReviewStatus.choices, read_only=True,
        help_text="The claim's state: what the latest verdict deciding it (on the claim itself, or on its group "
        "for each member) decided. `verified` and `rejected` are published (ClaimReview).",
    )
    verified = serializers.SerializerMethodField(help_text="review_status is `verified`.")
    decided_by = serializers.SerializerMethodField(
        help_text="The review whose decision review_status is (null while unreviewed)."
    )
    speaker = SpeakerBriefSerializer(allow_null=True, read_only=True, help_text="Who made the claim, when known.")
    article = ArticleBriefSerializer(read_only=True)
    quote = QuoteBriefSerializer(allow_null=True, read_only=True)
    group = GroupBriefSerializer(allow_null=True, read_only=True, help_text="The same fact in other sources.")
    claimreview = serializers.SerializerMethodField(
        help_text="schema.org ClaimReview of this claim, once verified or rejected (published as false)."
    )
    reviews = serializers.SerializerMethodField(help_text="Every verdict that decided this claim: the trail.")

    class Meta:
        model = Claim
        fields = shapes.CLAIM.names

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_verified(self, claim: Claim) -> bool:
        return claim.is_verified

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_decided_by(self, claim: Claim) -> str | None:
        return _review_link(self.context.get("request"), claim.decided_by_id)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_claimreview(self, claim: Claim) -> str | None:
        if not claim.is_published:
            return None
        return link(self.context.get("request"), "api:claim-claimreview", claim.pk)

    @extend_schema_field(OpenApiTypes.URI)
    def get_reviews(self, claim: Claim) -> str:
        return link(self.context.get("request"), "api:claim-reviews", claim.pk)

    @classmethod
    def json_sql(cls, request):
        """The shape's JSON as an SQL expression giving its text (claims.api.sqljson)."""
        return cls.shape.json_sql(request)


class GroupClaimSerializer(ShapedSerializer):
    """A claim as listed inside its group: what each source said, and who."""

    shape = shapes.GROUP_CLAIM
    url = LinkField(view_name="api:claim-detail")
    value = DecimalTextField(allow_null=True, read_only=True)
    date_value = serializers.DateField(allow_null=True, read_only=True)
    review_status = serializers.ChoiceField(
        choices=ReviewStatus.choices, read_only=True, help_text="The claim's state, as the claim list shows it."
    )
    verified = serializers.SerializerMethodField(help_text="review_status is `verified`.")
    decided_by = serializers.SerializerMethodField(help_text="The review whose decision review_status is.")
    speaker = SpeakerBriefSerializer(allow_null=True, read_only=True)
    article = ArticleBriefSerializer(read_only=True)

    class Meta:
        model = Claim
        fields = shapes.GROUP_CLAIM.names

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_verified(self, claim: Claim) -> bool:
        return claim.is_verified

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_decided_by(self, claim: Claim) -> str | None:
        return _review_link(self.context.get("request"), claim.decided_by_id)


# --- groups -------------------------------------------------------------------------------


class GroupSerializer(ShapedSerializer):
    shape = shapes.GROUP
    url = LinkField(view_name="api:group-detail")
    claims = GroupClaimSerializer(many=True, read_only=True, help_text="Every source's claim of this fact.")
    claimreview = serializers.SerializerMethodField(
        help_text="The ClaimReviews of this group's published claims (verified or rejected), once there is one."
    )
    reviews = serializers.SerializerMethodField(help_text="Every verdict given on this group: the trail.")

    class Meta:
        model = ClaimGroup
        fields = shapes.GROUP.names

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_claimreview(self, group: ClaimGroup) -> str | None:
        return shapes.group_claimreview(self.context.get("request"), group)

    @extend_schema_field(OpenApiTypes.URI)
    def get_reviews(self, group: ClaimGroup) -> str:
        return link(self.context.get("request"), "api:group-reviews", group.pk)


# --- quotes -------------------------------------------------------------------------------


class QuoteSerializer(ShapedSerializer):
    shape = shapes.QUOTE
    url = LinkField(view_name="api:quote-detail")
    speaker = SpeakerBriefSerializer(allow_null=True, read_only=True)
    article = ArticleBriefSerializer(read_only=True)
    group = GroupBriefSerializer(allow_null=True, read_only=True)
    claims = serializers.PrimaryKeyRelatedField(many=True, read_only=True, help_text="Ids of the claims this quote carries.")

    class Meta:
        model = Quote
        fields = shapes.QUOTE.names


# --- speakers -----------------------------------------------------------------------------


class SpeakerSerializer(serializers.ModelSerializer):
    url = LinkField(view_name="api:speaker-detail")
    roles = serializers.ListField(child=serializers.CharField(), read_only=True, help_text="Titles and roles seen.")
    aliases = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="text", help_text="How articles referred to this speaker."
    )
    quotes = serializers.SerializerMethodField(help_text="This speaker's quotes.")
    claims = serializers.SerializerMethodField(help_text="This speaker's claims.")

    class Meta:
        model = Speaker
        fields = ["id", "url", "name", "kind", "roles", "aliases", "quotes", "claims", "created_at", "updated_at"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_quotes(self, speaker: Speaker) -> str:
        return reverse("api:quote-list", request=self.context.get("request")) + f"?speaker={speaker.pk}"

    @extend_schema_field(OpenApiTypes.URI)
    def get_claims(self, speaker: Speaker) -> str:
        return reverse("api:claim-list", request=self.context.get("request")) + f"?speaker={speaker.pk}"


# --- articles -----------------------------------------------------------------------------


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


# --- verdicts -----------------------------------------------------------------------------


class VerdictInputSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(
        choices=[(v.value, v.label) for v in VERDICTS],
        error_messages={
            "invalid_choice": "unknown verdict \"{input}\": choose one of " + ", ".join(v.value for v in VERDICTS),
        },
        help_text="verified: checked and true; rejected: checked and false (both are published, so they need a "
        "note or an evidence link); consistent / conflicting: the sources agree / disagree, without an "
        "independent check. On a group it decides every member claim.",
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", help_text="Why, for the record.")
    evidence_url = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000, help_text="An http(s) link to the evidence."
    )
    correct_claims = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, default=list,
        help_text="Groups only, with `verified`: the ids of the member claims that are right. Members agreeing with "
        "them are verified, the others rejected. Required (or `established_value`) when the sources disagree.",
    )
    established_value = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=60,
        help_text="Groups only, with `verified`: the value the evidence establishes, in the group's unit "
        "(45000000000) or as YYYY-MM-DD for a date. Members stating it are verified, the others rejected.",
    )


class DecisionSerializer(serializers.ModelSerializer):
    claim_id = serializers.IntegerField(read_only=True, allow_null=True, help_text="null once the claim is gone.")
    claim = RelatedLinkField(view_name="api:claim-detail", read_only=True, allow_null=True)
    current = serializers.SerializerMethodField(help_text="This decision is the claim's state now (not superseded).")

    class Meta:
        model = ReviewDecision
        fields = ["claim_id", "claim", "claim_text", "status", "basis", "current"]

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_current(self, decision: ReviewDecision) -> bool:
        return decision.claim_id is not None and decision.claim.decided_by_id == decision.review_id


class ReviewSerializer(serializers.ModelSerializer):
    """A verdict: who, when, why (note, evidence), on what, and what it decided for each claim."""

    url = LinkField(view_name="api:review-detail")
    reviewer = serializers.CharField(source="reviewer.get_username", read_only=True)
    on = serializers.ChoiceField(
        choices=["claim", "group", "quote"], source="target", read_only=True, help_text="What the verdict was given on."
    )
    claim = RelatedLinkField(view_name="api:claim-detail", read_only=True, allow_null=True)
    group = RelatedLinkField(view_name="api:group-detail", read_only=True, allow_null=True)
    quote = RelatedLinkField(view_name="api:quote-detail", read_only=True, allow_null=True)
    target_text = serializers.CharField(read_only=True, help_text="What was judged, as it read then.")
    established_value = DecimalTextField(
        allow_null=True, read_only=True, help_text="The value the reviewer established for a group, if entered."
    )
    current = serializers.SerializerMethodField(
        help_text="Some of its decisions still stand (or, deciding no claim, no later verdict on the same target)."
    )
    decisions = DecisionSerializer(many=True, read_only=True, help_text="What it decided for each claim.")

    class Meta:
        model = Review
        fields = ["id", "url", "verdict", "note", "evidence_url", "reviewer", "created_at", "on", "claim", "group",
                  "quote", "target_text", "established_value", "established_date", "current", "decisions"]

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_current(self, review: Review) -> bool:
        decisions = list(review.decisions.all())
        if decisions:
            return any(d.claim_id is not None and d.claim.decided_by_id == review.id for d in decisions)
        return not getattr(review, "superseded", False)

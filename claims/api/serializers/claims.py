"""A claim: its value, state and where it was said, with speaker, article, quote and group inline."""
from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.api import shapes
from claims.api.serializers.base import (
    ArticleBriefSerializer,
    DecimalTextField,
    GroupBriefSerializer,
    LinkField,
    QuoteBriefSerializer,
    ShapedSerializer,
    SpeakerBriefSerializer,
    review_link,
)
from claims.api.values import link
from claims.models import Claim, ReviewStatus


class ClaimStateMethods:
    """A claim's `verified` and `decided_by`, wherever a claim is shown (its own list, its group)."""

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_verified(self, claim: Claim) -> bool:
        return claim.is_verified

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_decided_by(self, claim: Claim) -> str | None:
        return review_link(self.context.get("request"), claim.decided_by_id)


class ClaimSerializer(ClaimStateMethods, ShapedSerializer):
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

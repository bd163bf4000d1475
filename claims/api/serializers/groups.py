"""A claim group (the same fact across sources), with every source's claim inline."""
from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.api import shapes
from claims.api.serializers.base import (
    ArticleBriefSerializer,
    DecimalTextField,
    LinkField,
    ShapedSerializer,
    SpeakerBriefSerializer,
)
from claims.api.serializers.claims import ClaimStateMethods
from claims.api.values import link
from claims.models import Claim, ClaimGroup, ReviewStatus


class GroupClaimSerializer(ClaimStateMethods, ShapedSerializer):
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

"""A verdict given (input), and a review with what it decided for each claim (output)."""
from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.api.serializers.base import DecimalTextField, LinkField, RelatedLinkField
from claims.models import Review, ReviewDecision
from claims.services.review import VERDICTS


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

"""A quote, with its speaker, article and group inline and its claims' ids."""
from __future__ import annotations

from rest_framework import serializers

from claims.api import shapes
from claims.api.serializers.base import (
    ArticleBriefSerializer,
    GroupBriefSerializer,
    LinkField,
    ShapedSerializer,
    SpeakerBriefSerializer,
)
from claims.models import Quote


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

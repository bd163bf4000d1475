"""A speaker, with the names articles used and links to their quotes and claims."""
from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from claims.api.serializers.base import LinkField
from claims.models import Speaker


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

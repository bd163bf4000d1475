"""Media types beyond JSON: JSON-LD for ClaimReview, CSV for the claim export."""
from __future__ import annotations

from rest_framework.renderers import BaseRenderer, JSONRenderer


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


class CSVRenderer(BaseRenderer):
    """Declares text/csv for content negotiation and the schema; the export view streams
    its rows itself (claims.api.export), so this renders nothing but an empty body."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return b""

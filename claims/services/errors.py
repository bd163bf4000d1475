"""The domain errors services raise (the API maps them to HTTP in claims.api.exceptions)."""
from __future__ import annotations

from django.core.exceptions import ValidationError


class IngestError(ValidationError):
    """The input cannot become an article. The message says why, for a person to read."""

"""How the API writes a value in JSON, the same in every serializer and fast path: the
links to rows (reversed once per request), instants as DRF shows them, decimals as their
plain digits."""
from __future__ import annotations

import datetime

from django.utils import timezone
from rest_framework.reverse import reverse

from claims.api.export import decimal_text

PK_SLOT = "9081726354"


def link_template(request, view_name: str) -> str:
    """The absolute API link under `view_name` with PK_SLOT for the id, reversed once per request."""
    templates = request.__dict__.setdefault("_link_templates", {})
    template = templates.get(view_name)
    if template is None:
        template = templates[view_name] = reverse(view_name, kwargs={"pk": PK_SLOT}, request=request)
    return template


def link(request, view_name: str, pk: int) -> str:
    """The absolute API link of row `pk` under `view_name`."""
    return link_template(request, view_name).replace(PK_SLOT, str(pk), 1)


def instant_text(request, value: datetime.datetime | None) -> str | None:
    """An instant as DRF's DateTimeField shows it."""
    if value is None:
        return None
    # DRF shows instants in the current time zone; look it up once per request, not per value.
    zone = request.__dict__.get("_time_zone")
    if zone is None:
        zone = request.__dict__["_time_zone"] = timezone.get_current_timezone()
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def decimal_or_null(value) -> str | None:
    return None if value is None else decimal_text(value)


def day_or_null(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None

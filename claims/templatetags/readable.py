"""{% load readable %}: claims' values and dates as people read them (claims.readable), with
the stored value on hover."""
from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from claims.readable import claim_exact_text, claim_value_text, date_text

register = template.Library()


@register.filter
def reads_as(claim) -> SafeString:
    """The claim's value as a reader says it, its stored value in the title (hover)."""
    readable = claim_value_text(claim)
    if not readable:
        return format_html('<span class="fc-unresolved" title="{}">{} (no date)</span>', claim_exact_text(claim), claim.text)
    return format_html('<span class="fc-value-text" title="stored: {}">{}</span>', claim_exact_text(claim), readable)


@register.filter
def day(value: datetime | date | None, unknown: str = "date unknown") -> str:
    """24 February 2022 (in the site's time zone), or the words for an unknown date."""
    if value is None:
        return unknown
    if isinstance(value, datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return date_text(value)


@register.filter
def date_note(claim, published: datetime | None) -> str:
    """For a date the story gives without its year: what it was counted from (or why not)."""
    from claims.readable import date_resolution_note

    if published is not None and isinstance(published, datetime):
        published = timezone.localdate(published) if timezone.is_aware(published) else published.date()
    return date_resolution_note(claim, published)

"""Reviews are a record: shown, never edited or deleted here."""
from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from claims.admin.base import HistoryAdmin
from claims.admin.desk import DeskListMixin, ReadableHistoryMixin, ReviewerFilter
from claims.models import Review


@admin.register(Review)
class ReviewAdmin(DeskListMixin, ReadableHistoryMixin, HistoryAdmin):
    """Reviews are a record: shown, never edited or deleted here."""

    list_display = ["created_at", "verdict", "reviewer", "target", "note_start", "evidence"]
    list_filter = ["verdict", ReviewerFilter]
    list_select_related = ["reviewer", "claim", "quote", "group"]
    search_fields = ["note", "target_text", "reviewer__username"]
    date_hierarchy = "created_at"
    fields = ["reviewer", "verdict", "note", "evidence_url", "claim", "quote", "group", "target_fingerprint",
              "target_text", "established_value", "established_date", "decided", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="on")
    def target(self, obj):
        for name, model_name in (("claim", "claim"), ("quote", "quote"), ("group", "claimgroup")):
            target = getattr(obj, name)
            if target is not None:
                url = reverse(f"admin:claims_{model_name}_change", args=[target.pk])
                return format_html('{} <a href="{}">{}</a>', name, url, str(target)[:80])
        return f"(gone) {obj.target_text[:80]}"

    @admin.display(description="decided for each claim")
    def decided(self, obj):
        rows = [
            (d.status, reverse("admin:claims_claim_change", args=[d.claim_id]) if d.claim_id else "", d.claim_text,
             "" if d.claim_id and d.claim.decided_by_id == obj.pk else " (superseded or gone)")
            for d in obj.decisions.select_related("claim").order_by("id")
        ]
        if not rows:
            return "-"
        return format_html_join(
            format_html("<br>"), '<span class="fc-badge fc-state-{0}">{0}</span> <a href="{1}">{2}</a>{3}', rows
        )

    @admin.display(description="note")
    def note_start(self, obj):
        return obj.note[:80]

    @admin.display(description="evidence")
    def evidence(self, obj):
        if not obj.evidence_url:
            return "-"
        return format_html('<a href="{}" rel="noopener noreferrer" target="_blank">link</a>', obj.evidence_url)

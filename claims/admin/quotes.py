"""Quotes: fixes kept in history and matched again, bulk verdicts."""
from __future__ import annotations

from django.contrib import admin

from claims.admin import views as admin_views
from claims.admin.base import ExtractedRowAdmin
from claims.extraction.types import LOW_CONFIDENCE
from claims.models import Quote


class QuoteConfidenceFilter(admin.SimpleListFilter):
    """Quotes extraction was unsure of (no speaker, a speaker inferred from an unclear
    pronoun, an unclosed quotation): the ones a reviewer should check first."""

    title = "confidence"
    parameter_name = "confidence"

    def lookups(self, request, model_admin):
        return [("low", f"low (below {LOW_CONFIDENCE:g}): check"), ("ok", "ok")]

    def queryset(self, request, queryset):
        if self.value() == "low":
            return queryset.filter(confidence__lt=LOW_CONFIDENCE)
        if self.value() == "ok":
            return queryset.filter(confidence__gte=LOW_CONFIDENCE)
        return queryset


@admin.register(Quote)
class QuoteAdmin(ExtractedRowAdmin):
    review_target = "quotes"
    verdict_target = "quote"
    list_display = ["short_text", "speaker", "kind", "confidence_mark", "outlet", "group_state", "article"]
    list_filter = ["kind", QuoteConfidenceFilter, "group__suggested_state"]
    list_select_related = ["speaker", "article__outlet", "group"]
    raw_id_fields = ["speaker"]
    search_fields = ["text", "speaker__name", "speaker_mention"]
    fields = ["article", "text", "kind", "speaker", "speaker_mention", "cue", "confidence", "group", "start", "end",
              "fingerprint"]
    readonly_fields = ["article", "text", "speaker_mention", "cue", "confidence", "group", "start", "end", "fingerprint"]
    change_form_template = "admin/claims/quote/change_form.html"
    history_list_display = ["speaker", "kind"]

    class Media:
        css = {"all": ["claims/admin.css"]}

    @admin.display(description="quote")
    def short_text(self, obj):
        return obj.text[:100]

    @admin.display(description="confidence", ordering="confidence")
    def confidence_mark(self, obj):
        return admin_views.confidence_badge(obj)

    @admin.display(ordering="article__outlet__name")
    def outlet(self, obj):
        return obj.article.outlet

    @admin.display(description="group", ordering="group__suggested_state")
    def group_state(self, obj):
        return obj.group.suggested_state if obj.group_id else "-"


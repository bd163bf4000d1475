"""Speakers: roles one per line, counts for the page shown, and a new name or a merge
through services.speakers (the quotes' groups are matched again)."""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages

from claims import selectors
from claims.admin.base import HistoryAdmin, QuoteAndClaimCountsMixin
from claims.admin.desk import DeskListMixin, ReadableHistoryMixin
from claims.models import Speaker, SpeakerAlias
from claims.services.speakers import speaker_rename, speakers_merge


class SpeakerRolesField(forms.CharField):
    """A speaker's titles and roles, one per line (stored as a list)."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 60})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class SpeakerDeskMixin:
    """Speakers: roles one per line, counts for the page shown only."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "roles":
            return SpeakerRolesField(
                required=False, label="Titles and roles", help_text="One per line, e.g. NATO Secretary-General."
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_queryset(self, request):
        return Speaker.objects.all()


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 0


@admin.register(Speaker)
class SpeakerAdmin(SpeakerDeskMixin, QuoteAndClaimCountsMixin, DeskListMixin, ReadableHistoryMixin, HistoryAdmin):
    list_display = ["name", "kind", "quote_count", "claim_count"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__text"]
    fields = ["name", "kind", "roles", "key", "created_at", "updated_at"]
    readonly_fields = ["key", "created_at", "updated_at"]
    inlines = [SpeakerAliasInline]
    change_form_template = "admin/claims/speaker/change_form.html"
    actions = ["merge_speakers"]

    def save_model(self, request, obj, form, change):
        if not change or "name" not in form.changed_data:
            return super().save_model(request, obj, form, change)
        # The other fields as a plain save; the name through the service, which matches again.
        name, obj.name = obj.name, form.initial["name"]
        super().save_model(request, obj, form, change)
        obj.name = speaker_rename(speaker=obj, name=name, user=request.user).name

    @admin.action(description="Merge the selected speakers into one (the most quoted)", permissions=["change"])
    def merge_speakers(self, request, queryset):
        chosen = list(queryset[:50])
        if len(chosen) < 2:
            self.message_user(request, "Select two or more speakers to merge.", messages.WARNING)
            return
        counts = selectors.quote_and_claim_counts(by="speaker", ids=[s.pk for s in chosen])
        into = max(chosen, key=lambda s: (counts["quotes"].get(s.pk, 0) + counts["claims"].get(s.pk, 0), len(s.name), -s.pk))
        moved = speakers_merge(into=into, others=[s for s in chosen if s.pk != into.pk], user=request.user)
        self.message_user(request, f"{len(chosen) - 1} speaker(s) merged into {into.name}; {moved} quote(s) and claim(s) moved.",
                          messages.SUCCESS)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        speaker = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if speaker is not None:
            extra.update(selectors.speaker_statements(speaker=speaker))
        return super().change_view(request, object_id, form_url, extra_context=extra)

"""What the reviewers' desk adds to the admin's lists and history pages, in pieces the
model admins in claims/admin.py mix in:

- lists that stay fast at a million rows: searches through full-text indexes, counts that
  stop at 10,000, no facet counts, filters typed (an outlet's name, with suggestions)
  instead of a sidebar listing every outlet;
- history in words: who did it (a person, or "extraction", "matcher", "ingest" when no
  person did), what changed with values as people read them, and none of the matcher's
  bookkeeping (keys, offsets, its details).
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.contrib import admin
from django.utils.text import Truncator
from simple_history.template_utils import HistoricalRecordContextHelper

from claims import search
from claims.readable import date_text, plain_number
from claims.templatetags.readable import day


class DeskListMixin:
    """Change lists for big tables: searches through the full-text indexes (PostgreSQL),
    a capped count ("more than 10,000"), no full-table count, no facet counts."""

    paginator = search.CappedPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    list_per_page = 50

    def get_search_results(self, request, queryset, search_term):
        if search_term.strip() and search.fulltext_available(queryset):
            return search.fulltext_match(queryset, search_term), False
        return super().get_search_results(request, queryset, search_term)


class TypedFilter(admin.ListFilter):
    """A sidebar filter typed as text (a name), with suggestions from the admin's own
    autocomplete, for choices too many to list (outlets, reviewers)."""

    template = "admin/claims/typed_filter.html"
    parameter_name = ""
    lookup = ""
    placeholder = ""
    # What the admin's autocomplete suggests from: (app_label, model_name, field_name).
    suggest = None

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.value = ""
        if self.parameter_name in params:
            self.value = params.pop(self.parameter_name)[-1].strip()
            if self.value:
                self.used_parameters[self.parameter_name] = self.value

    def has_output(self) -> bool:
        return True

    def expected_parameters(self):
        return [self.parameter_name]

    def queryset(self, request, queryset):
        return queryset.filter(**{self.lookup: self.value}) if self.value else queryset

    def choices(self, changelist):
        yield {
            "name": self.parameter_name,
            "value": self.value,
            "placeholder": self.placeholder,
            "suggest": self.suggest,
            "others": [(k, v) for k, v in changelist.params.items() if k != self.parameter_name],
            "clear_url": changelist.get_query_string(remove=[self.parameter_name]),
        }


def outlet_filter(path: str) -> type[TypedFilter]:
    """A typed outlet filter for a model reaching its outlet through `path`."""
    return type("OutletFilter", (TypedFilter,), {
        "title": "outlet", "parameter_name": "outlet", "lookup": f"{path}__name__iexact",
        "placeholder": "outlet name", "suggest": ("claims", "article", "outlet"),
    })


class ReviewerFilter(TypedFilter):
    title = "reviewer"
    parameter_name = "reviewer"
    lookup = "reviewer__username"
    placeholder = "user name"


# --- history in words -------------------------------------------------------------------------

# Who changed a row when no person did, by model: the process that writes it.
SYSTEM_ACTORS = {"claimgroup": "matcher", "claim": "extraction", "quote": "extraction", "speaker": "extraction",
                 "speakeralias": "extraction", "article": "extraction"}
# The machine's bookkeeping: never shown as a change.
HIDDEN_IN_HISTORY = {"details", "key", "fingerprint", "start", "end", "mention_start", "mention_end", "cue_start",
                     "cue_end", "updated_at", "created_at", "story", "matched_at", "lease_token", "lease_until",
                     "attempts", "content_hash", "extractor_version", "confidence", "id"}
_LONG_TEXT_WORDS = 40


class ReadableHistoryHelper(HistoricalRecordContextHelper):
    def context_for_delta_changes(self, delta):
        shown = [c for c in delta.changes if c.field not in HIDDEN_IN_HISTORY]
        delta = type(delta)(changes=shown, changed_fields=[c.field for c in shown],
                            old_record=delta.old_record, new_record=delta.new_record)
        return super().context_for_delta_changes(delta)

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if getattr(field, "choices", None) and value is not None and not hasattr(value, "pk"):
            value = dict(field.flatchoices).get(value, value)
        if value in (None, ""):
            return "(none)"
        if isinstance(value, (dict, list)):
            return ", ".join(map(str, value)) if isinstance(value, list) else "(details)"
        if isinstance(value, str):
            return Truncator(value).words(_LONG_TEXT_WORDS)
        if isinstance(value, Decimal):
            return plain_number(value)
        if isinstance(value, datetime):
            return f"{day(value)} {value:%H:%M}"
        if isinstance(value, date):
            return date_text(value)
        return super().prepare_delta_change_value(change, value)

    def stringify_delta_change_values(self, change, old, new):
        from django.utils.html import conditional_escape

        # Values are already words, cut at a word: shown whole, escaped.
        return conditional_escape(str(old)), conditional_escape(str(new))


class ReadableHistoryMixin:
    """History pages in words: who (or which process), when, what changed."""

    object_history_list_template = "admin/claims/history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistoryHelper(self.model, historical_record)

    def history_view(self, request, object_id, extra_context=None):
        extra = {**(extra_context or {}), "system_actor": SYSTEM_ACTORS.get(self.model._meta.model_name, "the system")}
        return super().history_view(request, object_id, extra_context=extra)

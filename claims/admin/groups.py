"""Groups: read-only as the matcher wrote them; a verdict is a Review, an assignment the
desk's buttons; the conflict queue and the dashboard hang off this admin."""
from __future__ import annotations

from functools import partial

from django.contrib import admin, messages
from django.urls import path

from claims import selectors
from claims.admin import views as admin_views
from claims.admin.base import HistoryAdmin, ReviewActionsMixin, verdict_context, verdict_urls
from claims.admin.desk import DeskListMixin, ReadableHistoryMixin
from claims.models import Claim, ClaimGroup
from claims.readable import confidence_text
from claims.services.assignment import group_assign


class ClaimInline(admin.TabularInline):
    model = Claim
    fields = ["text", "value", "unit", "speaker", "article", "review_status"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


class GroupDeskMixin:
    """The group page as a desk works it: readable fields only (no keys or matcher details),
    who has the group, the queue's next group, assignment."""

    fields = ["label", "kind_in_words", "suggested_state", "certainty", "reason", "verdict", "sources_changed",
              "sources_in_words", "assigned_to", "created_at", "updated_at"]
    readonly_fields = fields

    @admin.display(description="kind")
    def kind_in_words(self, obj):
        kind = {"quote": "the same quote", "event": "an event's place and date"}.get(obj.kind, f"a {obj.kind} figure")
        return f"{kind} ({obj.unit})" if obj.unit and obj.unit not in ("date", "month", "year", "week") else kind

    @admin.display(description="the matcher is")
    def certainty(self, obj):
        return confidence_text(obj.confidence)

    @admin.display(description="sources", ordering="source_count")
    def sources_in_words(self, obj):
        text = f"{obj.source_count} outlet{'s' if obj.source_count != 1 else ''}"
        if obj.independent_reports and obj.independent_reports < obj.source_count:
            text += f", {obj.independent_reports} independent (others ran the same text)"
        return text

    @admin.action(description="Take the selected groups (assign them to me)")
    def take_groups(self, request, queryset):
        taken = 0
        for pk in queryset.values_list("pk", flat=True)[:500]:
            group_assign(group=pk, assignee=request.user, by=request.user)
            taken += 1
        self.message_user(request, f"You have {taken} more group{'s' if taken != 1 else ''}.", messages.SUCCESS)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if request.user.has_perm(admin_views.REVIEW_PERMISSION):
            actions["take_groups"] = (type(self).take_groups, "take_groups", type(self).take_groups.short_description)
        return actions

    def desk_urls(self):
        assign = partial(admin_views.group_assign_view, model_admin=self)
        return [path("<path:object_id>/assign/", self.admin_site.admin_view(assign), name="claims_claimgroup_assign")]


@admin.register(ClaimGroup)
class ClaimGroupAdmin(GroupDeskMixin, DeskListMixin, ReadableHistoryMixin, ReviewActionsMixin, HistoryAdmin):
    review_target = "groups"
    list_display = ["label", "kind", "suggested_state", "verdict", "sources_changed", "source_count", "assigned_to",
                    "created_at"]
    list_filter = ["suggested_state", "verdict", "sources_changed", "kind"]
    list_select_related = ["assigned_to"]
    search_fields = ["label", "subject"]
    # The matcher writes the fields; the verdict changes only through a review (the form on
    # the page), the assignment through the desk's buttons.
    change_form_template = "admin/claims/claimgroup/change_form.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Shown read-only: the matcher owns these fields and a verdict is a Review.
        return False

    def get_urls(self):
        queue = self.admin_site.admin_view(partial(admin_views.conflict_queue_view, model_admin=self))
        dashboard = self.admin_site.admin_view(partial(admin_views.dashboard_view, model_admin=self))
        return [
            path("queue/", queue, name="claims_conflict_queue"),
            path("dashboard/", dashboard, name="claims_dashboard"),
            *verdict_urls(self, "group"),
            *self.desk_urls(),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra = verdict_context(request, obj, extra_context)
        if obj is not None:
            extra["sources"] = selectors.group_sources(group=obj)
            extra.update(admin_views.group_desk_context(request, group=obj))
        return super().change_view(request, object_id, form_url, extra)

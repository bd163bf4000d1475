"""What the model admins share: history pages and selections that answer 400/404 for ids
the primary key cannot hold, bulk verdicts, re-matching after a fix, the verdict form's
URLs and context, and the desk's handling of extracted rows."""
from __future__ import annotations

from functools import partial

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from claims import selectors
from claims.admin import views as admin_views
from claims.admin.desk import HIDDEN_IN_HISTORY, DeskListMixin, ReadableHistoryMixin, outlet_filter
from claims.models import Claim, ClaimGroup, Quote
from claims.services.groups import article_queue_matching
from claims.services.review import VERDICTS, reviews_submit_bulk, verdict_needs_evidence


class CheckedSelectionMixin:
    """An action posted with ids the primary key cannot hold is a 400: Django's admin filters
    by them as they are and the database raised (a 500)."""

    @admin.display(description=mark_safe('<input type="checkbox" id="action-toggle">'))
    def action_checkbox(self, obj):
        # Django's renders a CheckboxInput through the form templates: a third of a change
        # list's time at 50 rows. The same element, written here.
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME, obj.pk, format_html(_("Select this object for an action - {}"), obj),
        )

    def response_action(self, request, queryset):
        try:
            for pk in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
                self.model._meta.pk.to_python(pk)
        except ValidationError:
            return HttpResponseBadRequest("the selected rows are not given by their ids", content_type="text/plain")
        return super().response_action(request, queryset)


class HistoryAdmin(CheckedSelectionMixin, SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose History page answers 404, not 500, for an id its primary
    key cannot hold (/admin/claims/claim/abc/history/)."""

    def history_view(self, request, object_id, extra_context=None):
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404(f"no {self.model._meta.verbose_name} {object_id}") from None
        return super().history_view(request, object_id, extra_context)


class ReviewActionsMixin:
    """Bulk verdicts on a change list, for users holding claims.add_review."""

    review_target = ""  # "claims", "quotes" or "groups"

    def has_review_permission(self, request) -> bool:
        return request.user.has_perm(admin_views.REVIEW_PERMISSION)

    def _bulk_verdict(self, request, queryset, verdict: str):
        try:
            reviews = reviews_submit_bulk(
                reviewer=request.user, verdict=verdict, note="bulk verdict from the admin list",
                **{self.review_target: list(queryset.values_list("pk", flat=True))},
            )
        except ValidationError as exc:
            for error in exc.messages:
                self.message_user(request, error, messages.ERROR)
            return
        self.message_user(request, f"{len(reviews)} marked {verdict}.", messages.SUCCESS)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_review_permission(request):
            actions["give_verdict"] = (
                type(self)._give_verdict_action, "give_verdict",
                "Verdict with a note and evidence on selected %(verbose_name_plural)s…",
            )
            # One click gives no note or evidence: only for verdicts that are not published.
            for verdict in (v for v in VERDICTS if not verdict_needs_evidence(v)):
                name = f"mark_{verdict.value}"
                action = partial(self._bulk_verdict_action, verdict=verdict.value)
                actions[name] = (action, name, f"Verdict: mark selected %(verbose_name_plural)s {verdict.value}")
        return actions

    def _bulk_verdict_action(self, modeladmin, request, queryset, *, verdict: str):
        return self._bulk_verdict(request, queryset, verdict)

    def _give_verdict_action(self, request, queryset):
        """An intermediate page: one verdict, note and evidence link for every selected row."""
        form = admin_views.VerdictForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            try:
                reviews = reviews_submit_bulk(
                    reviewer=request.user, **form.cleaned_data,
                    **{self.review_target: list(queryset.values_list("pk", flat=True))},
                )
            except ValidationError as exc:
                for error in exc.messages:
                    self.message_user(request, error, messages.ERROR)
                return None
            self.message_user(request, f"{len(reviews)} marked {form.cleaned_data['verdict']}.", messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": f"Verdict on {queryset.count()} {self.model._meta.verbose_name_plural}",
            "opts": self.model._meta,
            "form": form,
            "objects": queryset[:200],
            "count": queryset.count(),
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/claims/bulk_verdict.html", context)


class RematchOnChangeMixin:
    """A fact-checker's fix (a value, a speaker, a deleted claim) is matched again."""

    def _rematch(self, article_ids):
        for article_id in set(article_ids):
            transaction.on_commit(partial(article_queue_matching, article_id=article_id))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._rematch([obj.article_id])

    def delete_model(self, request, obj):
        article_id = obj.article_id
        super().delete_model(request, obj)
        self._rematch([article_id])

    def delete_queryset(self, request, queryset):
        article_ids = list(queryset.values_list("article_id", flat=True))
        super().delete_queryset(request, queryset)
        self._rematch(article_ids)


class ExtractedRowsDeskMixin:
    """Claims and quotes: newest first, a speaker (and a claim's quote) picked by name
    (autocomplete) instead of a raw id, an outlet typed instead of listed."""

    ordering = ["-id"]

    def get_autocomplete_fields(self, request):
        return [f for f in ("speaker", "quote") if f in {field.name for field in self.model._meta.fields}]

    def get_fields(self, request, obj=None):
        # Offsets and fingerprints are the extraction's bookkeeping, not a reader's.
        return [f for f in super().get_fields(request, obj) if f not in HIDDEN_IN_HISTORY]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), outlet_filter("article__outlet")]


def verdict_urls(model_admin, target: str):
    view = partial(admin_views.verdict_submit_view, model_admin=model_admin, target=target)
    name = admin_views.target_model_name(target)
    return [path("<path:object_id>/verdict/", model_admin.admin_site.admin_view(view), name=f"claims_{name}_verdict")]


def verdict_context(request, obj, extra_context):
    extra = dict(extra_context or {})
    extra["can_review"] = request.user.has_perm(admin_views.REVIEW_PERMISSION)
    extra["verdict_form"] = admin_views.VerdictForm()
    if isinstance(obj, ClaimGroup):
        extra.update(admin_views.group_verdict_context(group=obj))
    if obj is not None:
        target = {Claim: "claim", Quote: "quote", ClaimGroup: "group"}[type(obj)]
        extra["reviews"] = selectors.review_trail(**{target: obj}).order_by("-created_at", "-id")
    return extra


class CountsChangeList(ChangeList):
    """Counts each listed article's or speaker's quotes and claims, one query each for the
    page shown (an annotation counted them for every row of the table before paging)."""

    def get_results(self, request):
        super().get_results(request)
        self.result_list = list(self.result_list)
        counts = selectors.quote_and_claim_counts(by=self.model._meta.model_name, ids=[r.pk for r in self.result_list])
        for row in self.result_list:
            row.n_quotes = counts["quotes"].get(row.pk, 0)
            row.n_claims = counts["claims"].get(row.pk, 0)


class QuoteAndClaimCountsMixin:
    """The "quotes" and "claims" columns of the article and speaker lists."""

    def get_changelist(self, request, **kwargs):
        return CountsChangeList

    @admin.display(description="quotes")
    def quote_count(self, obj):
        return getattr(obj, "n_quotes", "")

    @admin.display(description="claims")
    def claim_count(self, obj):
        return getattr(obj, "n_claims", "")


class ExtractedRowAdmin(ExtractedRowsDeskMixin, DeskListMixin, ReadableHistoryMixin, ReviewActionsMixin,
                        RematchOnChangeMixin, HistoryAdmin):
    """Quotes and claims: the desk's list, history in words, bulk verdicts, a fix matched
    again, and the verdict form on the row's page."""

    verdict_target = ""  # "quote" or "claim"

    def get_urls(self):
        return verdict_urls(self, self.verdict_target) + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        return super().change_view(request, object_id, form_url, verdict_context(request, obj, extra_context))

"""The reviewers' UI. Verdicts go through claims.services.review, new articles through
claims.services.ingest; fixes to extracted rows are plain edits kept in history
(django-simple-history) and re-matched after commit."""
from __future__ import annotations

from functools import partial

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from claims import admin_views, selectors
from claims.models import Article, Claim, ClaimGroup, Outlet, Quote, Review, Speaker, SpeakerAlias
from claims.services.matching import article_queue_matching
from claims.services.review import VERDICTS, reviews_submit_bulk


class _CheckedSelectionMixin:
    """An action posted with ids the primary key cannot hold is a 400: Django's admin filters
    by them as they are and the database raised (a 500)."""

    def response_action(self, request, queryset):
        try:
            for pk in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
                self.model._meta.pk.to_python(pk)
        except ValidationError:
            return HttpResponseBadRequest("the selected rows are not given by their ids", content_type="text/plain")
        return super().response_action(request, queryset)


class HistoryAdmin(_CheckedSelectionMixin, SimpleHistoryAdmin):
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
            for verdict in VERDICTS:
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


@admin.register(Outlet)
class OutletAdmin(_CheckedSelectionMixin, admin.ModelAdmin):
    list_display = ["name", "domain", "created_at"]
    search_fields = ["name", "domain"]


@admin.register(Article)
class ArticleAdmin(HistoryAdmin):
    list_display = ["title", "outlet", "published_at", "status", "quote_count", "claim_count", "created_at"]
    list_filter = ["status", "outlet"]
    list_select_related = ["outlet"]
    search_fields = ["title", "url"]
    date_hierarchy = "published_at"
    fields = ["title", "outlet", "url", "author", "published_at", "status", "error", "source_name",
              "content_hash", "extractor_version", "attempts", "extracted_at", "created_at"]
    readonly_fields = ["status", "error", "source_name", "content_hash", "extractor_version", "attempts",
                       "extracted_at", "created_at"]
    raw_id_fields = ["outlet"]
    actions = ["extract_again", "match_again"]
    change_form_template = "admin/claims/article/change_form.html"
    history_list_display = ["status"]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(
            n_quotes=Count("quotes", distinct=True), n_claims=Count("claims", distinct=True)
        )

    @admin.display(ordering="n_quotes", description="quotes")
    def quote_count(self, obj):
        return obj.n_quotes

    @admin.display(ordering="n_claims", description="claims")
    def claim_count(self, obj):
        return obj.n_claims

    def add_view(self, request, form_url="", extra_context=None):
        # Articles enter through the ingest service (paste, upload or URL), never as a bare row.
        return admin_views.article_add_view(request, model_admin=self)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if article is not None:
            annotations = selectors.article_annotations(article=article)
            extra.update(
                annotations,
                highlighted=admin_views.highlighted_body(article=article, **annotations),
            )
        return super().change_view(request, object_id, form_url, extra_context=extra)

    @admin.action(description="Extract selected articles again", permissions=["change"])
    def extract_again(self, request, queryset):
        from claims.services.ingest import article_queue_extraction

        # A submitted URL never fetched has no text to extract: submitting it again fetches it.
        fetched = queryset.exclude(content_hash__isnull=True)
        queued = sum(article_queue_extraction(article_id=pk, force=True) for pk in fetched.values_list("pk", flat=True))
        self.message_user(request, f"{queued} article(s) queued for extraction.")

    def has_rematch_permission(self, request) -> bool:
        # Matching rewrites the claims' and quotes' groups, so it is for those who may change
        # claims (fact-checkers): a read-only user could otherwise queue every article with
        # "select all".
        return request.user.has_perm("claims.change_claim")

    @admin.action(description="Match selected articles again", permissions=["rematch"])
    def match_again(self, request, queryset):
        queued = sum(article_queue_matching(article_id=pk) for pk in queryset.values_list("pk", flat=True))
        self.message_user(request, f"{queued} article(s) queued for matching.")


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 0


@admin.register(Speaker)
class SpeakerAdmin(HistoryAdmin):
    list_display = ["name", "kind", "quote_count", "claim_count"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__text"]
    fields = ["name", "kind", "roles", "key", "created_at", "updated_at"]
    readonly_fields = ["key", "created_at", "updated_at"]
    inlines = [SpeakerAliasInline]
    change_form_template = "admin/claims/speaker/change_form.html"

    def get_queryset(self, request):
        return selectors.speakers_with_counts()

    @admin.display(ordering="quote_count", description="quotes")
    def quote_count(self, obj):
        return obj.quote_count

    @admin.display(ordering="claim_count", description="claims")
    def claim_count(self, obj):
        return obj.claim_count

    def change_view(self, request, object_id, form_url="", extra_context=None):
        speaker = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if speaker is not None:
            extra.update(selectors.speaker_statements(speaker=speaker))
        return super().change_view(request, object_id, form_url, extra_context=extra)


def _verdict_urls(model_admin, target: str):
    view = partial(admin_views.verdict_submit_view, model_admin=model_admin, target=target)
    name = admin_views.target_model_name(target)
    return [path("<path:object_id>/verdict/", model_admin.admin_site.admin_view(view), name=f"claims_{name}_verdict")]


def _verdict_context(request, obj, extra_context):
    extra = dict(extra_context or {})
    extra["can_review"] = request.user.has_perm(admin_views.REVIEW_PERMISSION)
    extra["verdict_form"] = admin_views.VerdictForm()
    if obj is not None:
        extra["reviews"] = obj.reviews.select_related("reviewer").order_by("-created_at", "-id")
    return extra


@admin.register(Quote)
class QuoteAdmin(ReviewActionsMixin, RematchOnChangeMixin, HistoryAdmin):
    review_target = "quotes"
    list_display = ["short_text", "speaker", "kind", "outlet", "group_state", "article"]
    list_filter = ["kind", "group__suggested_state"]
    list_select_related = ["speaker", "article__outlet", "group"]
    raw_id_fields = ["speaker"]
    search_fields = ["text", "speaker__name", "speaker_mention"]
    fields = ["article", "text", "kind", "speaker", "speaker_mention", "cue", "confidence", "group", "start", "end",
              "fingerprint"]
    readonly_fields = ["article", "text", "speaker_mention", "cue", "confidence", "group", "start", "end", "fingerprint"]
    change_form_template = "admin/claims/quote/change_form.html"
    history_list_display = ["speaker", "kind"]

    @admin.display(description="quote")
    def short_text(self, obj):
        return obj.text[:100]

    @admin.display(ordering="article__outlet__name")
    def outlet(self, obj):
        return obj.article.outlet

    @admin.display(description="group", ordering="group__suggested_state")
    def group_state(self, obj):
        return obj.group.suggested_state if obj.group_id else "-"

    def get_urls(self):
        return _verdict_urls(self, "quote") + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        return super().change_view(request, object_id, form_url, _verdict_context(request, obj, extra_context))


@admin.register(Claim)
class ClaimAdmin(ReviewActionsMixin, RematchOnChangeMixin, HistoryAdmin):
    review_target = "claims"
    list_display = ["text", "kind", "value", "unit", "subject", "speaker", "review_status", "outlet", "group_link"]
    list_filter = ["kind", "review_status", "qualifier", "group__suggested_state"]
    list_select_related = ["article__outlet", "speaker", "group"]
    raw_id_fields = ["speaker", "quote"]
    search_fields = ["text", "subject", "sentence", "speaker__name"]
    fields = ["article", "text", "sentence", "kind", "value", "unit", "qualifier", "date_value", "subject", "speaker",
              "quote", "review_status", "group", "start", "end", "fingerprint"]
    readonly_fields = ["article", "text", "sentence", "review_status", "group", "start", "end", "fingerprint"]
    change_form_template = "admin/claims/claim/change_form.html"
    history_list_display = ["value", "unit", "speaker", "review_status"]

    @admin.display(ordering="article__outlet__name")
    def outlet(self, obj):
        return obj.article.outlet

    @admin.display(description="group", ordering="group__suggested_state")
    def group_link(self, obj):
        if not obj.group_id:
            return "-"
        url = reverse("admin:claims_claimgroup_change", args=[obj.group_id])
        return format_html('<a href="{}">{}</a>', url, obj.group.suggested_state)

    def get_urls(self):
        return _verdict_urls(self, "claim") + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        return super().change_view(request, object_id, form_url, _verdict_context(request, obj, extra_context))


class ClaimInline(admin.TabularInline):
    model = Claim
    fields = ["text", "value", "unit", "speaker", "article", "review_status"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ClaimGroup)
class ClaimGroupAdmin(ReviewActionsMixin, HistoryAdmin):
    review_target = "groups"
    list_display = ["label", "kind", "suggested_state", "verdict", "source_count", "updated_at"]
    list_filter = ["suggested_state", "verdict", "kind"]
    search_fields = ["label", "subject", "reason"]
    fields = ["label", "kind", "unit", "subject", "suggested_state", "reason", "verdict", "source_count", "key",
              "created_at", "updated_at"]
    # The matcher writes these; the verdict changes only through a review (the form on the page).
    readonly_fields = fields
    change_form_template = "admin/claims/claimgroup/change_form.html"
    history_list_display = ["verdict", "suggested_state", "source_count"]

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
            *_verdict_urls(self, "group"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra = _verdict_context(request, obj, extra_context)
        if obj is not None:
            extra["sources"] = selectors.group_sources(group=obj)
        return super().change_view(request, object_id, form_url, extra)


@admin.register(Review)
class ReviewAdmin(HistoryAdmin):
    """Reviews are a record: shown, never edited or deleted here."""

    list_display = ["created_at", "verdict", "reviewer", "target", "note_start", "evidence"]
    list_filter = ["verdict", ("reviewer", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["reviewer", "claim", "quote", "group"]
    search_fields = ["note", "target_text", "reviewer__username"]
    date_hierarchy = "created_at"
    fields = ["reviewer", "verdict", "note", "evidence_url", "claim", "quote", "group", "target_fingerprint",
              "target_text", "created_at"]
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

    @admin.display(description="note")
    def note_start(self, obj):
        return obj.note[:80]

    @admin.display(description="evidence")
    def evidence(self, obj):
        if not obj.evidence_url:
            return "-"
        return format_html('<a href="{}" rel="noopener noreferrer" target="_blank">link</a>', obj.evidence_url)


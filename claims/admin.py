"""The reviewers' UI. Verdicts go through claims.services.review, new articles through
claims.services.ingest; fixes to extracted rows are plain edits kept in history
(django-simple-history) and re-matched after commit."""
from __future__ import annotations

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from claims import admin_views, selectors
from claims.admin_desk import HIDDEN_IN_HISTORY, DeskListMixin, ReadableHistoryMixin, ReviewerFilter, outlet_filter
from claims.extraction.types import LOW_CONFIDENCE
from claims.models import Article, Claim, ClaimGroup, Outlet, Quote, Review, Speaker, SpeakerAlias
from claims.readable import confidence_text
from claims.services.articles import article_correction_save, articles_delete
from claims.services.assignment import group_assign
from claims.services.groups import article_queue_matching
from claims.services.review import VERDICTS, reviews_submit_bulk, verdict_needs_evidence
from claims.services.speakers import speaker_rename, speakers_merge
from claims.templatetags import readable as readable_tags


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

    def get_changelist(self, request, **kwargs):
        return SpeakerCountsChangeList


class SpeakerCountsChangeList(ChangeList):
    def get_results(self, request):
        super().get_results(request)
        self.result_list = list(self.result_list)
        counts = selectors.quote_and_claim_counts(by="speaker", ids=[s.pk for s in self.result_list])
        for speaker in self.result_list:
            speaker.quote_count = counts["quotes"].get(speaker.pk, 0)
            speaker.claim_count = counts["claims"].get(speaker.pk, 0)


@admin.register(Outlet)
class OutletAdmin(_CheckedSelectionMixin, DeskListMixin, admin.ModelAdmin):
    list_display = ["name", "domain", "created_at"]
    search_fields = ["name", "domain"]


class ArticleDeskMixin:
    """Articles at 100k rows: quotes and claims counted for the page shown, not the table; an
    outlet typed, not listed; a fact-checker picks an outlet by name (autocomplete)."""

    autocomplete_fields = ["outlet"]
    ordering = ["-id"]

    def get_list_filter(self, request):
        return [f for f in super().get_list_filter(request) if f != "outlet"] + [outlet_filter("outlet")]

    def get_changelist(self, request, **kwargs):
        return PageCountsChangeList


class PageCountsChangeList(ChangeList):
    """Counts each listed article's quotes and claims, one query each for the page."""

    def get_results(self, request):
        super().get_results(request)
        self.result_list = list(self.result_list)
        counts = selectors.quote_and_claim_counts(by="article", ids=[a.pk for a in self.result_list])
        for article in self.result_list:
            article.n_quotes = counts["quotes"].get(article.pk, 0)
            article.n_claims = counts["claims"].get(article.pk, 0)


@admin.register(Article)
class ArticleAdmin(ArticleDeskMixin, DeskListMixin, ReadableHistoryMixin, HistoryAdmin):
    list_display = ["title", "outlet", "published_at", "status", "quote_count", "claim_count", "created_at"]
    list_filter = ["status", "outlet"]
    list_select_related = ["outlet"]
    search_fields = ["title", "url"]
    date_hierarchy = "published_at"
    # The extraction's bookkeeping (hash, extractor version, attempts, lease) stays off the page.
    fields = ["title", "outlet", "url", "author", "published_at", "published_from", "status", "error", "source_name",
              "extracted_at", "created_at"]
    readonly_fields = ["published_from", "status", "error", "source_name", "extracted_at", "created_at"]
    actions = ["extract_again", "match_again"]
    change_form_template = "admin/claims/article/change_form.html"
    history_list_display = ["status"]

    @admin.display(description="quotes")
    def quote_count(self, obj):
        return getattr(obj, "n_quotes", "")

    @admin.display(description="claims")
    def claim_count(self, obj):
        return getattr(obj, "n_claims", "")

    def save_model(self, request, obj, form, change):
        article_correction_save(article=obj, changed=form.changed_data)

    def delete_model(self, request, obj):
        articles_delete(article_ids=[obj.pk])

    def delete_queryset(self, request, queryset):
        articles_delete(article_ids=queryset.values_list("pk", flat=True))

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
                appearances=selectors.article_appearances(article=article),
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
class SpeakerAdmin(SpeakerDeskMixin, DeskListMixin, ReadableHistoryMixin, HistoryAdmin):
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

    @admin.display(description="quotes")
    def quote_count(self, obj):
        return getattr(obj, "quote_count", "")

    @admin.display(description="claims")
    def claim_count(self, obj):
        return getattr(obj, "claim_count", "")

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
    if isinstance(obj, ClaimGroup):
        extra.update(admin_views.group_verdict_context(group=obj))
    if obj is not None:
        target = {Claim: "claim", Quote: "quote", ClaimGroup: "group"}[type(obj)]
        extra["reviews"] = selectors.review_trail(**{target: obj}).order_by("-created_at", "-id")
    return extra


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
class QuoteAdmin(ExtractedRowsDeskMixin, DeskListMixin, ReadableHistoryMixin, ReviewActionsMixin, RematchOnChangeMixin,
                 HistoryAdmin):
    review_target = "quotes"
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

    def get_urls(self):
        return _verdict_urls(self, "quote") + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        return super().change_view(request, object_id, form_url, _verdict_context(request, obj, extra_context))


class ConfidenceFilter(admin.SimpleListFilter):
    """Extraction's confidence in its reading: reviewers look at the low ones first."""

    title = "extraction confidence"
    parameter_name = "confidence"

    def lookups(self, request, model_admin):
        return [("low", f"low (under {Claim.LOW_CONFIDENCE})"), ("high", "high"), ("unmeasured", "not measured")]

    def queryset(self, request, queryset):
        if self.value() == "low":
            return queryset.filter(confidence__lt=Claim.LOW_CONFIDENCE)
        if self.value() == "high":
            return queryset.filter(confidence__gte=Claim.LOW_CONFIDENCE)
        if self.value() == "unmeasured":
            return queryset.filter(confidence__isnull=True)
        return queryset


class ReadableClaimsMixin:
    """The claim list shows each value as a reader says it ("US$45 billion", "24 February
    2022"), the stored value on hover, in place of the bare value and unit columns."""

    def get_list_display(self, request):
        columns = [c for c in super().get_list_display(request) if c != "unit"]
        return ["reads_as" if c == "value" else c for c in columns]

    @admin.display(description="value", ordering="value")
    def reads_as(self, obj):
        return readable_tags.reads_as(obj)


@admin.register(Claim)
class ClaimAdmin(ReadableClaimsMixin, ExtractedRowsDeskMixin, DeskListMixin, ReadableHistoryMixin, ReviewActionsMixin,
                 RematchOnChangeMixin, HistoryAdmin):
    review_target = "claims"
    list_display = ["text", "kind", "value", "unit", "subject", "speaker", "confidence_shown", "review_status", "outlet",
                    "group_link"]
    # review_status is the claim's state: its own verdict or its group's decision for it.
    list_filter = ["kind", ConfidenceFilter, "review_status", "qualifier", "group__suggested_state"]
    list_select_related = ["article__outlet", "speaker", "group"]
    raw_id_fields = ["speaker", "quote"]
    search_fields = ["text", "subject", "sentence", "speaker__name"]
    fields = ["article", "text", "sentence", "kind", "value", "value_end", "unit", "qualifier", "date_value", "date_end",
              "date_precision", "date_anchor", "base_value", "base_unit", "notes", "confidence", "subject", "speaker",
              "quote", "review_status", "decided_by", "group", "start", "end", "fingerprint"]
    readonly_fields = ["article", "text", "sentence", "base_value", "base_unit", "notes", "confidence", "review_status",
                       "decided_by", "group", "start", "end", "fingerprint"]
    change_form_template = "admin/claims/claim/change_form.html"
    history_list_display = ["value", "unit", "speaker", "review_status"]

    class Media:
        css = {"all": ["claims/admin.css"]}

    @admin.display(description="confidence", ordering="confidence")
    def confidence_shown(self, obj):
        if obj.confidence is None:
            return "-"
        if obj.is_low_confidence:
            title = "; ".join(obj.notes) or "extraction is unsure of this reading"
            return format_html('<span class="low-confidence" title="{}">low {}</span>', title, f"{obj.confidence:.2f}")
        return f"{obj.confidence:.2f}"

    def save_model(self, request, obj, form, change):
        if {"value", "unit", "kind"} & set(form.changed_data):
            # A fact-checker's value is the reading now: its canonical form follows it, and
            # it is no longer extraction's guess.
            obj.rebase()
            obj.confidence = 1.0
            obj.notes = [*obj.notes, "value or unit set by a fact-checker"]
        super().save_model(request, obj, form, change)

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
            *_verdict_urls(self, "group"),
            *self.desk_urls(),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra = _verdict_context(request, obj, extra_context)
        if obj is not None:
            extra["sources"] = selectors.group_sources(group=obj)
            extra.update(admin_views.group_desk_context(request, group=obj))
        return super().change_view(request, object_id, form_url, extra)


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



# People and roles on the Users page (a module of its own: it is Django's user admin, extended).
from claims import admin_people  # noqa: E402, F401

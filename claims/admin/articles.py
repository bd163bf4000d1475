"""Outlets and articles: articles enter through the ingest service, a fact-checker's fix is
saved through services.articles (extraction or matching again), a deletion matches the
groups the article was a source of again."""
from __future__ import annotations

from django.contrib import admin

from claims import selectors
from claims.admin import views as admin_views
from claims.admin.base import CheckedSelectionMixin, HistoryAdmin, QuoteAndClaimCountsMixin
from claims.admin.desk import DeskListMixin, ReadableHistoryMixin, outlet_filter
from claims.models import Article, Outlet
from claims.services.articles import article_correction_save, articles_delete
from claims.services.groups import article_queue_matching


@admin.register(Outlet)
class OutletAdmin(CheckedSelectionMixin, DeskListMixin, admin.ModelAdmin):
    list_display = ["name", "domain", "created_at"]
    search_fields = ["name", "domain"]


class ArticleDeskMixin:
    """Articles at 100k rows: quotes and claims counted for the page shown, not the table; an
    outlet typed, not listed; a fact-checker picks an outlet by name (autocomplete)."""

    autocomplete_fields = ["outlet"]
    ordering = ["-id"]

    def get_list_filter(self, request):
        return [f for f in super().get_list_filter(request) if f != "outlet"] + [outlet_filter("outlet")]


@admin.register(Article)
class ArticleAdmin(ArticleDeskMixin, QuoteAndClaimCountsMixin, DeskListMixin, ReadableHistoryMixin, HistoryAdmin):
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

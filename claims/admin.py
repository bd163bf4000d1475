from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from claims.models import Article, Claim, ClaimGroup, Outlet, Quote, Review, Speaker, SpeakerAlias


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "created_at"]
    search_fields = ["name", "domain"]


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "outlet", "published_at", "status", "created_at"]
    list_filter = ["status", "outlet"]
    list_select_related = ["outlet"]
    search_fields = ["title", "url", "body"]
    readonly_fields = ["content_hash", "status", "error", "extractor_version", "attempts", "extracted_at", "raw"]


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 0


@admin.register(Speaker)
class SpeakerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__text"]
    inlines = [SpeakerAliasInline]


@admin.register(Quote)
class QuoteAdmin(SimpleHistoryAdmin):
    list_display = ["text", "speaker", "kind", "article"]
    list_filter = ["kind"]
    list_select_related = ["speaker", "article"]
    raw_id_fields = ["article", "speaker", "group"]
    search_fields = ["text", "speaker__name"]


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = ["text", "kind", "value", "unit", "subject", "review_status", "article"]
    list_filter = ["kind", "review_status", "unit"]
    list_select_related = ["article"]
    raw_id_fields = ["article", "quote", "speaker", "group"]
    search_fields = ["text", "subject", "sentence"]


@admin.register(ClaimGroup)
class ClaimGroupAdmin(SimpleHistoryAdmin):
    list_display = ["label", "kind", "suggested_state", "verdict", "source_count"]
    list_filter = ["suggested_state", "verdict", "kind"]
    search_fields = ["label", "subject"]


@admin.register(Review)
class ReviewAdmin(SimpleHistoryAdmin):
    list_display = ["verdict", "reviewer", "claim", "group", "created_at"]
    list_filter = ["verdict"]
    raw_id_fields = ["claim", "quote", "group"]

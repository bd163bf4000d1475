"""The REST API's views, one module per resource: thin callers of querysets, selectors,
filters, serializers and services.

Each list's get_queryset() loads every nested relation its serializer shows, so a page
costs the same number of queries whether it holds 1 row or 500 (tests/api assert it).
"""
from claims.api.views.articles import ArticleViewSet
from claims.api.views.claims import ClaimExportView, ClaimViewSet
from claims.api.views.feed import ClaimReviewFeedView
from claims.api.views.groups import GroupViewSet
from claims.api.views.quotes import QuoteViewSet
from claims.api.views.reviews import ReviewViewSet
from claims.api.views.root import ApiRootView
from claims.api.views.site import RedocView, SwaggerView, not_found, server_error
from claims.api.views.speakers import SpeakerViewSet

__all__ = [
    "ApiRootView", "ArticleViewSet", "ClaimExportView", "ClaimReviewFeedView", "ClaimViewSet", "GroupViewSet",
    "QuoteViewSet", "RedocView", "ReviewViewSet", "SpeakerViewSet", "SwaggerView", "not_found", "server_error",
]

from django.urls import path
from rest_framework.routers import SimpleRouter

from claims.api import views

app_name = "api"

router = SimpleRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("quotes", views.QuoteViewSet, basename="quote")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("groups", views.GroupViewSet, basename="group")
router.register("speakers", views.SpeakerViewSet, basename="speaker")
router.register("reviews", views.ReviewViewSet, basename="review")

urlpatterns = [
    path("", views.ApiRootView.as_view(), name="root"),
    # Before the router's claims/<id>/ so the export is never read as a claim id.
    path("claims/export.csv", views.ClaimExportView.as_view(), name="claim-export"),
    path("claimreviews/", views.ClaimReviewFeedView.as_view(), name="claimreview-list"),
    *router.urls,
]

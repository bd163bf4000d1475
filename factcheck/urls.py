from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "factcheck"
admin.site.site_title = "factcheck"
admin.site.index_title = "Quotes and claims across sources"

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/", include("claims.api.urls")),
]

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView

from claims.api.views import RedocView, SwaggerView

admin.site.site_header = "factcheck"
admin.site.site_title = "factcheck"
admin.site.index_title = "Quotes and claims across sources"

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Served from this server only, with a policy refusing anything from other hosts.
    path("api/docs/", SwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", RedocView.as_view(url_name="api-schema"), name="api-redoc"),
    # Sign-in and sign-out links of the browsable API (session auth).
    path("api/auth/", include("rest_framework.urls")),
    path("api/", include("claims.api.urls")),
]

# Unknown addresses and failures outside the API's views: JSON under /api/, HTML elsewhere.
handler404 = "claims.api.views.not_found"
handler500 = "claims.api.views.server_error"

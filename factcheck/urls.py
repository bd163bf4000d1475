from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

admin.site.site_header = "factcheck"
admin.site.site_title = "factcheck"
admin.site.index_title = "Quotes and claims across sources"

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    # Browsers ask for /favicon.ico whatever the page links; without it every visit logged a 404.
    path("favicon.ico", RedirectView.as_view(url=static("claims/favicon.svg"), permanent=True)),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    # Sign-in and sign-out links of the browsable API (session auth).
    path("api/auth/", include("rest_framework.urls")),
    path("api/", include("claims.api.urls")),
]

# Unknown addresses and failures outside the API's views: JSON under /api/, HTML elsewhere.
handler404 = "claims.api.views.not_found"
handler500 = "claims.api.views.server_error"

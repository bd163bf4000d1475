import rest_framework.urls
from django.contrib import admin
from django.contrib.auth.views import LoginView
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView

from claims.api.views import RedocView, SwaggerView
from factcheck.signin import AdminSignInForm, SignInForm

admin.site.site_header = "factcheck"
admin.site.site_title = "factcheck"
admin.site.index_title = "Quotes and claims across sources"
# Both sign-in pages lock out after repeated failures (factcheck.signin).
admin.site.login_form = AdminSignInForm

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    # Browsers ask for /favicon.ico whatever the page links; without it every visit logged a 404.
    path("favicon.ico", RedirectView.as_view(url=static("claims/favicon.svg"), permanent=True)),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Served from this server only, with a policy refusing anything from other hosts. No
    # OPTIONS on the HTML pages: DRF's answer to it cannot be rendered by their HTML renderer
    # (a 500); without a metadata class it is a 405. The split view serves Swagger UI's set-up
    # script from this address (?script) rather than inline, so that the page runs under a
    # Content-Security-Policy of 'self' only.
    path("api/docs/", SwaggerView.as_view(url_name="api-schema", metadata_class=None), name="api-docs"),
    path("api/redoc/", RedocView.as_view(url_name="api-schema", metadata_class=None), name="api-redoc"),
    # Sign-in and sign-out links of the browsable API (session auth): DRF's, with the
    # lockout form on the sign-in; a missing or foreign `next` lands on the API's root.
    path("api/auth/", include(([
        path(
            "login/",
            LoginView.as_view(template_name="rest_framework/login.html", form_class=SignInForm, next_page="/api/"),
            name="login",
        ),
        *[pattern for pattern in rest_framework.urls.urlpatterns if pattern.name != "login"],
    ], "rest_framework"))),
    path("api/", include("claims.api.urls")),
]

# Unknown addresses and failures outside the API's views: JSON under /api/, HTML elsewhere.
handler404 = "claims.api.views.not_found"
handler500 = "claims.api.views.server_error"

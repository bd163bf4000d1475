from django.contrib import admin
from django.contrib.auth.views import LoginView
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from factcheck.signin import AdminSignInForm, SignInForm

admin.site.site_header = "factcheck"
admin.site.site_title = "factcheck"
admin.site.index_title = "Quotes and claims across sources"
# Both sign-in pages lock out after repeated failures (factcheck.signin).
admin.site.login_form = AdminSignInForm

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    # Sign-in and sign-out links of the browsable API (session auth). The sign-in is
    # DRF's page with the lockout form, ahead of DRF's own route to the same address; a
    # missing or foreign `next` lands on the API's root.
    path(
        "api/auth/login/",
        LoginView.as_view(template_name="rest_framework/login.html", form_class=SignInForm, next_page="/api/"),
        name="api-login",
    ),
    path("api/auth/", include("rest_framework.urls")),
    path("api/", include("claims.api.urls")),
]

# Unknown addresses and failures outside the API's views: JSON under /api/, HTML elsewhere.
handler404 = "claims.api.views.not_found"
handler500 = "claims.api.views.server_error"

"""URL configuration: the web pages, sign-in, and Django admin for administrators."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from trustplan.api.urls import api
from trustplan.web import views as web_views

admin.site.site_header = "trustplan administration"
admin.site.site_title = "trustplan"

urlpatterns = [
    path("", include("trustplan.web.urls")),
    path("plans/", include("trustplan.plans.urls")),
    path("", include("trustplan.measures.urls")),
    path("", include("trustplan.delivery.urls")),
    path("", include("trustplan.reports.urls")),
    path("", include("trustplan.selfassessment.urls")),
    path("", include("trustplan.needs.urls")),
    path("hub/", include("trustplan.hub.urls")),
    path("hub/", include("trustplan.hub.urls_aggregates")),
    path("governance/", include("trustplan.governance.urls")),
    path("accounts/login/", web_views.SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/two-factor/", web_views.two_factor_verify, name="two-factor-verify"),
    path("accounts/two-factor/enrol/", web_views.two_factor_enrol, name="two-factor-enrol"),
    path(
        "accounts/two-factor/recovery-codes/",
        web_views.two_factor_recovery_codes,
        name="two-factor-recovery-codes",
    ),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

handler403 = "trustplan.web.views.forbidden"
handler404 = "trustplan.web.views.not_found"
handler500 = "trustplan.web.views.server_error"

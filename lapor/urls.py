from django.contrib import admin
from django.urls import include, path

from lapor.accounts.admin_login import LaporAdminSite
from lapor.api.api import api as api_v1

# The Django admin, like the console, needs a verified second factor (TOTP); it signs in
# with login, password and the authenticator code in one form (accounts.admin_login).
admin.site.__class__ = LaporAdminSite

urlpatterns = [
    path("admin/", admin.site.urls),
    path("konsol/", include("lapor.console.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api_v1.urls),
    path("akun/", include("lapor.accounts.urls")),
    path("", include("lapor.portal.urls")),
    path("", include("lapor.reports.urls")),
    path("", include("lapor.notifications.urls")),
]

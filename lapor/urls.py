from django.contrib import admin
from django.urls import include, path

from lapor.accounts.admin_login import LaporAdminSite

# The Django admin, like the console, needs a verified second factor (TOTP); it signs in
# with login, password and the authenticator code in one form (accounts.admin_login).
admin.site.__class__ = LaporAdminSite

urlpatterns = [
    path("admin/", admin.site.urls),
    path("konsol/", include("lapor.console.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("akun/", include("lapor.accounts.urls")),
    path("", include("lapor.portal.urls")),
    path("", include("lapor.reports.urls")),
    path("", include("lapor.notifications.urls")),
]

from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite

# The Django admin, like the console, needs a verified second factor (TOTP).
admin.site.__class__ = OTPAdminSite

urlpatterns = [
    path("admin/", admin.site.urls),
    path("konsol/", include("lapor.console.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("akun/", include("lapor.accounts.urls")),
    path("", include("lapor.portal.urls")),
    path("", include("lapor.reports.urls")),
    path("", include("lapor.notifications.urls")),
]

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("konsol/", include("lapor.console.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("akun/", include("lapor.accounts.urls")),
    path("", include("lapor.portal.urls")),
    path("", include("lapor.reports.urls")),
    path("", include("lapor.notifications.urls")),
]

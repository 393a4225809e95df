from django.urls import path

from . import views

app_name = "console"

urlpatterns = [
    path("", views.home, name="home"),
    path("masuk/", views.login_view, name="login"),
    path("kode/", views.otp_view, name="otp"),
    path("keamanan/", views.security_view, name="security"),
    path("keluar/", views.logout_view, name="logout"),
    path("undangan/<str:uidb64>/<str:token>/", views.invitation_view, name="invitation"),
    path("verifikasi/", views.desk, name="desk"),
    path("verifikasi/berikutnya/", views.desk_next, name="desk_next"),
    path("verifikasi/massal/", views.desk_bulk, name="desk_bulk"),
    path("kotak-masuk/", views.inbox, name="inbox"),
    path("kotak-masuk/massal/", views.inbox_bulk, name="inbox_bulk"),
    path("tampilan/", views.saved_view_save, name="saved_view_save"),
    path("tampilan/<int:pk>/hapus/", views.saved_view_delete, name="saved_view_delete"),
    path("pengawasan/", views.oversight, name="oversight"),
    path("laporan/<str:tracking_id>/", views.report_detail, name="report"),
    path("laporan/<str:tracking_id>/aksi/<str:action>/", views.report_action, name="report_action"),
    path("laporan/<str:tracking_id>/catatan/", views.report_note, name="report_note"),
    path("laporan/<str:tracking_id>/tugaskan/", views.report_assign, name="report_assign"),
    path("instansi/", views.agency_admin, name="agency"),
    path("instansi/<int:agency_id>/unit/", views.agency_unit_create, name="agency_unit_create"),
    path("instansi/<int:agency_id>/undang/", views.agency_invite, name="agency_invite"),
    path(
        "instansi/<int:agency_id>/templat/",
        views.agency_template_create,
        name="agency_template_create",
    ),
    path("instansi/peran/<int:pk>/cabut/", views.agency_revoke, name="agency_revoke"),
    path(
        "templat/<int:pk>/nonaktif/",
        views.agency_template_deactivate,
        name="agency_template_deactivate",
    ),
]

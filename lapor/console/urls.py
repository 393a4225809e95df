from django.urls import path

from .views import (
    agency,
    auth,
    common,
    desk,
    inbox,
    integrations,
    oversight,
    redaction,
    report,
    webhooks,
)

app_name = "console"

urlpatterns = [
    path("", common.home, name="home"),
    path("masuk/", auth.login_view, name="login"),
    path("kode/", auth.otp_view, name="otp"),
    path("keamanan/", auth.security_view, name="security"),
    path("keluar/", auth.logout_view, name="logout"),
    path("undangan/<str:uidb64>/<str:token>/", auth.invitation_view, name="invitation"),
    path("verifikasi/", desk.desk, name="desk"),
    path("verifikasi/berikutnya/", desk.desk_next, name="desk_next"),
    path("verifikasi/massal/", desk.desk_bulk, name="desk_bulk"),
    path("kotak-masuk/", inbox.inbox, name="inbox"),
    path("kotak-masuk/massal/", inbox.inbox_bulk, name="inbox_bulk"),
    path("tampilan/", inbox.saved_view_save, name="saved_view_save"),
    path("tampilan/<int:pk>/hapus/", inbox.saved_view_delete, name="saved_view_delete"),
    path("pengawasan/", oversight.oversight, name="oversight"),
    path("laporan/<str:tracking_id>/", report.report_detail, name="report"),
    path(
        "laporan/<str:tracking_id>/aksi/<str:action>/", report.report_action, name="report_action"
    ),
    path("laporan/<str:tracking_id>/catatan/", report.report_note, name="report_note"),
    path("laporan/<str:tracking_id>/tugaskan/", report.report_assign, name="report_assign"),
    path("laporan/<str:tracking_id>/samarkan/", redaction.report_redact, name="report_redact"),
    path("instansi/", agency.agency_admin, name="agency"),
    path("instansi/cari/", common.agency_search, name="agency_search"),
    path("instansi/<int:agency_id>/unit/", agency.agency_unit_create, name="agency_unit_create"),
    path("instansi/<int:agency_id>/undang/", agency.agency_invite, name="agency_invite"),
    path(
        "instansi/<int:agency_id>/templat/",
        agency.agency_template_create,
        name="agency_template_create",
    ),
    path("instansi/peran/<int:pk>/cabut/", agency.agency_revoke, name="agency_revoke"),
    path("integrasi/", integrations.integrations, name="integrations"),
    path("integrasi/<int:agency_id>/kunci-baru/", integrations.apikey_new, name="apikey_new"),
    path("integrasi/kunci/<int:pk>/cabut/", integrations.apikey_revoke, name="apikey_revoke"),
    path("integrasi/webhook/", webhooks.webhook_list, name="webhooks"),
    path("integrasi/<int:agency_id>/webhook-baru/", webhooks.webhook_new, name="webhook_new"),
    path("integrasi/webhook/<int:pk>/aktif/", webhooks.webhook_set_active, name="webhook_active"),
    path("integrasi/webhook/<int:pk>/rahasia/", webhooks.webhook_rotate, name="webhook_rotate"),
    path("integrasi/webhook/<int:pk>/hapus/", webhooks.webhook_delete, name="webhook_delete"),
    path("integrasi/webhook/<int:pk>/uji/", webhooks.webhook_test, name="webhook_test"),
    path(
        "integrasi/webhook/kiriman/<int:pk>/ulang/",
        webhooks.webhook_send_again,
        name="webhook_send_again",
    ),
    path(
        "templat/<int:pk>/nonaktif/",
        agency.agency_template_deactivate,
        name="agency_template_deactivate",
    ),
]

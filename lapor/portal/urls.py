from django.urls import path

from . import feeds, views, write_views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("lapor/", write_views.write, name="write"),
    path("lapor/mulai-lagi/", write_views.write_restart, name="write_restart"),
    path("lapor/foto/", write_views.write_files, name="write_files"),
    path("lapor/foto/unggah/", write_views.write_files_upload, name="write_files_upload"),
    path("lapor/foto/<int:pk>/", write_views.write_file_preview, name="write_file_preview"),
    path("lapor/foto/<int:pk>/hapus/", write_views.write_file_remove, name="write_file_remove"),
    path("lapor/kejadian/", write_views.write_story, name="write_story"),
    path("lapor/jenis/", write_views.write_kind, name="write_kind"),
    path("lapor/instansi/", write_views.write_agency, name="write_agency"),
    path("lapor/privasi/", write_views.write_privacy, name="write_privacy"),
    path("lapor/periksa/", write_views.write_check, name="write_check"),
    path("lapor/kirim/", write_views.write_send, name="write_send"),
    path("lapor/wilayah/", write_views.region_options, name="region_options"),
    path("lapor/saran-instansi/", write_views.agency_suggest, name="agency_suggest"),
    path("lapor/mirip/", write_views.similar, name="similar"),
    path("laporan/", views.browse, name="browse"),
    path("laporan/saya/", views.my_reports, name="my_reports"),
    path("lacak/", views.lookup, name="lookup"),
    path("laporan/feed/instansi/<slug:code>/", feeds.AgencyFeed(), name="feed_agency"),
    path("laporan/feed/wilayah/<str:code>/", feeds.RegionFeed(), name="feed_region"),
    path("laporan/<str:tracking_id>/", views.report_detail, name="report"),
    path("laporan/<str:tracking_id>/terkirim/", views.report_sent, name="report_sent"),
    path("laporan/<str:tracking_id>/balas/", views.report_reply, name="report_reply"),
    path("laporan/<str:tracking_id>/selesai/", views.report_close, name="report_close"),
    path("laporan/<str:tracking_id>/ombudsman/", views.report_consent, name="report_consent"),
    path("laporan/<str:tracking_id>/dukung/", views.support, name="support"),
    path("laporan/<str:tracking_id>/komentar/", views.comment, name="comment"),
    path("komentar/<int:pk>/laporkan/", views.comment_flag, name="comment_flag"),
]

from django.urls import path

from . import feeds, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("lapor/", views.write, name="write"),
    path("lapor/wilayah/", views.region_options, name="region_options"),
    path("lapor/saran-instansi/", views.agency_suggest, name="agency_suggest"),
    path("lapor/mirip/", views.similar, name="similar"),
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

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("daftar/", views.register, name="register"),
    path("konfirmasi/", views.confirm, name="confirm"),
    path("masuk/", views.login_view, name="login"),
    path("keluar/", views.logout_view, name="logout"),
    path("lupa-sandi/", views.reset_request, name="reset"),
    path("lupa-sandi/kode/", views.reset_confirm, name="reset_confirm"),
    path("profil/", views.profile, name="profile"),
    path("hapus/", views.delete, name="delete"),
]

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("attachments/<int:pk>/small/", views.attachment_thumbnail, name="attachment_thumb"),
]

from django.urls import path

from alongside.privacy import views

urlpatterns = [
    path("", views.privacy, name="privacy"),
    path("export/", views.export_start, name="privacy_export"),
    path("export/<str:token>/", views.export_download, name="privacy_export_download"),
    path("delete/", views.erase, name="privacy_erase"),
]

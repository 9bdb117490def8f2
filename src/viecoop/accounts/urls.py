from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("activer/", views.activate, name="activate"),
    path("activer/confirmer/", views.activate_confirm, name="activate_confirm"),
    path("activer/<str:code>/", views.activate, name="activate_code"),
    path("compte/profil/", views.profile, name="profile"),
    path("compte/mes-donnees/", views.export_data, name="export_data"),
    path("compte/suppression/", views.deletion_request, name="deletion_request"),
    path("federation/suppressions/", views.deletion_requests, name="deletion_requests"),
    path(
        "federation/suppressions/<int:pk>/",
        views.deletion_request_detail,
        name="deletion_request_detail",
    ),
]

from django.urls import include, path

from . import views

app_name = "organizations"

coop_patterns = [
    path("", views.coop_home, name="coop_home"),
    path("parametres/", views.coop_settings, name="coop_settings"),
    path("residences/", views.residence_list, name="residence_list"),
    path("residences/nouvelle/", views.residence_create, name="residence_create"),
    path("residences/<int:pk>/", views.residence_update, name="residence_update"),
    path("residences/<int:pk>/supprimer/", views.residence_delete, name="residence_delete"),
    path("equipe/", views.team, name="team"),
    path("equipe/inviter/", views.invite, name="invite"),
    path(
        "equipe/invitations/<int:pk>/<str:action>/",
        views.invitation_action,
        name="invitation_action",
    ),
    path("equipe/roles/<int:pk>/retirer/", views.role_revoke, name="role_revoke"),
]

urlpatterns = [
    path("c/<slug:coop_slug>/", include(coop_patterns)),
    path("federation/", views.federation_home, name="federation_home"),
    path("federation/cooperatives/nouvelle/", views.coop_create, name="coop_create"),
    path("federation/equipe/inviter/", views.federation_invite, name="federation_invite"),
]

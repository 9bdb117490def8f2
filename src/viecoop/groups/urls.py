from django.urls import path

from . import views

app_name = "groups"

# The same pages in both spaces (see views/__init__.py).
GROUP_PAGES = [
    ("", "detail"),
    ("modifier/", "update"),
    ("rejoindre/", "join"),
    ("quitter/", "leave"),
    ("notifications/", "notify"),
    ("membres/", "members"),
    ("membres/<int:membership_pk>/<str:verb>/", "member_action"),
    ("reunions/nouvelle/", "meeting_create"),
    ("discussions/", "discussions"),
    ("discussions/nouvelle/", "discussion_create"),
    ("discussions/<int:discussion_pk>/", "discussion"),
    ("discussions/<int:discussion_pk>/cloture/", "discussion_close"),
    ("discussions/<int:discussion_pk>/messages/<int:message_pk>/modifier/", "message_edit"),
    ("discussions/<int:discussion_pk>/messages/<int:message_pk>/retirer/", "message_remove"),
    ("documents/", "documents"),
    ("documents/<int:document_pk>/", "document"),
    ("documents/<int:document_pk>/versions/<int:version_pk>/", "version_download"),
    ("livrables/", "deliverables"),
    ("livrables/nouveau/", "deliverable_create"),
    ("livrables/<int:deliverable_pk>/", "deliverable"),
    ("livrables/<int:deliverable_pk>/fichier/", "deliverable_download"),
    ("livrables/<int:deliverable_pk>/proposer/", "deliverable_propose"),
]

urlpatterns = [
    path("reseau/groupes/", views.network_list, name="network_list"),
    path("reseau/groupes/nouveau/", views.network_create, name="network_create"),
    path("c/<slug:coop_slug>/groupes/", views.coop_list, name="coop_list"),
    path("c/<slug:coop_slug>/groupes/nouveau/", views.coop_create, name="coop_create"),
]
for route, name in GROUP_PAGES:
    urlpatterns += [
        path(
            f"reseau/groupes/<int:pk>/{route}",
            getattr(views, f"network_{name}"),
            name=f"network_{name}",
        ),
        path(
            f"c/<slug:coop_slug>/groupes/<int:pk>/{route}",
            getattr(views, f"coop_{name}"),
            name=f"coop_{name}",
        ),
    ]

from django.urls import path

from . import feed_views, views

app_name = "events"

# The same pages in both spaces: (route, view name). Network views take ``pk``; coop views
# take ``coop_slug`` and ``pk`` and are wrapped by ``coop_view``.
EVENT_PAGES = [
    ("", "detail"),
    ("modifier/", "update"),
    ("publier/", "publish"),
    ("annuler/", "cancel"),
    ("inscription/", "register"),
    ("desinscription/", "unregister"),
    ("inscrits/", "registrations"),
    ("inscrits/<int:registration_pk>/annuler/", "registration_cancel"),
    ("presences/", "attendance"),
    ("presences/<int:registration_pk>/", "attendance_mark"),
    ("compte-rendu/", "minutes"),
    ("documents/<int:document_pk>/", "document"),
    ("documents/<int:document_pk>/supprimer/", "document_delete"),
    ("evenement.ics", "ics"),
]

urlpatterns = [
    path("reseau/evenements/", views.network_list, name="network_list"),
    path("reseau/evenements/nouveau/", views.network_create, name="network_create"),
    path("c/<slug:coop_slug>/evenements/", views.coop_list, name="coop_list"),
    path("c/<slug:coop_slug>/evenements/nouveau/", views.coop_create, name="coop_create"),
    path("mes-evenements/", feed_views.my_events, name="my_events"),
    path("mes-evenements/agenda/", feed_views.feed_manage, name="feed_manage"),
    path("agenda/<str:token>.ics", feed_views.feed, name="feed"),
]
for route, name in EVENT_PAGES:
    urlpatterns += [
        path(
            f"reseau/evenements/<int:pk>/{route}",
            getattr(views, f"network_{name}"),
            name=f"network_{name}",
        ),
        path(
            f"c/<slug:coop_slug>/evenements/<int:pk>/{route}",
            getattr(views, f"coop_{name}"),
            name=f"coop_{name}",
        ),
    ]

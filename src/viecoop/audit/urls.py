from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("c/<slug:coop_slug>/journal/", views.coop_log, name="coop_log"),
    path("federation/journal/", views.federation_log, name="federation_log"),
]

from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("c/<slug:coop_slug>/associes/", views.member_list, name="member_list"),
    path("c/<slug:coop_slug>/associes/nouveau/", views.member_create, name="member_create"),
    path("c/<slug:coop_slug>/associes/droits-de-vote/", views.voting_rights, name="voting_rights"),
    path("c/<slug:coop_slug>/associes/<int:pk>/", views.member_detail, name="member_detail"),
    path(
        "c/<slug:coop_slug>/associes/<int:pk>/modifier/", views.member_update, name="member_update"
    ),
    path(
        "c/<slug:coop_slug>/associes/<int:pk>/admission/", views.member_admit, name="member_admit"
    ),
    path("c/<slug:coop_slug>/associes/<int:pk>/sortie/", views.member_leave, name="member_leave"),
    path("c/<slug:coop_slug>/parts/", views.ledger, name="ledger"),
    path(
        "c/<slug:coop_slug>/parts/nouvelle-operation/",
        views.operation_create,
        name="operation_create",
    ),
]

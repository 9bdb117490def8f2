from django.urls import path

from . import federation_views, own_views, views

app_name = "members"
urlpatterns = [
    path("federation/societariat/", federation_views.membership_overview, name="federation_overview"),
    path("federation/societariat/<slug:coop_slug>/", federation_views.membership_coop, name="federation_coop"),
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
    path(
        "c/<slug:coop_slug>/associes/<int:pk>/inviter/", views.member_invite, name="member_invite"
    ),
    path("c/<slug:coop_slug>/parts/", views.ledger, name="ledger"),
    path("c/<slug:coop_slug>/mes-parts/", own_views.my_membership, name="my_membership"),
    path("c/<slug:coop_slug>/mes-parts/coordonnees/", own_views.my_details, name="my_details"),
    path(
        "c/<slug:coop_slug>/mes-parts/demande-de-sortie/",
        own_views.my_exit_request,
        name="my_exit_request",
    ),
    path(
        "c/<slug:coop_slug>/parts/nouvelle-operation/",
        views.operation_create,
        name="operation_create",
    ),
]

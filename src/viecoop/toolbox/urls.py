from django.urls import path

from .views import manage, members, network

app_name = "toolbox"
N = "reseau/boite-a-outils/"
F = "federation/boite-a-outils/"
C = "c/<slug:coop_slug>/ressources/"

urlpatterns = [
    # The network: coop staff and the federation's team.
    path(N, network.home, name="home"),
    path(N + "partages/", network.shared_with_me, name="shared_with_me"),
    path(N + "proposer/", network.propose, name="propose"),
    path(N + "mes-propositions/", network.my_proposals, name="my_proposals"),
    path(N + "<int:pk>/", network.resource_detail, name="resource_detail"),
    path(N + "<int:pk>/ouvrir/", network.resource_open, name="resource_open"),
    path(N + "<int:pk>/versions/<int:number>/", network.resource_version, name="resource_version"),
    path(N + "<int:pk>/avis/", network.resource_feedback, name="resource_feedback"),
    path(N + "<int:pk>/relayer/", network.resource_relay, name="resource_relay"),
    # The federation manages.
    path(F, manage.manage_list, name="manage_list"),
    path(F + "nouvelle/", manage.manage_create, name="manage_create"),
    path(F + "propositions/", manage.proposals, name="proposals"),
    path(F + "cooperatives/", manage.reach_coops, name="reach_coops"),
    path(F + "cooperatives/<slug:coop_slug>/", manage.reach_coop, name="reach_coop"),
    path(F + "<int:pk>/", manage.manage_detail, name="manage_detail"),
    path(F + "<int:pk>/modifier/", manage.manage_edit, name="manage_edit"),
    path(F + "<int:pk>/nouvelle-version/", manage.manage_version, name="manage_version"),
    path(F + "<int:pk>/etat/", manage.manage_state, name="manage_state"),
    path(F + "<int:pk>/examen/", manage.manage_review, name="manage_review"),
    path(F + "<int:pk>/versions/<int:number>/", manage.manage_file, name="manage_file"),
    # Members, in their coop's space.
    path(C, members.member_list, name="member_list"),
    path(C + "<int:pk>/", members.member_detail, name="member_detail"),
    path(C + "<int:pk>/ouvrir/", members.member_open, name="member_open"),
]

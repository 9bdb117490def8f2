from django.urls import path

from .views import barometer, coop, coop_campaigns, federation, federation_campaigns

app_name = "reports"
C = "c/<slug:coop_slug>/remontees/"
F = "federation/remontees/"
FC = "federation/campagnes/"

urlpatterns = [
    # A coop's reports (its staff).
    path(C, coop.overview, name="overview"),
    path(C + "projets/", coop.project_list, name="project_list"),
    path(C + "projets/nouveau/", coop.project_create, name="project_create"),
    path(C + "projets/<int:pk>/", coop.project_detail, name="project_detail"),
    path(C + "projets/<int:pk>/modifier/", coop.project_update, name="project_update"),
    path(C + "projets/<int:pk>/supprimer/", coop.project_delete, name="project_delete"),
    path(C + "projets/<int:pk>/photos/", coop.photo_add, name="photo_add"),
    path(C + "projets/<int:pk>/photos/<int:photo_pk>/", coop.photo, name="photo"),
    path(
        C + "projets/<int:pk>/photos/<int:photo_pk>/supprimer/",
        coop.photo_delete,
        name="photo_delete",
    ),
    path(C + "difficultes-besoins/", coop.concern_list, name="concern_list"),
    path(C + "difficultes-besoins/nouveau/", coop.concern_create, name="concern_create"),
    path(C + "difficultes-besoins/<int:pk>/", coop.concern_update, name="concern_update"),
    path(C + "campagnes/", coop_campaigns.campaign_list, name="campaign_list"),
    path(C + "campagnes/<int:pk>/", coop_campaigns.campaign_answer, name="campaign_answer"),
    path(
        C + "campagnes/<int:pk>/actualiser/",
        coop_campaigns.campaign_refresh,
        name="campaign_refresh",
    ),
    path("c/<slug:coop_slug>/barometre/", barometer.coop_barometer, name="coop_barometer"),
    # The federation.
    path(F, federation.dashboard, name="dashboard"),
    path(F + "projets/", federation.project_list, name="federation_projects"),
    path(F + "projets/<int:pk>/", federation.project_detail, name="federation_project"),
    path(
        F + "projets/<int:pk>/photos/<int:photo_pk>/",
        federation.project_photo,
        name="federation_photo",
    ),
    path(F + "difficultes-besoins/", federation.concern_list, name="federation_concerns"),
    path("federation/barometre/", barometer.federation_barometer, name="federation_barometer"),
    path(
        "federation/barometre/<slug:coop_slug>/",
        barometer.federation_coop_barometer,
        name="federation_coop_barometer",
    ),
    path(FC, federation_campaigns.campaign_list, name="federation_campaigns"),
    path(FC + "nouvelle/", federation_campaigns.campaign_create, name="campaign_create"),
    path(FC + "societariat/", federation_campaigns.societariat_create, name="societariat_create"),
    path(FC + "<int:pk>/", federation_campaigns.campaign_detail, name="federation_campaign"),
    path(FC + "<int:pk>/modifier/", federation_campaigns.campaign_update, name="campaign_update"),
    path(FC + "<int:pk>/etat/", federation_campaigns.campaign_state, name="campaign_state"),
    path(
        FC + "<int:pk>/questions/nouvelle/",
        federation_campaigns.question_create,
        name="question_create",
    ),
    path(
        FC + "<int:pk>/questions/<int:question_pk>/",
        federation_campaigns.question_update,
        name="question_update",
    ),
    path(
        FC + "<int:pk>/questions/<int:question_pk>/supprimer/",
        federation_campaigns.question_delete,
        name="question_delete",
    ),
    path(
        FC + "<int:pk>/reponses/<slug:coop_slug>/",
        federation_campaigns.response_detail,
        name="federation_response",
    ),
]

from django.urls import path

from .views import coop, directory, federation, news, referents

app_name = "network"

urlpatterns = [
    # The network space: staff of member coops and the federation's team.
    path("reseau/", directory.home, name="home"),
    path("reseau/annuaire/", directory.directory, name="directory"),
    path("reseau/referents/", directory.referent_list, name="referent_list"),
    path("reseau/referents/<int:pk>/", directory.referent_detail, name="referent_detail"),
    path("reseau/referents/<int:pk>/photo/", directory.referent_photo, name="referent_photo"),
    path("reseau/devenir-referent/", referents.volunteer, name="volunteer"),
    path(
        "reseau/devenir-referent/<int:pk>/retirer/",
        referents.application_withdraw,
        name="application_withdraw",
    ),
    path("reseau/mon-profil/", referents.my_profile, name="my_profile"),
    path("reseau/mandats/<int:pk>/quitter/", referents.step_down, name="step_down"),
    path("reseau/actualites/", news.news_list, name="news_list"),
    path("reseau/actualites/nouvelle/", news.news_create, name="news_create"),
    path("reseau/actualites/<int:pk>/", news.news_detail, name="news_detail"),
    path("reseau/actualites/<int:pk>/modifier/", news.news_update, name="news_update"),
    path("reseau/actualites/<int:pk>/publier/", news.news_publish, name="news_publish"),
    path("reseau/actualites/<int:pk>/renvoyer/", news.news_reject, name="news_reject"),
    path("reseau/actualites/<int:pk>/supprimer/", news.news_delete, name="news_delete"),
    path("reseau/commentaires/<int:pk>/masquer/", news.comment_hide, name="comment_hide"),
    path("reseau/commentaires/<int:pk>/afficher/", news.comment_unhide, name="comment_unhide"),
    path("reseau/commentaires/<int:pk>/supprimer/", news.comment_delete, name="comment_delete"),
    # The federation's side.
    path("federation/reseau/candidatures/", federation.applications, name="applications"),
    path(
        "federation/reseau/candidatures/<int:pk>/",
        federation.application_review,
        name="application_review",
    ),
    path(
        "federation/reseau/sans-referent/",
        federation.coops_without_referent,
        name="coops_without_referent",
    ),
    path(
        "federation/reseau/mandats/<int:pk>/terminer/", federation.mandate_end, name="mandate_end"
    ),
    path("federation/reseau/actualites/", news.news_moderation, name="news_moderation"),
    # The coop's page of its référents.
    path("c/<slug:coop_slug>/referents/", coop.coop_referents, name="coop_referents"),
]

from django.urls import path

from .views import coop, lessons, manage, programmes, projects

app_name = "training"

urlpatterns = [
    # The network space.
    path("reseau/formation/", programmes.programme_list, name="programme_list"),
    path("reseau/formation/mon-parcours/", projects.my_training, name="my_training"),
    path("reseau/formation/retours/", lessons.lesson_list, name="lesson_list"),
    path("reseau/formation/retours/nouveau/", lessons.lesson_create, name="lesson_create"),
    path("reseau/formation/retours/<int:pk>/", lessons.lesson_detail, name="lesson_detail"),
    path(
        "reseau/formation/retours/<int:pk>/modifier/", lessons.lesson_update, name="lesson_update"
    ),
    path("reseau/formation/retours/<int:pk>/envoyer/", lessons.lesson_submit, name="lesson_submit"),
    path(
        "reseau/formation/retours/<int:pk>/supprimer/", lessons.lesson_delete, name="lesson_delete"
    ),
    path("reseau/formation/projets/<int:pk>/", projects.project_detail, name="project_detail"),
    path(
        "reseau/formation/projets/<int:pk>/modifier/",
        projects.project_update,
        name="project_update",
    ),
    path("reseau/formation/projets/<int:pk>/jalons/", projects.milestone_add, name="milestone_add"),
    path("reseau/formation/jalons/<int:pk>/", projects.milestone_update, name="milestone_update"),
    path(
        "reseau/formation/jalons/<int:pk>/statut/",
        projects.milestone_status,
        name="milestone_status",
    ),
    path(
        "reseau/formation/jalons/<int:pk>/supprimer/",
        projects.milestone_delete,
        name="milestone_delete",
    ),
    path("reseau/formation/<slug:slug>/", programmes.programme_detail, name="programme_detail"),
    path("reseau/formation/<slug:slug>/projet/", projects.project_create, name="project_create"),
    path(
        "reseau/formation/<slug:slug>/sessions/<int:number>/",
        programmes.session_detail,
        name="session_detail",
    ),
    # The federation runs it.
    path("federation/formation/", manage.manage_home, name="manage_home"),
    path(
        "federation/formation/programmes/nouveau/",
        manage.programme_create,
        name="programme_create",
    ),
    path(
        "federation/formation/<slug:slug>/modifier/",
        manage.programme_update,
        name="programme_update",
    ),
    path(
        "federation/formation/<slug:slug>/sessions/nouvelle/",
        manage.session_create,
        name="session_create",
    ),
    path(
        "federation/formation/sessions/<int:pk>/modifier/",
        manage.session_update,
        name="session_update",
    ),
    path(
        "federation/formation/sessions/<int:pk>/jours/",
        manage.session_day_add,
        name="session_day_add",
    ),
    path(
        "federation/formation/jours/<int:pk>/supprimer/",
        manage.session_day_delete,
        name="session_day_delete",
    ),
    path("federation/formation/sessions/<int:pk>/cohorte/", manage.cohort, name="cohort"),
    path(
        "federation/formation/participants/<int:pk>/retirer/",
        manage.participant_withdraw,
        name="participant_withdraw",
    ),
    path(
        "federation/formation/retours/<int:pk>/relecture/",
        manage.lesson_review,
        name="lesson_review",
    ),
    # A coop's people in the programme.
    path("c/<slug:coop_slug>/formation/", coop.coop_training, name="coop_training"),
]

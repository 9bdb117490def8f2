from django.urls import path

from . import import_views as views

app_name = "members_import"
urlpatterns = [
    path("c/<slug:coop_slug>/associes/import/", views.import_start, name="start"),
    path("c/<slug:coop_slug>/associes/import/export.csv", views.export_csv, name="export_csv"),
    path("c/<slug:coop_slug>/associes/import/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("c/<slug:coop_slug>/associes/import/<int:pk>/", views.job_detail, name="job"),
    path(
        "c/<slug:coop_slug>/associes/import/<int:pk>/importer/",
        views.job_confirm,
        name="job_confirm",
    ),
    path(
        "c/<slug:coop_slug>/associes/import/<int:pk>/rejets.csv",
        views.job_rejections,
        name="job_rejections",
    ),
]

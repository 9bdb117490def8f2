"""URL arguments of the reports' coop pages, for the generic isolation test."""


def _project(coop):
    from tests.reports.factories import make_project

    return {"pk": make_project(coop=coop).pk}


def _photo(coop):
    from django.core.files.storage import default_storage

    from tests.reports.factories import jpeg_file, make_project
    from viecoop.reports.models import ProjectPhoto

    project = make_project(coop=coop)
    # One tiny file at a fixed name (replaced at each run), so its own manager gets the photo.
    name = "reports/isolation-sample.jpg"
    default_storage.delete(name)
    default_storage.save(name, jpeg_file(size=(8, 8)))
    photo = ProjectPhoto.objects.create(project=project, image=name, alt_text="Exemple")
    return {"pk": project.pk, "photo_pk": photo.pk}


def _concern(coop):
    from tests.reports.factories import make_concern

    return {"pk": make_concern(coop=coop).pk}


def _campaign(coop):
    from tests.reports.factories import make_campaign

    return {"pk": make_campaign(federation=coop.federation).pk}


SAMPLES = {
    "reports:project_detail": _project,
    "reports:project_update": _project,
    "reports:project_delete": _project,
    "reports:photo_add": _project,
    "reports:photo": _photo,
    "reports:photo_delete": _photo,
    "reports:concern_update": _concern,
    "reports:campaign_answer": _campaign,
    "reports:campaign_refresh": _campaign,
}

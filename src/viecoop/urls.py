from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

urlpatterns = [
    path("", include("viecoop.core.urls")),
    path("", include("viecoop.accounts.urls")),
    path("", include("viecoop.organizations.urls")),
    path("", include("viecoop.audit.urls")),
    path("", include("viecoop.members.urls")),
    path("", include("viecoop.members.import_urls")),
    path("", include("viecoop.assemblies.urls")),
    path("", include("viecoop.network.urls")),
    path("", include("viecoop.events.urls")),
    path("", include("viecoop.training.urls")),
    path("", include("viecoop.groups.urls")),
    path("", include("viecoop.toolbox.urls")),
    path("", include("viecoop.reports.urls")),
    path("", include("viecoop.api.urls")),
    path("compte/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin-technique/", admin.site.urls),
]

if settings.DEBUG and not settings.S3_BUCKET:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

handler400 = "viecoop.core.views.error_400"
handler403 = "viecoop.core.views.error_403"
handler404 = "viecoop.core.views.error_404"
handler500 = "viecoop.core.views.error_500"

"""The coop's tokens page (namespace ``api``) and the API itself (namespace ``api-v1``)."""

from django.urls import include, path, re_path

from . import views
from .main import api, api_root, unknown_path

token_patterns = [
    path("c/<slug:coop_slug>/parametres/api/", views.token_list, name="tokens"),
    path(
        "c/<slug:coop_slug>/parametres/api/<int:pk>/revoquer/",
        views.token_revoke,
        name="token_revoke",
    ),
]

urlpatterns = [
    path("", include((token_patterns, "api"))),
    path("api/v1/", api_root, name="api_root"),
    path("api/v1/", api.urls),
    # Any other path under /api/, new lines included: a JSON 404.
    re_path(r"^api/(?P<path>[\s\S]*)\Z", unknown_path, name="api_unknown_path"),
]

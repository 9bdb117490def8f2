from django.core.paginator import Paginator

from viecoop.core.htmx import render_page
from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view, space_view

from .forms import AuditFilterForm
from .selectors import audit_actions, audit_entries

PAGE_SIZE = 50


def _log_page(request, *, coop: Coop | None, template_context: dict):
    form = AuditFilterForm(request.GET or None, actions=audit_actions(coop=coop))
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entries(
        coop=coop,
        federation_level=coop is None,
        action=filters.get("action", ""),
        actor=filters.get("actor", ""),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    ).select_related("actor")
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render_page(
        request,
        "audit/log.html",
        {"form": form, "page": page, "query": query.urlencode(), "coop": coop, **template_context},
    )


@coop_view("audit.view_coop_log")
def coop_log(request, coop: Coop):
    return _log_page(request, coop=coop, template_context={})


@space_view("audit.view_federation_log")
def federation_log(request):
    return _log_page(request, coop=None, template_context={"federation_space": True})

"""The register's settings pages, for the coop's managers: general, categories, colleges."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from viecoop.core.forms import add_service_errors
from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view, scoped_get

from . import services
from .models import Category, ConsentPurpose, ConsentText, Member, RegisterSettings
from .settings_forms import (
    CategoryEditForm,
    CategoryForm,
    CollegeFormSet,
    ConsentTextForm,
    RegisterSettingsForm,
)

PERM = "members.manage_register_settings"


@coop_view(PERM)
def register_settings(request, coop: Coop):
    register = RegisterSettings.objects.get_or_create(coop=coop)[0]
    form = RegisterSettingsForm(request.POST or None, instance=register)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.register_settings_update(actor=request.user, coop=coop, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The register's settings have been saved."))
            return redirect("members:register_settings", coop_slug=coop.slug)
    return render(
        request,
        "members/settings_general.html",
        {"coop": coop, "form": form, "tab": "general", "example": register.format_number(42)},
    )


def _categories(coop: Coop):
    return (
        Category.objects.filter(coop=coop)
        .select_related("default_college")
        .annotate(member_count=Count("members"))
        .order_by("position", "name", "pk")
    )


@coop_view(PERM)
def category_list(request, coop: Coop):
    form = CategoryForm(request.POST or None, coop=coop)
    if request.method == "POST" and form.is_valid():
        try:
            category = services.category_create(actor=request.user, coop=coop, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The category « %(name)s » is added.") % {"name": category})
            return redirect("members:category_list", coop_slug=coop.slug)
    return render(
        request,
        "members/settings_categories.html",
        {"coop": coop, "form": form, "categories": _categories(coop), "tab": "categories"},
    )


@coop_view(PERM)
def category_update(request, coop: Coop, pk: int):
    category = scoped_get(Category.objects.select_related("coop"), coop=coop, pk=pk)
    form = CategoryEditForm.for_category(category, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.category_update(actor=request.user, category=category, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The category has been saved."))
            return redirect("members:category_list", coop_slug=coop.slug)
    in_use = category.members.exists()
    return render(
        request,
        "members/settings_category_form.html",
        {"coop": coop, "form": form, "category": category, "in_use": in_use, "tab": "categories"},
    )


@coop_view(PERM)
@require_POST  # inside coop_view: another coop's category answers 404 whatever the method
def category_move(request, coop: Coop, pk: int):
    category = scoped_get(Category.objects.select_related("coop"), coop=coop, pk=pk)
    offset = -1 if request.POST.get("direction") == "up" else 1
    services.category_move(actor=request.user, category=category, offset=offset)
    return redirect(f"{_url(coop, 'category_list')}#category-{category.pk}")


@coop_view(PERM)
@require_POST
def category_delete(request, coop: Coop, pk: int):
    category = scoped_get(Category.objects.select_related("coop"), coop=coop, pk=pk)
    try:
        services.category_delete(actor=request.user, category=category)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("members:category_update", coop_slug=coop.slug, pk=category.pk)
    messages.success(request, _("The category « %(name)s » is deleted.") % {"name": category})
    return redirect("members:category_list", coop_slug=coop.slug)


def _url(coop: Coop, name: str) -> str:
    from django.urls import reverse

    return reverse(f"members:{name}", kwargs={"coop_slug": coop.slug})


@coop_view(PERM)
def colleges(request, coop: Coop):
    """All the coop's colleges in one form: their weights are only valid together."""
    existing = services.colleges_with_usage(coop=coop)
    scic = coop.legal_form == Coop.LegalForm.SCIC
    initial = [
        {
            "pk": college.pk,
            "name": college.name,
            "kind": college.kind,
            "weight": college.weight,
            "position": college.position,
        }
        for college in existing
    ]
    formset = CollegeFormSet(request.POST or None, initial=initial, prefix="colleges")
    if scic:
        formset.extra = 1  # an empty row to add a college
    problems: list[str] = []
    if request.method == "POST" and formset.is_valid():
        rows = [
            services.CollegeRow(
                pk=data.get("pk"),
                name=data.get("name") or "",
                weight=data.get("weight") if scic else None,
                position=data["position"] if data.get("position") is not None else index,
                kind=data.get("kind") or "" if scic else "",
                delete=bool(data.get("delete")),
            )
            for index, data in enumerate(formset.cleaned_data)
            # An added row left empty is no college.
            if data.get("pk") or data.get("name") or data.get("weight") is not None
        ]
        try:
            services.colleges_update(actor=request.user, coop=coop, rows=rows)
        except services.CollegesInvalid as error:
            problems = error.messages
            kept = [
                form
                for form in formset.forms
                if form.cleaned_data.get("pk")
                or form.cleaned_data.get("name")
                or form.cleaned_data.get("weight") is not None
            ]
            for index, fields in error.rows.items():
                for name, message in fields.items():
                    kept[index].add_error(name, message)
        else:
            messages.success(request, _("The colleges have been saved."))
            return redirect("members:colleges", coop_slug=coop.slug)
    usage = {college.pk: college for college in existing}
    rows = [(form, usage.get(form.initial.get("pk") or form["pk"].value())) for form in formset]
    total = sum(college.weight or 0 for college in existing) if scic else None
    return render(
        request,
        "members/settings_colleges.html",
        {
            "coop": coop,
            "formset": formset,
            "rows": rows,
            "problems": problems,
            "scic": scic,
            "total": total,
            "tab": "colleges",
        },
    )


@coop_view(PERM)
def consent_texts(request, coop: Coop):
    """Each consent's current text, its earlier versions, and how many members agree today."""
    texts = list(ConsentText.objects.filter(coop=coop).order_by("purpose", "-version"))
    if not texts:
        services.consent_texts_setup(coop=coop)
        texts = list(ConsentText.objects.filter(coop=coop).order_by("purpose", "-version"))
    counts = dict(
        Member.objects.filter(coop=coop, status=Member.Status.ADMITTED)
        .with_consent(ConsentPurpose.E_CONVOCATION, name="e_convocation")
        .with_consent(ConsentPurpose.NEWS, name="news")
        .with_consent(ConsentPurpose.PHOTOS, name="photos")
        .aggregate(
            e_convocation=Count("pk", filter=Q(e_convocation=True)),
            news=Count("pk", filter=Q(news=True)),
            photos=Count("pk", filter=Q(photos=True)),
        )
    )
    purposes = [
        {
            "purpose": purpose,
            "label": label,
            "versions": [t for t in texts if t.purpose == purpose],
            "count": counts.get(purpose, 0),
        }
        for purpose, label in ConsentPurpose.choices
    ]
    return render(
        request,
        "members/settings_consents.html",
        {"coop": coop, "purposes": purposes, "tab": "consents"},
    )


@coop_view(PERM)
def consent_text_publish(request, coop: Coop, purpose: str):
    if purpose not in ConsentPurpose.values:
        raise Http404
    current = services.current_consent_text(coop=coop, purpose=purpose)
    form = ConsentTextForm(
        request.POST or None, initial={"title": current.title, "body": current.body}
    )
    if request.method == "POST" and form.is_valid():
        try:
            text = services.consent_text_publish(
                actor=request.user, coop=coop, purpose=purpose, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if text.pk == current.pk:
                messages.info(request, _("The text has not changed: no new version."))
            else:
                messages.success(
                    request,
                    _("Version %(version)s of the text is published.") % {"version": text.version},
                )
            return redirect("members:consent_texts", coop_slug=coop.slug)
    return render(
        request,
        "members/settings_consent_form.html",
        {
            "coop": coop,
            "form": form,
            "current": current,
            "label": ConsentPurpose(purpose).label,
            "tab": "consents",
        },
    )

"""The register's settings pages (managers): nominal value and numbering, categories, colleges
with SCIC weights, and the college history that keeps voting rights at past dates right.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.members.factories import MemberFactory, admitted_member
from tests.organizations.factories import CoopRoleFactory
from tests.utils import assert_constant_queries
from viecoop.audit.models import AuditEntry
from viecoop.members import selectors, services
from viecoop.members.models import Category, College, CollegeChange, Member, RegisterSettings

pytestmark = pytest.mark.django_db
PAGES = ["register_settings", "category_list", "colleges", "consent_texts"]


def url(name, coop, **kwargs):
    return reverse(f"members:{name}", kwargs={"coop_slug": coop.slug, **kwargs})


@pytest.fixture
def staff_a(coop_a):
    user = UserFactory(email="staff@coop-a.test")
    CoopRoleFactory(user=user, coop=coop_a, role="staff")
    return user


@pytest.mark.parametrize("page", PAGES)
def test_only_managers_set_the_register(
    login, coop_a, manager_a, staff_a, referent_a, member_a, page
):
    assert login(manager_a).get(url(page, coop_a)).status_code == 200
    for user in (staff_a, referent_a, member_a):
        assert login(user).get(url(page, coop_a)).status_code == 403


def test_managers_find_the_settings_from_the_register(login, coop_a, manager_a, staff_a):
    settings_url = url("register_settings", coop_a)
    assert settings_url in login(manager_a).get(url("member_list", coop_a)).content.decode()
    assert settings_url not in login(staff_a).get(url("member_list", coop_a)).content.decode()


def test_general_settings(login, coop_a, manager_a):
    client = login(manager_a)
    response = client.post(
        url("register_settings", coop_a),
        {
            "share_nominal": "16,50",
            "retention_years": "10",
            "next_number": "120",
            "number_prefix": "S-",
            "number_width": "5",
        },
    )
    assert response.status_code == 302
    register = RegisterSettings.objects.get(coop=coop_a)
    assert (register.share_nominal, register.retention_years) == (Decimal("16.50"), 10)
    assert register.format_number(42) == "S-00042"
    entry = AuditEntry.objects.get(action="register.settings")
    assert entry.details["share_nominal"] == {"from": "15.25", "to": "16.50"}
    # The next member registered without a number gets the format.
    category = Category.objects.get(coop=coop_a, code="accedant")
    member = services.member_create(
        actor=manager_a, coop=coop_a, last_name="Neuf", category=category
    )
    assert member.number == "S-00120"
    # Nonsense is refused on the form, never a 500.
    response = client.post(
        url("register_settings", coop_a),
        {"share_nominal": "0", "retention_years": "0", "next_number": "0", "number_width": "40"},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {
        "share_nominal",
        "retention_years",
        "number_width",
    }


def test_a_new_nominal_value_does_not_change_past_operations(coop_a, manager_a):
    member = admitted_member(coop=coop_a, shares=2)
    services.register_settings_update(actor=manager_a, coop=coop_a, share_nominal=Decimal("20"))
    assert member.share_operations.get().unit_price == Decimal("15.25")


# --- Categories -------------------------------------------------------------------------------


def test_the_coop_adds_renames_reorders_and_retires_categories(login, coop_a, manager_a):
    client = login(manager_a)
    salaries = College.objects.get(coop=coop_a, code="salaries")
    response = client.post(
        url("category_list", coop_a), {"name": "Habitant bénévole", "default_college": salaries.pk}
    )
    assert response.status_code == 302
    own = Category.objects.get(coop=coop_a, name="Habitant bénévole")
    assert (own.code, own.is_standard, own.default_college) == (
        "habitant-benevole",
        False,
        salaries,
    )
    assert own.position == Category.objects.filter(coop=coop_a).count() - 1
    # The same name twice is refused.
    response = client.post(url("category_list", coop_a), {"name": "habitant  bénévole"})
    assert response.status_code == 200 and "name" in response.context["form"].errors
    # Moved up: it swaps places with the one before.
    before = list(Category.objects.filter(coop=coop_a).values_list("code", flat=True))
    client.post(url("category_move", coop_a, pk=own.pk), {"direction": "up"})
    after = list(Category.objects.filter(coop=coop_a).values_list("code", flat=True))
    assert after == [*before[:-2], before[-1], before[-2]]
    # Renamed, and retired while a member has it.
    member = MemberFactory(coop=coop_a, category=own, college=salaries)
    response = client.post(
        url("category_update", coop_a, pk=own.pk),
        {"name": "Habitant bénévole (ancien)", "default_college": salaries.pk},
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.name, own.is_active) == ("Habitant bénévole (ancien)", False)
    member.refresh_from_db()
    assert member.category == own  # kept
    assert AuditEntry.objects.filter(action="category.retire").exists()
    # Not offered any more for a new member; still there for the member who has it.
    new_form = client.get(url("member_create", coop_a)).context["form"]
    assert own not in new_form.fields["category"].queryset
    edit_form = client.get(url("member_update", coop_a, pk=member.pk)).context["form"]
    assert own in edit_form.fields["category"].queryset
    with pytest.raises(ValidationError):
        services.member_create(actor=manager_a, coop=coop_a, last_name="Non", category=own)
    # In use: it cannot be deleted.
    response = client.post(url("category_delete", coop_a, pk=own.pk))
    assert Category.objects.filter(pk=own.pk).exists()


def test_a_category_nobody_had_can_be_deleted_but_not_a_standard_one(login, coop_a, manager_a):
    client = login(manager_a)
    own = services.category_create(actor=manager_a, coop=coop_a, name="Essai", default_college=None)
    assert client.post(url("category_delete", coop_a, pk=own.pk)).status_code == 302
    assert not Category.objects.filter(pk=own.pk).exists()
    standard = Category.objects.get(coop=coop_a, code="accedant")
    client.post(url("category_delete", coop_a, pk=standard.pk))
    assert Category.objects.filter(pk=standard.pk).exists()
    assert client.get(url("category_delete", coop_a, pk=standard.pk)).status_code == 405


def test_category_list_queries_are_constant(login, coop_a, manager_a):
    counter = iter(range(100))

    def grow(n):
        for _ in range(n):
            services.category_create(
                actor=manager_a,
                coop=coop_a,
                name=f"Catégorie {next(counter)}",
                default_college=None,
            )

    assert_constant_queries(login(manager_a), url("category_list", coop_a), grow)


# --- Colleges ---------------------------------------------------------------------------------


def college_post(coop, changes=None, *, extra=None, delete=()):
    colleges = list(College.objects.filter(coop=coop).order_by("position", "code"))
    rows = []
    for college in colleges:
        row = {
            "pk": college.pk,
            "name": college.name,
            "weight": str(college.weight or "").replace(".", ","),
            "position": college.position,
        }
        row.update((changes or {}).get(college.code, {}))
        if college.code in delete:
            row["delete"] = "on"
        rows.append(row)
    rows.append(extra or {"pk": "", "name": "", "weight": "", "position": "", "kind": "other"})
    data = {
        "colleges-TOTAL_FORMS": str(len(rows)),
        "colleges-INITIAL_FORMS": str(len(colleges)),
        "colleges-MIN_NUM_FORMS": "0",
        "colleges-MAX_NUM_FORMS": "20",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"colleges-{index}-{key}"] = value
    return data


def test_scic_weights_are_saved_together_and_audited(login, coop_a, manager_a):
    client = login(manager_a)
    response = client.post(
        url("colleges", coop_a),
        college_post(
            coop_a,
            {
                "usagers": {"weight": "45"},
                "partenaires": {"weight": "15", "name": "Partenaires locaux"},
            },
        ),
    )
    assert response.status_code == 302, response.context and response.context["problems"]
    weights = dict(College.objects.filter(coop=coop_a).values_list("code", "weight"))
    assert weights["usagers"] == 45 and weights["partenaires"] == 15
    entry = AuditEntry.objects.get(action="register.colleges")
    before = {c["code"]: c["weight"] for c in entry.details["before"]}
    assert before["usagers"] == "40.00"
    profile = selectors.voting_profile(coop=coop_a)
    assert sum(c.weight for c in profile.colleges) == 1


def test_scic_weights_breaking_the_law_get_clear_french_messages(login, coop_a, manager_a):
    client = login(manager_a)
    response = client.post(
        url("colleges", coop_a), college_post(coop_a, {"usagers": {"weight": "55"}})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Les pondérations des collèges totalisent 115 % au lieu de 100 %." in html
    assert "Un collège pèse entre 10 % et 50 % des voix (ici : 55 %)." in html
    assert College.objects.get(coop=coop_a, code="usagers").weight == 40  # nothing saved
    # Fewer than three colleges, or a college with members, cannot be.
    member = admitted_member(coop=coop_a)  # in « usagers »
    response = client.post(
        url("colleges", coop_a),
        college_post(
            coop_a,
            {"salaries": {"weight": "50"}, "usagers": {"weight": "50"}},
            delete=("collectivites", "partenaires", "usagers"),
        ),
    )
    html = response.content.decode()
    assert "au moins 3 collèges" in html
    assert "des associés en font partie" in html
    assert College.objects.filter(coop=coop_a).count() == 4 and member.college.code == "usagers"


def test_a_college_is_added_and_an_empty_one_deleted(login, coop_a, manager_a):
    client = login(manager_a)
    # The default college of categories must change first: the form says so.
    Category.objects.filter(coop=coop_a, default_college__code="partenaires").update(
        default_college=None
    )
    response = client.post(
        url("colleges", coop_a),
        college_post(
            coop_a,
            {
                "usagers": {"weight": "40"},
                "salaries": {"weight": "20"},
                "collectivites": {"weight": "20"},
            },
            delete=("partenaires",),
            extra={
                "pk": "",
                "name": "Habitants associés",
                "weight": "20",
                "position": "9",
                "kind": "users",
            },
        ),
    )
    assert response.status_code == 302, response.context["problems"]
    codes = dict(College.objects.filter(coop=coop_a).values_list("code", "kind"))
    assert "partenaires" not in codes and codes["habitants-associ"] == "users"


def test_scp_colleges_are_fixed_by_law(login, coop_b, manager_b):
    client = login(manager_b)
    response = client.get(url("colleges", coop_b))
    assert len(response.context["formset"].forms) == 3  # no row to add one
    response = client.post(
        url("colleges", coop_b), college_post(coop_b, {"B": {"name": "Investisseurs"}}, extra={})
    )
    assert response.status_code == 302
    assert College.objects.get(coop=coop_b, code="B").name == "Investisseurs"
    with pytest.raises(services.CollegesInvalid):
        services.colleges_update(
            actor=manager_b,
            coop=coop_b,
            rows=[services.CollegeRow(pk=None, name="D", weight=None)]
            + [
                services.CollegeRow(pk=c.pk, name=c.name)
                for c in College.objects.filter(coop=coop_b)
            ],
        )


def test_another_coops_college_cannot_be_edited(coop_a, coop_b, manager_a):
    other = College.objects.filter(coop=coop_b).first()
    with pytest.raises(services.CollegesInvalid):
        services.colleges_update(
            actor=manager_a,
            coop=coop_a,
            rows=[services.CollegeRow(pk=other.pk, name="x", weight=Decimal(40))],
        )


def test_colleges_page_queries_are_constant(login, coop_a, manager_a):
    def grow(n):
        for _ in range(n):
            admitted_member(coop=coop_a)

    assert_constant_queries(login(manager_a), url("colleges", coop_a), grow)


# --- A member's college history ---------------------------------------------------------------


def test_a_college_change_keeps_voting_rights_at_earlier_dates(login, coop_b, manager_b):
    """SCP: a member moved from A to B on 1 June counts in A on 31 May, in B from 1 June."""
    member = admitted_member(coop=coop_b, shares=3)  # A, admitted in March 2024
    for _ in range(3):
        admitted_member(coop=coop_b)
    college_b = College.objects.get(coop=coop_b, code="B")
    response = login(manager_b).post(
        url("member_update", coop_b, pk=member.pk),
        {
            "kind": "person",
            "number": member.number,
            "last_name": member.last_name,
            "first_name": member.first_name,
            "category": Category.objects.get(coop=coop_b, code="autre-investisseur").pk,
            "college": college_b.pk,
            "college_since": "2025-06-01",
        },
    )
    assert response.status_code == 302
    change = CollegeChange.objects.get(member=member)
    assert (change.from_college.code, change.to_college.code, change.effective_date) == (
        "A",
        "B",
        datetime.date(2025, 6, 1),
    )
    before = selectors.voting_rights_at(coop=coop_b, on=datetime.date(2025, 5, 31))
    after = selectors.voting_rights_at(coop=coop_b, on=datetime.date(2025, 6, 1))
    assert before.members[member.pk].college == "A" and before.members[member.pk].votes == 1
    assert after.members[member.pk].college == "B" and after.members[member.pk].votes >= 1
    assert (
        "2025" in login(manager_b).get(url("member_detail", coop_b, pk=member.pk)).content.decode()
    )
    with pytest.raises(ValidationError):
        services.member_update(
            actor=manager_b,
            member=Member.objects.get(pk=member.pk),
            college=College.objects.get(coop=coop_b, code="A"),
            college_since=timezone.localdate() + datetime.timedelta(days=3),
        )

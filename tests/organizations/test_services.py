import pytest
from django.core.exceptions import ValidationError

from tests.organizations.factories import CoopRoleFactory, ResidenceFactory
from viecoop.audit.models import AuditEntry
from viecoop.organizations import services
from viecoop.organizations.models import Coop, CoopRole, Residence
from viecoop.organizations.validators import validate_siren

pytestmark = pytest.mark.django_db


def test_coop_create_is_audited_at_federation_level(federation, fed_admin):
    coop = services.coop_create(
        actor=fed_admin,
        federation=federation,
        slug="les-castors",
        name="Les Castors de l'Ouest",
        legal_form=Coop.LegalForm.SCP,
        region="NAQ",
        department="33",
        siren="732 829 320".replace(" ", ""),
    )
    entry = AuditEntry.objects.get(action="coop.create")
    assert entry.coop is None and entry.object_id == str(coop.pk)
    assert entry.actor == fed_admin and entry.actor_display == "Claire Morel"


def test_coop_rejects_bad_values(federation, fed_admin):
    with pytest.raises(ValidationError) as error:
        services.coop_create(
            actor=fed_admin,
            federation=federation,
            slug="x",
            name="X",
            legal_form="sarl",
            region="BRE",
            department="99",
            siren="123456789",
        )
    assert {"legal_form", "department", "siren"} <= set(error.value.error_dict)
    assert not Coop.objects.filter(slug="x").exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("siren", "valid"),
    [
        ("732829320", True),
        ("552100554", True),
        ("732829321", False),
        ("12345678", False),
        ("ABCDEFGHI", False),
    ],
)
def test_siren_checksum(siren, valid):
    if valid:
        validate_siren(siren)
    else:
        with pytest.raises(ValidationError):
            validate_siren(siren)


def test_coop_update_records_changes(coop_a, manager_a):
    services.coop_update(actor=manager_a, coop=coop_a, city="Saint-Malo", name=coop_a.name)
    entry = AuditEntry.objects.get(action="coop.update")
    assert entry.details == {"city": ["Rennes", "Saint-Malo"]}
    assert entry.coop == coop_a
    # Saving the same values again writes nothing.
    services.coop_update(actor=manager_a, coop=coop_a, city="Saint-Malo")
    assert AuditEntry.objects.filter(action="coop.update").count() == 1


def test_residence_lifecycle(coop_a, referent_a):
    residence = services.residence_create(
        actor=referent_a, coop=coop_a, name="Les Mimosas", homes_count=12, postal_code="35000"
    )
    services.residence_update(actor=referent_a, residence=residence, homes_count=14)
    services.residence_delete(actor=referent_a, residence=residence)
    assert not Residence.objects.exists()
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "residence.create",
        "residence.update",
        "residence.delete",
    ]


def test_residence_name_unique_per_coop(coop_a, coop_b, referent_a):
    ResidenceFactory(coop=coop_a, name="Les Mimosas")
    ResidenceFactory(coop=coop_b, name="Les Mimosas")  # another coop may use the same name
    with pytest.raises(ValidationError):
        services.residence_create(actor=referent_a, coop=coop_a, name="Les Mimosas")


def test_role_grant_is_idempotent(coop_a, manager_a, outsider):
    role, created = services.coop_role_grant(
        actor=manager_a, user=outsider, coop=coop_a, role="referent"
    )
    again, created_again = services.coop_role_grant(
        actor=manager_a, user=outsider, coop=coop_a, role="referent"
    )
    assert created and not created_again and role == again
    assert AuditEntry.objects.filter(action="role.grant").count() == 1
    assert outsider.has_perm("organizations.view_team", coop_a)


def test_several_referents_allowed(coop_a, manager_a):
    CoopRoleFactory(coop=coop_a, role="referent")
    CoopRoleFactory(coop=coop_a, role="referent")
    assert CoopRole.objects.filter(coop=coop_a, role="referent").count() == 2


def test_last_manager_cannot_be_removed(coop_a, manager_a):
    role = CoopRole.objects.get(user=manager_a, coop=coop_a, role="manager")
    with pytest.raises(services.LastManagerError):
        services.coop_role_revoke(actor=manager_a, coop_role=role)
    second = CoopRoleFactory(coop=coop_a, role="manager")
    services.coop_role_revoke(actor=manager_a, coop_role=second)
    assert AuditEntry.objects.filter(action="role.revoke").count() == 1


def test_counts_do_not_multiply_rows(coop_a, coop_b):
    for _ in range(3):
        ResidenceFactory(coop=coop_a, homes_count=10)
    CoopRoleFactory(coop=coop_a, role="referent")
    CoopRoleFactory(coop=coop_a, role="referent")
    row = Coop.objects.with_counts().get(pk=coop_a.pk)
    assert (row.residences_count, row.homes_count, row.referents_count) == (3, 30, 2)
    empty = Coop.objects.with_counts().get(pk=coop_b.pk)
    assert (empty.residences_count, empty.homes_count, empty.referents_count) == (0, 0, 0)

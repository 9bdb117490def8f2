import factory
from factory.django import DjangoModelFactory

from tests.accounts.factories import UserFactory
from viecoop.core.text import fold
from viecoop.organizations.hooks import run_coop_setup
from viecoop.organizations.models import (
    Coop,
    CoopRole,
    Federation,
    FederationRole,
    Region,
    Residence,
)


class FederationFactory(DjangoModelFactory):
    class Meta:
        model = Federation
        django_get_or_create = ("slug",)

    name = "Fédération des sociétés coopératives d'HLM"
    short_name = "Fédération des Coop'HLM"
    slug = "federation"


class CoopFactory(DjangoModelFactory):
    class Meta:
        model = Coop
        skip_postgeneration_save = True

    federation = factory.SubFactory(FederationFactory)
    name = factory.Sequence(lambda n: f"Coopérative d'habitat n°{n}")
    slug = factory.Sequence(lambda n: f"coop-{n}")
    legal_form = Coop.LegalForm.SCIC
    region = Region.BRETAGNE
    department = "35"
    city = "Rennes"
    postal_code = "35000"
    search_text = factory.LazyAttribute(lambda o: fold(f"{o.name} {o.city}"))

    @factory.post_generation
    def setup(self, create, extracted, **kwargs):
        # What coop_create does: other apps' standard data (register categories, colleges…).
        if create:
            run_coop_setup(coop=self)


class ResidenceFactory(DjangoModelFactory):
    class Meta:
        model = Residence

    coop = factory.SubFactory(CoopFactory)
    name = factory.Sequence(lambda n: f"Résidence des Tilleuls {n}")
    address = ""
    city = "Rennes"
    homes_count = 24
    search_text = factory.LazyAttribute(lambda o: fold(f"{o.name} {o.address} {o.city}"))


class CoopRoleFactory(DjangoModelFactory):
    class Meta:
        model = CoopRole

    user = factory.SubFactory(UserFactory)
    coop = factory.SubFactory(CoopFactory)
    role = CoopRole.Role.STAFF


class FederationRoleFactory(DjangoModelFactory):
    class Meta:
        model = FederationRole

    user = factory.SubFactory(UserFactory)
    federation = factory.SubFactory(FederationFactory)
    role = FederationRole.Role.ADMIN

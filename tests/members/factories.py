import datetime

import factory
from factory.django import DjangoModelFactory

from tests.organizations.factories import CoopFactory
from viecoop.core.text import fold
from viecoop.members import services
from viecoop.members.models import Category, Member


class MemberFactory(DjangoModelFactory):
    """A candidate in the coop's register (use ``admitted_member`` for one holding shares)."""

    class Meta:
        model = Member

    coop = factory.SubFactory(CoopFactory)
    number = factory.Sequence(lambda n: str(1000 + n))
    kind = Member.Kind.PERSON
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    category = factory.LazyAttribute(
        lambda o: Category.objects.get(coop=o.coop, code="locataire-cooperateur")
    )
    college = factory.LazyAttribute(lambda o: o.category.default_college)
    status = Member.Status.CANDIDATE
    search_text = factory.LazyAttribute(lambda o: fold(f"{o.number} {o.first_name} {o.last_name}"))


def admitted_member(
    *, coop, shares: int = 1, actor=None, category: str = "locataire-cooperateur", **kwargs
) -> Member:
    """A member admitted by the board through the real service, holding ``shares``."""
    member = MemberFactory(
        coop=coop, category=Category.objects.get(coop=coop, code=category), **kwargs
    )
    return services.member_admit(
        actor=actor,
        member=member,
        admission_date=datetime.date(2024, 3, 12),
        board_decision="CA du 12/03/2024",
        shares=shares,
    )

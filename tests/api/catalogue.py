"""Every operation of the API with a valid call, for tests that go through all of them.

``test_openapi.test_the_catalogue_covers_every_operation`` fails when an operation is added
to the API without being added here.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.members.factories import MemberFactory
from tests.organizations.factories import ResidenceFactory


@dataclass(frozen=True)
class Call:
    method: str
    path: str  # with {member}, {number}, {residence} placeholders
    body: dict | None
    writes: bool
    ok: tuple[int, ...]

    @property
    def operation(self) -> tuple[str, str]:
        """(METHOD, OpenAPI path template) to match the schema."""
        template = (
            self.path.replace("{member}", "{member_id}")
            .replace("{residence}", "{residence_id}")
            .replace("by-number/{number}", "by-number/{number}")
            .replace("by-number/N-1", "by-number/{number}")
            .replace("by-code/PRG-1", "by-code/{code}")
        )
        return self.method.upper(), "/api/v1" + template


MEMBER = {
    "last_name": "Lefèvre",
    "first_name": "Émilie",
    "category": "locataire-cooperateur",
}

CALLS = [
    Call("get", "/token", None, False, (200,)),
    Call("get", "/categories", None, False, (200,)),
    Call("get", "/colleges", None, False, (200,)),
    Call("get", "/members", None, False, (200,)),
    Call("get", "/members/{member}", None, False, (200,)),
    Call("get", "/members/by-number/{number}", None, False, (200,)),
    Call("post", "/members", MEMBER, True, (201,)),
    Call("put", "/members/by-number/N-1", MEMBER, True, (201,)),
    Call("patch", "/members/{member}", {"phone": "02 99 00 00 00"}, True, (200,)),
    Call("post", "/members/bulk", {"members": [{**MEMBER, "number": "N-2"}]}, True, (200,)),
    Call("get", "/residences", None, False, (200,)),
    Call("get", "/residences/{residence}", None, False, (200,)),
    Call("post", "/residences", {"name": "Les Érables"}, True, (201,)),
    Call("patch", "/residences/{residence}", {"city": "Vitré"}, True, (200,)),
    Call("put", "/residences/by-code/PRG-1", {"name": "Le Moulin Vert"}, True, (201,)),
]


def objects_of(coop) -> dict[str, str]:
    """A member and a residence of ``coop`` to fill the placeholders."""
    member = MemberFactory(coop=coop, number=f"M-{coop.slug}")
    residence = ResidenceFactory(coop=coop)
    return {"member": str(member.pk), "number": member.number, "residence": str(residence.pk)}


def fill(path: str, objects: dict[str, str]) -> str:
    for key, value in objects.items():
        path = path.replace("{" + key + "}", value)
    return path


def call(api, item: Call, objects: dict[str, str]):
    path = fill(item.path, objects)
    if item.method == "get":
        return api.get(path)
    return getattr(api, item.method)(path, item.body)

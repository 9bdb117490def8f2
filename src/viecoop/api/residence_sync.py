"""Residences pushed through the API, by id or by their code in the coop's management software.

Writes go through ``organizations.services.residence_create`` / ``residence_update``
(validated, audited with the token as actor); the code is kept beside the residence
(``ResidenceCode``) so a nightly push finds the residence it created the night before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record
from viecoop.organizations import services as organization_services
from viecoop.organizations.models import Coop, Residence

from .errors import ApiError, from_django, rows_rejected
from .models import ApiToken, ResidenceCode

CODE_MAX_LENGTH = 50


@dataclass
class ResidenceOutcome:
    residence: Residence
    action: str  # created, updated, unchanged


def _django_errors(error: ValidationError) -> ApiError:
    return from_django(
        error,
        unique_field="name",
        unique_code="name_taken",
        unique_message=_("A residence of the coop already has this name."),
    )


def _code_taken(code: str) -> ApiError:
    return rows_rejected(
        [
            {
                "field": "code",
                "code": "code_taken",
                "message": _("Another residence of the coop already has this code."),
                "value": code,
            }
        ]
    )


def _check_code(code: str) -> str:
    code = code.strip()
    if not code:
        raise rows_rejected(
            [{"field": "code", "code": "required", "message": _("The code cannot be empty.")}]
        )
    if len(code) > CODE_MAX_LENGTH:
        raise rows_rejected(
            [
                {
                    "field": "code",
                    "code": "too_long",
                    "message": _("Too long: at most %(max)s characters.")
                    % {"max": CODE_MAX_LENGTH},
                }
            ]
        )
    return code


def _set_code(*, token: ApiToken, coop: Coop, residence: Residence, code: str) -> bool:
    current = ResidenceCode.objects.filter(residence=residence).first()
    if current is not None and current.code == code:
        return False
    if ResidenceCode.objects.filter(coop=coop, code=code).exclude(residence=residence).exists():
        raise _code_taken(code)
    try:
        with transaction.atomic():
            ResidenceCode.objects.update_or_create(
                residence=residence, defaults={"coop": coop, "code": code}
            )
    except IntegrityError as error:  # the same code pushed twice at once
        raise _code_taken(code) from error
    audit_record(
        actor=token,
        action="residence.code",
        obj=residence,
        details={"code": code, "before": current.code if current else None},
    )
    return True


TEXT_FIELDS = ("address", "postal_code", "city")


def _fields(data: dict[str, Any]) -> dict[str, Any]:
    """What to set: text tidied, ``null`` erasing an optional text, never the name."""
    fields: dict[str, Any] = {}
    for key, value in data.items():
        if value is None:
            if key in TEXT_FIELDS:
                fields[key] = ""
            elif key == "name":
                raise rows_rejected(
                    [{"field": "name", "code": "required", "message": _("The name is required.")}]
                )
            continue
        fields[key] = " ".join(value.split()) if isinstance(value, str) else value
    return fields


def _find(*, coop: Coop, code: str, name: str | None) -> Residence | None:
    """The residence of this code, else one of the same name that has no code yet."""
    linked = ResidenceCode.objects.filter(coop=coop, code=code).select_related("residence").first()
    if linked is not None:
        return linked.residence
    if name:
        return Residence.objects.filter(coop=coop, name=name, api_code__isnull=True).first()
    return None


@transaction.atomic
def residence_push(
    *,
    token: ApiToken,
    coop: Coop,
    data: dict[str, Any],
    residence: Residence | None = None,
    code: str | None = None,
    create_only: bool = False,
) -> ResidenceOutcome:
    """Create or update a residence.

    ``residence`` given (PATCH by id): update it. ``code`` given (PUT by code): the residence
    with that code, else the residence of the same name that has no code yet (adopted: the
    first push links what staff created by hand), else a new one. ``create_only`` (POST): a
    name or code already used is a conflict. A ``code`` in ``data`` (POST, PATCH) sets the
    residence's code; ``null`` leaves it as it is.
    """
    data = dict(data)
    body_code = data.pop("code", None)
    code = _check_code(code if code is not None else body_code) if (code or body_code) else None
    fields = _fields(data)
    if residence is None and code is not None and not create_only:
        residence = _find(coop=coop, code=code, name=fields.get("name"))
    if (
        create_only
        and code is not None
        and ResidenceCode.objects.filter(coop=coop, code=code).exists()
    ):
        raise _code_taken(code)
    try:
        with transaction.atomic():
            if residence is None:
                if not fields.get("name"):
                    raise rows_rejected(
                        [
                            {
                                "field": "name",
                                "code": "required",
                                "message": _("The name is required."),
                            }
                        ]
                    )
                residence = organization_services.residence_create(actor=token, coop=coop, **fields)
                action = "created"
            else:
                residence = Residence.objects.select_for_update().get(pk=residence.pk)
                before = {key: getattr(residence, key) for key in fields}
                residence = organization_services.residence_update(
                    actor=token, residence=residence, **fields
                )
                changed = any(before[key] != getattr(residence, key) for key in fields)
                action = "updated" if changed else "unchanged"
    except ValidationError as error:
        raise _django_errors(error) from error
    except IntegrityError as error:  # the same new name pushed twice at once
        raise _django_errors(
            ValidationError({"name": ValidationError("", code="unique")})
        ) from error
    if code is not None and _set_code(token=token, coop=coop, residence=residence, code=code):
        action = "updated" if action == "unchanged" else action
    return ResidenceOutcome(residence=residence, action=action)

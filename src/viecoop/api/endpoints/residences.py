"""Residences: list, read, create, update, upsert by the code of the coop's software."""

from __future__ import annotations

from ninja import Query, Router, Status

from viecoop.organizations.models import Residence

from .. import selectors
from ..errors import not_found
from ..residence_sync import ResidenceOutcome, residence_push
from ..schemas import (
    Page,
    ResidenceCreate,
    ResidenceOut,
    ResidencePatch,
    ResidenceUpsert,
    ResidenceWritten,
)
from .common import DEFAULT_LIMIT, MAX_LIMIT, READ, READ_ERRORS, WRITE, WRITE_ERRORS, page

router = Router(tags=["residences"])


class ResidencePage(Page):
    results: list[ResidenceOut]


def residence_out(residence: Residence) -> dict:
    code = getattr(residence, "api_code", None)
    return {
        "id": residence.pk,
        "code": code.code if code else None,
        "name": residence.name,
        "address": residence.address,
        "postal_code": residence.postal_code,
        "city": residence.city,
        "homes_count": residence.homes_count,
        "members": residence.members_count,
    }


def _residence(request, pk: int) -> Residence:
    residence = selectors.api_residences(coop=request.auth.coop).filter(pk=pk).first()
    if residence is None:
        raise not_found()
    return residence


def _written(request, outcome: ResidenceOutcome):
    residence = _residence(request, outcome.residence.pk)
    body = {"action": outcome.action, "residence": residence_out(residence)}
    return Status(201 if outcome.action == "created" else 200, body)


@router.get(
    "/residences",
    response={200: ResidencePage, **READ_ERRORS},
    auth=READ,
    summary="List residences",
)
def residences_list(
    request,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0),
):
    residences = selectors.api_residences(coop=request.auth.coop)
    return page(request, residences, limit=limit, offset=offset, serialize=residence_out)


@router.get(
    "/residences/{int:residence_id}",
    response={200: ResidenceOut, **READ_ERRORS},
    auth=READ,
    summary="Read a residence",
)
def residences_get(request, residence_id: int):
    return residence_out(_residence(request, residence_id))


@router.post(
    "/residences",
    response={201: ResidenceWritten, **WRITE_ERRORS},
    auth=WRITE,
    summary="Create a residence",
    description="A name or a code already used in the coop answers 409.",
)
def residences_create(request, payload: ResidenceCreate):
    outcome = residence_push(
        token=request.auth,
        coop=request.auth.coop,
        data=payload.model_dump(exclude_unset=True),
        create_only=True,
    )
    return _written(request, outcome)


@router.patch(
    "/residences/{int:residence_id}",
    response={200: ResidenceWritten, **WRITE_ERRORS},
    auth=WRITE,
    summary="Update a residence",
)
def residences_update(request, residence_id: int, payload: ResidencePatch):
    residence = _residence(request, residence_id)
    outcome = residence_push(
        token=request.auth,
        coop=request.auth.coop,
        data=payload.model_dump(exclude_unset=True),
        residence=residence,
    )
    return _written(request, outcome)


@router.put(
    "/residences/by-code/{code}",
    response={200: ResidenceWritten, 201: ResidenceWritten, **WRITE_ERRORS},
    auth=WRITE,
    summary="Create or update a residence by its code (upsert)",
    description=(
        "The residence with this code; else the residence of the same `name` that has no code "
        "yet (it takes the code: the first sync links residences created by hand); else a new "
        "one (then `name` is required). 201 when created, 200 otherwise."
    ),
)
def residences_upsert(request, code: str, payload: ResidenceUpsert):
    outcome = residence_push(
        token=request.auth,
        coop=request.auth.coop,
        data=payload.model_dump(exclude_unset=True),
        code=code,
    )
    return _written(request, outcome)

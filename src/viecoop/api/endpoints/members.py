"""Members: list, read, create, update, upsert by number, and batches."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from viecoop.members.models import Member

from .. import selectors
from ..auth import BulkRateThrottle, TokenRateThrottle
from ..errors import ApiError, not_found
from ..member_sync import RowOutcome, member_push, members_bulk_push
from ..schemas import (
    BulkIn,
    BulkOut,
    MemberCreate,
    MemberOut,
    MemberPage,
    MemberPatch,
    MemberUpsert,
    MemberWritten,
)
from .common import DEFAULT_LIMIT, MAX_LIMIT, READ, READ_ERRORS, WRITE, WRITE_ERRORS, page

router = Router(tags=["members"])


def member_out(member: Member) -> dict:
    residence = member.residence
    code = getattr(residence, "api_code", None) if residence is not None else None
    return {
        "id": member.pk,
        "number": member.number,
        "kind": member.kind,
        "status": member.status,
        "display_name": member.display_name,
        "last_name": member.last_name,
        "first_name": member.first_name,
        "legal_name": member.legal_name,
        "representative": member.representative,
        "birth_date": member.birth_date,
        "category": member.category.code,
        "college": member.college.code,
        "residence": residence.name if residence else None,
        "residence_id": member.residence_id,
        "residence_code": code.code if code else None,
        "email": member.email,
        "phone": member.phone,
        "address": member.address,
        "postal_code": member.postal_code,
        "city": member.city,
        "admission_date": member.admission_date,
        "admission_decision": member.admission_decision,
        "exit_date": member.exit_date,
        "exit_reason": member.exit_reason,
        "shares": member.shares,
        "has_account": member.user_id is not None,
        "anonymised": member.anonymised_at is not None,
        "created_at": member.created_at,
        "updated_at": member.updated_at,
    }


def _moment(text: str) -> datetime:
    """An ISO 8601 moment (no Unix timestamps: « 0.5 » is a mistake, not 1970)."""
    try:
        moment = parse_datetime(text.strip())
    except ValueError:
        moment = None
    if moment is None:
        raise ApiError(
            422,
            "invalid",
            _("Some values are not valid; nothing was written."),
            errors=[
                {
                    "field": "updated_since",
                    "code": "invalid_datetime",
                    "message": _("Not a date and time: write it as YYYY-MM-DDTHH:MM:SS+01:00."),
                    "value": text,
                }
            ],
        )
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _member(request, **lookup) -> Member:
    member = selectors.api_member(coop=request.auth.coop, **lookup)
    if member is None:
        raise not_found()
    return member


def _written(request, outcome: RowOutcome):
    member = _member(request, pk=outcome.member_id)
    body = {"action": outcome.action, "member": member_out(member), "warnings": outcome.warnings}
    return Status(201 if outcome.action == "created" else 200, body)


@router.get(
    "/members",
    response={200: MemberPage, **READ_ERRORS},
    auth=READ,
    summary="List members",
    description=(
        "The coop's register, `limit` (≤ 500) rows from `offset`, in a stable order. "
        "`updated_since` lists what changed since your last sync."
    ),
)
def members_list(
    request,
    status: Literal["candidate", "admitted", "left"] | None = None,
    category: str | None = Query(None, description="Category code."),
    college: str | None = Query(None, description="College code."),
    residence: int | None = Query(None, description="Residence id."),
    updated_since: str | None = Query(
        None,
        description=(
            "Changed at or after this moment, ISO 8601 date and time "
            "(`2026-11-22T08:00:00+01:00`; Paris time without an offset)."
        ),
    ),
    search: str | None = Query(
        None,
        max_length=100,
        description="Words of the name, number, e-mail or city (accents and case ignored).",
    ),
    order: Literal["id", "-id", "updated_at", "-updated_at", "name", "-name"] = "id",
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0),
):
    since = _moment(updated_since) if updated_since else None
    members = selectors.api_members(
        coop=request.auth.coop,
        status=status or "",
        category=category or "",
        college=college or "",
        residence=residence,
        updated_since=since,
        search=search or "",
        order=order,
    )
    return page(request, members, limit=limit, offset=offset, serialize=member_out)


@router.get(
    "/members/by-number/{number}",
    response={200: MemberOut, **READ_ERRORS},
    auth=READ,
    summary="Read a member by number",
)
def members_get_by_number(request, number: str):
    return member_out(_member(request, number=number))


@router.get(
    "/members/{int:member_id}",
    response={200: MemberOut, **READ_ERRORS},
    auth=READ,
    summary="Read a member",
)
def members_get(request, member_id: int):
    return member_out(_member(request, pk=member_id))


@router.post(
    "/members",
    response={201: MemberWritten, **WRITE_ERRORS},
    auth=WRITE,
    summary="Register a member",
    description=(
        "A candidate, or an admitted member with `status: admitted`, `admission_date`, "
        "`admission_decision` and `shares` (subscribed in the ledger). A number already in "
        "the register answers 409: use PUT /members/by-number/{number} to create or update."
    ),
)
def members_create(request, payload: MemberCreate):
    outcome = member_push(
        token=request.auth,
        coop=request.auth.coop,
        record=payload.model_dump(exclude_unset=True),
        create_only=True,
    )
    return _written(request, outcome)


@router.put(
    "/members/by-number/{number}",
    response={200: MemberWritten, 201: MemberWritten, **WRITE_ERRORS},
    auth=WRITE,
    summary="Create or update a member by number (upsert)",
    description=(
        "Idempotent: the same body twice answers `unchanged` the second time. Fields left out "
        "are kept; `null` erases an optional field. 201 when created, 200 otherwise."
    ),
)
def members_upsert(request, number: str, payload: MemberUpsert):
    record = {**payload.model_dump(exclude_unset=True), "number": number}
    outcome = member_push(token=request.auth, coop=request.auth.coop, record=record)
    return _written(request, outcome)


@router.patch(
    "/members/{int:member_id}",
    response={200: MemberWritten, **WRITE_ERRORS},
    auth=WRITE,
    summary="Update a member",
)
def members_update(request, member_id: int, payload: MemberPatch):
    member = _member(request, pk=member_id)
    outcome = member_push(
        token=request.auth,
        coop=request.auth.coop,
        record=payload.model_dump(exclude_unset=True),
        member=member,
    )
    return _written(request, outcome)


@router.post(
    "/members/bulk",
    response={200: BulkOut, **WRITE_ERRORS},
    auth=WRITE,
    throttle=[TokenRateThrottle(), BulkRateThrottle()],
    summary="Create or update up to 1,000 members by number, all or nothing",
    description=(
        "Every row is checked with the import's rules before anything is written: one "
        "problem and nothing changes (422, or 409 for conflicts only), with every problem of "
        "every row (`line` = position in `members`, from 1). `?dry_run=true` checks only."
    ),
)
def members_bulk(request, payload: BulkIn, dry_run: bool = False):
    outcome = members_bulk_push(
        token=request.auth,
        coop=request.auth.coop,
        records=[item.model_dump(exclude_unset=True) for item in payload.members],
        dry_run=dry_run,
    )
    return {
        "dry_run": outcome.dry_run,
        **outcome.counts,
        "ledger": outcome.ledger,
        "rows": [
            {
                "line": row.line,
                "number": row.number,
                "action": row.action,
                "id": row.member_id,
                "warnings": row.warnings,
            }
            for row in outcome.rows
        ],
    }

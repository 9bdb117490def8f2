"""What integrators need to send valid values: categories, colleges, and who the token is."""

from __future__ import annotations

from ninja import Router

from .. import selectors
from ..schemas import CategoryOut, CollegeOut, TokenOut
from .common import READ, READ_ERRORS

router = Router(tags=["reference"])


@router.get(
    "/categories",
    response={200: list[CategoryOut], **READ_ERRORS},
    auth=READ,
    summary="Member categories of the coop",
)
def categories_list(request):
    return [
        {
            "code": c.code,
            "name": c.name,
            "default_college": c.default_college.code if c.default_college else None,
        }
        for c in selectors.api_categories(coop=request.auth.coop)
    ]


@router.get(
    "/colleges",
    response={200: list[CollegeOut], **READ_ERRORS},
    auth=READ,
    summary="Voting colleges of the coop",
)
def colleges_list(request):
    return [
        {
            "code": c.code,
            "name": c.name,
            "kind": c.kind,
            "weight": float(c.weight) if c.weight is not None else None,
        }
        for c in selectors.api_colleges(coop=request.auth.coop)
    ]


@router.get(
    "/token",
    response={200: TokenOut, **READ_ERRORS},
    auth=READ,
    summary="The token in use and its coop",
    description="A first call to check the set-up: which coop, what access, until when.",
)
def token_read(request):
    token = request.auth
    return {
        "coop": token.coop.slug,
        "coop_name": token.coop.name,
        "token": token.prefix,
        "name": token.name,
        "scope": token.scope,
        "expires_at": token.expires_at,
    }

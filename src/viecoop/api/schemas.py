"""The API's JSON shapes (pydantic, through django-ninja): what the OpenAPI schema documents.

Input shapes forbid unknown fields (a typo is an error, not a silent no-op). Lengths and
formats of member fields are checked by the import's rules, not here, so the API and the
file import say the same thing; the schema documents them (``maxLength``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict, WithJsonSchema

from viecoop.members.importing.validation import MAX_LENGTHS

MAX_BATCH = 1000


def text(description: str, key: str | None = None, example: str | None = None):
    extra: dict = {}
    if key and key in MAX_LENGTHS:
        extra["maxLength"] = MAX_LENGTHS[key]
    if example is not None:
        extra["examples"] = [example]
    return Field(None, description=description, json_schema_extra=extra or None)


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class MemberFields(Strict):
    """Fields a push may set. Absent: unchanged. ``null`` or ``""``: erased (optional fields only)."""

    kind: str | None = Field(
        None,
        description=(
            "`person`, or `entity` for a legal entity (default: person, or entity when only "
            "`legal_name` is given). The import's French words are accepted too."
        ),
        json_schema_extra={"enum": ["person", "entity"]},
    )
    last_name: str | None = text("Last name (required for a person).", "last_name", "Lefèvre")
    first_name: str | None = text("First name.", "first_name", "Émilie")
    legal_name: str | None = text("Legal name (required for a legal entity).", "legal_name")
    representative: str | None = text("Who represents the legal entity.", "representative")
    birth_date: str | None = Field(
        None,
        description="Date of birth, YYYY-MM-DD (or DD/MM/YYYY, as in a file).",
        json_schema_extra={"format": "date", "examples": ["1975-04-03"]},
    )
    category: str | None = text(
        "Category, by code or name (see GET /categories). Required to create.",
        None,
        "locataire-cooperateur",
    )
    college: str | None = text(
        "Voting college, by code or name (see GET /colleges); default: the category's.", None
    )
    residence: str | None = text(
        "Residence, by name or by its code in your software (see GET /residences).", None
    )
    email: str | None = text("E-mail address.", "email", "emilie.lefevre@exemple.fr")
    phone: str | None = text("Phone.", "phone")
    address: str | None = text("Postal address.", "address")
    postal_code: str | None = Field(
        None,
        description="Five digits (four are given back their leading zero).",
        json_schema_extra={"examples": ["35000"]},
    )
    city: str | None = text("City.", "city", "Rennes")
    status: str | None = Field(
        None,
        description=(
            "`candidate` or `admitted`. Admitting needs `admission_date`, `admission_decision` "
            "and `shares` (subscribed in the ledger). Exits (`left`) are recorded on the "
            "member's page, not through the API."
        ),
        json_schema_extra={"enum": ["candidate", "admitted", "left"]},
    )
    admission_date: str | None = Field(
        None,
        description="Admission by the board, YYYY-MM-DD (or DD/MM/YYYY).",
        json_schema_extra={"format": "date", "examples": ["2024-03-12"]},
    )
    admission_decision: str | None = text(
        "Reference of the board's decision.", "admission_decision", "CA du 12/03/2024"
    )
    # Any JSON value reaches the import's own reading of a number of shares (which refuses
    # booleans, fractions, negatives and text with its own words); documented as an integer.
    shares: Annotated[Any, WithJsonSchema({"type": ["integer", "null"], "minimum": 0})] = Field(
        None,
        description=(
            "Shares subscribed at admission (≥ 1). Read-only afterwards: the ledger decides, "
            "a different number is reported as a warning."
        ),
    )


class MemberCreate(MemberFields):
    number: str | None = text("Member number; the next free one if absent.", "number", "1024")


class MemberUpsert(MemberFields):
    """The body of PUT /members/by-number/{number}: the number is in the path."""


class MemberPatch(MemberFields):
    """PATCH /members/{id}: the fields to change."""


class BulkItem(MemberFields):
    number: str = Field(
        ...,
        min_length=1,
        description="Member number: the key of the upsert (a batch is idempotent).",
        json_schema_extra={"maxLength": MAX_LENGTHS["number"], "examples": ["1024"]},
    )


class BulkIn(Strict):
    members: list[BulkItem] = Field(..., min_length=1, max_length=MAX_BATCH)


class MemberOut(Schema):
    id: int
    number: str
    kind: str
    status: str
    display_name: str
    last_name: str
    first_name: str
    legal_name: str
    representative: str
    birth_date: date | None
    category: str = Field(description="Category code.")
    college: str = Field(description="College code.")
    residence: str | None = Field(description="Residence name.")
    residence_id: int | None
    residence_code: str | None = Field(description="Residence code in your software, if set.")
    email: str
    phone: str
    address: str
    postal_code: str
    city: str
    admission_date: date | None
    admission_decision: str
    exit_date: date | None
    exit_reason: str
    shares: int = Field(description="Balance from the share ledger (read-only).")
    has_account: bool = Field(description="The member has linked an account.")
    anonymised: bool
    created_at: datetime
    updated_at: datetime


class MemberWritten(Schema):
    action: Literal["created", "updated", "unchanged"]
    member: MemberOut
    warnings: list[str] = []


class Page(Schema):
    count: int = Field(description="Total matching the filters.")
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page.")
    previous: str | None


class MemberPage(Page):
    results: list[MemberOut]


class BulkRow(Schema):
    line: int = Field(description="Position in `members`, from 1.")
    number: str
    action: Literal["created", "updated", "unchanged"]
    id: int | None = Field(description="The member's id (none in a dry run for a new member).")
    warnings: list[str] = []


class BulkOut(Schema):
    dry_run: bool
    created: int
    updated: int
    unchanged: int
    ledger: list[int] | None = Field(
        description="First and last numbers of the ledger operations written (admissions)."
    )
    rows: list[BulkRow]


class ResidenceFields(Strict):
    name: str | None = Field(
        None, json_schema_extra={"maxLength": 200, "examples": ["Les Érables"]}
    )
    address: str | None = Field(None, json_schema_extra={"maxLength": 255})
    postal_code: str | None = Field(None, description="Five digits.")
    city: str | None = Field(None, json_schema_extra={"maxLength": 120})
    homes_count: int | None = Field(None, ge=0, strict=True, description="Number of homes.")


class ResidenceCreate(ResidenceFields):
    name: str = Field(..., json_schema_extra={"maxLength": 200, "examples": ["Les Érables"]})
    code: str | None = Field(
        None, description="Its code in your software (unique in the coop).", max_length=50
    )


class ResidencePatch(ResidenceFields):
    code: str | None = Field(None, description="Its code in your software.", max_length=50)


class ResidenceUpsert(ResidenceFields):
    """PUT /residences/by-code/{code}: the code is in the path."""


class ResidenceOut(Schema):
    id: int
    code: str | None
    name: str
    address: str
    postal_code: str
    city: str
    homes_count: int
    members: int = Field(description="Members of the register living there (any status).")


class ResidenceWritten(Schema):
    action: Literal["created", "updated", "unchanged"]
    residence: ResidenceOut


class CategoryOut(Schema):
    code: str
    name: str
    default_college: str | None = Field(description="Code of its default college.")


class CollegeOut(Schema):
    code: str
    name: str
    kind: str
    weight: float | None = Field(description="SCIC: share of the votes (%).")


class TokenOut(Schema):
    coop: str = Field(description="The coop's web address (slug).")
    coop_name: str
    token: str = Field(description="The token's public prefix.")
    name: str
    scope: Literal["read", "write"]
    expires_at: datetime | None


class ErrorItem(Schema):
    line: int | None = Field(None, description="Row of a batch, from 1.")
    field: str | None = None
    code: str
    message: str
    value: str | None = None


class Error(Schema):
    code: str = Field(description="Stable machine code: see docs/api.md.")
    message: str = Field(description="In the language of Accept-Language (fr by default, en).")
    errors: list[ErrorItem] = []
    request_id: str

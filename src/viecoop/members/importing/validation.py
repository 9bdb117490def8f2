"""Checking the rows of a file against a snapshot of the register. Plain data in and out.

Every row gets an action: ``create``, ``update`` (its member number is in the register),
``unchanged``, or ``reject`` with the reasons (line, column, value, why). An empty cell
never erases what the register holds; it only matters where a value is required.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _

from viecoop.core.text import fold

from .fields import FIELDS, FIELDS_BY_KEY, KIND_VALUES, STATUS_VALUES

# Register fields an import sets on a member (the rest — status, admission, shares —
# go through the admission and the ledger).
MEMBER_VALUE_FIELDS = (
    "kind",
    "last_name",
    "first_name",
    "legal_name",
    "representative",
    "birth_date",
    "category",
    "college",
    "residence",
    "email",
    "phone",
    "address",
    "postal_code",
    "city",
)
MAX_LENGTHS = {
    "number": 30,
    "last_name": 150,
    "first_name": 150,
    "legal_name": 200,
    "representative": 200,
    "email": 254,
    "phone": 30,
    "address": 255,
    "city": 120,
    "admission_decision": 120,
}
_KINDS = {fold(v): key for key, values in KIND_VALUES.items() for v in values}
_STATUSES = {fold(v): key for key, values in STATUS_VALUES.items() for v in values}
_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.]+)?$")
_POSTAL = re.compile(r"^\d{5}$")
_validate_email = EmailValidator()


@dataclass
class Existing:
    """A member already in the register, as the import compares it."""

    pk: int
    number: str
    status: str
    values: dict[str, Any]
    shares: int = 0


@dataclass
class Snapshot:
    """What the import needs to know of a coop's register (loaded once, no query per row)."""

    categories: dict[str, tuple[int, int | None]]  # folded code or name → (pk, college pk)
    colleges: dict[str, int]  # folded code or name → pk
    residences: dict[str, int]  # folded name → pk
    members: dict[str, Existing]  # by number
    by_identity: dict[tuple[str, str, date], str] = field(default_factory=dict)
    by_email: dict[str, str] = field(default_factory=dict)
    category_names: list[str] = field(default_factory=list)
    college_names: list[str] = field(default_factory=list)
    residence_names: list[str] = field(default_factory=list)
    today: date = field(default_factory=date.today)


@dataclass
class RowError:
    line: int
    column: str
    field: str
    value: str
    message: str
    # A stable machine code (``unknown_category``, ``email_taken``…): the JSON API
    # returns it beside the message, and integrators branch on it. Listed in docs/api.md.
    code: str = "invalid"

    def as_dict(self) -> dict:
        return {
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "value": self.value,
            "message": self.message,
            "code": self.code,
        }


@dataclass
class RowResult:
    line: int
    action: str = "create"
    number: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    existing: Existing | None = None
    changes: list[str] = field(default_factory=list)
    admission: tuple[date, str, int] | None = None
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        kind = self.values.get("kind") or (self.existing.values["kind"] if self.existing else "")
        source = {**(self.existing.values if self.existing else {}), **self.values}
        if kind == "entity":
            return source.get("legal_name", "")
        return f"{source.get('last_name', '').upper()} {source.get('first_name', '')}".strip()


class CellError(Exception):
    def __init__(self, message: str, code: str = "invalid"):
        super().__init__(message)
        self.code = code


def display(value: Any) -> str:
    """A cell as the user sees it in the report."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def clean_text(value: Any, key: str) -> str:
    text = " ".join(display(value).split())
    limit = MAX_LENGTHS.get(key)
    if limit and len(text) > limit:
        raise CellError(_("Too long: at most %(max)s characters.") % {"max": limit}, "too_long")
    return text


def clean_date(value: Any, *, today: date) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        result = value.date()
    elif isinstance(value, date):
        result = value
    else:
        text = str(value).strip()
        if not text:
            return None
        match = _DATE.match(text)
        parts = None
        if match:
            parts = int(match[3]), int(match[2]), int(match[1])
        elif match := _ISO_DATE.match(text):
            parts = int(match[1]), int(match[2]), int(match[3])
        if parts is None:
            raise CellError(_("Not a date: write it as dd/mm/yyyy."), "invalid_date")
        try:
            result = date(*parts)
        except ValueError as error:
            raise CellError(_("This date does not exist."), "nonexistent_date") from error
    if result > today:
        raise CellError(_("This date is in the future."), "future_date")
    if result.year < 1900:
        raise CellError(_("This date is too far in the past."), "date_too_old")
    return result


def clean_shares(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError(_("Not a number of shares."), "invalid_shares")
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(str(value))
    else:
        text = str(value).strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
        if not text:
            return None
        try:
            number = Decimal(text.replace(",", "."))  # French decimals: « 3,0 »
        except InvalidOperation as error:
            raise CellError(_("Not a number of shares."), "invalid_shares") from error
    if not number.is_finite():
        raise CellError(_("Not a number of shares."), "invalid_shares")
    if number < 0:
        raise CellError(_("The number of shares cannot be negative."), "negative_shares")
    if number != number.to_integral_value():
        raise CellError(_("The number of shares is a whole number."), "fractional_shares")
    return int(number)


def clean_postal_code(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(int(value))
    text = display(value).replace(" ", "")
    # Excel turns « 01000 » into the number 1000: give the zero back.
    if len(text) == 4 and text.isdigit():
        text = "0" + text
    if text and not _POSTAL.match(text):
        raise CellError(_("A postal code has five digits."), "invalid_postal_code")
    return text


def clean_phone(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = str(int(value))
        # Excel drops the leading zero of « 0612345678 ».
        return "0" + text if len(text) == 9 else text
    return clean_text(value, "phone")


def clean_email(value: Any) -> str:
    text = clean_text(value, "email")
    if text:
        try:
            _validate_email(text)
        except ValidationError as error:
            raise CellError(_("Not a valid e-mail address."), "invalid_email") from error
    return text


def _choice_list(names: list[str]) -> str:
    shown = ", ".join(f"« {n} »" for n in names[:12])
    return shown + (" …" if len(names) > 12 else "")


class RowChecker:
    """Checks rows one by one, remembering what earlier rows hold (duplicates)."""

    def __init__(self, *, snapshot: Snapshot, mapping: dict[str, int], headers: list[str]):
        self.snapshot = snapshot
        self.mapping = {k: v for k, v in mapping.items() if k in FIELDS_BY_KEY}
        self.columns: dict[str, str] = {}
        for key, index in self.mapping.items():
            header = headers[index] if 0 <= index < len(headers) else ""
            self.columns[key] = header or str(FIELDS_BY_KEY[key].label)
        self.seen_numbers: dict[str, int] = {}
        self.seen_identities: dict[tuple[str, str, date], int] = {}
        self.seen_emails: dict[str, int] = {}

    def column(self, key: str) -> str:
        return self.columns.get(key) or str(FIELDS_BY_KEY[key].label)

    def check(self, line: int, cells: list[Any]) -> RowResult:
        result = RowResult(line=line)
        raw = {
            key: (cells[index] if index < len(cells) else None)
            for key, index in self.mapping.items()
        }

        def error(key: str, message: str, value: Any = None, *, code: str = "invalid") -> None:
            shown = display(raw.get(key)) if value is None else value
            result.errors.append(RowError(line, self.column(key), key, shown, str(message), code))

        values: dict[str, Any] = {}
        cleaners: dict[str, Callable[[Any], Any]] = {
            "birth_date": lambda v: clean_date(v, today=self.snapshot.today),
            "admission_date": lambda v: clean_date(v, today=self.snapshot.today),
            "shares": clean_shares,
            "postal_code": clean_postal_code,
            "phone": clean_phone,
            "email": clean_email,
        }
        for key, value in raw.items():
            try:
                if key in cleaners:
                    values[key] = cleaners[key](value)
                else:
                    values[key] = clean_text(value, key)
            except CellError as problem:
                error(key, str(problem), code=problem.code)
        self._choices(values, error)

        number = values.get("number") or ""
        result.number = number
        existing = self.snapshot.members.get(number) if number else None
        result.existing = existing
        self._names(values, existing, error)
        self._status(result, values, existing, error)
        self._duplicates(result, values, existing, error)

        # What the row sets on the member: the values it gives (empty never erases).
        result.values = {
            key: values[key]
            for key in MEMBER_VALUE_FIELDS
            if key in values and values[key] not in ("", None)
        }
        if (existing is None and "college" not in result.values and "category" in values) or (
            existing is not None
            and "category" in result.values
            and "college" not in values
            and result.values["category"] != existing.values["category"]
        ):
            result.values["college"] = values.get("_default_college")
        if result.errors:
            result.action = "reject"
            return result
        if existing is None:
            result.action = "create"
        else:
            result.changes = [
                key for key, value in result.values.items() if existing.values.get(key) != value
            ]
            result.action = "update" if result.changes or result.admission else "unchanged"
        return result

    def _choices(self, values: dict, error) -> None:
        snap = self.snapshot
        if values.get("category"):
            found = snap.categories.get(fold(values["category"]))
            if found is None:
                error(
                    "category",
                    _("Unknown category. The coop's categories are: %(choices)s.")
                    % {"choices": _choice_list(snap.category_names)},
                    code="unknown_category",
                )
                del values["category"]
            else:
                values["category"], values["_default_college"] = found
        if values.get("college"):
            found = snap.colleges.get(fold(values["college"]))
            if found is None:
                error(
                    "college",
                    _("Unknown college. The coop's colleges are: %(choices)s.")
                    % {"choices": _choice_list(snap.college_names)},
                    code="unknown_college",
                )
                del values["college"]
            else:
                values["college"] = found
        if values.get("residence"):
            found = snap.residences.get(fold(values["residence"]))
            if found is None:
                error(
                    "residence",
                    _("Unknown residence. The coop's residences are: %(choices)s.")
                    % {"choices": _choice_list(snap.residence_names) or "—"},
                    code="unknown_residence",
                )
                del values["residence"]
            else:
                values["residence"] = found

    def _names(self, values: dict, existing: Existing | None, error) -> None:
        old = existing.values if existing else {}
        kind_text = values.get("kind")
        if kind_text:
            kind = _KINDS.get(fold(kind_text))
            if kind is None:
                error(
                    "kind",
                    _("Unknown kind: write « personne » or « personne morale »."),
                    code="unknown_kind",
                )
                kind = old.get("kind", "person")
        elif existing:
            kind = old["kind"]
        else:
            kind = (
                "entity" if values.get("legal_name") and not values.get("last_name") else "person"
            )
        values["kind"] = kind
        if kind == "person" and not (values.get("last_name") or old.get("last_name")):
            error("last_name", _("A person needs a last name."), code="required")
        if kind == "entity" and not (values.get("legal_name") or old.get("legal_name")):
            error("legal_name", _("A legal entity needs its legal name."), code="required")
        if (
            existing is None
            and not values.get("category")
            and not self._has_error(values, "category")
        ):
            error("category", _("The category is required."), code="required")
        if (
            existing is None
            and values.get("category")
            and not values.get("college")
            and not values.get("_default_college")
            and not self._has_error(values, "college")
        ):
            error(
                "college",
                _("Choose the member's college: this category has none by default."),
                code="required",
            )

    def _has_error(self, values: dict, key: str) -> bool:
        return key in self.mapping and key not in values

    def _status(self, result: RowResult, values: dict, existing: Existing | None, error) -> None:
        status_text = values.get("status")
        admission_date = values.get("admission_date")
        if status_text:
            status = _STATUSES.get(fold(status_text))
            if status is None:
                error(
                    "status",
                    _("Unknown status: write « candidat », « admis » or « sorti »."),
                    code="unknown_status",
                )
                return
        else:
            status = "admitted" if admission_date else None
        old_status = existing.status if existing else None
        shares = values.get("shares")
        if existing is not None and old_status != "candidate":
            if status and status != old_status:
                if old_status == "left":
                    message = _(
                        "This member has left the register: the import cannot bring them back."
                    )
                    code = "cannot_return"
                elif status == "left":
                    message = _("The import does not record exits: record it on the member's page.")
                    code = "exit_not_supported"
                else:
                    message = _(
                        "This member is already admitted: the import cannot make them a candidate again."
                    )
                    code = "cannot_become_candidate"
                error("status", message, code=code)
            elif shares is not None and shares != existing.shares and old_status == "admitted":
                result.warnings.append(
                    _(
                        "The ledger holds %(held)s shares for this member, the file %(file)s: "
                        "the import does not change the ledger."
                    )
                    % {"held": existing.shares, "file": shares}
                )
            return
        if status == "left":
            error(
                "status",
                _(
                    "A member who has left cannot be imported: register them, then record their exit."
                ),
                code="left_not_importable",
            )
            return
        if status == "admitted":
            decision = values.get("admission_decision", "")
            if admission_date is None and not self._has_error(values, "admission_date"):
                error(
                    "admission_date",
                    _("An admitted member needs an admission date."),
                    code="required",
                )
            if not decision and not self._has_error(values, "admission_decision"):
                error(
                    "admission_decision",
                    _("An admitted member needs the reference of the board's decision."),
                    code="required",
                )
            if not shares and not self._has_error(values, "shares"):
                error("shares", _("An admitted member holds at least one share."), code="required")
            if admission_date and decision and shares:
                result.admission = (admission_date, decision, shares)
        elif shares:
            error(
                "shares",
                _(
                    "A candidate holds no shares: give the status « admis », the admission date "
                    "and the board's decision."
                ),
                code="candidate_with_shares",
            )

    def _duplicates(self, result: RowResult, values: dict, existing: Existing | None, error):
        snap = self.snapshot
        line = result.line
        number = result.number
        if number:
            first = self.seen_numbers.setdefault(number, line)
            if first != line:
                error(
                    "number",
                    _("The same member number is on line %(line)s.") % {"line": first},
                    code="duplicate_number",
                )
        old = existing.values if existing else {}
        last = fold(values.get("last_name") or old.get("last_name") or "")
        first_name = fold(values.get("first_name") or old.get("first_name") or "")
        birth = values.get("birth_date") or old.get("birth_date")
        if last and birth:
            identity = (last, first_name, birth)
            first = self.seen_identities.setdefault(identity, line)
            column = "last_name" if "last_name" in self.mapping else "birth_date"
            shown = " ".join(
                display(v) for v in (values.get("last_name"), values.get("first_name"), birth) if v
            )
            if first != line:
                error(
                    column,
                    _("Same last name, first name and date of birth as line %(line)s.")
                    % {"line": first},
                    shown,
                    code="duplicate_identity",
                )
            elif (other := snap.by_identity.get(identity)) and other != number:
                error(
                    column,
                    _(
                        "Already in the register as member n°%(number)s (same last name, first "
                        "name and date of birth)."
                    )
                    % {"number": other},
                    shown,
                    code="identity_taken",
                )
        email = (values.get("email") or "").casefold()
        if email:
            first = self.seen_emails.setdefault(email, line)
            if first != line:
                error(
                    "email",
                    _("Same e-mail address as line %(line)s.") % {"line": first},
                    code="duplicate_email",
                )
            elif (other := snap.by_email.get(email)) and other != number:
                error(
                    "email",
                    _("Member n°%(number)s of the register already has this e-mail address.")
                    % {"number": other},
                    code="email_taken",
                )


def check_rows(
    rows: list[tuple[int, list[Any]]],
    *,
    snapshot: Snapshot,
    mapping: dict[str, int],
    headers: list[str],
    progress: Callable[[int], None] | None = None,
    every: int = 1000,
) -> list[RowResult]:
    checker = RowChecker(snapshot=snapshot, mapping=mapping, headers=headers)
    results = []
    for count, (line, cells) in enumerate(rows, start=1):
        results.append(checker.check(line, cells))
        if progress and count % every == 0:
            progress(count)
    return results


def check_records(
    records: list[dict[str, Any]], *, snapshot: Snapshot, first_line: int = 1
) -> list[RowResult]:
    """Check records given as field key → value (the JSON API) with the file's rules.

    Each record is a row whose columns are the keys it gives, titled by the key itself: a
    key a record leaves out is a column the file does not have (so, as in the import, a
    new category without a college takes the category's default college). Lines count
    from ``first_line`` (the position in a batch, from 1).
    """
    checker = RowChecker(snapshot=snapshot, mapping={}, headers=[])
    results = []
    for offset, record in enumerate(records):
        keys = [key for key in record if key in FIELDS_BY_KEY]
        checker.mapping = {key: index for index, key in enumerate(keys)}
        checker.columns = {key: key for key in keys}
        results.append(checker.check(first_line + offset, [record[key] for key in keys]))
    return results


def summarise(results: list[RowResult], *, sample: int = 200, max_errors: int = 50_000) -> dict:
    """Counts and the report kept on the job (every rejection, a sample of the rest)."""
    counts = {"create": 0, "update": 0, "unchanged": 0, "reject": 0}
    report: dict[str, Any] = {"errors": [], "created": [], "updated": [], "warnings": []}
    labels = {f.key: str(f.label) for f in FIELDS}
    for result in results:
        counts[result.action] += 1
        if result.action == "reject":
            if len(report["errors"]) < max_errors:
                report["errors"].extend(e.as_dict() for e in result.errors)
        elif result.action == "create" and len(report["created"]) < sample:
            report["created"].append(
                {"line": result.line, "number": result.number, "name": result.name}
            )
        elif result.action == "update" and len(report["updated"]) < sample:
            changes = [labels[k] for k in result.changes]
            if result.admission:
                changes.append(str(_("admission")))
            report["updated"].append(
                {
                    "line": result.line,
                    "number": result.number,
                    "name": result.name,
                    "changes": changes,
                }
            )
        for warning in result.warnings:
            if len(report["warnings"]) < sample:
                report["warnings"].append({"line": result.line, "message": str(warning)})
    report["errors_truncated"] = len(report["errors"]) >= max_errors
    return {"counts": counts, "report": report}

"""The API's errors: one JSON shape, a stable machine code, a message in the caller's language.

    {"code": "invalid", "message": "…", "errors": [{"field": "email", "code": "invalid_email",
     "message": "…", "value": "…", "line": 1}], "request_id": "…"}

Codes of ``errors[]`` for member rows are the import's (``members.importing.validation``);
pydantic's type errors are mapped to codes of the same style below.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Row errors that say « this already exists »: the request conflicts with the register.
CONFLICT_CODES = frozenset(
    {"number_taken", "identity_taken", "email_taken", "name_taken", "code_taken"}
)


class ApiError(Exception):
    """An answer other than success, raised anywhere in an endpoint."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors or []
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": str(self.message)}
        if self.errors:
            body["errors"] = self.errors
        return body


def not_found() -> ApiError:
    return ApiError(404, "not_found", _("Nothing here, or not in your coop."))


def rows_rejected(errors: list[dict[str, Any]]) -> ApiError:
    """422 when a row is invalid, 409 when every problem is a conflict with the register."""
    if errors and all(e["code"] in CONFLICT_CODES for e in errors):
        return ApiError(
            409, "conflict", _("This conflicts with what the register holds."), errors=errors
        )
    return ApiError(
        422, "invalid", _("Some values are not valid; nothing was written."), errors=errors
    )


# Django's validation codes → the API's (the import's names where they exist).
DJANGO_CODES = {
    "max_length": "too_long",
    "blank": "required",
    "null": "required",
    "required": "required",
    "min_value": "out_of_range",
    "invalid_choice": "invalid_choice",
}
UNIQUE_CODES = frozenset({"unique", "unique_together"})
FIELD_CODES = {"postal_code": "invalid_postal_code", "email": "invalid_email"}


def from_django(
    error: ValidationError,
    *,
    unique_field: str,
    unique_code: str,
    unique_message: str,
) -> ApiError:
    """A service's ``ValidationError`` (model validation, the last guard) as the API's answer."""
    rows = []
    problems = error.error_dict.items() if hasattr(error, "error_dict") else [("__all__", [error])]
    for name, items in problems:
        for problem in items:
            if problem.code in UNIQUE_CODES or (problem.code or "").endswith(
                "_unique_name_per_coop"
            ):
                rows.append(
                    {"field": unique_field, "code": unique_code, "message": str(unique_message)}
                )
                continue
            code = DJANGO_CODES.get(problem.code or "") or FIELD_CODES.get(name, "invalid")
            message = problem.message % problem.params if problem.params else problem.message
            rows.append(
                {
                    "field": None if name == "__all__" else name,
                    "code": code,
                    "message": str(message),
                }
            )
    return rows_rejected(rows)


def _type_message(kind: str, ctx: dict[str, Any]) -> tuple[str, str]:
    """Stable code and translated message for one pydantic error type."""
    if kind == "missing":
        return "required", _("This field is required.")
    if kind == "extra_forbidden":
        return "unknown_field", _("Unknown field.")
    if kind.startswith("date_"):
        return "invalid_date", _("Not a date: write it as YYYY-MM-DD.")
    if kind.startswith("datetime_") or kind.startswith("timezone_"):
        return "invalid_datetime", _("Not a date and time: write it as YYYY-MM-DDTHH:MM:SS+01:00.")
    if kind.startswith("int_") or kind in ("greater_than_equal", "less_than_equal"):
        if kind == "greater_than_equal":
            return "out_of_range", _("At least %(min)s.") % {"min": ctx.get("ge")}
        if kind == "less_than_equal":
            return "out_of_range", _("At most %(max)s.") % {"max": ctx.get("le")}
        return "invalid_integer", _("Not a whole number.")
    if kind in ("bool_type", "bool_parsing"):
        return "invalid_boolean", _("Write true or false.")
    if kind in ("string_type", "string_unicode"):
        return "invalid_type", _("Expected text.")
    if kind in ("literal_error", "enum"):
        return "invalid_choice", _("Not one of the allowed values: %(values)s.") % {
            "values": ctx.get("expected", "")
        }
    if kind == "too_long":
        return "too_many_rows", _("At most %(max)s rows per request.") % {
            "max": ctx.get("max_length")
        }
    if kind == "too_short":
        return "empty_batch", _("Send at least one row.")
    if kind == "string_too_short":
        return "required", _("This field is required.")
    if kind == "string_too_long":
        return "too_long", _("Too long: at most %(max)s characters.") % {
            "max": ctx.get("max_length")
        }
    if kind in ("model_type", "model_attributes_type", "dict_type", "list_type"):
        return "invalid_type", _("Not the expected JSON type (object or list).")
    if kind == "json_invalid":
        return "invalid_json", _("The body is not valid JSON.")
    return "invalid", _("Not valid.")


def from_pydantic(errors: list[dict[str, Any]]) -> ApiError:
    """Ninja's request validation errors as the API's 422 (or 400 for a broken body)."""
    rows = []
    for error in errors:
        loc = [part for part in error.get("loc", ()) if part not in ("body", "query", "path")]
        # Ninja puts the parameter's name first (``payload``…): keep only the fields.
        if loc and isinstance(loc[0], str) and loc[0] in ("payload", "filters"):
            loc = loc[1:]
        line = None
        if len(loc) >= 2 and loc[0] == "members" and isinstance(loc[1], int):
            line = loc[1] + 1
            loc = loc[2:]
        field = ".".join(str(p) for p in loc) or None
        kind = error.get("type", "")
        code, message = _type_message(kind, error.get("ctx") or {})
        row: dict[str, Any] = {
            "field": field,
            "code": code,
            "message": str(message),
        }
        if line is not None:
            row["line"] = line
        rows.append(row)
    if any(r["code"] == "invalid_json" for r in rows):
        return ApiError(400, "bad_request", _("The body is not valid JSON."), errors=rows)
    return ApiError(
        422, "invalid", _("Some values are not valid; nothing was written."), errors=rows
    )

"""Writing checked rows to the register in bulk, with the invariants of the members services.

``members.services`` writes one member at a time (≈ 35 queries for a member admitted
with shares); 30,000 rows that way take minutes. This path writes the same rows with a
handful of statements and keeps what the services guarantee:

- the coop's register row is locked first (``services._lock_register``), so ledger
  numbers stay consecutive and free member numbers are handed out one by one;
- member numbers: the ones given by the file, else the next free one from the
  register's settings (its prefix and width), skipping numbers already taken;
- every admission subscribes its shares with the board's decision and date (the ledger
  refuses a subscription without them), numbered after the coop's last operation;
- ``search_text`` is rebuilt for every member written;
- a change of college is kept in the member's college history (voting rights at a
  past date use the college the member had then);
- one audit entry (``members.import``) sums the import up.

Rows go to the database with one prepared ``INSERT`` (or ``UPDATE``) run by
``executemany`` per table, not ``bulk_create``: on SQLite, Django compiles one statement
per 999 parameters (≈ 400 statements for 30,000 members, ledger lines and movements),
which took most of the import's time; ``executemany`` prepares the statement once.
Model defaults are taken from the fields, so a new field with a default needs nothing here.

The caller holds the transaction: if anything fails, nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.members import services
from viecoop.members.models import (
    CollegeChange,
    Member,
    ShareMovement,
    ShareOperation,
    member_search_text,
)

from .validation import MEMBER_VALUE_FIELDS, RowResult

FK_FIELDS = {"category": "category_id", "college": "college_id", "residence": "residence_id"}
SEARCH_FIELDS = ("first_name", "last_name", "legal_name", "email", "city")


def _prepared(field: models.Field, value: Any) -> Any:
    return field.get_db_prep_save(value, connection=connection)


def insert_rows(
    model: type[models.Model], rows: Sequence[dict[str, Any]], **constants: Any
) -> None:
    """INSERT ``rows`` (dicts by attname) with one prepared statement; other fields get
    ``constants`` or their model default. Values of the rows must already be database-ready
    (str, int, date, Decimal, None): the import's are.
    """
    if not rows:
        return
    varying = list(rows[0])
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    fixed = {
        f.attname: _prepared(f, constants[f.attname] if f.attname in constants else f.get_default())
        for f in fields
        if f.attname not in varying
    }
    by_attname = {f.attname: f.column for f in fields}
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(by_attname[a]) for a in [*varying, *fixed])
    marks = ", ".join(["%s"] * (len(varying) + len(fixed)))
    # Names come from the models, never from the file; values are parameters.
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
    tail = list(fixed.values())
    with connection.cursor() as cursor:
        cursor.executemany(sql, [[row[c] for c in varying] + tail for row in rows])


def _update_rows(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """UPDATE ``columns`` of each row (its values, then its primary key), one prepared statement."""
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    assignments = ", ".join(f"{quote(c)} = %s" for c in columns)
    sql = f"UPDATE {table} SET {assignments} WHERE {pk} = %s"  # noqa: S608 — names from the model
    rows = list(rows)
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)


def _member_row(number: str, values: dict[str, Any]) -> dict[str, Any]:
    row = {FK_FIELDS.get(k, k): values.get(k) for k in MEMBER_VALUE_FIELDS}
    for key in ("first_name", "last_name", "legal_name", "representative", "email", "phone"):
        row[key] = row[key] or ""
    for key in ("address", "postal_code", "city"):
        row[key] = row[key] or ""
    row["kind"] = row["kind"] or Member.Kind.PERSON
    row["number"] = number
    row["search_text"] = member_search_text(number=number, **{k: row[k] for k in SEARCH_FIELDS})
    return row


def write_rows(*, actor, coop, results: list[RowResult]) -> dict:
    """Create, update and admit the members of ``results`` (rejected rows are skipped)."""
    if not connection.in_atomic_block:
        raise RuntimeError("write_rows() must run inside the caller's transaction.")
    register = services._lock_register(coop)
    now = timezone.now()
    db_now = _prepared(Member._meta.get_field("updated_at"), now)
    taken = set(Member.objects.filter(coop=coop).values_list("number", flat=True))
    taken.update(r.number for r in results if r.action == "create" and r.number)

    # New members, numbered as member_create does.
    creates: list[tuple[RowResult, dict[str, Any]]] = []
    next_number = register.next_number
    for result in results:
        if result.action != "create":
            continue
        if not result.number:
            while register.format_number(next_number) in taken:
                next_number += 1
            result.number = register.format_number(next_number)
            taken.add(result.number)
            next_number += 1
        row = _member_row(result.number, result.values)
        if result.admission:
            row["status"] = Member.Status.ADMITTED
            row["admission_date"], row["admission_decision"], _shares = result.admission
        else:
            row["status"] = Member.Status.CANDIDATE
            row["admission_date"], row["admission_decision"] = None, ""
        creates.append((result, row))
    if next_number != register.next_number:
        register.next_number = next_number
        register.save(update_fields=["next_number"])
    insert_rows(
        Member,
        [row for _r, row in creates],
        coop_id=coop.pk,
        created_at=now,
        updated_at=now,
    )
    ids = dict(Member.objects.filter(coop=coop).values_list("number", "pk")) if creates else {}

    # Members already in the register: every value field is written (the file's values over
    # the register's), with the admission's fields when the row admits a candidate.
    updates = [r for r in results if r.action == "update"]
    value_columns = [FK_FIELDS.get(k, k) for k in MEMBER_VALUE_FIELDS]
    plain, admitting, college_changes = [], [], []
    for result in updates:
        existing = result.existing
        row = _member_row(existing.number, {**existing.values, **result.values})
        values = [row[c] for c in value_columns] + [row["search_text"], db_now]
        if result.admission:
            admission_date, decision, _shares = result.admission
            admitting.append(
                [*values, Member.Status.ADMITTED, admission_date, decision, existing.pk]
            )
        else:
            plain.append([*values, existing.pk])
        if "college" in result.changes:
            college_changes.append(
                {
                    "member_id": existing.pk,
                    "from_college_id": existing.values["college"],
                    "to_college_id": row["college_id"],
                }
            )
    columns = [*value_columns, "search_text", "updated_at"]
    _update_rows(Member, columns, plain)
    _update_rows(Member, [*columns, "status", "admission_date", "admission_decision"], admitting)
    insert_rows(
        CollegeChange,
        college_changes,
        coop_id=coop.pk,
        effective_date=timezone.localdate(),
        reason=_("Register import"),
        recorded_by_id=actor.pk if getattr(actor, "is_authenticated", False) else None,
        recorded_at=now,
    )

    # The admissions' subscriptions, numbered after the coop's last operation.
    last = (
        ShareOperation.objects.filter(coop=coop)
        .order_by("-sequence")
        .values_list("sequence", flat=True)
        .first()
    ) or 0
    first = last + 1
    operations = []
    for result in results:
        if result.action not in ("create", "update") or not result.admission:
            continue
        admission_date, decision, shares = result.admission
        last += 1
        member_id = ids[result.number] if result.action == "create" else result.existing.pk
        operations.append(
            {
                "sequence": last,
                "member_id": member_id,
                "shares": shares,
                "effective_date": admission_date,
                "board_decision": decision,
                "board_decision_date": admission_date,
            }
        )
    insert_rows(
        ShareOperation,
        operations,
        coop_id=coop.pk,
        kind=ShareOperation.Kind.SUBSCRIPTION,
        unit_price=register.share_nominal,
        note=_("Subscription at admission"),
        created_by_id=actor.pk if getattr(actor, "is_authenticated", False) else None,
        created_at=now,
        counterpart_id=None,
        corrects_id=None,
    )
    if operations:
        operation_ids = dict(
            ShareOperation.objects.filter(coop=coop, sequence__gte=first).values_list(
                "sequence", "pk"
            )
        )
        insert_rows(
            ShareMovement,
            [
                {
                    "operation_id": operation_ids[op["sequence"]],
                    "member_id": op["member_id"],
                    "shares": op["shares"],
                }
                for op in operations
            ],
        )
    return {
        "created": [r.number for r, _row in creates],
        "updated": [r.number for r in updates],
        "admitted": len(operations),
        "ledger": [first, last] if operations else None,
    }

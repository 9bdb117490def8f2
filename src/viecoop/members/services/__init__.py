"""Writes on the register and the share ledger: transactional, audited, locked where order matters.

A package split by sub-domain (``setup``, ``register``, ``ledger``, ``own``, ``anonymisation``,
…); callers import from ``viecoop.members.services``, whose names below are the interface.
"""

from .anonymisation import (
    ANONYMISED_NAME,
    _years_before,
    anonymise_departed_members,
    member_anonymise,
    members_due_for_anonymisation,
)
from .common import LedgerError, _check_same_coop, _lock_register
from .ledger import member_balance, share_operation_record
from .own import (
    MEMBER_SELF_SERVICE_FIELDS,
    ExitAlreadyRequested,
    exit_request_create,
    link_account_on_invitation,
    member_invite,
    member_update_own_details,
)
from .register import MEMBER_FIELDS, member_admit, member_create, member_leave, member_update
from .setup import DEFAULT_COLLEGES, STANDARD_CATEGORIES, register_setup

__all__ = [
    "ANONYMISED_NAME",
    "DEFAULT_COLLEGES",
    "MEMBER_FIELDS",
    "MEMBER_SELF_SERVICE_FIELDS",
    "STANDARD_CATEGORIES",
    "ExitAlreadyRequested",
    "LedgerError",
    "_check_same_coop",
    "_lock_register",
    "_years_before",
    "anonymise_departed_members",
    "exit_request_create",
    "link_account_on_invitation",
    "member_admit",
    "member_anonymise",
    "member_balance",
    "member_create",
    "member_invite",
    "member_leave",
    "member_update",
    "member_update_own_details",
    "members_due_for_anonymisation",
    "register_setup",
    "share_operation_record",
]

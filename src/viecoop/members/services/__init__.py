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
from .consents import (
    DEFAULT_CONSENT_TEXTS,
    PREFERENCE_FIELDS,
    ConsentError,
    consent_record,
    consent_text_publish,
    consent_texts_setup,
    current_consent_text,
    member_update_preferences,
)
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
from .settings import (
    CollegeRow,
    CollegesInvalid,
    category_create,
    category_delete,
    category_move,
    category_update,
    colleges_update,
    colleges_with_usage,
    register_settings_update,
)
from .setup import DEFAULT_COLLEGES, STANDARD_CATEGORIES, register_setup

__all__ = [
    "ANONYMISED_NAME",
    "DEFAULT_COLLEGES",
    "DEFAULT_CONSENT_TEXTS",
    "MEMBER_FIELDS",
    "MEMBER_SELF_SERVICE_FIELDS",
    "PREFERENCE_FIELDS",
    "STANDARD_CATEGORIES",
    "CollegeRow",
    "CollegesInvalid",
    "ConsentError",
    "ExitAlreadyRequested",
    "LedgerError",
    "_check_same_coop",
    "_lock_register",
    "_years_before",
    "anonymise_departed_members",
    "category_create",
    "category_delete",
    "category_move",
    "category_update",
    "colleges_update",
    "colleges_with_usage",
    "consent_record",
    "consent_text_publish",
    "consent_texts_setup",
    "current_consent_text",
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
    "member_update_preferences",
    "members_due_for_anonymisation",
    "register_settings_update",
    "register_setup",
    "share_operation_record",
]

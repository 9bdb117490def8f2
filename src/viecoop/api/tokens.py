"""API token strings: making them, recognising them, hashing them (pure, no I/O).

A token reads ``vc_<public>_<secret>``: ``vc_`` says it is viecoop's (secret scanners and
people recognise it), the 8-character public part identifies it in lists and logs, the
40-character secret carries ~238 bits of randomness. Only the SHA-256 digest of the whole
string is stored: a high-entropy secret needs no slow password hash (nothing to
brute-force), and a digest is a unique index the database can look up in one step.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import string

PREFIX = "vc_"
PUBLIC_LENGTH = 8
SECRET_LENGTH = 40
ALPHABET = string.ascii_letters + string.digits
PATTERN = re.compile(rf"^{PREFIX}[A-Za-z0-9]{{{PUBLIC_LENGTH}}}_[A-Za-z0-9]{{{SECRET_LENGTH}}}$")


def _random(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def generate() -> str:
    """A new token string (shown once, never stored)."""
    return f"{PREFIX}{_random(PUBLIC_LENGTH)}_{_random(SECRET_LENGTH)}"


def is_well_formed(token: str) -> bool:
    return bool(PATTERN.match(token))


def public_prefix(token: str) -> str:
    """What is kept in clear to recognise a token: ``vc_`` and its public part."""
    return token[: len(PREFIX) + PUBLIC_LENGTH]


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()

"""Checks of a governance profile against the law and its own consistency (French messages)."""

from __future__ import annotations

from fractions import Fraction
from numbers import Rational

from .types import (
    SCIC,
    SCIC_MAX_WEIGHT,
    SCIC_MIN_COLLEGES,
    SCIC_MIN_WEIGHT,
    SCP,
    SCP_COLLEGE_KINDS,
    Profile,
)
from .wording import _percent


def _is_exact(value: object) -> bool:
    return isinstance(value, Rational) and not isinstance(value, bool)


def validate_profile(profile: Profile) -> list[str]:
    """Every breach of the law or of the profile's own consistency, in French, for staff to fix.

    All breaches are listed at once (not just the first) so that one round trip fixes a form.
    """
    errors: list[str] = []
    codes = [college.code for college in profile.colleges]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        errors.append(f"Le collège {code} est défini plusieurs fois.")
    if any(not code.strip() for code in codes):
        errors.append("Chaque collège doit avoir un code.")
    if isinstance(profile.draw_seed, bool) or not isinstance(profile.draw_seed, int):
        errors.append("La graine du tirage au sort doit être un nombre entier.")

    if profile.legal_form == SCP:
        if "A" not in codes:
            errors.append("Une SCP d'HLM doit avoir un collège A (usagers).")
        for college in profile.colleges:
            expected = SCP_COLLEGE_KINDS.get(college.code)
            if expected is None:
                errors.append(
                    f"Le collège {college.code} n'existe pas dans une SCP d'HLM "
                    "(seuls les collèges A, B et C sont possibles)."
                )
            elif college.kind != expected:
                errors.append(f"Le collège {college.code} doit être de type « {expected} ».")
            if college.weight is not None:
                errors.append(
                    f"Le collège {college.code} a une pondération : "
                    "seules les SCIC pondèrent leurs collèges."
                )
        for label, cap in (
            ("Le plafond des investisseurs", profile.investors_cap),
            ("Le plafond des investisseurs avec un collège C", profile.investors_cap_with_hlm),
        ):
            if not _is_exact(cap):
                errors.append(f"{label} doit être une fraction exacte, pas {cap!r}.")
            elif not 0 < cap <= Fraction(49, 100):
                # Above 49 %, college A would no longer keep its 51 %.
                errors.append(f"{label} doit être supérieur à 0 % et au plus 49 %.")
    elif profile.legal_form == SCIC:
        if len(profile.colleges) < SCIC_MIN_COLLEGES:
            errors.append(
                f"Une SCIC d'HLM doit avoir au moins {SCIC_MIN_COLLEGES} collèges "
                f"(il y en a {len(profile.colleges)})."
            )
        weights: list[Fraction] = []
        for college in profile.colleges:
            if college.weight is None:
                errors.append(f"Le collège {college.code} n'a pas de pondération.")
            elif not _is_exact(college.weight):
                errors.append(
                    f"La pondération du collège {college.code} doit être une fraction exacte, "
                    f"pas {college.weight!r}."
                )
            else:
                weights.append(Fraction(college.weight))
                if not SCIC_MIN_WEIGHT <= college.weight <= SCIC_MAX_WEIGHT:
                    errors.append(
                        f"La pondération du collège {college.code} ({_percent(college.weight)}) "
                        "doit être comprise entre 10 % et 50 %."
                    )
        if len(weights) == len(profile.colleges) and sum(weights) != 1:
            errors.append(
                f"Les pondérations des collèges totalisent {_percent(sum(weights))} "
                "au lieu de 100 %."
            )
    else:
        errors.append(f"Forme juridique inconnue : {profile.legal_form!r} (attendu : scp ou scic).")
    return errors

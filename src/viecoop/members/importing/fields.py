"""The register's columns in a file: names, synonyms, the proposed mapping (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from viecoop.core.text import fold


@dataclass(frozen=True)
class Field:
    key: str
    label: str | Promise
    # The column title of the export, also recognised on import. A file format, not UI text:
    # it stays French whatever the user's language, so an export always re-imports.
    header: str
    synonyms: tuple[str, ...] = ()


FIELDS: tuple[Field, ...] = (
    Field(
        "number",
        _("Member number"),
        "N° associé",
        (
            "numero",
            "n°",
            "no",
            "num",
            "numero associe",
            "n° associe",
            "n° adherent",
            "numero adherent",
            "n° societaire",
            "numero societaire",
            "member number",
            "number",
        ),
    ),
    Field(
        "kind",
        _("Kind (person or legal entity)"),
        "Type",
        ("type", "type d'associe", "nature", "kind"),
    ),
    Field(
        "last_name", _("Last name"), "Nom", ("nom", "nom de famille", "nom d'usage", "last name")
    ),
    Field("first_name", _("First name"), "Prénom", ("prenom", "prenoms", "first name")),
    Field(
        "legal_name",
        _("Legal name"),
        "Raison sociale",
        ("raison sociale", "denomination", "personne morale", "organisme", "legal name"),
    ),
    Field(
        "representative",
        _("Represented by"),
        "Représentant",
        ("representant", "representant legal", "represente par", "represented by"),
    ),
    Field(
        "birth_date",
        _("Date of birth"),
        "Date de naissance",
        ("date de naissance", "naissance", "ne le", "ne(e) le", "date of birth", "birth date"),
    ),
    Field("category", _("Category"), "Catégorie", ("categorie", "categorie d'associe", "category")),
    Field("college", _("College"), "Collège", ("college", "college de vote", "voting college")),
    Field("residence", _("Residence"), "Résidence", ("residence", "programme", "immeuble")),
    Field(
        "email",
        _("E-mail address"),
        "Courriel",
        (
            "courriel",
            "email",
            "e-mail",
            "mail",
            "adresse mail",
            "adresse email",
            "adresse e-mail",
            "adresse electronique",
            "e-mail address",
        ),
    ),
    Field(
        "phone",
        _("Phone"),
        "Téléphone",
        ("telephone", "tel", "tel.", "portable", "mobile", "telephone portable", "phone"),
    ),
    Field("address", _("Address"), "Adresse", ("adresse", "adresse postale", "rue", "address")),
    Field("postal_code", _("Postal code"), "Code postal", ("cp", "code postal", "postal code")),
    Field("city", _("City"), "Ville", ("ville", "commune", "localite", "city")),
    Field("status", _("Status"), "Statut", ("statut", "etat", "situation", "status")),
    Field(
        "admission_date",
        _("Admission date"),
        "Date d'admission",
        ("date d'admission", "date admission", "admission", "date d'entree", "admission date"),
    ),
    Field(
        "admission_decision",
        _("Board decision (admission)"),
        "Décision du CA",
        (
            "decision du ca",
            "decision ca",
            "deliberation",
            "decision du conseil",
            "reference ca",
            "ca",
            "board decision",
        ),
    ),
    Field(
        "shares",
        _("Shares held"),
        "Nombre de parts",
        (
            "nombre de parts",
            "nb parts",
            "nb de parts",
            "parts",
            "parts sociales",
            "parts detenues",
            "shares",
            "shares held",
        ),
    ),
)
FIELDS_BY_KEY = {field.key: field for field in FIELDS}
EXPORT_HEADERS = [field.header for field in FIELDS]

# Values of the kind and status columns, folded. The export writes the first of each.
KIND_VALUES = {
    "person": ("personne", "personne physique", "physique", "pp", "particulier", "person"),
    "entity": ("personne morale", "morale", "pm", "entite", "societe", "entity", "legal entity"),
}
STATUS_VALUES = {
    "candidate": ("candidat", "candidate", "candidature", "en attente"),
    "admitted": ("admis", "admise", "associe", "associee", "actif", "active", "admitted"),
    "left": ("sorti", "sortie", "parti", "radie", "ancien", "left"),
}


def header_key(text: str) -> str:
    """A header as compared: folded, punctuation other than apostrophes and ° as spaces."""
    text = fold(str(text)).replace("’", "'")
    return " ".join(re.sub(r"[^\w'°.()-]+", " ", text).split())


_SYNONYMS = {}
for _field in FIELDS:
    for _name in (_field.header, *_field.synonyms):
        _SYNONYMS.setdefault(header_key(_name), _field.key)


def propose_mapping(headers: list[str], saved: dict[str, str] | None = None) -> dict[str, int]:
    """Register field → index of the column in ``headers``.

    The coop's saved mapping (field → header) wins where its header is in this file;
    then the synonyms, each column used once.
    """
    keys = [header_key(h) for h in headers]
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for field, header in (saved or {}).items():
        if field in FIELDS_BY_KEY and header_key(header) in keys:
            index = keys.index(header_key(header))
            if index not in used:
                mapping[field] = index
                used.add(index)
    for index, key in enumerate(keys):
        field = _SYNONYMS.get(key)
        if field and field not in mapping and index not in used:
            mapping[field] = index
            used.add(index)
    return mapping

"""Write the sample register files: ``python tests/members/samples/make_samples.py``.

The files are kept in the repository; this script says how they were made and remakes them.
They expect the coop of the tests (coop_a, a SCIC with the standard categories), with the
residences « Les Érables » and « Le Moulin Vert » and member n°500, Paul MARTIN, born on
12/05/1960, paul.martin@exemple.fr (see tests/members/test_import.py).
"""

from __future__ import annotations

import random
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
DEMO_XLSX = HERE.parents[2] / "src" / "viecoop" / "members" / "samples" / "registre-exemple.xlsx"


def _csv(path: Path, rows: list[list[str]], *, sep: str, encoding: str) -> None:
    text = "\r\n".join(sep.join(row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))


# Windows-1252, « ; », an extra column (Civilité), a title row like Excel users write,
# a postal code that lost its zero, a phone with spaces, an entity, a blank line.
CP1252_ROWS = [
    [
        "N° associé",
        "Civilité",
        "Nom",
        "Prénom",
        "Raison sociale",
        "Représentant",
        "Date de naissance",
        "Catégorie",
        "Collège",
        "Résidence",
        "Courriel",
        "Téléphone",
        "Adresse",
        "CP",
        "Ville",
        "Statut",
        "Date d'admission",
        "Décision CA",
        "Nombre de parts",
    ],
    [
        "101",
        "Mme",
        "Lefèvre",
        "Émilie",
        "",
        "",
        "03/04/1975",
        "Locataire-coopérateur",
        "",
        "Les Érables",
        "emilie.lefevre@exemple.fr",
        "06 12 34 56 78",
        "12 rue de la Forêt",
        "1000",
        "Bourg-en-Bresse",
        "Admis",
        "15/01/2019",
        "CA du 15/01/2019",
        "1",
    ],
    [
        "102",
        "M.",
        "Cœurdevey",
        "François",
        "",
        "",
        "21/11/1962",
        "accedant",
        "Usagers",
        "le moulin vert",
        "",
        "0478000000",
        "3 allée des Thuyas",
        "69003",
        "Lyon",
        "Candidat",
        "",
        "",
        "",
    ],
    ["", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    [
        "103",
        "",
        "",
        "",
        "Commune de Saint-Étienne",
        "M. le Maire",
        "",
        "Collectivité territoriale",
        "",
        "",
        "mairie@saint-etienne.exemple.fr",
        "",
        "Place de l'Hôtel de Ville",
        "42000",
        "Saint-Étienne",
        "Admis",
        "10/06/2020",
        "CA du 10/06/2020 – délib. 7",
        "20",
    ],
    [
        "104",
        "Mme",
        "Bénédicte",
        "Noël",
        "",
        "",
        "1988-07-14",
        "SALARIÉ",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "candidat",
        "",
        "",
        "0",
    ],
]

# UTF-8 with a BOM, « , », other titles, French decimals in quotes, ISO dates.
UTF8_ROWS = [
    [
        "Numéro",
        "Nom",
        "Prénom",
        "Date de naissance",
        "Catégorie",
        "Email",
        "Code postal",
        "Commune",
        "Statut",
        "Date d'admission",
        "Délibération",
        "Parts",
    ],
    [
        "201",
        "Dubois",
        "Chloé",
        "08/09/1990",
        "Acquéreur",
        "chloe.dubois@exemple.fr",
        "35000",
        "Rennes",
        "admis",
        "2023-03-02",
        "CA 2023-02",
        '"2,0"',
    ],
    [
        "202",
        "N'Diaye",
        "Aïssatou",
        "",
        "Locataire-coopérateur",
        "",
        "13001",
        "Marseille",
        "Candidat",
        "",
        "",
        "",
    ],
    [
        "203",
        "Le Goff",
        "Yannick",
        "30/12/1955",
        "locataire-cooperateur",
        "yannick@exemple.bzh",
        "29200",
        "Brest",
        "Admis",
        "01/07/2021",
        "CA du 01/07/2021",
        "3",
    ],
]

# Every rejection reason, one per line (the titles are line 1).
REJECTION_HEADERS = [
    "N° associé",
    "Nom",
    "Prénom",
    "Raison sociale",
    "Date de naissance",
    "Catégorie",
    "Collège",
    "Courriel",
    "Code postal",
    "Statut",
    "Date d'admission",
    "Décision du CA",
    "Nombre de parts",
]
REJECTION_ROWS = [
    # 2: valid
    [
        "1001",
        "Dupont",
        "Anne",
        "",
        "01/02/1970",
        "Locataire-coopérateur",
        "",
        "anne.dupont@exemple.fr",
        "75011",
        "Admis",
        "12/03/2024",
        "CA du 12/03/2024",
        "1",
    ],
    # 3: a date that does not exist
    ["1002", "Leroy", "Marc", "", "31/02/2024", "Accédant", "", "", "", "Candidat", "", "", ""],
    # 4: unknown category
    ["1003", "Petit", "Lucie", "", "", "Propriétaire", "", "", "", "Candidat", "", "", ""],
    # 5: unknown college
    ["1004", "Roux", "Jean", "", "", "Accédant", "Collège Z", "", "", "Candidat", "", "", ""],
    # 6: invalid e-mail
    ["1005", "Faure", "Léa", "", "", "Accédant", "", "lea.faure@", "", "Candidat", "", "", ""],
    # 7: invalid postal code
    ["1006", "Girard", "Hugo", "", "", "Accédant", "", "", "7500A", "Candidat", "", "", ""],
    # 8: the member number of line 2 again
    ["1001", "Blanc", "Zoé", "", "", "Accédant", "", "", "", "Candidat", "", "", ""],
    # 9: already in the register (same name and date of birth as n°500)
    ["1008", "MARTIN", "paul", "", "12/05/1960", "Accédant", "", "", "", "Candidat", "", "", ""],
    # 10: the e-mail of n°500
    [
        "1009",
        "Noël",
        "Inès",
        "",
        "",
        "Accédant",
        "",
        "Paul.Martin@exemple.fr",
        "",
        "Candidat",
        "",
        "",
        "",
    ],
    # 11: no last name
    ["1010", "", "Sans", "", "", "Accédant", "", "", "", "Candidat", "", "", ""],
    # 12: negative shares
    [
        "1011",
        "Morel",
        "Ana",
        "",
        "",
        "Accédant",
        "",
        "",
        "",
        "Admis",
        "12/03/2024",
        "CA du 12/03/2024",
        "-2",
    ],
    # 13: admitted without an admission date
    [
        "1012",
        "Legrand",
        "Paul",
        "",
        "",
        "Accédant",
        "",
        "",
        "",
        "Admis",
        "",
        "CA du 12/03/2024",
        "1",
    ],
    # 14: the e-mail of line 2
    [
        "1013",
        "Duval",
        "Rémi",
        "",
        "",
        "Accédant",
        "",
        "anne.dupont@exemple.fr",
        "",
        "Candidat",
        "",
        "",
        "",
    ],
    # 15: same name and date of birth as line 2
    ["1014", "DUPONT", "Anne", "", "01/02/1970", "Accédant", "", "", "", "Candidat", "", "", ""],
    # 16: unknown status
    ["1015", "Simon", "Luc", "", "", "Accédant", "", "", "", "Retraité", "", "", ""],
    # 17: a candidate holding shares
    ["1016", "Michel", "Éva", "", "", "Accédant", "", "", "", "Candidat", "", "", "3"],
    # 18: valid (a legal entity)
    [
        "1017",
        "",
        "",
        "Commune de Rennes",
        "",
        "Collectivité territoriale",
        "",
        "",
        "35000",
        "Admis",
        "02/02/2022",
        "CA du 02/02/2022",
        "10",
    ],
    # 19: admitted without the board's decision
    ["1018", "Garnier", "Jules", "", "", "Accédant", "", "", "", "Admis", "12/03/2024", "", "1"],
    # 20: not a date
    ["1019", "Chevalier", "Rose", "", "12/2024", "Accédant", "", "", "", "Candidat", "", "", ""],
    # 21: valid, no number (the next free one is given)
    ["", "François", "Marie", "", "", "Acquéreur", "", "", "", "Candidat", "", "", ""],
    # 22: missing category
    ["1021", "Robin", "Léo", "", "", "", "", "", "", "Candidat", "", "", ""],
]


def write_xlsx() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sociétaires"
    sheet.append(
        [
            "N° sociétaire",
            "NOM",
            "Prénom",
            "Né(e) le",
            "Catégorie",
            "Collège",
            "E-mail",
            "Tél.",
            "Adresse",
            "Code postal",
            "Ville",
            "Statut",
            "Date d'entrée",
            "Décision du conseil",
            "Parts sociales",
        ]
    )
    sheet.append(
        [
            301,
            "Perrin",
            "Gaëlle",
            datetime(1981, 5, 17),  # noqa: DTZ001 — Excel dates are naive
            "Accédant",
            "usagers",
            "gaelle.perrin@exemple.fr",
            612345678,
            "5 rue Pasteur",
            1000,
            "Ambérieu",
            "Admis",
            datetime(2018, 9, 20),  # noqa: DTZ001 — Excel dates are naive
            "CA du 20/09/2018",
            2,
        ]
    )
    sheet.append(
        [
            302,
            "Mercier",
            "Théo",
            date(1999, 1, 2),
            "Salarié",
            None,
            None,
            None,
            None,
            "38000",
            "Grenoble",
            "Candidat",
            None,
            None,
            None,
        ]
    )
    sheet.append([None] * 15)
    sheet.append(
        [
            303,
            "Fontaine",
            "Louise",
            "07/03/1968",
            "Locataire-coopérateur",
            "Usagers",
            "louise.fontaine@exemple.fr",
            "04 76 00 00 00",
            "1 place Grenette",
            38000,
            "Grenoble",
            "Admis",
            datetime(2015, 1, 1),  # noqa: DTZ001 — Excel dates are naive
            "CA n°12",
            1.0,
        ]
    )
    workbook.save(HERE / "registre.xlsx")


FIRST = [
    "Marie",
    "Jean",
    "Camille",
    "Louis",
    "Léa",
    "Hugo",
    "Chloé",
    "Lucas",
    "Manon",
    "Théo",
    "Inès",
    "Nathan",
    "Jade",
    "Gabriel",
    "Louise",
    "Arthur",
    "Zoé",
    "Raphaël",
    "Emma",
    "Jules",
    "Françoise",
    "Michel",
    "Brigitte",
    "Gérard",
    "Monique",
    "Bernard",
]
LAST = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Lefebvre",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Le Gall",
    "Nguyen",
]
CATEGORIES = ["Locataire-coopérateur"] * 6 + ["Accédant"] * 2 + ["Acquéreur", "Salarié"]


def write_demo_xlsx(count: int = 180) -> None:
    """The sample register shipped for the demo: standard categories, default colleges."""
    rng = random.Random(2024)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Registre"
    sheet.append(
        [
            "N° associé",
            "Type",
            "Nom",
            "Prénom",
            "Raison sociale",
            "Représentant",
            "Date de naissance",
            "Catégorie",
            "Courriel",
            "Téléphone",
            "Adresse",
            "Code postal",
            "Ville",
            "Statut",
            "Date d'admission",
            "Décision du CA",
            "Nombre de parts",
        ]
    )
    entities = [
        ("Commune de Villeurbanne", "Collectivité territoriale", "M. le Maire"),
        ("Office public de l'habitat du Rhône", "Organisme d'HLM", "Mme la Directrice"),
        ("Caisse solidaire du Lyonnais", "Autre investisseur", "M. le Directeur"),
    ]
    for n in range(1, count + 1):
        admitted = n % 5 != 0
        year = 2010 + n % 14
        admission = date(year, 1 + n % 12, 1 + n % 27) if admitted else None
        decision = f"CA du {admission:%d/%m/%Y}" if admitted else ""
        if n <= len(entities):
            name, category, representative = entities[n - 1]
            sheet.append(
                [
                    str(n),
                    "Personne morale",
                    "",
                    "",
                    name,
                    representative,
                    None,
                    category,
                    "",
                    "",
                    "",
                    "69100",
                    "Villeurbanne",
                    "Admis",
                    admission,
                    decision,
                    50,
                ]
            )
            continue
        first, last = rng.choice(FIRST), rng.choice(LAST)
        birth = date(1940 + rng.randrange(60), 1 + rng.randrange(12), 1 + rng.randrange(28))
        email = f"{first}.{last}.{n}@exemple.fr".lower().replace(" ", "")
        sheet.append(
            [
                str(n),
                "Personne",
                last,
                first,
                "",
                "",
                birth,
                rng.choice(CATEGORIES),
                email if n % 3 else "",
                f"06{rng.randrange(10**8):08d}",
                f"{rng.randrange(1, 120)} rue Jean-Jaurès",
                "69100",
                "Villeurbanne",
                "Admis" if admitted else "Candidat",
                admission,
                decision,
                rng.choice([1, 1, 1, 2, 3]) if admitted else None,
            ]
        )
    DEMO_XLSX.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(DEMO_XLSX)


def main() -> None:
    _csv(HERE / "registre-cp1252-point-virgule.csv", CP1252_ROWS, sep=";", encoding="cp1252")
    _csv(HERE / "registre-utf8-bom-virgule.csv", UTF8_ROWS, sep=",", encoding="utf-8-sig")
    _csv(HERE / "rejets.csv", [REJECTION_HEADERS, *REJECTION_ROWS], sep=";", encoding="cp1252")
    write_xlsx()
    write_demo_xlsx()


if __name__ == "__main__":
    main()

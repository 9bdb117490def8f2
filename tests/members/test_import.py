"""Register import: real-world files, every rejection reason, all-or-nothing, the ledger."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.members.factories import MemberFactory, admitted_member
from tests.members.samples import SAMPLES
from tests.organizations.factories import ResidenceFactory
from viecoop.audit.models import AuditEntry
from viecoop.members.importing import services
from viecoop.members.importing.fields import propose_mapping
from viecoop.members.models import (
    Category,
    ImportJob,
    ImportMapping,
    Member,
    RegisterSettings,
    ShareOperation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def register_a(coop_a):
    """Coop A's register before the import: two residences and Paul MARTIN, n°500."""
    ResidenceFactory(coop=coop_a, name="Les Érables")
    ResidenceFactory(coop=coop_a, name="Le Moulin Vert")
    return MemberFactory(
        coop=coop_a,
        number="500",
        last_name="Martin",
        first_name="Paul",
        birth_date=datetime.date(1960, 5, 12),
        email="paul.martin@exemple.fr",
    )


def upload(coop, actor, name, content=None):
    data = content if content is not None else (SAMPLES / name).read_bytes()
    return services.import_job_create(
        actor=actor, coop=coop, upload=SimpleUploadedFile(name, data), language="en"
    )


def checked(coop, actor, name, content=None):
    job = upload(coop, actor, name, content)
    return services.import_job_map(actor=actor, job=job, mapping=propose_mapping(job.headers))


def confirm(job, actor, capture, *, valid_rows_only=False):
    with capture(execute=True):
        services.import_job_confirm(actor=actor, job=job, valid_rows_only=valid_rows_only)
    job.refresh_from_db()
    return job


def test_windows_1252_semicolon_file(
    coop_a, manager_a, register_a, django_capture_on_commit_callbacks
):
    job = checked(coop_a, manager_a, "registre-cp1252-point-virgule.csv")
    assert job.status == ImportJob.Status.VALIDATED, job.error_message
    assert job.report["errors"] == []
    assert (job.total_rows, job.created_count, job.rejected_count) == (4, 4, 0)
    assert "Civilité" not in [job.headers[i] for i in job.mapping.values()]
    job = confirm(job, manager_a, django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.DONE, job.error_message
    emilie = Member.objects.get(coop=coop_a, number="101")
    assert (emilie.last_name, emilie.first_name) == ("Lefèvre", "Émilie")
    assert emilie.birth_date == datetime.date(1975, 4, 3)
    assert emilie.postal_code == "01000"  # Excel had eaten the zero
    assert emilie.residence.name == "Les Érables"
    assert emilie.status == Member.Status.ADMITTED
    assert emilie.search_text == "101 emilie lefevre emilie.lefevre@exemple.fr bourg-en-bresse"
    francois = Member.objects.get(coop=coop_a, number="102")
    assert francois.last_name == "Cœurdevey"
    assert francois.category.code == "accedant" and francois.college.code == "usagers"
    assert francois.residence.name == "Le Moulin Vert"
    commune = Member.objects.get(coop=coop_a, number="103")
    assert commune.kind == Member.Kind.ENTITY
    assert commune.college.code == "collectivites"  # the category's default college
    assert commune.share_operations.get().shares == 20
    assert Member.objects.get(coop=coop_a, number="104").category.code == "salarie"


def test_utf8_bom_comma_file_with_french_decimals(coop_a, manager_a, register_a):
    job = checked(coop_a, manager_a, "registre-utf8-bom-virgule.csv")
    assert job.headers[0] == "Numéro"  # the BOM is gone
    assert job.report["errors"] == []
    assert job.created_count == 3
    assert set(job.mapping) >= {"number", "last_name", "email", "postal_code", "shares"}


def test_xlsx_file_with_real_dates_and_numbers(
    coop_a, manager_a, register_a, django_capture_on_commit_callbacks
):
    job = checked(coop_a, manager_a, "registre.xlsx")
    assert job.format == "xlsx"
    assert job.report["errors"] == [], job.report["errors"]
    assert job.created_count == 3
    confirm(job, manager_a, django_capture_on_commit_callbacks)
    perrin = Member.objects.get(coop=coop_a, number="301")
    assert perrin.birth_date == datetime.date(1981, 5, 17)
    assert perrin.admission_date == datetime.date(2018, 9, 20)
    assert perrin.postal_code == "01000" and perrin.phone == "0612345678"
    assert perrin.share_operations.get().shares == 2
    assert Member.objects.get(coop=coop_a, number="303").birth_date == datetime.date(1968, 3, 7)


REJECTIONS = [
    # (reason, line, column, value, message)
    ("impossible date", 3, "Date de naissance", "31/02/2024", "This date does not exist."),
    ("unknown category", 4, "Catégorie", "Propriétaire", "Unknown category."),
    ("unknown college", 5, "Collège", "Collège Z", "Unknown college."),
    ("invalid e-mail", 6, "Courriel", "lea.faure@", "Not a valid e-mail address."),
    ("invalid postal code", 7, "Code postal", "7500A", "A postal code has five digits."),
    ("number twice in the file", 8, "N° associé", "1001", "The same member number is on line 2."),
    (
        "in the register by name and birth date",
        9,
        "Nom",
        "MARTIN paul 12/05/1960",
        "Already in the register as member n°500",
    ),
    (
        "in the register by e-mail",
        10,
        "Courriel",
        "Paul.Martin@exemple.fr",
        "Member n°500 of the register already has this e-mail address.",
    ),
    ("no last name", 11, "Nom", "", "A person needs a last name."),
    ("negative shares", 12, "Nombre de parts", "-2", "The number of shares cannot be negative."),
    (
        "admitted without admission date",
        13,
        "Date d'admission",
        "",
        "An admitted member needs an admission date.",
    ),
    (
        "e-mail twice in the file",
        14,
        "Courriel",
        "anne.dupont@exemple.fr",
        "Same e-mail address as line 2.",
    ),
    (
        "name and birth date twice in the file",
        15,
        "Nom",
        "DUPONT Anne 01/02/1970",
        "Same last name, first name and date of birth as line 2.",
    ),
    ("unknown status", 16, "Statut", "Retraité", "Unknown status"),
    ("candidate with shares", 17, "Nombre de parts", "3", "A candidate holds no shares"),
    (
        "admitted without board decision",
        19,
        "Décision du CA",
        "",
        "An admitted member needs the reference of the board's decision.",
    ),
    ("not a date", 20, "Date de naissance", "12/2024", "Not a date: write it as dd/mm/yyyy."),
    ("no category", 22, "Catégorie", "", "The category is required."),
]


@pytest.fixture
def rejections_job(coop_a, manager_a, register_a):
    return checked(coop_a, manager_a, "rejets.csv")


@pytest.mark.parametrize(
    ("line", "column", "value", "message"),
    [r[1:] for r in REJECTIONS],
    ids=[r[0] for r in REJECTIONS],
)
def test_each_rejection_reason(rejections_job, line, column, value, message):
    errors = [e for e in rejections_job.report["errors"] if e["line"] == line]
    assert len(errors) == 1, errors
    assert errors[0]["column"] == column
    assert errors[0]["value"] == value
    assert errors[0]["message"].startswith(message)


def test_rejections_file_counts(rejections_job):
    assert rejections_job.total_rows == 21
    assert rejections_job.rejected_count == 18
    assert rejections_job.created_count == 3
    assert {e["line"] for e in rejections_job.report["errors"]} == {r[1] for r in REJECTIONS}
    # The reasons are translated (French is the users' language).
    assert any(
        "n’existe pas" in e["message"] or "does not exist" in e["message"]
        for e in rejections_job.report["errors"]
    )


def test_all_or_nothing(coop_a, manager_a, rejections_job, django_capture_on_commit_callbacks):
    before = Member.objects.filter(coop=coop_a).count()
    with pytest.raises(services.ImportRefused):
        services.import_job_confirm(actor=manager_a, job=rejections_job, valid_rows_only=False)
    rejections_job.refresh_from_db()
    assert rejections_job.status == ImportJob.Status.VALIDATED
    assert Member.objects.filter(coop=coop_a).count() == before
    assert not ShareOperation.objects.filter(coop=coop_a).exists()


def test_valid_rows_only(coop_a, manager_a, rejections_job, django_capture_on_commit_callbacks):
    admitted_member(coop=coop_a, number="600", last_name="Avant")  # ledger n°1
    RegisterSettings.objects.filter(coop=coop_a).update(next_number=1)
    MemberFactory(coop=coop_a, number="1")
    job = confirm(
        rejections_job, manager_a, django_capture_on_commit_callbacks, valid_rows_only=True
    )
    assert job.status == ImportJob.Status.DONE, job.error_message
    new = Member.objects.filter(coop=coop_a).exclude(number__in=["500", "600", "1"])
    assert sorted(new.values_list("number", flat=True)) == ["1001", "1017", "2"]
    assert new.get(number="2").last_name == "François"  # the next free number (1 is taken)
    assert RegisterSettings.objects.get(coop=coop_a).next_number == 3
    operations = list(ShareOperation.objects.filter(coop=coop_a).order_by("sequence"))
    assert [op.sequence for op in operations] == [1, 2, 3]
    assert [op.member.number for op in operations] == ["600", "1001", "1017"]
    assert all(op.board_decision and op.board_decision_date for op in operations)
    assert operations[2].shares == 10 and operations[2].created_by == manager_a
    entry = AuditEntry.objects.get(action="members.import")
    assert entry.coop == coop_a and entry.actor == manager_a
    assert entry.details["created"] == 3 and entry.details["rejected"] == 18
    assert entry.details["ledger"] == [2, 3]
    assert entry.details["valid_rows_only"] is True


def test_a_failure_rolls_everything_back(
    coop_a, manager_a, register_a, django_capture_on_commit_callbacks, monkeypatch
):
    job = checked(coop_a, manager_a, "registre-cp1252-point-virgule.csv")

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "audit_record", broken)
    job = confirm(job, manager_a, django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.FAILED
    assert "nothing was written" in job.error_message
    assert not Member.objects.filter(coop=coop_a, number="101").exists()
    assert not ShareOperation.objects.filter(coop=coop_a).exists()


def test_update_of_members_already_in_the_register(
    coop_a, manager_a, register_a, django_capture_on_commit_callbacks
):
    content = (
        "N° associé;Nom;Prénom;Catégorie;Courriel;Ville;Statut;Date d'admission;Décision du CA;Parts\r\n"
        "500;Martin;Paul;Locataire-coopérateur;;Rennes;Admis;01/03/2024;CA du 01/03/2024;2\r\n"
    ).encode("cp1252")
    job = checked(coop_a, manager_a, "maj.csv", content)
    assert (job.updated_count, job.created_count, job.rejected_count) == (1, 0, 0), job.report
    assert job.report["updated"][0]["number"] == "500"
    confirm(job, manager_a, django_capture_on_commit_callbacks)
    paul = Member.objects.get(coop=coop_a, number="500")
    assert paul.city == "Rennes"
    assert paul.email == "paul.martin@exemple.fr"  # an empty cell erases nothing
    assert paul.status == Member.Status.ADMITTED
    assert paul.share_operations.get().shares == 2
    # The same file again: nothing to change, and the ledger is not touched twice.
    job = checked(coop_a, manager_a, "maj.csv", content)
    assert (job.unchanged_count, job.updated_count) == (1, 0)
    with pytest.raises(services.ImportRefused):
        services.import_job_confirm(actor=manager_a, job=job, valid_rows_only=False)


def test_status_cannot_go_back(coop_a, manager_a):
    admitted_member(coop=coop_a, number="700", last_name="Admis")
    content = "N° associé;Nom;Catégorie;Statut\r\n700;Admis;Accédant;Candidat\r\n".encode()
    job = checked(coop_a, manager_a, "retour.csv", content)
    assert job.report["errors"][0]["column"] == "Statut"


def test_mapping_proposed_from_french_headers():
    headers = [
        "N° associé",
        "NOM",
        "Prénom",
        "Date de naissance",
        "Catégorie",
        "Collège",
        "Résidence",
        "E-mail",
        "Téléphone",
        "Adresse",
        "CP",
        "Commune",
        "Statut",
        "Date d'admission",
        "Nombre de parts",
        "Remarques",
    ]
    mapping = propose_mapping(headers)
    assert {key: headers[i] for key, i in mapping.items()} == {
        "number": "N° associé",
        "last_name": "NOM",
        "first_name": "Prénom",
        "birth_date": "Date de naissance",
        "category": "Catégorie",
        "college": "Collège",
        "residence": "Résidence",
        "email": "E-mail",
        "phone": "Téléphone",
        "address": "Adresse",
        "postal_code": "CP",
        "city": "Commune",
        "status": "Statut",
        "admission_date": "Date d'admission",
        "shares": "Nombre de parts",
    }
    assert propose_mapping(["Courriel", "Ville", "Numéro"]) == {"email": 0, "city": 1, "number": 2}


def test_saved_mapping_is_reused(coop_a, manager_a, login):
    content = "Famille;Groupe;Réf\r\nDurand;Accédant;9\r\n".encode()
    job = upload(coop_a, manager_a, "a.csv", content)
    assert propose_mapping(job.headers) == {}
    services.import_job_map(
        actor=manager_a, job=job, mapping={"last_name": 0, "category": 1, "number": 2}
    )
    assert ImportMapping.objects.get(coop=coop_a).columns == {
        "last_name": "Famille",
        "category": "Groupe",
        "number": "Réf",
    }
    # Next month's file, columns in another order: the saved choices come back.
    job = upload(coop_a, manager_a, "b.csv", "Réf;Groupe;Famille\r\n10;Accédant;Roy\r\n".encode())
    response = login(manager_a).get(job.get_absolute_url())
    form = response.context["mapping_form"]
    assert form.initial == {"number": "0", "category": "1", "last_name": "2"}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("vide.csv", b"", "empty"),
        ("blancs.csv", b"\r\n;;\r\n", "empty"),
        ("titres.csv", "Nom;Catégorie\r\n".encode(), "no rows"),
        ("image.png", b"\x89PNG\r\n", "Upload a CSV file"),
        ("casse.xlsx", b"PK\x03\x04garbage", "cannot be read"),
        ("vieux.xls", b"\xd0\xcf\x11\xe0\xa1\xb1", "old Excel file"),
        ("binaire.csv", b"\x00\x01\x02abc", "not a text"),
    ],
)
def test_bad_files_are_refused_clearly(coop_a, manager_a, name, content, message):
    from django.utils import translation

    from viecoop.members.importing.parsing import FileError

    # The messages' source wording is checked in English; tests/core checks the French catalogue.
    with translation.override("en"):
        with pytest.raises(FileError) as error:
            upload(coop_a, manager_a, name, content)
        assert message in str(error.value)
    assert not ImportJob.objects.exists()


def test_mapping_without_required_fields_is_refused(coop_a, manager_a):
    from django.utils import translation

    job = upload(coop_a, manager_a, "a.csv", "Prénom;Ville\r\nAnne;Rennes\r\n".encode())
    with translation.override("en"):
        with pytest.raises(services.ImportRefused) as error:
            services.import_job_map(actor=manager_a, job=job, mapping={"first_name": 0})
        assert "last name" in str(error.value) and "category" in str(error.value)


def test_large_files_are_checked_in_the_background(
    coop_a, manager_a, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "INLINE_CHECK_MAX_BYTES", 10)
    monkeypatch.setattr(services, "PROGRESS_EVERY", 2)
    rows = "".join(f"{n};Nom{n};Accédant\r\n" for n in range(1, 8))
    job = upload(coop_a, manager_a, "a.csv", f"N°;Nom;Catégorie\r\n{rows}".encode())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = services.import_job_map(
            actor=manager_a, job=job, mapping={"number": 0, "last_name": 1, "category": 2}
        )
    assert job.status == ImportJob.Status.VALIDATING and len(callbacks) == 1
    callbacks[0]()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.VALIDATED
    assert (job.total_rows, job.processed_rows, job.created_count) == (7, 7, 7)


def test_standard_categories_match_by_code_or_name(coop_a, manager_a):
    codes = Category.objects.filter(coop=coop_a).values_list("code", "name")
    lines = "".join(
        f"{code.upper()};{n}A\r\n{name.lower()};{n}B\r\n" for n, (code, name) in enumerate(codes)
    )
    job = checked(coop_a, manager_a, "c.csv", f"Catégorie;Nom\r\n{lines}".encode())
    assert job.rejected_count == 0, job.report["errors"]


def test_the_import_reuses_the_rows_the_dry_run_read_from_a_workbook(
    coop_a, manager_a, register_a, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    job = checked(coop_a, manager_a, "registre.xlsx")
    cache = f"{job.file.name}.rows.json"
    assert default_storage.exists(cache)
    # Were the workbook read again, this would fail the import.
    with default_storage.open(job.file.name, "wb") as stream:
        stream.write(b"PK\x03\x04 damaged since the dry run")
    job = confirm(job, manager_a, django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.DONE, job.error_message
    assert Member.objects.get(coop=coop_a, number="301").birth_date == datetime.date(1981, 5, 17)
    assert not default_storage.exists(cache)  # personal data is not kept twice


def test_a_retired_category_is_refused_to_new_members_only(
    coop_a, manager_a, register_a, django_capture_on_commit_callbacks
):
    Category.objects.filter(coop=coop_a, code="acquereur").update(is_active=False)
    MemberFactory(
        coop=coop_a,
        number="600",
        last_name="Ancien",
        category=Category.objects.get(coop=coop_a, code="acquereur"),
    )
    content = (
        "N° associé;Nom;Catégorie;Ville\r\n"
        "600;Ancien;Acquéreur;Vannes\r\n"  # keeps the category it has: fine
        "601;Nouveau;Acquéreur;Vannes\r\n"
    ).encode()
    job = checked(coop_a, manager_a, "retraite.csv", content)
    assert (job.updated_count, job.rejected_count) == (1, 1)
    error = job.report["errors"][0]
    assert (error["line"], error["column"]) == (3, "Catégorie")
    assert "retired" in error["message"]


def test_an_import_that_moves_a_member_keeps_the_college_history(
    coop_a, manager_a, register_a, django_capture_on_commit_callbacks
):
    from viecoop.members.models import CollegeChange

    usagers = register_a.college
    content = "N° associé;Nom;Catégorie;Collège\r\n500;Martin;Salarié;Salariés\r\n".encode()
    job = confirm(
        checked(coop_a, manager_a, "college.csv", content),
        manager_a,
        django_capture_on_commit_callbacks,
    )
    assert job.status == ImportJob.Status.DONE, job.error_message
    change = CollegeChange.objects.get(member=register_a)
    assert (change.from_college, change.to_college.code) == (usagers, "salaries")
    assert change.recorded_by == manager_a


def test_numbers_given_by_the_import_follow_the_register_format(
    coop_a, manager_a, django_capture_on_commit_callbacks
):
    RegisterSettings.objects.filter(coop=coop_a).update(
        number_prefix="S-", number_width=4, next_number=7
    )
    MemberFactory(coop=coop_a, number="S-0007")  # taken: skipped
    content = "Nom;Catégorie\r\nUn;Accédant\r\nDeux;Accédant\r\n".encode()
    confirm(
        checked(coop_a, manager_a, "sans-numero.csv", content),
        manager_a,
        django_capture_on_commit_callbacks,
    )
    numbers = set(
        Member.objects.filter(coop=coop_a, last_name__in=["Un", "Deux"]).values_list(
            "number", flat=True
        )
    )
    assert numbers == {"S-0008", "S-0009"}
    assert RegisterSettings.objects.get(coop=coop_a).next_number == 10

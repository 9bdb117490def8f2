"""The API says what the file import says: the import's sample of rejected rows, sent as JSON.

Both paths check the same rows against the same register; every rejection must come out
with the same line (a batch counts from its first row, a file from its title row), field,
code and message, in French and in English.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.members.factories import MemberFactory
from tests.members.samples import SAMPLES
from tests.organizations.factories import ResidenceFactory
from viecoop.members.importing import parsing, services
from viecoop.members.importing.fields import propose_mapping
from viecoop.members.models import Member

pytestmark = pytest.mark.django_db

STATUS = {"Admis": "admitted", "Candidat": "candidate"}
DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def register_a(coop_a):
    """The register of the import's tests: two residences and Paul MARTIN, n°500."""
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


def records_of_the_file() -> list[dict]:
    """The sample file's rows as an integrator would send them: ISO dates, English statuses,
    numbers as numbers — wrong values stay wrong."""
    with (SAMPLES / "rejets.csv").open("rb") as stream:
        table = parsing.read_table("csv", stream)
    mapping = propose_mapping(table.headers)
    records = []
    for _line, cells in table.rows:
        record = {}
        for key, index in mapping.items():
            value = cells[index] if index < len(cells) else ""
            if value in ("", None):
                continue
            if key in ("birth_date", "admission_date") and (match := DATE.match(value)):
                value = f"{match[3]}-{match[2]}-{match[1]}"
            elif key == "status":
                value = STATUS.get(value, value)
            elif key == "shares":
                value = int(value)
            record[key] = value
        record.setdefault("number", "1020")  # a batch needs a number on every row
        records.append(record)
    return records


def import_errors(coop, actor, language: str) -> list[tuple]:
    job = services.import_job_create(
        actor=actor,
        coop=coop,
        upload=SimpleUploadedFile("rejets.csv", (SAMPLES / "rejets.csv").read_bytes()),
        language=language,
    )
    job = services.import_job_map(actor=actor, job=job, mapping=propose_mapping(job.headers))
    # The file's lines count its title row: a batch's lines are one less.
    return [
        (e["line"] - 1, e["field"], e["code"], shift_lines(e["message"]))
        for e in job.report["errors"]
    ]


def shift_lines(message: str) -> str:
    """« …on line 2. » in a file is « …on line 1. » in a batch."""
    return re.sub(r"(line|ligne) (\d+)", lambda m: f"{m[1]} {int(m[2]) - 1}", message)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_api_rejects_what_the_import_rejects(coop_a, manager_a, register_a, language, api_a):
    from_file = import_errors(coop_a, manager_a, language)
    assert len(from_file) == 18  # every rejection reason of the import's tests

    api_a.language = language
    response = api_a.post("/members/bulk", {"members": records_of_the_file()})
    assert response.status_code == 422
    from_api = [(e["line"], e["field"], e["code"], e["message"]) for e in response.json()["errors"]]
    assert sorted(from_api) == sorted(from_file)
    assert Member.objects.filter(coop=coop_a).count() == 1  # nothing written

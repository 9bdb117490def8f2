"""The demo shows the register's features: registers of every size, one imported from the
shipped XLSX, consents (some on paper), a coop's own category, letters, a change of college.
"""

import pytest

from viecoop.demo.world import build_demo_world
from viecoop.members.demo import IMPORTED_COOP
from viecoop.members.models import (
    Category,
    CollegeChange,
    Consent,
    ConsentText,
    DocumentJob,
    ImportJob,
    Member,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_registers(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path
    build_demo_world()
    imported = ImportJob.objects.get(coop__slug=IMPORTED_COOP)
    assert imported.status == "done" and imported.original_name == "registre-exemple.xlsx"
    assert Member.objects.filter(coop__slug=IMPORTED_COOP).count() == imported.created_count > 100
    assert Consent.objects.filter(channel="paper", purpose="e_convocation").exists()
    assert Consent.objects.filter(channel="online", given=False).exists()
    jeanne = Member.objects.get(user__email__startswith="jeanne.riviere")
    assert jeanne.consents.filter(purpose="e_convocation", given=True).exists()
    own = Category.objects.get(coop__slug="coop-habitat-bretagne", is_standard=False)
    assert own.members.count() == 12
    assert Category.objects.filter(
        coop__slug="habitat-cooperatif-occitanie", is_active=False
    ).exists()
    assert ConsentText.objects.filter(coop__slug="coop-habitat-bretagne", version=2).exists()
    letters = DocumentJob.objects.get(kind="letters")
    assert letters.status == "done" and letters.pages == 12
    assert CollegeChange.objects.filter(coop__slug="toits-solidaires-rhone").count() == 1
    # Idempotent: a second run adds nothing.
    counts = (Consent.objects.count(), DocumentJob.objects.count(), CollegeChange.objects.count())
    build_demo_world()
    assert (
        Consent.objects.count(),
        DocumentJob.objects.count(),
        CollegeChange.objects.count(),
    ) == counts

"""Property-based run of the API against its own OpenAPI schema, with Schemathesis.

Not part of the suite (Schemathesis is not a dependency): it generates thousands of
requests, valid and not, from ``/api/v1/openapi.json`` and checks that every answer is
documented, never a 500, and matches its schema. Run it by hand after changing the API:

    .venv/bin/pip install schemathesis
    .venv/bin/pytest bench/api_fuzz.py -p no:cacheprovider -q        # SQLite, a throwaway test database
    API_FUZZ_EXAMPLES=200 .venv/bin/pytest bench/api_fuzz.py -q       # more examples per operation
"""

from __future__ import annotations

import os

import pytest

schemathesis = pytest.importorskip("schemathesis")

from django.core.wsgi import get_wsgi_application  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "40"))


@pytest.fixture
def secret(db, django_settings_override=None):
    from django.conf import settings as django_settings

    from tests.api.conftest import make_token
    from tests.members.factories import admitted_member
    from tests.organizations.factories import CoopFactory, ResidenceFactory

    django_settings.VIECOOP_API_RATE = "1000000/m"
    django_settings.VIECOOP_API_BULK_RATE = "1000000/h"
    coop = CoopFactory(slug="coop-fuzz")
    ResidenceFactory(coop=coop, name="Les Érables")
    for n in range(3):
        admitted_member(coop=coop, number=str(n + 1))
    return make_token(coop)[1]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api(case, secret):
    # Authentication is tested case by case in tests/api/test_auth.py; here every call
    # carries a valid token and Schemathesis looks at everything else.
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {secret}"}
    # Values the schema allows may still break the register's rules (an entity without a
    # legal name, a member who « left »): 422 is then the right answer, not a failure.
    case.call_and_validate(
        excluded_checks=[
            schemathesis.checks.ignored_auth,
            schemathesis.checks.missing_required_header,
            schemathesis.checks.positive_data_acceptance,
        ]
    )

"""The generic isolation checker: every URL pattern of the coop space, every outsider.

``coop_patterns()`` walks the URL resolver and yields every pattern under
``/c/<coop_slug>/``. For each one, ``isolation_failures()`` builds a real URL for
coop A (extra URL arguments come from ``SAMPLE_KWARGS``, keyed by the URL name:
a new view with new arguments must register a provider there, or the test fails
and says so) and checks that anonymous visitors are sent to the login page and
that people of another coop — and the federation — get a 404, for GET and POST.
It also checks that each view is wrapped by ``coop_view`` (declares its scope).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

from viecoop.organizations.tenancy import SCOPE_ATTR

COOP_PREFIX = "c/<slug:coop_slug>/"


@dataclass(frozen=True)
class CoopPattern:
    route: str
    name: str
    callback: Callable


def _walk(patterns, prefix: str = "", namespace: str = "") -> Iterator[CoopPattern]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            yield CoopPattern(route, f"{namespace}{entry.name or ''}", entry.callback)


def coop_patterns(urlconf: str | None = None) -> list[CoopPattern]:
    return [p for p in _walk(get_resolver(urlconf).url_patterns) if p.route.startswith(COOP_PREFIX)]


def _sample_residence(coop):
    from tests.organizations.factories import ResidenceFactory

    return {"pk": ResidenceFactory(coop=coop).pk}


def _sample_invitation(coop):
    from django.db import transaction

    from viecoop.accounts.services import invitation_create

    with transaction.atomic():
        invitation, _code = invitation_create(
            actor=None, channel="letter", coop=coop, coop_role="member", last_name="Exemple"
        )
    return {"pk": invitation.pk, "action": "annuler"}


def _sample_role(coop):
    from tests.organizations.factories import CoopRoleFactory

    return {"pk": CoopRoleFactory(coop=coop, role="staff").pk}


def _sample_member(coop):
    from tests.members.factories import MemberFactory

    return {"pk": MemberFactory(coop=coop).pk}


def _sample_admitted_member(coop):
    from tests.members.factories import admitted_member

    return {"pk": admitted_member(coop=coop).pk}


def _sample_import_job(coop):
    from tests.members.samples import sample_import_job

    return sample_import_job(coop)


# URL name → function(coop) returning the extra URL kwargs (real objects of that coop).
SAMPLE_KWARGS: dict[str, Callable] = {
    "organizations:residence_update": _sample_residence,
    "organizations:residence_delete": _sample_residence,
    "organizations:invitation_action": _sample_invitation,
    "organizations:role_revoke": _sample_role,
    "members:member_detail": _sample_member,
    "members:member_update": _sample_member,
    "members:member_admit": _sample_member,
    "members:member_leave": _sample_admitted_member,
    "members:member_invite": _sample_member,
    "members:member_certificate": _sample_admitted_member,
    "members_import:job": _sample_import_job,
    "members_import:job_confirm": _sample_import_job,
    "members_import:job_rejections": _sample_import_job,
}


def _load_app_samples() -> None:
    """Merge ``SAMPLES`` of every ``tests/<app>/isolation_samples.py`` into ``SAMPLE_KWARGS``.

    A new app registers the sample URL arguments of its coop pages in its own tests
    folder, so apps never edit this shared dictionary.
    """
    import importlib
    import pkgutil

    import tests

    for module in pkgutil.iter_modules(tests.__path__):
        name = f"tests.{module.name}.isolation_samples"
        try:
            samples = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name == name:
                continue
            raise
        SAMPLE_KWARGS.update(samples.SAMPLES)


_load_app_samples()


def _build_url(pattern: CoopPattern, coop) -> str:
    import re

    kwargs = {"coop_slug": coop.slug}
    extra = [name for name in re.findall(r"<(?:\w+:)?(\w+)>", pattern.route) if name != "coop_slug"]
    if extra:
        provider = SAMPLE_KWARGS.get(pattern.name)
        if provider is None:
            raise LookupError(
                f"{pattern.route} ({pattern.name}) takes {extra}: register a sample in "
                "tests/core/isolation.py SAMPLE_KWARGS so the isolation test can reach it."
            )
        kwargs.update(provider(coop))
    url = "/" + pattern.route
    for key, value in kwargs.items():
        url = re.sub(rf"<(?:\w+:)?{key}>", str(value), url)
    return url


def isolation_failures(*, urlconf: str | None, coop, owner, strangers, client_class) -> list[str]:
    """Every way a coop page leaks; empty when all patterns are scoped."""
    failures: list[str] = []
    for pattern in coop_patterns(urlconf):
        scope = getattr(pattern.callback, SCOPE_ATTR, None)
        if not scope or scope[0] != "coop":
            failures.append(
                f"{pattern.route}: view {pattern.callback.__name__} is not wrapped by coop_view"
            )
        try:
            url = _build_url(pattern, coop)
        except LookupError as error:
            failures.append(str(error))
            continue
        anonymous = client_class()
        for method in ("get", "post"):
            response = getattr(anonymous, method)(url)
            if response.status_code not in (302, 404) or (
                response.status_code == 302 and "/compte/login/" not in response["Location"]
            ):
                failures.append(f"{method.upper()} {url} anonymous → {response.status_code}")
        for stranger in strangers:
            client = client_class()
            client.force_login(stranger)
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                if response.status_code != 404:
                    failures.append(
                        f"{method.upper()} {url} as {stranger.email} → {response.status_code}"
                    )
        # Positive control: the page exists for its own coop (else a 404 above proves nothing).
        client = client_class()
        client.force_login(owner)
        response = client.get(url)
        if response.status_code == 404:
            failures.append(f"GET {url} as its own manager → 404 (sample data is wrong)")
    return failures

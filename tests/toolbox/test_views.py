"""Toolbox pages: who sees what, every role; search and filters; files; constant queries."""

import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.organizations.factories import CoopRoleFactory, FederationRoleFactory
from tests.toolbox.factories import make_resource, pdf_file, png_file
from tests.utils import assert_constant_queries, count_queries
from viecoop.toolbox import services
from viecoop.toolbox.models import Feedback, Relay, Resource, ResourceUse

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_a(coop_a):
    user = UserFactory(email="staff@coop-a.test")
    CoopRoleFactory(user=user, coop=coop_a, role="staff")
    return user


@pytest.fixture
def fed_staff(federation):
    user = UserFactory(email="etudes@federation.test")
    FederationRoleFactory(user=user, federation=federation, role="staff")
    return user


def test_who_reaches_the_toolbox(
    login, federation, referent_a, manager_a, staff_a, member_a, fed_admin, fed_staff, outsider
):
    home = reverse("toolbox:home")
    manage = reverse("toolbox:manage_list")
    for user in (referent_a, manager_a, staff_a, fed_admin, fed_staff):
        assert login(user).get(home).status_code == 200, user
    for user in (member_a, outsider):
        assert login(user).get(home).status_code == 403, user
    for user in (fed_admin, fed_staff):
        assert login(user).get(manage).status_code == 200
    for user in (referent_a, manager_a, staff_a, member_a):
        assert login(user).get(manage).status_code == 403
    # Proposing: référents and managers, not plain staff nor the federation.
    propose = reverse("toolbox:propose")
    assert login(referent_a).get(propose).status_code == 200
    assert login(manager_a).get(propose).status_code == 200
    assert login(staff_a).get(propose).status_code == 403
    assert login(fed_admin).get(propose).status_code == 403


def test_unpublished_resources_are_invisible_to_the_network(login, federation, referent_a):
    published = make_resource(federation=federation, title="Publiée")
    draft = make_resource(federation=federation, title="Brouillon secret", state="draft")
    archived = make_resource(federation=federation, title="Archivée", state="archived")
    proposed = services.resource_propose(
        actor=referent_a,
        title="Proposée",
        summary="x",
        format="guide",
        themes=["democratie"],
        file=pdf_file(),
    )
    client = login(referent_a)
    html = client.get(reverse("toolbox:home")).content.decode()
    assert "Publiée" in html
    assert "Brouillon secret" not in html and "Archivée" not in html
    assert (
        client.get(reverse("toolbox:home"), {"q": "Proposée"}).context["page"].paginator.count == 0
    )
    for resource in (draft, archived, proposed):
        for name in ("resource_detail", "resource_open", "resource_relay"):
            assert (
                client.get(reverse(f"toolbox:{name}", kwargs={"pk": resource.pk})).status_code
                == 404
            )
        url = reverse("toolbox:resource_version", kwargs={"pk": resource.pk, "number": 1})
        assert client.get(url).status_code == 404
        assert (
            client.post(
                reverse("toolbox:resource_feedback", kwargs={"pk": resource.pk}), {"useful": "1"}
            ).status_code
            == 404
        )
    assert (
        client.get(reverse("toolbox:resource_detail", kwargs={"pk": published.pk})).status_code
        == 200
    )


def test_members_see_only_resources_for_members_in_their_coop_space(
    login, federation, coop_a, member_a
):
    for_members = make_resource(
        federation=federation, title="Livret de l'associé", for_members=True
    )
    staff_only = make_resource(
        federation=federation, title="Fiche RGPD du registre", for_staff=True
    )
    draft_for_members = make_resource(
        federation=federation, title="Brouillon associés", for_members=True, state="draft"
    )
    client = login(member_a)
    kw = {"coop_slug": coop_a.slug}
    html = client.get(reverse("toolbox:member_list", kwargs=kw)).content.decode()
    assert "Livret de l&#x27;associé" in html
    assert "Fiche RGPD" not in html and "Brouillon associés" not in html
    ok = reverse("toolbox:member_detail", kwargs={**kw, "pk": for_members.pk})
    assert client.get(ok).status_code == 200
    for resource in (staff_only, draft_for_members):
        for name in ("member_detail", "member_open"):
            url = reverse(f"toolbox:{name}", kwargs={**kw, "pk": resource.pk})
            assert client.get(url).status_code == 404
    response = client.get(reverse("toolbox:member_open", kwargs={**kw, "pk": for_members.pk}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert ResourceUse.objects.get().coop == coop_a
    # The menu of the coop space leads there.
    home = client.get(reverse("organizations:coop_home", kwargs=kw)).content.decode()
    assert reverse("toolbox:member_list", kwargs=kw) in home


def test_open_serves_the_current_file_counts_the_use_and_old_versions_stay(
    login, federation, coop_a, referent_a
):
    resource = make_resource(federation=federation)
    services.resource_add_version(actor=None, resource=resource, file=png_file(), note="v2")
    client = login(referent_a)
    response = client.get(reverse("toolbox:resource_open", kwargs={"pk": resource.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content)[:4] == b"\x89PNG"
    use = ResourceUse.objects.get(user=referent_a)
    assert use.coop == coop_a and use.last_version == 2
    old = client.get(reverse("toolbox:resource_version", kwargs={"pk": resource.pk, "number": 1}))
    assert old.status_code == 200 and old["Content-Type"] == "application/pdf"
    missing = reverse("toolbox:resource_version", kwargs={"pk": resource.pk, "number": 9})
    assert client.get(missing).status_code == 404


def test_a_link_redirects(login, federation, referent_a):
    resource = make_resource(federation=federation, kind="link", url="https://exemple.fr/guide")
    response = login(referent_a).get(reverse("toolbox:resource_open", kwargs={"pk": resource.pk}))
    assert response.status_code == 302 and response["Location"] == "https://exemple.fr/guide"


def test_search_finds_words_whatever_accents_and_case(login, federation, referent_a):
    make_resource(
        federation=federation, title="Préparer l'assemblée générale", themes=("assemblees",)
    )
    make_resource(
        federation=federation,
        title="Repair café",
        summary="Un atelier de réparation entre voisins.",
        themes=("transition",),
    )
    client = login(referent_a)

    def titles(**params):
        response = client.get(reverse("toolbox:home"), params)
        return [r.title for r in response.context["page"]]

    assert titles(q="ASSEMBLEE") == ["Préparer l'assemblée générale"]
    assert titles(q="réparation") == ["Repair café"]
    assert titles(theme="transition") == ["Repair café"]
    assert titles(q="introuvable") == []
    # Garbage in filters is ignored, never a 500.
    assert (
        client.get(
            reverse("toolbox:home"), {"theme": "x'", "page": "z", "langue": "zz"}
        ).status_code
        == 200
    )


def test_htmx_search_answers_the_fragment_without_moving_the_visit(login, federation, referent_a):
    make_resource(federation=federation, title="Guide")
    client = login(referent_a)
    client.get(reverse("toolbox:home"))
    response = client.get(reverse("toolbox:home"), {"q": "guide"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html and "Guide" in html
    assert "HX-Request" in response["Vary"]


def test_new_since_last_visit_and_updated_since_used(login, federation, coop_a, referent_a):
    from datetime import timedelta

    from django.utils import timezone

    from viecoop.toolbox.models import ToolboxVisit

    old = make_resource(federation=federation, title="Ancienne ressource")
    Resource.objects.filter(pk=old.pk).update(changed_at=timezone.now() - timedelta(days=90))
    ToolboxVisit.objects.create(
        user=referent_a,
        previous_at=timezone.now() - timedelta(days=60),
        last_at=timezone.now() - timedelta(days=10),
    )
    services.resource_record_use(user=referent_a, resource=old, coop=coop_a)
    make_resource(federation=federation, title="Toute nouvelle")
    old = Resource.objects.get(pk=old.pk)
    services.resource_add_version(actor=None, resource=old, file=pdf_file(), note="Mise à jour")
    client = login(referent_a)
    response = client.get(reverse("toolbox:home"))
    assert [r.title for r in response.context["news"]] == ["Ancienne ressource", "Toute nouvelle"]
    assert [u.resource.title for u in response.context["updated"]] == ["Ancienne ressource"]
    flags = {r.title: r.is_new for r in response.context["page"]}
    assert flags == {"Ancienne ressource": True, "Toute nouvelle": True}
    only_new = client.get(reverse("toolbox:home"), {"nouveautes": "1"})
    assert only_new.context["page"].paginator.count == 2


def test_referent_relays_through_the_form(
    login, federation, coop_a, referent_a, manager_a, staff_a
):
    resource = make_resource(federation=federation)
    client = login(referent_a)
    url = reverse("toolbox:resource_relay", kwargs={"pk": resource.pk})
    form_page = client.get(url)
    assert form_page.status_code == 200
    choices = {u.pk for u in form_page.context["form"].fields["users"].queryset}
    assert choices == {manager_a.pk, staff_a.pk}  # colleagues, never oneself
    empty = client.post(url, {"coop": coop_a.pk, "note": "x"})
    assert empty.status_code == 200 and empty.context["form"].non_field_errors()
    response = client.post(url, {"coop": coop_a.pk, "users": [staff_a.pk], "note": "À lire"})
    assert response.status_code == 302
    assert Relay.objects.get().recipients.get().user == staff_a
    # The colleague finds it under "shared with me", with the note; opening marks it read.
    colleague = login(staff_a)
    shared = colleague.get(reverse("toolbox:shared_with_me"))
    assert "À lire" in shared.content.decode()
    colleague.get(reverse("toolbox:resource_detail", kwargs={"pk": resource.pk}))
    assert Relay.objects.get().recipients.get().read_at is not None


def test_plain_staff_cannot_relay(login, federation, staff_a):
    resource = make_resource(federation=federation)
    response = login(staff_a).get(reverse("toolbox:resource_relay", kwargs={"pk": resource.pk}))
    assert response.status_code == 403


def test_feedback_by_htmx_and_plain_post(login, federation, coop_a, referent_a, fed_admin):
    resource = make_resource(federation=federation)
    url = reverse("toolbox:resource_feedback", kwargs={"pk": resource.pk})
    client = login(referent_a)
    response = client.post(url, {"useful": "1", "comment": "Clair"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "<html" not in response.content.decode()
    assert Feedback.objects.get().comment == "Clair"
    assert client.post(url, {"useful": "0"}).status_code == 302
    assert Feedback.objects.get().useful is False
    assert client.post(url, {}).status_code == 302  # no choice: a message, not a 500
    # The federation cannot rate; it reads feedback on the resource's page.
    assert login(fed_admin).post(url, {"useful": "1"}).status_code == 403
    page = login(fed_admin).get(reverse("toolbox:manage_detail", kwargs={"pk": resource.pk}))
    assert page.context["resource"].coops_rated == 1
    assert page.context["by_coop"][0]["coop"] == coop_a.name


def test_referent_proposes_and_follows_the_proposal(login, coop_a, referent_a, fed_admin):
    client = login(referent_a)
    data = {
        "title": "Jeu de cartes",
        "summary": "Pour apprendre.",
        "kind": "file",
        "themes": ["formation"],
        "audiences": ["referents"],
        "format": "other",
        "language": "fr",
        "coop": coop_a.pk,
        "file": pdf_file(),
    }
    response = client.post(reverse("toolbox:propose"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    proposal = Resource.objects.get()
    assert proposal.state == "proposed" and proposal.proposed_by_coop == coop_a
    assert "Jeu de cartes" in client.get(reverse("toolbox:my_proposals")).content.decode()
    # A bad file is a clear error on the form, not a 500.
    data.update(file=pdf_file(name="x.exe", data=b"MZ"))
    bad = client.post(reverse("toolbox:propose"), data)
    assert bad.status_code == 200 and "PDF, ODT" in bad.context["form"].errors["file"][0]
    # The federation reviews it.
    fed = login(fed_admin)
    assert "Jeu de cartes" in fed.get(reverse("toolbox:proposals")).content.decode()
    review = reverse("toolbox:manage_review", kwargs={"pk": proposal.pk})
    refused = fed.post(review, {"decision": "reject", "message": ""})
    assert refused.status_code == 400
    assert fed.post(review, {"decision": "publish", "message": ""}).status_code == 302
    assert Resource.objects.get().state == "published"


def test_federation_creates_edits_versions_and_publishes(login, federation, fed_admin):
    client = login(fed_admin)
    response = client.post(
        reverse("toolbox:manage_create"),
        {
            "title": "Affiche AG",
            "summary": "À poser dans les halls.",
            "kind": "link",
            "url": "https://exemple.fr/affiche",
            "themes": ["communication", "democratie"],
            "audiences": ["referents", "members"],
            "format": "poster",
            "language": "fr",
        },
    )
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.for_members and not resource.for_staff and resource.state == "draft"
    edit = reverse("toolbox:manage_edit", kwargs={"pk": resource.pk})
    response = client.post(
        edit,
        {
            "title": "Affiche de l'AG",
            "summary": "x",
            "themes": ["communication"],
            "audiences": ["referents"],
            "format": "poster",
            "language": "fr",
        },
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.title == "Affiche de l'AG" and resource.theme_codes == ["communication"]
    version = reverse("toolbox:manage_version", kwargs={"pk": resource.pk})
    assert client.post(version, {"note": "x"}).status_code == 200  # the link is required
    assert client.post(version, {"url": "https://exemple.fr/v2", "note": "v2"}).status_code == 302
    state = reverse("toolbox:manage_state", kwargs={"pk": resource.pk})
    assert client.post(state, {"state": "published"}).status_code == 302
    assert Resource.objects.get().state == "published"
    assert client.post(state, {"state": "nonsense"}).status_code == 302  # a message, no 500
    file_url = reverse("toolbox:manage_file", kwargs={"pk": resource.pk, "number": 1})
    assert client.get(file_url)["Location"] == "https://exemple.fr/affiche"


def test_reach_pages(login, federation, coop_a, referent_a, fed_admin, manager_a):
    resource = make_resource(federation=federation)
    services.resource_record_use(user=referent_a, resource=resource, coop=coop_a)
    services.relay_create(actor=referent_a, resource=resource, coop=coop_a, users=[manager_a])
    client = login(fed_admin)
    coops = client.get(reverse("toolbox:reach_coops"))
    row = next(c for c in coops.context["coops"] if c.pk == coop_a.pk)
    assert (row.resources_used, row.resources_relayed, row.relays_sent) == (1, 1, 1)
    detail = client.get(reverse("toolbox:reach_coop", kwargs={"coop_slug": coop_a.slug}))
    assert detail.context["rows"][0]["relays"] == 1 and detail.context["rows"][0]["recipients"] == 1
    assert (
        client.get(reverse("toolbox:reach_coop", kwargs={"coop_slug": "nope"})).status_code == 404
    )


def test_list_pages_run_constant_queries(
    login, federation, coop_a, referent_a, manager_a, fed_admin, member_a
):
    def grow(k):
        for i in range(k):
            resource = make_resource(
                federation=federation,
                title=f"Guide {i}",
                themes=("democratie", "service"),
                for_members=True,
            )
            services.resource_record_use(user=referent_a, resource=resource, coop=coop_a)
            services.relay_create(
                actor=referent_a, resource=resource, coop=coop_a, users=[manager_a]
            )
            services.feedback_give(actor=referent_a, resource=resource, coop=coop_a, useful=True)

    n = assert_constant_queries(login(referent_a), reverse("toolbox:home"), grow)
    assert n <= 16
    assert assert_constant_queries(login(manager_a), reverse("toolbox:shared_with_me"), grow) <= 12
    fed = login(fed_admin)
    assert assert_constant_queries(fed, reverse("toolbox:manage_list"), grow) <= 12
    assert assert_constant_queries(fed, reverse("toolbox:reach_coops"), grow) <= 10
    url = reverse("toolbox:reach_coop", kwargs={"coop_slug": coop_a.slug})
    assert assert_constant_queries(fed, url, grow) <= 12
    member_list = reverse("toolbox:member_list", kwargs={"coop_slug": coop_a.slug})
    assert assert_constant_queries(login(member_a), member_list, grow) <= 10


def test_detail_pages_run_constant_queries(
    client_of, federation, coop_a, referent_a, manager_a, fed_admin
):
    resource = make_resource(federation=federation)
    detail = reverse("toolbox:resource_detail", kwargs={"pk": resource.pk})
    manage = reverse("toolbox:manage_detail", kwargs={"pk": resource.pk})
    client, fed = client_of(referent_a), client_of(fed_admin)
    client.get(detail)
    fed.get(manage)
    before, _r = count_queries(lambda: client.get(detail))
    before_fed, _r = count_queries(lambda: fed.get(manage))
    for _ in range(4):
        services.resource_add_version(actor=None, resource=resource, file=pdf_file(), note="x")
        services.relay_create(actor=referent_a, resource=resource, coop=coop_a, users=[manager_a])
        services.feedback_give(actor=manager_a, resource=resource, coop=coop_a, useful=True)
    after, _r = count_queries(lambda: client.get(detail))
    after_fed, _r = count_queries(lambda: fed.get(manage))
    assert after == before <= 16
    assert after_fed == before_fed <= 16

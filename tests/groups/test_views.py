"""Working groups' pages: who sees what, joining, posting (and htmx), files, meetings,
constant query counts."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tests.events.factories import member, staff
from tests.groups.factories import add_member, make_group, post, start
from tests.utils import assert_constant_queries
from viecoop.events.models import Event
from viecoop.groups import services
from viecoop.groups.audience import group_path
from viecoop.groups.models import Membership, Message, WorkingGroup

pytestmark = pytest.mark.django_db


def test_network_groups_for_the_network(
    login, coop_a, referent_a, manager_a, member_a, fed_admin, outsider
):
    group = make_group(creator=referent_a, name="Accueil")
    start(group, referent_a, title="Sujet confidentiel")
    assert "Accueil" in login(manager_a).get(reverse("groups:network_list")).content.decode()
    # Staff of a coop sees the group and may join; its discussions are for its members.
    page = login(manager_a).get(group_path(group)).content.decode()
    assert "Rejoindre le groupe" in page and "Sujet confidentiel" not in page
    assert login(manager_a).get(group_path(group, "discussions")).status_code == 403
    # The federation team looks after the network's groups.
    assert "Sujet confidentiel" in login(fed_admin).get(group_path(group)).content.decode()
    assert login(fed_admin).get(group_path(group, "update")).status_code == 200
    # Associés are not part of the network.
    assert login(member_a).get(group_path(group)).status_code == 403
    assert login(outsider).get(reverse("groups:network_list")).status_code == 403


def test_coop_groups_stay_in_their_coop(
    login, coop_a, coop_b, manager_a, member_a, manager_b, fed_admin
):
    group = make_group(creator=manager_a, coop=coop_a, name="Jardin partagé")
    assert login(member_a).get(group_path(group)).status_code == 200
    for person in (manager_b, fed_admin):
        assert login(person).get(group_path(group)).status_code == 404
        assert (
            login(person).get(reverse("groups:network_detail", kwargs={"pk": group.pk})).status_code
            == 404
        )
    other = reverse("groups:coop_detail", kwargs={"coop_slug": "coop-b", "pk": group.pk})
    assert login(manager_b).get(other).status_code == 404
    assert (
        "Jardin"
        not in login(manager_b)
        .get(reverse("groups:coop_list", kwargs={"coop_slug": "coop-b"}))
        .content.decode()
    )
    assert (
        login(member_a)
        .get(reverse("groups:coop_create", kwargs={"coop_slug": "coop-a"}))
        .status_code
        == 403
    )


def test_create_join_and_post_through_the_pages(login, coop_a, manager_a, member_a):
    client = login(manager_a)
    url = reverse("groups:coop_create", kwargs={"coop_slug": "coop-a"})
    assert client.post(url, {"name": ""}).status_code == 200
    response = client.post(
        url, {"name": "Jardin", "purpose": "Planter", "description": "", "policy": "open"}
    )
    group = WorkingGroup.objects.get(name="Jardin")
    assert response["Location"] == group_path(group)
    assert (
        client.post(url, {"name": "jardin", "purpose": "x", "policy": "open"})
        .context["form"]
        .errors["name"]
    )
    client = login(member_a)
    client.post(group_path(group, "join"))
    assert Membership.objects.get(group=group, user=member_a).is_active
    client.post(
        group_path(group, "discussion_create"), {"title": "Tomates", "body": "On plante quand ?"}
    )
    discussion = group.discussions.get()
    first = discussion.messages.get()
    response = client.post(
        group_path(group, "discussion", discussion_pk=discussion.pk),
        {"body": "En **mai**", "reply_to": first.pk},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and "<strong>mai</strong>" in html
    assert Message.objects.get(body="En **mai**").reply_to == first
    # An empty reply with htmx answers the form with its error in place.
    response = client.post(
        group_path(group, "discussion", discussion_pk=discussion.pk),
        {"body": ""},
        headers={"HX-Request": "true"},
    )
    assert (
        response["HX-Retarget"] == "#reply" and 'aria-invalid="true"' in response.content.decode()
    )
    # Without JavaScript: a redirect to the new message.
    response = client.post(
        group_path(group, "discussion", discussion_pk=discussion.pk), {"body": "Sans JS"}
    )
    message = Message.objects.get(body="Sans JS")
    assert response["Location"].endswith(f"#message-{message.pk}")
    client.post(group_path(group, "notify"), {"notify": "each"})
    assert Membership.objects.get(group=group, user=member_a).notify == "each"
    client.post(group_path(group, "leave"))
    assert Membership.objects.get(group=group, user=member_a).status == "left"


def test_moderated_requests_from_the_members_page(login, coop_a, manager_a, member_a):
    group = make_group(creator=manager_a, coop=coop_a, policy="moderated")
    login(member_a).post(group_path(group, "join"), {"motivation": "J'ai la main verte"})
    membership = Membership.objects.get(group=group, user=member_a)
    assert membership.status == "pending"
    assert (
        login(member_a)
        .post(group_path(group, "member_action", membership_pk=membership.pk, verb="accepter"))
        .status_code
        == 403
    )
    client = login(manager_a)
    assert "la main verte" in client.get(group_path(group, "members")).content.decode()
    client.post(group_path(group, "member_action", membership_pk=membership.pk, verb="accepter"))
    membership.refresh_from_db()
    assert membership.is_active
    client.post(
        group_path(group, "member_action", membership_pk=membership.pk, verb="coordinateur")
    )
    membership.refresh_from_db()
    assert membership.role == "coordinator"
    client.post(
        group_path(group, "member_action", membership_pk=membership.pk, verb="nimportequoi")
    )
    client.post(group_path(group, "member_action", membership_pk=membership.pk, verb="retirer"))
    membership.refresh_from_db()
    assert membership.status == "left"


def test_add_someone_from_the_space_only(login, coop_a, coop_b, manager_a):
    group = make_group(creator=manager_a, coop=coop_a)
    neighbour = member(coop_a, last_name="Voisin")
    stranger = member(coop_b, last_name="Voisin-Lointain")
    client = login(manager_a)
    page = client.get(group_path(group, "members"), {"q": "voisin"}).content.decode()
    assert "Voisin" in page and "Voisin-Lointain" not in page
    client.post(group_path(group, "members"), {"user": stranger.pk})
    assert not Membership.objects.filter(group=group, user=stranger).exists()
    client.post(group_path(group, "members"), {"user": neighbour.pk})
    assert Membership.objects.get(group=group, user=neighbour).is_active


def test_documents_and_deliverables_pages(login, coop_a, manager_a, member_a):
    group = make_group(creator=manager_a, coop=coop_a)
    add_member(group, member_a)
    client = login(member_a)
    client.post(
        group_path(group, "documents"),
        {"title": "Plan", "file": SimpleUploadedFile("plan.pdf", b"%PDF-1")},
    )
    document = group.documents.get()
    client.post(
        group_path(group, "document", document_pk=document.pk),
        {"file": SimpleUploadedFile("plan-v2.pdf", b"%PDF-2"), "note": "Carré agrandi"},
    )
    page = client.get(group_path(group, "document", document_pk=document.pk)).content.decode()
    assert "Carré agrandi" in page and "plan-v2.pdf" in page
    first = document.versions.get(number=1)
    download = client.get(
        group_path(group, "version_download", document_pk=document.pk, version_pk=first.pk)
    )
    assert b"".join(download.streaming_content) == b"%PDF-1"
    bad = client.post(group_path(group, "documents"), {"file": SimpleUploadedFile("x.exe", b"MZ")})
    assert bad.status_code == 200 and bad.context["form"].errors
    client.post(
        group_path(group, "deliverable_create"),
        {
            "title": "Charte du jardin",
            "description": "Les règles",
            "final": "on",
            "file": SimpleUploadedFile("charte.pdf", b"%PDF"),
        },
    )
    deliverable = group.deliverables.get()
    assert deliverable.status == "final"
    assert (
        client.get(
            group_path(group, "deliverable_download", deliverable_pk=deliverable.pk)
        ).status_code
        == 200
    )
    # A person of the coop who is not in the group reads none of it.
    outsider = member(coop_a)
    assert login(outsider).get(group_path(group, "documents")).status_code == 403
    assert (
        login(outsider)
        .get(group_path(group, "version_download", document_pk=document.pk, version_pk=first.pk))
        .status_code
        == 403
    )
    # The member may not propose (coordinators do); no target here anyway.
    assert (
        login(member_a)
        .post(
            group_path(group, "deliverable_propose", deliverable_pk=deliverable.pk),
            {"target": "toolbox"},
        )
        .status_code
        == 403
    )


def test_plan_a_meeting_from_the_group(login, coop_a, referent_a, manager_a):
    group = make_group(creator=referent_a)
    add_member(group, manager_a)
    assert login(manager_a).get(group_path(group, "meeting_create")).status_code == 403
    client = login(referent_a)
    start_at = timezone.localtime() + timedelta(days=8)
    response = client.post(
        group_path(group, "meeting_create"),
        {
            "kind": "group_meeting",
            "title": "Réunion de rentrée",
            "audience_choice": f"group:{group.pk}",
            "format": "remote",
            "online_url": "https://visio.example.org/groupe",
            "starts_at": start_at.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start_at + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "registration_open": "on",
            "waitlist_enabled": "on",
            "publish": "on",
        },
    )
    event = Event.objects.get(title="Réunion de rentrée")
    assert response.status_code == 302 and (event.audience, event.audience_target) == (
        "group",
        group.pk,
    )
    assert "Réunion de rentrée" in client.get(group_path(group)).content.decode()


# Query counts -------------------------------------------------------------------------
def test_group_list_constant_queries(login, coop_a, referent_a):
    def grow(n):
        for _ in range(n):
            group = make_group(creator=staff(coop_a))
            add_member(group, referent_a)
            start(group, group.created_by)

    assert assert_constant_queries(login(referent_a), reverse("groups:network_list"), grow) <= 12


def test_group_pages_constant_queries(login, coop_a, coop_b, referent_a, manager_b):
    group = make_group(creator=referent_a)
    discussion = start(group, referent_a)
    client = login(referent_a)

    def grow(n):
        for i in range(n):
            person = staff(coop_a if i % 2 else coop_b)
            add_member(group, person)
            post(discussion, person, f"Message {i}")
            start(group, person, title=f"Sujet {i}")
            with transaction.atomic():
                services.document_add(
                    actor=person,
                    group=group,
                    title=f"Doc {i}",
                    file=SimpleUploadedFile(f"d{i}.txt", b"x"),
                )
                services.deliverable_save(
                    actor=person, group=group, title=f"Livrable {i}", description="x"
                )

    for action, kwargs in (
        ("detail", {}),
        ("members", {}),
        ("discussions", {}),
        ("discussion", {"discussion_pk": discussion.pk}),
        ("documents", {}),
        ("deliverables", {}),
    ):
        url = group_path(group, action, **kwargs)
        assert assert_constant_queries(client, url, grow, extra=3) <= 20, action

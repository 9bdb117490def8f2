"""Events pages: who sees what in each space, registering through the page (and htmx),
the organisers' pages, clear errors, constant query counts."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tests.events.factories import make_event, make_past_event, member, staff
from tests.utils import assert_constant_queries, count_queries
from viecoop.events import services
from viecoop.events.models import Event, Registration
from viecoop.events.paths import event_url

pytestmark = pytest.mark.django_db


def _register(event, user):
    with transaction.atomic():
        return services.registration_create(actor=user, event=event, user=user)


# Who sees what ----------------------------------------------------------------------
def test_network_events_are_for_the_network_only(
    login, coop_a, referent_a, member_a, fed_admin, outsider
):
    event = make_event(audience="network", title="Rencontre réseau")
    list_url = reverse("events:network_list")
    assert "Rencontre réseau" in login(referent_a).get(list_url).content.decode()
    assert login(referent_a).get(event_url(event)).status_code == 200
    assert login(fed_admin).get(event_url(event)).status_code == 200
    # A member of a coop is not part of the network space.
    assert login(member_a).get(list_url).status_code == 403
    assert login(member_a).get(event_url(event)).status_code == 403
    assert login(outsider).get(event_url(event)).status_code == 403


def test_who_creates_network_events(login, referent_a, fed_admin):
    assert login(referent_a).get(reverse("events:network_create")).status_code == 403
    assert login(fed_admin).get(reverse("events:network_create")).status_code == 200


def test_a_coops_member_events_are_invisible_to_other_coops(
    login, coop_a, coop_b, member_a, manager_b
):
    event = make_event(coop=coop_a, title="Fête des voisins des Hortensias")
    assert login(member_a).get(event_url(event)).status_code == 200
    assert (
        "Fête des voisins"
        in login(member_a)
        .get(reverse("events:coop_list", kwargs={"coop_slug": "coop-a"}))
        .content.decode()
    )
    # Coop B's manager: coop A's space does not exist for them, nor does the event in theirs.
    assert login(manager_b).get(event_url(event)).status_code == 404
    other = reverse("events:coop_detail", kwargs={"coop_slug": "coop-b", "pk": event.pk})
    assert login(manager_b).get(other).status_code == 404
    page = login(manager_b).get(reverse("events:coop_list", kwargs={"coop_slug": "coop-b"}))
    assert "Fête des voisins" not in page.content.decode()
    # Nor does the network show it.
    network = login(manager_b).get(reverse("events:network_list")).content.decode()
    assert "Fête des voisins" not in network
    assert (
        login(manager_b).get(reverse("events:network_detail", kwargs={"pk": event.pk})).status_code
        == 404
    )


def test_staff_events_are_invisible_to_members(login, coop_a, member_a, referent_a):
    event = make_event(coop=coop_a, audience="coop_staff", title="Réunion d'équipe")
    assert login(member_a).get(event_url(event)).status_code == 404
    listing = login(member_a).get(reverse("events:coop_list", kwargs={"coop_slug": "coop-a"}))
    assert "Réunion d'équipe" not in listing.content.decode()
    assert login(referent_a).get(event_url(event)).status_code == 200


def test_drafts_only_for_organisers(login, coop_a, member_a, manager_a):
    event = make_event(coop=coop_a, status=Event.Status.DRAFT, title="Brouillon de fête")
    assert login(member_a).get(event_url(event)).status_code == 404
    assert login(manager_a).get(event_url(event)).status_code == 200
    response = login(manager_a).post(event_url(event, "publish"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.is_published
    assert login(member_a).get(event_url(event)).status_code == 200


def test_organiser_pages_are_for_organisers(login, coop_a, member_a, referent_a):
    event = make_event(coop=coop_a)
    for action in ("update", "cancel", "registrations", "attendance", "minutes"):
        assert login(member_a).get(event_url(event, action)).status_code == 403, action
        assert login(referent_a).get(event_url(event, action)).status_code == 200, action
    assert (
        login(member_a)
        .get(reverse("events:coop_create", kwargs={"coop_slug": "coop-a"}))
        .status_code
        == 403
    )


def test_a_coop_event_open_to_the_network_is_run_by_its_coop(
    login, coop_a, coop_b, referent_a, manager_b, fed_admin
):
    event = make_event(coop=coop_a, audience="referents", title="Visite du tiers-lieu")
    assert event.space == "network"
    assert login(manager_b).get(event_url(event)).status_code == 200
    assert login(manager_b).get(event_url(event, "update")).status_code == 403
    assert login(referent_a).get(event_url(event, "update")).status_code == 200
    assert login(fed_admin).get(event_url(event, "update")).status_code == 200


# Registering ------------------------------------------------------------------------
def test_register_and_cancel_through_the_page(login, coop_a, member_a):
    event = make_event(coop=coop_a, capacity=10)
    client = login(member_a)
    response = client.post(event_url(event, "register"), {"comment": "Je viens avec ma fille"})
    assert response.status_code == 302
    registration = Registration.objects.get(event=event, user=member_a)
    assert registration.is_confirmed and registration.comment == "Je viens avec ma fille"
    page = client.get(event_url(event)).content.decode()
    assert "Cancel my registration" in page or "Annuler mon inscription" in page
    assert "visio.example.org" in page  # the link, now that a seat is held
    client.post(event_url(event, "unregister"))
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert client.get(event_url(event, "register")).status_code == 405


def test_register_with_htmx_answers_the_panel(login, coop_a, member_a):
    event = make_event(coop=coop_a, capacity=1)
    _register(event, member(coop_a))
    response = login(member_a).post(event_url(event, "register"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'id="registration"' in html
    assert Registration.objects.get(event=event, user=member_a).is_waitlisted
    assert "HX-Request" in response["Vary"]


def test_a_person_outside_the_audience_gets_a_message_not_an_error(login, coop_a, manager_a):
    event = make_event(audience="referents")
    response = login(manager_a).post(event_url(event, "register"), follow=True)
    assert response.status_code == 200
    assert not Registration.objects.filter(event=event).exists()


def test_organisers_register_someone_from_the_audience_only(
    login, coop_a, coop_b, manager_a, manager_b
):
    event = make_event(coop=coop_a)
    ann = member(coop_a, first_name="Annick", last_name="Pelletier")
    client = login(manager_a)
    page = client.get(event_url(event, "registrations"), {"q": "pellet"}).content.decode()
    assert "Annick" in page
    stranger = member(coop_b, first_name="Annick", last_name="Pelletier-Autre")
    page = client.get(event_url(event, "registrations"), {"q": "pellet"}).content.decode()
    assert "Pelletier-Autre" not in page  # people of another coop are not offered
    client.post(event_url(event, "registrations"), {"user": stranger.pk})
    assert not Registration.objects.filter(event=event, user=stranger).exists()
    client.post(event_url(event, "registrations"), {"user": ann.pk})
    registration = Registration.objects.get(event=event, user=ann)
    assert registration.registered_by == manager_a
    client.post(event_url(event, "registrations"), {"user": "garbage"})
    csv = client.get(event_url(event, "registrations"), {"format": "csv"})
    assert "Pelletier" in csv.content.decode("utf-8-sig")
    client.post(event_url(event, "registration_cancel", registration_pk=registration.pk))
    registration.refresh_from_db()
    assert registration.status == "cancelled"


# Organising -------------------------------------------------------------------------
def test_create_an_event_with_a_form(login, coop_a, manager_a):
    url = reverse("events:coop_create", kwargs={"coop_slug": "coop-a"})
    client = login(manager_a)
    bad = client.post(url, {"title": "", "starts_at": "not a date"})
    assert bad.status_code == 200 and bad.context["form"].errors
    start = (timezone.localtime() + timedelta(days=10)).replace(hour=18, minute=0)
    response = client.post(
        url,
        {
            "kind": "party",
            "title": "Fête des voisins",
            "summary": "",
            "audience_choice": "coop_members",
            "format": "in_person",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
            "place_name": "Jardin",
            "city": "Rennes",
            "capacity": "40",
            "waitlist_enabled": "on",
            "registration_open": "on",
            "agenda": "- apéritif\n- dîner partagé",
            "publish": "on",
        },
    )
    event = Event.objects.get(title="Fête des voisins")
    assert response.status_code == 302 and response["Location"] == event_url(event)
    assert (event.coop, event.space, event.audience, event.capacity) == (
        coop_a,
        "coop",
        "coop_members",
        40,
    )
    assert timezone.localtime(event.starts_at).hour == 18  # typed in Paris time
    # The end before the start is a clear error, not a 500.
    response = client.post(
        url,
        {
            "kind": "party",
            "title": "À l'envers",
            "audience_choice": "coop_members",
            "format": "remote",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 200 and "ends_at" in response.context["form"].errors
    # An audience the person may not choose is refused.
    response = client.post(url, {"audience_choice": "group:999", "title": "x"})
    assert "audience_choice" in response.context["form"].errors


def test_edit_and_cancel_an_event(login, coop_a, manager_a):
    event = make_event(coop=coop_a)
    client = login(manager_a)
    form = client.get(event_url(event, "update")).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "title": "Nouveau titre",
            "audience_choice": "coop_members",
            "starts_at": timezone.localtime(event.starts_at).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": timezone.localtime(event.ends_at).strftime("%Y-%m-%dT%H:%M"),
            "registration_open": "on",
        }
    )
    data.pop("registration_closes_at", None)
    data.pop("capacity", None)
    response = client.post(event_url(event, "update"), data)
    assert response.status_code == 302, response.context["form"].errors
    event.refresh_from_db()
    assert event.title == "Nouveau titre"
    assert client.post(event_url(event, "cancel"), {"reason": ""}).status_code == 200
    client.post(event_url(event, "cancel"), {"reason": "Intempéries"})
    event.refresh_from_db()
    assert event.is_cancelled
    assert client.get(event_url(event, "update")).status_code == 302


def test_attendance_checklist_with_htmx(login, coop_a, manager_a):
    event = make_past_event(coop=coop_a)
    ann = member(coop_a, first_name="Annick")
    registration = Registration.objects.create(
        event=event, user=ann, status="confirmed", seat=1, confirmed_at=timezone.now()
    )
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(minutes=30),
        ends_at=timezone.now() + timedelta(hours=1),
    )
    client = login(manager_a)
    assert "Annick" in client.get(event_url(event, "attendance")).content.decode()
    response = client.post(
        event_url(event, "attendance_mark", registration_pk=registration.pk),
        {"attended": "yes"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and f'id="inscrit-{registration.pk}"' in html
    assert 'hx-swap-oob="true"' in html  # the counts follow
    registration.refresh_from_db()
    assert registration.attended is True
    client.post(
        event_url(event, "attendance_mark", registration_pk=registration.pk), {"attended": "no"}
    )
    registration.refresh_from_db()
    assert registration.attended is False


def test_minutes_and_documents_pages(
    login, coop_a, manager_a, member_a, django_capture_on_commit_callbacks
):
    from django.core import mail

    event = make_event(coop=coop_a)
    _register(event, member_a)
    client = login(manager_a)
    client.post(
        event_url(event, "minutes"),
        {
            "action": "upload",
            "title": "Photos",
            "file": SimpleUploadedFile("photos.jpg", b"\xff\xd8\xff"),
        },
    )
    document = event.documents.get()
    bad = client.post(
        event_url(event, "minutes"),
        {"action": "upload", "file": SimpleUploadedFile("x.exe", b"MZ")},
    )
    assert bad.status_code == 200 and bad.context["document_form"].errors
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            event_url(event, "minutes"), {"action": "send", "minutes": "Tout s'est **bien** passé."}
        )
    assert [m.to for m in mail.outbox] == [[member_a.email]]
    page = login(member_a).get(event_url(event)).content.decode()
    assert "<strong>bien</strong>" in page and "Photos" in page
    download = login(member_a).get(event_url(event, "document", document_pk=document.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"\xff\xd8\xff"
    assert "attachment" in download["Content-Disposition"]
    assert (
        login(member_a)
        .post(event_url(event, "document_delete", document_pk=document.pk))
        .status_code
        == 403
    )
    login(manager_a).post(event_url(event, "document_delete", document_pk=document.pk))
    assert not event.documents.exists()


def test_my_events_lists_registrations_across_spaces(login, coop_a, referent_a):
    network = make_event(audience="network", title="Rencontre réseau")
    coop_event = make_event(coop=coop_a, title="Coopsday")
    make_event(coop=coop_a, title="Pas encore inscrit")
    _register(network, referent_a)
    _register(coop_event, referent_a)
    page = login(referent_a).get(reverse("events:my_events")).content.decode()
    assert "Rencontre réseau" in page and "Coopsday" in page
    assert event_url(network) in page and event_url(coop_event) in page
    assert "Pas encore inscrit" in page  # among the suggestions


def test_month_view_and_garbage_filters(login, coop_a, referent_a):
    event = make_event(audience="network", title="Rencontre du mois")
    month = timezone.localtime(event.starts_at).strftime("%Y-%m")
    client = login(referent_a)
    page = client.get(reverse("events:network_list"), {"vue": "mois", "mois": month})
    assert "Rencontre du mois" in page.content.decode()
    for params in (
        {"mois": "2026-13", "vue": "mois"},
        {"type": "'", "public": "x", "coop": "z", "region": "??", "page": "-1"},
    ):
        assert client.get(reverse("events:network_list"), params).status_code == 200
    past = client.get(reverse("events:network_list"), {"quand": "passes"})
    assert "Rencontre du mois" not in past.content.decode()


def test_filters_on_the_network_list(login, coop_a, coop_b, referent_a):
    make_event(audience="network", title="À Rennes", region="BRE", kind="workshop")
    make_event(coop=coop_b, audience="network", title="À Lyon", region="ARA")
    client = login(referent_a)
    url = reverse("events:network_list")
    assert [e.title for e in client.get(url, {"region": "BRE"}).context["page"]] == ["À Rennes"]
    assert [e.title for e in client.get(url, {"coop": coop_b.pk}).context["page"]] == ["À Lyon"]
    assert [e.title for e in client.get(url, {"type": "workshop"}).context["page"]] == ["À Rennes"]
    response = client.get(url, {"q": "lyon"}, headers={"HX-Request": "true"})
    assert "À Lyon" in response.content.decode() and "<html" not in response.content.decode()


# Query counts -----------------------------------------------------------------------
def test_network_list_constant_queries(login, coop_a, coop_b, referent_a):
    def grow(n):
        for i in range(n):
            event = make_event(
                audience="network" if i % 2 else "referents", coop=coop_b if i % 3 else None
            )
            _register(event, referent_a)

    assert assert_constant_queries(login(referent_a), reverse("events:network_list"), grow) <= 12


def test_coop_list_and_month_constant_queries(login, coop_a, member_a):
    def grow(n):
        for i in range(n):
            event = make_event(coop=coop_a, capacity=3)
            if i % 2:
                _register(event, member_a)

    client = login(member_a)
    assert (
        assert_constant_queries(
            client, reverse("events:coop_list", kwargs={"coop_slug": "coop-a"}), grow
        )
        <= 12
    )
    month = timezone.localtime(timezone.now() + timedelta(days=7)).strftime("%Y-%m")
    url = reverse("events:coop_list", kwargs={"coop_slug": "coop-a"}) + f"?vue=mois&mois={month}"
    assert assert_constant_queries(client, url, grow) <= 12


def test_detail_and_organiser_pages_constant_queries(login, coop_a, manager_a):
    event = make_event(coop=coop_a, capacity=5)
    client = login(manager_a)

    def grow(n):
        for _ in range(n):
            _register(event, member(coop_a))

    for action in ("detail", "registrations", "attendance", "minutes"):
        assert assert_constant_queries(client, event_url(event, action), grow, extra=4) <= 16, (
            action
        )


def test_my_events_constant_queries(login, coop_a, referent_a):
    def grow(n):
        for i in range(n):
            _register(make_event(coop=coop_a if i % 2 else None, audience=None), referent_a)
            make_event(coop=coop_a)

    assert assert_constant_queries(login(referent_a), reverse("events:my_events"), grow) <= 14


def test_feed_constant_queries(client, coop_a):
    ann = member(coop_a)
    with transaction.atomic():
        token = services.calendar_feed_create(user=ann)
    url = reverse("events:feed", kwargs={"token": token})

    def grow(n):
        for _ in range(n):
            _register(make_event(coop=coop_a), ann)

    assert assert_constant_queries(client, url, grow) <= 6


def test_staff_helper(coop_a):
    assert staff(coop_a).coop_roles.get().role == "staff"
    assert count_queries(lambda: None)[0] == 0

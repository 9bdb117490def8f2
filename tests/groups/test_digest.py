"""The daily digest: one e-mail per person for all their groups, never the same messages twice."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from tests.events.factories import staff
from tests.groups.factories import add_member, make_group, post, start
from viecoop.groups import services

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_digest_per_person_with_the_new_messages_of_all_their_groups(
    coop_a, referent_a, manager_a
):
    now = timezone.now()
    accueil = make_group(creator=referent_a, name="Accueil des associés")
    jardin = make_group(creator=manager_a, coop=coop_a, name="Jardin partagé")
    reader = staff(coop_a, first_name="Inès")
    add_member(accueil, reader)
    add_member(jardin, reader)
    with time_machine.travel(now + timedelta(minutes=5), tick=False):
        livret = start(accueil, referent_a, title="Livret", body="La **v2** est en ligne.")
        post(livret, reader, "Je relis !")  # her own message is not in her digest
        arrosage = start(jardin, manager_a, title="Arrosage", body="Qui est là en août ?")
        removed = post(arrosage, manager_a, "Message retiré")
        with transaction.atomic():
            services.message_remove(actor=manager_a, message=removed)
    mail.outbox.clear()
    with time_machine.travel(now + timedelta(days=1), tick=False):
        call_command("send_group_digests", stdout=_Null())
    digests = {m.to[0]: m for m in mail.outbox}
    message = digests[reader.email]
    assert message.subject == "Vos groupes de travail : 2 nouveaux messages"
    body = message.body
    assert "Accueil des associés" in body and "Jardin partagé" in body
    assert "La **v2** est en ligne." in body and "Qui est là en août ?" in body
    assert "Je relis !" not in body and "Message retiré" not in body
    html = message.alternatives[0][0]
    assert "<strong>v2</strong>" in html
    # The référent (digest too) gets the reader's message, not her own.
    assert "Je relis !" in digests[referent_a.email].body
    assert "La **v2**" not in digests[referent_a.email].body
    # A second run the same day: nothing new, nothing sent.
    mail.outbox.clear()
    with time_machine.travel(now + timedelta(days=1, minutes=1), tick=False):
        assert services.send_group_digests() == 0
    assert mail.outbox == []
    # The next message goes in the next digest only.
    with time_machine.travel(now + timedelta(days=1, hours=2), tick=False):
        post(livret, referent_a, "Réunion jeudi.")
    with time_machine.travel(now + timedelta(days=2), tick=False):
        assert services.send_group_digests() == 1
    (only,) = mail.outbox
    assert only.to == [reader.email] and "Réunion jeudi." in only.body and "v2" not in only.body


def test_no_history_for_newcomers_and_no_digest_for_other_choices(coop_a, referent_a, manager_a):
    now = timezone.now()
    group = make_group(creator=referent_a)
    discussion = start(group, referent_a, body="Ancien message")
    with time_machine.travel(now + timedelta(hours=1), tick=False):
        add_member(group, manager_a)
        every = add_member(group, staff(coop_a), notify="each")
        silent = add_member(group, staff(coop_a), notify="none")
    mail.outbox.clear()
    with time_machine.travel(now + timedelta(days=1), tick=False):
        # The only message predates everyone but its author.
        assert services.send_group_digests() == 0
    with time_machine.travel(now + timedelta(days=1, minutes=1), tick=False):
        post(discussion, referent_a, "Nouveau")
    mail.outbox.clear()
    with time_machine.travel(now + timedelta(days=2), tick=False):
        assert services.send_group_digests() == 1
    assert [m.to for m in mail.outbox] == [[manager_a.email]]
    assert every.user.email not in {m.to[0] for m in mail.outbox}
    assert silent.user.email not in {m.to[0] for m in mail.outbox}


class _Null:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


def test_a_busy_discussion_shows_its_latest_messages_and_how_many_more(
    coop_a, referent_a, manager_a
):
    now = timezone.now()
    group = make_group(creator=referent_a)
    add_member(group, manager_a)
    with time_machine.travel(now + timedelta(minutes=1), tick=False):
        discussion = start(group, referent_a, title="Calendrier", body="Message 0")
    for n in range(1, 7):
        with time_machine.travel(now + timedelta(minutes=1 + n), tick=False):
            post(discussion, referent_a, f"Message {n}")
    mail.outbox.clear()
    with time_machine.travel(now + timedelta(days=1), tick=False):
        services.send_group_digests()
    (digest,) = [m for m in mail.outbox if m.to == [manager_a.email]]
    assert "Message 6" in digest.body and "Message 2" in digest.body
    assert "Message 1\n" not in digest.body and "Message 0" not in digest.body
    assert "2 messages plus anciens" in digest.body

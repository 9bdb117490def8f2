"""Network pages for every role: what they show, what they refuse, what they change."""

from io import BytesIO

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.accounts.factories import UserFactory
from tests.network.factories import apply, make_referent, make_staff, published_post
from tests.organizations.factories import CoopFactory, FederationRoleFactory
from viecoop.network import services
from viecoop.network.models import (
    NewsComment,
    NewsPost,
    ReferentApplication,
    ReferentMandate,
    ReferentProfile,
)
from viecoop.network.themes import Theme
from viecoop.organizations.models import CoopRole, FederationRole

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"network:{name}", kwargs=kwargs)


def jpeg(size=(800, 600)):
    buffer = BytesIO()
    Image.new("RGB", size, (10, 120, 90)).save(buffer, format="JPEG")
    return SimpleUploadedFile("moi.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# Home and directory ------------------------------------------------------------------------
def test_home_invites_staff_to_volunteer(as_user, coop_a, manager_a):
    html = as_user(manager_a).get(url("home")).content.decode()
    assert url("volunteer") in html and "Devenir référent" in html


def test_home_of_a_referent(as_user, coop_a, fed_admin):
    referent = make_referent(coop_a)
    published_post(fed_admin, title="Première rencontre du réseau")
    response = as_user(referent).get(url("home"))
    html = response.content.decode()
    assert "Première rencontre du réseau" in html
    assert url("my_profile") in html and url("volunteer") not in html
    assert response.context["figures"] == {"coops": 1, "covered": 1, "referents": 1}


def test_directory_lists_coops_with_their_referents(as_user, coop_a, coop_b, referent_a):
    make_referent(
        coop_a, first_name="Awa", last_name="Diallo", themes=[Theme.DEMOCRACY], expertise="AG"
    )
    client = as_user(referent_a)
    response = client.get(url("directory"))
    assert response.status_code == 200
    coops = {c.name: c for c in response.context["page"]}
    assert set(coops) == {coop_a.name, coop_b.name}
    assert {r.user.last_name for r in coops[coop_a.name].referents} == {"Le Goff", "Diallo"}
    html = response.content.decode()
    assert "Awa Diallo" in html and "Démocratie" in html
    assert 'aria-label="Bretagne — BRE 1 coopérative, 2 référents"' in html
    assert "Aucun référent pour l’instant" in html or "Aucun référent" in html  # coop B


def test_directory_filters(as_user, coop_a, coop_b, referent_a):
    make_referent(coop_b, themes=[Theme.SOLIDARITY])
    client = as_user(referent_a)

    def names(**params):
        return [c.name for c in client.get(url("directory"), params).context["page"]]

    assert names(region="ARA") == [coop_b.name]
    assert names(theme="solidarity") == [coop_b.name]
    assert names(theme="democracy") == []
    assert names(forme="scic") == [coop_a.name]
    assert names(q="habitat test b") == [coop_b.name]
    assert names(q="HABITAT TÉST") == [coop_a.name, coop_b.name]
    # Unknown values are ignored rather than refused: a shared link never breaks.
    assert len(names(region="XXX", theme="nope", forme="sa")) == 2


def test_directory_fragment_for_htmx(as_user, coop_a, referent_a):
    response = as_user(referent_a).get(url("directory"), {"region": "BRE"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert coop_a.name in html and "<html" not in html and "regions-map" not in html
    assert "HX-Request" in response["Vary"]


def test_referent_list_and_search(as_user, coop_a, coop_b, referent_a):
    make_referent(
        coop_b, first_name="Hélène", last_name="Vasseur", expertise="Fonds de participation"
    )
    client = as_user(referent_a)
    response = client.get(url("referent_list"))
    assert {r.user.last_name for r in response.context["page"]} == {"Le Goff", "Vasseur"}
    for query in ("helene", "VASSEUR", "participation", "vasseur habitat", "Hélène B"):
        found = client.get(url("referent_list"), {"q": query}).context["page"]
        assert [r.user.last_name for r in found] == ["Vasseur"], query
    found = client.get(url("referent_list"), {"region": "BRE"}).context["page"]
    assert [r.user.last_name for r in found] == ["Le Goff"]


def test_referent_page_shows_profile_and_history(as_user, coop_a, manager_a):
    referent = make_referent(coop_a, themes=[Theme.TRANSPARENCY], expertise="Rapports annuels")
    profile = ReferentProfile.objects.get(user=referent)
    profile.bio = "J'aime **les AG** vivantes."
    profile.save()
    html = as_user(manager_a).get(url("referent_detail", pk=profile.pk)).content.decode()
    assert "<strong>les AG</strong>" in html and "Transparence" in html
    assert referent.email in html
    assert url("step_down", pk=ReferentMandate.objects.get().pk) not in html  # not their own


def test_network_pages_closed_to_members(as_user, member_a, coop_a):
    referent = make_referent(coop_a)
    profile = ReferentProfile.objects.get(user=referent)
    client = as_user(member_a)
    for path in (url("home"), url("directory"), url("referent_detail", pk=profile.pk)):
        assert client.get(path).status_code == 403


# Photos ----------------------------------------------------------------------------------------
def test_referent_uploads_a_photo_seen_by_the_network_only(
    as_user, coop_a, referent_a, member_a, media
):
    client = as_user(referent_a)
    response = client.get(url("my_profile"))
    assert response.status_code == 200  # a profile is made for a référent who had none
    profile = ReferentProfile.objects.get(user=referent_a)
    response = client.post(
        url("my_profile"),
        {
            "photo": jpeg((1200, 900)),
            "job_title": "Gestionnaire locative",
            "themes": ["democracy", "welcoming"],
            "expertise": "Accueil des nouveaux associés",
            "availability": "Une journée par mois",
            "since": "2020-12-04",
            "bio": "Bonjour !",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    profile.refresh_from_db()
    assert [t.value for t in profile.themes] == ["democracy", "welcoming"]
    assert str(profile.since) == "2020-12-04"
    assert profile.photo.name.startswith("network/referents/")
    assert Image.open(profile.photo.path).size == (480, 480)
    photo_url = url("referent_photo", pk=profile.pk)
    photo = client.get(photo_url)
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    assert "private" in photo["Cache-Control"]
    assert as_user(member_a).get(photo_url).status_code == 403
    assert photo_url in client.get(url("referent_detail", pk=profile.pk)).content.decode()


def test_bad_photos_get_a_clear_error(as_user, referent_a, media):
    client = as_user(referent_a)
    client.get(url("my_profile"))
    response = client.post(
        url("my_profile"),
        {"photo": SimpleUploadedFile("cv.pdf", b"%PDF-1.4 nothing", "application/pdf")},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["photo"]
    response = client.post(url("my_profile"), {"photo": jpeg((50, 50))})
    assert "trop petite" in str(response.context["form"].errors["photo"])


def test_removing_the_photo(as_user, referent_a, media, django_capture_on_commit_callbacks):
    client = as_user(referent_a)
    client.get(url("my_profile"))
    client.post(url("my_profile"), {"photo": jpeg()})
    profile = ReferentProfile.objects.get(user=referent_a)
    old = profile.photo.path
    with django_capture_on_commit_callbacks(execute=True):  # the file goes after commit
        client.post(url("my_profile"), {"remove_photo": "on"})
    profile.refresh_from_db()
    assert not profile.photo
    import os

    assert not os.path.exists(old)


def test_staff_who_is_not_referent_is_sent_to_volunteer(as_user, manager_a):
    response = as_user(manager_a).get(url("my_profile"))
    assert response.status_code == 302 and response["Location"] == url("volunteer")


# Devenir référent ----------------------------------------------------------------------------
def test_volunteering_from_the_network_page(
    as_user, coop_a, manager_a, fed_admin, django_capture_on_commit_callbacks
):
    staff = make_staff(coop_a)
    client = as_user(staff)
    form = client.get(url("volunteer"))
    assert form.status_code == 200 and form.context["form"].fields["coop"].initial == coop_a.pk
    empty = client.post(url("volunteer"), {"coop": coop_a.pk})
    assert empty.status_code == 200 and empty.context["form"].errors["motivation"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("volunteer"),
            {"coop": coop_a.pk, "motivation": "J'aime les gens.", "time_available": "2 h/sem."},
        )
    assert response.status_code == 302
    assert ReferentApplication.objects.get().user == staff
    assert sorted(m.to[0] for m in mail.outbox) == sorted([manager_a.email, fed_admin.email])
    # The home page now says it is pending and offers to withdraw it.
    html = client.get(url("home")).content.decode()
    assert "chargée de mission" in html
    assert url("application_withdraw", pk=ReferentApplication.objects.get().pk) in html
    # Nothing more to volunteer for: the page explains instead of showing the form again.
    assert client.get(url("volunteer")).context["form"] is None


def test_cannot_volunteer_for_another_coop(as_user, coop_a, coop_b):
    staff = make_staff(coop_a)
    response = as_user(staff).post(
        url("volunteer"), {"coop": coop_b.pk, "motivation": "x", "time_available": "y"}
    )
    assert response.status_code == 200 and response.context["form"].errors["coop"]
    assert not ReferentApplication.objects.exists()


def test_withdraw_only_own_application(as_user, coop_a):
    staff, other = make_staff(coop_a), make_staff(coop_a)
    application = apply(staff, coop_a)
    assert as_user(other).post(url("application_withdraw", pk=application.pk)).status_code == 404
    as_user(staff).post(url("application_withdraw", pk=application.pk))
    application.refresh_from_db()
    assert application.status == "withdrawn"


def test_chargee_de_mission_validates(
    as_user, coop_a, fed_admin, django_capture_on_commit_callbacks
):
    staff = make_staff(coop_a)
    application = apply(staff, coop_a)
    client = as_user(fed_admin)
    listing = client.get(url("applications"))
    assert [a.pk for a in listing.context["page"]] == [application.pk]
    page = client.get(url("application_review", pk=application.pk))
    assert "J&#x27;aime" in page.content.decode() or "faire vivre" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("application_review", pk=application.pk),
            {"action": "accept", "accept-message": "Bienvenue dans le réseau !"},
        )
    assert response.status_code == 302
    assert CoopRole.objects.filter(user=staff, role="referent").exists()
    assert "Bienvenue dans le réseau !" in mail.outbox[-1].body
    assert client.get(url("applications")).context["page"].paginator.count == 0
    assert client.get(url("applications"), {"statut": "accepted"}).context["page"][0] == application


def test_declining_requires_a_reason(as_user, coop_a, fed_admin):
    application = apply(make_staff(coop_a), coop_a)
    client = as_user(fed_admin)
    response = client.post(url("application_review", pk=application.pk), {"action": "decline"})
    assert response.status_code == 200 and response.context["decline_form"].errors
    client.post(
        url("application_review", pk=application.pk),
        {"action": "decline", "decline-decision_message": "Déjà deux référents."},
    )
    application.refresh_from_db()
    assert application.status == "declined"


def test_federation_staff_sees_but_does_not_decide(as_user, coop_a, federation):
    fed_staff = UserFactory()
    FederationRoleFactory(user=fed_staff, federation=federation, role=FederationRole.Role.STAFF)
    application = apply(make_staff(coop_a), coop_a)
    client = as_user(fed_staff)
    page = client.get(url("application_review", pk=application.pk))
    assert page.status_code == 200 and not page.context["can_review"]
    client.post(url("application_review", pk=application.pk), {"action": "accept"})
    application.refresh_from_db()
    assert application.status == "pending"


def test_coop_staff_cannot_reach_federation_pages(as_user, manager_a, referent_a, coop_a):
    application = apply(make_staff(coop_a), coop_a)
    for user in (manager_a, referent_a):
        client = as_user(user)
        assert client.get(url("applications")).status_code == 403
        assert client.post(url("application_review", pk=application.pk)).status_code == 403


def test_referent_steps_down(as_user, coop_a):
    referent = make_referent(coop_a)
    mandate = ReferentMandate.objects.get(user=referent)
    client = as_user(referent)
    profile = ReferentProfile.objects.get(user=referent)
    assert (
        url("step_down", pk=mandate.pk)
        in client.get(url("referent_detail", pk=profile.pk)).content.decode()
    )
    assert client.get(url("step_down", pk=mandate.pk)).status_code == 200
    response = client.post(url("step_down", pk=mandate.pk), {"note": "Nouveau poste"})
    assert response.status_code == 302
    mandate.refresh_from_db()
    assert mandate.ended_on and mandate.end_note == "Nouveau poste"
    assert client.get(url("step_down", pk=mandate.pk)).status_code == 404  # already ended
    html = client.get(url("referent_detail", pk=profile.pk)).content.decode()
    assert "Ancien référent" in html or "Ancienne" in html or "Former" in html


def test_nobody_steps_down_for_someone_else(as_user, coop_a, manager_a):
    mandate = ReferentMandate.objects.get(user=make_referent(coop_a))
    assert as_user(manager_a).post(url("step_down", pk=mandate.pk)).status_code == 404


def test_federation_ends_a_mandate(as_user, coop_a, fed_admin):
    referent = make_referent(coop_a)
    mandate = ReferentMandate.objects.get(user=referent)
    client = as_user(fed_admin)
    response = client.post(url("mandate_end", pk=mandate.pk), {"note": ""})
    assert response.status_code == 200 and response.context["form"].errors["note"]
    response = client.post(url("mandate_end", pk=mandate.pk), {"note": "Parti de la coop."})
    assert response.status_code == 302
    mandate.refresh_from_db()
    assert mandate.end_reason == "ended_by_federation"


def test_coops_without_referent(as_user, fed_admin, federation, coop_a, coop_b):
    make_referent(coop_a)
    referent_b = make_referent(coop_b)
    services.mandate_step_down(
        user=referent_b, mandate=ReferentMandate.objects.get(user=referent_b)
    )
    CoopFactory(federation=federation, name="Coop Sans Personne")
    client = as_user(fed_admin)
    response = client.get(url("coops_without_referent"))
    names = [c.name for c in response.context["coops"]]
    assert names == [coop_b.name, "Coop Sans Personne"]  # by region then name
    assert response.context["coops"][0].last_referent_until is not None
    dashboard = client.get(reverse("organizations:federation_home"))
    html = dashboard.content.decode()
    assert url("coops_without_referent") in html
    panel = next(p for p in dashboard.context["panels"] if p["template"].startswith("network/"))
    assert panel["context"]["without_referent"] == 2


def test_coop_referents_page(as_user, coop_a, manager_a, fed_admin):
    staff = make_staff(coop_a, first_name="Inès", last_name="Marchand")
    apply(staff, coop_a)
    former = make_referent(coop_a, last_name="Ancienne")
    services.mandate_step_down(user=former, mandate=ReferentMandate.objects.get(user=former))
    current = make_referent(coop_a, last_name="Actuelle")
    response = as_user(manager_a).get(
        reverse("network:coop_referents", kwargs={"coop_slug": "coop-a"})
    )
    assert [r.user for r in response.context["referents"]] == [current]
    assert [m.user for m in response.context["mandates"]] == [former]
    assert [a.user for a in response.context["applications"]] == [staff]
    assert "faire vivre" not in response.content.decode()  # the motivation is for the federation


# News ---------------------------------------------------------------------------------------
def test_referent_proposes_and_federation_publishes(as_user, coop_a, referent_a, fed_admin):
    client = as_user(referent_a)
    response = client.post(url("news_create"), {"title": "Fête des voisins", "body": "Le **21**"})
    post = NewsPost.objects.get()
    assert response.status_code == 302 and post.status == "submitted"
    assert client.get(url("news_detail", pk=post.pk)).status_code == 200  # the author sees it
    staff = make_staff(coop_a)
    assert as_user(staff).get(url("news_detail", pk=post.pk)).status_code == 404
    fed = as_user(fed_admin)
    assert [p.pk for p in fed.get(url("news_moderation")).context["submitted"]] == [post.pk]
    fed.post(url("news_publish", pk=post.pk))
    post.refresh_from_db()
    assert post.status == "published"
    html = as_user(staff).get(url("news_list")).content.decode()
    assert "Fête des voisins" in html and "<strong>21</strong>" in html


def test_federation_publishes_directly_or_saves_a_draft(as_user, fed_admin):
    client = as_user(fed_admin)
    client.post(url("news_create"), {"title": "Brouillon", "body": "…", "publish": "0"})
    client.post(url("news_create"), {"title": "Publiée", "body": "…", "publish": "1"})
    assert dict(NewsPost.objects.values_list("title", "status")) == {
        "Brouillon": "draft",
        "Publiée": "published",
    }


def test_staff_who_is_not_referent_cannot_write_news(as_user, coop_a):
    assert as_user(make_staff(coop_a)).get(url("news_create")).status_code == 403


def test_reject_then_edit_and_resubmit(as_user, referent_a, fed_admin):
    post = services.news_create(author=referent_a, title="Idée", body="…")
    fed = as_user(fed_admin)
    fed.post(url("news_reject", pk=post.pk), {"review_note": "Précisez le lieu."})
    post.refresh_from_db()
    assert post.status == "rejected"
    client = as_user(referent_a)
    assert "Précisez le lieu." in client.get(url("news_detail", pk=post.pk)).content.decode()
    client.post(url("news_update", pk=post.pk), {"title": "Idée à Rennes", "body": "…"})
    post.refresh_from_db()
    assert (post.status, post.title) == ("submitted", "Idée à Rennes")


def test_comment_with_and_without_htmx(as_user, coop_a, fed_admin, referent_a):
    post = published_post(fed_admin)
    client = as_user(referent_a)
    response = client.post(url("news_detail", pk=post.pk), {"body": "Bravo !"})
    assert response.status_code == 302
    response = client.post(
        url("news_detail", pk=post.pk), {"body": "Encore"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "Bravo !" in html and "Encore" in html and "<html" not in html
    invalid = client.post(url("news_detail", pk=post.pk), {"body": ""}, HTTP_HX_REQUEST="true")
    assert invalid.status_code == 200 and 'aria-invalid="true"' in invalid.content.decode()


def test_moderator_hides_a_comment(as_user, coop_a, fed_admin, referent_a):
    post = published_post(fed_admin)
    comment = services.comment_create(author=referent_a, post=post, body="Hors sujet total")
    staff = make_staff(coop_a)
    fed = as_user(fed_admin)
    assert fed.get(url("comment_hide", pk=comment.pk)).status_code == 200
    fed.post(url("comment_hide", pk=comment.pk), {"reason": "Hors sujet"})
    assert (
        "Hors sujet total"
        not in as_user(staff).get(url("news_detail", pk=post.pk)).content.decode()
    )
    assert "Hors sujet total" in fed.get(url("news_detail", pk=post.pk)).content.decode()
    assert as_user(referent_a).post(url("comment_hide", pk=comment.pk)).status_code == 403
    fed.post(url("comment_unhide", pk=comment.pk))
    assert "Hors sujet total" in as_user(staff).get(url("news_detail", pk=post.pk)).content.decode()


def test_comment_deletion_rights(as_user, coop_a, fed_admin, referent_a):
    post = published_post(fed_admin)
    comment = services.comment_create(author=referent_a, post=post, body="Oups")
    assert as_user(make_staff(coop_a)).post(url("comment_delete", pk=comment.pk)).status_code == 403
    as_user(referent_a).post(url("comment_delete", pk=comment.pk))
    assert not NewsComment.objects.exists()


def test_news_delete(as_user, referent_a, fed_admin):
    post = published_post(fed_admin)
    assert as_user(referent_a).post(url("news_delete", pk=post.pk)).status_code == 403
    as_user(fed_admin).post(url("news_delete", pk=post.pk))
    assert not NewsPost.objects.exists()

"""Every list and detail page of the network runs a constant number of queries."""

import pytest
from django.urls import reverse

from tests.network.factories import apply, make_referent, make_staff, published_post
from tests.organizations.factories import CoopFactory, ResidenceFactory
from tests.utils import assert_constant_queries
from viecoop.network import services
from viecoop.network.models import ReferentMandate, ReferentProfile
from viecoop.network.themes import Theme

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"network:{name}", kwargs=kwargs)


@pytest.fixture
def grow_network(federation):
    def grow(k):
        for n in range(k):
            coop = CoopFactory(federation=federation, region=["BRE", "OCC", "GUA"][n % 3])
            ResidenceFactory.create_batch(2, coop=coop)
            make_referent(coop, themes=[Theme.DEMOCRACY, Theme.EVENTS], expertise="AG")
            make_referent(coop, themes=[Theme.SOLIDARITY])

    return grow


def test_directory(as_user, referent_a, grow_network):
    client = as_user(referent_a)
    assert assert_constant_queries(client, url("directory"), grow_network) <= 12
    assert (
        assert_constant_queries(client, url("directory") + "?theme=democracy", grow_network) <= 12
    )


def test_referent_list(as_user, referent_a, grow_network):
    client = as_user(referent_a)
    assert assert_constant_queries(client, url("referent_list"), grow_network) <= 10
    assert assert_constant_queries(client, url("referent_list") + "?q=ag", grow_network) <= 10


def test_home(as_user, referent_a, fed_admin, grow_network):
    def grow(k):
        grow_network(k)
        for _ in range(k):
            post = published_post(fed_admin)
            services.comment_create(author=referent_a, post=post, body="Merci")

    assert assert_constant_queries(as_user(referent_a), url("home"), grow) <= 14


def test_news_list_and_detail(as_user, referent_a, fed_admin, coop_a):
    post = published_post(fed_admin)

    def grow_posts(k):
        for _ in range(k):
            services.comment_create(author=referent_a, post=published_post(fed_admin), body="…")

    def grow_comments(k):
        for _ in range(k):
            author = make_staff(coop_a)
            comment = services.comment_create(author=author, post=post, body="Bravo")
            services.comment_hide(actor=fed_admin, comment=comment, reason="Test")

    assert assert_constant_queries(as_user(referent_a), url("news_list"), grow_posts) <= 10
    detail = url("news_detail", pk=post.pk)
    assert assert_constant_queries(as_user(fed_admin), detail, grow_comments) <= 10


def test_referent_detail(as_user, manager_a, federation):
    referent = make_referent(CoopFactory(federation=federation))
    profile = ReferentProfile.objects.get(user=referent)

    def grow(k):
        for _ in range(k):
            coop = CoopFactory(federation=federation)
            make_referent(coop, user=referent)
            services.mandate_step_down(
                user=referent, mandate=ReferentMandate.objects.get(user=referent, coop=coop)
            )

    detail = url("referent_detail", pk=profile.pk)
    assert assert_constant_queries(as_user(manager_a), detail, grow) <= 10


def test_federation_pages(as_user, fed_admin, federation):
    def grow(k):
        for _ in range(k):
            coop = CoopFactory(federation=federation)
            apply(make_staff(coop), coop)
            services.news_create(author=make_referent(coop), title="Idée", body="…")

    client = as_user(fed_admin)
    for name in ("applications", "coops_without_referent", "news_moderation"):
        assert assert_constant_queries(client, url(name), grow) <= 10, name
    assert assert_constant_queries(client, reverse("organizations:federation_home"), grow) <= 16


def test_application_review(as_user, fed_admin, coop_a):
    staff = make_staff(coop_a)
    application = apply(staff, coop_a)

    def grow(k):
        for _ in range(k):
            make_referent(coop_a)
            other = CoopFactory(federation=coop_a.federation)
            make_referent(other, user=staff)

    page = url("application_review", pk=application.pk)
    assert assert_constant_queries(as_user(fed_admin), page, grow) <= 12


def test_coop_referents(as_user, manager_a, coop_a):
    def grow(k):
        for _ in range(k):
            make_referent(coop_a, themes=[Theme.SERVICE])
            former = make_referent(coop_a)
            services.mandate_step_down(
                user=former, mandate=ReferentMandate.objects.get(user=former)
            )
            apply(make_staff(coop_a), coop_a)

    page = reverse("network:coop_referents", kwargs={"coop_slug": coop_a.slug})
    assert assert_constant_queries(as_user(manager_a), page, grow) <= 12

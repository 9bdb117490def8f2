"""Report pages: every role, isolation between coops, the dashboard, exports, constant queries."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.members.factories import admitted_member
from tests.organizations.factories import CoopFactory, CoopRoleFactory, FederationRoleFactory
from tests.reports.factories import jpeg_file, make_campaign, make_concern, make_project
from tests.utils import assert_constant_queries, count_queries
from viecoop.reports import services
from viecoop.reports.indicators import Period
from viecoop.reports.models import Answer, CampaignResponse, Concern, Project

pytestmark = pytest.mark.django_db


def url(name, coop=None, **kwargs):
    if coop is not None:
        kwargs["coop_slug"] = coop.slug
    return reverse(f"reports:{name}", kwargs=kwargs)


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


def test_who_reaches_the_coop_pages(login, coop_a, referent_a, manager_a, staff_a, member_a):
    project = make_project(coop=coop_a)
    for user in (referent_a, manager_a, staff_a):
        client = login(user)
        for name in ("overview", "project_list", "concern_list", "campaign_list", "coop_barometer"):
            assert client.get(url(name, coop_a)).status_code == 200, (user, name)
        assert client.get(url("project_detail", coop_a, pk=project.pk)).status_code == 200
        assert client.get(url("project_create", coop_a)).status_code == 200
    client = login(member_a)
    for name in ("overview", "project_list", "project_create", "coop_barometer"):
        assert client.get(url(name, coop_a)).status_code == 403, name
    # The coop's menu leads to its reports and barometer.
    home = login(referent_a).get(
        reverse("organizations:coop_home", kwargs={"coop_slug": coop_a.slug})
    )
    assert url("overview", coop_a) in home.content.decode()


def test_a_coops_reports_are_for_that_coop_and_the_federation_only(
    login, coop_a, coop_b, manager_a, manager_b, fed_admin
):
    project = make_project(coop=coop_a, title="Jardin partagé secret")
    concern = make_concern(coop=coop_a, title="Difficulté confidentielle")
    # Coop B's manager: no page of coop A, and nothing of coop A in its own pages.
    client = login(manager_b)
    assert client.get(url("project_detail", coop_a, pk=project.pk)).status_code == 404
    assert client.get(url("project_detail", coop_b, pk=project.pk)).status_code == 404
    assert client.get(url("concern_update", coop_b, pk=concern.pk)).status_code == 404
    assert client.post(url("project_delete", coop_b, pk=project.pk)).status_code == 404
    pages = [
        client.get(url(n, coop_b)).content.decode()
        for n in ("project_list", "concern_list", "overview")
    ]
    assert not any("Jardin partagé secret" in p or "Difficulté confidentielle" in p for p in pages)
    assert Project.objects.filter(pk=project.pk).exists()
    # The federation reads it.
    fed = login(fed_admin)
    assert "Jardin partagé secret" in fed.get(url("federation_projects")).content.decode()
    assert fed.get(url("federation_project", pk=project.pk)).status_code == 200
    assert "Difficulté confidentielle" in fed.get(url("federation_concerns")).content.decode()
    # Coop staff never reach the federation's pages.
    for name in (
        "dashboard",
        "federation_projects",
        "federation_concerns",
        "federation_campaigns",
        "federation_barometer",
    ):
        assert login(manager_a).get(url(name)).status_code == 403, name


def test_project_form_photo_and_delete(login, coop_a, referent_a):
    client = login(referent_a)
    response = client.post(
        url("project_create", coop_a),
        {
            "title": "Repair café",
            "theme": "transition",
            "status": "running",
            "start_date": "2026-03-01",
            "members_reached": "25",
            "budget": "120,50",
        },
    )
    assert response.status_code == 302
    project = Project.objects.get()
    assert str(project.budget) == "120.50"
    bad = client.post(
        url("project_create", coop_a), {"title": "x", "theme": "x", "start_date": "hier"}
    )
    assert bad.status_code == 200 and bad.context["form"].errors
    photo = client.post(
        url("photo_add", coop_a, pk=project.pk), {"image": jpeg_file(), "alt_text": "Atelier"}
    )
    assert photo.status_code == 302
    stored = project.photos.get()
    image = client.get(url("photo", coop_a, pk=project.pk, photo_pk=stored.pk))
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    no_text = client.post(
        url("photo_add", coop_a, pk=project.pk), {"image": jpeg_file(), "alt_text": ""}
    )
    assert no_text.status_code == 400
    assert client.post(url("project_delete", coop_a, pk=project.pk)).status_code == 302
    assert not Project.objects.exists()


def test_concern_form_and_resolution(login, coop_a, referent_a):
    client = login(referent_a)
    page = client.get(url("concern_create", coop_a), {"type": "need"})
    assert page.context["form"].initial["kind"] == "need"
    wrong = client.post(
        url("concern_create", coop_a),
        {"kind": "need", "category": "participation", "title": "x", "urgency": "high"},
    )
    assert wrong.status_code == 200 and "category" in wrong.context["form"].errors
    ok = client.post(
        url("concern_create", coop_a),
        {"kind": "need", "category": "training", "title": "Former le CA", "urgency": "high"},
    )
    assert ok.status_code == 302
    concern = Concern.objects.get()
    client.post(url("concern_update", coop_a, pk=concern.pk), {"resolve": "1"})
    assert Concern.objects.get().status == "resolved"


def test_referent_answers_a_campaign_and_the_federation_follows(
    login, federation, coop_a, coop_b, referent_a, staff_a, fed_admin
):
    admitted_member(coop=coop_a)
    campaign = make_campaign(federation=federation)
    q = {question.label: question for question in campaign.questions.all()}
    client = login(referent_a)
    page = client.get(url("campaign_answer", coop_a, pk=campaign.pk))
    assert page.status_code == 200 and page.context["editable"]
    assert page.context["form"].initial[f"q{q['Associés au 31/12'].pk}"] == "1"  # pre-filled
    missing = client.post(url("campaign_answer", coop_a, pk=campaign.pk), {"submit": "1"})
    assert missing.status_code == 400
    assert f"q{q['Coopsday organisée ?'].pk}" in missing.context["form"].errors
    bad_number = client.post(
        url("campaign_answer", coop_a, pk=campaign.pk), {f"q{q['Associés touchés'].pk}": "beaucoup"}
    )
    assert bad_number.status_code == 400
    done = client.post(
        url("campaign_answer", coop_a, pk=campaign.pk),
        {
            f"q{q['Coopsday organisée ?'].pk}": "1",
            f"q{q['Associés au 31/12'].pk}": "2",
            f"q{q['Associés touchés'].pk}": "1 250,5",
            "submit": "1",
        },
    )
    assert done.status_code == 302
    response = CampaignResponse.objects.get(campaign=campaign, coop=coop_a)
    assert response.state == "submitted"
    assert Answer.objects.get(response=response, question=q["Associés touchés"]).value == "1250.5"
    # Staff read but do not answer.
    staff = login(staff_a)
    assert not staff.get(url("campaign_answer", coop_a, pk=campaign.pk)).context["editable"]
    assert (
        staff.post(url("campaign_answer", coop_a, pk=campaign.pk), {"save": "1"}).status_code == 403
    )
    # The federation sees who answered, and both values of the corrected figure.
    fed = login(fed_admin)
    detail = fed.get(url("federation_campaign", pk=campaign.pk))
    assert detail.context["campaign"].submitted == 1 and detail.context["campaign"].pending == 1
    one = fed.get(url("federation_response", pk=campaign.pk, coop_slug=coop_a.slug))
    item = next(i for i in one.context["items"] if i.question == q["Associés au 31/12"])
    assert (item.shown, item.shown_prefilled, item.corrected) == ("2", "1", True)
    exported = fed.get(url("federation_campaign", pk=campaign.pk), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["coop", "region", "legal_form", "state"] and len(rows) == 3
    xlsx = fed.get(url("federation_campaign", pk=campaign.pk), {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    # Reopen: the coop may answer again.
    reopened = fed.post(
        url("federation_response", pk=campaign.pk, coop_slug=coop_a.slug), {"reason": "À vérifier"}
    )
    assert reopened.status_code == 302
    assert login(referent_a).get(url("campaign_answer", coop_a, pk=campaign.pk)).context["editable"]


def test_draft_campaigns_are_invisible_to_coops(login, federation, coop_a, referent_a):
    campaign = make_campaign(federation=federation, open_it=False)
    assert login(referent_a).get(url("campaign_answer", coop_a, pk=campaign.pk)).status_code == 404


def test_federation_prepares_and_opens_a_campaign(
    client_of, federation, coop_a, fed_admin, fed_staff
):
    client = client_of(fed_admin)
    created = client.post(
        url("campaign_create"),
        {
            "title": "Enquête",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "deadline": "2099-01-31",
        },
    )
    assert created.status_code == 302
    pk = int(created["Location"].rstrip("/").split("/")[-1])
    added = client.post(
        url("question_create", pk=pk),
        {
            "label": "Un frein ?",
            "kind": "choice",
            "choices_text": "Temps\nArgent",
            "scale_min": 1,
            "scale_max": 5,
        },
    )
    assert added.status_code == 302
    refused = client.post(
        url("question_create", pk=pk),
        {
            "label": "x",
            "kind": "number",
            "prefill": "members.total|",
            "scale_min": 1,
            "scale_max": 5,
            "required": "on",
        },
    )
    assert refused.status_code == 302  # a number pre-filled from the register is fine
    assert client.post(url("campaign_state", pk=pk), {"action": "open"}).status_code == 302
    assert CampaignResponse.objects.filter(campaign_id=pk).count() == 1
    # Federation staff read campaigns but do not manage them.
    staff = client_of(fed_staff)
    assert staff.get(url("federation_campaign", pk=pk)).status_code == 200
    assert staff.get(url("campaign_create")).status_code == 403
    assert staff.post(url("campaign_state", pk=pk), {"action": "close"}).status_code == 403
    societariat = client.post(url("societariat_create"), {"year": "2025", "deadline": "2099-02-28"})
    assert societariat.status_code == 302


def test_dashboard_aggregates_and_exports(login, federation, coop_a, coop_b, fed_admin):
    make_project(coop=coop_a, theme="democratie", start_date=date(2025, 3, 1), members_reached=10)
    make_project(coop=coop_a, theme="democratie", start_date=date(2024, 3, 1), members_reached=5)
    make_project(coop=coop_b, theme="solidarite", start_date=date(2025, 5, 1))
    make_concern(coop=coop_b, kind="need", category="training", urgency="high")
    client = login(fed_admin)
    page = client.get(url("dashboard"))
    charts = {c.id: c for c in page.context["charts"]}
    assert page.context["totals"].projects == 3 and page.context["totals"].members_reached == 15
    assert page.context["totals"].urgent_open == 1
    assert charts["projects-theme"].rows[0][1] == 2
    assert charts["projects-year"].rows == [("2024", 1), ("2025", 2)]
    html = page.content.decode()
    assert html.count('role="img"') >= 5 and '<title id="projects-theme-title">' in html
    filtered = client.get(url("dashboard"), {"region": "ARA", "de": "2025"})
    assert filtered.context["totals"].projects == 1  # coop B is in Auvergne-Rhône-Alpes
    fragment = client.get(url("dashboard"), {"forme": "scic"}, headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode() and fragment.context["totals"].projects == 2
    projects_csv = client.get(url("dashboard"), {"format": "csv", "table": "projects"})
    rows = list(csv.reader(io.StringIO(projects_csv.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 4 and rows[0][0] == "coop"
    summary = client.get(url("dashboard"), {"format": "csv"})
    assert summary.status_code == 200
    xlsx = client.get(url("dashboard"), {"format": "xlsx"})
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert len(workbook.sheetnames) == 10  # 8 charts + projects + difficulties and needs
    assert (
        client.get(url("dashboard"), {"de": "x", "region": "ZZ", "theme": "'"}).status_code == 200
    )


def test_barometer_shows_the_network_anonymously_and_hides_small_networks(
    login, federation, coop_a, referent_a, fed_admin, settings
):
    coops = [coop_a] + [
        CoopFactory(federation=federation, name=f"Coop voisine {i}") for i in range(5)
    ]
    for n, coop in enumerate(coops):
        for _ in range(n + 1):
            admitted_member(coop=coop)
    client = login(referent_a)
    page = client.get(url("coop_barometer", coop_a))
    members = next(r for r in page.context["rows"] if r.indicator.key == "members")
    assert members.value == 1 and members.shown
    # Six coops with 1..6 members: Q1 = 2.25, median = 3.5, Q3 = 4.75.
    assert (members.q1_text, members.median_text, members.q3_text) == ("2", "4", "5")
    assert members.dist.median == 3.5 and members.quarter == 1
    html = page.content.decode()
    assert "Coop voisine" not in html  # never another coop's name
    assert "Minimum" not in html and "Maximum" not in html
    settings.REPORTS_BAROMETER_MIN_COOPS = 7
    hidden = client.get(url("coop_barometer", coop_a))
    assert not any(r.shown for r in hidden.context["rows"])
    assert "Q1" not in hidden.content.decode()
    # The federation sees every coop, named.
    fed = login(fed_admin)
    network = fed.get(url("federation_barometer")).content.decode()
    assert "Coop voisine 4" in network
    assert fed.get(url("federation_coop_barometer", coop_slug=coop_a.slug)).status_code == 200
    exported = fed.get(url("federation_barometer"), {"format": "csv"})
    assert len(exported.content.decode("utf-8-sig").strip().splitlines()) == 7


def test_barometer_trend_from_snapshots(login, federation, coop_a, coop_b, referent_a, fed_admin):
    admitted_member(coop=coop_a)
    for year in (2024, 2025):
        services.snapshot_take(period=Period.year(year))
    page = login(referent_a).get(url("coop_barometer", coop_a))
    trend = next(t for t in page.context["trends"] if t.indicator.key == "members")
    assert trend.labels == ["2024", "2025"] and trend.values == [1, 1]
    assert trend.medians == [None, None]  # two coops only: the network's band is hidden
    fed = login(fed_admin).get(url("federation_barometer"))
    fed_trend = next(t for t in fed.context["trends"] if t.indicator.key == "members")
    assert fed_trend.medians[-1] is not None  # the federation sees it


def test_pages_run_constant_queries(login, federation, coop_a, referent_a, fed_admin):
    def grow(k):
        for i in range(k):
            coop = CoopFactory(federation=federation)
            admitted_member(coop=coop)
            project = make_project(coop=coop_a, title=f"Projet {i}")
            services.photo_add(actor=None, project=project, image=jpeg_file((30, 20)), alt_text="x")
            make_project(coop=coop, theme="solidarite")
            make_concern(coop=coop)
            make_concern(coop=coop_a, kind="need", category="tools")

    client = login(referent_a)
    for name in ("overview", "project_list", "concern_list", "campaign_list"):
        assert assert_constant_queries(client, url(name, coop_a), grow) <= 14, name
    assert assert_constant_queries(client, url("coop_barometer", coop_a), grow) <= 18
    fed = login(fed_admin)
    for name in ("dashboard", "federation_projects", "federation_concerns", "federation_barometer"):
        assert assert_constant_queries(fed, url(name), grow) <= 22, name


def test_campaign_pages_run_constant_queries(client_of, federation, coop_a, referent_a, fed_admin):
    campaign = make_campaign(federation=federation)
    answer = url("campaign_answer", coop_a, pk=campaign.pk)
    progress = url("federation_campaign", pk=campaign.pk)
    client, fed = client_of(referent_a), client_of(fed_admin)
    client.get(answer)
    fed.get(progress)
    before, _r = count_queries(lambda: client.get(answer))
    before_fed, _r = count_queries(lambda: fed.get(progress))
    for _ in range(5):
        CoopFactory(federation=federation)
    # New coops answer a new campaign with more questions: same queries per page.
    bigger = make_campaign(federation=federation)
    for response in CampaignResponse.objects.filter(campaign=bigger)[:4]:
        services.response_save(
            actor=None,
            response=response,
            values={q.pk: "3" for q in bigger.questions.filter(kind="number")}
            | {bigger.questions.get(kind="yes_no").pk: True},
            submit=True,
        )
    answer = url("campaign_answer", coop_a, pk=bigger.pk)
    progress = url("federation_campaign", pk=bigger.pk)
    client.get(answer)
    after, _r = count_queries(lambda: client.get(answer))
    after_fed, _r = count_queries(lambda: fed.get(progress))
    assert after == before <= 14
    assert after_fed == before_fed <= 14


def test_live_barometer_values_are_cached(login, coop_a, referent_a, settings):
    admitted_member(coop=coop_a)
    client = login(referent_a)
    first, _r = count_queries(lambda: client.get(url("coop_barometer", coop_a)))
    second, _r = count_queries(lambda: client.get(url("coop_barometer", coop_a)))
    assert second < first  # the indicators' queries are skipped
    settings.REPORTS_BAROMETER_CACHE_SECONDS = 0
    off, _r = count_queries(lambda: client.get(url("coop_barometer", coop_a)))
    assert off == first

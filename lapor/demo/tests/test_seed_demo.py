"""``manage.py seed_demo``: demo logins for every role and reports in every status."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from lapor.accounts.choices import Role
from lapor.accounts.models import RoleMembership, User
from lapor.agencies.choices import AgencyKind
from lapor.agencies.models import Category
from lapor.demo.management.commands.seed_demo import DEMO_PASSWORD, LOGINS
from lapor.reports.choices import Status
from lapor.reports.models import Report, ReportEvent
from lapor.testing.factories import CategoryFactory, make_agency, make_region

pytestmark = pytest.mark.django_db


@pytest.fixture
def bandung():
    """What seed_demo needs from import_wilayah and seed_agencies, in small."""
    kota = make_region("32.73", name="Kota Bandung")
    make_region("32.73.02", name="Coblong")
    make_region("32.73.02.1001", name="Dago")
    make_region("32.73.02.1002", name="Lebakgede")
    pemkot = make_agency(
        "Pemerintah Kota Bandung", AgencyKind.PEMKAB, region=kota, code="pemda-32-73"
    )
    make_agency(
        "Dinas Pekerjaan Umum dan Penataan Ruang Kota Bandung",
        AgencyKind.UNIT,
        parent=pemkot,
        code="pemda-32-73-pupr",
    )
    make_agency(
        "Dinas Kesehatan Kota Bandung", AgencyKind.UNIT, parent=pemkot, code="pemda-32-73-dinkes"
    )
    make_agency("Ombudsman Republik Indonesia", AgencyKind.LEMBAGA, code="ombudsman-ri")
    infra = CategoryFactory(name="Infrastruktur", slug="infrastruktur")
    CategoryFactory(name="Jalan rusak", slug="jalan-rusak", parent=infra)
    CategoryFactory(name="Pelayanan puskesmas", slug="pelayanan-puskesmas")
    return pemkot


def _run(*args: str, **options: object) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out, **options)
    return out.getvalue()


def test_seed_demo_creates_every_role_and_reports_in_every_status(bandung):
    out = _run(reports=60)

    for demo in LOGINS:
        assert demo.login in out
        user = authenticate(username=demo.login, password=DEMO_PASSWORD)
        assert user is not None, demo.login
    assert DEMO_PASSWORD in out
    roles = set(RoleMembership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    assert User.objects.get(email="admin@lapor.localhost").is_superuser
    unit_admin = RoleMembership.objects.get(role=Role.ADMIN_UNIT)
    assert unit_admin.agency.code == "pemda-32-73-pupr"

    assert Report.objects.count() == 67
    assert set(Report.objects.values_list("status", flat=True)) == set(Status.values)
    # The demo officials of Bandung have an inbox.
    assert Report.objects.filter(agency=bandung, status=Status.IN_PROGRESS).exists()
    assert Report.objects.filter(unit__code="pemda-32-73-pupr").count() >= 5


def test_reports_made_through_the_services_have_genuine_timelines(bandung):
    _run(reports=10)
    warga = User.objects.get(email="warga@lapor.localhost")
    closed = Report.objects.get(
        reporter=warga, title__startswith="Jalan berlubang di Jl. Dipatiukur"
    )
    codes = list(ReportEvent.objects.filter(report=closed).values_list("code", flat=True))
    assert codes == [
        "report.submitted",
        "report.disposed",
        "report.followed_up",
        "report.resolved",
        "report.closed",
    ]
    assert closed.status == Status.CLOSED and closed.rating == 5
    duplicate = Report.objects.get(duplicate_of=closed)
    assert duplicate.status == Status.ARCHIVED
    escalated = Report.objects.get(title__startswith="Jembatan penyeberangan")
    assert escalated.status == Status.ESCALATED
    assert escalated.agency.code == "ombudsman-ri"
    for report in Report.objects.filter(reporter__email__endswith="@lapor.localhost"):
        times = list(ReportEvent.objects.filter(report=report).values_list("created_at", flat=True))
        assert times == sorted(times)


def test_seed_demo_twice_adds_nothing(bandung):
    _run(reports=20)
    users, memberships, reports = (
        User.objects.count(),
        RoleMembership.objects.count(),
        Report.objects.count(),
    )

    out = _run(reports=20)

    assert "Demo reports exist already" in out
    assert User.objects.count() == users
    assert RoleMembership.objects.count() == memberships
    assert Report.objects.count() == reports


def test_reset_remakes_the_demo_reports(bandung):
    _run(reports=20)
    before = set(Report.objects.values_list("tracking_id", flat=True))

    out = _run("--reset", reports=20)

    assert "Deleted 27 demo reports" in out
    after = set(Report.objects.values_list("tracking_id", flat=True))
    assert len(after) == 27 and not before & after


def test_logins_only_prints_the_table(bandung):
    out = _run("--logins")
    assert "verifikator@lapor.localhost" in out and DEMO_PASSWORD in out
    assert not User.objects.exists()


def test_seed_demo_without_regions_says_what_to_run():
    with pytest.raises(CommandError, match="import_wilayah"):
        _run()


def test_seed_demo_without_agencies_says_what_to_run():
    make_region("32.73", name="Kota Bandung")
    with pytest.raises(CommandError, match="seed_agencies"):
        _run()


def test_a_new_demo_is_caught_up_quietly(bandung, capsys):
    """The sweeps have run and the outbox is delivered before ``make run`` starts: the
    demo users have their in-app notices, nothing waits, and none of the history's
    e-mails or SMS was printed (the terminal shows only what happens while it runs)."""
    from lapor.core.models import OutboxMessage
    from lapor.notifications.models import Notification

    out = _run(reports=40)

    assert "Caught up:" in out
    assert not OutboxMessage.objects.exclude(status="delivered").exists()
    warga = User.objects.get(email="warga@lapor.localhost")
    assert Notification.objects.filter(user=warga).exists()
    printed = out + capsys.readouterr().out
    assert "E-mail to" not in printed
    assert "SMS to" not in printed


def test_run_demo_hides_only_the_workers_routine_task_lines():
    from lapor.demo.management.commands.run_demo import ROUTINE_TASK_LINE

    assert ROUTINE_TASK_LINE.search("Task id=1 path=lapor.core.tasks.deliver_outbox state=RUNNING")
    assert ROUTINE_TASK_LINE.search("Task id=1 path=x state=SUCCESSFUL")
    assert not ROUTINE_TASK_LINE.search("Task id=1 path=x state=FAILED")
    assert not ROUTINE_TASK_LINE.search("E-mail to warga@lapor.localhost: LAPOR! #1")


def test_the_hand_made_reports_are_filed_under_their_topics(bandung):
    """Rubbish is not a damaged road (issue 9: a demo that tells a true story)."""
    infra = Category.objects.get(slug="infrastruktur")
    for slug, name in [
        ("drainase-banjir", "Drainase dan banjir"),
        ("penerangan-jalan", "Penerangan jalan umum"),
        ("jembatan", "Jembatan"),
        ("sampah", "Sampah"),
        ("pelayanan-desa-kelurahan", "Pelayanan desa dan kelurahan"),
    ]:
        CategoryFactory(name=name, slug=slug, parent=infra)
    _run(reports=0)
    topic_of = dict(
        Report.objects.filter(reporter__email__endswith="@lapor.localhost").values_list(
            "title", "category__slug"
        )
    )
    topic_of.update(
        Report.objects.filter(reporter__phone__startswith="+62").values_list(
            "title", "category__slug"
        )
    )
    assert topic_of["Jalan berlubang di Jl. Dipatiukur dekat kampus"] == "jalan-rusak"
    assert topic_of["Saluran air tersumbat di Jl. Cihampelas"] == "drainase-banjir"
    assert topic_of["Lampu penerangan jalan mati di Jl. Merdeka"] == "penerangan-jalan"
    assert topic_of["Pungutan liar di kantor kelurahan"] == "pelayanan-desa-kelurahan"
    assert topic_of["Sampah menumpuk di TPS dekat pasar"] == "sampah"
    assert topic_of["Jembatan penyeberangan rusak tidak diperbaiki"] == "jembatan"

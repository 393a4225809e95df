"""The console's pages as officials use them (issue 9): the menu on every page, the
status named after each move, the agency typeahead (with and without JavaScript), the
oversight counts per role, and what the desk weighs."""

from __future__ import annotations

import gzip
import re
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from lapor.accounts.choices import Role
from lapor.agencies.choices import AgencyKind
from lapor.agencies.models import Agency
from lapor.console import selectors
from lapor.reports import services as report_services
from lapor.reports.choices import OmbudsmanConsent, Status
from lapor.reports.models import Report
from lapor.testing.factories import make_agency, make_member, make_unit

from .conftest import official, person, submit, verified_client

pytestmark = pytest.mark.django_db


def fresh(report: Report) -> Report:
    return Report.objects.get(pk=report.pk)


def disposed(cast: Any, **fields: Any) -> Report:
    report = submit(cast.reporter, **fields)
    report_services.report_dispose(
        report_id=report.pk, actor=official(cast.national), agency_id=cast.regency.pk
    )
    return fresh(report)


# --- the console menu on every console page ------------------------------------------

NAV = re.compile(r'<nav class="console-nav"[^>]*>(.*?)</nav>', re.S)


def menu_of(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    found = NAV.search(response.content.decode())
    assert found, "no console menu"
    return found.group(1)


def current_in(menu: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)"[^>]*aria-current="page"', menu)


@pytest.mark.parametrize(
    "who, pages",
    [
        ("national", ["desk", "oversight", "security"]),
        ("regency_admin", ["desk", "inbox", "oversight", "agency", "security"]),
        ("dinas_admin", ["inbox", "security"]),
        ("ombudsman_user", ["oversight", "security"]),
    ],
)
def test_every_console_page_shows_the_menu_and_marks_the_current_page(
    cast: Any, who: str, pages: list[str]
) -> None:
    client = verified_client(getattr(cast, who))
    for name in pages:
        url = reverse(f"console:{name}")
        menu = menu_of(client.get(url))
        assert current_in(menu) == [url], (who, name)
        assert reverse("console:security") in menu
        assert reverse("console:logout") in menu
    # A report page and the page shown again after a refused form carry it too.
    report = disposed(cast)
    if who in ("national", "regency_admin", "ombudsman_user"):
        menu_of(client.get(reverse("console:report", args=[report.tracking_id])))


def test_the_security_page_has_the_menu_and_a_way_back(cast: Any) -> None:
    response = verified_client(cast.regency_admin).get(reverse("console:security"))
    html = response.content.decode()
    menu_of(response)
    assert f'<p class="back"><a href="{reverse("console:home")}">' in html


def test_a_refused_form_shows_the_page_again_with_the_menu(cast: Any) -> None:
    report = disposed(cast)
    response = verified_client(cast.regency_admin).post(
        reverse("console:report_action", args=[report.tracking_id, "follow_up"]), {"note": ""}
    )
    assert response.status_code == 200
    menu_of(response)
    assert fresh(report).status == Status.DISPOSED


# --- the status named after each move ------------------------------------------------

STATUS = re.compile(r'<span class="status status-(\w+)" id="report-status">([^<]*)</span>')


def shown_status(client: Client, report: Report) -> tuple[str, str]:
    response = client.get(reverse("console:report", args=[report.tracking_id]))
    found = STATUS.search(response.content.decode())
    assert found, "no status on the report page"
    return found.group(1), found.group(2)


def label(status: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(Status(status).label)


def with_unit(name: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return translation.gettext("With unit: %(unit)s") % {"unit": name}


def consent_asked(status: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return translation.gettext("%(status)s; the reporter is asked about the Ombudsman") % {
            "status": label(status)
        }


def test_each_move_is_named_by_what_happened(cast: Any) -> None:
    """Walk every move of the table a console official sees, and read the status the
    report page then shows (as the national admin, who reads every report)."""
    reader = verified_client(cast.national)
    national, regency, dinas = (
        official(cast.national),
        official(cast.regency_admin),
        official(cast.dinas_admin),
    )
    reporter = person(cast.reporter)

    def expect(report: Report, status: str, text: str) -> None:
        assert shown_status(reader, report) == (status, text)

    # submit → hold → complete → dispose → unit → follow up → resolve → reply → resolve → close
    r = submit(cast.reporter)
    expect(r, "submitted", label("submitted"))
    report_services.report_hold(report_id=r.pk, actor=national, note="Di mana tepatnya?")
    expect(r, "on_hold", label("on_hold"))
    report_services.report_complete(report_id=r.pk, actor=reporter, note="Di depan SD 3.")
    expect(r, "submitted", label("submitted"))
    report_services.report_dispose(report_id=r.pk, actor=national, agency_id=cast.regency.pk)
    expect(r, "disposed", label("disposed"))
    report_services.report_dispose_to_unit(report_id=r.pk, actor=regency, unit_id=cast.dinas.pk)
    expect(r, "disposed", with_unit("Dinas Pekerjaan Umum"))
    report_services.report_follow_up(report_id=r.pk, actor=dinas, note="Tim meninjau lokasi.")
    expect(r, "in_progress", label("in_progress"))
    report_services.report_resolve(report_id=r.pk, actor=dinas, note="Sudah ditambal.")
    expect(r, "resolved", label("resolved"))
    report_services.report_reply(report_id=r.pk, actor=reporter, note="Belum, masih berlubang.")
    expect(r, "in_progress", label("in_progress"))
    report_services.report_resolve(report_id=r.pk, actor=dinas, note="Sudah ditambal lagi.")
    report_services.report_close(report_id=r.pk, actor=reporter, rating=4)
    expect(r, "closed", label("closed"))

    # archive
    r = submit(cast.reporter, title="Iklan pinjaman online di kolom laporan")
    report_services.report_archive(report_id=r.pk, actor=national, reason="spam")
    expect(r, "archived", label("archived"))

    # decline: back to the verifier
    r = disposed(cast)
    report_services.report_decline(report_id=r.pk, actor=regency, note="Ini wewenang provinsi.")
    expect(r, "submitted", label("submitted"))

    # transfer after passing to a unit: the new agency holds it, no unit any more
    r = disposed(cast)
    report_services.report_dispose_to_unit(report_id=r.pk, actor=regency, unit_id=cast.dinas.pk)
    report_services.report_transfer(
        report_id=r.pk, actor=national, agency_id=cast.other.pk, note="Salah instansi."
    )
    assert fresh(r).unit_id is None
    expect(r, "disposed", label("disposed"))

    # the Ombudsman: asked, refused; asked, given (escalated); auto-close
    r = disposed(cast)
    Report.objects.filter(pk=r.pk).update(submitted_at=timezone.now() - timedelta(days=70))
    report_services.report_ask_consent(report_id=r.pk, actor=national)
    assert fresh(r).ombudsman_consent == OmbudsmanConsent.ASKED
    expect(r, "disposed", consent_asked("disposed"))
    report_services.report_refuse_consent(report_id=r.pk, actor=reporter)
    expect(r, "disposed", label("disposed"))
    report_services.report_ask_consent(report_id=r.pk, actor=national)
    report_services.report_escalate(report_id=r.pk, actor=reporter)
    expect(r, "escalated", label("escalated"))
    report_services.report_resolve(report_id=r.pk, actor=official(cast.ombudsman_user), note="x")
    expect(r, "resolved", label("resolved"))
    report_services.report_auto_close(report_id=r.pk, now=timezone.now() + timedelta(days=40))
    expect(r, "closed", label("closed"))


def test_the_lists_name_the_unit_too(cast: Any) -> None:
    r = disposed(cast)
    report_services.report_dispose_to_unit(
        report_id=r.pk, actor=official(cast.regency_admin), unit_id=cast.dinas.pk
    )
    html = verified_client(cast.regency_admin).get(reverse("console:inbox")).content.decode()
    assert with_unit("Dinas Pekerjaan Umum") in html


# --- the agency typeahead ------------------------------------------------------------


def search(client: Client, **params: Any) -> Any:
    return client.get(reverse("console:agency_search"), params)


def radio_values(html: str) -> list[int]:
    return [int(v) for v in re.findall(r'name="agency_id" value="(\d+)"', html)]


def test_typeahead_offers_at_most_ten_agencies_the_form_may_take(cast: Any) -> None:
    for i in range(14):
        make_agency(f"Dinas Kesehatan Kabupaten Contoh {i:02d}", kind=AgencyKind.PEMKAB)
    unit = make_unit(cast.regency, "Dinas Kesehatan Unit Contoh")
    client = verified_client(cast.national)
    found = radio_values(
        search(client, **{"for": "dispose", "agency_q": "kesehatan contoh"}).content.decode()
    )
    assert len(found) == 10
    assert unit.pk not in found  # units are passed to by the agency, not the verifier
    assert set(found) <= set(
        Agency.objects.exclude(kind=AgencyKind.UNIT).values_list("pk", flat=True)
    )


def test_typeahead_keeps_the_chosen_agency_and_skips_those_shown_already(cast: Any) -> None:
    client = verified_client(cast.national)
    html = search(
        client,
        **{
            "for": "dispose",
            "agency_q": "pemerintah",
            "agency_id": str(cast.ombudsman.pk),
            "skip": str(cast.other.pk),
        },
    ).content.decode()
    found = radio_values(html)
    assert found[0] == cast.ombudsman.pk
    assert f'value="{cast.ombudsman.pk}" checked' in html
    assert cast.regency.pk in found
    assert cast.other.pk not in found


def test_an_agency_verifier_finds_only_agencies_in_its_subtree(cast: Any) -> None:
    client = verified_client(cast.regency_admin)
    found = radio_values(
        search(client, **{"for": "dispose", "agency_q": "pemerintah"}).content.decode()
    )
    assert found == [cast.regency.pk]
    assert search(client, **{"for": "everything", "agency_q": "x"}).status_code == 404


def test_typeahead_without_javascript_searches_and_keeps_what_was_typed(cast: Any) -> None:
    report = submit(cast.reporter)
    client = verified_client(cast.national)
    url = reverse("console:report_action", args=[report.tracking_id, "dispose"])
    response = client.post(
        url,
        {
            "search": "1",
            "agency_q": "kota lain",
            "note": "Mohon segera ditangani.",
            "title": "Jalan desa berlubang besar",
            "privacy": "1",
            "is_confidential": "1",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert cast.other.pk in radio_values(html)
    assert 'value="kota lain"' in html
    assert "Mohon segera ditangani.</textarea>" in html
    assert 'value="Jalan desa berlubang besar"' in html
    assert (
        'id="dispose-is_confidential" name="is_confidential" type="checkbox" value="1" checked'
        in html
    )
    assert "error-summary" not in html
    stored = fresh(report)
    assert (stored.status, stored.agency_id, stored.title) == (
        Status.SUBMITTED,
        None,
        report.title,
    )

    # Then the chosen match is what is saved.
    response = client.post(url, {"agency_id": cast.other.pk, "note": "Mohon segera ditangani."})
    assert response.status_code == 302
    stored = fresh(report)
    assert (stored.status, stored.agency_id) == (Status.DISPOSED, cast.other.pk)


def test_the_desk_bulk_search_keeps_the_ticks(cast: Any) -> None:
    a, b = submit(cast.reporter), submit(cast.reporter, title="Lampu jalan mati di gang")
    client = verified_client(cast.national)
    response = client.post(
        reverse("console:desk_bulk"),
        {"search": "1", "ids": [a.pk], "agency_q": "kabupaten bandung", "back": "tab=submitted"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'value="{a.pk}" id="pick-{a.pk}" checked' in html
    assert f'value="{b.pk}" id="pick-{b.pk}" checked' not in html
    assert radio_values(html) == [cast.regency.pk]
    assert fresh(a).status == Status.SUBMITTED

    response = client.post(
        reverse("console:desk_bulk"),
        {"op": "dispose", "ids": [a.pk], "agency_id": cast.regency.pk, "back": "tab=submitted"},
    )
    assert response.status_code == 302
    assert (fresh(a).status, fresh(a).agency_id) == (Status.DISPOSED, cast.regency.pk)
    assert fresh(b).status == Status.SUBMITTED


def first_load_bytes(client: Client, url: str) -> tuple[int, int]:
    """The page's HTML, and the HTML with the CSS and JavaScript it links as they
    travel (gzip, as whitenoise serves them): what a first visit loads."""
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    sent = len(gzip.compress(response.content))
    for src in re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', html):
        found = finders.find(src)
        assert found, src
        with open(found, "rb") as fh:
            sent += len(gzip.compress(fh.read()))
    return len(response.content), sent


def test_the_desk_stays_light_with_seven_hundred_agencies(cast: Any) -> None:
    Agency.objects.bulk_create(
        Agency(
            name=f"Pemerintah Kabupaten Contoh Nomor {i:03d}",
            code=f"contoh-{i}",
            kind=AgencyKind.PEMKAB,
        )
        for i in range(700)
    )
    for i in range(20):
        submit(cast.reporter, title=f"Jalan rusak di desa nomor {i}")
    client = verified_client(cast.national)
    html, sent = first_load_bytes(client, reverse("console:desk"))
    # The 700 agencies are no longer in the page (they were 56 KB of it).
    assert html < 30_000, html
    assert sent < 60_000, sent
    assert "Contoh Nomor" not in client.get(reverse("console:desk")).content.decode()
    report = Report.objects.filter(status=Status.SUBMITTED).first()
    assert report is not None
    html, sent = first_load_bytes(client, reverse("console:report", args=[report.tracking_id]))
    assert html < 40_000, html
    assert sent < 60_000, sent


# --- oversight counts ----------------------------------------------------------------


@pytest.fixture
def overdue_world(cast: Any) -> dict[str, Any]:
    """Reports in known states: overdue at the regency (2, one at its dinas, one of them
    confidential), overdue at another agency (1), at the Ombudsman (2, one overdue),
    on time (1), closed (1), and one overdue at the verifiers' step."""
    past = timezone.now() - timedelta(days=3)
    later = timezone.now() + timedelta(days=3)

    def at(agency: Agency | None, status: str, due: Any, **extra: Any) -> Report:
        r = submit(cast.reporter)
        Report.objects.filter(pk=r.pk).update(agency=agency, status=status, due_at=due, **extra)
        return fresh(r)

    return {
        "regency_overdue": at(cast.regency, Status.DISPOSED, past),
        "dinas_overdue": at(
            cast.regency, Status.IN_PROGRESS, past, unit=cast.dinas, is_confidential=True
        ),
        "other_overdue": at(cast.other, Status.IN_PROGRESS, past),
        "ombudsman_overdue": at(cast.ombudsman, Status.ESCALATED, past),
        "ombudsman_on_time": at(cast.ombudsman, Status.ESCALATED, later),
        "on_time": at(cast.regency, Status.DISPOSED, later),
        "closed": at(cast.regency, Status.CLOSED, None),
        "desk_overdue": at(None, Status.SUBMITTED, past),
    }


def test_oversight_counts_for_the_ombudsman_and_the_national_admin(
    cast: Any, overdue_world: dict[str, Any], django_assert_num_queries: Any
) -> None:
    for user in (cast.ombudsman_user, cast.national):
        principal = official(user)
        with django_assert_num_queries(2):
            summary = selectors.oversight_summary(principal)
        assert (summary.open, summary.overdue) == (7, 5)
        assert (summary.escalated, summary.escalated_overdue) == (2, 1)
        by_agency = {row.agency_id: row.count for row in summary.by_agency}
        assert by_agency == {cast.regency.pk: 2, cast.other.pk: 1, cast.ombudsman.pk: 1, None: 1}
        assert summary.by_agency[0].agency_id == cast.regency.pk


def test_oversight_counts_for_the_supervisor_leave_confidential_reports_out(
    cast: Any, overdue_world: dict[str, Any]
) -> None:
    summary = selectors.oversight_summary(official(cast.pengawas))
    assert (summary.open, summary.overdue) == (6, 4)
    assert {row.agency_id: row.count for row in summary.by_agency}[cast.regency.pk] == 1


def test_a_regional_supervisor_counts_only_its_subtree(
    cast: Any, overdue_world: dict[str, Any]
) -> None:
    summary = selectors.oversight_summary(official(cast.regency_admin))
    assert (summary.open, summary.overdue, summary.escalated) == (3, 2, 0)
    assert [(row.agency_id, row.count) for row in summary.by_agency] == [(cast.regency.pk, 2)]
    listed = selectors.oversight_list(official(cast.regency_admin))
    assert {row.report.pk for row in listed.rows} == {
        overdue_world["regency_overdue"].pk,
        overdue_world["dinas_overdue"].pk,
    }


def test_the_oversight_page_shows_the_counts_and_links_each_agency(
    cast: Any, overdue_world: dict[str, Any]
) -> None:
    client = verified_client(cast.ombudsman_user)
    html = client.get(reverse("console:oversight")).content.decode()
    assert '<span class="tile-n" id="count-overdue">5</span>' in html
    assert '<span class="tile-n" id="count-escalated">2</span>' in html
    link = f'href="?tab=overdue&amp;agency={cast.regency.pk}"'
    assert link in html
    filtered = client.get(
        reverse("console:oversight"), {"tab": "overdue", "agency": cast.regency.pk}
    )
    rows = {row.report.pk for row in filtered.context["listing"].rows}
    assert rows == {overdue_world["regency_overdue"].pk, overdue_world["dinas_overdue"].pk}


def test_an_agency_admin_of_another_agency_counts_nothing_of_this_one(
    cast: Any, overdue_world: dict[str, Any]
) -> None:
    summary = selectors.oversight_summary(official(cast.other_admin))
    assert (summary.open, summary.overdue) == (1, 1)
    assert [row.agency_id for row in summary.by_agency] == [cast.other.pk]


def test_a_unit_admin_has_no_oversight(cast: Any) -> None:
    assert verified_client(cast.dinas_admin).get(reverse("console:oversight")).status_code == 404
    member = make_member(Role.ADMIN_UNIT, cast.other_dinas)
    assert verified_client(member).get(reverse("console:oversight")).status_code == 404

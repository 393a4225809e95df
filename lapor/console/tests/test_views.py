"""Every move through the console pages, and what each official may (not) see."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from lapor.accounts.choices import Role
from lapor.accounts.models import RoleMembership, User
from lapor.accounts.principals import VISITOR
from lapor.agencies.models import Agency
from lapor.console.choices import TemplateKind
from lapor.console.forms import NOTE_MAX
from lapor.console.models import ReplyTemplate, SavedView
from lapor.console.services import reply_template_create
from lapor.reports import services as report_services
from lapor.reports.choices import ArchiveReason, Status, Visibility
from lapor.reports.models import Assignment, Report, ReportEvent
from lapor.reports.selectors import report_events_visible_to
from lapor.reports.services import NOTE_EVENT
from lapor.testing.factories import make_unit

from .conftest import official, person, submit, verified_client

pytestmark = pytest.mark.django_db


def act(client: Client, report: Report, action: str, **data: Any) -> Any:
    return client.post(reverse("console:report_action", args=[report.tracking_id, action]), data)


def page(client: Client, report: Report) -> Any:
    return client.get(reverse("console:report", args=[report.tracking_id]))


def fresh(report: Report) -> Report:
    return Report.objects.get(pk=report.pk)


def png() -> SimpleUploadedFile:
    data = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
        b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
        b"\x00\x00\x00IEND\xaeB`\x82"
    )
    return SimpleUploadedFile("foto.png", data, content_type="image/png")


def disposed_to_regency(cast: Any, **fields: Any) -> Report:
    report = submit(cast.reporter, **fields)
    report_services.report_dispose(
        report_id=report.pk, actor=official(cast.national), agency_id=cast.regency.pk
    )
    return fresh(report)


# --- the verification desk ---------------------------------------------------------------


def test_desk_queue_lists_submitted_reports_most_urgent_first(cast: Any) -> None:
    older = submit(cast.reporter, title="Laporan yang lebih dulu masuk")
    newer = submit(cast.reporter, title="Laporan yang lebih baru masuk")
    Report.objects.filter(pk=older.pk).update(due_at=newer.due_at.replace(year=2000))
    response = verified_client(cast.national).get(reverse("console:desk"))
    assert response.status_code == 200
    rows = [row.report.pk for row in response.context["listing"].rows]
    assert rows == [older.pk, newer.pk]
    assert response.context["listing"].rows[0].due_state == "overdue"
    assert "light-red" in response.content.decode()


def test_verifier_fixes_and_sends_with_the_routing_suggestion_preselected(cast: Any) -> None:
    from lapor.agencies.models import RoutingRule

    RoutingRule.objects.create(region_id="32.04", agency=cast.regency)
    report = submit(cast.reporter)
    client = verified_client(cast.national)
    detail = page(client, report)
    assert detail.context["suggested_id"] == cast.regency.pk
    html = detail.content.decode()
    # The suggestion is the typeahead's first radio button, chosen already.
    assert (
        f'id="dispose-agency-{cast.regency.pk}" name="agency_id" value="{cast.regency.pk}" checked'
        in html
    )

    response = act(
        client,
        report,
        "dispose",
        agency_id=cast.regency.pk,
        title="Jalan desa berlubang di depan pasar",
        classification="pengaduan",
        region_code="32.04",
        is_anonymous="1",
        then="next",
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("console:desk_next")
    report = fresh(report)
    assert report.status == Status.DISPOSED
    assert report.agency_id == cast.regency.pk
    assert report.is_anonymous is True
    assert report.title == "Jalan desa berlubang di depan pasar"
    event = ReportEvent.objects.get(report=report, code="report.disposed")
    assert event.actor_id == cast.national.pk
    assert event.data["corrections"]["is_anonymous"] == {"old": False, "new": True}


def test_invalid_dispose_shows_errors_and_changes_nothing(cast: Any) -> None:
    report = submit(cast.reporter)
    response = act(verified_client(cast.national), report, "dispose", agency_id="", title="x")
    assert response.status_code == 200
    assert response.context["failed"] == "dispose"
    assert "agency_id" in response.context["errors"]
    assert "title" in response.context["errors"]
    assert fresh(report).status == Status.SUBMITTED


def test_hold_with_a_saved_question(cast: Any) -> None:
    template = reply_template_create(
        actor=official(cast.national),
        agency=None,
        kind=TemplateKind.QUESTION,
        title="Lokasi kurang jelas",
        body="Mohon sebutkan alamat lengkap atau titik lokasi kejadian.",
    )
    report = submit(cast.reporter)
    client = verified_client(cast.national)
    assert template in page(client, report).context["templates"]["question"]
    act(client, report, "hold", note="", template=template.pk)
    report = fresh(report)
    assert report.status == Status.ON_HOLD
    held = ReportEvent.objects.get(report=report, code="report.held")
    assert held.note == template.body
    assert held.visibility == Visibility.REPORTER


def test_archive_as_duplicate_of_a_possible_duplicate(cast: Any) -> None:
    first = submit(cast.reporter, title="Jalan rusak parah di depan pasar")
    second = submit(cast.reporter, title="Jalan rusak parah di depan pasar lagi")
    client = verified_client(cast.national)
    detail = page(client, second)
    assert first in detail.context["duplicates"]
    act(client, second, "archive", reason="duplicate", duplicate_of=first.tracking_id)
    second = fresh(second)
    assert second.status == Status.ARCHIVED
    assert second.archive_reason == ArchiveReason.DUPLICATE
    assert second.duplicate_of_id == first.pk


def test_bulk_spam_and_bulk_dispose(cast: Any) -> None:
    spam = [submit(cast.reporter, title=f"Iklan pinjaman online nomor {i}") for i in range(3)]
    good = [submit(cast.reporter, title=f"Lampu jalan mati di gang {i}") for i in range(2)]
    client = verified_client(cast.national)
    response = client.post(
        reverse("console:desk_bulk"), {"op": "spam", "ids": [r.pk for r in spam]}
    )
    assert response.status_code == 302
    assert {fresh(r).archive_reason for r in spam} == {ArchiveReason.SPAM}
    client.post(
        reverse("console:desk_bulk"),
        {"op": "dispose", "agency_id": cast.regency.pk, "ids": [r.pk for r in good]},
    )
    assert {fresh(r).agency_id for r in good} == {cast.regency.pk}
    assert {fresh(r).status for r in good} == {Status.DISPOSED}


def test_bulk_moves_skip_what_the_official_may_not_move(cast: Any) -> None:
    mine = submit(cast.reporter, target_agency_id=cast.regency.pk)
    theirs = submit(cast.reporter, target_agency_id=cast.other.pk)
    client = verified_client(cast.regency_admin)
    queue = client.get(reverse("console:desk")).context["listing"]
    assert [r.report.pk for r in queue.rows] == [mine.pk]
    client.post(reverse("console:desk_bulk"), {"op": "spam", "ids": [mine.pk, theirs.pk]})
    assert fresh(mine).status == Status.ARCHIVED
    assert fresh(theirs).status == Status.SUBMITTED


# --- the agency inbox and the walk down the agency ------------------------------------------


def test_the_whole_walk_through_the_console(cast: Any) -> None:
    report = submit(cast.reporter)
    national = verified_client(cast.national)
    act(
        national,
        report,
        "dispose",
        agency_id=cast.regency.pk,
        title=report.title,
        classification="pengaduan",
        region_code="32.04",
    )

    regency = verified_client(cast.regency_admin)
    inbox = regency.get(reverse("console:inbox"))
    assert [r.report.pk for r in inbox.context["listing"].rows] == [report.pk]
    assert inbox.context["counters"]["disposed"] == 1
    act(regency, report, "dispose_to_unit", unit_id=cast.dinas.pk, note="Mohon segera dicek.")
    assert fresh(report).unit_id == cast.dinas.pk

    dinas = verified_client(cast.dinas_admin)
    assert [r.report.pk for r in dinas.get(reverse("console:inbox")).context["listing"].rows] == [
        report.pk
    ]
    act(
        dinas,
        report,
        "follow_up",
        note="Tim sudah meninjau lokasi.",
        visibility="public",
        files=png(),
    )
    report = fresh(report)
    assert report.status == Status.IN_PROGRESS
    followed = ReportEvent.objects.get(report=report, code="report.followed_up")
    assert followed.attachments.count() == 1

    report_services.report_reply(
        report_id=report.pk,
        actor=person(cast.reporter),
        note="Terima kasih, mohon segera diperbaiki.",
    )
    act(dinas, report, "resolve", note="Jalan sudah ditambal pada hari Senin.")
    assert fresh(report).status == Status.RESOLVED
    report_services.report_close(report_id=report.pk, actor=person(cast.reporter), rating=5)
    assert fresh(report).status == Status.CLOSED


def test_official_of_another_agency_gets_404(cast: Any) -> None:
    report = disposed_to_regency(cast)
    # Public and verified: anyone may read it on the portal, but not in the console.
    assert report.is_confidential is False
    for user in (cast.other_admin, cast.other_dinas_admin):
        client = verified_client(user)
        assert page(client, report).status_code == 404
        assert act(client, report, "follow_up", note="bukan urusan saya").status_code == 404
        assert client.get(reverse("console:inbox")).context["listing"].rows == []
    assert fresh(report).status == Status.DISPOSED


def test_agency_officials_never_see_an_anonymous_reporters_name(cast: Any) -> None:
    report = disposed_to_regency(cast, is_anonymous=True)
    name = cast.reporter.full_name
    for user in (cast.regency_admin,):
        client = verified_client(user)
        for response in (page(client, report), client.get(reverse("console:inbox"))):
            assert response.status_code == 200
            assert name not in response.content.decode()
            assert cast.reporter.email not in response.content.decode()
    # The national verifier does see who it is.
    assert name in page(verified_client(cast.national), report).content.decode()


def test_the_name_of_a_named_reporter_reaches_the_handling_agency(cast: Any) -> None:
    report = disposed_to_regency(cast)
    assert (
        cast.reporter.full_name
        in page(verified_client(cast.regency_admin), report).content.decode()
    )


def test_internal_note_never_reaches_the_reporter(cast: Any) -> None:
    report = disposed_to_regency(cast)
    client = verified_client(cast.regency_admin)
    response = client.post(
        reverse("console:report_note", args=[report.tracking_id]),
        {"note": "CATATAN-DALAM: pelapor ini sering melapor.", "files": png()},
    )
    assert response.status_code == 302
    note = ReportEvent.objects.get(report=report, code=NOTE_EVENT)
    assert note.visibility == Visibility.INTERNAL
    assert note.attachments.get().visibility == Visibility.INTERNAL
    assert "CATATAN-DALAM" in page(client, report).content.decode()
    assert note not in report_events_visible_to(person(cast.reporter), report)
    assert note not in report_events_visible_to(VISITOR, report)
    # Nor to an official of the agency whose second factor is not verified.
    assert note not in report_events_visible_to(person(cast.regency_admin), report)
    # The status did not move: a note is not a follow-up.
    assert fresh(report).status == Status.DISPOSED


def test_decline_and_transfer_with_a_reason(cast: Any) -> None:
    declined = disposed_to_regency(cast)
    transferred = disposed_to_regency(cast, title="Sampah menumpuk di pinggir sungai")
    client = verified_client(cast.regency_admin)
    act(client, declined, "decline", note="Jalan nasional, bukan kewenangan kabupaten.")
    assert fresh(declined).status == Status.SUBMITTED
    assert fresh(declined).agency_id is None
    missing = act(client, transferred, "transfer", agency_id=cast.other.pk, note="")
    assert missing.status_code == 200 and "note" in missing.context["errors"]
    act(client, transferred, "transfer", agency_id=cast.other.pk, note="Wilayah kota lain.")
    assert fresh(transferred).agency_id == cast.other.pk
    # Gone from this agency: its page is now a 404 for the regency admin.
    assert page(client, transferred).status_code == 404


def test_assign_to_an_officer_and_filter_mine(cast: Any) -> None:
    report = disposed_to_regency(cast)
    client = verified_client(cast.regency_admin)
    act(client, report, "dispose_to_unit", unit_id=cast.dinas.pk)
    client.post(
        reverse("console:report_assign", args=[report.tracking_id]),
        {"assignee": cast.dinas_admin.pk},
    )
    assert Assignment.objects.get(report=report).assignee_id == cast.dinas_admin.pk
    # An official of another unit cannot be given it.
    client.post(
        reverse("console:report_assign", args=[report.tracking_id]),
        {"assignee": cast.other_dinas_admin.pk},
    )
    assert Assignment.objects.get(report=report).assignee_id == cast.dinas_admin.pk
    # A digit that is not a decimal number is bad input, not a server error.
    odd = client.post(
        reverse("console:report_assign", args=[report.tracking_id]), {"assignee": "²"}
    )
    assert odd.status_code < 500
    assert Assignment.objects.get(report=report).assignee_id == cast.dinas_admin.pk
    dinas = verified_client(cast.dinas_admin)
    mine = dinas.get(reverse("console:inbox"), {"mine": "1"})
    assert [r.report.pk for r in mine.context["listing"].rows] == [report.pk]
    assert mine.context["listing"].rows[0].assignee == cast.dinas_admin.full_name


def test_inbox_filters_and_saved_views(cast: Any) -> None:
    overdue = disposed_to_regency(cast, title="Laporan yang sudah terlambat")
    Report.objects.filter(pk=overdue.pk).update(due_at=overdue.due_at.replace(year=2000))
    disposed_to_regency(cast, title="Laporan yang masih tepat waktu")
    client = verified_client(cast.regency_admin)
    listing = client.get(reverse("console:inbox"), {"due": "overdue"}).context["listing"]
    assert [r.report.pk for r in listing.rows] == [overdue.pk]
    client.post(
        reverse("console:saved_view_save"), {"name": "Terlambat", "query": "tab=work&due=overdue"}
    )
    view = SavedView.objects.get(user=cast.regency_admin)
    assert view.query == "tab=work&due=overdue"
    assert "Terlambat" in client.get(reverse("console:inbox")).content.decode()


def test_overdue_first_in_the_inbox(cast: Any) -> None:
    reports = [disposed_to_regency(cast, title=f"Laporan nomor {i} untuk urutan") for i in range(3)]
    Report.objects.filter(pk=reports[2].pk).update(due_at=reports[2].due_at.replace(year=2000))
    listing = verified_client(cast.regency_admin).get(reverse("console:inbox")).context["listing"]
    assert listing.rows[0].report.pk == reports[2].pk
    assert listing.rows[0].due_state == "overdue"


# --- oversight ---------------------------------------------------------------------------


def test_ombudsman_sees_every_agencys_overdue_reports(cast: Any) -> None:
    late = disposed_to_regency(cast)
    Report.objects.filter(pk=late.pk).update(due_at=late.due_at.replace(year=2000))
    elsewhere = submit(cast.reporter, title="Laporan di kota lain terlambat")
    report_services.report_dispose(
        report_id=elsewhere.pk, actor=official(cast.national), agency_id=cast.other.pk
    )
    Report.objects.filter(pk=elsewhere.pk).update(due_at=late.due_at.replace(year=2001))
    response = verified_client(cast.ombudsman_user).get(reverse("console:oversight"))
    assert [r.report.pk for r in response.context["listing"].rows] == [late.pk, elsewhere.pk]


def test_pengawas_is_read_only(cast: Any) -> None:
    report = disposed_to_regency(cast)
    confidential = disposed_to_regency(cast, is_confidential=True, title="Laporan rahasia sekali")
    for r in (report, confidential):
        Report.objects.filter(pk=r.pk).update(due_at=r.due_at.replace(year=2000))
    client = verified_client(cast.pengawas)
    listing = client.get(reverse("console:oversight")).context["listing"]
    assert [r.report.pk for r in listing.rows] == [report.pk]
    detail = page(client, report)
    assert detail.status_code == 200
    assert detail.context["actions"] == set()
    assert detail.context["can_note"] is False
    assert page(client, confidential).status_code == 404
    response = act(client, report, "follow_up", note="Pengawas mencoba bertindak.")
    assert response.status_code == 302
    assert fresh(report).status == Status.DISPOSED
    assert client.get(reverse("console:inbox")).status_code == 404


# --- agency administration ---------------------------------------------------------------


def test_agency_admin_adds_a_unit_invites_an_official_and_saves_a_text(
    cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = verified_client(cast.regency_admin)
    assert client.get(reverse("console:agency")).status_code == 200
    client.post(
        reverse("console:agency_unit_create", args=[cast.regency.pk]),
        {"name": "Dinas Perhubungan", "parent": cast.regency.pk},
    )
    unit = Agency.objects.get(name="Dinas Perhubungan")
    assert unit.parent_id == cast.regency.pk

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("console:agency_invite", args=[cast.regency.pk]),
            {
                "email": "petugas.baru@example.test",
                "full_name": "Petugas Baru",
                "role": Role.ADMIN_UNIT,
                "unit": unit.pk,
            },
        )
    invited = User.objects.get(email="petugas.baru@example.test")
    assert RoleMembership.objects.filter(user=invited, role=Role.ADMIN_UNIT, agency=unit).exists()
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/konsol/undangan/" in line)
    path = link[link.index("/konsol/") :]
    anon = Client()
    accepted = anon.post(path, {"password": "Kuat-sekali-2026", "password2": "Kuat-sekali-2026"})
    assert accepted.status_code == 302
    invited.refresh_from_db()
    assert invited.check_password("Kuat-sekali-2026")
    # The link works once: then it names nobody and sets nothing.
    again = anon.post(path, {"password": "Lain-lagi-2026!", "password2": "Lain-lagi-2026!"})
    assert again.status_code == 404
    assert "Petugas Baru" not in again.content.decode()
    invited.refresh_from_db()
    assert invited.check_password("Kuat-sekali-2026")

    client.post(
        reverse("console:agency_template_create", args=[cast.regency.pk]),
        {
            "kind": TemplateKind.FOLLOW_UP,
            "title": "Sedang ditinjau",
            "body": "Tim kami sedang meninjau.",
        },
    )
    assert ReplyTemplate.objects.get(agency=cast.regency).title == "Sedang ditinjau"


def test_agency_admin_cannot_administer_another_agency(cast: Any) -> None:
    client = verified_client(cast.regency_admin)
    response = client.post(
        reverse("console:agency_unit_create", args=[cast.other.pk]), {"name": "Unit Asing"}
    )
    assert response.status_code == 404
    client.post(
        reverse("console:agency_invite", args=[cast.regency.pk]),
        {"email": "x@example.test", "role": Role.ADMIN_INSTANSI, "unit": cast.other.pk},
    )
    assert not User.objects.filter(email="x@example.test").exists()
    assert verified_client(cast.dinas_admin).get(reverse("console:agency")).status_code == 404


def test_unit_admin_passes_only_below_their_unit(cast: Any) -> None:
    report = disposed_to_regency(cast)
    regency = verified_client(cast.regency_admin)
    act(regency, report, "dispose_to_unit", unit_id=cast.dinas.pk)
    dinas = verified_client(cast.dinas_admin)
    response = act(dinas, report, "dispose_to_unit", unit_id=cast.other_dinas.pk)
    assert response.status_code == 302
    assert fresh(report).unit_id == cast.dinas.pk


def test_services_read_the_report_through_the_visibility_selector(cast: Any) -> None:
    from lapor.core.exceptions import PermissionDenied
    from lapor.reports.services import report_assign, report_note_add

    report = disposed_to_regency(cast)
    before = ReportEvent.objects.filter(report=report).count()
    with pytest.raises(PermissionDenied):
        report_note_add(
            report_id=report.pk, actor=official(cast.other_admin), note="Bukan urusan kami."
        )
    with pytest.raises(PermissionDenied):
        report_assign(
            report_id=report.pk,
            actor=official(cast.other_admin),
            assignee_id=cast.other_admin.pk,
        )
    # The handling agency's own admin, signed in without the second factor, is a citizen.
    with pytest.raises(PermissionDenied):
        report_note_add(
            report_id=report.pk, actor=person(cast.regency_admin), note="Tanpa kode kedua."
        )
    assert ReportEvent.objects.filter(report=report).count() == before
    assert not Assignment.objects.filter(report=report).exists()


def test_the_agency_admins_pass_to_a_unit_is_a_primary_button_and_a_failed_post_keeps_the_unit(
    cast: Any,
) -> None:
    """Passing a new report to a unit is the agency admin's primary action: its button
    is the page's primary button (it was a plain one, unlike every other primary form),
    units below units are indented under theirs, and a post that fails (a note too
    long) comes back with the chosen unit still chosen and nothing changed."""
    school = make_unit(cast.dinas, "SD Negeri 3")
    report = submit(cast.reporter)
    report_services.report_dispose(
        report_id=report.pk, actor=official(cast.national), agency_id=cast.regency.pk
    )
    regency = verified_client(cast.regency_admin)
    html = page(regency, report).content.decode()
    form = html.split('id="act-unit"', 1)[1].split("</form>", 1)[0]
    assert '<button type="submit" class="btn btn-primary">' in form
    assert f'<option value="{school.pk}">\u00a0\u00a0\u00a0\u00a0SD Negeri 3</option>' in form
    assert f'<option value="{cast.dinas.pk}">Dinas Pekerjaan Umum</option>' in form

    response = act(
        regency, report, "dispose_to_unit", unit_id=cast.other_dinas.pk, note="x" * (NOTE_MAX + 1)
    )
    assert response.status_code == 200
    kept = response.content.decode().split('id="act-unit"', 1)[1].split("</form>", 1)[0]
    assert f'<option value="{cast.other_dinas.pk}" selected>' in kept
    assert fresh(report).unit_id is None


def test_a_unit_typed_into_the_verifiers_typeahead_says_where_to_look(cast: Any) -> None:
    """The verifier types the dinas they mean; units are not offered (their agency
    passes the report on), and a bare "no agency found" left them stuck."""
    verifier = verified_client(cast.national)
    verifier.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("console:agency_search")
    response = verifier.get(url, {"for": "dispose", "agency_q": "dinas pekerjaan"})
    assert response.context["picker"].results == []
    assert "No agency found" in response.content.decode()
    assert "reached through its agency" in response.content.decode()
    found = verifier.get(url, {"for": "dispose", "agency_q": "kabupaten bandung"})
    assert [a.pk for a in found.context["picker"].results] == [cast.regency.pk]
    assert "reached through its agency" not in found.content.decode()

"""Beside the moves: an officer's assignment (``reports.models.Assignment``) and the
officials' internal notes, both through ``reports.services`` and the one event writer."""

from __future__ import annotations

import pytest
from django.utils import timezone

from lapor.accounts.choices import Role
from lapor.core.exceptions import PermissionDenied, ValidationFailed
from lapor.core.models import OutboxMessage
from lapor.reports import services
from lapor.reports.choices import Status, Visibility
from lapor.reports.models import Assignment, ReportEvent
from lapor.testing.factories import as_citizen, as_official, make_member

from .flow_world import FAST_HASHERS, World, build_world, report_in, snapshot


@pytest.fixture
def world(settings, db) -> World:
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return build_world()


def test_the_agency_admin_assigns_an_officer_of_the_unit(world):
    report = report_in(world, Status.IN_PROGRESS, now=timezone.now())
    officer = world.users["unit_admin"]
    assignment = services.report_assign(
        report_id=report.pk,
        actor=world.actor("agency_admin"),
        assignee_id=str(officer.pk),  # the raw form value
        note="Tolong ditangani minggu ini.",
    )
    assert (assignment.report_id, assignment.assignee_id) == (report.pk, officer.pk)
    assert assignment.assigned_by_id == world.users["agency_admin"].pk
    stored = Assignment.objects.get(report=report)  # what was saved, not only returned
    assert (stored.assignee_id, stored.assigned_by_id) == (officer.pk, assignment.assigned_by_id)
    event = ReportEvent.objects.get(report=report)
    assert (event.code, event.visibility, event.actor_role) == (
        "report.assigned",
        Visibility.INTERNAL,
        Role.ADMIN_INSTANSI,
    )
    assert event.data == {"assignee": officer.pk}  # by id: no name in an append-only row
    assert OutboxMessage.objects.filter(idempotency_key=f"report.event:{event.pk}").exists()


def test_assigning_again_replaces_the_officer_and_the_timeline_keeps_both(world):
    report = report_in(world, Status.IN_PROGRESS, now=timezone.now())
    second = make_member(Role.ADMIN_INSTANSI, world.agency)
    admin = world.actor("agency_admin")
    services.report_assign(
        report_id=report.pk, actor=admin, assignee_id=world.users["unit_admin"].pk
    )
    services.report_assign(report_id=report.pk, actor=admin, assignee_id=second.pk)
    assert Assignment.objects.get(report=report).assignee_id == second.pk
    assigned = ReportEvent.objects.filter(report=report, code="report.assigned").order_by("id")
    assert [e.data["assignee"] for e in assigned] == [world.users["unit_admin"].pk, second.pk]

    assert services.report_unassign(report_id=report.pk, actor=admin) is True
    assert not Assignment.objects.filter(report=report).exists()
    assert services.report_unassign(report_id=report.pk, actor=admin) is False
    assert ReportEvent.objects.filter(report=report, code="report.unassigned").count() == 1


@pytest.mark.parametrize("assignee", ["other_agency_admin", "citizen", "national", "²", ""])
def test_only_an_officer_who_may_handle_it_can_be_given_it(world, assignee):
    report = report_in(world, Status.IN_PROGRESS, now=timezone.now())
    user = world.users.get(assignee)
    raw = user.pk if user is not None else assignee
    before = snapshot(report)
    with pytest.raises(ValidationFailed) as exc:
        services.report_assign(
            report_id=report.pk, actor=world.actor("agency_admin"), assignee_id=raw
        )
    assert list(exc.value.errors) == ["assignee"]
    assert snapshot(report) == before
    assert not Assignment.objects.exists()


@pytest.mark.parametrize(
    "who", ["other_agency_admin", "national", "ombudsman", "reporter", "citizen", "pengawas"]
)
def test_only_the_reports_dispatchers_assign(world, who):
    report = report_in(world, Status.IN_PROGRESS, now=timezone.now())
    before = snapshot(report)
    with pytest.raises(PermissionDenied):
        services.report_assign(
            report_id=report.pk, actor=world.actor(who), assignee_id=world.users["unit_admin"].pk
        )
    assert snapshot(report) == before
    assert not Assignment.objects.exists()


def test_an_official_without_the_second_factor_cannot_assign_or_note(world):
    report = report_in(world, Status.IN_PROGRESS, now=timezone.now())
    admin = world.users["agency_admin"]
    before = snapshot(report)
    with pytest.raises(PermissionDenied):
        services.report_assign(
            report_id=report.pk, actor=as_citizen(admin), assignee_id=world.users["unit_admin"].pk
        )
    with pytest.raises(PermissionDenied):
        services.report_note_add(report_id=report.pk, actor=as_citizen(admin), note="Catatan.")
    assert snapshot(report) == before
    # Verified, the same person may.
    services.report_note_add(report_id=report.pk, actor=as_official(admin), note="Catatan.")


def test_a_closed_report_takes_no_assignment(world):
    report = report_in(world, Status.CLOSED, now=timezone.now())
    with pytest.raises(PermissionDenied):
        services.report_assign(
            report_id=report.pk,
            actor=world.actor("agency_admin"),
            assignee_id=world.users["unit_admin"].pk,
        )


def test_assignments_are_read_through_the_gate(world):
    report = report_in(world, Status.IN_PROGRESS, now=timezone.now())
    services.report_assign(
        report_id=report.pk,
        actor=world.actor("agency_admin"),
        assignee_id=world.users["unit_admin"].pk,
    )
    readers = {
        who: Assignment.objects.visible_to(world.actor(who)).exists()
        for who in ("agency_admin", "unit_admin", "national", "reporter", "citizen")
    }
    readers["other_agency_admin"] = Assignment.objects.visible_to(
        world.actor("other_agency_admin")
    ).exists()
    readers["half_signed_in"] = Assignment.objects.visible_to(
        as_citizen(world.users["agency_admin"])
    ).exists()
    assert readers == {
        "agency_admin": True,
        "unit_admin": True,
        "national": True,
        "reporter": False,
        "citizen": False,
        "other_agency_admin": False,
        "half_signed_in": False,
    }


# --- internal notes -------------------------------------------------------------------


@pytest.mark.parametrize("who", ["agency_admin", "unit_admin", "national", "ombudsman"])
def test_the_handling_officials_write_internal_notes(world, who):
    report = report_in(world, Status.IN_PROGRESS, now=timezone.now())
    returned = services.report_note_add(
        report_id=report.pk, actor=world.actor(who), note="  Pelapor sudah ditelepon.  "
    )
    event = ReportEvent.objects.get(pk=returned.pk)  # what was saved, not only returned
    assert (event.code, event.visibility, event.note) == (
        "report.noted",
        Visibility.INTERNAL,
        "Pelapor sudah ditelepon.",
    )
    assert event.actor_id == world.users[who].pk
    assert OutboxMessage.objects.filter(idempotency_key=f"report.event:{event.pk}").exists()


@pytest.mark.parametrize("who", ["other_agency_admin", "reporter", "citizen", "pengawas"])
def test_others_write_no_internal_note(world, who):
    report = report_in(world, Status.IN_PROGRESS, now=timezone.now())
    before = snapshot(report)
    with pytest.raises(PermissionDenied):
        services.report_note_add(report_id=report.pk, actor=world.actor(who), note="Catatan.")
    assert snapshot(report) == before


def test_an_empty_note_is_refused(world):
    report = report_in(world, Status.IN_PROGRESS, now=timezone.now())
    with pytest.raises(ValidationFailed):
        services.report_note_add(report_id=report.pk, actor=world.actor("national"), note="  ")

"""``transition_many``: the same state machine as ``transition``, for a batch."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lapor.accounts.principals import SYSTEM
from lapor.core.exceptions import ValidationFailed
from lapor.core.models import OutboxMessage
from lapor.reports.choices import ArchiveReason, OmbudsmanConsent, Status
from lapor.reports.models import Report, ReportEvent
from lapor.reports.transitions import Action, transition, transition_many
from lapor.testing.factories import make_report

from .flow_world import FAST_HASHERS, World, build_world, recipe, report_in, snapshot


@pytest.fixture
def world(settings, db) -> World:
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return build_world()


# Columns that differ between two reports made alike, whatever the moves do.
_OWN = {"id", "tracking_id", "updated_at"}
_EVENT_FIELDS = (
    "code",
    "actor_id",
    "actor_role",
    "actor_agency_id",
    "created_at",
    "from_status",
    "to_status",
    "note",
    "visibility",
    "data",
)


def _row(report: Report) -> dict[str, Any]:
    row = Report.objects.filter(pk=report.pk).values().get()
    return {k: v for k, v in row.items() if k not in _OWN}


def _events(report: Report) -> list[tuple[Any, ...]]:
    return list(
        ReportEvent.objects.filter(report=report).order_by("id").values_list(*_EVENT_FIELDS)
    )


def _outbox_keys(report: Report) -> list[str]:
    ids = ReportEvent.objects.filter(report=report).values_list("pk", flat=True)
    # Each key once, however many subscribers (notifications, webhooks) got a row.
    return sorted(
        set(
            OutboxMessage.objects.filter(
                idempotency_key__in=[f"report.event:{i}" for i in ids]
            ).values_list("idempotency_key", flat=True)
        )
    )


# (case, action, status, extra report fields). The system's moves, the console's bulk
# moves (dispose, archive), and every other move of the table for good measure.
CASES = [
    ("auto_close", Action.AUTO_CLOSE, Status.RESOLVED, {}),
    ("ask_consent", Action.ASK_CONSENT, Status.IN_PROGRESS, {}),
    ("ask_consent-disposed", Action.ASK_CONSENT, Status.DISPOSED, {}),
    ("archive-expired-hold", Action.ARCHIVE, Status.ON_HOLD, {}),
    ("dispose", Action.DISPOSE, Status.SUBMITTED, {}),
    ("archive-spam", Action.ARCHIVE, Status.SUBMITTED, {}),
    ("hold", Action.HOLD, Status.SUBMITTED, {}),
    ("complete", Action.COMPLETE, Status.ON_HOLD, {}),
    ("dispose_to_unit", Action.DISPOSE_TO_UNIT, Status.DISPOSED, {}),
    ("decline", Action.DECLINE, Status.DISPOSED, {}),
    ("transfer", Action.TRANSFER, Status.DISPOSED, {}),
    ("follow_up", Action.FOLLOW_UP, Status.DISPOSED, {}),
    ("follow_up-escalated", Action.FOLLOW_UP, Status.ESCALATED, {}),
    ("reply-reopens", Action.REPLY, Status.RESOLVED, {}),
    ("resolve", Action.RESOLVE, Status.IN_PROGRESS, {}),
    ("close", Action.CLOSE, Status.RESOLVED, {}),
    ("escalate", Action.ESCALATE, Status.IN_PROGRESS, {"ombudsman_consent": "asked"}),
    ("refuse_consent", Action.REFUSE_CONSENT, Status.DISPOSED, {"ombudsman_consent": "asked"}),
]


@pytest.mark.parametrize(
    ("action", "status", "extra"), [pytest.param(*c[1:], id=c[0]) for c in CASES]
)
def test_a_batch_gives_exactly_the_rows_and_events_of_one_by_one(world, action, status, extra):
    now = timezone.now()
    one_by_one = [report_in(world, status, now=now, **extra) for _ in range(3)]
    batched = [report_in(world, status, now=now, **extra) for _ in range(3)]
    role, kwargs = recipe(world, action, status)
    if action == Action.ARCHIVE and status == Status.ON_HOLD:
        role, kwargs = "system", {"params": {"reason": ArchiveReason.INCOMPLETE}}

    for report in one_by_one:
        transition(report_id=report.pk, action=action, actor=world.actor(role), now=now, **kwargs)
    result = transition_many(
        report_ids=[r.pk for r in batched],
        action=action,
        actor=world.actor(role),
        now=now,
        **kwargs,
    )

    assert result.done == [r.pk for r in batched]
    assert result.skipped == {}
    for single, batch in zip(one_by_one, batched, strict=True):
        assert _row(batch) == _row(single)
        assert _events(batch) == _events(single)
        assert len(_events(batch)) == 1
        assert len(_outbox_keys(batch)) == len(_outbox_keys(single)) == 1


def test_illegal_unauthorised_invalid_and_missing_rows_are_skipped_unchanged(world):
    now = timezone.now()
    legal = report_in(world, Status.DISPOSED, now=now)
    illegal = report_in(world, Status.CLOSED, now=now)
    # The agency admin of A may not transfer a report that agency B holds.
    elsewhere = report_in(world, Status.DISPOSED, now=now, agency=world.other, unit=None)
    missing = Report.objects.order_by("-pk").values_list("pk", flat=True).first() + 1000
    before = {r.pk: snapshot(r) for r in (illegal, elsewhere)}

    result = transition_many(
        report_ids=[legal.pk, illegal.pk, elsewhere.pk, missing],
        action=Action.TRANSFER,
        actor=world.actor("agency_admin"),
        note="Bukan wewenang kami, milik kabupaten lain.",
        params={"agency_id": world.other.pk},
        now=now,
    )

    assert result.done == [legal.pk]
    assert set(result.skipped) == {illegal.pk, elsewhere.pk, missing}
    assert "cannot take the step" in result.skipped[illegal.pk]
    assert result.skipped[elsewhere.pk] == "You are not allowed to do this."
    assert result.skipped[missing] == "There is no such report."
    for report in (illegal, elsewhere):
        assert snapshot(report) == before[report.pk]
    assert not OutboxMessage.objects.filter(
        idempotency_key__in=[
            f"report.event:{pk}"
            for pk in ReportEvent.objects.filter(report__in=[illegal, elsewhere]).values_list(
                "pk", flat=True
            )
        ]
    ).exists()
    legal.refresh_from_db()
    assert legal.agency_id == world.other.pk


def test_a_row_whose_input_does_not_fit_is_skipped_with_the_reason(world):
    now = timezone.now()
    at_a = report_in(world, Status.DISPOSED, now=now)
    already_at_b = report_in(world, Status.DISPOSED, now=now, agency=world.other, unit=None)
    before = snapshot(already_at_b)

    result = transition_many(
        report_ids=[at_a.pk, already_at_b.pk],
        action=Action.TRANSFER,
        actor=world.actor("national"),
        note="Dialihkan ke instansi yang berwenang.",
        params={"agency_id": world.other.pk},
        now=now,
    )

    assert result.done == [at_a.pk]
    assert result.skipped == {already_at_b.pk: "Choose another agency."}
    assert snapshot(already_at_b) == before


def test_a_duplicate_of_itself_is_skipped_but_the_rest_archived(world):
    now = timezone.now()
    original = report_in(world, Status.SUBMITTED, now=now)
    copies = [report_in(world, Status.SUBMITTED, now=now) for _ in range(2)]

    result = transition_many(
        report_ids=[original.pk, *(c.pk for c in copies)],
        action=Action.ARCHIVE,
        actor=world.actor("national"),
        params={"reason": ArchiveReason.DUPLICATE, "duplicate_of": original.tracking_id},
        now=now,
    )

    assert result.done == [c.pk for c in copies]
    assert result.skipped == {original.pk: "A report cannot be a duplicate of itself."}
    assert {r.duplicate_of_id for r in Report.objects.filter(pk__in=result.done)} == {original.pk}


def test_bad_input_for_the_batch_raises_before_anything_changes(world):
    now = timezone.now()
    report = report_in(world, Status.SUBMITTED, now=now)
    before = snapshot(report)
    with pytest.raises(ValidationFailed) as exc:
        transition_many(
            report_ids=[report.pk], action=Action.DISPOSE, actor=world.actor("national"), now=now
        )
    assert set(exc.value.errors) == {"agency_id"}
    with pytest.raises(ValidationFailed):
        transition_many(report_ids=[report.pk], action="fly", actor=SYSTEM, now=now)
    assert snapshot(report) == before


def test_the_system_may_only_make_system_moves(world):
    now = timezone.now()
    report = report_in(world, Status.SUBMITTED, now=now)
    result = transition_many(
        report_ids=[report.pk],
        action=Action.ARCHIVE,
        actor=SYSTEM,
        params={"reason": ArchiveReason.SPAM},
        now=now,
    )
    assert result.done == []
    assert result.skipped == {report.pk: "You are not allowed to do this."}


def test_a_hold_not_yet_expired_is_not_archived_by_the_system(world):
    now = timezone.now()
    report = report_in(world, Status.ON_HOLD, now=now, hold_due_at=now + timezone.timedelta(days=1))
    result = transition_many(
        report_ids=[report.pk],
        action=Action.ARCHIVE,
        actor=SYSTEM,
        params={"reason": ArchiveReason.INCOMPLETE},
        now=now,
    )
    assert list(result.skipped) == [report.pk]
    report.refresh_from_db()
    assert report.status == Status.ON_HOLD


def _dispose_batch(world: World, n: int, now: Any) -> tuple[int, float]:
    ids = [report_in(world, Status.SUBMITTED, now=now).pk for _ in range(n)]
    national = world.actor("national")
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        result = transition_many(
            report_ids=ids,
            action=Action.DISPOSE,
            actor=national,
            params={"agency_id": world.agency.pk, "unit_id": world.unit.pk},
            now=now,
        )
    seconds = time.perf_counter() - started
    assert len(result.done) == n
    return len(queries), seconds


def test_the_number_of_queries_does_not_grow_with_the_batch(world):
    now = timezone.now()
    small, _ = _dispose_batch(world, 5, now)
    large, seconds = _dispose_batch(world, 100, now)
    # A few statements per batch (SQLite splits long INSERTs in two), not per report.
    assert small <= 12
    assert large <= small + 2
    # The console's bulk disposition: 100 reports well under a second.
    assert seconds < 1.0


def test_consent_asked_in_a_batch_sets_the_question(world):
    now = timezone.now()
    reports = [report_in(world, Status.IN_PROGRESS, now=now) for _ in range(4)]
    refused = report_in(
        world, Status.IN_PROGRESS, now=now, ombudsman_consent=OmbudsmanConsent.GIVEN
    )
    result = transition_many(
        report_ids=[*(r.pk for r in reports), refused.pk],
        action=Action.ASK_CONSENT,
        actor=SYSTEM,
        now=now,
    )
    assert result.done == [r.pk for r in reports]
    assert list(result.skipped) == [refused.pk]
    assert set(
        Report.objects.filter(pk__in=result.done).values_list("ombudsman_consent", flat=True)
    ) == {OmbudsmanConsent.ASKED}


def test_version_goes_up_by_one_per_move(world):
    now = timezone.now()
    report = make_report(
        status=Status.RESOLVED,
        agency=world.agency,
        submitted_at=now - timezone.timedelta(days=30),
        resolved_at=now - timezone.timedelta(days=20),
        reply_due_at=now - timezone.timedelta(days=1),
        version=7,
    )
    transition_many(report_ids=[report.pk], action=Action.AUTO_CLOSE, actor=SYSTEM, now=now)
    report.refresh_from_db()
    assert (report.status, report.version, report.closed_at) == (Status.CLOSED, 8, now)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_row_another_transaction_holds_is_skipped_not_waited_for(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    world = build_world()
    now = timezone.now()
    held = report_in(world, Status.RESOLVED, now=now)
    free = report_in(world, Status.RESOLVED, now=now)
    locked, release = threading.Event(), threading.Event()

    def official_busy_with_it() -> None:
        try:
            with transaction.atomic():
                Report.objects.select_for_update().get(pk=held.pk)
                locked.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=official_busy_with_it)
    thread.start()
    try:
        assert locked.wait(10)
        started = time.perf_counter()
        result = transition_many(
            report_ids=[held.pk, free.pk], action=Action.AUTO_CLOSE, actor=SYSTEM, now=now
        )
        waited = time.perf_counter() - started
    finally:
        release.set()
        thread.join()

    assert result.done == [free.pk]
    assert result.skipped == {held.pk: "Another change to this report is in progress."}
    assert waited < 2
    held.refresh_from_db()
    assert held.status == Status.RESOLVED


def test_a_batch_whose_rows_change_differently_matches_one_by_one(world):
    """Thirty different due dates: too many for one UPDATE each, written in bulk."""
    now = timezone.now()

    def make(i: int) -> Report:
        # Stored due dates that a recompute corrects, each to another value.
        return report_in(
            world,
            Status.IN_PROGRESS,
            now=now,
            disposed_at=now - timezone.timedelta(days=30 + 3 * i),
            due_at=None,
        )

    one_by_one = [make(i) for i in range(30)]
    batched = [make(i) for i in range(30)]
    for report in one_by_one:
        transition(report_id=report.pk, action=Action.ASK_CONSENT, actor=SYSTEM, now=now)
    result = transition_many(
        report_ids=[r.pk for r in batched], action=Action.ASK_CONSENT, actor=SYSTEM, now=now
    )
    assert len(result.done) == 30
    assert len({_row(r)["due_at"] for r in batched}) > 20
    for single, batch in zip(one_by_one, batched, strict=True):
        assert _row(batch) == _row(single)
        assert _events(batch) == _events(single)

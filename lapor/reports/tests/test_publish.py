"""Every report event is published to the outbox in the move's own transaction."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.utils import timezone

from lapor.core.exceptions import InvalidTransition
from lapor.core.models import OutboxMessage, OutboxStatus
from lapor.reports.choices import Classification, Status
from lapor.reports.models import ReportEvent
from lapor.reports.services import report_submit
from lapor.reports.transitions import (
    REPORT_EVENT_TOPIC,
    Action,
    report_event_publish,
    report_events_publish,
    transition,
    transition_many,
)

from .flow_world import FAST_HASHERS, build_world, recipe, report_in


@pytest.fixture
def world(settings, db):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return build_world()


def _outbox_for(event: ReportEvent) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(idempotency_key=f"report.event:{event.pk}"))


def _assert_published_once(event: ReportEvent) -> None:
    rows = _outbox_for(event)
    assert len(rows) == 1
    message = rows[0]
    assert message.topic == REPORT_EVENT_TOPIC
    assert message.payload == {
        "event_id": event.pk,
        "report_id": event.report_id,
        "code": event.code,
    }
    assert message.status == OutboxStatus.PENDING


def test_submitting_publishes_the_submitted_event(world):
    report = report_submit(
        reporter=world.user("reporter"),
        classification=Classification.PENGADUAN,
        title="Lampu jalan mati sebulan",
        description="Lampu jalan di depan sekolah mati sejak sebulan dan gelap sekali malam.",
    )
    event = ReportEvent.objects.get(report=report)
    assert event.code == "report.submitted"
    _assert_published_once(event)
    assert OutboxMessage.objects.count() == 1


# Every move, from a status it is legal in.
MOVES = [
    (Action.DISPOSE, Status.SUBMITTED),
    (Action.HOLD, Status.SUBMITTED),
    (Action.COMPLETE, Status.ON_HOLD),
    (Action.ARCHIVE, Status.ON_HOLD),
    (Action.DISPOSE_TO_UNIT, Status.DISPOSED),
    (Action.DECLINE, Status.DISPOSED),
    (Action.TRANSFER, Status.DISPOSED),
    (Action.FOLLOW_UP, Status.IN_PROGRESS),
    (Action.REPLY, Status.RESOLVED),
    (Action.RESOLVE, Status.ESCALATED),
    (Action.CLOSE, Status.RESOLVED),
    (Action.AUTO_CLOSE, Status.RESOLVED),
    (Action.ASK_CONSENT, Status.IN_PROGRESS),
    (Action.ESCALATE, Status.IN_PROGRESS),
    (Action.REFUSE_CONSENT, Status.DISPOSED),
]


@pytest.mark.parametrize(("action", "status"), MOVES, ids=[a.value for a, _s in MOVES])
def test_each_transition_writes_exactly_one_outbox_row_with_the_event_key(world, action, status):
    now = timezone.now()
    extra = (
        {"ombudsman_consent": "asked"} if action in (Action.ESCALATE, Action.REFUSE_CONSENT) else {}
    )
    report = report_in(world, status, now=now, **extra)
    role, kwargs = recipe(world, action, status)

    transition(report_id=report.pk, action=action, actor=world.user(role), now=now, **kwargs)

    event = ReportEvent.objects.get(report=report)
    _assert_published_once(event)
    assert OutboxMessage.objects.count() == 1


def test_a_refused_transition_writes_no_outbox_row(world):
    now = timezone.now()
    report = report_in(world, Status.CLOSED, now=now)
    with pytest.raises(InvalidTransition):
        transition(report_id=report.pk, action=Action.AUTO_CLOSE, actor=None, now=now)
    assert not OutboxMessage.objects.exists()


def test_a_rolled_back_transition_writes_no_outbox_row_and_no_event(world):
    now = timezone.now()
    report = report_in(world, Status.RESOLVED, now=now)

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        transition(report_id=report.pk, action=Action.AUTO_CLOSE, actor=None, now=now)
        assert OutboxMessage.objects.count() == 1  # written inside the transaction ...
        raise Boom

    # ... and gone with it.
    assert not OutboxMessage.objects.exists()
    assert not ReportEvent.objects.filter(report=report).exists()
    report.refresh_from_db()
    assert report.status == Status.RESOLVED


def test_publishing_the_same_event_twice_keeps_one_row(world):
    now = timezone.now()
    report = report_in(world, Status.RESOLVED, now=now)
    transition(report_id=report.pk, action=Action.AUTO_CLOSE, actor=None, now=now)
    event = ReportEvent.objects.get(report=report)

    report_event_publish(event)
    report_events_publish([event])

    _assert_published_once(event)


def test_a_batch_publishes_one_row_per_event_like_one_by_one(world):
    now = timezone.now()
    reports = [report_in(world, Status.RESOLVED, now=now) for _ in range(3)]
    result = transition_many(
        report_ids=[r.pk for r in reports], action=Action.AUTO_CLOSE, actor=None, now=now
    )
    assert sorted(result.done) == sorted(r.pk for r in reports)
    events = list(ReportEvent.objects.filter(report__in=reports))
    assert len(events) == 3
    for event in events:
        _assert_published_once(event)
    assert OutboxMessage.objects.count() == 3


def test_committed_moves_queue_one_delivery_task_and_the_signal(
    world, django_capture_on_commit_callbacks
):
    from lapor.reports.signals import report_transitioned

    now = timezone.now()
    reports = [report_in(world, Status.RESOLVED, now=now) for _ in range(2)]
    received = []

    def receiver(sender, **kwargs):
        received.append((kwargs["report_id"], kwargs["event_id"], kwargs["action"]))

    report_transitioned.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            transition_many(
                report_ids=[r.pk for r in reports], action=Action.AUTO_CLOSE, actor=None, now=now
            )
        for callback in callbacks:
            if type(callback).__name__ != "_Kick":  # the delivery task needs a worker
                callback()
    finally:
        report_transitioned.disconnect(receiver)
    kicks = [c for c in callbacks if type(c).__name__ == "_Kick"]
    assert len(kicks) == 1
    events = {e.report_id: e.pk for e in ReportEvent.objects.filter(report__in=reports)}
    assert sorted(received) == sorted((r.pk, events[r.pk], Action.AUTO_CLOSE) for r in reports)

"""Every report event is published to the outbox in the move's own transaction: one
delivery row per subscriber of ``report.event``, keyed by the event."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.utils import timezone

from lapor.accounts.principals import SYSTEM
from lapor.core.exceptions import InvalidTransition
from lapor.core.models import OutboxMessage, OutboxStatus
from lapor.core.outbox import outbox_subscribers_of
from lapor.reports.choices import Classification, Status
from lapor.reports.events import REPORT_EVENT_TOPIC, _publish
from lapor.reports.models import ReportEvent
from lapor.reports.services import report_submit
from lapor.reports.transitions import Action, transition, transition_many

from .flow_world import FAST_HASHERS, build_world, recipe, report_in


@pytest.fixture
def world(settings, db):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return build_world()


def _outbox_for(event: ReportEvent) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(idempotency_key=f"report.event:{event.pk}"))


def _subscribers() -> set[str]:
    return {s.name for s in outbox_subscribers_of(REPORT_EVENT_TOPIC)}


def _assert_published_once(event: ReportEvent) -> None:
    rows = _outbox_for(event)
    assert "notifications" in _subscribers()
    assert sorted(m.subscriber for m in rows) == sorted(_subscribers())  # one each
    for message in rows:
        assert message.topic == REPORT_EVENT_TOPIC
        assert message.payload == {
            "event_id": event.pk,
            "report_id": event.report_id,
            "code": event.code,
        }
        assert message.status == OutboxStatus.PENDING


def test_submitting_publishes_the_submitted_event(world):
    submitted = report_submit(
        actor=world.actor("reporter"),
        classification=Classification.PENGADUAN,
        title="Lampu jalan mati sebulan",
        description="Lampu jalan di depan sekolah mati sejak sebulan dan gelap sekali malam.",
    )
    event = ReportEvent.objects.get(report=submitted.report)
    assert event == submitted and event.code == "report.submitted"
    _assert_published_once(event)
    assert OutboxMessage.objects.count() == len(_subscribers())


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

    transition(report_id=report.pk, action=action, actor=world.actor(role), now=now, **kwargs)

    event = ReportEvent.objects.get(report=report)
    _assert_published_once(event)
    assert OutboxMessage.objects.count() == len(_subscribers())


def test_a_refused_transition_writes_no_outbox_row(world):
    now = timezone.now()
    report = report_in(world, Status.CLOSED, now=now)
    with pytest.raises(InvalidTransition):
        transition(report_id=report.pk, action=Action.AUTO_CLOSE, actor=SYSTEM, now=now)
    assert not OutboxMessage.objects.exists()


def test_a_rolled_back_transition_writes_no_outbox_row_and_no_event(world):
    now = timezone.now()
    report = report_in(world, Status.RESOLVED, now=now)

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        transition(report_id=report.pk, action=Action.AUTO_CLOSE, actor=SYSTEM, now=now)
        assert OutboxMessage.objects.exists()  # written inside the transaction ...
        raise Boom

    # ... and gone with it.
    assert not OutboxMessage.objects.exists()
    assert not ReportEvent.objects.filter(report=report).exists()
    report.refresh_from_db()
    assert report.status == Status.RESOLVED


def test_publishing_the_same_event_twice_keeps_one_row(world):
    now = timezone.now()
    report = report_in(world, Status.RESOLVED, now=now)
    transition(report_id=report.pk, action=Action.AUTO_CLOSE, actor=SYSTEM, now=now)
    event = ReportEvent.objects.get(report=report)

    _publish([event])
    _publish([event, event])

    _assert_published_once(event)


def test_a_batch_publishes_one_row_per_event_like_one_by_one(world):
    now = timezone.now()
    reports = [report_in(world, Status.RESOLVED, now=now) for _ in range(3)]
    result = transition_many(
        report_ids=[r.pk for r in reports], action=Action.AUTO_CLOSE, actor=SYSTEM, now=now
    )
    assert sorted(result.done) == sorted(r.pk for r in reports)
    events = list(ReportEvent.objects.filter(report__in=reports))
    assert len(events) == 3
    for event in events:
        _assert_published_once(event)
    assert OutboxMessage.objects.count() == 3 * len(_subscribers())


def test_committed_moves_queue_one_delivery_task(world, django_capture_on_commit_callbacks):
    now = timezone.now()
    reports = [report_in(world, Status.RESOLVED, now=now) for _ in range(2)]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        transition_many(
            report_ids=[r.pk for r in reports], action=Action.AUTO_CLOSE, actor=SYSTEM, now=now
        )
    # The delivery task for the whole batch, and nothing else: no signal, no receivers.
    assert [type(c).__name__ for c in callbacks] == ["_Kick"]

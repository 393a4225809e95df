"""The outbox: written with the change, delivered at least once, retried, dead-lettered."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from lapor.core import outbox
from lapor.core.models import OutboxMessage, OutboxStatus
from lapor.core.outbox import (
    OutboxPermanentError,
    outbox_backoff,
    outbox_deliver_due,
    outbox_enqueue,
    outbox_handler,
)
from lapor.core.tasks import deliver_outbox
from lapor.testing.factories import UserFactory
from lapor.testing.otp import force_login_verified

pytestmark = pytest.mark.django_db

START = timezone.datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_fixed_timezone(7 * 60))


class Recorder:
    """A handler that records its calls and fails while ``failures`` lasts."""

    def __init__(self) -> None:
        self.calls: list[tuple[dict[str, Any], str, int]] = []
        self.failures = 0
        self.error: Exception = RuntimeError("mail server down")

    def __call__(self, payload: dict[str, Any], message: OutboxMessage) -> None:
        self.calls.append((payload, message.idempotency_key, message.attempts))
        if self.failures:
            self.failures -= 1
            raise self.error


@pytest.fixture
def handlers(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """An empty handler registry for the test, restored afterwards."""
    # Load the real handlers first, so that their modules do not register into (and
    # vanish with) the test's registry.
    outbox.outbox_load_handlers()
    registry: dict[str, Any] = {}
    monkeypatch.setattr(outbox, "_handlers", registry)
    return registry


@pytest.fixture
def mail(handlers: dict[str, Any]) -> Recorder:
    recorder = Recorder()
    outbox_handler("notification.email")(recorder)
    return recorder


@pytest.fixture(autouse=True)
def _outbox_settings(settings: Any) -> None:
    settings.OUTBOX_BACKOFF_BASE_SECONDS = 30
    settings.OUTBOX_BACKOFF_CAP_SECONDS = 6 * 3600
    settings.OUTBOX_BACKOFF_JITTER = 0
    settings.OUTBOX_LEASE_SECONDS = 300
    settings.OUTBOX_MAX_ATTEMPTS = 12
    settings.OUTBOX_BATCH_SIZE = 10
    settings.OUTBOX_KICK_ON_COMMIT = True


def _email(key: str = "report.verified:1:email", **kwargs: Any) -> OutboxMessage:
    return outbox_enqueue(
        topic="notification.email",
        payload={"to": "warga@example.test"},
        idempotency_key=key,
        **kwargs,
    )


# --- writing ------------------------------------------------------------------------


def test_enqueue_in_a_rolled_back_transaction_leaves_nothing(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _email()
        raise RuntimeError("the change failed")
    assert not OutboxMessage.objects.exists()
    assert callbacks == []  # no delivery task either
    assert not DBTaskResult.objects.exists()


def test_enqueue_in_a_rolled_back_savepoint_keeps_the_outer_change():
    with transaction.atomic():
        kept = _email("kept")
        with pytest.raises(RuntimeError), transaction.atomic():
            _email("dropped")
            raise RuntimeError
    assert list(OutboxMessage.objects.values_list("idempotency_key", flat=True)) == [
        kept.idempotency_key
    ]


def test_duplicate_key_is_a_no_op_returning_the_first_row():
    first = _email(max_attempts=3)
    with transaction.atomic():
        again = outbox_enqueue(
            topic="notification.email",
            payload={"to": "someone-else@example.test"},
            idempotency_key=first.idempotency_key,
        )
        # The caller's transaction is still usable after the conflict (PostgreSQL would
        # refuse every later statement after a failed INSERT without a savepoint).
        assert OutboxMessage.objects.count() == 1
    assert again.pk == first.pk
    assert again.payload == {"to": "warga@example.test"}
    assert again.max_attempts == 3


def test_enqueue_queues_one_delivery_task_per_transaction(django_capture_on_commit_callbacks, mail):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        for n in range(3):
            _email(f"k{n}")
    assert len(callbacks) == 1
    assert DBTaskResult.objects.filter(task_path="lapor.core.tasks.deliver_outbox").count() == 1

    # The task delivers everything that is due.
    result = deliver_outbox.call()
    assert result["delivered"] == 3
    assert [key for _, key, _ in mail.calls] == ["k0", "k1", "k2"]


def test_a_broken_task_queue_does_not_break_the_commit(
    django_capture_on_commit_callbacks, monkeypatch
):
    def boom(*args: Any, **kwargs: Any) -> None:
        raise ConnectionError("task queue down")

    monkeypatch.setattr(type(deliver_outbox), "enqueue", boom)
    with django_capture_on_commit_callbacks(execute=True):
        _email()
    assert OutboxMessage.objects.get().status == OutboxStatus.PENDING


def test_deliver_after_waits_until_then(mail):
    with time_machine.travel(START, tick=False):
        _email(deliver_after=START + timedelta(hours=1))
        assert outbox_deliver_due().claimed == 0
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        assert outbox_deliver_due().delivered == 1
    assert len(mail.calls) == 1


def test_enqueue_needs_a_topic_and_a_key():
    with pytest.raises(ValueError):
        outbox_enqueue(topic="", payload={}, idempotency_key="x")
    with pytest.raises(ValueError):
        outbox_enqueue(topic="notification.email", payload={}, idempotency_key="")


# --- delivering ---------------------------------------------------------------------


def test_handler_success_marks_delivered(mail):
    with time_machine.travel(START, tick=False):
        message = _email()
        report = outbox_deliver_due(worker_id="w1")
    assert (report.claimed, report.delivered) == (1, 1)
    assert mail.calls == [({"to": "warga@example.test"}, "report.verified:1:email", 1)]
    message.refresh_from_db()
    assert message.status == OutboxStatus.DELIVERED
    assert message.delivered_at == START
    assert message.attempts == 1
    assert message.locked_until is None and message.locked_by == ""
    # Delivered is final: another pass does not call the handler again.
    assert outbox_deliver_due().claimed == 0
    assert len(mail.calls) == 1


def test_failure_backs_off_exponentially_up_to_the_cap_then_dies(settings, mail):
    settings.OUTBOX_BACKOFF_CAP_SECONDS = 200
    mail.failures = 99
    with time_machine.travel(START, tick=False):
        message = _email(max_attempts=5)
    now = START
    waits = []
    for attempt in range(1, 6):
        with time_machine.travel(now, tick=False):
            # Not a moment early.
            with time_machine.travel(now - timedelta(seconds=1), tick=False):
                assert outbox_deliver_due().claimed == 0
            report = outbox_deliver_due()
        assert report.claimed == 1
        message.refresh_from_db()
        assert message.attempts == attempt
        assert "mail server down" in message.last_error
        if attempt < 5:
            assert message.status == OutboxStatus.PENDING
            waits.append((message.next_attempt_at - now).total_seconds())
            now = message.next_attempt_at
    assert waits == [30, 60, 120, 200]
    assert message.status == OutboxStatus.DEAD
    assert len(mail.calls) == 5
    with time_machine.travel(now + timedelta(days=30), tick=False):
        assert outbox_deliver_due().claimed == 0  # dead letters stay put


def test_recovers_after_transient_failures(mail):
    mail.failures = 2
    with time_machine.travel(START, tick=False):
        message = _email()
        outbox_deliver_due()
    with time_machine.travel(START + timedelta(seconds=30), tick=False):
        outbox_deliver_due()
    with time_machine.travel(START + timedelta(seconds=90), tick=False):
        outbox_deliver_due()
    message.refresh_from_db()
    assert message.status == OutboxStatus.DELIVERED
    assert [attempt for _, _, attempt in mail.calls] == [1, 2, 3]


def test_backoff_jitter_only_shortens(settings, monkeypatch):
    settings.OUTBOX_BACKOFF_JITTER = 0.2
    monkeypatch.setattr(outbox.random, "random", lambda: 1.0)
    assert outbox_backoff(1) == timedelta(seconds=24)
    assert outbox_backoff(30) == timedelta(seconds=6 * 3600 * 0.8)
    monkeypatch.setattr(outbox.random, "random", lambda: 0.0)
    assert outbox_backoff(3) == timedelta(seconds=120)
    assert outbox_backoff(10_000) == timedelta(seconds=6 * 3600)


def test_permanent_error_is_dead_at_once(mail):
    mail.failures = 1
    mail.error = OutboxPermanentError("recipient deleted")
    message = _email()
    report = outbox_deliver_due()
    assert report.dead == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.DEAD
    assert message.attempts == 1
    assert "recipient deleted" in message.last_error


def test_unknown_topic_is_retried_until_a_handler_exists(handlers):
    with time_machine.travel(START, tick=False):
        message = outbox_enqueue(topic="sms.send", payload={}, idempotency_key="sms-1")
        assert outbox_deliver_due().failed == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING
    assert "No outbox handler" in message.last_error
    sent = []
    outbox_handler("sms.send")(lambda payload, msg: sent.append(msg.pk))
    with time_machine.travel(START + timedelta(minutes=1), tick=False):
        assert outbox_deliver_due().delivered == 1
    assert sent == [message.pk]


def test_expired_lease_is_delivered_again(mail):
    with time_machine.travel(START, tick=False):
        message = _email()
        # A worker claims the message and dies before running the handler.
        claimed, _ = outbox._claim(limit=10, worker_id="dead-worker")
        assert [m.pk for m in claimed] == [message.pk]
        assert outbox_deliver_due().claimed == 0  # still leased
    with time_machine.travel(START + timedelta(seconds=299), tick=False):
        assert outbox_deliver_due().claimed == 0
    with time_machine.travel(START + timedelta(seconds=300), tick=False):
        report = outbox_deliver_due(worker_id="w2")
    assert report.delivered == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.DELIVERED
    assert message.attempts == 2
    assert "dead-worker lost its lease" in message.last_error
    assert len(mail.calls) == 1


def test_a_message_that_keeps_killing_its_worker_ends_dead(mail):
    with time_machine.travel(START, tick=False):
        message = _email(max_attempts=2)
    for n in range(2):
        with time_machine.travel(START + timedelta(seconds=301 * n), tick=False):
            assert len(outbox._claim(limit=10, worker_id=f"crash-{n}")[0]) == 1
    with time_machine.travel(START + timedelta(seconds=301 * 2), tick=False):
        report = outbox_deliver_due()
    assert (report.claimed, report.dead) == (0, 1)
    message.refresh_from_db()
    assert message.status == OutboxStatus.DEAD
    assert mail.calls == []


def test_a_worker_that_lost_its_lease_does_not_overwrite_the_new_owner(mail):
    with time_machine.travel(START, tick=False):
        message = _email()
        (slow,), _ = outbox._claim(limit=1, worker_id="slow")
    with time_machine.travel(START + timedelta(seconds=301), tick=False):
        (fast,), _ = outbox._claim(limit=1, worker_id="fast")
        # The slow worker finally reports failure: the row belongs to "fast" now.
        assert outbox._finish(slow, status=OutboxStatus.PENDING) is False
        report = outbox.DeliveryReport()
        outbox._deliver_one(slow, report)  # its lease is over: it does not even try
        assert report.lost_lease == 1 and mail.calls == []
        assert outbox._finish(fast, status=OutboxStatus.DELIVERED) is True
    message.refresh_from_db()
    assert message.status == OutboxStatus.DELIVERED


def test_limit_bounds_one_pass(settings, mail):
    settings.OUTBOX_BATCH_SIZE = 3
    for n in range(8):
        _email(f"k{n}")
    assert outbox_deliver_due(limit=5).delivered == 5
    assert outbox_deliver_due(limit=5).delivered == 3
    assert [key for _, key, _ in mail.calls] == [f"k{n}" for n in range(8)]


def test_duplicate_handler_for_a_topic_is_refused(handlers):
    def one(payload: dict[str, Any], message: OutboxMessage) -> None: ...

    def two(payload: dict[str, Any], message: OutboxMessage) -> None: ...

    outbox_handler("webhook.deliver")(one)
    outbox_handler("webhook.deliver")(one)  # importing a module twice is fine
    with pytest.raises(Exception, match="already has a handler"):
        outbox_handler("webhook.deliver")(two)


# --- the command --------------------------------------------------------------------


def test_outbox_dispatch_command_delivers_due_messages(mail):
    _email("a")
    _email("b")
    out = StringIO()
    call_command("outbox_dispatch", stdout=out)
    assert "delivered 2" in out.getvalue()
    assert OutboxMessage.objects.filter(status=OutboxStatus.DELIVERED).count() == 2


def test_outbox_dispatch_help_documents_cron_and_systemd():
    from lapor.core.management.commands.outbox_dispatch import Command

    text = Command().create_parser("manage.py", "outbox_dispatch").format_help()
    assert "* * * * *" in text
    assert "ExecStart=/srv/lapor/.venv/bin/python manage.py outbox_dispatch --loop" in text


# --- the admin ----------------------------------------------------------------------


@pytest.fixture
def admin_client(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    force_login_verified(client, UserFactory(is_staff=True, is_superuser=True))
    client.cookies["django_language"] = "en"  # the site ignores Accept-Language
    with translation.override("en"):
        yield client


def test_admin_lists_filters_and_searches(admin_client, mail):
    _email("report.verified:7:email")
    dead = _email("report.verified:8:email")
    OutboxMessage.objects.filter(pk=dead.pk).update(status=OutboxStatus.DEAD)
    url = "/admin/core/outboxmessage/"
    response = admin_client.get(url, {"status__exact": "dead"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "report.verified:8:email" in body and "report.verified:7:email" not in body
    response = admin_client.get(url, {"q": "verified:7"})
    body = response.content.decode()
    assert "report.verified:7:email" in body and "report.verified:8:email" not in body
    assert admin_client.get(url, {"topic": "notification.email"}).status_code == 200


def test_admin_payload_is_read_only(admin_client):
    message = _email()
    url = f"/admin/core/outboxmessage/{message.pk}/change/"
    response = admin_client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "warga@example.test" in body
    assert 'name="payload"' not in body
    admin_client.post(url, {"payload": '{"to": "attacker@example.test"}', "status": "delivered"})
    message.refresh_from_db()
    assert message.payload == {"to": "warga@example.test"}
    assert message.status == OutboxStatus.PENDING
    assert admin_client.get("/admin/core/outboxmessage/add/").status_code == 403


def test_admin_retry_now_makes_dead_and_pending_messages_due(admin_client, mail):
    with time_machine.travel(START, tick=False):
        dead = _email("dead", max_attempts=1)
        mail.failures = 1
        outbox_deliver_due()
        later = _email("later", deliver_after=START + timedelta(days=1))
        delivered = _email("delivered")
        outbox_deliver_due()
    dead.refresh_from_db()
    assert dead.status == OutboxStatus.DEAD

    at = START + timedelta(hours=1)
    with time_machine.travel(at, tick=False):
        response = admin_client.post(
            "/admin/core/outboxmessage/",
            {"action": "retry_now", "_selected_action": [dead.pk, later.pk, delivered.pk]},
            follow=True,
        )
    assert response.status_code == 200
    body = response.content.decode()
    assert "2 messages will be delivered again shortly." in body
    assert "1 message was skipped" in body
    for message in (dead, later, delivered):
        message.refresh_from_db()
    assert (dead.status, dead.attempts, dead.next_attempt_at) == (OutboxStatus.PENDING, 1, at)
    assert (later.status, later.next_attempt_at) == (OutboxStatus.PENDING, at)
    assert delivered.status == OutboxStatus.DELIVERED

    # One more try for the dead letter: it succeeds now.
    with time_machine.travel(at, tick=False):
        assert outbox_deliver_due().delivered == 2
    dead.refresh_from_db()
    assert (dead.status, dead.attempts) == (OutboxStatus.DELIVERED, 2)


def test_admin_retry_needs_change_permission(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    message = _email()
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxStatus.DEAD)
    force_login_verified(client, UserFactory(is_staff=True))
    response = client.post(
        "/admin/core/outboxmessage/", {"action": "retry_now", "_selected_action": [message.pk]}
    )
    assert response.status_code == 403
    message.refresh_from_db()
    assert message.status == OutboxStatus.DEAD

"""The outbox: written with the change, delivered at least once, retried, dead-lettered."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from lapor.core import outbox
from lapor.core.models import OutboxMessage, OutboxStatus
from lapor.core.outbox import (
    OutboxPermanentError,
    SubscriberFilter,
    outbox_backoff,
    outbox_deliver_due,
    outbox_publish,
    outbox_publish_many,
    outbox_subscriber,
)
from lapor.core.tasks import deliver_outbox
from lapor.testing.factories import UserFactory
from lapor.testing.otp import force_login_verified

pytestmark = pytest.mark.django_db

START = timezone.datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_fixed_timezone(7 * 60))


class Recorder:
    """A subscriber that records its calls and fails while ``failures`` lasts."""

    def __init__(self) -> None:
        self.calls: list[tuple[dict[str, Any], str, int]] = []
        self.failures = 0
        self.error: Exception = RuntimeError("mail server down")

    def __call__(self, payload: dict[str, Any], message: OutboxMessage) -> None:
        self.calls.append((payload, message.idempotency_key, message.attempts))
        if self.failures:
            self.failures -= 1
            raise self.error


@pytest.fixture(autouse=True)
def subscribers(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """An empty subscriber registry for each test, restored afterwards."""
    # Load the real subscribers first, so that their modules do not register into (and
    # vanish with) the test's registry.
    outbox.outbox_load_subscribers()
    registry: dict[str, Any] = {}
    monkeypatch.setattr(outbox, "_subscribers", registry)
    return registry


@pytest.fixture
def mail() -> Recorder:
    recorder = Recorder()
    outbox_subscriber("notification.email", "mail")(recorder)
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
    """Publish an e-mail message; its row for the ``mail`` subscriber."""
    rows = outbox_publish(
        topic="notification.email", key=key, payload={"to": "warga@example.test"}, **kwargs
    )
    return next(m for m in rows if m.subscriber == "mail")


# --- publishing ---------------------------------------------------------------------


def test_publish_in_a_rolled_back_transaction_leaves_nothing(
    django_capture_on_commit_callbacks, mail
):
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


def test_publish_in_a_rolled_back_savepoint_keeps_the_outer_change(mail):
    with transaction.atomic():
        kept = _email("kept")
        with pytest.raises(RuntimeError), transaction.atomic():
            _email("dropped")
            raise RuntimeError
    assert list(OutboxMessage.objects.values_list("idempotency_key", flat=True)) == [
        kept.idempotency_key
    ]


def test_publishing_a_key_again_is_a_no_op_returning_the_first_rows(mail):
    first = _email(max_attempts=3)
    with transaction.atomic():
        (again,) = outbox_publish(
            topic="notification.email",
            key=first.idempotency_key,
            payload={"to": "someone-else@example.test"},
        )
        # The caller's transaction is still usable after the conflict (PostgreSQL would
        # refuse every later statement after a failed INSERT without a savepoint).
        assert OutboxMessage.objects.count() == 1
    assert again.pk == first.pk
    assert again.payload == {"to": "warga@example.test"}
    assert again.max_attempts == 3
    # In a batch too.
    assert (
        outbox_publish_many(topic="notification.email", messages=[(first.idempotency_key, {})]) == 0
    )
    assert OutboxMessage.objects.count() == 1


def test_two_subscribers_of_a_topic_get_one_row_each(mail):
    webhook = Recorder()
    outbox_subscriber("report.event", "webhooks")(webhook)
    notify = Recorder()
    outbox_subscriber("report.event", "notifications")(notify)
    with time_machine.travel(START, tick=False):
        rows = outbox_publish(topic="report.event", key="report.event:7", payload={"event_id": 7})
    assert [(m.subscriber, m.topic, m.idempotency_key) for m in rows] == [
        ("notifications", "report.event", "report.event:7"),
        ("webhooks", "report.event", "report.event:7"),
    ]
    stored = OutboxMessage.objects.order_by("subscriber")
    assert [m.pk for m in stored] == [m.pk for m in rows]
    assert {(m.status, m.attempts, m.next_attempt_at) for m in stored} == {
        (OutboxStatus.PENDING, 0, START)
    }
    assert all(m.payload == {"event_id": 7} for m in stored)
    # Another topic's subscriber got nothing.
    assert not OutboxMessage.objects.filter(subscriber="mail").exists()

    report = outbox_deliver_due()
    assert (report.claimed, report.delivered) == (2, 2)
    assert notify.calls == webhook.calls == [({"event_id": 7}, "report.event:7", 1)]


def test_a_subscriber_added_later_gets_its_row_when_the_key_is_published_again(mail):
    first = _email("k")
    outbox_subscriber("notification.email", "archive")(Recorder())
    rows = outbox_publish(topic="notification.email", key="k", payload={"to": "x@example.test"})
    assert [m.subscriber for m in rows] == ["archive", "mail"]
    assert rows[1].pk == first.pk
    assert OutboxMessage.objects.count() == 2


def test_a_topic_without_subscribers_writes_nothing(django_capture_on_commit_callbacks, mail):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert outbox_publish(topic="nobody.listens", key="k", payload={}) == []
        assert outbox_publish_many(topic="nobody.listens", messages=[("a", {}), ("b", {})]) == 0
    assert not OutboxMessage.objects.exists()
    assert callbacks == []


def test_batch_publish_writes_the_same_rows_as_single_publishes(mail):
    outbox_subscriber("notification.email", "archive")(Recorder())
    messages = [(f"k{n}", {"n": n, "when": START.date()}) for n in range(3)]

    def rows(prefix: str) -> list[tuple[Any, ...]]:
        return [
            (key.removeprefix(prefix), *rest)
            for key, *rest in OutboxMessage.objects.filter(idempotency_key__startswith=prefix)
            .order_by("id")
            .values_list(
                "idempotency_key",
                "topic",
                "subscriber",
                "payload",
                "status",
                "attempts",
                "max_attempts",
                "next_attempt_at",
                "created_at",
                "locked_until",
                "locked_by",
                "last_error",
                "delivered_at",
            )
        ]

    with time_machine.travel(START, tick=False), transaction.atomic():
        for key, payload in messages:
            outbox_publish(topic="notification.email", key=f"one:{key}", payload=payload)
        written = outbox_publish_many(
            topic="notification.email",
            # A key twice in the batch is written once, with its first payload.
            messages=[(f"many:{k}", p) for k, p in messages] + [("many:k0", {"n": 99})],
        )
    assert written == 6
    single = rows("one:")
    assert rows("many:") == single
    # Message by message, each message's rows by subscriber name.
    assert [(key, subscriber) for key, _t, subscriber, *_ in single] == [
        ("k0", "archive"), ("k0", "mail"),
        ("k1", "archive"), ("k1", "mail"),
        ("k2", "archive"), ("k2", "mail"),
    ]  # fmt: skip
    assert single[0][3] == {"n": 0, "when": "2026-03-02"}
    # Publishing the batch again (a sweep run twice) writes nothing new.
    assert outbox_publish_many(topic="notification.email", messages=messages[:1]) == 2
    assert outbox_publish_many(topic="notification.email", messages=messages[:1]) == 0


@pytest.mark.postgres
def test_batch_publish_is_one_insert_on_postgresql(mail):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        written = outbox_publish_many(
            topic="notification.email", messages=[(f"k{n}", {"n": n}) for n in range(2500)]
        )
    assert written == 2500
    inserts = [
        q for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("INSERT")
    ]
    assert len(inserts) == 1


def test_publish_queues_one_delivery_task_per_transaction(django_capture_on_commit_callbacks, mail):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        for n in range(3):
            _email(f"k{n}")
        outbox_publish_many(topic="notification.email", messages=[("k3", {}), ("k4", {})])
    assert len(callbacks) == 1
    assert DBTaskResult.objects.filter(task_path="lapor.core.tasks.deliver_outbox").count() == 1

    # The task delivers everything that is due.
    result = deliver_outbox.call()
    assert result["delivered"] == 5
    assert [key for _, key, _ in mail.calls] == ["k0", "k1", "k2", "k3", "k4"]


def test_a_broken_task_queue_does_not_break_the_commit(
    django_capture_on_commit_callbacks, monkeypatch, mail
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


def test_publish_needs_a_topic_and_a_key_that_fits(mail):
    with pytest.raises(ValueError):
        outbox_publish(topic="", key="x", payload={})
    with pytest.raises(ValueError):
        outbox_publish(topic="notification.email", key="", payload={})
    with pytest.raises(ValueError):
        outbox_publish(topic="notification.email", key="x" * 201, payload={})
    with pytest.raises(ValueError):
        outbox_publish_many(topic="notification.email", messages=[("ok", {}), ("", {})])
    assert not OutboxMessage.objects.exists()


def test_a_subscriber_name_is_taken_once(mail):
    def one(payload: dict[str, Any], message: OutboxMessage) -> None: ...

    def two(payload: dict[str, Any], message: OutboxMessage) -> None: ...

    outbox_subscriber("webhook.deliver", "webhooks")(one)
    outbox_subscriber("webhook.deliver", "webhooks")(one)  # importing a module twice is fine
    with pytest.raises(Exception, match="is taken"):
        outbox_subscriber("webhook.deliver", "webhooks")(two)
    with pytest.raises(Exception, match="is taken"):
        outbox_subscriber("report.event", "webhooks")(one)
    with pytest.raises(Exception, match="needs a name"):
        outbox_subscriber("report.event", "")


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


def test_a_row_whose_subscriber_is_gone_goes_dead_with_a_clear_error(subscribers, mail):
    with time_machine.travel(START, tick=False):
        message = _email("renamed")
        del subscribers["mail"]  # the code was renamed or removed since
        report = outbox_deliver_due()
    assert (report.claimed, report.dead, report.failed) == (1, 1, 0)
    message.refresh_from_db()
    assert message.status == OutboxStatus.DEAD
    assert message.attempts == 1
    assert "No outbox subscriber 'mail' of topic 'notification.email'" in message.last_error
    # Once it is back, "retry now" delivers it.
    outbox_subscriber("notification.email", "mail")(mail)
    assert outbox.outbox_retry_now(message_ids=[message.pk]) == 1
    assert outbox_deliver_due().delivered == 1
    assert [key for _, key, _ in mail.calls] == ["renamed"]


def test_a_row_whose_subscriber_moved_to_another_topic_goes_dead(subscribers, mail):
    message = _email()
    del subscribers["mail"]
    outbox_subscriber("notification.sms", "mail")(mail)
    assert outbox_deliver_due().dead == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.DEAD
    assert mail.calls == []


# --- one subscriber's trouble is its own ----------------------------------------------


def test_a_failing_subscriber_does_not_hold_back_the_other(mail):
    webhook = Recorder()
    webhook.failures = 99
    webhook.error = RuntimeError("webhook times out")
    outbox_subscriber("notification.email", "webhook")(webhook)
    with time_machine.travel(START, tick=False):
        rows = outbox_publish(topic="notification.email", key="k", payload={"n": 1}, max_attempts=2)
        report = outbox_deliver_due()
    assert (report.claimed, report.delivered, report.failed) == (2, 1, 1)
    by_name = {m.subscriber: m for m in OutboxMessage.objects.filter(pk__in=[r.pk for r in rows])}
    assert by_name["mail"].status == OutboxStatus.DELIVERED
    hook = by_name["webhook"]
    assert (hook.status, hook.attempts) == (OutboxStatus.PENDING, 1)
    assert hook.next_attempt_at == START + timedelta(seconds=30)
    assert "webhook times out" in hook.last_error and by_name["mail"].last_error == ""

    # Its retry and its dead letter are its own: the delivered row is never run again.
    with time_machine.travel(START + timedelta(seconds=30), tick=False):
        report = outbox_deliver_due()
    assert (report.claimed, report.dead) == (1, 1)
    hook.refresh_from_db()
    assert (hook.status, hook.attempts) == (OutboxStatus.DEAD, 2)
    assert len(mail.calls) == 1 and len(webhook.calls) == 2

    # "Retry now" of the dead letter runs only the webhook.
    webhook.failures = 0
    with time_machine.travel(START + timedelta(seconds=31), tick=False):
        assert outbox.outbox_retry_now(message_ids=[hook.pk]) == 1
        assert outbox_deliver_due().delivered == 1
    assert len(mail.calls) == 1 and len(webhook.calls) == 3


def test_a_worker_can_be_given_some_subscribers_only(mail):
    webhook = Recorder()
    outbox_subscriber("notification.email", "webhook")(webhook)
    _email("a")
    _email("b")
    report = outbox_deliver_due(which=SubscriberFilter(exclude=("webhook",)))
    assert report.delivered == 2 and len(mail.calls) == 2 and webhook.calls == []
    report = outbox_deliver_due(which=SubscriberFilter(only=("webhook",)))
    assert report.delivered == 2 and len(webhook.calls) == 2
    assert not OutboxMessage.objects.exclude(status=OutboxStatus.DELIVERED).exists()


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


# --- the command --------------------------------------------------------------------


def test_outbox_dispatch_command_delivers_due_messages(mail):
    _email("a")
    _email("b")
    out = StringIO()
    call_command("outbox_dispatch", stdout=out)
    assert "delivered 2" in out.getvalue()
    assert OutboxMessage.objects.filter(status=OutboxStatus.DELIVERED).count() == 2


def test_outbox_dispatch_command_delivers_the_subscribers_it_is_given(mail):
    webhook = Recorder()
    outbox_subscriber("notification.email", "webhook")(webhook)
    _email("a")
    out = StringIO()
    call_command("outbox_dispatch", "--subscriber", "webhook", stdout=out)
    assert "delivered 1" in out.getvalue()
    assert (len(webhook.calls), len(mail.calls)) == (1, 0)
    call_command("outbox_dispatch", "--exclude-subscriber", "webhook", stdout=out)
    assert (len(webhook.calls), len(mail.calls)) == (1, 1)
    with pytest.raises(CommandError, match="No such outbox subscriber: nobody"):
        call_command("outbox_dispatch", "--subscriber", "nobody")


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
    response = admin_client.get(url, {"topic": "notification.email"})
    assert response.status_code == 200
    assert "report.verified:7:email" in response.content.decode()
    assert "report.verified:7:email" not in admin_client.get(url, {"topic": "x"}).content.decode()


def test_admin_shows_and_filters_by_subscriber(admin_client, mail):
    outbox_subscriber("report.event", "webhooks")(Recorder())
    outbox_publish(topic="report.event", key="report.event:5", payload={})
    _email("report.verified:9:email")
    url = "/admin/core/outboxmessage/"
    body = admin_client.get(url).content.decode()
    # The filter offers the registered subscribers, with their topics.
    assert "webhooks (report.event)" in body and "mail (notification.email)" in body
    body = admin_client.get(url, {"subscriber": "webhooks"}).content.decode()
    assert "report.event:5" in body and "report.verified:9:email" not in body
    assert '<td class="field-subscriber">webhooks</td>' in body
    body = admin_client.get(url, {"subscriber": "mail"}).content.decode()
    assert "report.verified:9:email" in body and "report.event:5" not in body


def test_admin_payload_is_read_only(admin_client, mail):
    message = _email()
    url = f"/admin/core/outboxmessage/{message.pk}/change/"
    response = admin_client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    # A superuser without a role reads no payload or delivery error (they may quote a
    # recipient); the national admin, with the second factor, does.
    assert "warga@example.test" not in body and message.idempotency_key in body
    assert 'name="payload"' not in body
    from django.test import Client

    from lapor.accounts.choices import Role
    from lapor.testing.factories import make_member

    national = make_member(Role.ADMIN_NASIONAL, is_staff=True, is_superuser=True)
    national_client = force_login_verified(Client(), national)
    assert "warga@example.test" in national_client.get(url).content.decode()
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


def test_admin_retry_needs_change_permission(client, settings, mail):
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

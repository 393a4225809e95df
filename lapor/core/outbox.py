"""The transactional outbox: side effects that are never lost and never half-done.

A service that must cause a side effect (send an e-mail, call a webhook) does not do it
inline. Inside its own transaction it calls :func:`outbox_enqueue`; the message row
commits with the change or not at all. Delivery happens afterwards, at least once:

* after commit, a ``deliver_outbox`` task (django-tasks) is queued for prompt delivery;
* a periodic pass (``manage.py outbox_dispatch``, from cron or systemd) picks up every
  due row anyway, so correctness never depends on the task.

A worker *claims* due rows in a short transaction (``SELECT ... FOR UPDATE SKIP LOCKED``
on PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` serialises claims), marking them
``delivering`` with a lease, and commits. It then runs each row's handler outside any
transaction and marks the row ``delivered``; a failure schedules a retry with
exponential backoff and jitter, and the last allowed failure makes the row ``dead``
(kept for the admin's "retry now"). A worker that dies mid-delivery leaves its rows
``delivering``; once the lease runs out they are due again.

So a handler may run more than once for one message (a worker killed after the side
effect but before marking it delivered): handlers must be idempotent, and they get the
message's ``idempotency_key`` to make that easy.

Handlers live in an app's ``outbox_handlers`` module (imported on first delivery) or in a
module listed in ``settings.OUTBOX_HANDLER_MODULES``::

    @outbox_handler("notification.email")
    def send_email(payload: dict, message: OutboxMessage) -> None: ...
"""

from __future__ import annotations

import logging
import os
import random
import socket
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from lapor.core.models import OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any], OutboxMessage], Any]

_handlers: dict[str, Handler] = {}
_handlers_loaded = False
_load_lock = threading.Lock()

# Room for the end of a traceback in ``last_error``.
_ERROR_LIMIT = 4000


class OutboxPermanentError(Exception):
    """Raised by a handler when retrying cannot help (a malformed payload, a recipient
    that no longer exists, a webhook answering 410): the message goes dead at once."""


def _setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


# --- handlers -----------------------------------------------------------------------


def outbox_handler(topic: str) -> Callable[[Handler], Handler]:
    """Register the function that performs the side effect for ``topic``.

    One handler per topic. Registering the same function again (a module imported
    twice) is harmless; a different function for a taken topic is a mistake.
    """

    def register(func: Handler) -> Handler:
        existing = _handlers.get(topic)
        if existing is not None and _qualified(existing) != _qualified(func):
            raise ImproperlyConfigured(
                f"Outbox topic {topic!r} already has a handler: {_qualified(existing)}"
            )
        _handlers[topic] = func
        return func

    return register


def _qualified(func: Callable[..., Any]) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def outbox_load_handlers() -> None:
    """Import every module that registers handlers (once per process)."""
    global _handlers_loaded
    if _handlers_loaded:
        return
    with _load_lock:
        if _handlers_loaded:
            return
        autodiscover_modules("outbox_handlers")
        for module in _setting("OUTBOX_HANDLER_MODULES", []):
            import_module(module)
        _handlers_loaded = True


def outbox_handler_for(topic: str) -> Handler | None:
    outbox_load_handlers()
    return _handlers.get(topic)


# --- writing ------------------------------------------------------------------------


def outbox_enqueue(
    *,
    topic: str,
    payload: dict[str, Any],
    idempotency_key: str,
    deliver_after: datetime | None = None,
    max_attempts: int | None = None,
) -> OutboxMessage:
    """Promise a side effect, inside the caller's transaction.

    The row commits with the caller's change or not at all. A second call with the same
    ``idempotency_key`` changes nothing and returns the first row, so a caller can derive
    the key from what it is reacting to (``"report.verified:{event_id}:email"``) and be
    retried safely. The payload should hold ids and plain values, not model instances:
    the handler reads the current state when it runs.
    """
    if not topic:
        raise ValueError("An outbox message needs a topic.")
    if not idempotency_key:
        raise ValueError("An outbox message needs an idempotency key.")
    now = timezone.now()
    due = deliver_after if deliver_after is not None and deliver_after > now else now
    message = OutboxMessage(
        topic=topic,
        payload=payload,
        idempotency_key=idempotency_key,
        next_attempt_at=due,
        max_attempts=max_attempts or int(_setting("OUTBOX_MAX_ATTEMPTS", 12)),
    )
    # ON CONFLICT DO NOTHING: a duplicate key neither raises nor poisons the caller's
    # PostgreSQL transaction, and a concurrent writer of the same key waits for ours.
    OutboxMessage.objects.bulk_create([message], ignore_conflicts=True)
    stored = OutboxMessage.objects.get(idempotency_key=idempotency_key)
    if stored.topic != topic:
        logger.warning(
            "Outbox key %s reused for topic %s (stored: %s); kept the first",
            idempotency_key,
            topic,
            stored.topic,
        )
    if _setting("OUTBOX_KICK_ON_COMMIT", True):
        _kick_after_commit(run_after=due if due > now else None)
    return stored


class _Kick:
    """An on-commit callback that queues one ``deliver_outbox`` task.

    A class rather than a closure so that a transaction that writes many messages
    queues one task for them, not one each (see :func:`_kick_after_commit`).
    """

    def __init__(self, run_after: datetime | None) -> None:
        self.run_after = run_after

    def __call__(self) -> None:
        from lapor.core.tasks import deliver_outbox

        try:
            task = (
                deliver_outbox.using(run_after=self.run_after) if self.run_after else deliver_outbox
            )
            task.enqueue()
        except Exception:
            # The periodic pass delivers the message anyway; a broken task queue must not
            # turn a committed change into an error for the user.
            logger.exception("Could not queue deliver_outbox; the periodic pass will deliver")


def _kick_after_commit(*, run_after: datetime | None) -> None:
    # Django keeps pending callbacks in ``run_on_commit`` (and trims them when a
    # savepoint rolls back), so looking there avoids a duplicate without ever missing one.
    pending = getattr(connection, "run_on_commit", [])
    for entry in pending:
        func = entry[1]
        if isinstance(func, _Kick) and func.run_after == run_after:
            return
    transaction.on_commit(_Kick(run_after))


# --- delivering ---------------------------------------------------------------------


@dataclass
class DeliveryReport:
    """What one delivery pass did."""

    claimed: int = 0
    delivered: int = 0
    failed: int = 0
    dead: int = 0
    lost_lease: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: DeliveryReport) -> None:
        self.claimed += other.claimed
        self.delivered += other.delivered
        self.failed += other.failed
        self.dead += other.dead
        self.lost_lease += other.lost_lease
        self.errors.extend(other.errors)


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"[:100]


def outbox_backoff(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failed try.

    ``base * 2**(attempts-1)``, capped, then shortened by up to ``JITTER`` of itself so
    that messages which failed together (a mail server outage) do not retry together.
    """
    base = float(_setting("OUTBOX_BACKOFF_BASE_SECONDS", 30))
    cap = float(_setting("OUTBOX_BACKOFF_CAP_SECONDS", 6 * 3600))
    jitter = float(_setting("OUTBOX_BACKOFF_JITTER", 0.2))
    delay = min(cap, base * 2 ** max(0, min(attempts - 1, 62)))
    delay *= 1 - jitter * random.random()
    return timedelta(seconds=delay)


def _claim(*, limit: int, worker_id: str) -> tuple[list[OutboxMessage], int]:
    """Take up to ``limit`` due rows and commit the claim. Returns (claimed, dead).

    The claim's ``(locked_by, locked_until)`` is its token: the worker may write the
    outcome of a row only while the row still carries it.
    """
    worker_id = worker_id[:100]
    now = timezone.now()
    lease = timedelta(seconds=float(_setting("OUTBOX_LEASE_SECONDS", 300)))
    locked_until = now + lease
    with transaction.atomic():
        due = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(
                status__in=[OutboxStatus.PENDING, OutboxStatus.DELIVERING],
                next_attempt_at__lte=now,
            )
            .order_by("next_attempt_at", "id")[:limit]
        )
        claimed: list[OutboxMessage] = []
        orphans_dead: list[int] = []
        for message in due:
            if message.status == OutboxStatus.DELIVERING:
                # Still "delivering" after its lease: the worker died mid-try. That try
                # counts, so a message that kills its worker every time ends dead
                # instead of taking every worker down with it forever.
                if message.attempts >= message.max_attempts:
                    orphans_dead.append(message.pk)
                    continue
                message.last_error = (
                    f"Worker {message.locked_by or '?'} lost its lease during attempt "
                    f"{message.attempts}; delivering again."
                )
                OutboxMessage.objects.filter(pk=message.pk).update(last_error=message.last_error)
            message.status = OutboxStatus.DELIVERING
            message.attempts += 1
            message.locked_until = locked_until
            message.next_attempt_at = locked_until
            message.locked_by = worker_id
            claimed.append(message)
        if claimed:
            # One statement for the batch: what changes is the same for every row.
            OutboxMessage.objects.filter(pk__in=[m.pk for m in claimed]).update(
                status=OutboxStatus.DELIVERING,
                attempts=F("attempts") + 1,
                locked_until=locked_until,
                next_attempt_at=locked_until,
                locked_by=worker_id,
            )
        if orphans_dead:
            OutboxMessage.objects.filter(pk__in=orphans_dead).update(
                status=OutboxStatus.DEAD,
                locked_until=None,
                locked_by="",
                last_error="The worker was lost during the last allowed attempt.",
            )
    return claimed, len(orphans_dead)


def _owned(messages: list[OutboxMessage]) -> Any:
    """The rows among ``messages`` that still carry this worker's claim.

    If our lease ran out and another worker claimed a row, that worker owns its outcome.
    Every row of one claim shares the same token, and so does every row of ``messages``.
    """
    first = messages[0]
    return OutboxMessage.objects.filter(
        pk__in=[m.pk for m in messages],
        status=OutboxStatus.DELIVERING,
        locked_by=first.locked_by,
        locked_until=first.locked_until,
    )


def _finish(message: OutboxMessage, **changes: Any) -> bool:
    """Write the outcome of this worker's try, unless the row is no longer ours."""
    updated = _owned([message]).update(locked_until=None, locked_by="", **changes)
    return updated == 1


def _deliver_one(message: OutboxMessage, report: DeliveryReport) -> bool:
    """Run the handler. Returns whether it succeeded (the caller records that, batched);
    a failure is recorded here."""
    if message.locked_until is not None and timezone.now() >= message.locked_until:
        # Claimed in a batch but reached too late: the lease is gone, someone else may
        # be delivering it. Leave it to whoever holds it now.
        report.lost_lease += 1
        return False
    handler = outbox_handler_for(message.topic)
    try:
        if handler is None:
            raise LookupError(f"No outbox handler is registered for topic {message.topic!r}.")
        handler(message.payload, message)
    except Exception as exc:
        _record_failure(message, exc, report)
        return False
    return True


def _record_failure(message: OutboxMessage, exc: Exception, report: DeliveryReport) -> None:
    permanent = isinstance(exc, OutboxPermanentError)
    error = "".join(traceback.format_exception(exc))[-_ERROR_LIMIT:]
    report.errors.append(f"{message.pk} {message.topic}: {type(exc).__name__}: {exc}")
    if permanent or message.attempts >= message.max_attempts:
        if _finish(message, status=OutboxStatus.DEAD, last_error=error):
            report.dead += 1
            logger.error("Outbox message %s (%s) is dead: %s", message.pk, message.topic, exc)
        else:
            report.lost_lease += 1
        return
    retry_at = timezone.now() + outbox_backoff(message.attempts)
    if _finish(message, status=OutboxStatus.PENDING, next_attempt_at=retry_at, last_error=error):
        report.failed += 1
        logger.warning(
            "Outbox message %s (%s) failed attempt %s/%s, retry at %s: %s",
            message.pk,
            message.topic,
            message.attempts,
            message.max_attempts,
            retry_at.isoformat(),
            exc,
        )
    else:
        report.lost_lease += 1


def _mark_delivered(done: list[OutboxMessage], report: DeliveryReport) -> None:
    # One statement and one commit for the rows delivered so far: on PostgreSQL every
    # commit waits for the disk, and a commit per message would be most of the cost of a
    # fast handler. If the worker dies before this, those rows are delivered again.
    if not done:
        return
    updated = _owned(done).update(
        status=OutboxStatus.DELIVERED, delivered_at=timezone.now(), locked_until=None, locked_by=""
    )
    report.delivered += updated
    if updated < len(done):
        report.lost_lease += len(done) - updated
        logger.warning(
            "%d outbox messages were delivered after their lease ran out", len(done) - updated
        )
    done.clear()


# A worker that has spent this long on a batch records what it delivered so far before
# going on, so that a slow batch does not leave finished rows looking unfinished.
_FLUSH_AFTER_SECONDS = 1.0


def outbox_deliver_due(*, limit: int = 100, worker_id: str | None = None) -> DeliveryReport:
    """Deliver up to ``limit`` due messages; safe to run in any number of workers at once.

    Claims a few rows at a time (``OUTBOX_BATCH_SIZE``) so that a slow handler does not
    sit on a long list of leased rows that other workers could be delivering. Call it
    outside a transaction: each claim must commit before its handlers run.
    """
    worker_id = worker_id or default_worker_id()
    batch_size = max(1, int(_setting("OUTBOX_BATCH_SIZE", 10)))
    report = DeliveryReport()
    outbox_load_handlers()
    while report.claimed < limit:
        claimed, dead = _claim(limit=min(batch_size, limit - report.claimed), worker_id=worker_id)
        report.dead += dead
        if not claimed:
            if dead:
                continue  # the batch held only dead-lettered orphans; more may be due
            break
        report.claimed += len(claimed)
        done: list[OutboxMessage] = []
        flushed_at = time.monotonic()
        for message in claimed:
            if _deliver_one(message, report):
                done.append(message)
            if time.monotonic() - flushed_at > _FLUSH_AFTER_SECONDS:
                _mark_delivered(done, report)
                flushed_at = time.monotonic()
        _mark_delivered(done, report)
    return report


def outbox_drain(
    *,
    max_seconds: float = 50.0,
    limit: int = 100,
    worker_id: str | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> DeliveryReport:
    """Deliver due messages until none is left, time runs out or ``should_stop()``."""
    deadline = time.monotonic() + max_seconds
    total = DeliveryReport()
    while True:
        report = outbox_deliver_due(limit=limit, worker_id=worker_id)
        total.add(report)
        if report.claimed < limit or time.monotonic() >= deadline:
            return total
        if should_stop is not None and should_stop():
            return total


# --- the admin's hand -----------------------------------------------------------------


def outbox_retry_now(*, message_ids: list[int]) -> int:
    """Make dead or pending messages due now; the attempts made so far are kept.

    A dead message thus gets one more try: if that fails too, it is dead again.
    Returns how many messages were rescheduled.
    """
    count = OutboxMessage.objects.filter(
        pk__in=message_ids, status__in=[OutboxStatus.DEAD, OutboxStatus.PENDING]
    ).update(
        status=OutboxStatus.PENDING,
        next_attempt_at=timezone.now(),
        locked_until=None,
        locked_by="",
    )
    if count and _setting("OUTBOX_KICK_ON_COMMIT", True):
        _kick_after_commit(run_after=None)
    return count

"""The transactional outbox, as publish/subscribe: side effects never lost, never half-done.

A service whose change must cause side effects (notify people, call webhooks, count for
the statistics) does none of them inline. Inside its own transaction it *publishes* a
message to a topic (:func:`outbox_publish`, or :func:`outbox_publish_many` for a batch);
that writes one row per *subscriber* of the topic, and the rows commit with the change or
not at all. Each row is delivered on its own, at least once:

* after commit, a ``deliver_outbox`` task (django-tasks) is queued for prompt delivery;
* a periodic pass (``manage.py outbox_dispatch``, from cron or systemd) picks up every
  due row anyway, so correctness never depends on the task.

A worker *claims* due rows in a short transaction (``SELECT ... FOR UPDATE SKIP LOCKED``
on PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` serialises claims), marking them
``delivering`` with a lease, and commits. It then runs each row's subscriber outside any
transaction and marks the row ``delivered``; a failure schedules a retry of that row with
exponential backoff and jitter, and its last allowed failure makes it ``dead`` (kept for
the admin's "retry now"). The other subscribers' rows of the same message go their own
way: a webhook that is down never holds back a citizen's SMS. A worker that dies
mid-delivery leaves its rows ``delivering``; once the lease runs out they are due again.
A worker may also be given only some subscribers (``outbox_dispatch --subscriber``), so
that a slow one gets a process of its own.

So a subscriber may run more than once for one message (a worker killed after the side
effect but before marking it delivered): subscribers must be idempotent, and they get the
message's ``idempotency_key`` (the publisher's key) to make that easy.

Subscribers live in an app's ``outbox_handlers`` module or in a module listed in
``settings.OUTBOX_HANDLER_MODULES``; both are imported on the first publish or delivery
in a process, so a publisher always knows every subscriber of its topic::

    @outbox_subscriber("report.event", "notifications")
    def fan_out(payload: dict, message: OutboxMessage) -> None: ...

A subscriber's name is unique and stored in its rows: renaming one leaves its pending
rows without a subscriber, and those go dead with an error that says so.
"""

from __future__ import annotations

import json
import logging
import os
import random
import socket
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from lapor.core.db import binary_params_cursor
from lapor.core.models import OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any], OutboxMessage], Any]


@dataclass(frozen=True)
class OutboxSubscriber:
    """A handler of one topic's messages, known by a name unique across topics."""

    topic: str
    name: str
    handler: Handler


# By name. A handful of entries: a topic's subscribers are found by scanning them.
_subscribers: dict[str, OutboxSubscriber] = {}
_subscribers_loaded = False
# Re-entrant: code run while the modules load may itself publish, and must not deadlock.
_load_lock = threading.RLock()

# Room for the end of a traceback in ``last_error``.
_ERROR_LIMIT = 4000
# The model's limits, checked before writing (PostgreSQL would refuse the statement).
_KEY_LIMIT = OutboxMessage._meta.get_field("idempotency_key").max_length or 200
_NAME_LIMIT = OutboxMessage._meta.get_field("subscriber").max_length or 100


class OutboxPermanentError(Exception):
    """Raised by a handler when retrying cannot help (a malformed payload, a recipient
    that no longer exists, a webhook answering 410): the message goes dead at once."""


def _setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


# --- subscribers --------------------------------------------------------------------


def outbox_subscriber(topic: str, name: str) -> Callable[[Handler], Handler]:
    """Register the decorated function as subscriber ``name`` of ``topic``.

    Every message published to ``topic`` from then on gets a delivery row for ``name``.
    Registering the same function again (a module imported twice) is harmless; a name
    taken by another function or another topic is a mistake.
    """
    if not topic:
        raise ImproperlyConfigured("An outbox subscriber needs a topic.")
    if not name or len(name) > _NAME_LIMIT:
        raise ImproperlyConfigured(
            f"An outbox subscriber needs a name of 1 to {_NAME_LIMIT} characters."
        )

    def register(func: Handler) -> Handler:
        existing = _subscribers.get(name)
        if existing is not None and (
            existing.topic != topic or _qualified(existing.handler) != _qualified(func)
        ):
            raise ImproperlyConfigured(
                f"Outbox subscriber name {name!r} is taken: {_qualified(existing.handler)} "
                f"on topic {existing.topic!r}"
            )
        _subscribers[name] = OutboxSubscriber(topic=topic, name=name, handler=func)
        return func

    return register


def _qualified(func: Callable[..., Any]) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def outbox_load_subscribers() -> None:
    """Import every module that registers subscribers (once per process)."""
    global _subscribers_loaded
    if _subscribers_loaded:
        return
    with _load_lock:
        if _subscribers_loaded:
            return
        autodiscover_modules("outbox_handlers")
        for module in _setting("OUTBOX_HANDLER_MODULES", []):
            import_module(module)
        _subscribers_loaded = True


def outbox_subscribers_of(topic: str) -> list[OutboxSubscriber]:
    """The subscribers of ``topic``, by name (the order their rows are written in)."""
    outbox_load_subscribers()
    return sorted((s for s in _subscribers.values() if s.topic == topic), key=lambda s: s.name)


def outbox_subscribers() -> list[OutboxSubscriber]:
    """Every registered subscriber, by topic and name."""
    outbox_load_subscribers()
    return sorted(_subscribers.values(), key=lambda s: (s.topic, s.name))


def outbox_subscriber_named(name: str) -> OutboxSubscriber | None:
    outbox_load_subscribers()
    return _subscribers.get(name)


# --- publishing ---------------------------------------------------------------------


def _check_key(key: str) -> None:
    if not key:
        raise ValueError("An outbox message needs an idempotency key.")
    if len(key) > _KEY_LIMIT:
        raise ValueError(f"An outbox key is at most {_KEY_LIMIT} characters: {key[:40]!r}...")


def outbox_publish(
    *,
    topic: str,
    key: str,
    payload: dict[str, Any],
    deliver_after: datetime | None = None,
    max_attempts: int | None = None,
) -> list[OutboxMessage]:
    """Publish a message to ``topic`` inside the caller's transaction: one delivery row
    per subscriber. Returns the rows, by subscriber name.

    The rows commit with the caller's change or not at all. Publishing again with the
    same ``key`` writes nothing new and returns the rows of the first time (a subscriber
    added since gets its row), so a caller can derive the key from what it is reacting to
    (``"report.event:{event_id}"``) and be retried safely. A topic nobody subscribes to
    writes nothing. The payload should hold ids and plain values, not model instances:
    the subscribers read the current state when they run.
    """
    if not topic:
        raise ValueError("An outbox message needs a topic.")
    _check_key(key)
    names = [s.name for s in outbox_subscribers_of(topic)]
    if not names:
        return []
    now = timezone.now()
    due = deliver_after if deliver_after is not None and deliver_after > now else now
    attempts = max_attempts or int(_setting("OUTBOX_MAX_ATTEMPTS", 12))
    rows = [
        OutboxMessage(
            topic=topic,
            subscriber=name,
            payload=payload,
            idempotency_key=key,
            next_attempt_at=due,
            max_attempts=attempts,
            created_at=now,
        )
        for name in names
    ]
    # ON CONFLICT DO NOTHING: a duplicate key neither raises nor poisons the caller's
    # PostgreSQL transaction, and a concurrent writer of the same key waits for ours.
    if connection.vendor == "postgresql":
        written, ids = _insert_pg(
            topic, names, {key: payload}, due=due, now=now, max_attempts=attempts, returning=True
        )
        for row in rows:
            row.pk = ids.get(row.subscriber)
            row._state.adding = row.pk is None
            row._state.db = connection.alias
    else:
        OutboxMessage.objects.bulk_create(rows, ignore_conflicts=True)
        written = 0
    stored = (
        rows
        if written == len(rows)
        else list(
            OutboxMessage.objects.filter(idempotency_key=key, subscriber__in=names).order_by(
                "subscriber"
            )
        )
    )
    for message in stored:
        if message.topic != topic:
            logger.warning(
                "Outbox key %s reused for topic %s (stored: %s); kept the first",
                key,
                topic,
                message.topic,
            )
    if _setting("OUTBOX_KICK_ON_COMMIT", True):
        _kick_after_commit(run_after=due if due > now else None)
    return stored


def outbox_publish_many(*, topic: str, messages: Sequence[tuple[str, dict[str, Any]]]) -> int:
    """Publish a batch of ``(key, payload)`` messages to ``topic``, due now, in one INSERT.

    The same rows as one :func:`outbox_publish` each, written message by message (each
    message's rows by subscriber name), so delivery starts with the first message; a key
    already published, or repeated in the batch, is written once. Returns how many rows
    were written. On PostgreSQL the batch goes as arrays in binary parameters, so 10,000
    messages cost one statement and no SQL compiling in Python.
    """
    if not topic:
        raise ValueError("An outbox message needs a topic.")
    batch: dict[str, dict[str, Any]] = {}
    for key, payload in messages:
        _check_key(key)
        batch.setdefault(key, payload)
    names = [s.name for s in outbox_subscribers_of(topic)]
    if not batch or not names:
        return 0
    now = timezone.now()
    max_attempts = int(_setting("OUTBOX_MAX_ATTEMPTS", 12))
    if connection.vendor == "postgresql":
        written, _ids = _insert_pg(topic, names, batch, due=now, now=now, max_attempts=max_attempts)
    else:
        written = _insert_orm(
            [
                OutboxMessage(
                    topic=topic,
                    subscriber=name,
                    payload=payload,
                    idempotency_key=key,
                    next_attempt_at=now,
                    max_attempts=max_attempts,
                    created_at=now,
                )
                for key, payload in batch.items()
                for name in names
            ]
        )
    if written and _setting("OUTBOX_KICK_ON_COMMIT", True):
        _kick_after_commit(run_after=None)
    return written


def _insert_orm(rows: list[OutboxMessage]) -> int:
    # ``bulk_create`` cannot say how many rows a conflict skipped; SQLite counts them.
    counted = connection.vendor == "sqlite"
    before = _sqlite_total_changes() if counted else 0
    OutboxMessage.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return _sqlite_total_changes() - before if counted else len(rows)


def _sqlite_total_changes() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT total_changes()")
        return int(cursor.fetchone()[0])


# Every column the PostgreSQL statement fills, and what with (``m`` is a message of the
# batch, ``s`` a subscriber). A column added to the model fails loudly, not left empty.
_PG_VALUES = {
    "topic": "%(topic)s::text",
    "subscriber": "s.name",
    "idempotency_key": "m.key",
    "payload": "m.payload",
    "status": "%(status)s::text",
    "attempts": "0",
    "max_attempts": "%(max_attempts)s::integer",
    "next_attempt_at": "%(due)s::timestamptz",
    "locked_until": "NULL",
    "locked_by": "''",
    "last_error": "''",
    "created_at": "%(now)s::timestamptz",
    "delivered_at": "NULL",
}


def _insert_pg(
    topic: str,
    names: list[str],
    batch: dict[str, dict[str, Any]],
    *,
    due: datetime,
    now: datetime,
    max_attempts: int,
    returning: bool = False,
) -> tuple[int, dict[str, int]]:
    """Write every message of ``batch`` for every subscriber in ``names``, in one
    statement, message by message, skipping keys already taken.

    ``bulk_create`` of 10,000 rows spends most of its time building model instances and
    compiling SQL in Python. Here the keys go as one array (a binary parameter), the
    payloads as one JSON array (one ``json.dumps`` for the batch, not one per message),
    zipped in SQL and crossed with the subscribers. Returns how many rows were written
    and, with ``returning`` (one message), their ids by subscriber.
    """
    columns = {f.column for f in OutboxMessage._meta.concrete_fields} - {"id"}
    if columns != set(_PG_VALUES):
        raise RuntimeError("OutboxMessage changed: update _PG_VALUES in lapor.core.outbox")
    # Only the table and column names of the model are written in; values are parameters.
    sql = (
        f"INSERT INTO {OutboxMessage._meta.db_table} ({', '.join(_PG_VALUES)}) "  # noqa: S608
        f"SELECT {', '.join(_PG_VALUES.values())} "
        "FROM ROWS FROM (unnest(%(keys)b::text[]), jsonb_array_elements(%(payloads)s::jsonb)) "
        "WITH ORDINALITY AS m(key, payload, n) "
        "CROSS JOIN unnest(%(names)b::text[]) WITH ORDINALITY AS s(name, i) "
        "ORDER BY m.n, s.i "
        "ON CONFLICT (idempotency_key, subscriber) DO NOTHING"
        + (" RETURNING id, subscriber" if returning else "")
    )
    params = {
        "keys": list(batch),
        "payloads": json.dumps(list(batch.values()), cls=DjangoJSONEncoder),
        "names": names,
        "topic": topic,
        "status": OutboxStatus.PENDING.value,
        "max_attempts": max_attempts,
        "due": due,
        "now": now,
    }
    with binary_params_cursor() as cursor:
        cursor.execute(sql, params)
        ids = {name: pk for pk, name in cursor.fetchall()} if returning else {}
        return int(cursor.rowcount), ids


def outbox_key_published(*, topic: str, key: str) -> bool:
    """Whether a message with ``key`` was published to ``topic`` (to any subscriber)."""
    return OutboxMessage.objects.filter(idempotency_key=key, topic=topic).exists()


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


def outbox_backoff(attempts: int, *, jitter: bool = True) -> timedelta:
    """How long to wait after the ``attempts``-th failed try.

    ``base * 2**(attempts-1)``, capped, then shortened by up to ``JITTER`` of itself so
    that messages which failed together (a mail server outage) do not retry together.
    Without ``jitter``: the longest the wait can be (the latest the next try is due).
    """
    base = float(_setting("OUTBOX_BACKOFF_BASE_SECONDS", 30))
    cap = float(_setting("OUTBOX_BACKOFF_CAP_SECONDS", 6 * 3600))
    delay = min(cap, base * 2 ** max(0, min(attempts - 1, 62)))
    if jitter:
        delay *= 1 - float(_setting("OUTBOX_BACKOFF_JITTER", 0.2)) * random.random()
    return timedelta(seconds=delay)


@dataclass(frozen=True)
class SubscriberFilter:
    """Which subscribers' rows a worker delivers: ``only`` these (all when empty), less
    ``exclude``. A slow subscriber can so get a worker of its own, and the others a
    worker that never waits on it."""

    only: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def q(self) -> Q:
        q = Q(subscriber__in=self.only) if self.only else Q()
        return q & ~Q(subscriber__in=self.exclude) if self.exclude else q


ALL_SUBSCRIBERS = SubscriberFilter()


def _claim(
    *, limit: int, worker_id: str, which: SubscriberFilter = ALL_SUBSCRIBERS
) -> tuple[list[OutboxMessage], int]:
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
                which.q(),
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


def _owned(messages: list[OutboxMessage]) -> QuerySet[OutboxMessage]:
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
    """Run the row's subscriber. Returns whether it succeeded (the caller records that,
    batched); a failure is recorded here."""
    if message.locked_until is not None and timezone.now() >= message.locked_until:
        # Claimed in a batch but reached too late: the lease is gone, someone else may
        # be delivering it. Leave it to whoever holds it now.
        report.lost_lease += 1
        return False
    subscriber = outbox_subscriber_named(message.subscriber)
    try:
        if subscriber is None or subscriber.topic != message.topic:
            # Retrying cannot help: the code that would deliver it is gone (renamed or
            # removed). The admin's "retry now" sends it again once it is back.
            raise OutboxPermanentError(
                f"No outbox subscriber {message.subscriber!r} of topic {message.topic!r} is "
                "registered in this process (renamed or removed?)."
            )
        subscriber.handler(message.payload, message)
    except Exception as exc:
        _record_failure(message, exc, report)
        return False
    return True


def _record_failure(message: OutboxMessage, exc: Exception, report: DeliveryReport) -> None:
    permanent = isinstance(exc, OutboxPermanentError)
    error = "".join(traceback.format_exception(exc))[-_ERROR_LIMIT:]
    report.errors.append(
        f"{message.pk} {message.topic}>{message.subscriber}: {type(exc).__name__}: {exc}"
    )
    if permanent or message.attempts >= message.max_attempts:
        if _finish(message, status=OutboxStatus.DEAD, last_error=error):
            report.dead += 1
            logger.error(
                "Outbox message %s (%s>%s) is dead: %s",
                message.pk,
                message.topic,
                message.subscriber,
                exc,
            )
        else:
            report.lost_lease += 1
        return
    retry_at = timezone.now() + outbox_backoff(message.attempts)
    if _finish(message, status=OutboxStatus.PENDING, next_attempt_at=retry_at, last_error=error):
        report.failed += 1
        logger.warning(
            "Outbox message %s (%s>%s) failed attempt %s/%s, retry at %s: %s",
            message.pk,
            message.topic,
            message.subscriber,
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


def outbox_deliver_due(
    *,
    limit: int = 100,
    worker_id: str | None = None,
    which: SubscriberFilter = ALL_SUBSCRIBERS,
) -> DeliveryReport:
    """Deliver up to ``limit`` due rows (of the subscribers ``which`` selects); safe to
    run in any number of workers at once.

    Claims a few rows at a time (``OUTBOX_BATCH_SIZE``) so that a slow subscriber does
    not sit on a long list of leased rows that other workers could be delivering. Call it
    outside a transaction: each claim must commit before its subscribers run.
    """
    worker_id = worker_id or default_worker_id()
    batch_size = max(1, int(_setting("OUTBOX_BATCH_SIZE", 10)))
    report = DeliveryReport()
    outbox_load_subscribers()
    while report.claimed < limit:
        claimed, dead = _claim(
            limit=min(batch_size, limit - report.claimed), worker_id=worker_id, which=which
        )
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
    which: SubscriberFilter = ALL_SUBSCRIBERS,
) -> DeliveryReport:
    """Deliver due rows until none is left, time runs out or ``should_stop()``."""
    deadline = time.monotonic() + max_seconds
    total = DeliveryReport()
    while True:
        report = outbox_deliver_due(limit=limit, worker_id=worker_id, which=which)
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

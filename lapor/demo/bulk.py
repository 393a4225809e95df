"""Writing generated reports in bulk, one transaction per batch.

PostgreSQL: keys taken from the sequence up front and rows written by COPY; for large
runs, forked producers generate while this process copies. SQLite: ``bulk_create``.
Demo rows are written straight to their tables, not through ``reports.events``: a
bulk load announces nothing (no notifications, no outbox rows for a million events).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from lapor.agencies.models import Agency
from lapor.reports.models import Report, ReportEvent, ReportSearchDocument, ReportSweepState
from lapor.reports.search import search_documents_write

from .generator import (
    EVENT_COLUMNS,
    HISTORY_DAYS,
    REPORT_COLUMNS,
    SWEEP_COLUMNS,
    DemoPools,
    Generated,
    ReportGenerator,
)


@dataclass
class BulkResult:
    reports: int = 0
    events: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.reports / self.seconds if self.seconds else 0.0


# Below this many reports a producer process is not worth its start-up.
PRODUCER_MIN_COUNT = 20_000


def reports_generate(
    *,
    count: int,
    seed: int = 0,
    batch: int = 5000,
    focus: Agency | None = None,
    focus_share: float = 0.25,
    now: datetime | None = None,
    pools: DemoPools | None = None,
    history_days: int = HISTORY_DAYS,
    producers: int | None = None,
    progress: Callable[[BulkResult], None] | None = None,
) -> BulkResult:
    """Create ``count`` demo reports with their events, fast; one transaction per batch.

    PostgreSQL: primary keys are taken from the sequence up front, rows are written
    as COPY text; for large runs ``producers`` forked processes generate and format
    batches while this process streams them into COPY, so that Python and the
    database work at the same time. SQLite: ``bulk_create`` per batch. The first
    eight reports end in each status once, so even a tiny run covers them all.
    """
    import time

    from django.db import connection
    from django.utils import timezone

    started = time.monotonic()
    pools = pools or DemoPools.load()
    now = now or timezone.now()
    postgres = connection.vendor == "postgresql"
    if producers is None:
        producers = 1 if postgres and count >= PRODUCER_MIN_COUNT else 0
    if not postgres:
        producers = 0

    def generator(k: int) -> ReportGenerator:
        gen = ReportGenerator(
            pools,
            seed=seed * 1000 + k,
            now=now,
            focus=focus,
            focus_share=focus_share,
            history_days=history_days,
        )
        if k == 0:
            gen.cover_every_status()
        return gen

    result = BulkResult()

    def done(n_reports: int, n_events: int) -> None:
        result.reports += n_reports
        result.events += n_events
        result.seconds = time.monotonic() - started
        if progress is not None:
            progress(result)

    if producers:
        _generate_with_producers(count, batch, producers, generator, done)
    else:
        _generate_here(count, batch, generator(0), postgres, done)

    if postgres and count >= 10_000:
        with connection.cursor() as cursor:
            # Fresh statistics, so that the planner knows the tables just grew.
            cursor.execute(
                f"ANALYZE {Report._meta.db_table}, {ReportSweepState._meta.db_table}, "
                f"{ReportSearchDocument._meta.db_table}, {ReportEvent._meta.db_table}"
            )
    result.seconds = time.monotonic() - started
    return result


def _generate_here(
    count: int,
    batch: int,
    gen: ReportGenerator,
    postgres: bool,
    done: Callable[[int, int], None],
) -> None:
    from django.db import transaction

    seen: set[str] = set()
    remaining = count
    while remaining > 0:
        n = min(batch, remaining)
        with transaction.atomic():
            ids = _reserve_ids(n, postgres=postgres)
            tracking_ids = _fresh_tracking_ids(n, seen)
            generated = [gen.generate(pk, tid) for pk, tid in zip(ids, tracking_ids, strict=True)]
            n_events = sum(len(g.events) for g in generated)
            if postgres:
                _copy_in(*_copy_text(generated))
            else:
                Report.objects.bulk_create([g.report.to_model() for g in generated], batch_size=500)
                ReportSweepState.objects.bulk_create(
                    [g.sweep_to_model() for g in generated],
                    batch_size=500,
                )
                ReportEvent.objects.bulk_create(
                    [e.to_model(g.report.id) for g in generated for e in g.events],
                    batch_size=500,
                )
                search_documents_write(ids)
        remaining -= n
        done(n, n_events)


def _generate_with_producers(
    count: int,
    batch: int,
    producers: int,
    generator: Callable[[int], ReportGenerator],
    done: Callable[[int, int], None],
) -> None:
    """Forked producers generate and format batches; this process COPYs them in.

    Each producer owns a share of the tracking-ID space (by first digit) so that two
    producers never hand out the same ID before either is committed. A producer's
    batches arrive in the order it made them, so a duplicate always points at a
    report committed before it (or in the same batch: the foreign key is deferred).
    """
    import multiprocessing

    from django.db import transaction

    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue(maxsize=2 * producers)
    shares = [count // producers + (1 if k < count % producers else 0) for k in range(producers)]
    procs = [
        ctx.Process(
            target=_produce,
            args=(generator(k), shares[k], batch, queue, (k, producers)),
            daemon=True,
        )
        for k in range(producers)
    ]
    for proc in procs:
        proc.start()
    finished = 0
    try:
        while finished < producers:
            try:
                item = queue.get(timeout=5)
            except Exception:  # queue.Empty: check that the producers are still alive
                if not any(p.is_alive() for p in procs):
                    raise RuntimeError("The report producers stopped unexpectedly.") from None
                continue
            if item is None:
                finished += 1
                continue
            if isinstance(item, str):
                raise RuntimeError(f"A report producer failed:\n{item}")
            n, n_events, *texts = item
            with transaction.atomic():
                _copy_in(*texts)
            done(n, n_events)
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
            proc.join(timeout=10)


# Connections inherited from the parent by a forked producer: kept referenced and
# never closed there, since closing would end the parent's session on the same socket.
_INHERITED_CONNECTIONS: list[Any] = []


def _produce(
    gen: ReportGenerator, count: int, batch: int, queue: Any, shard: tuple[int, int]
) -> None:
    import traceback

    from django.db import connections

    for conn in connections.all(initialized_only=True):
        if conn.connection is not None:
            _INHERITED_CONNECTIONS.append(conn.connection)
        conn.connection = None  # the next query opens this process's own connection
    try:
        seen: set[str] = set()
        remaining = count
        while remaining > 0:
            n = min(batch, remaining)
            ids = _reserve_ids(n, postgres=True)
            tracking_ids = _fresh_tracking_ids(n, seen, shard=shard)
            generated = [gen.generate(pk, tid) for pk, tid in zip(ids, tracking_ids, strict=True)]
            queue.put((n, sum(len(g.events) for g in generated), *_copy_text(generated)))
            remaining -= n
        queue.put(None)
    except BaseException:
        queue.put(traceback.format_exc())
    finally:
        connections["default"].close()


def _fresh_tracking_ids(
    n: int, seen: set[str], *, shard: tuple[int, int] | None = None
) -> list[str]:
    """``n`` tracking IDs unused in the database and in this run (batches not yet
    committed are invisible to ``allocate_tracking_ids``)."""
    from lapor.reports.tracking import allocate_tracking_ids

    chosen: list[str] = []
    while len(chosen) < n:
        want = n - len(chosen)
        for tid in allocate_tracking_ids(want * (shard[1] if shard else 1)):
            if tid in seen or (shard and int(tid[0]) % shard[1] != shard[0]):
                continue
            seen.add(tid)
            chosen.append(tid)
            if len(chosen) == n:
                break
    return chosen


def _reserve_ids(n: int, *, postgres: bool) -> list[int]:
    """Primary keys for ``n`` reports, taken before the rows exist (events need them)."""
    from django.db import connection
    from django.db.models import Max

    if postgres:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [Report._meta.db_table, n],
            )
            return [row[0] for row in cursor.fetchall()]
    # SQLite: the batch's transaction holds the write lock (IMMEDIATE), so nobody
    # else can take these numbers before we insert them.
    start = (Report.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    return list(range(start, start + n))


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_value(value: Any) -> str:
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    kind = type(value)
    if kind is str:
        return value.translate(_COPY_ESCAPES)
    if kind is bool:
        return "t" if value else "f"
    if kind is datetime or kind is date:
        return value.isoformat()
    if kind is dict or kind is list:
        return json.dumps(value, ensure_ascii=False).translate(_COPY_ESCAPES)
    return str(value).translate(_COPY_ESCAPES)


def _copy_text(generated: list[Generated]) -> tuple[bytes, bytes, bytes, list[int]]:
    """The COPY text of a batch's reports, of their sweep states and of their events,
    and the reports' ids (for their search documents)."""
    value = _copy_value
    reports = ["\t".join([value(v) for v in g.report.row()]) + "\n" for g in generated]
    sweeps = ["\t".join([value(v) for v in g.sweep_row()]) + "\n" for g in generated]
    events = [
        "\t".join([value(v) for v in e.row(g.report.id)]) + "\n"
        for g in generated
        for e in g.events
    ]
    return (
        "".join(reports).encode(),
        "".join(sweeps).encode(),
        "".join(events).encode(),
        [cast(int, g.report.id) for g in generated],
    )


def _copy_in(
    reports_text: bytes, sweeps_text: bytes, events_text: bytes, report_ids: list[int]
) -> None:
    from django.db import connection

    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # the psycopg cursor under Django's wrapper
        with cursor.copy(
            f"COPY {Report._meta.db_table} ({', '.join(REPORT_COLUMNS)}) FROM STDIN"
        ) as copy:
            copy.write(reports_text)
        with cursor.copy(
            f"COPY {ReportSweepState._meta.db_table} ({', '.join(SWEEP_COLUMNS)}) FROM STDIN"
        ) as copy:
            copy.write(sweeps_text)
        with cursor.copy(
            f"COPY {ReportEvent._meta.db_table} ({', '.join(EVENT_COLUMNS)}) FROM STDIN"
        ) as copy:
            copy.write(events_text)
    # The words are stemmed by the database (``to_tsvector``), which COPY cannot call:
    # computed from the rows just copied, in the same transaction.
    search_documents_write(report_ids)

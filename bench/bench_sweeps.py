"""The deadline sweeps at scale: one full ``sweep_all`` with N reports due, and with none.

Usage (PostgreSQL; the database keeps its rows, see below)::

    createdb -h 127.0.0.1 -U postgres lapor_j_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/lapor_j_bench
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py import_wilayah
    .venv/bin/python manage.py seed_agencies
    .venv/bin/python manage.py generate_reports --count 1000000
    .venv/bin/python bench/bench_sweeps.py --due 10000 --all-open

How it measures without disturbing the data: the sweeps run at a moment ``T`` earlier
than every due date, reminder, escalation and 60-day mark in the table, so that nothing
is due at ``T`` however many reports are open; then ``--due`` reports (spread over the
table) are *planted* due at ``T``: expired holds, answers past their reply time, reports
60 days old, steps overdue at a unit or an agency (two escalations follow), and
reminders. The planted rows (and their sweep states) are saved to
``bench_sweeps_saved`` (``_sweep``) first and restored afterwards, with the events and
outbox rows the sweep wrote deleted, so the run is repeatable (an interrupted run is
repaired by the next). The sweeps commit for real.

``--all-open`` first makes every report of the table open (closed and archived ones
become in-progress and submitted, one UPDATE of the whole table, once): the target is
"1,000,000 open reports". It changes the database for good; use a dedicated one.

Targets (PostgreSQL, 1,000,000 open reports, 2 cores): one full sweep with 10,000 due
under 2 s, with none due under 0.2 s. ``--explain`` prints each sweep query's plan; the
run fails if any of them scans the reports table sequentially.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAVED = "bench_sweeps_saved"
TARGETS = {"due_sweep_ms": 2000.0, "idle_sweep_ms": 200.0}


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lapor.settings")
    import django

    django.setup()


# --- the table ----------------------------------------------------------------------


def _table() -> str:
    from lapor.reports.models import Report

    return Report._meta.db_table


def _columns() -> list[str]:
    from lapor.reports.models import Report

    return [f.column for f in Report._meta.concrete_fields]


def _sweep_table() -> str:
    from lapor.reports.models import ReportSweepState

    return ReportSweepState._meta.db_table


def _sweep_columns() -> list[str]:
    from lapor.reports.models import ReportSweepState

    return [str(f.column) for f in ReportSweepState._meta.concrete_fields]


def restore() -> int:
    """Put back the rows a previous (maybe interrupted) run planted; return how many."""
    from django.db import connection, transaction

    if SAVED not in connection.introspection.table_names():
        return 0
    table = _table()
    columns = [c for c in _columns() if c != "id"]
    assignments = ", ".join(f'"{c}" = s."{c}"' for c in columns)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {SAVED}")
        count = cursor.fetchone()[0]
        cursor.execute(f"UPDATE {table} SET {assignments} FROM {SAVED} s WHERE {table}.id = s.id")
        sweeps = _sweep_table()
        sweep_set = ", ".join(f'"{c}" = s."{c}"' for c in _sweep_columns() if c != "report_id")
        cursor.execute(
            f"UPDATE {sweeps} SET {sweep_set} FROM {SAVED}_sweep s "
            f"WHERE {sweeps}.report_id = s.report_id"
        )
        cursor.execute(f"SELECT max_event, max_outbox FROM {SAVED}_marks")
        max_event, max_outbox = cursor.fetchone()
        # Only the sweep wrote these (a bench database has no other writers).
        cursor.execute("DELETE FROM reports_reportevent WHERE id > %s", [max_event])
        cursor.execute("DELETE FROM core_outboxmessage WHERE id > %s", [max_outbox])
        cursor.execute(f"DROP TABLE {SAVED}")
        cursor.execute(f"DROP TABLE {SAVED}_sweep")
        cursor.execute(f"DROP TABLE {SAVED}_marks")
    return count


def make_all_open() -> int:
    """Closed and archived reports become open (in progress / submitted), for good."""
    from django.db import connection, transaction

    table = _table()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET status = CASE status WHEN 'closed' THEN 'in_progress' "
            "ELSE 'submitted' END, closed_at = NULL, archive_reason = '', "
            "duplicate_of_id = NULL, due_at = COALESCE(due_at, status_changed_at) "
            "WHERE status IN ('closed', 'archived')"
        )
        changed = cursor.rowcount
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {table}")
    return changed


def quiet_moment() -> datetime:
    """A moment before anything in the table is due (see the module's docstring)."""
    from django.db.models import Min

    from lapor.reports.models import WORKING_STEPS, Report, ReportSweepState
    from lapor.reports.transitions import CONSENT_AFTER

    states = ReportSweepState.objects
    # Each MIN reads the first entry of the index its sweep uses.
    candidates = [
        Report.objects.filter(status="on_hold").aggregate(m=Min("due_at"))["m"],
        Report.objects.filter(status="resolved").aggregate(m=Min("due_at"))["m"],
        states.filter(remind_at__isnull=False).aggregate(m=Min("remind_at"))["m"],
        states.filter(overdue_marked_at__isnull=True, overdue_at__isnull=False).aggregate(
            m=Min("overdue_at")
        )["m"],
        states.filter(escalation_due_at__isnull=False).aggregate(m=Min("escalation_due_at"))["m"],
    ]
    submitted = Report.objects.filter(status__in=WORKING_STEPS, ombudsman_consent="").aggregate(
        m=Min("submitted_at")
    )["m"]
    if submitted is not None:
        candidates.append(submitted + CONSENT_AFTER)
    known = [c for c in candidates if c is not None]
    from django.utils import timezone

    return (min(known) if known else timezone.now()) - timedelta(days=2)


def plant(n: int, at: datetime) -> dict[str, int]:
    """Make ``n`` reports due at ``at``, five kinds alike; save them first."""
    from django.db import connection, transaction
    from django.db.models import Max

    from lapor.core.models import OutboxMessage
    from lapor.reports.deadlines import report_recompute_deadlines
    from lapor.reports.models import Report, ReportEvent, ReportSweepState
    from lapor.reports.transitions import sweep_states_write

    table = _table()
    # Reports that an agency and a unit hold, spread over the table by id.
    pool = list(
        Report.objects.filter(agency__isnull=False, unit__isnull=False)
        .order_by("id")
        .values_list("id", flat=True)
    )
    if len(pool) < n:
        pool = list(Report.objects.filter(agency__isnull=False).values_list("id", flat=True))
    step = max(1, len(pool) // max(n, 1))
    ids = pool[::step][:n]
    kinds = {
        "holds_archived": ids[0::5],
        "auto_closed": ids[1::5],
        "consent_asked": ids[2::5],
        "overdue": ids[3::5],  # at a unit, or (every other one) at the agency itself
        "reminders": ids[4::5],
    }
    before = at - timedelta(hours=1)
    with transaction.atomic(), connection.cursor() as cursor:
        # Plain integers, written into the statement: both databases read a list this way.
        id_list = ",".join(str(int(pk)) for pk in ids)
        cursor.execute(f"CREATE TABLE {SAVED} AS SELECT * FROM {table} WHERE id IN ({id_list})")
        cursor.execute(
            f"CREATE TABLE {SAVED}_sweep AS SELECT * FROM {_sweep_table()} "
            f"WHERE report_id IN ({id_list})"
        )
        max_event = ReportEvent.objects.aggregate(m=Max("id"))["m"] or 0
        max_outbox = OutboxMessage.objects.aggregate(m=Max("id"))["m"] or 0
        cursor.execute(f"CREATE TABLE {SAVED}_marks (max_event bigint, max_outbox bigint)")
        cursor.execute(f"INSERT INTO {SAVED}_marks VALUES (%s, %s)", [max_event, max_outbox])

        quiet = {
            "submitted_at": at - timedelta(days=30),  # the Ombudsman is not due
            "closed_at": None,
            "archive_reason": "",
        }
        # Nothing pending, except what each kind sets below.
        ReportSweepState.objects.filter(report_id__in=ids).update(
            remind_at=None,
            overdue_at=None,
            overdue_marked_at=None,
            escalation_level=0,
            escalation_due_at=None,
        )
        Report.objects.filter(pk__in=kinds["holds_archived"]).update(
            **quiet, status="on_hold", hold_due_at=before, due_at=before
        )
        Report.objects.filter(pk__in=kinds["auto_closed"]).update(
            **quiet,
            status="resolved",
            resolved_at=at - timedelta(days=15),
            reply_due_at=before,
            due_at=before,
        )
        Report.objects.filter(pk__in=kinds["consent_asked"]).update(
            **{**quiet, "ombudsman_consent": "", "submitted_at": at - timedelta(days=61)},
            status="in_progress",
            disposed_at=at - timedelta(days=1),
            status_changed_at=at - timedelta(days=1),
        )
        # Their due dates as the flow would have set them (a consent question keeps them).
        consent = list(
            Report.objects.filter(pk__in=kinds["consent_asked"]).select_related("agency", "region")
        )
        recomputed = [report_recompute_deadlines(report) for report in consent]
        Report.objects.bulk_update(consent, ["resolution_due_at", "due_at"], batch_size=1000)
        sweep_states_write(
            [(report.pk, r.sweep) for report, r in zip(consent, recomputed, strict=True)]
        )
        overdue = kinds["overdue"]
        Report.objects.filter(pk__in=overdue).update(
            **quiet, status="in_progress", due_at=before, resolution_due_at=before
        )
        ReportSweepState.objects.filter(report_id__in=overdue).update(overdue_at=before)
        Report.objects.filter(pk__in=overdue[1::2]).update(unit=None)
        reminders = kinds["reminders"]
        Report.objects.filter(pk__in=reminders).update(
            **quiet, status="disposed", due_at=at + timedelta(hours=10)
        )
        ReportSweepState.objects.filter(report_id__in=reminders).update(
            remind_at=at - timedelta(minutes=1), overdue_at=at + timedelta(hours=10)
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {table}, {_sweep_table()}")
    return {kind: len(rows) for kind, rows in kinds.items()}


# --- measuring ----------------------------------------------------------------------


def explain(at: datetime) -> list[str]:
    """Each sweep query's plan; returns the names of those that scan the table."""
    from django.db import connection, transaction

    from lapor.reports.sweeps import BATCH_SIZE, DUE_QUERIES

    bad = []
    table = _table()
    for name, query in DUE_QUERIES.items():
        with transaction.atomic():
            qs = query(at)
            if name in ("reminders", "overdue", "escalations"):
                # As ``sweeps._sweep_marks`` locks them: the state and its report.
                qs = qs.select_for_update(skip_locked=True, of=("self", "report"))
            else:
                qs = qs.values_list("pk", flat=True)
            plan = qs[:BATCH_SIZE].explain()
        print(f"-- {name}\n{plan}\n")
        scans = (f"Seq Scan on {table}", f"Seq Scan on {_sweep_table()}")
        if connection.vendor == "postgresql" and any(scan in plan for scan in scans):
            bad.append(name)
    return bad


def _server_cpu_s() -> float | None:
    """CPU seconds this connection's PostgreSQL backend has used (when it runs here)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def sweep_ms(at: datetime) -> tuple[float, dict[str, int], float | None]:
    """Wall time of one ``sweep_all``, its counts, and the CPU it used in this process
    and in the database backend together (what it costs on an idle machine; wall time
    also counts other work on a busy one)."""
    from lapor.reports.sweeps import sweep_all

    server = _server_cpu_s()
    cpu = time.process_time()
    started = time.perf_counter()
    counts = sweep_all(now=at)
    wall = (time.perf_counter() - started) * 1000
    cpu = time.process_time() - cpu
    server_after = _server_cpu_s()
    cpu_ms = None
    if server is not None and server_after is not None:
        cpu_ms = (cpu + server_after - server) * 1000
    return wall, counts, cpu_ms


def run(due: int = 10000, *, show_plans: bool = False, verbose: bool = False) -> dict[str, float]:
    """The figures for ``bench/run.py``: ``due_sweep_ms``, ``idle_sweep_ms`` and
    ``per_due_report_us``."""
    from django.db import connection

    from lapor.deadlines.calendar import add_working_days
    from lapor.reports.choices import OPEN_STATUSES
    from lapor.reports.models import Report

    restore()
    at = quiet_moment()
    add_working_days(at, 3)  # build the calendar for that year outside the timing
    open_reports = Report.objects.filter(status__in=OPEN_STATUSES).count()
    due = min(due, open_reports // 10)
    if verbose:
        print(f"{connection.vendor}: {open_reports:,} open reports; sweeping at {at:%Y-%m-%d}")

    idle = []
    for _ in range(5):
        ms, counts, _cpu = sweep_ms(at)
        if any(counts.values()):
            raise SystemExit(f"Something is due before planting: {counts}")
        idle.append(ms)
    figures: dict[str, float] = {"idle_sweep_ms": round(statistics.median(idle), 1)}
    if due < 1:
        return figures
    try:
        planted = plant(due, at)
        if show_plans:
            bad = explain(at)
            if bad:
                raise SystemExit(f"Sequential scan in: {', '.join(bad)}")
        ms, counts, cpu_ms = sweep_ms(at)
        second, again, _cpu = sweep_ms(at)
    finally:
        restore()
    acted = sum(planted.values())
    if verbose:
        print(f"planted {planted}")
        print(f"swept   {counts} in {ms:,.0f} ms")
        print(f"again   {again} in {second:,.0f} ms")
    expected = {
        "holds_archived": planted["holds_archived"],
        "auto_closed": planted["auto_closed"],
        "consent_asked": planted["consent_asked"],
        "reminders": planted["reminders"],
        "overdue": planted["overdue"],
        # A step overdue at a unit goes to the agency; at the agency, to the nation.
        "escalated_to_agency": len(range(0, planted["overdue"], 2)),
        "escalated_to_national": len(range(1, planted["overdue"], 2)),
    }
    if counts != expected or any(again.values()):
        raise SystemExit(f"Unexpected counts: {counts} (expected {expected}), then {again}")
    figures["due_sweep_ms"] = round(ms, 1)
    figures["due_reports"] = acted
    figures["per_due_report_us"] = round(ms * 1000 / acted, 1)
    figures["second_sweep_ms"] = round(second, 1)
    if cpu_ms is not None:
        figures["due_sweep_cpu_ms"] = round(cpu_ms, 1)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--due", type=int, default=10000, help="Reports to make due.")
    parser.add_argument("--explain", action="store_true", help="Print the query plans.")
    parser.add_argument(
        "--all-open", action="store_true", help="First make every report open (for good)."
    )
    args = parser.parse_args(argv)
    setup_django()
    if args.all_open:
        restore()
        print(f"{make_all_open():,} closed or archived reports reopened")
    figures = run(args.due, show_plans=args.explain, verbose=True)
    failed = False
    for name, value in figures.items():
        target = TARGETS.get(name)
        mark = "" if target is None else ("ok" if value <= target else "MISS")
        failed |= mark == "MISS"
        suffix = f" (target <= {target:,.0f}) {mark}" if target else ""
        print(f"{name:>20}: {value:>10,}{suffix}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

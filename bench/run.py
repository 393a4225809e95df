"""``make bench``: the project's benchmarks, measured against their targets.

Usage::

    .venv/bin/python bench/run.py                 # every benchmark, on DATABASE_URL or SQLite
    .venv/bin/python bench/run.py --generate 100000   # first top the reports up to 100,000
    .venv/bin/python bench/run.py --only public_list --json

The query benchmarks use whatever reports are in the database, so load some first:
``manage.py generate_reports --count 1000000`` (after ``migrate``, ``import_wilayah``
and ``seed_agencies``), or pass ``--generate N``. Each benchmark is small and bounded
in time (a few seconds at most). Targets live in ``bench/baselines.json``; the run
prints one table and exits 1 when a figure misses its target.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BASELINES = Path(__file__).resolve().parent / "baselines.json"
RUNS = 200


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lapor.settings")
    # Name the database explicitly, so that bench_calendar does not switch to its own
    # in-memory one: every benchmark measures the same database.
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'db.sqlite3'}")
    import django

    django.setup()


# --- measuring --------------------------------------------------------------------


def timed(fn: Callable[[int], Any], runs: int) -> list[float]:
    """Milliseconds of ``fn(i)`` over ``runs`` calls, after two warm-up calls."""
    fn(0)
    fn(1)
    times = []
    for i in range(runs):
        t0 = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - t0) * 1000)
    return times


def percentiles(prefix: str, times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        f"{prefix}_p50_ms": round(statistics.median(ordered), 3),
        f"{prefix}_p95_ms": round(p95, 3),
    }


# --- the benchmarks ---------------------------------------------------------------


def bench_calendar(runs: int) -> dict[str, float]:
    import bench_calendar

    return bench_calendar.run()


def bench_tracking_lookup(runs: int) -> dict[str, float]:
    """A report found by its tracking ID, as the public page finds it."""
    import random

    from lapor.accounts.principals import VISITOR
    from lapor.core.exceptions import NotFound
    from lapor.reports.models import Report
    from lapor.reports.selectors import report_get_visible_to

    ids = _sample_tracking_ids(runs)
    if not ids:
        return {}
    rng = random.Random(1)
    rng.shuffle(ids)

    def lookup(i: int) -> None:
        # Confidential or not yet verified: not found, after the same work.
        with contextlib.suppress(NotFound):
            report_get_visible_to(VISITOR, tracking_id=ids[i % len(ids)])

    del Report
    return percentiles("lookup", timed(lookup, runs))


def bench_public_list(runs: int) -> dict[str, float]:
    """The first page of the public list: newest visible reports."""
    from lapor.accounts.principals import VISITOR
    from lapor.reports.selectors import report_list_visible_to

    def page(i: int) -> None:
        list(report_list_visible_to(VISITOR).order_by("-submitted_at")[:25])

    return percentiles("first_page", timed(page, runs))


def bench_agency_inbox(runs: int) -> dict[str, float]:
    """The busiest agency's open work by due date, the query under the console inbox
    (the whole page is measured by ``console``)."""
    from lapor.reports.models import INBOX_STEPS, Report

    agency_id = _busiest_agency()
    if agency_id is None:
        return {}
    steps = list(INBOX_STEPS)

    def inbox_open(i: int) -> None:
        list(
            Report.objects.filter(agency_id=agency_id, status__in=steps).order_by("due_at", "id")[
                :25
            ]
        )

    return percentiles("open_by_due", timed(inbox_open, max(runs // 4, 20)))


def bench_floor(runs: int) -> dict[str, float]:
    """The floor: a bare indexed ``ORDER BY submitted_at DESC LIMIT 25``."""
    from django.db import connection

    from lapor.reports.models import Report

    sql = (
        f"SELECT id, tracking_id, title, submitted_at FROM {Report._meta.db_table} "
        "ORDER BY submitted_at DESC LIMIT 25"
    )

    def query(i: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            cursor.fetchall()

    return percentiles("newest_25", timed(query, runs))


def bench_portal(runs: int) -> dict[str, float]:
    """The public list page, the whole request (bench_portal.py)."""
    import bench_portal

    return bench_portal.run(runs, timed, percentiles)


def bench_console(runs: int) -> dict[str, float]:
    """The verification queue and the agency inbox, the whole request (bench_console.py)."""
    import bench_console

    return bench_console.run(runs, timed, percentiles)


def bench_sweeps(runs: int) -> dict[str, float]:
    """One full deadline sweep with 10,000 reports due, and with none (bench_sweeps.py).

    It plants the due reports itself and puts every row back afterwards."""
    import bench_sweeps

    return bench_sweeps.run()


@dataclass(frozen=True)
class Benchmark:
    name: str
    run: Callable[[int], dict[str, float]]
    needs_reports: bool


REGISTRY: tuple[Benchmark, ...] = (
    Benchmark("calendar", bench_calendar, needs_reports=False),
    Benchmark("tracking_lookup", bench_tracking_lookup, needs_reports=True),
    Benchmark("public_list", bench_public_list, needs_reports=True),
    Benchmark("agency_inbox", bench_agency_inbox, needs_reports=True),
    Benchmark("floor", bench_floor, needs_reports=True),
    Benchmark("portal", bench_portal, needs_reports=True),
    Benchmark("console", bench_console, needs_reports=True),
    Benchmark("sweeps", bench_sweeps, needs_reports=True),
)


# --- helpers ----------------------------------------------------------------------


def _sample_tracking_ids(n: int) -> list[str]:
    """About ``n`` tracking IDs spread over the table, read by primary key ranges."""
    import random

    from django.db.models import Max, Min

    from lapor.reports.models import Report

    bounds = Report.objects.aggregate(lo=Min("pk"), hi=Max("pk"))
    if bounds["lo"] is None:
        return []
    rng = random.Random(0)
    pks = [rng.randint(bounds["lo"], bounds["hi"]) for _ in range(n * 2)]
    return list(Report.objects.filter(pk__in=pks).values_list("tracking_id", flat=True)[:n])


def _busiest_agency() -> int | None:
    """The agency with the most reports, estimated on a sample to stay fast."""
    from collections import Counter

    from lapor.reports.models import Report

    agencies = (
        Report.objects.exclude(agency=None)
        .order_by("-submitted_at")
        .values_list("agency_id", flat=True)[:20000]
    )
    counts = Counter(agencies)
    return counts.most_common(1)[0][0] if counts else None


def load_baselines() -> dict[str, dict[str, Any]]:
    data = json.loads(BASELINES.read_text())
    return {k: v for k, v in data.items() if not k.startswith("_")}


def judge(value: float, baseline: dict[str, Any] | None) -> tuple[str, bool | None]:
    """The target as text and whether ``value`` meets it (None: no target)."""
    if not baseline:
        return "", None
    target = baseline["target"]
    if baseline.get("better", "lower") == "higher":
        return f">= {target:,}", value >= target
    return f"<= {target:,}", value <= target


def print_table(rows: list[tuple[str, str, str, str, str]]) -> None:
    header = ("benchmark", "figure", "measured", "baseline/target", "ok?")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(5)]
    line = "+-" + "-+-".join("-" * w for w in widths) + "-+"
    print(line)
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |")
    print(line)
    for row in rows:
        cells = [
            str(c).rjust(w) if i == 2 else str(c).ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        print("| " + " | ".join(cells) + " |")
    print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--generate", type=int, default=0, metavar="N", help="Top the reports up to N first."
    )
    parser.add_argument("--only", action="append", help="Run only this benchmark (repeatable).")
    parser.add_argument(
        "--runs", type=int, default=RUNS, help=f"Queries per timing (default {RUNS})."
    )
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON too.")
    args = parser.parse_args(argv)

    setup_django()
    from django.db import connection

    from lapor.reports.models import Report

    if Report._meta.db_table not in connection.introspection.table_names():
        print("The database has no tables: run `manage.py migrate` first.", file=sys.stderr)
        return 2
    if args.generate:
        generate_up_to(args.generate)
    reports = Report.objects.count()
    print(
        f"Database: {connection.vendor} ({connection.settings_dict['NAME']}), {reports:,} reports"
    )
    if reports == 0:
        print("No reports: the query benchmarks are skipped (load some with --generate N).")

    baselines = load_baselines()
    rows: list[tuple[str, str, str, str, str]] = []
    figures: dict[str, float] = {}
    failed = False
    for bench in REGISTRY:
        if args.only and bench.name not in args.only:
            continue
        if bench.needs_reports and reports == 0:
            continue
        for figure, value in bench.run(args.runs).items():
            key = f"{bench.name}.{figure}"
            figures[key] = value
            target, ok = judge(value, baselines.get(key))
            failed |= ok is False
            mark = "" if ok is None else ("ok" if ok else "MISS")
            rows.append((bench.name, figure, f"{value:,}", target, mark))
    print_table(rows)
    if args.json:
        print(json.dumps(figures, indent=2))
    return 1 if failed else 0


def generate_up_to(n: int) -> None:
    from lapor.demo.bulk import reports_generate
    from lapor.demo.generator import DemoDataMissing, demo_reporters_ensure
    from lapor.reports.models import Report

    missing = n - Report.objects.count()
    if missing <= 0:
        return
    demo_reporters_ensure(count=2000)
    try:
        result = reports_generate(count=missing, seed=int(time.time()))
    except DemoDataMissing as exc:
        raise SystemExit(str(exc)) from exc
    print(f"Generated {result.reports:,} reports in {result.seconds:.1f} s.")


if __name__ == "__main__":
    sys.exit(main())

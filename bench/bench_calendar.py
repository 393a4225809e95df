"""Micro-benchmark: ``deadlines.calendar.add_working_days`` calls per second.

Bulk generators (seeding, sweeps, imports) call it about a million times, so it must
stay well above 100,000 calls/s. Run ``python bench/bench_calendar.py``; ``run()``
returns the figures for ``make bench``.

Without DATABASE_URL it uses an in-memory SQLite database with the deadlines tables,
so it needs no set-up; the calendar reads the Holiday table once and then never again.
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

CALLS = 300_000


def _setup_django() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lapor.settings")
    in_memory = "DATABASE_URL" not in os.environ
    if in_memory:
        os.environ["DATABASE_URL"] = "sqlite://:memory:"
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    if in_memory:
        from django.core.management import call_command

        call_command("migrate", "deadlines", verbosity=0)


def run(calls: int = CALLS) -> dict[str, float]:
    _setup_django()
    from lapor.deadlines.calendar import add_working_days, calendar_clear_cache

    zones = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]
    base = datetime(2026, 1, 1, 9, tzinfo=ZoneInfo("Asia/Jakarta"))
    # Starts spread over three years at odd hours, with every legal length.
    starts = [base + timedelta(hours=7 * i) for i in range(4096)]
    lengths = [3, 5, 10, 14, 60]

    calendar_clear_cache()
    t0 = time.perf_counter()
    add_working_days(base, 3, tz="Asia/Jakarta")
    cold_ms = (time.perf_counter() - t0) * 1000

    t0 = time.perf_counter()
    for i in range(calls):
        add_working_days(starts[i & 4095], lengths[i % 5], tz=zones[i % 3])
    elapsed = time.perf_counter() - t0
    return {
        "add_working_days_per_s": round(calls / elapsed),
        "add_working_days_us": round(elapsed / calls * 1e6, 3),
        "calendar_cold_build_ms": round(cold_ms, 1),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))

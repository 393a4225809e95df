"""``manage.py run_sweeps``: act on due dates (reminders, overdue, escalation, system moves)."""

from __future__ import annotations

import threading
import time
from argparse import ArgumentParser
from typing import Any

from lapor.core.management.loop import LoopingCommand, positive_float
from lapor.reports.sweeps import BATCH_SIZE, sweep_all

HELP = """Run every deadline sweep once (or every --interval seconds with --loop).

Reminds one working day before each due date, marks missed due dates overdue,
escalates overdue steps (unit -> agency admin -> national admin after 3 working days),
asks reporters about the Ombudsman 60 days after submission, closes answers left
unanswered past the reply time, and archives holds that expired. Every sweep is
idempotent and reads only what is due, so running it often is cheap, and two runs at
once share the work (FOR UPDATE SKIP LOCKED on PostgreSQL). What it does is published
as report events; notifications go out through the outbox (`outbox_dispatch`).

From cron, every five minutes:

    */5 * * * *  lapor  cd /srv/lapor && .venv/bin/python manage.py run_sweeps

As a systemd service (SIGTERM finishes the current pass):

    # /etc/systemd/system/lapor-sweeps.service
    [Unit]
    Description=LAPOR! deadline sweeps
    After=network.target postgresql.service

    [Service]
    User=lapor
    WorkingDirectory=/srv/lapor
    EnvironmentFile=/etc/lapor/env
    ExecStart=/srv/lapor/.venv/bin/python manage.py run_sweeps --loop --interval 300
    Restart=always
    KillSignal=SIGTERM
    TimeoutStopSec=120

    [Install]
    WantedBy=multi-user.target

Or let a django-tasks worker run `lapor.reports.tasks.run_sweeps_task` on a schedule.
"""


class Command(LoopingCommand):
    help = HELP

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--loop",
            action="store_true",
            help="Keep running: a pass every --interval seconds until SIGTERM or SIGINT.",
        )
        parser.add_argument(
            "--interval",
            type=positive_float,
            default=300.0,
            help="Seconds between passes, with --loop (default: %(default)s).",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help="Reports per transaction (default: %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch_size"] < 1:
            options["batch_size"] = BATCH_SIZE
        if not options["loop"]:
            self._pass(options)
            return
        if options["verbosity"] >= 1:
            self.stdout.write(f"run_sweeps: a pass every {options['interval']:g}s")

        def one_pass(stop: threading.Event) -> bool:
            return self._pass(options, quiet_when_idle=True)

        self.run_loop(one_pass, interval=options["interval"], wait_after_work=True)

    def _pass(self, options: dict[str, Any], *, quiet_when_idle: bool = False) -> bool:
        started = time.perf_counter()
        counts = sweep_all(batch_size=options["batch_size"])
        seconds = time.perf_counter() - started
        worked = any(counts.values())
        if options["verbosity"] >= 1 and (worked or not quiet_when_idle):
            figures = ", ".join(f"{name} {count}" for name, count in counts.items())
            self.stdout.write(f"{figures} ({seconds:.2f} s)")
        return worked

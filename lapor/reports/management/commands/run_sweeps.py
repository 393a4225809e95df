"""``manage.py run_sweeps``: act on due dates (reminders, overdue, escalation, system moves)."""

from __future__ import annotations

import signal
import threading
import time
from argparse import ArgumentParser, ArgumentTypeError, RawDescriptionHelpFormatter
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser, DjangoHelpFormatter
from django.db import close_old_connections

from lapor.reports.sweeps import BATCH_SIZE, sweep_all


class _HelpFormatter(DjangoHelpFormatter, RawDescriptionHelpFormatter):
    """Keep the line breaks of the examples below."""


def _positive(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise ArgumentTypeError("must be greater than zero")
    return number


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


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--loop",
            action="store_true",
            help="Keep running: a pass every --interval seconds until SIGTERM or SIGINT.",
        )
        parser.add_argument(
            "--interval",
            type=_positive,
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
        stop = threading.Event()

        def request_stop(signum: int, frame: FrameType | None) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)
        if options["verbosity"] >= 1:
            self.stdout.write(f"run_sweeps: a pass every {options['interval']:g}s")
        while not stop.is_set():
            close_old_connections()
            self._pass(options, quiet_when_idle=True)
            close_old_connections()
            stop.wait(options["interval"])

    def _pass(self, options: dict[str, Any], *, quiet_when_idle: bool = False) -> None:
        started = time.perf_counter()
        counts = sweep_all(batch_size=options["batch_size"])
        seconds = time.perf_counter() - started
        if options["verbosity"] < 1 or (quiet_when_idle and not any(counts.values())):
            return
        figures = ", ".join(f"{name} {count}" for name, count in counts.items())
        self.stdout.write(f"{figures} ({seconds:.2f} s)")

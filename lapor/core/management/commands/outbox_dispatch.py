"""``manage.py outbox_dispatch``: the periodic pass that delivers the outbox."""

from __future__ import annotations

import threading
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError

from lapor.core.management.loop import LoopingCommand, positive_float
from lapor.core.outbox import (
    DeliveryReport,
    SubscriberFilter,
    default_worker_id,
    outbox_drain,
    outbox_subscribers,
)

HELP = """Deliver the outbox messages that are due (new, retried, or left by a dead worker).

Safe to run in any number of processes at once: each subscriber's row of a message is
claimed by one of them (FOR UPDATE SKIP LOCKED on PostgreSQL). By default a process
delivers every subscriber's rows; --subscriber and --exclude-subscriber give a slow
subscriber (a webhook) a process of its own, so that the others never wait on it.

The deliver_outbox task that a commit queues delivers promptly while `manage.py
db_worker` runs; this command is what guarantees delivery even when that task is lost,
so run it always, in one of two ways.

From cron, one pass a minute (it stops after --max-seconds, before the next one):

    * * * * *  lapor  cd /srv/lapor && .venv/bin/python manage.py outbox_dispatch --max-seconds 50

As a systemd service, polling every 5 seconds (SIGTERM finishes the current batch):

    # /etc/systemd/system/lapor-outbox.service
    [Unit]
    Description=LAPOR! outbox dispatcher
    After=network.target postgresql.service

    [Service]
    User=lapor
    WorkingDirectory=/srv/lapor
    EnvironmentFile=/etc/lapor/env
    ExecStart=/srv/lapor/.venv/bin/python manage.py outbox_dispatch --loop --interval 5
    Restart=always
    KillSignal=SIGTERM
    TimeoutStopSec=60

    [Install]
    WantedBy=multi-user.target

and, beside it, the django-tasks worker for the prompt path:

    ExecStart=/srv/lapor/.venv/bin/python manage.py db_worker --no-reload --interval 1
"""


class Command(LoopingCommand):
    help = HELP

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--loop",
            action="store_true",
            help="Keep running: poll every --interval seconds until SIGTERM or SIGINT.",
        )
        parser.add_argument(
            "--interval",
            type=positive_float,
            default=5.0,
            help="Seconds to wait when nothing was due, with --loop (default: %(default)s).",
        )
        parser.add_argument(
            "--limit",
            type=int,
            default=100,
            help="Messages to claim per pass before checking the clock (default: %(default)s).",
        )
        parser.add_argument(
            "--max-seconds",
            type=positive_float,
            default=50.0,
            help="Without --loop: stop starting new batches after this long (default: "
            "%(default)s, under a cron minute).",
        )
        parser.add_argument(
            "--subscriber",
            action="append",
            default=[],
            metavar="NAME",
            help="Deliver only this subscriber's rows (repeatable).",
        )
        parser.add_argument(
            "--exclude-subscriber",
            action="append",
            default=[],
            metavar="NAME",
            help="Leave this subscriber's rows to another process (repeatable).",
        )
        parser.add_argument(
            "--worker-id",
            default="",
            help="Name this worker in the rows it holds (default: host:pid:thread).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        worker_id = options["worker_id"] or default_worker_id()
        which = SubscriberFilter(
            only=tuple(options["subscriber"]), exclude=tuple(options["exclude_subscriber"])
        )
        known = {s.name for s in outbox_subscribers()}
        unknown = sorted(set(which.only + which.exclude) - known)
        if unknown:
            raise CommandError(f"No such outbox subscriber: {', '.join(unknown)}")
        if not options["loop"]:
            report = outbox_drain(
                limit=options["limit"],
                max_seconds=options["max_seconds"],
                worker_id=worker_id,
                which=which,
            )
            self._say(report, options["verbosity"])
            return
        if options["verbosity"] >= 1:
            self.stdout.write(f"outbox_dispatch {worker_id}: polling every {options['interval']}s")

        def one_pass(stop: threading.Event) -> bool:
            report = outbox_drain(
                limit=options["limit"],
                max_seconds=options["max_seconds"],
                worker_id=worker_id,
                should_stop=stop.is_set,
                which=which,
            )
            self._say(report, options["verbosity"], quiet_when_idle=True)
            return report.claimed > 0

        self.run_loop(one_pass, interval=options["interval"], wait_after_work=False)

    def _say(
        self, report: DeliveryReport, verbosity: int, *, quiet_when_idle: bool = False
    ) -> None:
        if verbosity < 1 or (quiet_when_idle and report.claimed == 0 and report.dead == 0):
            return
        self.stdout.write(
            f"claimed {report.claimed}, delivered {report.delivered}, retrying "
            f"{report.failed}, dead {report.dead}"
        )
        for error in report.errors if verbosity >= 2 else []:
            self.stderr.write(error)

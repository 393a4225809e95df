"""``manage.py send_digests``: promise (and optionally send) today's digest e-mails.

From cron, once a day at 06:30 WIB::

    30 6 * * *  lapor  cd /srv/lapor && .venv/bin/python manage.py send_digests

The outbox (``outbox_dispatch``) sends them; ``--deliver`` sends them at once. Running
it twice the same day sends nothing new: one digest per official per day.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lapor.core.outbox import outbox_drain
from lapor.notifications.services import notifications_send_digests


class Command(BaseCommand):
    help = "Promise today's digest e-mail to every official with work due (one per day)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", help="The digest's day (YYYY-MM-DD); today in WIB by default."
        )
        parser.add_argument(
            "--deliver", action="store_true", help="Deliver due outbox messages now."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        day = None
        if options["date"]:
            try:
                day = date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError("--date must be YYYY-MM-DD") from exc
        promised = notifications_send_digests(day=day)
        self.stdout.write(f"{promised} digests promised")
        if options["deliver"]:
            report = outbox_drain(max_seconds=300)
            self.stdout.write(
                f"outbox: {report.delivered} delivered, {report.failed} failed, {report.dead} dead"
            )

"""``manage.py purge_write_drafts``: delete report drafts nobody touched for a week."""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand

from lapor.portal.drafts import DRAFT_MAX_AGE, drafts_purge


class Command(BaseCommand):
    help = (
        "Delete the write flow's drafts (and their uploaded files) untouched for "
        f"--days days (default {DRAFT_MAX_AGE.days}). Safe to run often, e.g. daily."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--days", type=int, default=DRAFT_MAX_AGE.days)

    def handle(self, *args: Any, days: int, **options: Any) -> None:
        if days < 1:
            self.stderr.write("--days must be at least 1")
            return
        count = drafts_purge(older_than=timedelta(days=days))
        self.stdout.write(f"Purged {count} draft(s) older than {days} day(s).")

"""``manage.py import_wilayah``: load Kemendagri regions from the shipped CSV files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lapor.core.exceptions import ValidationFailed
from lapor.regions.services import LEVEL_KEYS, WILAYAH_DIR, wilayah_import


class Command(BaseCommand):
    help = (
        "Create or update regions (provinces to villages) from the wilayah CSV files. "
        "Safe to run again: unchanged regions are not written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--path",
            type=Path,
            default=WILAYAH_DIR,
            help=f"Folder holding provinces.csv ... villages.csv (default: {WILAYAH_DIR}).",
        )
        parser.add_argument(
            "--levels",
            nargs="+",
            choices=LEVEL_KEYS,
            default=None,
            help="Import only these levels; their parents must already be loaded.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = wilayah_import(
                path=options["path"], levels=options["levels"], stdout=self.stdout
            )
        except ValidationFailed as exc:
            lines = [f"{where}: {msg}" for where, msgs in exc.errors.items() for msg in msgs]
            raise CommandError("Nothing was imported.\n" + "\n".join(lines)) from exc
        totals = {
            key: sum(level[key] for level in result["levels"].values())
            for key in ("created", "updated", "unchanged")
        }
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {result['seconds']:.2f}s: {totals['created']} created, "
                f"{totals['updated']} updated, {totals['unchanged']} unchanged."
            )
        )

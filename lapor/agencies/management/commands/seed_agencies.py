"""``manage.py seed_agencies``: the agency tree, topics and routing rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lapor.agencies.seed import SEED_DIR, seed_agencies


class Command(BaseCommand):
    help = (
        "Create or update agencies (ministries, lembaga, BUMN, regional governments and "
        "their units), the topic tree and routing rules. Needs `import_wilayah` first. "
        "Safe to run again: nothing is duplicated, deleted or moved."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=SEED_DIR,
            help=f"Folder holding the seed JSON files (default: {SEED_DIR}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = seed_agencies(data_dir=options["data_dir"], stdout=self.stdout)
        for kind, n in sorted(result.agencies_created.items()):
            self.stdout.write(f"  {kind}: {n} created")
        self.stdout.write(
            f"Agencies: {result.total_agencies_created} created, "
            f"{result.agencies_renamed} renamed, {result.agencies_skipped} skipped "
            "(parent missing)."
        )
        self.stdout.write(
            f"Categories: {result.categories_created} created, {result.categories_renamed} renamed."
        )
        self.stdout.write(
            f"Routing rules: {result.rules_created} created, {result.rules_skipped} skipped "
            "(category or agency missing)."
        )
        self.stdout.write(self.style.SUCCESS(f"Done in {result.seconds:.2f}s."))

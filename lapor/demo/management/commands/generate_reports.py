"""``manage.py generate_reports --count N``: bulk demo reports for demos and benchmarks."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lapor.agencies.models import Agency
from lapor.demo.bulk import BulkResult, reports_generate
from lapor.demo.generator import DemoDataMissing, DemoPools, demo_reporters_ensure


class Command(BaseCommand):
    help = (
        "Create N realistic reports (every status, consistent events and due dates). "
        "Needs regions and agencies: run import_wilayah and seed_agencies first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, required=True, help="How many reports.")
        parser.add_argument("--seed", type=int, default=0, help="Random seed (default 0).")
        parser.add_argument("--batch", type=int, default=5000, help="Reports per transaction.")
        parser.add_argument(
            "--agency",
            metavar="CODE",
            help="Put a share of the reports in this agency (or unit), for inbox benchmarks.",
        )
        parser.add_argument(
            "--agency-share",
            type=float,
            default=0.25,
            help="The share of reports for --agency (default 0.25).",
        )
        parser.add_argument(
            "--reporters",
            type=int,
            default=2000,
            help="Make sure this many demo reporters exist to file the reports (default 2000).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count = options["count"]
        if count < 0:
            raise CommandError("--count must not be negative.")
        if options["batch"] < 1:
            raise CommandError("--batch must be at least 1.")
        focus = None
        if options["agency"]:
            focus = Agency.objects.filter(code=options["agency"]).first()
            if focus is None:
                raise CommandError(f"No agency with code {options['agency']!r}.")
        created = demo_reporters_ensure(count=options["reporters"])
        if created:
            self.stdout.write(f"Created {created} demo reporters.")
        try:
            pools = DemoPools.load()
        except DemoDataMissing as exc:
            raise CommandError(str(exc)) from exc

        step = max(options["batch"], min(100_000, max(count // 20, 1)))
        next_report = [step]

        def progress(result: BulkResult) -> None:
            if result.reports >= next_report[0] or result.reports == count:
                next_report[0] += step
                self.stdout.write(
                    f"  {result.reports:>10,} reports  {result.events:>11,} events  "
                    f"{result.seconds:7.1f} s  {result.rate:8,.0f} reports/s"
                )

        result = reports_generate(
            count=count,
            seed=options["seed"],
            batch=options["batch"],
            focus=focus,
            focus_share=options["agency_share"],
            pools=pools,
            progress=progress,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {result.reports:,} reports and {result.events:,} events "
                f"in {result.seconds:.1f} s ({result.rate:,.0f} reports/s)."
            )
        )

"""Print the effective days off of a year: the package's holidays plus corrections."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from lapor.deadlines.calendar import days_off_in_year, region_within, working_days_in_year
from lapor.deadlines.models import Holiday, HolidayKind


class Command(BaseCommand):
    help = "Show the weekday days off and the number of working days of a year."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, default=timezone.localdate().year)
        parser.add_argument(
            "--region", default=None, help="Region code, to include its local holidays."
        )

    def handle(self, *args: Any, year: int, region: str | None, **options: Any) -> None:
        for day, name in days_off_in_year(year, region_code=region):
            self.stdout.write(f"{day:%Y-%m-%d} {day:%a}  {name}")
        corrections = Holiday.objects.filter(date__year=year, kind=HolidayKind.WORKING_DAY)
        for row in corrections:
            if row.region_id is None or region_within(region, row.region_id):
                scope = f" [{row.region_id}]" if row.region_id else ""
                self.stdout.write(
                    f"{row.date:%Y-%m-%d} {row.date:%a}  + working day: {row.name}{scope}"
                )
        count = len(working_days_in_year(year, region_code=region))
        where = f" (region {region})" if region else ""
        self.stdout.write(f"{count} working days in {year}{where}.")

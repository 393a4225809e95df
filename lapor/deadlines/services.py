"""Writes for the holiday corrections of the working-day calendar."""

from __future__ import annotations

from datetime import date as date_type

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lapor.core.exceptions import ValidationFailed
from lapor.regions.models import Region

from .calendar import calendar_invalidate
from .models import Holiday, HolidayKind


def _invalidate() -> None:
    # Now, so that this process (and the rest of this transaction) counts with the
    # change; and again after commit, so that other processes that rebuilt their
    # calendars in between do not keep a calendar without the change.
    calendar_invalidate()
    transaction.on_commit(calendar_invalidate)


def holiday_validate(
    *, date: date_type, kind: str, region: Region | None, exclude_pk: int | None = None
) -> None:
    """Raise ``ValidationFailed`` for a row the calendar could not use."""
    errors: dict[str, list[str]] = {}
    if kind not in HolidayKind.values:
        errors["kind"] = [str(_("Choose a valid kind."))]
    if kind == HolidayKind.LOCAL and region is None:
        errors["region"] = [str(_("A local holiday needs a region."))]
    clash = Holiday.objects.filter(date=date, region=region)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        errors["date"] = [str(_("There is already a holiday on this date for this region."))]
    if errors:
        raise ValidationFailed(errors)


@transaction.atomic
def holiday_create(
    *, date: date_type, name: str, kind: str = HolidayKind.NATIONAL, region: Region | None = None
) -> Holiday:
    """Add a correction to the calendar: a day off, or a working day (``working_day``)."""
    holiday_validate(date=date, kind=kind, region=region)
    holiday = Holiday.objects.create(date=date, name=name.strip(), kind=kind, region=region)
    _invalidate()
    return holiday


@transaction.atomic
def holiday_delete(*, holiday: Holiday) -> None:
    holiday.delete()
    _invalidate()


def holiday_changed() -> None:
    """Tell the calendar that Holiday rows changed outside the services (the admin)."""
    _invalidate()

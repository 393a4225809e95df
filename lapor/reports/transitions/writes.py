"""Set-based writes of locked reports and their sweep state, shared by both forms of a
move (``engine.transition`` for one report, ``bulk.transition_many`` for a batch) and
by the sweeps' marks.

A batch of a thousand system moves is usually one ``UPDATE`` of the reports and one of
their sweep states: rows given the same values share a statement.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import F
from django.utils import timezone

from lapor.agencies.models import Agency
from lapor.regions.models import Region

from ..models import Report, ReportSweepState

# Report field name → column attname (``agency`` → ``agency_id``).
ATTNAME = {f.name: f.attname for f in Report._meta.concrete_fields}


def report_attach_places(
    reports: Sequence[Report], *, agencies: dict[int, Agency] | None = None
) -> None:
    """Give the reports their agency, unit and region objects, each read once.

    What permissions and deadlines read (paths, timezones). A batch has a few hundred
    distinct agencies for a thousand reports: two ``IN`` queries instead of three joins
    per row, and one object per agency instead of one per row. ``agencies``, when
    given, holds the agencies already read and gets the new ones: a sweep of many
    batches reads each agency once (for the few seconds it runs).
    """
    agencies = {} if agencies is None else agencies
    agency_ids = {r.agency_id for r in reports} | {r.unit_id for r in reports}
    agency_ids -= {None, *agencies}
    # A report's region matters (for its timezone) only while no agency holds it.
    region_ids = {r.region_id for r in reports if r.agency_id is None} - {None}
    if agency_ids:
        agencies.update(Agency.objects.in_bulk(agency_ids))
    regions = Region.objects.in_bulk(region_ids) if region_ids else {}
    agency_field, unit_field, region_field = (
        Report.agency.field,
        Report.unit.field,
        Report.region.field,
    )
    for report in reports:
        if report.agency_id is not None:
            agency_field.set_cached_value(report, agencies[report.agency_id])
        if report.unit_id is not None:
            unit_field.set_cached_value(report, agencies[report.unit_id])
        if report.region_id in regions:
            region_field.set_cached_value(report, regions[report.region_id])


def report_bulk_write(
    changes: Sequence[tuple[Report, Sequence[str]]], *, bump_version: bool
) -> None:
    """Write the changed columns of locked reports with as few statements as possible.

    Rows that change the same columns to the same values (a batch of auto-closes: status,
    closed_at, due_at) share one ``UPDATE ... WHERE id IN (...)``; on PostgreSQL that is
    far cheaper than ``bulk_update``'s ``CASE WHEN id = ...`` per column, which is kept
    for batches whose values differ row by row. The rows are locked, so ``version + 1``
    in SQL is the version each object already holds.
    """
    groups: dict[tuple[tuple[str, ...], tuple[Any, ...]], list[Report]] = defaultdict(list)
    for report, names in changes:
        columns = tuple(sorted(ATTNAME.get(name, name) for name in names))
        groups[(columns, tuple(getattr(report, c) for c in columns))].append(report)
    updated_at = timezone.now()
    for report, _names in changes:
        report.updated_at = updated_at
    if len(groups) > max(_FEW_GROUPS, len(changes) // _FEW_GROUPS):
        by_columns: dict[tuple[str, ...], list[Report]] = defaultdict(list)
        for (columns, _values), reports in groups.items():
            by_columns[columns].extend(reports)
        for columns, reports in by_columns.items():
            extra = ["updated_at", "version"] if bump_version else ["updated_at"]
            Report.objects.bulk_update(reports, [*columns, *extra], batch_size=500)
        return
    for (columns, values), reports in groups.items():
        update: dict[str, Any] = dict(zip(columns, values, strict=True))
        update["updated_at"] = updated_at
        if bump_version:
            update["version"] = F("version") + 1
        for start in range(0, len(reports), 1000):
            chunk = reports[start : start + 1000]
            Report.objects.filter(pk__in=[r.pk for r in chunk]).update(**update)


# Up to this many distinct changes (or one per this many rows) get one UPDATE each.
_FEW_GROUPS = 20


def sweep_states_write(states: Sequence[tuple[int, Mapping[str, Any]]]) -> None:
    """Write reports' sweep state (``Recomputed.sweep``, by report id; empty: nothing).

    Like ``report_bulk_write``: rows given the same values (a batch of closes resets
    them all alike) share one ``UPDATE ... WHERE report_id IN (...)``; a report that has
    no row yet (made outside the flow) gets one, with the other columns at their
    defaults. Values that differ row by row go in one ``INSERT ... ON CONFLICT DO
    UPDATE`` per set of columns.
    """
    states = [(pk, values) for pk, values in states if values]
    groups: dict[tuple[tuple[str, Any], ...], list[int]] = defaultdict(list)
    for report_id, values in states:
        groups[tuple(sorted(values.items()))].append(report_id)
    if len(groups) <= max(_FEW_GROUPS, len(states) // _FEW_GROUPS):
        for items, ids in groups.items():
            values = dict(items)
            for start in range(0, len(ids), 1000):
                chunk = ids[start : start + 1000]
                rows = ReportSweepState.objects.filter(report_id__in=chunk)
                if rows.update(**values) < len(chunk):
                    have = set(rows.values_list("report_id", flat=True))
                    ReportSweepState.objects.bulk_create(
                        [ReportSweepState(report_id=pk, **values) for pk in chunk if pk not in have]
                    )
        return
    by_columns: dict[tuple[str, ...], list[ReportSweepState]] = defaultdict(list)
    for report_id, values in states:
        by_columns[tuple(sorted(values))].append(ReportSweepState(report_id=report_id, **values))
    for columns, objs in by_columns.items():
        ReportSweepState.objects.bulk_create(
            objs,
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["report"],
            update_fields=list(columns),
        )


__all__ = ["ATTNAME", "report_attach_places", "report_bulk_write", "sweep_states_write"]

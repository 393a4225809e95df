"""The agency apps' reads: their reports, one report, and the changes feed.

**The changes feed** (``GET /api/v1/agency/changes?cursor=…``) lists every event on
the reports an agency key reads as its officials do (``reports.selectors.
events_related_to``), and gives an opaque cursor that the client keeps (only the
string: it survives restarts of either side) and sends back for what follows.

Why a plain "id greater than the last one" is not enough: on PostgreSQL an event's id
is drawn from a sequence when it is inserted, but becomes visible when its transaction
commits. A move that drew id 41 and commits after another move's id 42 is committed
and read would be skipped forever by a client that paged past 42.

So the cursor carries a *watermark* (the highest event id it has moved past, across
all agencies) and the *holes* below it: ids missing from the table when the page was
read (``gaps``). Every page first looks the holes up again: a hole that has since
appeared as one of this agency's events is delivered then (a late commit, delivered
after the events that overtook it, never lost); a hole that appeared as another
agency's event, or stays empty past ``GAP_TTL`` (a rolled-back insert), is dropped.
A hole is only recorded while the event after it is younger than ``GAP_TTL``: an id
left empty longer than that is a rollback, since no transaction that writes events
runs for ten minutes (moves lock one report; the sweeps commit in batches). Within one
report the order is exact: every write on a report locks its row before drawing the
event's id, so its events commit in id order.

A report that comes to the agency later (a transfer) brings its earlier events along
only in ``GET /agency/reports/{tracking_id}``: the feed goes forward.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lapor.accounts.principals import Principal
from lapor.core.exceptions import ValidationFailed
from lapor.reports.models import Report, ReportEvent
from lapor.reports.selectors import (
    event_actor_label_for,
    events_related_to,
    reports_related_to,
)

GAP_TTL = timedelta(minutes=10)
# How many event ids (of all agencies) one page looks at, at most.
SCAN_MAX = 5000
GAPS_MAX = 500
PAGE_MAX = 500
ID_MAX = 2**63  # a bigint: anything larger is no id at all


@dataclass
class Cursor:
    watermark: int = 0
    # id → when it was first seen missing (epoch seconds, rounded down)
    gaps: dict[int, float] = field(default_factory=dict)

    def encode(self) -> str:
        raw = json.dumps(
            {"w": self.watermark, "g": sorted([i, int(t)] for i, t in self.gaps.items())},
            separators=(",", ":"),
        ).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, value: str | None) -> Cursor:
        if not value:
            return cls()
        try:
            raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
            data = json.loads(raw)
            watermark = int(data["w"])
            gaps = {int(i): float(t) for i, t in data["g"]}
        except (binascii.Error, ValueError, TypeError, KeyError, json.JSONDecodeError):
            raise ValidationFailed({"cursor": [_("This cursor is not valid.")]}) from None
        if not all(0 <= i < ID_MAX for i in (watermark, *gaps)):
            raise ValidationFailed({"cursor": [_("This cursor is not valid.")]})
        return cls(watermark, gaps)


@dataclass
class ChangesPage:
    events: list[ReportEvent]
    cursor: str
    has_more: bool


def changes_page(
    principal: Principal, *, cursor: str | None, limit: int = 100, now: datetime | None = None
) -> ChangesPage:
    """The next events of the feed after ``cursor`` (see the module's docstring)."""
    limit = max(1, min(limit, PAGE_MAX))
    now_ts = (now or timezone.now()).timestamp()
    ttl = GAP_TTL.total_seconds()
    state = Cursor.decode(cursor)
    mine = events_related_to(principal)
    delivered: list[ReportEvent] = []

    # 1. The holes of earlier pages: late commits come in now.
    if state.gaps:
        present = set(
            ReportEvent.objects.filter(pk__in=list(state.gaps)).values_list("pk", flat=True)
        )
        if present:
            delivered += list(_with_report(mine.filter(pk__in=present)).order_by("pk"))
        state.gaps = {i: t for i, t in state.gaps.items() if i not in present and now_ts - t < ttl}

    # 2. Forward from the watermark.
    room = limit - len(delivered)
    ids = list(
        ReportEvent.objects.filter(pk__gt=state.watermark)
        .order_by("pk")
        .values_list("pk", "created_at")[:SCAN_MAX]
    )
    has_more = len(ids) == SCAN_MAX
    if ids and room > 0:
        last_scanned = ids[-1][0]
        forward = list(
            _with_report(mine.filter(pk__gt=state.watermark, pk__lte=last_scanned).order_by("pk"))[
                : room + 1
            ]
        )
        if len(forward) > room:
            forward = forward[:room]
            last_scanned = forward[-1].pk
            has_more = True
        delivered += forward
        previous = state.watermark
        for pk, created_at in ids:
            if pk > last_scanned:
                break
            if pk > previous + 1 and now_ts - created_at.timestamp() < ttl:
                for hole in range(max(previous + 1, pk - GAPS_MAX), pk):
                    state.gaps[hole] = now_ts
            previous = pk
        state.watermark = last_scanned
    elif ids:
        has_more = True
    if len(state.gaps) > GAPS_MAX:
        state.gaps = dict(sorted(state.gaps.items())[-GAPS_MAX:])
    return ChangesPage(events=delivered, cursor=state.encode(), has_more=has_more)


def _with_report(qs: QuerySet[ReportEvent]) -> QuerySet[ReportEvent]:
    # What labelling an event for the principal reads (event_actor_label_for).
    return qs.select_related(
        "report",
        "report__reporter",
        "report__agency",
        "report__unit",
        "report__target_agency",
        "actor",
        "actor_agency",
    )


def event_dict(principal: Principal, event: ReportEvent) -> dict[str, Any]:
    """An event as an agency's officials read it (the feed and the timeline)."""
    return {
        "id": event.pk,
        "tracking_id": event.report.tracking_id,
        "code": event.code,
        "created_at": event.created_at.isoformat(),
        "from_status": event.from_status,
        "to_status": event.to_status,
        "note": event.note,
        "visibility": event.visibility,
        "actor": event_actor_label_for(principal, event),
        "data": event.data,
    }


# --- the agency's reports --------------------------------------------------------


def agency_reports_page(
    principal: Principal,
    *,
    status: str | None = None,
    updated_since: datetime | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[Report], str | None]:
    """The reports handled in the key's subtree (what its officials' inbox reads),
    most recently changed last, with a keyset cursor: ``(updated_at, id)`` of the last
    one, so that a report changing while the client pages comes round again."""
    limit = max(1, min(limit, PAGE_MAX))
    qs = reports_related_to(principal)
    if status:
        qs = qs.filter(status=status)
    if updated_since is not None:
        qs = qs.filter(updated_at__gte=_utc(updated_since, "updated_since"))
    if cursor:
        after_at, after_id = _decode_list_cursor(cursor)
        qs = qs.filter(updated_at__gte=after_at).exclude(updated_at=after_at, pk__lte=after_id)
    rows = list(
        qs.select_related(
            "agency", "unit", "target_agency", "category", "region", "reporter"
        ).order_by("updated_at", "pk")[: limit + 1]
    )
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        raw = json.dumps([last.updated_at.isoformat(), last.pk]).encode()
        next_cursor = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    return rows, next_cursor


def _utc(value: datetime, field: str) -> datetime:
    """An aware time in UTC (a naive one is read in the server's zone): the database
    refuses offsets beyond ±15 hours, which ISO 8601 allows."""
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ValidationFailed({field: [_("Enter a valid date and time.")]}) from None


def _decode_list_cursor(value: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        at, pk = json.loads(raw)
        parsed = datetime.fromisoformat(at)
        if not 0 <= int(pk) < ID_MAX:
            raise ValueError(pk)
        return _utc(parsed, "cursor"), int(pk)
    except (binascii.Error, ValueError, TypeError, json.JSONDecodeError):
        raise ValidationFailed({"cursor": [_("This cursor is not valid.")]}) from None


__all__ = [
    "GAP_TTL",
    "ChangesPage",
    "Cursor",
    "agency_reports_page",
    "changes_page",
    "event_dict",
]

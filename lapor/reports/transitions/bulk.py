"""The batch form of a move: ``transition_many``, one move on many reports.

The sweeps (system moves by the thousand) and the console's bulk disposition and spam
archiving use it. Each row goes through the same checks and changes as one
``transition`` (``engine.make_move``), in one transaction, with one locking query and
set-based writes (``writes``), so that a sweep of 10,000 due reports stays within its
benchmark (``bench/bench_sweeps.py``): no query per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lapor.accounts.principals import Principal
from lapor.agencies.models import Agency
from lapor.core.exceptions import ServiceError

from ..events import events_append
from ..models import Report, ReportEvent
from ..search import search_documents_write
from .engine import SEARCHED_FIELDS, Made, make_move
from .inputs import action_of, guard
from .table import Action
from .writes import report_attach_places, report_bulk_write, sweep_states_write


@dataclass
class TransitionManyResult:
    """What ``transition_many`` did: the reports moved, their moves' events, and why each
    other report was not moved."""

    done: list[int] = field(default_factory=list)
    skipped: dict[int, str] = field(default_factory=dict)
    events: list[ReportEvent] = field(default_factory=list)


def transition_many(
    *,
    report_ids: Iterable[int],
    action: Action | str,
    actor: Principal,
    note: str = "",
    params: dict[str, Any] | None = None,
    now: datetime | None = None,
    agencies: dict[int, Agency] | None = None,
) -> TransitionManyResult:
    """Make ``action`` on each of the reports, in one transaction.

    Each row goes through the same checks and changes as ``transition`` (``make_move``):
    a row the move is illegal for, that ``actor`` may not move, or whose input does not
    fit it (a unit outside its agency) is skipped with the reason and left unchanged;
    so is a row another transaction holds (PostgreSQL ``SKIP LOCKED``: a sweep never
    waits on an official; on SQLite the ``IMMEDIATE`` transaction serialises writers).
    Bad input for the whole batch (``params``) raises ``ValidationFailed`` at once.

    Writes are set-based: one ``UPDATE`` per distinct set of changed values (a batch of
    system moves is usually one), one ``INSERT`` of the events, one of their outbox rows.
    ``agencies``: see ``report_attach_places`` (a sweep passes one for all its batches).
    """
    now = now or timezone.now()
    action = action_of(action)
    cleaned = guard(action, principal=actor, note=note, visibility=None, params=params)
    ids = list(dict.fromkeys(int(pk) for pk in report_ids))
    result = TransitionManyResult()
    if not ids:
        return result

    with transaction.atomic():
        # No batch move reads the long text (a corrected one is written, never read):
        # leaving it in the database saves loading it for every row.
        rows = {
            report.pk: report
            for report in Report.objects.select_for_update(skip_locked=True)
            .defer("description")
            .filter(pk__in=ids)
        }
        report_attach_places(list(rows.values()), agencies=agencies)
        missing = [pk for pk in ids if pk not in rows]
        busy = (
            set(Report.objects.filter(pk__in=missing).values_list("pk", flat=True))
            if missing
            else set()
        )
        made: list[Made] = []
        for pk in ids:
            report = rows.get(pk)
            if report is None:
                result.skipped[pk] = str(
                    _("Another change to this report is in progress.")
                    if pk in busy
                    else _("There is no such report.")
                )
                continue
            try:
                made.append(make_move(action, report, actor, cleaned, now))
            except ServiceError as exc:
                result.skipped[pk] = exc.message
        if not made:
            return result

        report_bulk_write([(m.report, m.fields) for m in made], bump_version=True)
        sweep_states_write([(m.report.pk, m.sweep) for m in made])
        search_documents_write(
            [m.report.pk for m in made if SEARCHED_FIELDS.intersection(m.fields)]
        )
        events = events_append([e for m in made for e in m.events])
        # The moves' own events (a move's note written apart follows its move).
        moves = {m.event.code for m in made}
        result.events = [e for e in events if e.code in moves]
        result.done = [m.report.pk for m in made]
    return result


__all__ = ["TransitionManyResult", "transition_many"]

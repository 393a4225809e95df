"""Every event the demo generator writes is a move of the one table.

The generator does not call ``reports.transitions`` (a bulk load through the service
would take hours); it mirrors the moves instead. This is the check that the mirror
stays true: walked in order, each event of each generated report is a row of
``TRANSITIONS`` (from-status, to-status, event code), or a registered code that is not
a move and leaves the status alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from lapor.demo.bulk import reports_generate
from lapor.demo.generator import DemoPools, ReportGenerator
from lapor.reports.choices import Status
from lapor.reports.events import EVENT_TYPES
from lapor.reports.models import ReportEvent
from lapor.reports.transitions import TRANSITIONS

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 5, 4, 3, 0, tzinfo=UTC)  # Monday 10:00 WIB
REPORTS_IN_MEMORY = 3000


def legal_moves() -> frozenset[tuple[str, str, str]]:
    """(from-status, to-status, event code) of every row of the table; a new report
    comes from the empty status."""
    rows = set()
    for move in TRANSITIONS.values():
        for source in move.sources or {""}:
            for target in move.possible_targets(source):
                rows.add((str(source), str(target), move.event))
    return frozenset(rows)


MOVE_CODES = frozenset(move.event for move in TRANSITIONS.values())
# Registered codes that are not moves (sweeps' marks, notes, assignments, redactions).
OTHER_CODES = frozenset(EVENT_TYPES) - MOVE_CODES


@dataclass(frozen=True)
class Step:
    """The part of an event that the table decides."""

    code: str
    from_status: str
    to_status: str


def illegal_steps(steps: Sequence[Step]) -> list[str]:
    """What is wrong with one report's events, walked in order (empty: nothing)."""
    legal = legal_moves()
    problems = []
    status = ""
    for i, step in enumerate(steps):
        where = f"#{i} {step.code} {step.from_status or '(new)'} -> {step.to_status}"
        if step.from_status != status:
            problems.append(f"{where}: the report was {status or '(new)'}")
        if step.code in MOVE_CODES:
            if (step.from_status, step.to_status, step.code) not in legal:
                problems.append(f"{where}: not a row of the table")
        elif step.code in OTHER_CODES:
            if step.from_status != step.to_status or not step.from_status:
                problems.append(f"{where}: a code that is not a move changed the status")
        else:
            problems.append(f"{where}: unregistered code")
        status = step.to_status
    return problems


def steps_by_report(events: Iterable[ReportEvent]) -> dict[int, list[Step]]:
    by_report: dict[int, list[Step]] = {}
    for e in events:
        by_report.setdefault(e.report_id, []).append(Step(e.code, e.from_status, e.to_status))
    return by_report


def test_every_generated_event_is_a_legal_move(world):
    reports_generate(count=300, seed=11, batch=100, now=NOW)

    events = ReportEvent.objects.order_by("report_id", "created_at", "id")
    by_report = steps_by_report(events)
    assert len(by_report) == 300
    problems = {pk: p for pk, steps in by_report.items() if (p := illegal_steps(steps))}
    assert problems == {}


def test_the_generator_walks_every_move_legally(world):
    # In memory, enough reports for the rare paths (a decline, a refused hand-over), so
    # that a wrong mirror of any move of the table would show.
    generator = ReportGenerator(DemoPools.load(), seed=5, now=NOW, history_days=120)
    generator.cover_every_status()
    seen: set[str] = set()
    for _ in range(REPORTS_IN_MEMORY):
        generated = generator.generate()
        steps = [Step(e.code, e.from_status, e.to_status) for e in generated.events]
        assert illegal_steps(steps) == [], [s.code for s in steps]
        seen.update(s.code for s in steps)
    assert seen == MOVE_CODES


def _closed_path() -> list[Step]:
    S = Status
    return [
        Step("report.submitted", "", S.SUBMITTED),
        Step("report.disposed", S.SUBMITTED, S.DISPOSED),
        Step("report.followed_up", S.DISPOSED, S.IN_PROGRESS),
        Step("report.resolved", S.IN_PROGRESS, S.RESOLVED),
        Step("report.closed", S.RESOLVED, S.CLOSED),
    ]


def test_a_legal_path_passes():
    assert illegal_steps(_closed_path()) == []


@pytest.mark.parametrize(
    ("index", "broken", "reason"),
    [
        # A move from a status the table does not allow it from.
        (2, Step("report.followed_up", Status.DISPOSED, Status.RESOLVED), "not a row"),
        # Closed straight after the disposition: skips the answer.
        (4, Step("report.closed", Status.RESOLVED, Status.ARCHIVED), "not a row"),
        # A step that does not start where the last one ended.
        (3, Step("report.resolved", Status.DISPOSED, Status.RESOLVED), "the report was"),
        # A code nobody registered.
        (2, Step("report.teleported", Status.DISPOSED, Status.IN_PROGRESS), "unregistered"),
        # A note is not a move.
        (2, Step("report.noted", Status.DISPOSED, Status.IN_PROGRESS), "not a move"),
    ],
)
def test_a_broken_event_is_caught(index, broken, reason):
    steps = _closed_path()
    steps[index] = broken
    problems = illegal_steps(steps)
    assert problems and reason in problems[0], problems


def test_a_broken_generated_event_is_caught(world):
    # The same check on rows the generator wrote, with one of them made illegal.
    reports_generate(count=40, seed=3, batch=40, now=NOW)
    event = ReportEvent.objects.filter(code="report.disposed").order_by("report_id", "id").first()
    assert event is not None
    by_report = steps_by_report(ReportEvent.objects.filter(report_id=event.report_id))
    steps = by_report[event.report_id]
    assert illegal_steps(steps) == []
    i = next(i for i, s in enumerate(steps) if s.code == "report.disposed")
    steps[i] = Step("report.disposed", Status.SUBMITTED, Status.IN_PROGRESS)
    assert any("not a row of the table" in p for p in illegal_steps(steps))

"""Two officials make conflicting moves on one report at the same moment.

The row lock (``select_for_update`` on PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite) makes
the second wait for the first and then find the report already moved: exactly one
succeeds, the other gets ``InvalidTransition``.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.db import connection, connections

from lapor.accounts.choices import Role
from lapor.core.exceptions import InvalidTransition
from lapor.reports.choices import Status
from lapor.reports.models import Report, ReportEvent
from lapor.reports.transitions import Action, engine, transition
from lapor.testing.factories import as_official, make_member

from .flow_world import FAST_HASHERS, build_world, report_in


def _race(monkeypatch: pytest.MonkeyPatch) -> tuple[list[Any], Report, ReportEvent | None]:
    world = build_world()
    report = report_in(world, Status.SUBMITTED, now=report_now())
    verifiers = [make_member(Role.ADMIN_NASIONAL), make_member(Role.ADMIN_NASIONAL)]
    targets = [world.agency, world.other]

    # Hold the lock a little longer inside the move, so that the two really overlap.
    real = engine.report_recompute_deadlines

    def slow(r: Report) -> list[str]:
        time.sleep(0.2)
        return real(r)

    monkeypatch.setattr(engine, "report_recompute_deadlines", slow)

    barrier = threading.Barrier(2)
    results: list[Any] = [None, None]

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            transition(
                report_id=report.pk,
                action=Action.DISPOSE,
                actor=as_official(verifiers[i]),
                params={"agency_id": targets[i].pk},
            )
            results[i] = "ok"
        except Exception as exc:
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    report.refresh_from_db()
    event = ReportEvent.objects.filter(report=report, code="report.disposed").first()
    return results, report, event


def report_now():
    from django.utils import timezone

    return timezone.now()


def _assert_one_winner(results: list[Any], report: Report, event: ReportEvent | None) -> None:
    assert sorted(type(r).__name__ for r in results) == ["InvalidTransition", "str"], results
    assert sum(isinstance(r, InvalidTransition) for r in results) == 1
    winner = results.index("ok")
    assert report.status == Status.DISPOSED
    assert report.version == 1  # make_report starts at 0: one move only
    assert ReportEvent.objects.filter(report=report, code="report.disposed").count() == 1
    assert event is not None and event.data["agency"]["new"] == report.agency_id
    assert winner in (0, 1)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_verifiers_dispose_at_once_postgres(settings, monkeypatch):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    _assert_one_winner(*_race(monkeypatch))


def _sqlite_file_db() -> bool:
    if connection.vendor != "sqlite":
        return False
    name = str(connection.settings_dict["NAME"])
    return ":memory:" not in name and "mode=memory" not in name


@pytest.mark.django_db(transaction=True)
def test_two_verifiers_dispose_at_once_sqlite(settings, monkeypatch):
    # An in-memory SQLite test database uses shared-cache table locks, which fail at
    # once instead of waiting; the guarantee is only meaningful on a file database
    # (SQLITE_FILE_TEST_DB=1), as in development.
    if not _sqlite_file_db():
        pytest.skip("needs a file SQLite test database (SQLITE_FILE_TEST_DB=1)")
    settings.PASSWORD_HASHERS = FAST_HASHERS
    _assert_one_winner(*_race(monkeypatch))

"""The outbox under real failure: a worker killed mid-delivery, two workers racing.

Both need a database that other connections (a subprocess, threads) can see: PostgreSQL,
or SQLite with a file test database (``SQLITE_FILE_TEST_DB=1``).

This module also registers the subscribers that the ``outbox_dispatch`` subprocess uses
(through ``OUTBOX_HANDLER_MODULES``), so that both sides run the same code.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import time_machine
from django.db import connection, connections, transaction

from lapor.core.models import OutboxMessage, OutboxStatus
from lapor.core.outbox import (
    outbox_deliver_due,
    outbox_publish,
    outbox_publish_many,
    outbox_subscriber,
)

ROOT = Path(__file__).resolve().parents[3]

# --- subscribers (also loaded by the subprocess) ---------------------------------------


@outbox_subscriber("test.worker.record", "test.worker.record")
def _record(payload: dict[str, Any], message: OutboxMessage) -> None:
    """Append the call to a log file; in the subprocess, block on the marked message."""
    with open(payload["log"], "a") as log:
        log.write(f"{message.idempotency_key} {os.getpid()}\n")
    if payload.get("block") and os.environ.get("OUTBOX_TEST_BLOCK") == "1":
        Path(payload["marker"]).write_text(str(os.getpid()))
        time.sleep(120)  # killed long before


_race_calls: Counter[int] = Counter()
_race_by_worker: Counter[str] = Counter()
_race_lock = threading.Lock()


@outbox_subscriber("test.worker.count", "test.worker.count")
def _count(payload: dict[str, Any], message: OutboxMessage) -> None:
    with _race_lock:
        _race_calls[payload["n"]] += 1
        _race_by_worker[message.locked_by] += 1
    time.sleep(0.001)  # long enough for the two workers to interleave


# --- helpers ----------------------------------------------------------------------------


def _shared_database_url() -> str:
    """The test database as a URL another process can open, or skip."""
    s = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = quote(s["USER"] or "")
        if s.get("PASSWORD"):
            auth += ":" + quote(s["PASSWORD"])
        return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    name = str(s["NAME"])
    if connection.vendor == "sqlite" and ":memory:" not in name and "mode=memory" not in name:
        return f"sqlite:///{name}"
    pytest.skip("needs PostgreSQL or a file SQLite test database (SQLITE_FILE_TEST_DB=1)")


def _wait_for(path: Path, proc: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"outbox_dispatch exited early with {proc.returncode}")
        if time.monotonic() > deadline:
            raise AssertionError("outbox_dispatch did not reach the handler in time")
        time.sleep(0.05)


# --- SIGKILL mid-delivery ---------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_delivery_loses_nothing(settings, tmp_path, monkeypatch):
    database_url = _shared_database_url()
    settings.OUTBOX_KICK_ON_COMMIT = False
    settings.OUTBOX_LEASE_SECONDS = 300
    monkeypatch.delenv("OUTBOX_TEST_BLOCK", raising=False)
    log, marker = tmp_path / "calls.log", tmp_path / "in-handler"
    with transaction.atomic():
        outbox_publish(
            topic="test.worker.record",
            key="kill-0",
            payload={"log": str(log), "block": True, "marker": str(marker)},
        )
        for n in range(1, 4):
            outbox_publish(topic="test.worker.record", key=f"kill-{n}", payload={"log": str(log)})

    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "OUTBOX_HANDLER_MODULES": __name__,
        "OUTBOX_TEST_BLOCK": "1",
        "OUTBOX_LEASE_SECONDS": "300",
        "LOG_LEVEL": "WARNING",
    }
    with open(tmp_path / "worker.out", "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "manage.py", "outbox_dispatch", "--loop", "--interval", "0.2"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_for(marker, proc, timeout=60)
            os.kill(proc.pid, signal.SIGKILL)
            assert proc.wait(timeout=10) == -signal.SIGKILL
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)

    # The worker died inside the first handler, holding the batch it had claimed.
    assert log.read_text().split()[::2] == ["kill-0"]
    rows = {m.idempotency_key: m for m in OutboxMessage.objects.all()}
    assert {m.status for m in rows.values()} == {OutboxStatus.DELIVERING}
    assert rows["kill-0"].attempts == 1
    lease_end = max(m.locked_until for m in rows.values())

    # While the lease lasts nobody else takes them ...
    assert outbox_deliver_due(worker_id="rescuer").claimed == 0
    # ... and once it is over, every message is delivered; the interrupted one once more.
    with time_machine.travel(lease_end + timedelta(seconds=1), tick=False):
        report = outbox_deliver_due(worker_id="rescuer")
    assert (report.claimed, report.delivered) == (4, 4)
    calls = Counter(log.read_text().split()[::2])
    assert calls == {"kill-0": 2, "kill-1": 1, "kill-2": 1, "kill-3": 1}
    rows = {m.idempotency_key: m for m in OutboxMessage.objects.all()}
    assert {m.status for m in rows.values()} == {OutboxStatus.DELIVERED}
    assert rows["kill-0"].attempts == 2
    assert "lost its lease" in rows["kill-0"].last_error


# --- two workers, one delivery each ----------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_workers_deliver_each_message_exactly_once(settings):
    _shared_database_url()  # skips on an in-memory SQLite database
    settings.OUTBOX_KICK_ON_COMMIT = False
    settings.OUTBOX_BATCH_SIZE = 5
    total = 200
    with transaction.atomic():
        outbox_publish_many(
            topic="test.worker.count", messages=[(f"race-{n}", {"n": n}) for n in range(total)]
        )
    _race_calls.clear()
    _race_by_worker.clear()
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def work(name: str) -> None:
        try:
            barrier.wait(timeout=10)
            while outbox_deliver_due(limit=20, worker_id=name).claimed:
                pass
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(f"worker-{i}",)) for i in range(2)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a worker hung"
    assert errors == []
    assert time.monotonic() - started < 120

    assert _race_calls == dict.fromkeys(range(total), 1)
    # Both really worked, or the test proved nothing about concurrency.
    assert set(_race_by_worker) == {"worker-0", "worker-1"}, _race_by_worker
    assert sum(_race_by_worker.values()) == total
    assert OutboxMessage.objects.filter(status=OutboxStatus.DELIVERED, attempts=1).count() == total

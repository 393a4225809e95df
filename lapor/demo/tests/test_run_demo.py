"""``manage.py run_demo`` (what ``make run`` starts) keeps the promises of the pages.

Real processes: the supervisor starts the web server, the task worker, the outbox
delivery and the sweeps against this test's database. An officer's follow-up, committed
here through the service, must reach the reporter's notifications page in the browser
(served by the supervisor's own web server) and its e-mail the supervisor's output.
Nothing in this process delivers anything (no kick on commit), so only the children can
have done it.

Needs a database other processes can open: PostgreSQL, or SQLite with a file test
database (``SQLITE_FILE_TEST_DB=1``, as ``make test`` runs).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from lapor.accounts.choices import Role
from lapor.accounts.services import user_create
from lapor.agencies.choices import AgencyKind
from lapor.reports import services
from lapor.testing.factories import (
    CategoryFactory,
    as_citizen,
    as_official,
    make_agency,
    make_member,
    make_region,
)

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "kopi-tubruk-2026"
NOTE = "Petugas kami sudah memeriksa saluran di depan rumah nomor 12 pagi ini."
STARTED = re.compile(r"^(\w+)\s+\| started \(pid (\d+)\)", re.MULTILINE)


def _shared_database_url() -> str:
    """The test database as a URL the children can open, or skip."""
    s = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = quote(s["USER"] or "")
        if s.get("PASSWORD"):
            auth += ":" + quote(s["PASSWORD"])
        return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    name = str(s["NAME"])
    if ":memory:" in name or "mode=memory" in name:
        pytest.skip("needs PostgreSQL or a file SQLite test database (SQLITE_FILE_TEST_DB=1)")
    return f"sqlite:///{name}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(what: str, check, proc: subprocess.Popen[bytes], out: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if proc.poll() is not None:
            raise AssertionError(f"run_demo exited ({proc.returncode}):\n{out.read_text()}")
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout:g} s\n{out.read_text()[-4000:]}")
        time.sleep(0.5)


def _serving(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/", timeout=2) as response:  # noqa: S310 (local)
            return bool(response.status == 200)
    except OSError:
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _world():
    village = make_region("32.73.01.1001", name="Sukajadi")
    agency = make_agency("Pemerintah Kota Bandung", AgencyKind.PEMKAB, region=make_region("32.73"))
    category = CategoryFactory(name="Drainase dan banjir", slug="drainase-banjir")
    reporter = user_create(email="budi@example.test", password=PASSWORD, full_name="Budi Warga")
    verifier = make_member(Role.ADMIN_NASIONAL)
    clerk = make_member(Role.ADMIN_INSTANSI, agency)
    report = services.report_submit(
        actor=as_citizen(reporter),
        classification="pengaduan",
        title="Saluran air tersumbat di Jl. Cihampelas",
        description="Sejak hujan deras minggu lalu saluran air meluap ke jalan dan rumah warga.",
        region_code=village.code,
        category_id=category.pk,
    ).report
    services.report_dispose(report_id=report.pk, actor=as_official(verifier), agency_id=agency.pk)
    return report, reporter, clerk


@pytest.mark.browser
def test_a_follow_up_reaches_the_reporter_while_run_demo_runs(page, settings, tmp_path):
    database_url = _shared_database_url()
    # Only the supervisor's children may deliver: no task is queued from this process.
    settings.OUTBOX_KICK_ON_COMMIT = False
    report, reporter, clerk = _world()

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    out = tmp_path / "run_demo.out"
    env = {k: v for k, v in os.environ.items() if k not in ("EMAIL_BACKEND", "SMS_GATEWAY")}
    env.update(DATABASE_URL=database_url, LOG_LEVEL="INFO", NOTIFICATIONS_SITE_URL=base)
    argv = [sys.executable, "manage.py", "run_demo", f"127.0.0.1:{port}", "--noreload"]
    argv += ["--outbox-interval", "1", "--sweep-interval", "600"]
    started: dict[str, int] = {}
    with open(out, "wb") as sink:
        proc = subprocess.Popen(  # noqa: S603 - our own python and manage.py
            argv, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            _wait("the web server answers", lambda: _serving(base), proc, out, timeout=90)
            started = {name: int(pid) for name, pid in STARTED.findall(out.read_text())}
            assert set(started) >= {"web", "worker", "outbox", "sweeps"}, started

            # The reporter signs in on the supervisor's web server.
            page.goto(base + "/akun/masuk/")
            page.fill("#id_login", reporter.email)
            page.fill("#id_password", PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_url(re.compile(r"/laporan/saya/"))

            services.report_follow_up(report_id=report.pk, actor=as_official(clerk), note=NOTE)

            def notice_shown() -> bool:
                page.goto(base + "/notifikasi/")
                return NOTE in page.locator("#notification-list").inner_text()

            _wait("the in-app notice", notice_shown, proc, out, timeout=60)
            # The same page names the follow-up in Indonesian, linked to the report.
            link = page.locator(f"#notification-list a[href*='{report.tracking_id}']").first
            assert link.inner_text() == "Ada kabar baru tentang laporan Anda"

            email = f"E-mail to {reporter.email}: LAPOR! #{report.tracking_id}: Ada kabar baru"
            _wait("the e-mail in the output", lambda: email in out.read_text(), proc, out, 60)
            assert NOTE in out.read_text().split(email, 1)[1]

            # SIGTERM stops the supervisor and every child with it.
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=60) == 0, out.read_text()[-4000:]
            assert [name for name, pid in started.items() if _alive(pid)] == []
            assert "run_demo | stopped (SIGTERM received)." in out.read_text()
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
            for pid in started.values():  # each child leads its own group
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pid, signal.SIGKILL)


def test_run_demo_stops_everything_when_a_child_dies(tmp_path):
    database_url = _shared_database_url()
    out = tmp_path / "run_demo.out"
    env = {**os.environ, "DATABASE_URL": database_url}
    argv = [sys.executable, "manage.py", "run_demo", f"127.0.0.1:{_free_port()}", "--noreload"]
    started: dict[str, int] = {}
    with open(out, "wb") as sink:
        proc = subprocess.Popen(  # noqa: S603 - our own python and manage.py
            argv, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            _wait(
                "four children started",
                lambda: len(STARTED.findall(out.read_text())) >= 4,
                proc,
                out,
                timeout=30,
            )
            started = {name: int(pid) for name, pid in STARTED.findall(out.read_text())}
            time.sleep(2)  # let them boot
            os.killpg(started["outbox"], signal.SIGKILL)
            assert proc.wait(timeout=60) == 1
            text = out.read_text()
            assert (
                f"outbox exited with code -{int(signal.SIGKILL)}; the others were stopped" in text
            )
            assert [name for name, pid in started.items() if _alive(pid)] == []
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
            for pid in started.values():
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pid, signal.SIGKILL)

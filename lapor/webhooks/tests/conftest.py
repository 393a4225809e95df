"""A small world for the webhook tests, and a local HTTP server that receives deliveries."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from lapor.accounts.choices import Role
from lapor.accounts.models import User
from lapor.accounts.principals import principal_for_user
from lapor.agencies.models import Agency
from lapor.reports import services as report_services
from lapor.reports.models import Report
from lapor.testing.factories import UserFactory, make_agency, make_member, make_region, make_unit


@pytest.fixture(autouse=True)
def _webhook_settings(settings: Any) -> None:
    # The receiver listens on 127.0.0.1 over plain http.
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    settings.OUTBOX_KICK_ON_COMMIT = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    regency: Agency
    dinas: Agency
    other: Agency
    national: User
    regency_admin: User
    developer: User
    other_admin: User
    reporter: User


@pytest.fixture
def world(db: Any) -> World:
    make_region("32.04", name="Kabupaten Bandung")
    regency = make_agency("Pemerintah Kabupaten Bandung")
    dinas = make_unit(regency, "Dinas Pekerjaan Umum")
    other = make_agency("Pemerintah Kota Lain")
    return World(
        regency=regency,
        dinas=dinas,
        other=other,
        national=make_member(Role.ADMIN_NASIONAL, full_name="Rina Verifikator"),
        regency_admin=make_member(Role.ADMIN_INSTANSI, regency, full_name="Asep Koordinator"),
        developer=make_member(Role.DEVELOPER, regency, full_name="Dewi Developer"),
        other_admin=make_member(Role.ADMIN_INSTANSI, other, full_name="Lain Instansi"),
        reporter=UserFactory(full_name="Siti Rahasiawati", email="siti@example.org"),
    )


def official(user: User) -> Any:
    return principal_for_user(user, verified=True)


def submit(reporter: User, **fields: Any) -> Report:
    fields.setdefault("classification", "pengaduan")
    fields.setdefault("title", "Jalan rusak di depan pasar desa")
    fields.setdefault(
        "description", "Jalan di depan pasar desa berlubang besar sejak sebulan lalu, berbahaya."
    )
    fields.setdefault("region_code", "32.04")
    actor = principal_for_user(reporter, verified=False)
    return report_services.report_submit(actor=actor, **fields).report


def dispose(world: World, report: Report, agency: Agency, unit: Agency | None = None) -> Any:
    return report_services.report_dispose(
        report_id=report.pk,
        actor=official(world.national),
        agency_id=agency.pk,
        unit_id=unit.pk if unit else None,
    )


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    """What the test server got, and how it answers: by path, a status (default 200)
    and a delay in seconds."""

    port: int = 0
    received: list[Received] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    delays: dict[str, float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def on(self, path: str) -> list[Received]:
        with self.lock:
            return [r for r in self.received if r.path == path]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            with state.lock:
                state.received.append(
                    Received(path=self.path, headers=dict(self.headers.items()), body=body)
                )
            delay = state.delays.get(self.path, 0)
            if delay:
                time.sleep(delay)
            status = state.statuses.get(self.path, 200)
            try:
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", state.url("/elsewhere"))
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")
            except OSError:
                pass  # the client gave up (the slow endpoint)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()

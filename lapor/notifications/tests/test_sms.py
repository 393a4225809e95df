"""The SMS gateways: the logging one, and HTTP against a tiny local server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import pytest
from django.core.exceptions import ImproperlyConfigured

from lapor.notifications.channels.sms import (
    HttpSmsGateway,
    LoggingSmsGateway,
    SmsError,
    get_sms_gateway,
    mask_number,
    sms_fit,
)
from lapor.notifications.models import Delivery, Notification, NotificationSetting
from lapor.notifications.services import notification_send_sms

from .conftest import Cast, deliver, fan_out, last_event, submit


class FakeProvider(BaseHTTPRequestHandler):
    """Answers with ``server.status`` and records what it got."""

    def do_POST(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.server.requests.append(  # type: ignore[attr-defined]
            {
                "method": self.command,
                "path": self.path,
                "headers": dict(self.headers),
                "body": self.rfile.read(length).decode(),
            }
        )
        self.send_response(self.server.status)  # type: ignore[attr-defined]
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def provider() -> Iterator[Any]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeProvider)
    server.requests = []  # type: ignore[attr-defined]
    server.status = 200  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}/send"  # type: ignore[attr-defined]
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_http_gateway_posts_json_with_auth_header(provider: Any) -> None:
    gateway = HttpSmsGateway(
        url=provider.url, auth_header="Authorization: Bearer s3cret", timeout=5
    )
    gateway.send("+6281234567890", 'LAPOR! #123: "kutip" dan \\ garis')
    (request,) = provider.requests
    assert request["method"] == "POST"
    assert request["headers"]["Authorization"] == "Bearer s3cret"
    assert request["headers"]["Content-Type"].startswith("application/json")
    assert json.loads(request["body"]) == {
        "to": "+6281234567890",
        "text": 'LAPOR! #123: "kutip" dan \\ garis',
    }


def test_http_gateway_form_body_and_method(provider: Any) -> None:
    gateway = HttpSmsGateway(
        url=provider.url,
        method="put",
        content_type="application/x-www-form-urlencoded",
        body_template="msisdn={to}&message={text}",
    )
    gateway.send("+6281234567890", "Laporan & jawaban = ada")
    (request,) = provider.requests
    assert request["method"] == "PUT"
    assert parse_qs(request["body"]) == {
        "msisdn": ["+6281234567890"],
        "message": ["Laporan & jawaban = ada"],
    }


@pytest.mark.parametrize("status", [400, 401, 500, 503])
def test_http_gateway_raises_for_non_2xx(provider: Any, status: int) -> None:
    provider.status = status
    with pytest.raises(SmsError, match=str(status)):
        HttpSmsGateway(url=provider.url).send("+6281234567890", "x")


def test_http_gateway_raises_when_unreachable(provider: Any) -> None:
    url = provider.url
    provider.shutdown()
    provider.server_close()
    with pytest.raises(SmsError, match="unreachable"):
        HttpSmsGateway(url=url, timeout=2).send("+6281234567890", "x")


def test_http_gateway_needs_an_http_url() -> None:
    with pytest.raises(ImproperlyConfigured):
        HttpSmsGateway(url="file:///etc/passwd")
    with pytest.raises(ImproperlyConfigured):
        HttpSmsGateway(url="")


def test_gateway_comes_from_settings(settings: Any, provider: Any) -> None:
    assert isinstance(get_sms_gateway(), LoggingSmsGateway)
    settings.SMS_GATEWAY = "lapor.notifications.channels.sms.HttpSmsGateway"
    settings.SMS_HTTP_URL = provider.url
    assert isinstance(get_sms_gateway(), HttpSmsGateway)


def test_logging_gateway_records_and_masks(caplog: pytest.LogCaptureFixture) -> None:
    LoggingSmsGateway().send("+6281234567890", "Halo")
    assert LoggingSmsGateway.sent[-1].text == "Halo"
    assert "+6281234567890" not in caplog.text and mask_number("+6281234567890") in caplog.text
    with pytest.raises(SmsError):
        LoggingSmsGateway().send("+6281234567890", "x" * 161)


def test_sms_fit() -> None:
    assert sms_fit("a  b\nc") == "a b c"
    long = sms_fit("kata " * 100)
    assert len(long) == 160 and long.endswith("…")


def test_sms_has_the_tracking_id_and_fits_even_with_a_long_agency_name(cast: Cast) -> None:
    cast.agency.name = "Dinas Pekerjaan Umum dan Penataan Ruang " * 5
    cast.agency.save(update_fields=["name"])
    from lapor.reports import services as reports

    report = submit(cast)
    reports.report_dispose(
        report_id=report.pk, actor=cast.actor("national"), agency_id=cast.agency.pk
    )
    fan_out(last_event(report))
    deliver()
    (sms,) = [s for s in LoggingSmsGateway.sent if s.to == cast.users["reporter"].phone]
    assert len(sms.text) <= 160 and f"#{report.tracking_id}" in sms.text


def test_a_failing_gateway_leaves_the_sms_to_be_retried(
    cast: Cast, settings: Any, provider: Any
) -> None:
    settings.SMS_GATEWAY = "lapor.notifications.channels.sms.HttpSmsGateway"
    settings.SMS_HTTP_URL = provider.url
    NotificationSetting.objects.create(user=cast.users["reporter"], email_enabled=False)
    report = submit(cast)
    fan_out(last_event(report))
    notification = Notification.objects.get(user=cast.users["reporter"])
    provider.status = 502
    with pytest.raises(SmsError):
        notification_send_sms(notification_id=notification.pk)
    assert not Delivery.objects.exists()  # not recorded: the outbox will try again
    provider.status = 200
    assert notification_send_sms(notification_id=notification.pk) is True
    assert notification_send_sms(notification_id=notification.pk) is False  # once only
    assert len(provider.requests) == 2
    assert report.tracking_id in json.loads(provider.requests[-1]["body"])["text"]

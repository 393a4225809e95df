"""Sending SMS through a gateway chosen by ``settings.SMS_GATEWAY``.

It lives in core because two layers send SMS: accounts (one-time sign-in codes, sent
at once) and notifications (through the outbox); ``notifications.channels.sms``
re-exports it.

A gateway has one method, ``send(to_e164, text)``, which returns when the provider
accepted the message and raises otherwise, so that the outbox retries it. Two ship:

* :class:`LoggingSmsGateway` (the default): sends nothing, logs the masked number and
  keeps a record (``LoggingSmsGateway.sent``) for tests, like ``mail.outbox``;
* :class:`HttpSmsGateway`: one HTTP request per message to a provider, configured by
  ``SMS_HTTP_URL``, ``SMS_HTTP_METHOD``, ``SMS_HTTP_AUTH_HEADER`` (``"Name: value"``),
  ``SMS_HTTP_CONTENT_TYPE``, ``SMS_HTTP_BODY_TEMPLATE`` (with ``{to}`` and ``{text}``)
  and ``SMS_HTTP_TIMEOUT``.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# One SMS segment in the GSM 7-bit alphabet.
SMS_MAX_CHARS = 160


class SmsError(Exception):
    """The gateway did not accept the message (the outbox will try again)."""


def mask_number(number: str) -> str:
    """``+6281234567890`` → ``+62812*****890``: enough to tell numbers apart in a log."""
    number = number or ""
    if len(number) <= 6:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 9) + number[-3:]


def sms_fit(text: str, limit: int = SMS_MAX_CHARS) -> str:
    """One line, at most ``limit`` characters (cut with an ellipsis)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


class SmsGateway:
    def send(self, to_e164: str, text: str) -> None:  # pragma: no cover - interface
        raise NotImplementedError


@dataclass(frozen=True)
class SentSms:
    to: str
    text: str


class LoggingSmsGateway(SmsGateway):
    """Development and tests: nothing leaves the machine."""

    sent: ClassVar[list[SentSms]] = []

    def send(self, to_e164: str, text: str) -> None:
        if len(text) > SMS_MAX_CHARS:
            raise SmsError(f"SMS is {len(text)} characters long (limit {SMS_MAX_CHARS}).")
        type(self).sent.append(SentSms(to=to_e164, text=text))
        # The number masked and the length only: the text may name a report.
        logger.info("SMS to %s (%d chars) logged, not sent", mask_number(to_e164), len(text))

    @classmethod
    def clear(cls) -> None:
        cls.sent.clear()


class HttpSmsGateway(SmsGateway):
    """An SMS provider's HTTP API: one request per message, 2xx means accepted."""

    def __init__(
        self,
        *,
        url: str | None = None,
        method: str | None = None,
        auth_header: str | None = None,
        content_type: str | None = None,
        body_template: str | None = None,
        timeout: float | None = None,
    ) -> None:
        self.url: str = url if url is not None else getattr(settings, "SMS_HTTP_URL", "")
        if not self.url or urllib.parse.urlsplit(self.url).scheme not in ("http", "https"):
            raise ImproperlyConfigured("SMS_HTTP_URL must be an http(s) URL.")
        self.method: str = str(method or getattr(settings, "SMS_HTTP_METHOD", "POST")).upper()
        self.auth_header: str = (
            auth_header
            if auth_header is not None
            else getattr(settings, "SMS_HTTP_AUTH_HEADER", "")
        )
        self.content_type: str = str(
            content_type or getattr(settings, "SMS_HTTP_CONTENT_TYPE", "application/json")
        )
        self.body_template: str = (
            body_template
            if body_template is not None
            else getattr(settings, "SMS_HTTP_BODY_TEMPLATE", '{"to": "{to}", "text": "{text}"}')
        )
        self.timeout: float = float(timeout or getattr(settings, "SMS_HTTP_TIMEOUT", 10) or 10)

    def _escape(self, value: str) -> str:
        # The body template is the provider's format; the values must not break it.
        if "json" in self.content_type:
            return json.dumps(value)[1:-1]
        if "x-www-form-urlencoded" in self.content_type:
            return urllib.parse.quote_plus(value)
        return value

    def body(self, to_e164: str, text: str) -> bytes:
        # str.replace, not str.format: a JSON template is full of braces.
        body = self.body_template.replace("{to}", self._escape(to_e164)).replace(
            "{text}", self._escape(text)
        )
        return body.encode("utf-8")

    def send(self, to_e164: str, text: str) -> None:
        headers = {"Content-Type": f"{self.content_type}; charset=utf-8"}
        if self.auth_header:
            name, _sep, value = self.auth_header.partition(":")
            headers[name.strip()] = value.strip()
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked in __init__
            self.url, data=self.body(to_e164, text), headers=headers, method=self.method
        )
        masked = mask_number(to_e164)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                status = response.status
        except urllib.error.HTTPError as exc:
            logger.warning("SMS gateway answered %s for %s", exc.code, masked)
            raise SmsError(f"SMS gateway answered HTTP {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            logger.warning("SMS gateway unreachable for %s: %s", masked, type(exc).__name__)
            raise SmsError(f"SMS gateway unreachable: {type(exc).__name__}") from exc
        if not 200 <= status < 300:
            raise SmsError(f"SMS gateway answered HTTP {status}")
        logger.info("SMS to %s accepted by the gateway (HTTP %s)", masked, status)


def get_sms_gateway() -> SmsGateway:
    path = getattr(settings, "SMS_GATEWAY", "lapor.core.sms.LoggingSmsGateway")
    cls: Any = import_string(path)
    return cls()

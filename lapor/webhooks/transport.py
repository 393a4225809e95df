"""One POST to an endpoint: short timeouts, no redirects, no private addresses.

* **Timeouts**: connecting gets :data:`CONNECT_TIMEOUT` seconds, the whole try
  :data:`TOTAL_TIMEOUT` (a server that dribbles its answer byte by byte is cut off too).
* **No redirects**: a 3xx is a failed try, never followed (a redirect is a way around
  the address check below).
* **SSRF**: the host is resolved once, every address it resolves to must be a public
  one, and the connection goes to the address that was checked (so a second DNS
  answer cannot swap in a private one). ``settings.WEBHOOKS_ALLOW_PRIVATE`` (default:
  ``DEBUG``) lifts the check for development and tests, and with it allows plain
  ``http://`` to ``localhost``/``127.0.0.1``.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

CONNECT_TIMEOUT = 3.0
TOTAL_TIMEOUT = 10.0
# What is kept of an answer's body (only for the error text).
BODY_LIMIT = 2048
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


class UnsafeURL(Exception):
    """A URL that may not be called: wrong scheme, or a private or local address."""


class SendFailed(Exception):
    """A try that did not reach a 2xx answer (timeout, TLS, refused, non-2xx)."""

    def __init__(self, message: str, *, status: int | None = None, duration_ms: int = 0) -> None:
        super().__init__(message)
        self.status = status
        self.duration_ms = duration_ms


@dataclass(frozen=True)
class SendResult:
    status: int
    duration_ms: int


def allow_private() -> bool:
    return bool(getattr(settings, "WEBHOOKS_ALLOW_PRIVATE", settings.DEBUG))


def url_check(url: str) -> None:
    """Refuse a URL that is not ``https://`` (or local ``http://`` when private addresses
    are allowed), or whose host is a private address written out. Names are resolved
    when sending (:func:`webhook_post`)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host:
        raise UnsafeURL("The URL has no host.")
    if parts.username or parts.password:
        raise UnsafeURL("The URL may not hold a user name or password.")
    if parts.scheme == "http":
        if not (allow_private() and host in LOCAL_HOSTS):
            raise UnsafeURL("Use an https:// address.")
    elif parts.scheme != "https":
        raise UnsafeURL("Use an https:// address.")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return
    if not allow_private() and not _public(address):
        raise UnsafeURL("The address is private or local.")


def _public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def _resolve(host: str, port: int) -> str:
    """The address to connect to: the first one ``host`` resolves to, once every one of
    them is checked."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise SendFailed(f"Cannot resolve {host}: {exc}") from exc
    addresses = [str(info[4][0]) for info in infos]
    if not addresses:
        raise SendFailed(f"Cannot resolve {host}")
    if not allow_private():
        for a in addresses:
            if not _public(ipaddress.ip_address(a.split("%", 1)[0])):
                raise UnsafeURL(f"{host} resolves to a private or local address ({a}).")
    return addresses[0]


class _PinnedConnection(http.client.HTTPSConnection):
    """An HTTP(S) connection to a checked address, with the host's name kept for the
    ``Host`` header and for TLS (SNI and certificate check)."""

    def __init__(self, host: str, port: int, *, address: str, tls: bool, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address
        self._tls = tls

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), CONNECT_TIMEOUT)
        if self._tls:
            sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]
        self.sock = sock


def webhook_post(*, url: str, body: bytes, headers: dict[str, str]) -> SendResult:
    """POST ``body`` to ``url``; returns the 2xx answer's status, raises
    :class:`SendFailed` (or :class:`UnsafeURL`) otherwise."""
    url_check(url)
    parts = urlsplit(url)
    tls = parts.scheme == "https"
    port = parts.port or (443 if tls else 80)
    host = parts.hostname or ""
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    started = time.monotonic()
    deadline = started + TOTAL_TIMEOUT

    def elapsed_ms() -> int:
        return int((time.monotonic() - started) * 1000)

    address = _resolve(host, port)
    connection = _PinnedConnection(host, port, address=address, tls=tls, timeout=TOTAL_TIMEOUT)
    try:
        connection.connect()
        # Kept: the connection drops its reference once the answer says "close".
        sock = connection.sock
        assert sock is not None
        sock.settimeout(max(0.1, deadline - time.monotonic()))
        connection.request(
            "POST",
            target,
            body=body,
            headers={
                **headers,
                "Content-Type": "application/json",
                "User-Agent": "LAPOR-Webhooks/1",
            },
        )
        response = connection.getresponse()
        received = b""
        while len(received) < BODY_LIMIT:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise SendFailed("Timed out reading the answer.", duration_ms=elapsed_ms())
            sock.settimeout(remaining)
            chunk = response.read1(BODY_LIMIT - len(received))
            if not chunk:
                break
            received += chunk
        status = response.status
    except SendFailed:
        raise
    except TimeoutError as exc:
        raise SendFailed(f"Timed out: {exc}", duration_ms=elapsed_ms()) from exc
    except ssl.SSLError as exc:
        raise SendFailed(f"TLS error: {exc}", duration_ms=elapsed_ms()) from exc
    except (OSError, http.client.HTTPException) as exc:
        raise SendFailed(f"{type(exc).__name__}: {exc}", duration_ms=elapsed_ms()) from exc
    finally:
        connection.close()
    duration = elapsed_ms()
    if 200 <= status < 300:
        return SendResult(status=status, duration_ms=duration)
    text = received[:200].decode("utf-8", "replace")
    reason = "redirect not followed" if 300 <= status < 400 else "not a 2xx answer"
    raise SendFailed(f"HTTP {status} ({reason}): {text}", status=status, duration_ms=duration)

"""Standard Webhooks signatures (https://www.standardwebhooks.com/).

A delivery carries three headers:

* ``webhook-id``: the message id (``msg_…``), the same on every retry;
* ``webhook-timestamp``: when this try was signed, in unix seconds;
* ``webhook-signature``: ``v1,<base64 of HMAC-SHA256(secret, "{id}.{timestamp}.{body}")>``,
  space-separated when several secrets sign at once.

The secret is written ``whsec_<base64 of the key bytes>``; the HMAC key is the decoded
bytes. :func:`webhook_verify` is what a receiver runs (the tests check deliveries with
it and the spec's published test vector).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Mapping

SECRET_PREFIX = "whsec_"  # noqa: S105 (a format prefix, not a secret)
# 24 bytes is the spec's minimum; 32 matches the key size of HMAC-SHA256.
SECRET_BYTES = 32
# A receiver refuses a timestamp further than this from its clock (replays).
TOLERANCE_SECONDS = 5 * 60


class WebhookVerificationError(Exception):
    """A delivery whose headers or signature do not check out."""


def secret_generate() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")


def message_id_generate() -> str:
    return "msg_" + secrets.token_urlsafe(18)


def _key(secret: str) -> bytes:
    raw = secret.removeprefix(SECRET_PREFIX)
    return base64.b64decode(raw)


def webhook_sign(*, secret: str, msg_id: str, timestamp: int, body: bytes | str) -> str:
    """The ``webhook-signature`` value of ``body`` sent as message ``msg_id`` at
    ``timestamp`` (unix seconds)."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    signed = f"{msg_id}.{timestamp}.".encode() + data
    digest = hmac.new(_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def webhook_headers(
    *, secret: str, msg_id: str, body: bytes, now: int | None = None
) -> dict[str, str]:
    """The three signature headers for one try of a delivery."""
    timestamp = int(time.time()) if now is None else now
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": webhook_sign(
            secret=secret, msg_id=msg_id, timestamp=timestamp, body=body
        ),
    }


def webhook_verify(
    *, secret: str, headers: Mapping[str, str], body: bytes | str, now: int | None = None
) -> None:
    """Check a received delivery as the spec's reference libraries do; raises
    :class:`WebhookVerificationError` unless one ``v1`` signature matches and the
    timestamp is within :data:`TOLERANCE_SECONDS` of ``now``."""
    lowered = {k.lower(): v for k, v in headers.items()}
    try:
        msg_id = lowered["webhook-id"]
        stamp = lowered["webhook-timestamp"]
        signatures = lowered["webhook-signature"]
    except KeyError as exc:
        raise WebhookVerificationError(f"missing header {exc.args[0]}") from exc
    try:
        timestamp = int(stamp)
    except ValueError as exc:
        raise WebhookVerificationError("invalid timestamp") from exc
    current = int(time.time()) if now is None else now
    if abs(current - timestamp) > TOLERANCE_SECONDS:
        raise WebhookVerificationError("timestamp too old or too new")
    expected = webhook_sign(secret=secret, msg_id=msg_id, timestamp=timestamp, body=body)
    expected_sig = expected.split(",", 1)[1]
    for candidate in signatures.split(" "):
        version, _, value = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected_sig):
            return
    raise WebhookVerificationError("no matching signature")

"""Standard Webhooks signatures: the spec's published test vector, and round trips."""

from __future__ import annotations

import base64

import pytest

from lapor.webhooks.signing import (
    SECRET_PREFIX,
    WebhookVerificationError,
    message_id_generate,
    secret_generate,
    webhook_headers,
    webhook_sign,
    webhook_verify,
)

# From the reference libraries' tests (standard-webhooks/standard-webhooks,
# libraries/python/tests/test_webhooks.py, test_sign_function).
VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
VECTOR_TIMESTAMP = 1614265330
VECTOR_BODY = '{"test": 2432232314}'
VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_the_specs_test_vector_signs_as_published() -> None:
    assert (
        webhook_sign(
            secret=VECTOR_SECRET, msg_id=VECTOR_ID, timestamp=VECTOR_TIMESTAMP, body=VECTOR_BODY
        )
        == VECTOR_SIGNATURE
    )
    # The secret without its prefix signs the same (the libraries accept both).
    assert (
        webhook_sign(
            secret=VECTOR_SECRET.removeprefix(SECRET_PREFIX),
            msg_id=VECTOR_ID,
            timestamp=VECTOR_TIMESTAMP,
            body=VECTOR_BODY.encode(),
        )
        == VECTOR_SIGNATURE
    )


def test_the_specs_test_vector_verifies_and_a_changed_one_does_not() -> None:
    headers = {
        "webhook-id": VECTOR_ID,
        "webhook-timestamp": str(VECTOR_TIMESTAMP),
        "webhook-signature": VECTOR_SIGNATURE,
    }
    webhook_verify(secret=VECTOR_SECRET, headers=headers, body=VECTOR_BODY, now=VECTOR_TIMESTAMP)
    # The reference tests' near-miss signature (last character changed).
    bad = {**headers, "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA="}
    with pytest.raises(WebhookVerificationError):
        webhook_verify(secret=VECTOR_SECRET, headers=bad, body=VECTOR_BODY, now=VECTOR_TIMESTAMP)
    # Several signatures, one of them right, pass.
    several = {**headers, "webhook-signature": "v2,abc v1,Ceo5qEr07ix= " + VECTOR_SIGNATURE}
    webhook_verify(secret=VECTOR_SECRET, headers=several, body=VECTOR_BODY, now=VECTOR_TIMESTAMP)


def test_a_new_secret_is_the_standard_format_with_enough_random_bytes() -> None:
    secret = secret_generate()
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"))) >= 24
    assert secret != secret_generate()
    assert message_id_generate().startswith("msg_")


def test_round_trip_and_what_breaks_it() -> None:
    secret = secret_generate()
    body = b'{"type":"report.disposed","data":{"x":"\xc3\xa9"}}'
    headers = webhook_headers(secret=secret, msg_id="msg_1", body=body, now=1_700_000_000)
    assert headers["webhook-id"] == "msg_1"
    assert headers["webhook-timestamp"] == "1700000000"
    webhook_verify(secret=secret, headers=headers, body=body, now=1_700_000_100)
    with pytest.raises(WebhookVerificationError):
        webhook_verify(secret=secret, headers=headers, body=body + b" ", now=1_700_000_100)
    with pytest.raises(WebhookVerificationError):
        webhook_verify(secret=secret_generate(), headers=headers, body=body, now=1_700_000_100)
    with pytest.raises(WebhookVerificationError):  # replayed ten minutes later
        webhook_verify(secret=secret, headers=headers, body=body, now=1_700_000_600)
    with pytest.raises(WebhookVerificationError):
        webhook_verify(
            secret=secret,
            headers={k: v for k, v in headers.items() if k != "webhook-id"},
            body=body,
            now=1_700_000_000,
        )

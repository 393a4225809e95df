"""Signing officials in with a verified second factor, in tests."""

from __future__ import annotations

from typing import Any

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def force_login_verified(client: Any, user: Any) -> Any:
    """``client.force_login`` plus a verified TOTP device in the session, as after a
    real sign-in with a code (OTPMiddleware then marks ``user.is_verified()``)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client

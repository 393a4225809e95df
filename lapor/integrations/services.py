"""Writes of API keys, and the check of a key that an API request presents.

A raw key reads ``lapor_<prefix>_<secret>``: ``prefix`` is 8 hex characters (no
``_`` inside, so the key splits without doubt), ``secret`` is ``token_urlsafe(32)``.
Only the SHA-256 of the whole key is stored; the raw key leaves ``apikey_create``
once and is never logged.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lapor.accounts.principals import Principal, principal_for_agency_key
from lapor.agencies.models import Agency
from lapor.core.exceptions import NotFound, PermissionDenied, ValidationFailed

from .models import ApiKey
from .permissions import can_manage_keys
from .selectors import apikey_get

logger = logging.getLogger(__name__)

KEY_SCHEME = "lapor_"
PREFIX_LENGTH = 8
SECRET_BYTES = 32
NAME_MAX_LENGTH = 100
# Write a key's last-used time and address at most this often.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def apikey_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _new_prefix() -> str:
    for _attempt in range(10):
        prefix = secrets.token_hex(PREFIX_LENGTH // 2)
        if not ApiKey.objects.filter(prefix=prefix).exists():
            return prefix
    raise RuntimeError("no free API key prefix after 10 attempts")  # pragma: no cover


def _split(raw: str) -> tuple[str, str] | None:
    """``(prefix, secret)`` of a well-formed key, else ``None``."""
    if not raw.startswith(KEY_SCHEME):
        return None
    rest = raw[len(KEY_SCHEME) :]
    prefix, sep, secret = rest[:PREFIX_LENGTH], rest[PREFIX_LENGTH : PREFIX_LENGTH + 1], rest[9:]
    if sep != "_" or len(prefix) != PREFIX_LENGTH or not secret:
        return None
    return prefix, secret


def apikey_expiry_for(agency: Agency, day: date) -> datetime:
    """A key valid *through* ``day`` expires when the next day starts, in the
    agency's own timezone."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=ZoneInfo(agency.timezone))


def apikey_create(
    *, actor: Principal, agency_id: int, name: str, expires_at: datetime | None = None
) -> tuple[ApiKey, str]:
    """A new key for the agency, and its raw value (returned this once, never stored).

    ``actor``: the agency's Developer or Admin Instansi (second factor verified), or
    the system. Another agency's official gets ``PermissionDenied``.
    """
    agency = Agency.objects.filter(pk=agency_id, is_active=True).first()
    if agency is None:
        raise NotFound
    if not can_manage_keys(actor, agency_path=agency.path):
        raise PermissionDenied
    name = (name or "").strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [str(_("Give the key a name."))]
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = [
            str(_("The name can be at most %(max)d characters.") % {"max": NAME_MAX_LENGTH})
        ]
    if expires_at is not None and expires_at <= timezone.now():
        errors["expires_at"] = [str(_("The expiry date must be in the future."))]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        prefix = _new_prefix()
        raw = f"{KEY_SCHEME}{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
        key = ApiKey.objects.create(
            agency=agency,
            name=name,
            prefix=prefix,
            key_hash=apikey_hash(raw),
            created_by_id=actor.user_id,
            expires_at=expires_at,
        )
    logger.info("API key %s (%s) created for agency %s by %s", key.pk, prefix, agency.pk, actor)
    return key, raw


def apikey_revoke(*, actor: Principal, key_id: int) -> ApiKey:
    """Revoke a key from now on (a second revoke changes nothing). A key the actor
    does not manage is ``NotFound``."""
    with transaction.atomic():
        key = apikey_get(actor, key_id=key_id)
        key = ApiKey.objects.select_for_update().select_related("agency").get(pk=key.pk)
        if key.revoked_at is None:
            key.revoked_at = timezone.now()
            key.save(update_fields=["revoked_at"])
            logger.info("API key %s (%s) revoked by %s", key.pk, key.prefix, actor)
    return key


def apikey_authenticate(raw: str, *, ip: str | None) -> Principal | None:
    """The principal of a presented key, or ``None`` (malformed, unknown, wrong,
    expired, revoked, or its agency deactivated).

    The last-used time and address are written when the stored time is over a minute
    old, with a conditional ``UPDATE`` so that concurrent requests write once: a busy
    key costs one write a minute, not one per request.
    """
    parts = _split(raw or "")
    if parts is None:
        return None
    key = ApiKey.objects.select_related("agency").filter(prefix=parts[0]).first()
    if key is None or not hmac.compare_digest(key.key_hash, apikey_hash(raw)):
        return None
    now = timezone.now()
    if not key.is_active_at(now) or not key.agency.is_active:
        return None
    stale = now - LAST_USED_RESOLUTION
    if key.last_used_at is None or key.last_used_at <= stale:
        ApiKey.objects.filter(pk=key.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=stale)
        ).update(last_used_at=now, last_used_ip=ip)
    return principal_for_agency_key(
        key_id=key.pk, agency_id=key.agency_id, agency_path=key.agency.path
    )

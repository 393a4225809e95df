"""The API's writes: idempotent POSTs and what an agency's app files and does.

Every write goes through ``reports.services`` (the one door) with the request's
:class:`~lapor.accounts.principals.Principal`; this module adds only what the API keeps
of its own (``ExternalReport``, ``IdempotencyKey``).

**Where an agency app's reporter lives.** The person who told the agency's app is a
``User``, as for the SMS and e-mail channels: matched by e-mail first, then by mobile
number (both normalised as at registration), or created *inactive* with no usable
password when new (an account nobody opened: they cannot sign in until they claim it
through the ordinary one-time-code flow). The report's ``reporter`` is that user, so
the gate's rules on the reporter's identity (anonymous: nobody but the reporter and the
national admin) apply unchanged, and the person finds the report under "my reports"
once they sign in. Without any contact the report has no reporter. The channel is
``Channel.INTEGRATION`` ("Agency app"); the ``report.submitted`` event names the
person and the key's agency.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lapor.accounts.models import User
from lapor.accounts.principals import Principal
from lapor.accounts.services import normalize_email, normalize_phone, user_create
from lapor.core.exceptions import PermissionDenied, ValidationFailed
from lapor.reports.choices import Channel
from lapor.reports.models import Report
from lapor.reports.services import report_submit

from .models import ExternalReport, IdempotencyKey

# A retried POST is answered from the stored response for a day.
IDEMPOTENCY_TTL = timedelta(hours=24)
IDEMPOTENCY_KEY_MAX = 255
EXTERNAL_ID_MAX = 100

Response = tuple[int, Any]
_CONTACT_FIELDS = {"email": "reporter.email", "phone": "reporter.phone", "__all__": "reporter"}


# --- idempotency -----------------------------------------------------------------


def principal_key(principal: Principal) -> str:
    """Whose ``Idempotency-Key`` it is: two clients may choose the same key."""
    if principal.is_agency_key and principal.key_id is not None:
        return f"agency_key:{principal.key_id}"
    if principal.user_id is not None:
        return f"user:{principal.user_id}"
    raise PermissionDenied()


def request_fingerprint(method: str, path: str, body: bytes | str) -> str:
    """A hash of what was asked: the same key with another request is refused (422)."""
    if isinstance(body, str):
        body = body.encode()
    digest = hashlib.sha256()
    for part in (method.upper().encode(), path.encode(), body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def idempotent(
    *, principal: Principal, key: str, fingerprint: str, fn: Callable[[], Response]
) -> Response:
    """Run ``fn`` once per (principal, key) and answer every repeat with its stored
    ``(status, body)``; the same key with another request answers 422.

    Race-safe by the unique constraint: the key's row is inserted first, in the same
    transaction as ``fn``'s work. A concurrent request with the same key waits on that
    insert (PostgreSQL holds the second insert of a unique value until the first
    transaction ends; SQLite takes one writer at a time), then finds the row and
    answers from it. If ``fn`` raises, nothing is kept, so a retry tries again.
    """
    key = (key or "").strip()
    if not key or len(key) > IDEMPOTENCY_KEY_MAX:
        raise ValidationFailed(
            {"Idempotency-Key": [_("The Idempotency-Key must be 1 to 255 characters.")]}
        )
    who = principal_key(principal)
    with transaction.atomic():
        try:
            with transaction.atomic():
                row = IdempotencyKey.objects.create(principal=who, key=key, fingerprint=fingerprint)
        except IntegrityError:
            row = IdempotencyKey.objects.select_for_update().get(principal=who, key=key)
            if timezone.now() - row.created_at > IDEMPOTENCY_TTL:
                # Expired but not purged yet: the key starts afresh.
                row.delete()
                row = IdempotencyKey.objects.create(principal=who, key=key, fingerprint=fingerprint)
            else:
                return _stored(row, fingerprint)
        status, body = fn()
        row.status, row.body = status, body
        row.save(update_fields=["status", "body"])
    return status, body


def _stored(row: IdempotencyKey, fingerprint: str) -> Response:
    if row.fingerprint != fingerprint:
        return 422, {
            "code": "idempotency_key_reused",
            "message": str(_("This Idempotency-Key was used with a different request.")),
            "fields": {},
        }
    assert row.status is not None  # the first request committed its answer with the row
    return row.status, row.body


def idempotency_purge(*, now: datetime | None = None) -> int:
    """Forget the keys older than a day; returns how many."""
    cutoff = (now or timezone.now()) - IDEMPOTENCY_TTL
    deleted, _per_model = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted


# --- an agency's app files a report ----------------------------------------------


def key_agency_id(principal: Principal) -> int:
    """The agency an agency key belongs to (its one scope)."""
    if not principal.is_agency_key or not principal.scopes:
        raise PermissionDenied()
    agency_id = principal.scopes[0].agency_id
    assert agency_id is not None
    return agency_id


def _reporter_for(*, name: str, email: str, phone: str) -> User | None:
    """The person the agency's app files for (see the module's docstring)."""
    email = (email or "").strip()
    phone = (phone or "").strip()
    if not email and not phone:
        return None
    email_n = normalize_email(email) if email else None
    phone_n = normalize_phone(phone) if phone else None  # raises InvalidPhone (422)
    user = _user_matching(email_n, phone_n)
    if user is not None:
        return user
    try:
        return user_create(
            email=email_n, phone=phone_n, password=None, full_name=name or "", is_active=False
        )
    except ValidationFailed:
        # A concurrent filing for the same new person created them first.
        user = _user_matching(email_n, phone_n)
        if user is None:
            raise
        return user


def _user_matching(email: str | None, phone: str | None) -> User | None:
    if email:
        user = User.objects.filter(email=email).first()
        if user is not None:
            return user
    if phone:
        return User.objects.filter(phone=phone).first()
    return None


def agency_report_create(
    *,
    actor: Principal,
    external_id: str,
    classification: str,
    title: str,
    description: str,
    incident_date: date | None = None,
    region_code: str | None = None,
    latitude: Any = None,
    longitude: Any = None,
    address: str = "",
    category_id: int | None = None,
    target_agency_id: int | None = None,
    anonymous: bool = False,
    confidential: bool = False,
    reporter_name: str = "",
    reporter_email: str = "",
    reporter_phone: str = "",
    files: Sequence[UploadedFile] = (),
    now: datetime | None = None,
) -> tuple[Report, bool]:
    """File a report from an agency's app; ``(report, created)``.

    The same ``external_id`` from the same agency again returns the report filed the
    first time (``created`` false), also when two arrive at once (the unique
    constraint on (agency, external_id) decides; the loser's report is rolled back).
    The report enters verification like any other: with the national verifier, or,
    when ``target_agency_id`` names an agency, with that agency (docs/workflow.md).
    """
    agency_id = key_agency_id(actor)
    external_id = (external_id or "").strip()
    if not external_id or len(external_id) > EXTERNAL_ID_MAX:
        raise ValidationFailed({"external_id": [_("Give your own ID of 1 to 100 characters.")]})
    existing = _external(agency_id, external_id)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            try:
                reporter = _reporter_for(
                    name=reporter_name, email=reporter_email, phone=reporter_phone
                )
            except ValidationFailed as exc:
                # The fields as the API names them (``reporter.phone``).
                raise ValidationFailed(
                    {_CONTACT_FIELDS.get(k, k): v for k, v in exc.errors.items()}
                ) from None
            event = report_submit(
                actor=actor,
                on_behalf_of=reporter,
                classification=classification,
                title=title,
                description=description,
                incident_date=incident_date,
                region_code=region_code,
                latitude=latitude,
                longitude=longitude,
                address=address,
                category_id=category_id,
                target_agency_id=target_agency_id,
                is_anonymous=anonymous,
                is_confidential=confidential,
                channel=Channel.INTEGRATION,
                files=files,
                now=now,
            )
            ExternalReport.objects.create(
                agency_id=agency_id, external_id=external_id, report=event.report
            )
    except IntegrityError:
        existing = _external(agency_id, external_id)
        if existing is None:
            raise
        return existing, False
    return event.report, True


def _external(agency_id: int, external_id: str) -> Report | None:
    row = (
        ExternalReport.objects.filter(agency_id=agency_id, external_id=external_id)
        .select_related("report")
        .first()
    )
    return row.report if row is not None else None


def external_response_body(report: Report, external_id: str) -> dict[str, Any]:
    """What the creator is told: its own id, the tracking ID and the status."""
    return {
        "tracking_id": report.tracking_id,
        "external_id": external_id,
        "status": report.status,
    }


def body_json(data: Any) -> bytes:
    """A canonical encoding of parsed input, for fingerprints of multipart requests."""
    return json.dumps(data, sort_keys=True, default=str, separators=(",", ":")).encode()


__all__ = [
    "IDEMPOTENCY_TTL",
    "agency_report_create",
    "body_json",
    "external_response_body",
    "idempotency_purge",
    "idempotent",
    "key_agency_id",
    "principal_key",
    "request_fingerprint",
]

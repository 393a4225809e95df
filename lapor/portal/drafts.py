"""The report being written: services and selectors of the citizen's draft.

A draft belongs to one person (the principal's user) and is reached only through
these functions, which take the principal: another person, or a visitor, never finds
it (``NotFound``, a 404 on the pages). Files are checked with the attachments' own
rules (``reports.attachments.attachment_check``) when they are uploaded, stored under
a random name, and become the report's attachments on send, in the report's
transaction, through the one door (``portal.services.report_submit_with_files``).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lapor.accounts.principals import Principal
from lapor.core.exceptions import NotFound, PermissionDenied, ValidationFailed
from lapor.reports.attachments import attachment_check, sanitize_filename
from lapor.reports.choices import AttachmentKind
from lapor.reports.models import Report
from lapor.reports.thumbnails import ThumbnailFailed, thumbnail_render

from .models import DRAFT_FILE_DIR, DraftFile, WriteDraft
from .services import MAX_FILES, report_submit_with_files

logger = logging.getLogger(__name__)

# A draft nobody touched for this long is purged with its files.
DRAFT_MAX_AGE = timedelta(days=7)

# What a draft may hold: the answers of the steps, nothing else.
ANSWER_KEYS = (
    "province",
    "regency",
    "district",
    "village",
    "address",
    "latitude",
    "longitude",
    "title",
    "description",
    "incident_date",
    "classification",
    "category",
    "target_agency",
    "is_anonymous",
    "is_confidential",
)
REGION_LEVELS = ("province", "regency", "district", "village")


def _owner_id(principal: Principal) -> int:
    if not principal.is_person or principal.user_id is None:
        raise PermissionDenied()
    return principal.user_id


# --- selectors ----------------------------------------------------------------------------


def draft_get(*, principal: Principal) -> WriteDraft | None:
    """The principal's draft, or ``None``; a visitor has none."""
    if not principal.is_person:
        return None
    return WriteDraft.objects.filter(owner_id=principal.user_id).first()


def draft_files(*, draft: WriteDraft | None) -> list[DraftFile]:
    return list(draft.files.all()) if draft is not None else []


def draft_file_get(*, principal: Principal, file_id: int) -> DraftFile:
    """One file of the principal's own draft; ``NotFound`` for anything else."""
    if not principal.is_person:
        raise NotFound()
    found = (
        DraftFile.objects.filter(pk=file_id, draft__owner_id=principal.user_id)
        .select_related("draft")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def draft_region_code(data: Mapping[str, Any]) -> str | None:
    """The lowest region level chosen: exactly what the reporter picked, never a guess."""
    for level in reversed(REGION_LEVELS):
        if data.get(level):
            return str(data[level])
    return None


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def draft_service_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """The draft's answers as the arguments of ``reports.services.report_submit``."""
    incident = data.get("incident_date") or None
    incident_date = None
    if incident:
        try:
            incident_date = datetime.strptime(str(incident), "%Y-%m-%d").date()
        except ValueError:
            incident_date = None
    return {
        "classification": data.get("classification") or "",
        "title": data.get("title") or "",
        "description": data.get("description") or "",
        "incident_date": incident_date,
        "region_code": draft_region_code(data),
        "latitude": data.get("latitude") or None,
        "longitude": data.get("longitude") or None,
        "address": data.get("address") or "",
        "category_id": _int_or_none(data.get("category")),
        "target_agency_id": _int_or_none(data.get("target_agency")),
        "is_anonymous": bool(data.get("is_anonymous")),
        "is_confidential": bool(data.get("is_confidential")),
    }


# --- services -----------------------------------------------------------------------------


def draft_get_or_create(*, principal: Principal, session_key: str = "") -> WriteDraft:
    """The principal's draft, made empty on first use (one per person)."""
    owner_id = _owner_id(principal)
    draft = WriteDraft.objects.filter(owner_id=owner_id).first()
    if draft is not None:
        return draft
    try:
        with transaction.atomic():
            return WriteDraft.objects.create(owner_id=owner_id, session_key=session_key or "")
    except IntegrityError:  # two tabs at once: the other one made it
        return WriteDraft.objects.get(owner_id=owner_id)


def draft_save_answers(
    *, principal: Principal, draft: WriteDraft, answers: Mapping[str, Any], session_key: str = ""
) -> WriteDraft:
    """Store one step's answers in the principal's draft (other steps' answers stay)."""
    if draft.owner_id != _owner_id(principal):
        raise NotFound()
    data = dict(draft.data)
    for key, value in answers.items():
        if key not in ANSWER_KEYS:
            raise ValueError(f"Not an answer of the write flow: {key!r}")
        data[key] = value
    draft.data = data
    draft.session_key = session_key or draft.session_key
    draft.save(update_fields=["data", "session_key", "updated_at"])
    return draft


def upload_limit(kind: str) -> int:
    """The size limit of one file of this kind (the attachments' settings)."""
    if kind == AttachmentKind.VIDEO:
        return int(settings.ATTACHMENT_VIDEO_MAX_BYTES)
    return int(settings.ATTACHMENT_MAX_BYTES)


def too_big_message(name: str, kind: str) -> str:
    """The same words as ``attachment_check``, with the limit of this file's kind."""
    message = _("This file is too big. The limit is %(limit)s.") % {
        "limit": filesizeformat(upload_limit(kind))
    }
    return f"{sanitize_filename(name)}: {message}"


def _thumbnail(fh: Any) -> bytes | None:
    """A small JPEG of a photo for the preview, made by the attachments' own thumbnail
    code (``reports.thumbnails``: upright, no metadata); ``None`` when it cannot be made."""
    try:
        fh.seek(0)
        return thumbnail_render(fh)
    except ThumbnailFailed as exc:  # any picture Pillow cannot read simply gets no preview
        # The kind of error only: Pillow's message names the uploaded file (the
        # citizen's own file name), which has no place in the log.
        cause = exc.__cause__
        logger.info(
            "No preview for an uploaded draft photo (%s)",
            type(cause).__name__ if cause is not None else "too large",
        )
        return None
    finally:
        fh.seek(0)


def draft_file_add(*, principal: Principal, draft: WriteDraft, uploaded: UploadedFile) -> DraftFile:
    """Check one file with the attachments' rules and keep it in the draft.

    ``ValidationFailed`` (key ``file``) names the file and the limit of its kind;
    nothing is stored then.
    """
    if draft.owner_id != _owner_id(principal):
        raise NotFound()
    name = sanitize_filename(uploaded.name or "")
    if draft.files.count() >= MAX_FILES:
        raise ValidationFailed({"file": [_("Attach at most %(n)d files.") % {"n": MAX_FILES}]})
    try:
        ftype = attachment_check(uploaded)
    except ValidationFailed as exc:
        raise ValidationFailed(
            {"file": [f"{name}: {m}" for m in exc.errors.get("file", [])]}
        ) from None
    token = secrets.token_hex(16)
    thumb = _thumbnail(uploaded) if ftype.kind == AttachmentKind.IMAGE else None
    item = DraftFile(
        draft=draft,
        original_name=name,
        size=uploaded.size or 0,
        content_type=ftype.mime,
        kind=ftype.kind,
    )
    uploaded.seek(0)
    item.file.save(f"{token}.{ftype.extension}", uploaded, save=False)
    if thumb is not None:
        item.thumbnail.save(f"{token}-thumb.jpg", ContentFile(thumb), save=False)
    try:
        item.save()
    except Exception:
        _delete_stored(_stored_paths([item]))
        raise
    draft.save(update_fields=["updated_at"])
    return item


def draft_file_remove(*, principal: Principal, file_id: int) -> None:
    item = draft_file_get(principal=principal, file_id=file_id)
    paths = _stored_paths([item])
    item.delete()
    transaction.on_commit(lambda: _delete_stored(paths))


def draft_discard(*, principal: Principal) -> None:
    """Throw the principal's draft away with its files (start again)."""
    if not principal.is_person:
        return
    _drafts_delete(WriteDraft.objects.filter(owner_id=principal.user_id))


def draft_send(*, principal: Principal) -> Report:
    """File the report the draft holds, with its files; the draft is gone after.

    The draft row is locked for the send, so a second send of the same draft (a double
    tap, a resent form) finds nothing and raises ``NotFound`` instead of filing the
    report twice. ``ValidationFailed`` keeps the draft as it was.
    """
    owner_id = _owner_id(principal)
    with transaction.atomic():
        draft = WriteDraft.objects.select_for_update().filter(owner_id=owner_id).first()
        if draft is None:
            raise NotFound()
        items = list(draft.files.all())
        opened = [
            UploadedFile(
                file=default_storage.open(str(item.file.name), "rb"),
                name=item.original_name,
                content_type=item.content_type,
                size=item.size,
            )
            for item in items
        ]
        try:
            report = report_submit_with_files(
                actor=principal, files=opened, **draft_service_fields(draft.data)
            )
        finally:
            for fh in opened:
                fh.close()
        paths = _stored_paths(items)
        draft.delete()
        transaction.on_commit(lambda: _delete_stored(paths))
    return report


def drafts_purge(*, older_than: timedelta = DRAFT_MAX_AGE, now: datetime | None = None) -> int:
    """Delete drafts untouched for ``older_than``, with their files; returns how many."""
    cutoff = (now or timezone.now()) - older_than
    return _drafts_delete(WriteDraft.objects.filter(updated_at__lt=cutoff))


def _drafts_delete(drafts: Any) -> int:
    items = list(DraftFile.objects.filter(draft__in=drafts))
    paths = _stored_paths(items)
    with transaction.atomic():
        _count, by_model = drafts.delete()
        transaction.on_commit(lambda: _delete_stored(paths))
    return by_model.get(WriteDraft._meta.label, 0)


def _stored_paths(items: Iterable[DraftFile]) -> list[str]:
    return [str(name) for item in items for name in (item.file.name, item.thumbnail.name) if name]


def _delete_stored(paths: Iterable[str]) -> None:
    for path in paths:
        if path and path.startswith(DRAFT_FILE_DIR + "/"):
            try:
                default_storage.delete(path)
            except OSError:
                logger.warning("Could not delete the draft file %s", path)


__all__ = [
    "ANSWER_KEYS",
    "DRAFT_MAX_AGE",
    "draft_discard",
    "draft_file_add",
    "draft_file_get",
    "draft_file_remove",
    "draft_files",
    "draft_get",
    "draft_get_or_create",
    "draft_region_code",
    "draft_save_answers",
    "draft_send",
    "draft_service_fields",
    "drafts_purge",
    "too_big_message",
    "upload_limit",
]

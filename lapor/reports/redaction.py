"""A verifier hides a passage of a report from the public by hand.

The automatic mask (``reports.masking``) finds NIK, phone numbers, e-mail addresses and
the reporter's name; it cannot know that "rumah kuning di belakang masjid Al-Ikhlas"
tells the neighbours who wrote the report. The verifier can: ``report_redact`` adds the
passage to ``Report.redactions``, and every public exit replaces it with "[hidden by the
verifier]" (``reports.public_text``). The text itself is not changed: the reporter and
the officials handling the report keep reading it as written.

The redaction is recorded as an internal event (``report.redacted``) that holds the
passage in its data: only officials related to the report read it, as they read the
original text anyway. The public search document is rewritten in the same transaction.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lapor.accounts.principals import Principal
from lapor.core.exceptions import PermissionDenied, ValidationFailed

from .choices import Visibility
from .events import event_append
from .masking import redaction_in_text
from .models import Report, ReportEvent
from .permissions import Acting, Rule, acting_as
from .search import search_documents_write
from .selectors import report_get_for_update

REDACTED_EVENT = "report.redacted"
PASSAGE_MIN = 3
PASSAGE_MAX = 500
# More than this on one report means the report should be rewritten or made
# confidential, not patched.
REDACTIONS_MAX = 30


def _clean_passage(passage: str) -> str:
    passage = " ".join((passage or "").split())
    if len(passage) < PASSAGE_MIN:
        message = _("Copy the passage to hide: at least %(n)d characters.")
        raise ValidationFailed({"passage": [message % {"n": PASSAGE_MIN}]})
    if len(passage) > PASSAGE_MAX:
        message = _("Hide at most %(n)d characters at a time.")
        raise ValidationFailed({"passage": [message % {"n": PASSAGE_MAX}]})
    return passage


def _public_texts(report: Report) -> list[str]:
    """Every text of the report that the public may read and the mask applies to."""
    notes = ReportEvent.objects.filter(report_id=report.pk, visibility=Visibility.PUBLIC).exclude(
        note=""
    )
    return [
        report.title,
        report.description,
        report.address,
        report.rating_comment,
        *notes.values_list("note", flat=True),
    ]


def _verifier_of(report: Report, actor: Principal) -> Acting | None:
    acting = acting_as(Rule.VERIFIER, report, actor, now=timezone.now())
    return None if acting is None or acting.is_system else acting


def report_may_redact(principal: Principal, report: Report) -> bool:
    """Whether ``principal`` may hide passages of ``report`` (pages show the form)."""
    return _verifier_of(report, principal) is not None


def report_redact(*, actor: Principal, report_id: int, passage: str) -> ReportEvent:
    """Hide ``passage`` of the report's text from the public; return the event written.

    The verifier decides (``permissions.Rule.VERIFIER``: Admin Nasional, or an Admin
    Instansi of the agency the reporter picked while that agency holds the report). The
    passage must occur in the report's public text (its words as written, any case and
    spacing), and not be hidden already.
    """
    passage = _clean_passage(passage)
    with transaction.atomic():
        report = report_get_for_update(actor, pk=report_id)
        acting = _verifier_of(report, actor)
        if acting is None:
            raise PermissionDenied()
        existing = [p for p in report.redactions or [] if isinstance(p, str)]
        if passage.casefold() in {" ".join(p.split()).casefold() for p in existing}:
            raise ValidationFailed({"passage": [_("This passage is hidden already.")]})
        if len(existing) >= REDACTIONS_MAX:
            raise ValidationFailed(
                {"passage": [_("Too many passages are hidden on this report already.")]}
            )
        if not any(redaction_in_text(passage, text) for text in _public_texts(report)):
            raise ValidationFailed(
                {"passage": [_("This passage is not in the report. Copy it as it is written.")]}
            )
        report.redactions = [*existing, passage]
        report.save(update_fields=["redactions", "updated_at"])
        search_documents_write([report.pk])
        return event_append(
            report=report,
            code=REDACTED_EVENT,
            actor=actor,
            # Officials only, whatever the code's default: the event holds the passage.
            visibility=Visibility.INTERNAL,
            data={"passage": passage},
            acting=acting,
        )


__all__ = ["PASSAGE_MAX", "REDACTED_EVENT", "report_may_redact", "report_redact"]

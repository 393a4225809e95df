from django.db import models
from django.utils.translation import gettext_lazy as _

# Defined below reports (routing rules and the deadline law need it); re-exported here
# so that ``reports.choices`` stays the one place pages look for a report's choices.
from lapor.agencies.choices import Classification as Classification


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting verification")
    ON_HOLD = "on_hold", _("On hold: information needed")
    ARCHIVED = "archived", _("Archived")
    DISPOSED = "disposed", _("Sent to agency")
    IN_PROGRESS = "in_progress", _("Being followed up")
    RESOLVED = "resolved", _("Answered: awaiting reporter")
    CLOSED = "closed", _("Done")
    ESCALATED = "escalated", _("Handled by the Ombudsman")


# Statuses in which a report is still someone's work.
OPEN_STATUSES = frozenset(
    {
        Status.SUBMITTED,
        Status.ON_HOLD,
        Status.DISPOSED,
        Status.IN_PROGRESS,
        Status.RESOLVED,
        Status.ESCALATED,
    }
)
# Statuses the public may see a (non-confidential) report in: it has been verified.
PUBLIC_STATUSES = frozenset(
    {Status.DISPOSED, Status.IN_PROGRESS, Status.RESOLVED, Status.CLOSED, Status.ESCALATED}
)


class ArchiveReason(models.TextChoices):
    INCOMPLETE = "incomplete", _("Incomplete")
    OUT_OF_SCOPE = "out_of_scope", _("Out of scope")
    DUPLICATE = "duplicate", _("Duplicate")
    SPAM = "spam", _("Spam")


class Channel(models.TextChoices):
    WEB = "web", _("Website")
    API = "api", _("Mobile app / API")
    SMS = "sms", _("SMS 1708")
    EMAIL = "email", _("E-mail")
    INTEGRATION = "integration", _("Agency app")
    OPEN311 = "open311", _("Open311")


class Visibility(models.TextChoices):
    """Who may read an event or an attachment (beyond who may read the report)."""

    PUBLIC = "public", _("Public")
    REPORTER = "reporter", _("Reporter and officials")
    INTERNAL = "internal", _("Officials only")


class OmbudsmanConsent(models.TextChoices):
    NONE = "", _("Not asked")
    ASKED = "asked", _("Asked")
    GIVEN = "given", _("Given")
    REFUSED = "refused", _("Refused")


class AttachmentKind(models.TextChoices):
    IMAGE = "image", _("Photo")
    DOCUMENT = "document", _("Document")
    VIDEO = "video", _("Video")

"""The report (laporan), its timeline of events and its attachments.

A report's status changes only through ``reports.transitions.transition``; nothing
here holds workflow logic.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lapor.accounts.principals import Principal
from lapor.core.models import AppendOnlyModel, AppendOnlyQuerySet, TimeStampedModel

from . import visibility
from .choices import (
    ArchiveReason,
    AttachmentKind,
    Channel,
    Classification,
    OmbudsmanConsent,
    Status,
    Visibility,
)


class EscalationLevel(models.IntegerChoices):
    """How far up the chain an overdue step has been raised (reports.sweeps)."""

    NONE = 0, _("Not escalated")
    AGENCY = 1, _("Raised to the agency admin")
    NATIONAL = 2, _("Raised to the national admin")


# The steps whose lateness is the officials' (the verifier, the agency, the Ombudsman):
# only these are marked overdue. A reporter's late step (hold, reply) ends by itself.
OFFICIALS_STEPS = (Status.SUBMITTED, Status.DISPOSED, Status.IN_PROGRESS, Status.ESCALATED)
# The steps in which the Ombudsman may be offered a report (reports.transitions).
WORKING_STEPS = (Status.DISPOSED, Status.IN_PROGRESS)
# The steps an agency's inbox lists as its open work.
INBOX_STEPS = (Status.DISPOSED, Status.IN_PROGRESS, Status.ESCALATED)


class ReportQuerySet(models.QuerySet["Report"]):
    def visible_to(self, principal: Principal) -> ReportQuerySet:
        """The gate: the reports ``principal`` may read (``reports.visibility``)."""
        q = visibility.report_q(principal)
        return self if q is visibility.ALL else self.filter(q)


class Report(models.Model):
    # Unique through a constraint rather than unique=True: on PostgreSQL that adds a
    # second, LIKE-pattern index, which no query uses and every insert pays for.
    tracking_id = models.CharField(_("tracking ID"), max_length=12, editable=False)

    # What the reporter tells.
    classification = models.CharField(
        _("classification"), max_length=30, choices=Classification.choices
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"))
    incident_date = models.DateField(_("date of the incident"), null=True, blank=True)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), on_delete=models.PROTECT, null=True, blank=True
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    category = models.ForeignKey(
        "agencies.Category",
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    target_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency chosen by the reporter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # a partial index below: most reports name no agency
    )
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    is_confidential = models.BooleanField(_("confidential"), default=False)
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.WEB
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reporter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        db_index=False,  # covered by the composite indexes that start with it
    )

    # Where it is in the flow.
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        db_index=False,  # covered by the composite indexes that start with it
        help_text=_("The agency that handles the report now."),
    )
    unit = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="unit_reports",
        db_index=False,  # covered by the composite indexes that start with it
        help_text=_("The unit inside the agency the report was passed to."),
    )
    archive_reason = models.CharField(
        _("archive reason"), max_length=20, choices=ArchiveReason.choices, blank=True
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        db_index=False,  # a partial index below: few reports are duplicates
    )
    ombudsman_consent = models.CharField(
        _("Ombudsman consent"),
        max_length=10,
        choices=OmbudsmanConsent.choices,
        default=OmbudsmanConsent.NONE,
        blank=True,
    )

    # Deadlines (recomputed by reports.deadlines after every move).
    due_at = models.DateTimeField(_("current step due"), null=True, blank=True)
    verification_due_at = models.DateTimeField(_("verification due"), null=True, blank=True)
    hold_due_at = models.DateTimeField(_("reporter's information due"), null=True, blank=True)
    first_followup_due_at = models.DateTimeField(_("first follow-up due"), null=True, blank=True)
    resolution_due_at = models.DateTimeField(_("resolution due"), null=True, blank=True)
    reply_due_at = models.DateTimeField(_("reporter's reply due"), null=True, blank=True)

    # When things happened.
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    disposed_at = models.DateTimeField(_("sent to agency"), null=True, blank=True)
    first_followup_at = models.DateTimeField(_("first follow-up"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # The reporter's verdict.
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rating_comment = models.TextField(_("rating comment"), blank=True)
    reporter_satisfied = models.BooleanField(_("solved for the reporter"), null=True, blank=True)

    support_count = models.PositiveIntegerField(_("supporters"), default=0)
    # Passages a verifier hid from the public by hand (``reports.redaction``): the public
    # exits replace them (``reports.public_text``); the text itself stays as written, for
    # the reporter and the officials handling it.
    redactions = models.JSONField(
        _("passages hidden from the public"), default=list, blank=True, editable=False
    )
    version = models.PositiveIntegerField(default=0, editable=False)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["status", "due_at"], name="report_status_due"),
            models.Index(fields=["agency", "status", "due_at"], name="report_agency_due"),
            models.Index(fields=["unit", "status", "due_at"], name="report_unit_due"),
            models.Index(fields=["reporter", "-submitted_at"], name="report_reporter"),
            # Foreign keys that are usually empty: only the rows that have one.
            models.Index(
                fields=["target_agency"],
                name="report_target_agency",
                condition=Q(target_agency__isnull=False),
            ),
            models.Index(
                fields=["duplicate_of"],
                name="report_duplicate_of",
                condition=Q(duplicate_of__isnull=False),
            ),
            models.Index(
                fields=["-submitted_at"],
                name="report_public_recent",
                condition=Q(is_confidential=False)
                & Q(status__in=["disposed", "in_progress", "resolved", "closed", "escalated"]),
            ),
            # The agency inbox and the unit inbox: open work by due date, overdue first
            # (the console reads 25 rows of a 180,000-report agency from these alone).
            models.Index(
                fields=["agency", "due_at", "id"],
                name="report_agency_work_due",
                condition=Q(status__in=INBOX_STEPS),
            ),
            models.Index(
                fields=["unit", "due_at", "id"],
                name="report_unit_work_due",
                condition=Q(status__in=INBOX_STEPS),
            ),
            # No index on ``reply_due_at`` or ``resolution_due_at``: nothing filters or
            # sorts on them (the sweeps read ``(status, due_at)``), and on a table this
            # wide every index is written again by each move.
            # The sweeps' own partial indexes are on ``ReportSweepState``.
            models.Index(
                fields=["submitted_at"],
                name="report_consent_pending",
                condition=Q(status__in=WORKING_STEPS, ombudsman_consent=OmbudsmanConsent.NONE),
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["tracking_id"], name="report_tracking_id_unique"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="report_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        # The tracking ID only: admin page titles, foreign keys and log lines print
        # this, and a title is free text that may be confidential or need masking.
        return f"#{self.tracking_id}"


class ReportSweepState(models.Model):
    """The sweeps' bookkeeping for one report (``reports.sweeps``), beside the report.

    A narrow table of its own because the sweeps write it a thousand rows at a time:
    on ``Report`` each mark would rewrite the wide row and its twenty indexes (the
    full-text one included); here it touches a few small partial indexes.

    Each column is "work pending" and is cleared when done, so a partial index holds
    only what is due and a sweep costs what is due, not what is open. The values come
    from ``report_recompute_deadlines`` (written by whoever moves the report): when
    ``due_at`` changes the reminder is re-armed and the mark and escalation start over,
    so every due date is reminded, marked and escalated once.
    """

    report = models.OneToOneField(
        Report, on_delete=models.CASCADE, primary_key=True, related_name="sweep_state"
    )
    remind_at = models.DateTimeField(
        _("reminder due"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the reminder for the current due date goes out; empty once sent."),
    )
    # ``Report.due_at`` while the step is the officials' (``OFFICIALS_STEPS``), else
    # empty: what the overdue sweep reads, since its index cannot see the report's row.
    overdue_at = models.DateTimeField(
        _("overdue after"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the current officials' step turns overdue."),
    )
    overdue_marked_at = models.DateTimeField(
        _("marked overdue"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the current due date was found missed."),
    )
    escalation_level = models.PositiveSmallIntegerField(
        _("escalation"),
        choices=EscalationLevel.choices,
        default=EscalationLevel.NONE,
        editable=False,
    )
    escalation_due_at = models.DateTimeField(
        _("next escalation due"),
        null=True,
        blank=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("report sweep state")
        verbose_name_plural = _("report sweep states")
        indexes = [
            models.Index(
                fields=["remind_at"],
                name="sweep_remind_pending",
                condition=Q(remind_at__isnull=False),
            ),
            models.Index(
                fields=["overdue_at"],
                name="sweep_overdue_pending",
                condition=Q(overdue_marked_at__isnull=True, overdue_at__isnull=False),
            ),
            models.Index(
                fields=["escalation_due_at"],
                name="sweep_escalation_pending",
                condition=Q(escalation_due_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"sweep state of report {self.report_id}"


class ReportSearchDocument(models.Model):
    """A report's words for full-text search (``reports.search``), beside the report.

    A narrow table of its own because the words rarely change while the report row
    changes at every move: an expression index on ``Report`` made PostgreSQL recompute
    ``to_tsvector`` and write a GIN entry on every update of the row. Written only when
    the title or description is (``search_documents_write``: submission, a verifier's
    correction, the bulk generator). On PostgreSQL ``document`` is a ``tsvector`` with a
    GIN index (migration ``0007``); SQLite keeps the plain text, unused by its search.
    """

    report = models.OneToOneField(
        Report, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    document = SearchVectorField(_("search document"), null=True, editable=False)

    class Meta:
        verbose_name = _("report search document")
        verbose_name_plural = _("report search documents")

    def __str__(self) -> str:
        return f"search document of report {self.report_id}"


class ReportEventQuerySet(AppendOnlyQuerySet):
    def visible_to(self, principal: Principal) -> ReportEventQuerySet:
        """The events ``principal`` may read: of reports they read, as far as each
        event's ``visibility`` allows (``reports.visibility.rows_q``)."""
        q = visibility.rows_q(principal, report_prefix="report__", visibility_field="visibility")
        return self if q is visibility.ALL else self.filter(q)


class ReportEvent(AppendOnlyModel):
    """One thing that happened to a report: the audit trail and the public timeline.

    ``code`` is dotted (``report.disposed``); ``visibility`` says who may read it.
    """

    report = models.ForeignKey(
        Report,
        on_delete=models.CASCADE,
        related_name="events",
        db_index=False,  # covered by ``event_report_time``, which starts with it
    )
    code = models.CharField(_("event"), max_length=50)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # partial index below
    )
    actor_role = models.CharField(_("acting as"), max_length=20, blank=True)
    actor_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # partial index below
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    data = models.JSONField(default=dict, blank=True)

    # The append-only manager with the gate (``visible_to``); the stubs see a class
    # variable on the base replaced by an instance one.
    objects = ReportEventQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("report event")
        verbose_name_plural = _("report events")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["report", "created_at"], name="event_report_time"),
            # For deleting a user or an agency (``SET_NULL``) and "what did they do".
            # Partial: the system's events (every sweep's) have no actor and would
            # only grow these indexes.
            models.Index(fields=["actor"], name="event_actor", condition=Q(actor__isnull=False)),
            models.Index(
                fields=["actor_agency"],
                name="event_actor_agency",
                condition=Q(actor_agency__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} @ {self.created_at:%Y-%m-%d %H:%M}"


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name never comes from the user: it is random, with a safe suffix.
    return f"attachments/{timezone.now():%Y/%m}/{instance.storage_name}"


class AttachmentQuerySet(models.QuerySet["Attachment"]):
    def visible_to(self, principal: Principal) -> AttachmentQuerySet:
        """The files ``principal`` may download: their own visibility and that of the
        event they hang on both apply (the stricter)."""
        own = visibility.rows_q(principal, report_prefix="report__", visibility_field="visibility")
        if own is visibility.ALL:
            return self
        on_event = visibility.rows_q(
            principal, report_prefix="report__", visibility_field="event__visibility"
        )
        return self.filter(own).filter(Q(event__isnull=True) | on_event)


class Attachment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    event = models.ForeignKey(
        ReportEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path, max_length=255)
    storage_name = models.CharField(max_length=80, editable=False)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    kind = models.CharField(_("kind"), max_length=10, choices=AttachmentKind.choices)
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def visible_to(self, principal: Principal) -> AssignmentQuerySet:
        """Who works on a report is for the officials related to it only (like an
        internal event): never the reporter's or the public's to read."""
        q = visibility.related_q(principal, "report__")
        if q is None:
            return self.none()
        return self if q is visibility.ALL else self.filter(q)


class Assignment(TimeStampedModel):
    """The officer inside the handling agency who works on a report now.

    One row per report: assigning again replaces the officer, and the report's events
    (``report.assigned``, ``report.unassigned``) keep the history. Written only by
    ``reports.services.report_assign`` / ``report_unassign``.
    """

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="assignment")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.CASCADE,
        related_name="report_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        indexes = [models.Index(fields=["assignee", "report"], name="report_assignment_assignee")]

    def __str__(self) -> str:
        return f"{self.report_id} → {self.assignee_id}"

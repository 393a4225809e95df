"""Reads: whom an event concerns, what a person's settings are, their notifications,
and what is due in an official's scope (the digest).

Whom an event *concerns* is a routing question answered here by roles and the agency
tree; whether that person may *read* anything about the report is decided only by
``lapor.reports.selectors`` (the services check it for every recipient).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from lapor.accounts.choices import NATIONAL_ROLES, Role
from lapor.accounts.models import User
from lapor.accounts.principals import Principal, principal_for_user
from lapor.accounts.selectors import user_is_national, user_scopes
from lapor.agencies.models import Agency
from lapor.deadlines.calendar import DEFAULT_TZ, add_working_days
from lapor.reports import visibility
from lapor.reports.choices import Status
from lapor.reports.deadlines import report_due_state
from lapor.reports.models import Report, ReportEvent
from lapor.reports.selectors import report_list_visible_to

from .choices import Audience, Language
from .models import Notification, NotificationSetting

# The deadline sweeps' events (lapor.reports.sweeps).
REMINDER = "report.reminder"
OVERDUE = "report.overdue"
ESCALATED_TO_AGENCY = "report.escalated_to_agency"
ESCALATED_TO_NATIONAL = "report.escalated_to_national"
DEADLINE_CODES = frozenset({REMINDER, OVERDUE})

# What the reporter is told about (when the event is visible to them).
REPORTER_CODES = frozenset(
    {
        "report.submitted",
        "report.held",
        "report.archived",
        "report.disposed",
        "report.followed_up",
        "report.resolved",
        "report.closed",
        "report.auto_closed",
        "report.consent_asked",
        "report.escalated",
    }
)
# The reporter's own moves that still deserve a confirmation.
REPORTER_CONFIRMS = frozenset({"report.submitted", "report.closed", "report.escalated"})
# Steps of the flow that are the reporter's to take.
REPORTER_STEPS = frozenset({"hold", "reply"})
STEP_OF_STATUS: dict[str, str] = {
    Status.SUBMITTED: "verification",
    Status.ON_HOLD: "hold",
    Status.DISPOSED: "first_followup",
    Status.IN_PROGRESS: "resolution",
    Status.RESOLVED: "reply",
    Status.ESCALATED: "resolution",
}
DUE_FIELD_OF_STEP = {
    "verification": "verification_due_at",
    "hold": "hold_due_at",
    "first_followup": "first_followup_due_at",
    "resolution": "resolution_due_at",
    "reply": "reply_due_at",
}
# Roles whose people take steps on reports (and so get the digest).
WORKING_ROLES = (Role.ADMIN_NASIONAL, Role.ADMIN_INSTANSI, Role.ADMIN_UNIT, Role.OMBUDSMAN)


# --- settings ------------------------------------------------------------------------


def notification_setting_defaults(user: User) -> dict[str, Any]:
    """A person's settings before they chose any.

    National roles see the whole country: instant mail for everything would bury
    them, so they get the daily digest only. SMS costs money and officials have
    e-mail at work: it is on for reporters (many file by SMS 1708) and off for
    officials.
    """
    official = bool(user_scopes(user))
    return {
        "language": Language.INDONESIAN,
        "email_enabled": True,
        "sms_enabled": not official,
        "digest_only": user_is_national(user),
        "instant_reminders": False,
    }


def notification_setting_for(user: User) -> NotificationSetting:
    """The user's settings; an unsaved row with the defaults when they have none."""
    setting = NotificationSetting.objects.filter(user=user).first()
    if setting is None:
        setting = NotificationSetting(user=user, **notification_setting_defaults(user))
    return setting


# --- recipients ----------------------------------------------------------------------


def _ancestor_paths(path: str) -> list[str]:
    """``"12/40/41/"`` → ``["12/", "12/40/", "12/40/41/"]``: the subtrees holding it."""
    parts = [p for p in path.split("/") if p]
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def officials_with_role(role: str, *, covering: Agency | None = None) -> QuerySet[User]:
    """Active people holding ``role``: nationally, or over a subtree containing ``covering``.

    One ``filter()`` call, so that every condition applies to the same membership.
    """
    membership: dict[str, Any] = {"memberships__role": role, "memberships__is_active": True}
    if role in NATIONAL_ROLES:
        membership["memberships__agency__isnull"] = True
    else:
        if covering is None or not covering.path:
            return User.objects.none()
        membership["memberships__agency__path__in"] = _ancestor_paths(covering.path)
        membership["memberships__agency__is_active"] = True
    return User.objects.filter(is_active=True, **membership).distinct()


def _verifiers(report: Report) -> list[QuerySet[User]]:
    # docs/workflow.md: the agency the reporter picked verifies while it holds the
    # report; otherwise (and after its "not our authority") the national verifier.
    if report.target_agency_id and report.agency_id == report.target_agency_id:
        return [officials_with_role(Role.ADMIN_INSTANSI, covering=report.agency)]
    return [officials_with_role(Role.ADMIN_NASIONAL)]


def _handlers(report: Report) -> list[QuerySet[User]]:
    groups = [officials_with_role(Role.ADMIN_INSTANSI, covering=report.agency)]
    if report.unit_id:
        groups.append(officials_with_role(Role.ADMIN_UNIT, covering=report.unit))
    if report.status == Status.ESCALATED:
        groups.append(officials_with_role(Role.OMBUDSMAN))
    return groups


def event_step(event: ReportEvent, report: Report) -> str:
    """Which step a reminder or overdue event is about: ``data["due"]`` names it
    (``"hold"`` or the due field, ``"hold_due_at"``); else the report's status says."""
    step = event.data.get("due") if isinstance(event.data, dict) else None
    if isinstance(step, str):
        step = step.removesuffix("_due_at")
        if step in DUE_FIELD_OF_STEP:
            return step
    return STEP_OF_STATUS.get(report.status, "")


def step_due_at(report: Report, step: str) -> datetime | None:
    field = DUE_FIELD_OF_STEP.get(step)
    return getattr(report, field) if field else report.due_at


def _official_groups(event: ReportEvent, report: Report) -> list[QuerySet[User]]:
    code = event.code
    if code == "report.submitted":
        if report.target_agency_id and report.agency_id == report.target_agency_id:
            return _verifiers(report)
        return []  # the national verifiers find new reports in their queue and digest
    if code == "report.completed":
        return _verifiers(report)
    if code == "report.declined":
        return [officials_with_role(Role.ADMIN_NASIONAL)]
    if code in ("report.disposed", "report.transferred"):
        groups = [officials_with_role(Role.ADMIN_INSTANSI, covering=report.agency)]
        if report.unit_id:
            groups.append(officials_with_role(Role.ADMIN_UNIT, covering=report.unit))
        return groups
    if code == "report.disposed_to_unit":
        return [officials_with_role(Role.ADMIN_UNIT, covering=report.unit)]
    if code == "report.replied":
        return _handlers(report)
    if code == "report.escalated":
        return [officials_with_role(Role.OMBUDSMAN)]
    if code == ESCALATED_TO_AGENCY:
        return [officials_with_role(Role.ADMIN_INSTANSI, covering=report.agency)]
    if code == ESCALATED_TO_NATIONAL:
        return [officials_with_role(Role.ADMIN_NASIONAL)]
    if code in DEADLINE_CODES:
        step = event_step(event, report)
        if step == "verification":
            return _verifiers(report)
        if step in ("first_followup", "resolution"):
            if report.status == Status.ESCALATED:
                return [officials_with_role(Role.OMBUDSMAN)]
            return _handlers(report)
    return []


@dataclass(frozen=True)
class Recipient:
    user: User
    audience: str


def event_recipients(event: ReportEvent, report: Report) -> list[Recipient]:
    """Whom ``event`` concerns, by routing alone (the caller checks visibility).

    The person who made the move is not told about it, except the reporter's
    confirmations (filed, accepted, handed to the Ombudsman). Someone who is both the
    reporter and an official of the report is told once, as the reporter.
    """
    recipients: dict[int, Recipient] = {}
    reporter = report.reporter if report.reporter_id else None
    if reporter is not None and reporter.is_active:
        own_move = event.actor_id is not None and event.actor_id == reporter.pk
        wanted = event.code in REPORTER_CODES or (
            event.code == REMINDER and event_step(event, report) in REPORTER_STEPS
        )
        if wanted and (not own_move or event.code in REPORTER_CONFIRMS):
            recipients[reporter.pk] = Recipient(reporter, Audience.REPORTER)
    for group in _official_groups(event, report):
        for user in group:
            if user.pk == event.actor_id or user.pk in recipients:
                continue
            recipients[user.pk] = Recipient(user, Audience.OFFICIAL)
    return list(recipients.values())


# --- a person's notifications --------------------------------------------------------


def notifications_visible_to(principal: Principal) -> QuerySet[Notification]:
    """Every notification ``principal`` may read (anyone's: the admin lists them), by the
    report's gate and the event's (``reports.visibility``, joined rather than
    subqueried). A notification written for an official (``Audience.OFFICIAL``) reads
    as one only to an official: an official whose second factor is not verified in
    this session is a citizen, and so is a superuser without a role."""
    qs = Notification.objects.all()
    if not principal.is_official:
        qs = qs.exclude(audience=Audience.OFFICIAL)
    report_ok = visibility.report_q(principal, "report__")
    if report_ok is not visibility.ALL:
        qs = qs.filter(Q(report__isnull=True) | report_ok)
    event_ok = visibility.rows_q(
        principal, report_prefix="event__report__", visibility_field="event__visibility"
    )
    if event_ok is not visibility.ALL:
        qs = qs.filter(Q(event__isnull=True) | event_ok)
    return qs


def notification_list_for(principal: Principal) -> QuerySet[Notification]:
    """The principal's own notifications that they may read now, newest first.

    A notification's text was written for its recipient as they read the report when
    it fanned out (an official: with their roles). Whoever reads it later goes through
    the gate again (``notifications_visible_to``).
    """
    if not principal.is_person or principal.user_id is None:
        return Notification.objects.none()
    return (
        notifications_visible_to(principal)
        .filter(user_id=principal.user_id)
        .order_by("-created_at", "-id")
    )


def notification_unread_count(principal: Principal) -> int:
    """The bell: unread notifications the principal may read (one COUNT on the
    ``(user, read_at, -created_at)`` index, through the gate)."""
    if not principal.is_person or principal.user_id is None:
        return 0
    # Most pages are seen by people with nothing unread: the plain indexed count first,
    # and the gate (subqueries on the reports) only when there is something to gate.
    unread = Notification.objects.filter(user_id=principal.user_id, read_at__isnull=True)
    if not unread.exists():
        return 0
    return notification_list_for(principal).filter(read_at__isnull=True).count()


# --- the digest ----------------------------------------------------------------------


def _work_q(user: User) -> Q | None:
    """The reports whose current step is ``user``'s to take (None: none)."""
    q = Q(pk__in=[])
    found = False
    for scope in user_scopes(user):
        if scope.role == Role.ADMIN_NASIONAL:
            q |= Q(status=Status.SUBMITTED, agency__isnull=True)
        elif scope.role == Role.OMBUDSMAN:
            q |= Q(status=Status.ESCALATED)
        elif scope.role == Role.ADMIN_INSTANSI and scope.path:
            q |= Q(
                status__in=[Status.SUBMITTED, Status.DISPOSED, Status.IN_PROGRESS],
                agency__path__startswith=scope.path,
            )
        elif scope.role == Role.ADMIN_UNIT and scope.path:
            q |= Q(
                status__in=[Status.DISPOSED, Status.IN_PROGRESS],
                unit__path__startswith=scope.path,
            )
        else:
            continue
        found = True
    return q if found else None


@dataclass(frozen=True)
class DigestItem:
    tracking_id: str
    title: str
    status: str
    status_label: str
    due_at: datetime
    due_state: str


@dataclass(frozen=True)
class Digest:
    items: list[DigestItem]
    total: int
    overdue: int


def digest_for(user: User, *, now: datetime | None = None, limit: int = 50) -> Digest:
    """What is due by the end of the next working day, or overdue, among the reports
    whose step is ``user``'s, as far as ``user`` may read them; soonest first."""
    now = now or timezone.now()
    q = _work_q(user)
    if q is None:
        return Digest(items=[], total=0, overdue=0)
    horizon = add_working_days(now, 1, tz=DEFAULT_TZ)
    # The digest goes to the official's own address, as they read the reports when
    # signed in with their second factor.
    qs = (
        report_list_visible_to(principal_for_user(user, verified=True))
        .filter(q, due_at__isnull=False, due_at__lte=horizon)
        .select_related("agency", "region")
        .order_by("due_at", "pk")
    )
    total = qs.count()
    overdue = qs.filter(due_at__lt=now).count() if total else 0
    items = [
        DigestItem(
            tracking_id=r.tracking_id,
            title=r.title,
            status=r.status,
            status_label=str(r.get_status_display()),
            due_at=r.due_at,  # type: ignore[arg-type]
            due_state=report_due_state(r, now=now),
        )
        for r in qs[:limit]
    ]
    return Digest(items=items, total=total, overdue=overdue)


def digest_recipients() -> QuerySet[User]:
    """Officials who take steps on reports and have an e-mail address."""
    return (
        User.objects.filter(
            is_active=True,
            email__isnull=False,
            memberships__is_active=True,
            memberships__role__in=WORKING_ROLES,
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


__all__ = [
    "Digest",
    "DigestItem",
    "Recipient",
    "digest_for",
    "digest_recipients",
    "event_recipients",
    "event_step",
    "notification_list_for",
    "notification_setting_defaults",
    "notification_setting_for",
    "notification_unread_count",
    "officials_with_role",
    "step_due_at",
]

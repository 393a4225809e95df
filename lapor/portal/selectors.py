"""Reads for the public pages. Every report comes through ``reports.selectors``; the
public list and its filters live in ``reports.listing`` (the API reads them too) and are
re-exported here for the portal's views and feeds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lapor.accounts.principals import VISITOR, Principal
from lapor.agencies.choices import AgencyKind
from lapor.agencies.models import Agency, Category
from lapor.deadlines import rules
from lapor.deadlines.calendar import DEFAULT_TZ
from lapor.reports.choices import PUBLIC_STATUSES, Status
from lapor.reports.listing import ReportFilters as ReportFilters
from lapor.reports.listing import public_reports as public_reports
from lapor.reports.models import Report
from lapor.reports.public_text import event_note_for
from lapor.reports.search import SEARCH_CONFIG, search_document_matches, search_supported
from lapor.reports.selectors import (
    event_actor_label_for,
    report_attachments_visible_to,
    report_events_visible_to,
    report_list_visible_to,
)

PAGE_SIZE = 20
MAX_PAGE = 500  # deep offsets cost the database; nobody reads page 501 of a list
SIMILAR_LIMIT = 5
_WORD_MIN = 4


def home_stats() -> dict[str, int]:
    """Counts for the home page, cached for a minute: they need not be exact."""
    stats = cache.get("portal:home_stats")
    if stats is None:
        public = report_list_visible_to(VISITOR)
        stats = {
            "public_reports": public.count(),
            "closed_reports": public.filter(status=Status.CLOSED).count(),
            "agencies": Agency.objects.filter(is_active=True).exclude(kind=AgencyKind.UNIT).count(),
        }
        cache.set("portal:home_stats", stats, 60)
    return stats


# --- the public list ---------------------------------------------------------------------


@dataclass
class Page:
    items: list[Report]
    number: int
    has_next: bool
    has_previous: bool = field(init=False)

    def __post_init__(self) -> None:
        self.has_previous = self.number > 1


def page_of(qs: QuerySet[Report], number: int, *, size: int = PAGE_SIZE) -> Page:
    """One page without counting the whole list (a COUNT over a million rows would
    cost more than the page): fetch one row more to know whether there is a next."""
    number = min(max(number, 1), MAX_PAGE)
    offset = (number - 1) * size
    rows = list(
        # The reporter comes along: their name is masked in the titles (public_text);
        # unit and target agency decide an official's relation to each row.
        qs.select_related(
            "agency", "category", "region", "reporter", "unit", "target_agency"
        ).defer("description", "rating_comment")[offset : offset + size + 1]
    )
    return Page(items=rows[:size], number=number, has_next=len(rows) > size)


def similar_open_reports(*, title: str, region_code: str = "") -> list[Report]:
    """Open public reports whose words look like ``title`` (in the same regency when a
    place is known), so that a reporter can support an existing report instead of
    filing the same one again."""
    words = [w.strip(".,;:!?\"'()").lower() for w in (title or "").split()]
    words = [w for w in words if len(w) >= _WORD_MIN][:8]
    if not words:
        return []
    qs = report_list_visible_to(VISITOR).filter(
        status__in=[Status.DISPOSED, Status.IN_PROGRESS, Status.RESOLVED, Status.ESCALATED]
    )
    if search_supported():
        query = SearchQuery(words[0], config=SEARCH_CONFIG)
        for word in words[1:]:
            query |= SearchQuery(word, config=SEARCH_CONFIG)
        qs = search_document_matches(qs, query)
    else:
        # The stored document, as on PostgreSQL: the words the public may read.
        match = Q()
        for word in words:
            match |= Q(search_document__document__icontains=word)
        qs = qs.filter(match)
    qs = qs.select_related("agency", "region", "reporter").only(
        "tracking_id",
        "title",
        "status",
        "support_count",
        "submitted_at",
        "agency__name",
        "region__name",
        # What masks the title for the public (reports.public_text).
        "redactions",
        "reporter__full_name",
    )
    if region_code:
        # Only the same regency (or province, if that is all that was chosen): a
        # broken road in Bandung is not the pothole a reporter in Denpasar is writing
        # about, and "support it instead" would send them to the wrong report.
        regency = ".".join(region_code.split(".")[:2])
        qs = qs.filter(Q(region_id=regency) | Q(region__code__startswith=f"{regency}."))
    return list(qs.order_by("-submitted_at")[:SIMILAR_LIMIT])


def my_reports(principal: Principal) -> QuerySet[Report]:
    if not principal.is_person:
        return Report.objects.none()
    return (
        report_list_visible_to(principal)
        .filter(reporter_id=principal.user_id)
        .select_related("agency", "category", "region")
        .order_by("-submitted_at", "-id")
    )


# --- one report --------------------------------------------------------------------------


@dataclass
class TimelineEntry:
    event: Any
    actor: str
    attachments: list[Any]
    note: str = ""  # the event's note as the principal may read it (masked for the public)


def report_timeline(principal: Principal, report: Report) -> list[TimelineEntry]:
    """The events ``principal`` may read, each labelled and with its files (two queries)."""
    events = list(report_events_visible_to(principal, report))
    files: dict[int | None, list[Any]] = {}
    for attachment in report_attachments_visible_to(principal, report):
        files.setdefault(attachment.event_id, []).append(attachment)
    return [
        TimelineEntry(
            event=e,
            actor=event_actor_label_for(principal, e),
            attachments=files.get(e.pk, []),
            note=event_note_for(principal, e),
        )
        for e in events
    ]


def report_loose_attachments(principal: Principal, report: Report) -> list[Any]:
    return [a for a in report_attachments_visible_to(principal, report) if a.event_id is None]


def report_own_files(
    principal: Principal, report: Report, timeline: list[TimelineEntry]
) -> list[Any]:
    """The files that came with the report itself (on its ``report.submitted`` event,
    from a timeline already read through the gate), then any that hang on no event."""
    sent = [a for e in timeline if e.event.code == "report.submitted" for a in e.attachments]
    return sent + report_loose_attachments(principal, report)


# What the agency (or the verifier, asking) last said to the reporter: the page shows it
# first, above the reporter's choices (issue 9: read before you rate).
ANSWER_CODES = frozenset({"report.followed_up", "report.resolved", "report.held"})


def latest_answer(timeline: list[TimelineEntry]) -> TimelineEntry | None:
    """The newest answer in a timeline already read through the gate
    (``report_timeline``): only what its reader may read can be chosen."""
    return next((e for e in reversed(timeline) if e.event.code in ANSWER_CODES), None)


@dataclass
class NextStep:
    """What happens next, in one line: who is waited for, and by when."""

    text: str
    due_day: date | None = None  # the last day, in the agency's timezone
    late: bool = False


def report_next_step(
    report: Report, *, for_reporter: bool, tz: str, now: datetime | None = None
) -> NextStep:
    s = report.status
    due: datetime | None = None
    if s == Status.SUBMITTED:
        text, due = _("Waiting to be checked by a verifier"), report.verification_due_at
    elif s == Status.ON_HOLD:
        text = (
            _("Waiting for the information asked of you")
            if for_reporter
            else _("Waiting for information from the reporter")
        )
        due = report.hold_due_at
    elif s == Status.DISPOSED:
        text, due = _("Waiting for the agency's first answer"), report.first_followup_due_at
    elif s == Status.IN_PROGRESS:
        text, due = _("Waiting for the agency's answer"), report.resolution_due_at
    elif s == Status.RESOLVED:
        text = (
            _("The agency has answered: accept and rate it, or reply")
            if for_reporter
            else _("The agency has answered; waiting for the reporter")
        )
        due = report.reply_due_at
    elif s == Status.ESCALATED:
        text = _("The Ombudsman of the Republic of Indonesia handles this report now")
    elif s == Status.CLOSED:
        text = _("This report is closed")
    else:
        text = _("This report is no longer handled")
    if due is None:
        return NextStep(str(text))
    late = due < (now or timezone.now())
    return NextStep(str(text), due.astimezone(ZoneInfo(tz or DEFAULT_TZ)).date(), late)


@dataclass
class Step:
    label: str
    state: str  # done | current | todo
    when: datetime | None = None  # when it happened (done) or is due (current/todo)
    note: str = ""


def report_steps(report: Report) -> list[Step]:
    """The steps of the flow with what happened and what is due, for the reporter."""
    s = report.status
    finish = rules.finish_days(report.classification)
    steps = [Step(str(_("Report sent")), "done", report.submitted_at)]
    if s == Status.ARCHIVED:
        steps.append(Step(str(_("Archived")), "done", report.status_changed_at))
        return steps
    verified = report.verified_at is not None or s in PUBLIC_STATUSES
    if verified:
        steps.append(Step(str(_("Checked and sent to the agency")), "done", report.disposed_at))
    elif s == Status.ON_HOLD:
        steps.append(
            Step(
                str(_("We need more information from you")),
                "current",
                report.hold_due_at,
                str(_("Reply before this date, or the report is archived.")),
            )
        )
    else:
        steps.append(Step(str(_("Checked by a verifier")), "current", report.verification_due_at))
    if report.first_followup_at:
        steps.append(Step(str(_("First answer from the agency")), "done", report.first_followup_at))
    elif s == Status.DISPOSED:
        steps.append(
            Step(str(_("First answer from the agency")), "current", report.first_followup_due_at)
        )
    else:
        steps.append(
            Step(
                str(_("First answer from the agency")),
                "todo",
                None,
                str(_("Within %(n)d working days after it reaches the agency."))
                % {"n": rules.FIRST_FOLLOWUP_DAYS},
            )
        )
    if report.resolved_at or s in (Status.RESOLVED, Status.CLOSED):
        steps.append(Step(str(_("The agency's answer")), "done", report.resolved_at))
    elif s in (Status.IN_PROGRESS, Status.ESCALATED) or (s == Status.DISPOSED):
        steps.append(
            Step(
                str(_("The agency's answer")),
                "current" if s != Status.DISPOSED else "todo",
                report.resolution_due_at,
            )
        )
    else:
        steps.append(
            Step(
                str(_("The agency's answer")),
                "todo",
                None,
                str(_("Within %(n)d working days after it reaches the agency.")) % {"n": finish},
            )
        )
    if s == Status.CLOSED:
        # Not "Done" ("Selesai"): a done step already says "Completed on …" (issue 9).
        steps.append(Step(str(_("Report closed")), "done", report.closed_at))
    elif s == Status.RESOLVED:
        steps.append(
            Step(
                str(_("Your reply or rating")),
                "current",
                report.reply_due_at,
                str(_("Without your reply by then, the report is closed as done.")),
            )
        )
    else:
        steps.append(
            Step(
                str(_("Your reply or rating")),
                "todo",
                None,
                str(_("Within %(n)d working days after the answer.")) % {"n": rules.REPLY_DAYS},
            )
        )
    return steps


def categories_by_topic() -> list[tuple[Category, list[Category]]]:
    from lapor.agencies.selectors import category_tree

    return [(topic, list(topic.children.all())) for topic in category_tree()]

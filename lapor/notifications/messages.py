"""The words of each notification, written for one recipient.

``render_event_for`` is called by the fan-out with a report that was read through
``report_get_visible_to(recipient, ...)`` (the recipient's principal); everything it
says about the report comes through the visibility selectors, and it never writes:

* who filed an anonymous report, to anyone (not even Admin Nasional, who may look it up
  in the console: an e-mail is forwarded, kept and read outside our control), nor a
  reporter's contact details on any report;
* the report's own text (the description): officials open the report to read it;
* an event's note unless the event itself is visible to the recipient.

Messages are English msgids (Indonesian comes from the catalogue); the caller
renders under ``translation.override`` of the recipient's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lapor.accounts.principals import Principal
from lapor.deadlines import rules
from lapor.reports.deadlines import report_timezone
from lapor.reports.models import Report, ReportEvent
from lapor.reports.selectors import event_actor_label_for, report_reporter_identity_for

from .choices import Audience
from .selectors import event_step, step_due_at

TITLE_MAX = 200


@dataclass(frozen=True)
class Rendered:
    title: str
    body: str
    url: str


def format_due(report: Report, when: datetime | None) -> str:
    """A due date as the recipient reads it: ``16 Maret 2026`` / ``16 March 2026``,
    in the timezone the report's deadlines are counted in."""
    if when is None:
        return "—"
    local = timezone.localtime(when, ZoneInfo(report_timezone(report)))
    return date_format(local, "j F Y")


def report_url(report: Report, audience: str) -> str:
    template = (
        getattr(settings, "NOTIFICATIONS_REPORT_URL", "/laporan/{tracking_id}/")
        if audience == Audience.REPORTER
        else getattr(settings, "NOTIFICATIONS_CONSOLE_REPORT_URL", "/konsol/laporan/{tracking_id}/")
    )
    return template.format(tracking_id=report.tracking_id)


def _reporter_label(recipient: Principal, report: Report) -> str:
    if report.reporter_id is None:
        return _("filed without an account")
    if report.is_anonymous:
        return _("Anonymous reporter")
    identity = report_reporter_identity_for(recipient, report)
    # The name only: contact details have no business in a mailbox.
    return (identity or {}).get("name") or _("Reporter")


def _step_label(step: str) -> str:
    return {
        "verification": _("verification"),
        "hold": _("the missing information"),
        "first_followup": _("the first follow-up"),
        "resolution": _("the resolution"),
        "reply": _("the reporter's reply"),
    }.get(step, _("the next step"))


def _quote(note: str) -> str:
    return "\n".join(f"> {line}" for line in note.strip().splitlines()) if note.strip() else ""


def _join(*parts: str) -> str:
    return "\n\n".join(p for p in parts if p)


def _for_reporter(
    recipient: Principal, event: ReportEvent, report: Report
) -> tuple[str, str] | None:
    code = event.code
    tid = report.tracking_id
    title = report.title
    agency = report.agency.name if report.agency_id and report.agency else ""
    by = event_actor_label_for(recipient, event)
    if code == "report.submitted":
        return _("Your report has been received"), _join(
            _("Thank you. Your report “%(title)s” has the tracking number #%(tid)s.")
            % {"title": title, "tid": tid},
            _(
                "Keep this number to follow your report. We check new reports within %(days)d "
                "working days."
            )
            % {"days": rules.VERIFICATION_DAYS},
        )
    if code == "report.held":
        return _("We need more information about your report"), _join(
            _("The verifier asks:"),
            _quote(event.note),
            _("Please add the information by %(due)s, or the report will be archived.")
            % {"due": format_due(report, report.hold_due_at)},
        )
    if code == "report.archived":
        reason = str(report.get_archive_reason_display()) if report.archive_reason else ""
        return _("Your report has been archived"), _join(
            _("Reason: %(reason)s.") % {"reason": reason} if reason else "",
            _quote(event.note),
        )
    if code == "report.disposed":
        return _("Your report has been sent to %(agency)s") % {"agency": agency}, _join(
            _("%(agency)s will follow it up. The first follow-up is due by %(due)s.")
            % {"agency": agency, "due": format_due(report, report.first_followup_due_at)},
        )
    if code == "report.followed_up":
        return _("There is news on your report"), _join(
            _("%(by)s wrote:") % {"by": by}, _quote(event.note)
        )
    if code == "report.resolved":
        return _("Your report has been answered"), _join(
            _("%(by)s answered:") % {"by": by},
            _quote(event.note),
            _(
                "If this does not solve your problem, reply within %(days)d working days "
                "(by %(due)s). Without a reply the report will be closed."
            )
            % {"days": rules.REPLY_DAYS, "due": format_due(report, report.reply_due_at)},
        )
    if code == "report.closed":
        return _("Your report is closed"), _("Thank you for your rating.")
    if code == "report.auto_closed":
        return _("Your report is closed"), _(
            "There was no reply within %(days)d working days after the answer, so the "
            "report is now closed."
        ) % {"days": rules.REPLY_DAYS}
    if code == "report.consent_asked":
        return _("May the Ombudsman take over your report?"), _join(
            _(
                "Your report has not been resolved yet. The Ombudsman of the Republic of "
                "Indonesia can take it over, but only if you agree."
            ),
            _("Open your report to agree or to keep it with the agency."),
        )
    if code == "report.escalated":
        return _("The Ombudsman now handles your report"), _(
            "Thank you for your consent. The Ombudsman will follow your report up."
        )
    if code == "report.reminder":
        step = event_step(event, report)
        due = format_due(report, step_due_at(report, step))
        if step == "hold":
            return _("Reminder: add the missing information"), _(
                "Please add the information we asked for by %(due)s, or the report will "
                "be archived."
            ) % {"due": due}
        if step == "reply":
            return _("Reminder: reply to the answer"), _(
                "If the answer does not solve your problem, reply by %(due)s. Without a "
                "reply the report will be closed."
            ) % {"due": due}
    return None


def _for_official(
    recipient: Principal, event: ReportEvent, report: Report
) -> tuple[str, str] | None:
    code = event.code
    title = report.title
    agency = report.agency.name if report.agency_id and report.agency else ""
    unit = report.unit.name if report.unit_id and report.unit else ""
    reporter = _("Reporter: %(who)s") % {"who": _reporter_label(recipient, report)}
    about = _("Report: %(title)s") % {"title": title}
    by = event_actor_label_for(recipient, event) if event.actor_id != report.reporter_id else ""
    if code == "report.submitted":
        return _("New report to verify"), _join(
            about,
            reporter,
            _("Verify it by %(due)s.") % {"due": format_due(report, report.verification_due_at)},
        )
    if code == "report.completed":
        return _("The reporter added the missing information"), _join(
            about,
            _quote(event.note),
            _("Verify it by %(due)s.") % {"due": format_due(report, report.verification_due_at)},
        )
    if code == "report.declined":
        return _("An agency declined a report"), _join(
            about,
            _("%(by)s says it is not their authority:") % {"by": by},
            _quote(event.note),
            _("Verify it again by %(due)s.")
            % {"due": format_due(report, report.verification_due_at)},
        )
    if code in ("report.disposed", "report.transferred"):
        heading = (
            _("New report for %(agency)s") % {"agency": agency}
            if code == "report.disposed"
            else _("Report transferred to %(agency)s") % {"agency": agency}
        )
        return heading, _join(
            about,
            reporter,
            _quote(event.note) if code == "report.transferred" else "",
            _("The first follow-up is due by %(due)s.")
            % {"due": format_due(report, report.first_followup_due_at)},
        )
    if code == "report.disposed_to_unit":
        return _("Report passed to %(unit)s") % {"unit": unit}, _join(
            about, reporter, _quote(event.note)
        )
    if code == "report.replied":
        return _("The reporter replied"), _join(about, _quote(event.note))
    if code == "report.escalated":
        return _("A report was handed over to the Ombudsman"), _join(
            about,
            _("The reporter agreed to the hand-over. The resolution is due by %(due)s.")
            % {"due": format_due(report, report.resolution_due_at)},
        )
    if code in ("report.reminder", "report.overdue"):
        step = event_step(event, report)
        values = {"step": _step_label(step), "due": format_due(report, step_due_at(report, step))}
        if code == "report.reminder":
            return _("Reminder: %(step)s is due by %(due)s") % values, about
        return _("Overdue: %(step)s was due by %(due)s") % values, about
    if code == "report.escalated_to_agency":
        return _("A unit missed a deadline"), _join(
            about,
            _("%(unit)s has not acted in time; the agency admin is asked to step in.")
            % {"unit": unit or agency},
        )
    if code == "report.escalated_to_national":
        return _("An agency missed a deadline"), _join(
            about,
            _("%(agency)s has not acted in time; the national admin is asked to step in.")
            % {"agency": agency},
        )
    return None


def render_event_for(
    recipient: Principal, audience: str, event: ReportEvent, report: Report
) -> Rendered | None:
    """The title, text and link of ``event`` for ``recipient``, or ``None`` when there
    is nothing to tell them. Call it under the recipient's language."""
    if audience == Audience.REPORTER:
        words = _for_reporter(recipient, event, report)
    else:
        words = _for_official(recipient, event, report)
    if words is None:
        return None
    title, body = words
    if len(title) > TITLE_MAX:
        title = title[: TITLE_MAX - 1] + "…"
    return Rendered(title=title, body=body, url=report_url(report, audience))

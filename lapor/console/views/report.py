"""One report: the timeline, the moves an official may make, internal notes and assignment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from lapor.accounts.middleware import request_principal
from lapor.agencies.models import Agency
from lapor.agencies.selectors import category_tree, routing_suggest
from lapor.core.exceptions import NotFound, ServiceError, ValidationFailed
from lapor.reports import services as report_services
from lapor.reports.choices import ArchiveReason, Classification, Status
from lapor.reports.deadlines import report_due_state
from lapor.reports.events import event_label
from lapor.reports.models import Report
from lapor.reports.selectors import (
    event_actor_label_for,
    report_attachments_visible_to,
    report_events_visible_to,
    report_officers,
    report_reporter_identity_for,
)
from lapor.reports.transitions import Action, allowed_actions

from .. import selectors, services
from ..access import OfficialHttpRequest, official_required, redirect
from ..forms import ACTION_FORMS, FOLLOW_UP_VISIBILITIES, AssignForm, NoteForm
from .common import agency_picker, nav_context
from .redaction import redaction_panel

# The form on the report page that each move's errors belong to.
DESK_ACTIONS = {Action.DISPOSE, Action.HOLD, Action.ARCHIVE}

# Who reads what is written in each form of the page: form → field → audience.
AUDIENCES: dict[str, dict[str, str]] = {
    **{action.value: form.audience for action, form in ACTION_FORMS.items()},
    "note": NoteForm.audience,
    "assign": AssignForm.audience,
}


def _report_context(
    request: OfficialHttpRequest,
    report: Report,
    *,
    errors: dict[str, list[str]] | None = None,
    failed: str = "",
    posted: Any = None,
) -> dict[str, Any]:
    principal = request_principal(request)
    now = timezone.now()
    actions = set(allowed_actions(report, principal, now=now))
    attachments = list(report_attachments_visible_to(principal, report))
    by_event: dict[int | None, list[Any]] = {}
    for a in attachments:
        by_event.setdefault(a.event_id, []).append(a)
    timeline = [
        {
            "event": e,
            "label": event_label(e.code, official=True),
            "actor": event_actor_label_for(principal, e),
            "files": by_event.get(e.pk, []),
        }
        for e in report_events_visible_to(principal, report)
    ]
    ctx: dict[str, Any] = {
        **nav_context(request, "report"),
        "report": report,
        "identity": report_reporter_identity_for(principal, report),
        "due_state": report_due_state(report, now=now),
        "timeline": timeline,
        "report_files": by_event.get(None, []),
        "actions": {a.value for a in actions},
        "errors": errors or {},
        "failed": failed,
        "posted": posted or {},
        "templates": selectors.reply_templates_by_kind(principal),
        "visibility_choices": FOLLOW_UP_VISIBILITIES,
        "audience": AUDIENCES,
    }
    posted_for = ctx["posted"] if failed in (Action.DISPOSE, Action.TRANSFER) else {}
    if actions & DESK_ACTIONS:
        suggestion = routing_suggest(
            category_id=report.category_id,
            region_code=report.region_id,
            classification=report.classification,
        )
        suggested_id = report.target_agency_id or (suggestion.pk if suggestion else None)
        fixed: list[tuple[Any, Any]] = []
        if suggestion is not None:
            fixed.append((suggestion, _("suggested by the routing rules")))
        if report.target_agency is not None and report.target_agency_id != getattr(
            suggestion, "pk", None
        ):
            fixed.insert(0, (report.target_agency, _("chosen by the reporter")))
        allowed_ids = set(
            selectors.agencies_for_dispose(principal)
            .filter(pk__in=[a.pk for a, _why in fixed])
            .values_list("pk", flat=True)
        )
        fixed = [(a, why) for a, why in fixed if a.pk in allowed_ids]
        dispose_posted = posted_for if failed == Action.DISPOSE else {}
        ctx.update(
            {
                "dispose_picker": agency_picker(
                    principal,
                    prefix="dispose",
                    purpose="dispose",
                    fixed=fixed,
                    chosen=dispose_posted.get("agency_id") if dispose_posted else suggested_id,
                    q=dispose_posted.get("agency_q", "") if dispose_posted else "",
                ),
                "suggested_id": suggested_id,
                "suggestion": suggestion,
                "categories": category_tree(),
                "classifications": Classification.choices,
                "archive_reasons": ArchiveReason.choices,
                "duplicates": selectors.report_possible_duplicates(principal, report),
            }
        )
    if Action.DISPOSE_TO_UNIT in actions:
        units = selectors.units_for_dispatch(principal, report)
        ctx["units"] = units
        # In tree order (by path): a unit below a unit is indented under it.
        top = min((u.depth for u in units), default=0)
        ctx["unit_choices"] = [(u, "\u00a0" * 4 * (u.depth - top)) for u in units]
    if Action.TRANSFER in actions:
        transfer_posted = posted_for if failed == Action.TRANSFER else {}
        ctx["transfer_picker"] = agency_picker(
            principal,
            prefix="transfer",
            purpose="transfer",
            chosen=transfer_posted.get("agency_id") if transfer_posted else None,
            q=transfer_posted.get("agency_q", "") if transfer_posted else "",
            skip=[report.agency_id] if report.agency_id else [],
        )
    can_assign = report.status in (Status.DISPOSED, Status.IN_PROGRESS, Status.RESOLVED) and (
        Action.DISPOSE_TO_UNIT in actions
    )
    if can_assign:
        ctx["officers"] = report_officers(report)
    ctx["can_assign"] = can_assign
    ctx["assignment"] = _assignment(report)
    access = request.console
    ctx["can_note"] = (
        not access.read_only
        and report.status not in (Status.ARCHIVED, Status.CLOSED)
        and services.official_may_note(report, principal)
    )
    # The verifier's "hide a passage from the public" panel (console.views.redaction).
    ctx["redaction"] = None if access.read_only else redaction_panel(principal, report)
    ctx["primary"], ctx["secondary"] = _panels(ctx, report, failed=failed)
    return ctx


@dataclass(frozen=True)
class Panel:
    """One action of the report page: its form (a template of ``console/actions/``),
    the heading, the key that jumps to it, and the forms whose errors it shows."""

    key: str
    title: Any
    kbd: str = ""
    forms: tuple[str, ...] = ()

    @property
    def template(self) -> str:
        return f"console/actions/_{self.key}.html"

    @property
    def element_id(self) -> str:
        return f"act-{self.key}"


PANELS = (
    Panel("dispose", _("Verify and send"), "d", ("dispose",)),
    Panel("hold", _("Ask the reporter"), "h", ("hold",)),
    Panel("archive", _("Archive"), "a", ("archive",)),
    Panel("unit", _("Pass to a unit"), "u", ("dispose_to_unit",)),
    Panel("assign", _("Assign to an officer"), "", ("assign",)),
    Panel("follow_up", _("Post a follow-up"), "f", ("follow_up",)),
    Panel("resolve", _("Give the answer"), "r", ("resolve",)),
    Panel("elsewhere", _("Not for this agency"), "", ("decline", "transfer")),
    Panel("consent", _("Offer to the Ombudsman"), "", ("ask_consent",)),
    Panel("note", _("Internal note"), "i", ("note",)),
    Panel("redact", _("Hide a passage from the public"), "", ()),
)


def _panels(ctx: dict[str, Any], report: Report, *, failed: str) -> tuple[Any, list[Any]]:
    """The page's primary action (its form open under the report's header) and the
    others (closed disclosures, the one whose form just failed open).

    The primary action is the step the report waits for from this official: verify
    and send; pass a new report to a unit; post a follow-up; give the answer."""
    actions = ctx["actions"]
    available = {
        "dispose": "dispose" in actions,
        "hold": "hold" in actions,
        "archive": "archive" in actions,
        "unit": "dispose_to_unit" in actions and bool(ctx.get("units")),
        "assign": bool(ctx["can_assign"] and ctx.get("officers")),
        "follow_up": "follow_up" in actions,
        "resolve": "resolve" in actions,
        "elsewhere": "decline" in actions or "transfer" in actions,
        "consent": "ask_consent" in actions,
        "note": bool(ctx["can_note"]),
        "redact": ctx["redaction"] is not None,
    }
    order = ["dispose", "follow_up", "resolve", "unit"]
    if report.unit_id is None:
        order.insert(1, "unit")
    primary_key = next((k for k in order if available[k]), None)
    primary = None
    secondary = []
    for panel in PANELS:
        if not available[panel.key]:
            continue
        if panel.key == primary_key:
            primary = panel
        else:
            secondary.append({"panel": panel, "open": failed in panel.forms})
    return primary, secondary


def _assignment(report: Report) -> Any:
    try:
        return report.assignment  # type: ignore[attr-defined]
    except ObjectDoesNotExist:
        return None


def _report_page(
    request: OfficialHttpRequest,
    report: Report,
    *,
    errors: dict[str, list[str]],
    failed: str,
) -> HttpResponse:
    """The report page again, with the errors of the form that failed; nothing changed."""
    ctx = _report_context(request, report, errors=errors, failed=failed, posted=request.POST)
    return render(request, "console/report.html", ctx)


def _back_to_report(request: OfficialHttpRequest, report: Report) -> HttpResponse:
    return redirect(request, reverse("console:report", args=[report.tracking_id]))


@official_required
def report_detail(request: OfficialHttpRequest, tracking_id: str) -> HttpResponse:
    report = selectors.console_report_get(request_principal(request), tracking_id=tracking_id)
    return render(request, "console/report.html", _report_context(request, report))


@official_required
@require_POST
def report_action(request: OfficialHttpRequest, tracking_id: str, action: str) -> HttpResponse:
    principal = request_principal(request)
    report = selectors.console_report_get(principal, tracking_id=tracking_id)
    try:
        move = Action(action)
    except ValueError:
        raise Http404 from None
    form_class = ACTION_FORMS.get(move)
    if form_class is None:
        raise Http404
    if request.POST.get("search") and move in (Action.DISPOSE, Action.TRANSFER):
        # The agency typeahead without JavaScript: the form again, with the matches of
        # what was typed and everything else kept. Nothing is done.
        return _report_page(request, report, errors={}, failed=move.value)
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        return _report_page(request, report, errors=form.error_lists(), failed=move.value)
    try:
        report_services.transition(
            report_id=report.pk,
            action=move,
            actor=principal,
            note=form.note_text(lambda: selectors.reply_templates_for(principal)),
            params=form.params(),
            visibility=form.event_visibility(),
            files=form.uploads(),
        )
    except ValidationFailed as exc:
        return _report_page(request, report, errors=exc.errors, failed=move.value)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return _back_to_report(request, report)
    messages.success(request, _done_message(move, report, form.params()))
    if move in DESK_ACTIONS and form.then_next:
        return redirect(request, reverse("console:desk_next"))
    if move in DESK_ACTIONS or move in (Action.DECLINE, Action.TRANSFER):
        # The report has left this official's hands (or their queue): back to the list.
        try:
            selectors.console_report_get(principal, tracking_id=report.tracking_id)
        except NotFound:
            return redirect(request, reverse("console:home"))
    return _back_to_report(request, report)


# What a move did, said with the report's number (after "Send and open the next" the
# page shows another report) and where it went.
DONE_MESSAGES: dict[Action, Any] = {
    Action.DISPOSE: _("Report #%(id)s sent to %(agency)s."),
    Action.TRANSFER: _("Report #%(id)s transferred to %(agency)s."),
    Action.DISPOSE_TO_UNIT: _("Report #%(id)s passed to %(unit)s."),
    Action.HOLD: _("Report #%(id)s waits for the reporter's answer."),
    Action.ARCHIVE: _("Report #%(id)s archived."),
    Action.FOLLOW_UP: _("Follow-up posted on report #%(id)s."),
    Action.RESOLVE: _("Answer sent for report #%(id)s. The reporter may now accept it or reply."),
}


def _done_message(move: Action, report: Report, params: dict[str, Any] | None) -> str:
    template = DONE_MESSAGES.get(move)
    if template is None:
        return _("Done: %(action)s.") % {"action": move.label}
    params = params or {}
    agency_id, unit_id = params.get("agency_id") or 0, params.get("unit_id") or 0
    ids = [pk for pk in (agency_id, unit_id) if pk]
    # Only a move that names an agency or a unit reads names (hold, archive … do not).
    names: dict[int, str] = (
        dict(Agency.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    )
    return str(template) % {
        "id": report.tracking_id,
        "agency": names.get(agency_id, ""),
        "unit": names.get(unit_id, ""),
    }


@official_required
@require_POST
def report_note(request: OfficialHttpRequest, tracking_id: str) -> HttpResponse:
    principal = request_principal(request)
    report = selectors.console_report_get(principal, tracking_id=tracking_id)
    form = NoteForm(request.POST, request.FILES)
    if not form.is_valid():
        return _report_page(request, report, errors=form.error_lists(), failed="note")
    try:
        report_services.report_note_add(
            report_id=report.pk,
            actor=principal,
            note=form.cleaned_data["note"],
            files=form.cleaned_data["files"],
        )
    except ValidationFailed as exc:
        return _report_page(request, report, errors=exc.errors, failed="note")
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Internal note added."))
    return _back_to_report(request, report)


@official_required
@require_POST
def report_assign(request: OfficialHttpRequest, tracking_id: str) -> HttpResponse:
    principal = request_principal(request)
    report = selectors.console_report_get(principal, tracking_id=tracking_id)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return _report_page(request, report, errors=form.error_lists(), failed="assign")
    try:
        report_services.report_assign(
            report_id=report.pk,
            actor=principal,
            assignee_id=form.cleaned_data["assignee"],
            note=form.cleaned_data["note"],
        )
    except ValidationFailed as exc:
        return _report_page(request, report, errors=exc.errors, failed="assign")
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Officer assigned."))
    return _back_to_report(request, report)

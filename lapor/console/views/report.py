"""One report: the timeline, the moves an official may make, internal notes and assignment."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from lapor.agencies.selectors import category_tree, routing_suggest
from lapor.core.exceptions import ServiceError, ValidationFailed
from lapor.reports.choices import ArchiveReason, Classification, Status, Visibility
from lapor.reports.deadlines import report_due_state
from lapor.reports.selectors import (
    event_actor_label_for,
    report_attachments_visible_to,
    report_events_visible_to,
    report_reporter_identity_for,
)
from lapor.reports.transitions import Action, allowed_actions

from .. import selectors, services
from ..access import (
    OfficialHttpRequest,
    official_required,
    redirect,
)
from .common import agency_options, nav_context

EVENT_LABELS = {
    "report.submitted": _("Report filed"),
    "report.disposed": _("Verified and sent to the agency"),
    "report.held": _("Question to the reporter"),
    "report.completed": _("The reporter added information"),
    "report.archived": _("Archived"),
    "report.disposed_to_unit": _("Passed to a unit"),
    "report.declined": _("Not our authority"),
    "report.transferred": _("Transferred to another agency"),
    "report.followed_up": _("Follow-up"),
    "report.replied": _("The reporter replied"),
    "report.resolved": _("Answer"),
    "report.closed": _("Closed by the reporter"),
    "report.auto_closed": _("Closed after the reporter's silence"),
    "report.consent_asked": _("Reporter asked about the Ombudsman"),
    "report.escalated": _("Handed to the Ombudsman"),
    "report.consent_refused": _("The reporter kept it with the agency"),
    services.NOTE_EVENT: _("Internal note"),
    services.ASSIGN_EVENT: _("Assigned to an officer"),
}

# The form on the report page that each move's errors belong to.
DESK_ACTIONS = {Action.DISPOSE, Action.HOLD, Action.ARCHIVE}


def _report_context(
    request: OfficialHttpRequest,
    report: Any,
    *,
    errors: dict[str, list[str]] | None = None,
    failed: str = "",
    posted: Any = None,
) -> dict[str, Any]:
    user = request.user
    now = timezone.now()
    actions = set(allowed_actions(report, user, now=now))
    attachments = list(report_attachments_visible_to(user, report))
    by_event: dict[int | None, list[Any]] = {}
    for a in attachments:
        by_event.setdefault(a.event_id, []).append(a)
    timeline = [
        {
            "event": e,
            "label": EVENT_LABELS.get(e.code, e.code),
            "actor": event_actor_label_for(user, e),
            "files": by_event.get(e.pk, []),
        }
        for e in report_events_visible_to(user, report)
    ]
    ctx: dict[str, Any] = {
        **nav_context(request, "report"),
        "report": report,
        "identity": report_reporter_identity_for(user, report),
        "due_state": report_due_state(report, now=now),
        "timeline": timeline,
        "report_files": by_event.get(None, []),
        "actions": {a.value for a in actions},
        "errors": errors or {},
        "failed": failed,
        "posted": posted or {},
        "templates": selectors.reply_templates_by_kind(user),
        "visibility_choices": [
            (Visibility.PUBLIC, _("Public (the reporter and everyone who can read the report)")),
            (Visibility.REPORTER, _("Only the reporter")),
        ],
    }
    if actions & DESK_ACTIONS:
        suggestion = routing_suggest(
            category_id=report.category_id,
            region_code=report.region_id,
            classification=report.classification,
        )
        suggested_id = report.target_agency_id or (suggestion.pk if suggestion else None)
        ctx.update(
            {
                "agency_options": agency_options(
                    selectors.agencies_for_dispose(user), selected=suggested_id
                ),
                "suggested_id": suggested_id,
                "suggestion": suggestion,
                "categories": category_tree(),
                "classifications": Classification.choices,
                "archive_reasons": ArchiveReason.choices,
                "duplicates": selectors.report_possible_duplicates(user, report),
            }
        )
    if Action.DISPOSE_TO_UNIT in actions:
        ctx["units"] = selectors.units_for_dispatch(user, report)
    if actions & {Action.TRANSFER}:
        ctx["transfer_options"] = agency_options(
            selectors.agencies_for_transfer().exclude(pk=report.agency_id)
        )
    can_assign = report.status in (Status.DISPOSED, Status.IN_PROGRESS, Status.RESOLVED) and (
        Action.DISPOSE_TO_UNIT in actions
    )
    if can_assign:
        ctx["officers"] = selectors.report_officers(report)
    ctx["can_assign"] = can_assign
    ctx["assignment"] = _assignment(report)
    access = request.console
    ctx["can_note"] = (
        not access.read_only
        and report.status not in (Status.ARCHIVED, Status.CLOSED)
        and services.official_may_note(report, user)
    )
    return ctx


def _assignment(report: Any) -> Any:
    try:
        return report.assignment
    except ObjectDoesNotExist:
        return None


@official_required
def report_detail(request: OfficialHttpRequest, tracking_id: str) -> HttpResponse:
    report = selectors.console_report_get(request.user, tracking_id=tracking_id)
    return render(request, "console/report.html", _report_context(request, report))


def _template_body(request: OfficialHttpRequest, note: str) -> str:
    """No JavaScript: a chosen template fills an empty note on the server."""
    if note.strip():
        return note
    pk = request.POST.get("template", "")
    if pk.isdecimal():
        allowed = {t.pk: t for t in selectors.reply_templates_for(request.user)}
        template = allowed.get(int(pk))
        if template:
            return template.body
    return note


def _bool(request: HttpRequest, name: str) -> bool:
    return request.POST.get(name) in ("1", "on", "true")


def _params_for(action: Action, request: HttpRequest) -> dict[str, Any] | None:
    post = request.POST
    if action == Action.DISPOSE:
        params: dict[str, Any] = {
            "agency_id": post.get("agency_id", ""),
            "title": post.get("title", ""),
            "classification": post.get("classification", ""),
            "category_id": post.get("category_id", ""),
            "region_code": post.get("region_code", "").strip(),
            "is_anonymous": _bool(request, "is_anonymous"),
            "is_confidential": _bool(request, "is_confidential"),
        }
        if post.get("unit_id"):
            params["unit_id"] = post["unit_id"]
        return params
    if action == Action.ARCHIVE:
        params = {"reason": post.get("reason", "")}
        if post.get("duplicate_of", "").strip():
            params["duplicate_of"] = post["duplicate_of"].strip()
        return params
    if action == Action.DISPOSE_TO_UNIT:
        return {"unit_id": post.get("unit_id", "")}
    if action == Action.TRANSFER:
        return {"agency_id": post.get("agency_id", "")}
    return None


# Moves an official makes from the console (the reporter's are on the portal).
CONSOLE_ACTIONS = frozenset(
    {
        Action.DISPOSE,
        Action.HOLD,
        Action.ARCHIVE,
        Action.DISPOSE_TO_UNIT,
        Action.DECLINE,
        Action.TRANSFER,
        Action.FOLLOW_UP,
        Action.RESOLVE,
        Action.ASK_CONSENT,
    }
)
WITH_FILES = frozenset({Action.FOLLOW_UP, Action.RESOLVE})
WITH_VISIBILITY = frozenset({Action.FOLLOW_UP})


@official_required
@require_POST
def report_action(request: OfficialHttpRequest, tracking_id: str, action: str) -> HttpResponse:
    report = selectors.console_report_get(request.user, tracking_id=tracking_id)
    try:
        move = Action(action)
    except ValueError:
        raise Http404 from None
    if move not in CONSOLE_ACTIONS:
        raise Http404
    note = _template_body(request, request.POST.get("note", ""))
    visibility = request.POST.get("visibility") or None if move in WITH_VISIBILITY else None
    files = request.FILES.getlist("files") if move in WITH_FILES else []
    try:
        services.report_act(
            report_id=report.pk,
            action=move,
            actor=request.user,
            note=note,
            params=_params_for(move, request),
            visibility=visibility,
            files=files,
        )
    except ValidationFailed as exc:
        ctx = _report_context(
            request, report, errors=exc.errors, failed=move.value, posted=request.POST
        )
        return render(request, "console/report.html", ctx)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect(request, reverse("console:report", args=[report.tracking_id]))
    messages.success(request, _("Done: %(action)s.") % {"action": move.label})
    if move in DESK_ACTIONS and request.POST.get("then") == "next":
        return redirect(request, reverse("console:desk_next"))
    if move in DESK_ACTIONS or move in (Action.DECLINE, Action.TRANSFER):
        # The report has left this official's hands (or their queue): back to the list.
        try:
            selectors.console_report_get(request.user, tracking_id=report.tracking_id)
        except Http404:
            return redirect(request, reverse("console:home"))
    return redirect(request, reverse("console:report", args=[report.tracking_id]))


@official_required
@require_POST
def report_note(request: OfficialHttpRequest, tracking_id: str) -> HttpResponse:
    report = selectors.console_report_get(request.user, tracking_id=tracking_id)
    try:
        services.report_note_add(
            report_id=report.pk,
            actor=request.user,
            note=request.POST.get("note", ""),
            files=request.FILES.getlist("files"),
        )
    except ValidationFailed as exc:
        ctx = _report_context(
            request, report, errors=exc.errors, failed="note", posted=request.POST
        )
        return render(request, "console/report.html", ctx)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Internal note added."))
    return redirect(request, reverse("console:report", args=[report.tracking_id]))


@official_required
@require_POST
def report_assign(request: OfficialHttpRequest, tracking_id: str) -> HttpResponse:
    report = selectors.console_report_get(request.user, tracking_id=tracking_id)
    try:
        services.report_assign(
            report_id=report.pk,
            actor=request.user,
            assignee_id=request.POST.get("assignee", ""),
            note=request.POST.get("note", ""),
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Officer assigned."))
    return redirect(request, reverse("console:report", args=[report.tracking_id]))

"""The citizen's and the public's pages. Views parse and render; services decide."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from lapor.accounts.middleware import request_principal
from lapor.agencies.models import Agency
from lapor.community import selectors as community_selectors
from lapor.community import services as community_services
from lapor.core.exceptions import NotFound, PermissionDenied, ServiceError, ValidationFailed
from lapor.deadlines.rules import (
    FIRST_FOLLOWUP_DAYS,
    REPLY_DAYS,
    VERIFICATION_DAYS,
    finish_days,
)
from lapor.regions.selectors import region_get, region_path
from lapor.reports import services as report_services
from lapor.reports.choices import Classification, OmbudsmanConsent, Status
from lapor.reports.deadlines import report_timezone
from lapor.reports.public_text import report_text_for
from lapor.reports.selectors import (
    report_get_visible_to,
    report_reporter_identity_for,
)
from lapor.reports.tracking import TrackingIdProblem, normalize_tracking_id, tracking_id_problem
from lapor.reports.transitions import Action, allowed_actions

from . import selectors, services
from .forms import (
    CloseForm,
    CommentForm,
    FilterForm,
    ReplyForm,
)

LOGIN_URL = "accounts:login"


def home(request: HttpRequest) -> HttpResponse:
    finish_table = [(label, finish_days(value)) for value, label in Classification.choices]
    return render(
        request,
        "portal/home.html",
        {
            "verification_days": VERIFICATION_DAYS,
            "first_followup_days": FIRST_FOLLOWUP_DAYS,
            "reply_days": REPLY_DAYS,
            "finish_table": finish_table,
            "stats": selectors.home_stats(),
        },
    )


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


# --- after writing a report (the write flow is in write_views) ---------------------------


def report_sent(request: HttpRequest, tracking_id: str) -> HttpResponse:
    report = report_get_visible_to(request_principal(request), tracking_id=tracking_id)
    if not request_principal(request).owns(report.reporter_id):
        return redirect("portal:report", tracking_id=tracking_id)
    return render(
        request,
        "portal/sent.html",
        {"report": report, "steps": selectors.report_steps(report), "tz": report_timezone(report)},
    )


# --- my reports -----------------------------------------------------------------------------


@login_required(login_url=LOGIN_URL)
def my_reports(request: HttpRequest) -> HttpResponse:
    page = selectors.page_of(
        selectors.my_reports(request_principal(request)), _page_number(request)
    )
    return render(request, "portal/my_reports.html", {"page": page})


# --- one report -----------------------------------------------------------------------------


def _report_context(request: HttpRequest, report: Any, **forms: Any) -> dict[str, Any]:
    principal = request_principal(request)
    is_reporter = principal.owns(report.reporter_id)
    actions = set(allowed_actions(report, principal)) if is_reporter else set()
    is_public = not report.is_confidential and report.status in {
        Status.DISPOSED,
        Status.IN_PROGRESS,
        Status.RESOLVED,
        Status.CLOSED,
        Status.ESCALATED,
    }
    comments = (
        community_selectors.comment_list_for_report(principal=principal, report_id=report.pk)
        if is_public
        else []
    )
    consent_asked = (
        Action.ESCALATE in actions and report.ombudsman_consent == OmbudsmanConsent.ASKED
    )
    tz = report_timezone(report)
    # Read once through the gate; the latest answer is taken from what this principal
    # may read, and shown above the choices (read before you rate).
    timeline = selectors.report_timeline(principal, report)
    return {
        "report": report,
        "tz": tz,
        "identity": report_reporter_identity_for(principal, report),
        # The free text as this principal may read it: masked for the public (finding 7).
        "text": report_text_for(principal, report),
        "timeline": timeline,
        "answer": selectors.latest_answer(timeline),
        "next_step": selectors.report_next_step(report, for_reporter=is_reporter, tz=tz),
        "files": selectors.report_own_files(principal, report, timeline),
        "steps": selectors.report_steps(report) if is_reporter else None,
        "is_reporter": is_reporter,
        "is_public": is_public,
        "region_path": region_path(report.region) if report.region_id else [],
        "can_reply": Action.REPLY in actions,
        "can_complete": Action.COMPLETE in actions,
        "can_close": Action.CLOSE in actions,
        "consent_asked": consent_asked,
        "has_choices": consent_asked
        or bool(actions & {Action.REPLY, Action.COMPLETE, Action.CLOSE}),
        "reply_form": forms.get("reply_form") or ReplyForm(),
        "close_form": forms.get("close_form") or CloseForm(),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "comments": comments,
        "supported": community_selectors.support_exists(principal=principal, report_id=report.pk),
    }


def report_detail(request: HttpRequest, tracking_id: str) -> HttpResponse:
    report = report_get_visible_to(request_principal(request), tracking_id=tracking_id)
    return render(request, "portal/report.html", _report_context(request, report))


def _reporter_report(request: HttpRequest, tracking_id: str) -> Any:
    principal = request_principal(request)
    report = report_get_visible_to(principal, tracking_id=tracking_id)
    if not principal.owns(report.reporter_id):
        raise Http404
    return report


def _back_to(report: Any, anchor: str = "") -> HttpResponseRedirect:
    url = reverse("portal:report", kwargs={"tracking_id": report.tracking_id})
    return redirect(url + (f"#{anchor}" if anchor else ""))


@login_required(login_url=LOGIN_URL)
@require_POST
def report_reply(request: HttpRequest, tracking_id: str) -> HttpResponse:
    report = _reporter_report(request, tracking_id)
    form = ReplyForm(request.POST, request.FILES)
    if form.is_valid():
        service = (
            services.report_complete_with_files
            if report.status == Status.ON_HOLD
            else services.report_reply_with_files
        )
        try:
            service(
                report_id=report.pk,
                actor=request_principal(request),
                note=form.cleaned_data["note"],
                files=form.cleaned_data["attachments"],
            )
        except ValidationFailed as exc:
            form.apply_service_errors(exc, aliases={"file": "attachments"})
        except ServiceError as exc:
            messages.error(request, exc.message)
            return _back_to(report)
        else:
            messages.success(request, _("Your reply is sent to the agency."))
            # The top of the page, where the message and the new next step stand (at
            # "#timeline" the reporter landed mid-page, the confirmation out of sight).
            return _back_to(report)
    return render(request, "portal/report.html", _report_context(request, report, reply_form=form))


@login_required(login_url=LOGIN_URL)
@require_POST
def report_close(request: HttpRequest, tracking_id: str) -> HttpResponse:
    report = _reporter_report(request, tracking_id)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            report_services.report_close(
                report_id=report.pk,
                actor=request_principal(request),
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
                satisfied=form.cleaned_data["satisfied"],
            )
        except ValidationFailed as exc:
            form.apply_service_errors(exc)
        except ServiceError as exc:
            messages.error(request, exc.message)
            return _back_to(report)
        else:
            messages.success(request, _("Thank you. Your rating is saved and the report is done."))
            return _back_to(report)
    return render(request, "portal/report.html", _report_context(request, report, close_form=form))


@login_required(login_url=LOGIN_URL)
@require_POST
def report_consent(request: HttpRequest, tracking_id: str) -> HttpResponse:
    report = _reporter_report(request, tracking_id)
    give = request.POST.get("consent") == "yes"
    try:
        if give:
            report_services.report_escalate(report_id=report.pk, actor=request_principal(request))
        else:
            report_services.report_refuse_consent(
                report_id=report.pk, actor=request_principal(request)
            )
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("The Ombudsman takes over your report.")
            if give
            else _("Your report stays with the agency."),
        )
    return _back_to(report)


@login_required(login_url=LOGIN_URL)
@require_POST
def support(request: HttpRequest, tracking_id: str) -> HttpResponse:
    principal = request_principal(request)
    report = report_get_visible_to(principal, tracking_id=tracking_id)
    try:
        if request.POST.get("undo"):
            community_services.support_remove(principal=principal, report_id=report.pk)
        else:
            community_services.support_add(principal=principal, report_id=report.pk)
    except PermissionDenied as exc:
        messages.error(request, exc.message)
    return _back_to(report, "support")


@login_required(login_url=LOGIN_URL)
@require_POST
def comment(request: HttpRequest, tracking_id: str) -> HttpResponse:
    principal = request_principal(request)
    report = report_get_visible_to(principal, tracking_id=tracking_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            community_services.comment_add(
                principal=principal, report_id=report.pk, body=form.cleaned_data["body"]
            )
        except ValidationFailed as exc:
            form.apply_service_errors(exc)
        except PermissionDenied as exc:
            messages.error(request, exc.message)
            return _back_to(report)
        else:
            return _back_to(report, "comments")
    return render(
        request, "portal/report.html", _report_context(request, report, comment_form=form)
    )


@login_required(login_url=LOGIN_URL)
@require_POST
def comment_flag(request: HttpRequest, pk: int) -> HttpResponse:
    principal = request_principal(request)
    found = community_selectors.comment_get_visible_to(principal=principal, comment_id=pk)
    report = found.report
    try:
        community_services.comment_flag(
            principal=principal, comment_id=pk, reason=request.POST.get("reason", "")
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Thank you. A moderator will look at this comment."))
    return _back_to(report, "comments")


# --- public list, lookup ----------------------------------------------------------------------


def _page_number(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("page", "1"))
    except ValueError:
        return 1


@require_safe
def browse(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    filters = selectors.ReportFilters()
    if form.is_valid():
        d = form.cleaned_data
        filters = selectors.ReportFilters(
            q=d["q"],
            classification=d["classification"],
            status=d["status"],
            category=int(d["category"]) if d["category"] else None,
            agency=d["agency"],
            region=d["region"] or d["province"],
            date_from=d["date_from"],
            date_to=d["date_to"],
        )
    page = selectors.page_of(selectors.public_reports(filters), _page_number(request))
    agency = Agency.objects.filter(code=filters.agency).first() if filters.agency else None
    region = region_get(code=filters.region) if filters.region else None
    return render(
        request,
        "portal/browse.html",
        {"form": form, "page": page, "filters": filters, "agency": agency, "region": region},
    )


@require_safe
def lookup(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("id", "")
    error: str | Promise = ""
    if raw:
        tracking_id = normalize_tracking_id(raw)
        if tracking_id is None:
            if tracking_id_problem(raw) == TrackingIdProblem.LENGTH:
                error = _("A tracking number has 10 digits, for example 1234567890.")
            else:
                # Ten digits that we never give out: a typo, not a missing report.
                error = _(
                    "This is not a LAPOR! tracking number: one digit may be mistyped. "
                    "Check the number in your confirmation message."
                )
        else:
            try:
                report_get_visible_to(request_principal(request), tracking_id=tracking_id)
            except NotFound:
                error = _(
                    "We found no public report with this number. A report is public only "
                    "after it is checked, and confidential reports are never public: "
                    "sign in to see your own."
                )
            else:
                return redirect("portal:report", tracking_id=tracking_id)
    return render(request, "portal/lookup.html", {"raw": raw, "error": error})

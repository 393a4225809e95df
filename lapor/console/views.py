"""The officials' pages. Views parse the request, call a service or a selector, and
render; every page works as plain HTML forms and links, and htmx (``hx-boost``) only
makes them quicker."""

from __future__ import annotations

from html import escape as html_escape
from typing import Any

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.http import urlsafe_base64_decode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from lapor.accounts.models import RoleMembership, User
from lapor.accounts.services import membership_revoke
from lapor.agencies.models import Agency
from lapor.agencies.selectors import agency_units, category_tree, routing_suggest
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

from . import selectors, services
from .access import (
    OfficialHttpRequest,
    official_required,
    otp_verified,
    redirect,
    safe_next,
    session_touch,
)
from .choices import LoginEventKind, Page, TemplateKind
from .models import ReplyTemplate

# --- sign-in ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    """Step 1: login (e-mail or mobile number) and password. Officials only."""
    error: str | Promise = ""
    login_value = ""
    if request.method == "POST":
        login_value = request.POST.get("login", "").strip()
        password = request.POST.get("password", "")
        user = authenticate(request, username=login_value, password=password)
        if user is None:
            services.login_event_record(
                request=request, kind=LoginEventKind.PASSWORD_FAILED, login=login_value
            )
            error = _("The login or the password is not right.")
        elif not selectors.user_is_console_official(user):
            services.login_event_record(
                request=request, kind=LoginEventKind.NOT_OFFICIAL, user=user, login=login_value
            )
            error = _("This sign-in is for officials. Reporters sign in on the main site.")
        else:
            login(request, user)
            services.login_event_record(
                request=request, kind=LoginEventKind.PASSWORD_OK, user=user, login=login_value
            )
            session_touch(request)
            nxt = safe_next(request)
            target = "console:otp" if services.totp_device_confirmed(user) else "console:security"
            return redirect(request, f"{reverse(target)}?next={nxt}")
    return render(
        request,
        "console/login.html",
        {"error": error, "login_value": login_value, "next": safe_next(request)},
        status=401 if error else 200,
    )


def _signed_in_official(request: HttpRequest) -> User | None:
    user = request.user
    if not user.is_authenticated or not selectors.user_is_console_official(user):
        return None
    return user


@require_http_methods(["GET", "POST"])
def otp_view(request: HttpRequest) -> HttpResponse:
    """Step 2: the code from the authenticator app, or a recovery code."""
    user = _signed_in_official(request)
    if user is None:
        return redirect(request, reverse("console:login"))
    if services.totp_device_confirmed(user) is None:
        return redirect(request, reverse("console:security"))
    if otp_verified(request):
        return redirect(request, safe_next(request))
    error: str | Promise = ""
    if request.method == "POST":
        device, recovery = services.second_factor_verify(
            user=user, token=request.POST.get("token", "")
        )
        if device is None:
            services.login_event_record(request=request, kind=LoginEventKind.OTP_FAILED, user=user)
            error = _("That code is not right. Wait for a new code and try again.")
        else:
            otp_login(request, device)
            services.login_event_record(
                request=request,
                kind=LoginEventKind.RECOVERY_USED if recovery else LoginEventKind.OTP_OK,
                user=user,
            )
            session_touch(request)
            if recovery:
                messages.warning(
                    request,
                    _("You used a recovery code. Each works once: make new ones soon."),
                )
            return redirect(request, safe_next(request))
    return render(
        request,
        "console/otp.html",
        {"error": error, "next": safe_next(request)},
        status=401 if error else 200,
    )


@require_http_methods(["GET", "POST"])
def security_view(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app (first sign-in), and make new recovery codes.

    An official who already has an app must pass it first: a stolen password alone
    never lets anyone set up a second app.
    """
    user = _signed_in_official(request)
    if user is None:
        return redirect(request, reverse("console:login"))
    confirmed = services.totp_device_confirmed(user)
    verified = otp_verified(request)
    if confirmed is not None and not verified:
        return redirect(request, reverse("console:otp"))

    if confirmed is not None:
        codes: list[str] = []
        if request.method == "POST" and request.POST.get("op") == "recovery":
            codes = services.recovery_codes_regenerate(user=user)
        return render(request, "console/security.html", {"enrolled": True, "codes": codes})

    device = services.totp_enrol_start(user=user)
    error = ""
    if request.method == "POST":
        try:
            device, codes = services.totp_enrol_confirm(
                user=user, token=request.POST.get("token", "")
            )
        except ValidationFailed as exc:
            error = exc.message
        else:
            otp_login(request, device)
            services.login_event_record(request=request, kind=LoginEventKind.ENROLLED, user=user)
            session_touch(request)
            return render(
                request,
                "console/security.html",
                {
                    "enrolled": True,
                    "codes": codes,
                    "just_enrolled": True,
                    "next": safe_next(request),
                },
            )
    import segno

    qr = segno.make(device.config_url, error="m")
    key_b32 = _b32(device.bin_key)
    return render(
        request,
        "console/security.html",
        {
            "enrolled": False,
            "qr_svg": qr.svg_inline(scale=4, dark="#1b1f24", omitsize=True),
            "key_b32": " ".join(key_b32[i : i + 4] for i in range(0, len(key_b32), 4)),
            "error": error,
            "next": safe_next(request),
        },
        status=401 if error else 200,
    )


def _b32(key: bytes) -> str:
    from base64 import b32encode

    return b32encode(key).decode().rstrip("=")


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        services.login_event_record(
            request=request,
            kind=LoginEventKind.LOGOUT,
            user=request.user,
        )
    logout(request)
    return redirect(request, reverse("console:login"))


@require_http_methods(["GET", "POST"])
def invitation_view(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """An invited official sets their password, then signs in (and sets up 2FA)."""
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, User.DoesNotExist, OverflowError):
        raise Http404 from None
    errors: list[str] = []
    if request.method == "POST":
        password = request.POST.get("password", "")
        if password != request.POST.get("password2", ""):
            errors = [str(_("The two passwords are not the same."))]
        else:
            try:
                services.invitation_accept(user=user, token=token, password=password)
            except ValidationFailed as exc:
                errors = [m for msgs in exc.errors.values() for m in msgs]
            except ServiceError as exc:
                errors = [exc.message]
            else:
                services.login_event_record(
                    request=request, kind=LoginEventKind.INVITATION_ACCEPTED, user=user
                )
                messages.success(request, _("Your password is set. Sign in now."))
                return redirect(request, reverse("console:login"))
    return render(request, "console/invitation.html", {"invited": user, "errors": errors})


# --- shared page context -------------------------------------------------------------------


def _nav(request: OfficialHttpRequest, current: str) -> dict[str, Any]:
    access = request.console
    counters = selectors.inbox_counters(request.user) if access.inbox else {}
    return {"access": access, "current": current, "counters": counters}


def agency_options(agencies: Any, *, selected: int | None = None) -> str:
    """``<option>``s for an agency ``<select>``, built in one pass with the standard
    library's escape: with some 700 agencies, the template loop (or ``format_html``)
    would cost more than the whole rest of the page."""
    parts = []
    for pk, name in agencies.values_list("pk", "name"):
        mark = " selected" if pk == selected else ""
        parts.append(f'<option value="{pk}"{mark}>{html_escape(name)}</option>')
    return mark_safe("".join(parts))  # noqa: S308 - every name is escaped above


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


@official_required
def home(request: OfficialHttpRequest) -> HttpResponse:
    access = request.console
    if access.inbox:
        return redirect(request, reverse("console:inbox"))
    if access.desk:
        return redirect(request, reverse("console:desk"))
    if access.oversight:
        return redirect(request, reverse("console:oversight"))
    return render(request, "console/empty.html", _nav(request, "home"))


# --- verification desk -------------------------------------------------------------------


@official_required
def desk(request: OfficialHttpRequest) -> HttpResponse:
    access = request.console
    if not access.desk:
        raise Http404
    tab = request.GET.get("tab", "submitted")
    listing = selectors.desk_queue(request.user, tab=tab, page=_page_number(request))
    return render(
        request,
        "console/desk.html",
        {
            **_nav(request, "desk"),
            "listing": listing,
            "tab": listing.query["tab"],
            "agency_options": agency_options(selectors.agencies_for_dispose(request.user)),
            "archive_reasons": ArchiveReason.choices,
        },
    )


@official_required
def desk_next(request: OfficialHttpRequest) -> HttpResponse:
    """The report at the top of the queue (after a decision: on to the next one)."""
    listing = selectors.desk_queue(request.user)
    if listing.rows:
        return redirect(
            request, reverse("console:report", args=[listing.rows[0].report.tracking_id])
        )
    messages.success(request, _("The queue is empty."))
    return redirect(request, reverse("console:desk"))


def _ids(request: HttpRequest) -> list[int]:
    return [int(v) for v in request.POST.getlist("ids") if v.isdecimal()]


def _bulk_message(request: HttpRequest, result: Any) -> None:
    if result.done:
        messages.success(request, _("%(n)d reports done.") % {"n": len(result.done)})
    if result.skipped:
        reasons = sorted(set(result.skipped.values()))
        messages.error(
            request,
            _("%(n)d reports were left as they were: %(why)s")
            % {"n": len(result.skipped), "why": " ".join(reasons)},
        )


@official_required
@require_POST
def desk_bulk(request: OfficialHttpRequest) -> HttpResponse:
    """Bulk moves from the queue: archive as spam or as duplicates, or send to one agency."""
    ids = _ids(request)
    op = request.POST.get("op", "")
    back = reverse("console:desk") + "?" + request.POST.get("back", "")
    if not ids:
        messages.error(request, _("Tick at least one report."))
        return redirect(request, back)
    try:
        if op == "spam":
            result = services.reports_bulk(
                report_ids=ids,
                action=Action.ARCHIVE,
                actor=request.user,
                params={"reason": ArchiveReason.SPAM},
            )
        elif op == "duplicate":
            result = services.reports_bulk(
                report_ids=ids,
                action=Action.ARCHIVE,
                actor=request.user,
                params={
                    "reason": ArchiveReason.DUPLICATE,
                    "duplicate_of": request.POST.get("duplicate_of", ""),
                },
            )
        elif op == "dispose":
            result = services.reports_bulk(
                report_ids=ids,
                action=Action.DISPOSE,
                actor=request.user,
                note=request.POST.get("note", ""),
                params={"agency_id": request.POST.get("agency_id", "")},
            )
        else:
            raise Http404
    except ValidationFailed as exc:
        messages.error(request, " ".join(m for msgs in exc.errors.values() for m in msgs))
        return redirect(request, back)
    _bulk_message(request, result)
    return redirect(request, back)


# --- agency inbox --------------------------------------------------------------------------


@official_required
def inbox(request: OfficialHttpRequest) -> HttpResponse:
    access = request.console
    if not access.inbox:
        raise Http404
    filters = selectors.InboxFilter.from_query(request.GET)
    listing = selectors.inbox_list(request.user, filters=filters, page=_page_number(request))
    units = _inbox_units(access)
    nav = _nav(request, "inbox")
    return render(
        request,
        "console/inbox.html",
        {
            **nav,
            "listing": listing,
            "filters": filters,
            "tabs": [
                (key, label, nav["counters"].get(key))
                for key, label in selectors.INBOX_TAB_LABELS.items()
            ],
            "units": units,
            "categories": category_tree(),
            "saved_views": selectors.saved_views_for(request.user, page=Page.INBOX),
            "query_string": listing.url_for_page(1)[1:],
        },
    )


def _inbox_units(access: selectors.ConsoleAccess) -> list[Agency]:
    units: list[Agency] = []
    ids = [s.agency_id for s in access.scopes if s.role in selectors.INBOX_ROLES and s.agency_id]
    for agency in Agency.objects.filter(pk__in=ids):
        units.extend(agency_units(agency))
    return units


@official_required
@require_POST
def inbox_bulk(request: OfficialHttpRequest) -> HttpResponse:
    """Pass many reports to one unit, with one instruction."""
    ids = _ids(request)
    back = reverse("console:inbox") + "?" + request.POST.get("back", "")
    if not ids:
        messages.error(request, _("Tick at least one report."))
        return redirect(request, back)
    try:
        result = services.reports_bulk(
            report_ids=ids,
            action=Action.DISPOSE_TO_UNIT,
            actor=request.user,
            note=request.POST.get("note", ""),
            params={"unit_id": request.POST.get("unit_id", "")},
        )
    except ValidationFailed as exc:
        messages.error(request, " ".join(m for msgs in exc.errors.values() for m in msgs))
        return redirect(request, back)
    _bulk_message(request, result)
    return redirect(request, back)


@official_required
@require_POST
def saved_view_save(request: OfficialHttpRequest) -> HttpResponse:
    query = request.POST.get("query", "")
    try:
        services.saved_view_save(
            user=request.user, page=Page.INBOX, name=request.POST.get("name", ""), query=query
        )
    except ValidationFailed as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("View saved."))
    return redirect(request, reverse("console:inbox") + "?" + query)


@official_required
@require_POST
def saved_view_delete(request: OfficialHttpRequest, pk: int) -> HttpResponse:
    services.saved_view_delete(user=request.user, view_id=pk)
    return redirect(request, reverse("console:inbox"))


# --- oversight -----------------------------------------------------------------------------


@official_required
def oversight(request: OfficialHttpRequest) -> HttpResponse:
    access = request.console
    if not access.oversight:
        raise Http404
    try:
        agency_id = int(request.GET.get("agency", "")) or None
    except ValueError:
        agency_id = None
    listing = selectors.oversight_list(
        request.user,
        tab=request.GET.get("tab", "overdue"),
        agency_id=agency_id,
        page=_page_number(request),
    )
    return render(
        request,
        "console/oversight.html",
        {**_nav(request, "oversight"), "listing": listing, "tab": listing.query["tab"]},
    )


# --- one report ----------------------------------------------------------------------------

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
        **_nav(request, "report"),
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
        return report.console_assignment
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


# --- agency administration ------------------------------------------------------------------


def _administered(request: OfficialHttpRequest, agency_id: int) -> Agency:
    for agency in selectors.agency_admin_agencies(request.user):
        if agency.pk == agency_id:
            return agency
    raise Http404


@official_required
def agency_admin(request: OfficialHttpRequest) -> HttpResponse:
    access = request.console
    if not access.agency_admin:
        raise Http404
    agencies = []
    for agency in selectors.agency_admin_agencies(request.user):
        agencies.append(
            {
                "agency": agency,
                "units": list(agency_units(agency)),
                "officials": selectors.agency_officials(agency),
                "templates": selectors.agency_reply_templates(agency),
            }
        )
    return render(
        request,
        "console/agency.html",
        {
            **_nav(request, "agency"),
            "agencies": agencies,
            "roles": [(r.value, r.label) for r in services.INVITABLE_ROLES],
            "template_kinds": TemplateKind.choices,
        },
    )


@official_required
@require_POST
def agency_unit_create(request: OfficialHttpRequest, agency_id: int) -> HttpResponse:
    agency = _administered(request, agency_id)
    parent = agency
    if request.POST.get("parent", "").isdecimal():
        parent = get_object_or_404(
            Agency, pk=int(request.POST["parent"]), path__startswith=agency.path
        )
    try:
        unit = services.unit_create(
            actor=request.user, parent=parent, name=request.POST.get("name", "")
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Unit “%(name)s” created.") % {"name": unit.name})
    return redirect(request, reverse("console:agency"))


@official_required
@require_POST
def agency_invite(request: OfficialHttpRequest, agency_id: int) -> HttpResponse:
    agency = _administered(request, agency_id)
    where = agency
    if request.POST.get("unit", "").isdecimal():
        where = get_object_or_404(
            Agency, pk=int(request.POST["unit"]), path__startswith=agency.path
        )
    try:
        user = services.official_invite(
            actor=request.user,
            email=request.POST.get("email", ""),
            full_name=request.POST.get("full_name", ""),
            role=request.POST.get("role", ""),
            agency=where,
            base_url=request.build_absolute_uri("/")[:-1],
        )
    except ValidationFailed as exc:
        messages.error(request, " ".join(m for msgs in exc.errors.values() for m in msgs))
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": user.email})
    return redirect(request, reverse("console:agency"))


@official_required
@require_POST
def agency_revoke(request: OfficialHttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(RoleMembership.objects.select_related("agency", "user"), pk=pk)
    try:
        if membership.user_id == request.user.pk:
            raise ServiceError(_("You cannot remove your own role."))
        membership_revoke(membership=membership, revoked_by=request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Role removed."))
    return redirect(request, reverse("console:agency"))


@official_required
@require_POST
def agency_template_create(request: OfficialHttpRequest, agency_id: int) -> HttpResponse:
    agency = _administered(request, agency_id)
    try:
        services.reply_template_create(
            actor=request.user,
            agency=agency,
            kind=request.POST.get("kind", ""),
            title=request.POST.get("title", ""),
            body=request.POST.get("body", ""),
        )
    except ValidationFailed as exc:
        messages.error(request, " ".join(m for msgs in exc.errors.values() for m in msgs))
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Template saved."))
    return redirect(request, reverse("console:agency"))


@official_required
@require_POST
def agency_template_deactivate(request: OfficialHttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(ReplyTemplate.objects.select_related("agency"), pk=pk)
    try:
        services.reply_template_deactivate(actor=request.user, template=template)
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect(request, reverse("console:agency"))

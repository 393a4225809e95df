"""Writing a report, one question group per page (GOV.UK "question pages" and "check
your answers"; FixMyStreet's place first).

place → photos and documents → what happened → kind and topic → agency → who may see
it → check your answers → send. Every answer is saved in the citizen's draft on the
server (``portal.drafts``) as each page is sent, and every file as it is uploaded, so
a reload, a dropped connection or a page without JavaScript loses nothing. Views parse
and render; the draft's services decide.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe

from lapor.accounts.middleware import request_principal
from lapor.agencies.models import Agency
from lapor.agencies.selectors import agency_search, routing_suggest
from lapor.core.exceptions import NotFound, ValidationFailed
from lapor.regions.models import Region
from lapor.reports.choices import Classification
from lapor.reports.views import file_response_headers

from . import drafts, selectors
from .forms import (
    CLASSIFICATION_HINTS,
    REGION_LEVELS,
    SERVICE_ERROR_STEPS,
    AgencyForm,
    FilesForm,
    KindForm,
    PlaceForm,
    PrivacyForm,
    StoryForm,
    category_choices,
    region_choices,
    target_agency_options,
)
from .models import WriteDraft
from .services import MAX_FILES
from .uploads import DraftUploadLimit, body_too_long

LOGIN_URL = "accounts:login"
MAP_TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
MAP_ATTRIBUTION = "&copy; OpenStreetMap contributors"

# The steps in order: (name, URL name). "Change" links come back to the check page.
STEPS = (
    ("place", "portal:write"),
    ("files", "portal:write_files"),
    ("story", "portal:write_story"),
    ("kind", "portal:write_kind"),
    ("agency", "portal:write_agency"),
    ("privacy", "portal:write_privacy"),
    ("check", "portal:write_check"),
)
STEP_URLS = dict(STEPS)
CHANGE = "ubah"  # ?ubah=1: a change from the check page, which it returns to
SENT_KEY = "portal:write_sent"
PLACE_TEXT = ("address", "latitude", "longitude")


def _step_context(request: HttpRequest, name: str, **extra: Any) -> dict[str, Any]:
    names = [n for n, _url in STEPS]
    index = names.index(name)
    # Only the query string: reading the body here would defeat the upload limits.
    changing = bool(request.GET.get(CHANGE))
    if changing:
        back = reverse("portal:write_check")
    elif index:
        back = reverse(STEPS[index - 1][1])
    else:
        back = ""
    return {
        "step": name,
        "step_number": index + 1,
        "step_total": len(STEPS),
        "back_url": back,
        "changing": changing,
        **extra,
    }


def _next_url(request: HttpRequest, name: str) -> str:
    if request.GET.get(CHANGE):
        return reverse("portal:write_check")
    names = [n for n, _url in STEPS]
    return reverse(STEPS[names.index(name) + 1][1])


def _draft_data(request: HttpRequest) -> tuple[WriteDraft | None, dict[str, Any]]:
    draft = drafts.draft_get(principal=request_principal(request))
    return draft, dict(draft.data) if draft is not None else {}


def _draft_for_write(request: HttpRequest, draft: WriteDraft | None = None) -> WriteDraft:
    """The draft already read for this request, or the principal's (made on first use)."""
    if draft is not None:
        return draft
    return drafts.draft_get_or_create(
        principal=request_principal(request), session_key=request.session.session_key or ""
    )


def _save(request: HttpRequest, draft: WriteDraft, answers: dict[str, Any]) -> None:
    drafts.draft_save_answers(
        principal=request_principal(request),
        draft=draft,
        answers=answers,
        session_key=request.session.session_key or "",
    )


# --- 1. place ---------------------------------------------------------------------------


@login_required(login_url=LOGIN_URL)
def write(request: HttpRequest) -> HttpResponse:
    """The first step, where it happened. Without JavaScript the region lists fill by
    sending the page ("Show the next list"): what is chosen is saved, and the page
    comes back at the next list with its placeholder chosen (never a guess)."""
    _draft, data = _draft_data(request)
    if request.method == "POST":
        draft = _draft_for_write(request, _draft)
        form = PlaceForm(request.POST)
        if request.POST.get("_action") == "region":
            regions = form.region_values()
            # What else was typed is kept too (checked when the page is sent).
            typed = {k: request.POST.get(k, "").strip()[:255] for k in PLACE_TEXT}
            _save(request, draft, {**regions, **typed})
            below = next((lv for lv in REGION_LEVELS if not regions[lv]), "village")
            url = reverse("portal:write")
            if request.GET.get(CHANGE):
                url += f"?{CHANGE}=1"
            return redirect(f"{url}#id_{below}")
        if form.is_valid():
            _save(request, draft, form.answers())
            return redirect(_next_url(request, "place"))
    else:
        form = PlaceForm(initial=data, values=data)
    context = _step_context(
        request,
        "place",
        form=form,
        has_draft=bool(data),
        map_tiles_url=getattr(settings, "PORTAL_MAP_TILES_URL", MAP_TILES_URL),
        map_attribution=getattr(settings, "PORTAL_MAP_ATTRIBUTION", MAP_ATTRIBUTION),
    )
    return render(request, "portal/write/place.html", context)


@require_POST
@login_required(login_url=LOGIN_URL)
def write_restart(request: HttpRequest) -> HttpResponse:
    drafts.draft_discard(principal=request_principal(request))
    return redirect("portal:write")


@require_safe
def region_options(request: HttpRequest) -> JsonResponse:
    """The choices of the level below the one that changed (JSON, for write.js): only
    that level gets options; the script empties the ones below it."""
    changed = next((lv for lv in ("district", "regency", "province") if lv in request.GET), None)
    if changed is None:
        raise Http404
    code = request.GET.get(changed) or None
    below = REGION_LEVELS[REGION_LEVELS.index(changed) + 1]
    return JsonResponse({"level": below, "options": region_choices(below, code)})


# --- 2. photos and documents --------------------------------------------------------------


def _limits_context() -> dict[str, Any]:
    return {
        "max_bytes": int(settings.ATTACHMENT_MAX_BYTES),
        "video_max_bytes": int(settings.ATTACHMENT_VIDEO_MAX_BYTES),
        "max_files": MAX_FILES,
    }


def _files_page(
    request: HttpRequest, form: FilesForm, draft: WriteDraft | None, status: int = 200
) -> HttpResponse:
    files = drafts.draft_files(draft=draft)
    context = _step_context(
        request,
        "files",
        form=form,
        files=files,
        files_left=max(MAX_FILES - len(files), 0),
        **_limits_context(),
    )
    return render(request, "portal/write/files.html", context, status=status)


@login_required(login_url=LOGIN_URL)
@require_safe
def write_files(request: HttpRequest) -> HttpResponse:
    draft, _data = _draft_data(request)
    return _files_page(request, FilesForm(), draft)


@csrf_exempt  # checked below, once the limit handler is in place (Django's upload docs)
@login_required(login_url=LOGIN_URL)
@require_POST
def write_files_upload(request: HttpRequest) -> HttpResponse:
    """Keep the chosen files in the draft, then come back to the list (or go on).

    Too big is refused before the body is read: by its announced length, and by the
    limit handler, which stops reading a file as soon as it passes its kind's limit.
    """
    draft = _draft_for_write(request)
    left = MAX_FILES - draft.files.count()
    if body_too_long(request.META.get("CONTENT_LENGTH"), files_left=left):
        return _files_page(request, _files_form([_too_big_request_message()]), draft, status=413)
    limiter = DraftUploadLimit(request)
    request.upload_handlers.insert(0, limiter)
    return _write_files_store(request, draft, limiter)


def _files_form(errors: list[str]) -> FilesForm:
    """The files form showing ``errors`` on its field (the files are handled above it)."""
    form = FilesForm(data={})
    form.is_valid()
    for message in errors:
        form.add_error("attachments", message)
    form.mark_errors()
    return form


def _too_big_request_message() -> str:
    return _(
        "These files are too big. Each photo or document can be up to %(limit)s, "
        "each video up to %(video)s."
    ) % {
        "limit": filesizeformat(settings.ATTACHMENT_MAX_BYTES),
        "video": filesizeformat(settings.ATTACHMENT_VIDEO_MAX_BYTES),
    }


@csrf_protect
def _write_files_store(
    request: HttpRequest, draft: WriteDraft, limiter: DraftUploadLimit
) -> HttpResponse:
    uploaded = request.FILES.getlist("attachments")
    if limiter.error:
        return _files_page(request, _files_form([limiter.error]), draft)
    principal = request_principal(request)
    errors: list[str] = []
    for item in uploaded:
        try:
            drafts.draft_file_add(principal=principal, draft=draft, uploaded=item)
        except ValidationFailed as exc:
            errors.extend(exc.errors.get("file", [exc.message]))
    if errors:
        return _files_page(request, _files_form(errors), draft)
    if request.POST.get("_action") == "continue":
        return redirect(_next_url(request, "files"))
    url = reverse("portal:write_files")
    if request.GET.get(CHANGE):
        url += f"?{CHANGE}=1"
    return redirect(url + "#files-list")


@require_POST
def write_file_remove(request: HttpRequest, pk: int) -> HttpResponse:
    drafts.draft_file_remove(principal=request_principal(request), file_id=pk)
    url = reverse("portal:write_files")
    if request.GET.get(CHANGE):
        url += f"?{CHANGE}=1"
    return redirect(url + "#files-list")


@require_safe
def write_file_preview(request: HttpRequest, pk: int) -> FileResponse:
    """The small preview of a photo in the draft, for its owner only: anyone else,
    signed in or not, gets 404 (never a sign-in page that says the file exists)."""
    item = drafts.draft_file_get(principal=request_principal(request), file_id=pk)
    if not item.thumbnail:
        raise Http404
    try:
        fh = default_storage.open(str(item.thumbnail.name), "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(fh, content_type="image/jpeg")
    file_response_headers(response)
    response["Cache-Control"] = "private, no-store"
    return response


# --- 3. what happened ---------------------------------------------------------------------


@login_required(login_url=LOGIN_URL)
def write_story(request: HttpRequest) -> HttpResponse:
    _draft, data = _draft_data(request)
    if request.method == "POST":
        form = StoryForm(request.POST)
        if form.is_valid():
            _save(request, _draft_for_write(request, _draft), form.answers())
            return redirect(_next_url(request, "story"))
    else:
        form = StoryForm(initial=data)
    context = _step_context(
        request, "story", form=form, region_code=drafts.draft_region_code(data) or ""
    )
    return render(request, "portal/write/story.html", context)


@require_safe
def similar(request: HttpRequest) -> HttpResponse:
    """Open public reports that look like the title being typed (for write.js)."""
    region = request.GET.get("region", "")
    for level in reversed(REGION_LEVELS):
        if request.GET.get(level):
            region = request.GET[level]
            break
    reports = selectors.similar_open_reports(title=request.GET.get("title", ""), region_code=region)
    return render(request, "portal/_similar.html", {"similar": reports})


# --- 4. kind and topic --------------------------------------------------------------------


@login_required(login_url=LOGIN_URL)
def write_kind(request: HttpRequest) -> HttpResponse:
    _draft, data = _draft_data(request)
    if request.method == "POST":
        form = KindForm(request.POST)
        if form.is_valid():
            _save(request, _draft_for_write(request, _draft), form.answers())
            return redirect(_next_url(request, "kind"))
    else:
        form = KindForm(initial=data)
    similar_reports = (
        selectors.similar_open_reports(
            title=data.get("title", ""), region_code=drafts.draft_region_code(data) or ""
        )
        if data.get("title")
        else []
    )
    context = _step_context(
        request,
        "kind",
        form=form,
        classification_hints=CLASSIFICATION_HINTS,
        similar=similar_reports,
    )
    return render(request, "portal/write/kind.html", context)


# --- 5. agency ----------------------------------------------------------------------------


def _agency_or_none(value: Any) -> Agency | None:
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    return Agency.objects.filter(pk=pk, is_active=True).exclude(kind="unit").first()


def _suggestion(values: Any) -> Agency | None:
    """The agency the routing rules point at for what the reporter has answered."""
    region = drafts.draft_region_code(values)
    try:
        category_id = int(values.get("category")) if values.get("category") else None
    except (TypeError, ValueError):
        category_id = None
    if not (region or category_id):
        return None
    return routing_suggest(
        category_id=category_id,
        region_code=region,
        classification=values.get("classification") or None,
    )


def _agency_context(values: Any) -> dict[str, Any]:
    suggestion = _suggestion(values)
    q = (values.get("agency_q") or "").strip()
    found = agency_search(q=q, limit=8) if q else []
    found = [a for a in found if a.kind != "unit"]
    chosen = _agency_or_none(values.get("target_agency"))
    return {
        "suggestion": suggestion,
        "agency_q": q,
        "agency_options": target_agency_options(suggestion=suggestion, found=found, chosen=chosen),
        "chosen_agency": str(chosen.pk) if chosen else "",
        "searched": bool(q),
    }


@login_required(login_url=LOGIN_URL)
def write_agency(request: HttpRequest) -> HttpResponse:
    _draft, data = _draft_data(request)
    if request.method == "POST":
        values = {**data, **{k: request.POST.get(k, "") for k in ("agency_q", "target_agency")}}
        agencies = _agency_context(values)
        form = AgencyForm(
            request.POST, options=agencies["agency_options"], suggestion=agencies["suggestion"]
        )
        if request.POST.get("_action") != "search" and form.is_valid():
            _save(request, _draft_for_write(request, _draft), form.answers())
            return redirect(_next_url(request, "agency"))
        if request.POST.get("_action") == "search":
            form = AgencyForm(
                initial={"target_agency": values["target_agency"], "agency_q": values["agency_q"]},
                options=agencies["agency_options"],
                suggestion=agencies["suggestion"],
            )
    else:
        agencies = _agency_context(data)
        form = AgencyForm(
            initial={"target_agency": data.get("target_agency", "")},
            options=agencies["agency_options"],
            suggestion=agencies["suggestion"],
        )
    context = _step_context(request, "agency", form=form, **agencies)
    return render(request, "portal/write/agency.html", context)


@require_POST
def agency_suggest(request: HttpRequest) -> HttpResponse:
    """The agency choices for a search typed on the agency step (for write.js).

    A POST (CSRF-checked), never a GET: a query string ends up in server and proxy
    logs (issue 8, finding 6). The place and topic come from the reporter's draft.
    """
    _draft, data = _draft_data(request)
    values = {**data, **{k: request.POST.get(k, "") for k in ("agency_q", "target_agency")}}
    agencies = _agency_context(values)
    form = AgencyForm(
        initial={"target_agency": values["target_agency"], "agency_q": values["agency_q"]},
        options=agencies["agency_options"],
        suggestion=agencies["suggestion"],
    )
    return render(request, "portal/_agency_block.html", {"form": form, **agencies})


# --- 6. who may see it --------------------------------------------------------------------


@login_required(login_url=LOGIN_URL)
def write_privacy(request: HttpRequest) -> HttpResponse:
    _draft, data = _draft_data(request)
    if request.method == "POST":
        form = PrivacyForm(request.POST)
        if form.is_valid():
            _save(request, _draft_for_write(request, _draft), form.answers())
            return redirect(_next_url(request, "privacy"))
    else:
        form = PrivacyForm(initial=data)
    return render(
        request, "portal/write/privacy.html", _step_context(request, "privacy", form=form)
    )


# --- 7. check your answers, send ----------------------------------------------------------


def _region_names(data: dict[str, Any]) -> list[str]:
    codes = [data[level] for level in REGION_LEVELS if data.get(level)]
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    return [names.get(code, code) for code in codes]


def _category_name(value: Any) -> str:
    for _group, options in category_choices()[1:]:
        for code, label in options:
            if code == str(value):
                return str(label)
    return ""


def _answers(data: dict[str, Any]) -> dict[str, Any]:
    agency = _agency_or_none(data.get("target_agency"))
    classification = data.get("classification")
    # An agency chosen for the place or topic as they were, then changed from this page
    # (Denpasar's city chosen, the place changed to Bandung): say so before sending.
    suggestion = _suggestion(data) if agency is not None else None
    return {
        "agency_suggested": suggestion.name
        if suggestion is not None and agency is not None and suggestion.pk != agency.pk
        else "",
        "region_names": _region_names(data),
        "category_name": _category_name(data.get("category")) if data.get("category") else "",
        "classification_label": Classification(classification).label
        if classification in Classification.values
        else "",
        "agency_name": agency.name if agency else "",
    }


def _check_page(
    request: HttpRequest, errors: dict[str, list[str]] | None = None, status: int = 200
) -> HttpResponse:
    draft, data = _draft_data(request)
    missing = {
        "place": not (data.get("province") or data.get("latitude")),
        "story": not (data.get("title") and data.get("description")),
        "kind": not data.get("classification"),
    }
    step_errors: dict[str, list[str]] = {}
    for key, messages in (errors or {}).items():
        step_errors.setdefault(SERVICE_ERROR_STEPS.get(key, "check"), []).extend(messages)
    context = _step_context(
        request,
        "check",
        data=data,
        files=drafts.draft_files(draft=draft),
        missing=missing,
        step_errors=step_errors,
        step_urls={name: reverse(url) for name, url in STEPS},
        **_answers(data),
    )
    return render(request, "portal/write/check.html", context, status=status)


@login_required(login_url=LOGIN_URL)
@require_safe
def write_check(request: HttpRequest) -> HttpResponse:
    return _check_page(request)


@login_required(login_url=LOGIN_URL)
@require_POST
def write_send(request: HttpRequest) -> HttpResponse:
    """File the report. A second send of the same draft (a double tap) finds no draft
    and lands on the first one's confirmation, never a second report."""
    try:
        report = drafts.draft_send(principal=request_principal(request))
    except NotFound:
        sent = request.session.get(SENT_KEY)
        if sent:
            return redirect("portal:report_sent", tracking_id=sent)
        return redirect("portal:write")
    except ValidationFailed as exc:
        return _check_page(request, errors=exc.errors)
    request.session[SENT_KEY] = report.tracking_id
    return redirect("portal:report_sent", tracking_id=report.tracking_id)

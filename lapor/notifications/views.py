"""The notification pages: the list (the bell's target), marking read, preferences.

Every form works without JavaScript (POST, then redirect); with htmx on the page the
same forms swap the list in place (``HX-Request``).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lapor.accounts.middleware import request_principal
from lapor.accounts.selectors import user_is_official

from . import selectors, services
from .forms import NotificationSettingForm


def _page(request: HttpRequest):  # type: ignore[no-untyped-def]
    size = int(getattr(settings, "NOTIFICATIONS_PAGE_SIZE", 20))
    paginator = Paginator(selectors.notification_list_for(request_principal(request)), size)
    return paginator.get_page(request.GET.get("page") or request.POST.get("page"))


def _list_response(request: HttpRequest) -> HttpResponse:
    page = _page(request)
    template = (
        "notifications/_list.html"
        if request.headers.get("HX-Request")
        else "notifications/list.html"
    )
    return render(request, template, {"page": page, "notifications": page.object_list})


def _back(request: HttpRequest) -> HttpResponseRedirect:
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("notifications:list")
    return HttpResponseRedirect(target)


@login_required
@require_http_methods(["GET", "HEAD"])
def notification_list(request: HttpRequest) -> HttpResponse:
    return _list_response(request)


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    principal = request_principal(request)
    if not services.notification_mark_read(principal=principal, notification_id=pk):
        raise Http404(_("No such notification."))
    if request.headers.get("HX-Request"):
        return _list_response(request)
    return _back(request)


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notification_mark_all_read(principal=request_principal(request))
    if request.headers.get("HX-Request"):
        return _list_response(request)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return _back(request)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def notification_settings(request: HttpRequest) -> HttpResponse:
    user = request.user
    official = user_is_official(user)
    current = selectors.notification_setting_for(user)  # type: ignore[arg-type]
    if request.method == "POST":
        form = NotificationSettingForm(request.POST, official=official)
        if form.is_valid():
            data = form.cleaned_data
            services.notification_setting_update(
                user=user,  # type: ignore[arg-type]
                language=data["language"],
                email_enabled=data["email_enabled"],
                sms_enabled=data["sms_enabled"],
                digest_only=data.get("digest_only") if official else None,
                instant_reminders=data.get("instant_reminders") if official else None,
            )
            messages.success(request, _("Your choices are saved."))
            return HttpResponseRedirect(reverse("notifications:settings"))
    else:
        form = NotificationSettingForm(
            initial={
                "language": current.language,
                "email_enabled": current.email_enabled,
                "sms_enabled": current.sms_enabled,
                "digest_only": current.digest_only,
                "instant_reminders": current.instant_reminders,
            },
            official=official,
        )
    return render(request, "notifications/settings.html", {"form": form, "official": official})

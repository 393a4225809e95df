"""The console's door: signed in, an official, a verified second factor, not idle.

Every console view is wrapped in :func:`official_required`. An official whose session
has no verified device (``request.user.is_verified()``, django-otp) is sent to the
code step and nothing they posted is acted on. Past the door, views read and act for
``request_principal(request)`` (an official principal), never for ``request.user``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any, Protocol, cast
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from lapor.accounts.http import AuthenticatedHttpRequest
from lapor.accounts.middleware import request_principal

from .choices import LoginEventKind
from .selectors import ConsoleAccess, console_access_for, user_is_console_official
from .services import login_event_record

SEEN_KEY = "console_seen"
# Write the last-seen time at most this often, so a busy official's clicks do not each
# rewrite the session row.
SEEN_RESOLUTION = 60


class OfficialHttpRequest(AuthenticatedHttpRequest):
    """The request a view behind :func:`official_required` gets: a signed-in official
    with a verified second factor, and their console access attached."""

    console: ConsoleAccess


class _OTPUser(Protocol):
    def is_verified(self) -> bool: ...


def otp_verified(request: HttpRequest) -> bool:
    """Whether this session's sign-in passed the second factor.

    django-otp's ``OTPMiddleware`` installs ``is_verified()`` on ``request.user`` for
    each request; the user model does not declare it, so the checker cannot see it.
    """
    return cast(_OTPUser, request.user).is_verified()


def safe_next(request: HttpRequest, default: str = "") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default or reverse("console:home")


def redirect(request: HttpRequest, url: str) -> HttpResponse:
    """A redirect that htmx follows as a full page load (``HX-Redirect``)."""
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


def _with_next(url_name: str, request: HttpRequest) -> str:
    path = request.get_full_path() if request.method == "GET" else request.path
    return reverse(url_name) + "?" + urlencode({"next": path})


def session_timed_out(request: HttpRequest) -> bool:
    seen = request.session.get(SEEN_KEY)
    return seen is not None and time.time() - seen > settings.CONSOLE_IDLE_SECONDS


def session_touch(request: HttpRequest) -> None:
    now = int(time.time())
    if now - request.session.get(SEEN_KEY, 0) >= SEEN_RESOLUTION:
        request.session[SEEN_KEY] = now


def end_session_for_timeout(request: HttpRequest) -> HttpResponse:
    user = request.user if request.user.is_authenticated else None
    login_event_record(request=request, kind=LoginEventKind.TIMEOUT, user=user)
    logout(request)
    messages.info(request, _("You were signed out after a while without activity."))
    return redirect(request, _with_next("console:login", request))


def official_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect(request, _with_next("console:login", request))
        if session_timed_out(request):
            return end_session_for_timeout(request)
        if not user_is_console_official(user):
            return render(request, "console/not_official.html", status=403)
        if not otp_verified(request):
            return redirect(request, _with_next("console:otp", request))
        access = console_access_for(request_principal(request))
        if not access.roles:
            # Roles but not an official principal: nothing here to read or do.
            return render(request, "console/not_official.html", status=403)
        session_touch(request)
        # The checks above are what OfficialHttpRequest promises.
        official = cast(OfficialHttpRequest, request)
        official.console = access
        return view(official, *args, **kwargs)

    return wrapped

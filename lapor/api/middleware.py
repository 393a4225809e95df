"""The API's error shape for the answers django-ninja does not make itself.

An unknown path under ``/api/`` (Django's 404), a method an endpoint does not take
(ninja's plain-text 405) and a crash (Django's 500 page) would otherwise answer HTML or
plain text; a client of the API always reads ``{"code", "message", "fields"}``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from .errors import CODE_FOR_STATUS, error_body

API_PREFIX = "/api/"
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")


class ApiErrorShapeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not request.path_info.startswith(API_PREFIX)
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        status = response.status_code
        if status >= 500 and settings.DEBUG:
            return response  # the developer's traceback page
        if status == 404:
            message = _("Not found.")
        elif status == 405:
            message = _("This method is not allowed here.")
        elif status >= 500:
            message = _("Something went wrong on our side. Please try again later.")
        else:
            message = response.reason_phrase
        code = CODE_FOR_STATUS.get(status, "server_error" if status >= 500 else "error")
        shaped = JsonResponse(error_body(code, message), status=status)
        for header in KEPT_HEADERS:
            if response.has_header(header):
                shaped[header] = response[header]
        return shaped

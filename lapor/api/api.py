"""The REST API v1: one NinjaAPI object, its error shape and its routers.

Mounted at ``/api/v1/`` (``lapor/urls.py``); OpenAPI 3 at ``/api/v1/openapi.json``;
the interactive docs at ``/api/v1/docs/`` from django-ninja's own static files (no CDN:
``ninja`` is in INSTALLED_APPS, so its template with ``{% static %}`` is used).
Every error is ``{"code", "message", "fields"}`` (``lapor.api.errors``). Routers are
added at the bottom; each face's router lives in its own module.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from lapor.core.exceptions import NotFound, PermissionDenied, ServiceError, ValidationFailed

from .errors import error_response, validation_fields
from .ratelimit import RateLimited

api = NinjaAPI(
    title="LAPOR! API",
    version="1",
    urls_namespace="api-v1",
    docs_url="/docs/",
    description=(
        "SP4N-LAPOR! public API. Quick start, errors, pagination and limits: docs/api.md."
    ),
)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return error_response(
        api,
        request,
        status=422,
        code="validation_error",
        message=_("Please correct the errors below."),
        fields=validation_fields(exc.errors),
    )


@api.exception_handler(ValidationFailed)
def _validation_failed(request: HttpRequest, exc: ValidationFailed) -> HttpResponse:
    return error_response(
        api, request, status=422, code="validation_error", message=exc.message, fields=exc.errors
    )


@api.exception_handler(NotFound)
def _not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
    # A report one may not read and one that does not exist look the same (the gate).
    return error_response(api, request, status=404, code="not_found", message=_("Not found."))


@api.exception_handler(Http404)
def _http404(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(api, request, status=404, code="not_found", message=_("Not found."))


@api.exception_handler(PermissionDenied)
def _permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    code = exc.code if exc.code != type(exc).__name__ else "forbidden"
    return error_response(api, request, status=403, code=code, message=exc.message)


@api.exception_handler(ServiceError)
def _service_error(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    # InvalidTransition (409) and the other refusals: their own status, a snake_case code.
    code = exc.code if exc.code != type(exc).__name__ else _snake(type(exc).__name__)
    return error_response(api, request, status=exc.status_code, code=code, message=exc.message)


@api.exception_handler(AuthenticationError)
def _unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(
        api,
        request,
        status=401,
        code="unauthorized",
        message=_("A valid API key is needed: send it as Authorization: Bearer <key>."),
        headers={"WWW-Authenticate": "Bearer"},
    )


@api.exception_handler(AuthorizationError)
def _forbidden(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
    return error_response(
        api, request, status=403, code="forbidden", message=_("You are not allowed to do this.")
    )


@api.exception_handler(RateLimited)
def _rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    return error_response(
        api,
        request,
        status=429,
        code="rate_limited",
        message=_("Too many requests. Try again in %(seconds)s seconds.")
        % {"seconds": exc.retry_after},
        headers={"Retry-After": str(exc.retry_after)},
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error_response(api, request, status=exc.status_code, message=str(exc))


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


# --- the routers ------------------------------------------------------------------

from .agency import agency_router  # noqa: E402  (the routers need the api's handlers first)
from .public import public_router  # noqa: E402

api.add_router("/agency/", agency_router)
api.add_router("", public_router)

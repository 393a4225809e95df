"""Puts the request's principal on it (``request.principal``), after django-otp."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from .principals import Principal, principal_from_request


class PrincipalMiddleware:
    """``request.principal``: who this request reads and acts for.

    Lazy, so a request that never reads anything personal costs no role query. It must
    come after ``django_otp.middleware.OTPMiddleware``, which decides whether the
    second factor is verified.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.principal = SimpleLazyObject(lambda: principal_from_request(request))  # type: ignore[attr-defined]
        return self.get_response(request)


def request_principal(request: HttpRequest) -> Principal:
    """The principal of ``request`` (typed; computed once per request)."""
    principal = getattr(request, "principal", None)
    if principal is None:
        principal = principal_from_request(request)
        request.principal = principal  # type: ignore[attr-defined]
    return principal  # type: ignore[no-any-return]

"""Language choice, and domain errors that escape a view."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse

from .exceptions import NotFound


class IgnoreBrowserLanguageMiddleware:
    """Runs before Django's LocaleMiddleware and hides the browser's Accept-Language.

    LAPOR! is an Indonesian service: many phones in Indonesia are set to English, yet
    their owners expect the Indonesian site. The language changes only when the visitor
    presses the switch (``set_language`` keeps the choice in a cookie, which
    LocaleMiddleware reads).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class NotFoundMiddleware:
    """A selector's ``NotFound`` that a view did not catch is a 404, like ``Http404``.

    Selectors raise domain errors so that the API and the commands can use them; for
    pages the answer is always the same 404, whatever the reason.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, NotFound):
            raise Http404(exception.message) from exception

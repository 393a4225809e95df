"""Language choice: Indonesian unless the visitor picked another language."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


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

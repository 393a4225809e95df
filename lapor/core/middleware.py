"""Language choice, domain errors that escape a view, and personal pages kept out of
shared caches."""

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

    The API (``/api/``) keeps the header: an app or a script sets it on purpose, and
    its error messages follow it (the cookie still wins when both are sent).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith("/api/"):
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


# The URL namespaces whose every page is an official's (or an admin's) working page.
PRIVATE_NAMESPACES = frozenset({"console", "admin"})


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` on every page that may carry personal data.

    That is every response to a signed-in request (a reporter's own reports, their
    notifications, an official's view of a confidential report) and every console and
    admin page, signed in or not: a shared cache or a proxy must never keep one and hand
    it to the next person. A view that set its own ``Cache-Control`` keeps it (file
    downloads and Django's ``never_cache`` already say ``private``). Public pages for
    visitors are left alone, so that they stay cacheable.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if self._is_private(request):
            response["Cache-Control"] = "private, no-store"
        return response

    @staticmethod
    def _is_private(request: HttpRequest) -> bool:
        match = getattr(request, "resolver_match", None)
        if match is not None and PRIVATE_NAMESPACES.intersection(match.namespaces):
            return True
        user = getattr(request, "user", None)
        return bool(user is not None and user.is_authenticated)

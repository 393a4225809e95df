"""Who an API request is for: an agency key's principal, or the session's."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.utils import check_csrf

from lapor.accounts.middleware import request_principal
from lapor.accounts.principals import Principal
from lapor.core.exceptions import PermissionDenied
from lapor.integrations.auth import ApiKeyAuth

from .ratelimit import rate_limit

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def api_principal(request: HttpRequest) -> Principal:
    """The principal of an API request.

    An agency key's request carries its principal in ``request.auth`` (set by
    ``lapor.integrations.auth.ApiKeyAuth``); anything else is the session's principal
    (the visitor when nobody is signed in). ninja exempts its views from Django's CSRF
    middleware, so a session-authenticated unsafe request is checked here: a page on
    another site must not be able to post with the visitor's cookie.
    """
    auth = getattr(request, "auth", None)
    if isinstance(auth, Principal):
        return auth
    principal = request_principal(request)
    unsafe = request.method not in SAFE_METHODS
    if unsafe and not principal.is_visitor and check_csrf(request) is not None:
        raise PermissionDenied(
            _("The security check failed. Reload the page and try again."),
            code="csrf_failed",
        )
    return principal


class KeyAuth(ApiKeyAuth):
    """An agency key, its requests counted per key (``API_KEY_RATE_LIMIT_PER_MINUTE``)."""

    def check_rate(self, request: HttpRequest, principal: Principal) -> Any:
        rate_limit(bucket="key", identity=str(principal.key_id))


class OptionalKeyAuth(KeyAuth):
    """The public reads: anyone may call them, an agency's app with its key.

    No ``Authorization`` header: the session's principal (the visitor for nobody). A
    header: it must be a good key (counted per key), else 401, so that an app with a
    wrong or revoked key learns it at once instead of silently reading as a visitor.
    """

    def __call__(self, request: HttpRequest) -> Any:
        if "Authorization" not in request.headers:
            return request_principal(request)
        return super().__call__(request)

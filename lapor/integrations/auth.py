"""django-ninja's authentication by agency key: ``Authorization: Bearer <key>``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from lapor.accounts.principals import Principal

from .services import apikey_authenticate


def client_ip(request: HttpRequest) -> str | None:
    """The caller's address as the server saw it (a proxy in front sets REMOTE_ADDR
    through its own middleware; a client's X-Forwarded-For is not trusted here)."""
    return request.META.get("REMOTE_ADDR") or None


class ApiKeyAuth(HttpBearer):
    """Answers the key's :class:`Principal`, or ``None`` (ninja then answers 401).

    The principal is also put on ``request.principal`` for the endpoint. Per-key rate
    limiting plugs in through :meth:`check_rate`: the API face (``lapor.api``, above
    this app) subclasses it; this app cannot import the API.
    """

    def authenticate(self, request: HttpRequest, token: str) -> Principal | None:
        principal = apikey_authenticate(token, ip=client_ip(request))
        if principal is None:
            return None
        self.check_rate(request, principal)
        request.principal = principal  # type: ignore[attr-defined]
        return principal

    def check_rate(self, request: HttpRequest, principal: Principal) -> Any:
        """Raise the API's rate-limit error when ``principal``'s key is over its limit.
        Nothing here; the API's subclass counts per ``principal.key_id``."""
        return None

"""``unread_notifications_count`` for every page (the bell)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from lapor.accounts.middleware import request_principal

from .selectors import notification_unread_count


def unread_notifications(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications_count": 0}
    # Lazy: a page that never shows the bell runs no query; one that does runs one
    # COUNT, however often the template reads the value.
    return {
        "unread_notifications_count": SimpleLazyObject(
            lambda: notification_unread_count(request_principal(request))
        )
    }

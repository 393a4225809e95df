"""Request types for views that only ever run for a signed-in user.

Django types ``request.user`` as ``User | AnonymousUser`` because it cannot know which
views sit behind a sign-in check. A view wrapped in ``login_required`` (or the console's
``official_required``) never sees an anonymous user, so it annotates its request as
:class:`AuthenticatedHttpRequest` and passes ``request.user`` to services as a ``User``
without casts. This is typing only: Django still builds a plain ``HttpRequest``.
"""

from __future__ import annotations

from django.http import HttpRequest

from .models import User


class AuthenticatedHttpRequest(HttpRequest):
    """An ``HttpRequest`` whose user is signed in (the view's guard ensures it)."""

    user: User

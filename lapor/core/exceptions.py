"""Errors that services raise and views turn into translated messages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class ServiceError(Exception):
    """A request that cannot be carried out; nothing was changed.

    ``message`` is shown to the user as is, so it is a translated sentence.
    """

    default_message = _("This action cannot be carried out.")
    status_code = 400

    def __init__(self, message: str | Promise | None = None, *, code: str | None = None) -> None:
        self.message = str(message or self.default_message)
        self.code = code or type(self).__name__
        super().__init__(self.message)


class PermissionDenied(ServiceError):
    default_message = _("You are not allowed to do this.")
    status_code = 403


class InvalidTransition(ServiceError):
    default_message = _("This report cannot make that move in its current state.")
    status_code = 409


ErrorsArg = Mapping[str, Sequence[str | Promise]] | str | Promise


class ValidationFailed(ServiceError):
    """Bad input. ``errors`` maps a field name to its messages."""

    default_message = _("Please correct the errors below.")
    status_code = 422

    def __init__(self, errors: ErrorsArg, *, code: str | None = None) -> None:
        if isinstance(errors, (str, Promise)):
            errors = {"__all__": [errors]}
        self.errors = {key: [str(m) for m in msgs] for key, msgs in errors.items()}
        first = next(iter(self.errors.values()))[0]
        super().__init__(first, code=code)


class NotFound(ServiceError):
    """What was asked for does not exist, or the principal may not read it.

    The two are never told apart: a report one may not read looks exactly like one that
    does not exist. Pages (``core.middleware.NotFoundMiddleware``) answer 404.
    """

    default_message = _("Not found.")
    status_code = 404

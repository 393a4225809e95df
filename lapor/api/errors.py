"""One JSON shape for every error the API answers.

``{"code": "not_found", "message": "<translated>", "fields": {"field": ["message"]}}``:
``code`` is stable and machine-readable, ``message`` is in the request's language
(LocaleMiddleware: the language cookie), ``fields`` names the inputs that were wrong.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from ninja import NinjaAPI

# The codes a client can rely on, by HTTP status when the error carries none of its own.
CODE_FOR_STATUS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "validation_error",
    429: "rate_limited",
}


def error_body(
    code: str, message: str, fields: Mapping[str, Sequence[str]] | None = None
) -> dict[str, Any]:
    return {
        "code": code,
        "message": str(message),
        "fields": {k: list(v) for k, v in (fields or {}).items()},
    }


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    *,
    status: int,
    message: str,
    code: str | None = None,
    fields: Mapping[str, Sequence[str]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> HttpResponse:
    body = error_body(code or CODE_FOR_STATUS.get(status, "error"), message, fields)
    response = api.create_response(request, body, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def validation_fields(errors: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    """ninja's pydantic errors as ``{field: [messages]}``; the field is the input's name
    (``q``, ``limit``), the body's fields dotted (``location.lat``)."""
    fields: dict[str, list[str]] = {}
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        # ("query", "limit") → "limit"; ("body", "payload", "title") → "title".
        if loc and loc[0] in {"query", "path", "header", "cookie", "body", "form", "file"}:
            loc = loc[1:]
            if loc and loc[0] == "payload":
                loc = loc[1:]
        name = ".".join(loc) or "__all__"
        fields.setdefault(name, []).append(_validation_message(error))
    return fields


def _validation_message(error: Mapping[str, Any]) -> str:
    """A translated message for the common pydantic error types; pydantic's own English
    for the rare rest (its messages are not translatable)."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind in {"int_parsing", "int_type", "float_parsing", "float_type"}:
        return _("Enter a whole number.") if kind.startswith("int") else _("Enter a number.")
    if kind in {"less_than_equal", "less_than"}:
        return _("Enter a value of at most %(limit)s.") % {"limit": ctx.get("le", ctx.get("lt"))}
    if kind in {"greater_than_equal", "greater_than"}:
        return _("Enter a value of at least %(limit)s.") % {"limit": ctx.get("ge", ctx.get("gt"))}
    if kind in {"date_parsing", "date_from_datetime_parsing", "date_type", "datetime_parsing"}:
        return _("Enter a date as YYYY-MM-DD.")
    if kind in {"enum", "literal_error"}:
        return _("Choose one of the allowed values.")
    if kind == "string_too_long":
        return _("Enter at most %(limit)s characters.") % {"limit": ctx.get("max_length")}
    if kind == "string_too_short":
        return _("Enter at least %(limit)s characters.") % {"limit": ctx.get("min_length")}
    return str(error.get("msg", _("Enter a valid value.")))

"""Cleaning a move's input, before any lock is taken, and checking it against the locked
report and the actor's capacity.

``guard`` (step 1 of every move) turns the raw note, visibility and parameters into
clean values (agencies, units, the original of a duplicate as objects) or raises
``ValidationFailed`` with every problem at once, keyed by field. ``check_in_context``
(after the lock) adds what only the row and the actor's scope can tell: an agency
verifier keeps a report in its own subtree, a unit admin passes it only below their
unit. The ``clean_*`` helpers are shared with filing a report (``reports.services``).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from lapor.accounts.choices import Role
from lapor.accounts.principals import Principal
from lapor.agencies.choices import AgencyKind
from lapor.agencies.models import Agency, Category
from lapor.core.exceptions import PermissionDenied, ServiceError, ValidationFailed
from lapor.regions.models import Region

from ..choices import ArchiveReason, Classification, Visibility
from ..models import Report
from ..permissions import REPORTER, Acting
from ..tracking import normalize_tracking_id
from .table import CORRECTABLE, NOTE_REQUIRED, OMBUDSMAN_AGENCY_CODE, Action

TITLE_MIN, TITLE_MAX = 10, 150
NOTE_MAX = 20_000
COMMENT_MAX = 2_000

# The parameters each move takes (a move not listed takes none).
PARAMS: dict[Action, frozenset[str]] = {
    Action.DISPOSE: frozenset({"agency_id", "unit_id", *CORRECTABLE}),
    Action.ARCHIVE: frozenset({"reason", "duplicate_of"}),
    Action.DISPOSE_TO_UNIT: frozenset({"unit_id"}),
    Action.TRANSFER: frozenset({"agency_id"}),
    Action.CLOSE: frozenset({"rating", "comment", "satisfied"}),
}


# ---------------------------------------------------------------------------
# Input


def add_error(errors: dict[str, list[str]], key: str, message: Any) -> None:
    errors.setdefault(key, []).append(str(message))


def clean_title(value: Any, errors: dict[str, list[str]], key: str = "title") -> str:
    title = " ".join(str(value or "").split())
    if not TITLE_MIN <= len(title) <= TITLE_MAX:
        add_error(
            errors,
            key,
            _("The title must be %(min)d to %(max)d characters long.")
            % {"min": TITLE_MIN, "max": TITLE_MAX},
        )
    return title


def _clean_int(value: Any, errors: dict[str, list[str]], key: str) -> int | None:
    # Neither True (== 1) nor 3.7 (int() would quietly make it 3) is a whole number.
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        add_error(errors, key, _("Enter a whole number."))
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        add_error(errors, key, _("Enter a whole number."))
        return None


def _clean_bool(value: Any, errors: dict[str, list[str]], key: str) -> bool | None:
    if not isinstance(value, bool):
        add_error(errors, key, _("Choose yes or no."))
        return None
    return value


def clean_agency(
    value: Any, errors: dict[str, list[str]], key: str, *, unit: bool
) -> Agency | None:
    """An active agency (``unit=False``: not a unit) or an active unit-or-agency."""
    pk = _clean_int(value, errors, key)
    if pk is None:
        return None
    agency = Agency.objects.filter(pk=pk, is_active=True).first()
    if agency is None or (not unit and agency.kind == AgencyKind.UNIT):
        add_error(errors, key, _("Choose an active agency from the list."))
        return None
    return agency


def clean_category(
    value: Any, errors: dict[str, list[str]], key: str = "category_id"
) -> Category | None:
    pk = _clean_int(value, errors, key)
    if pk is None:
        return None
    category = Category.objects.filter(pk=pk, is_active=True).first()
    if category is None:
        add_error(errors, key, _("Choose a category from the list."))
    return category


def clean_region(
    value: Any, errors: dict[str, list[str]], key: str = "region_code"
) -> Region | None:
    region = Region.objects.filter(pk=str(value)).first() if value else None
    if region is None:
        add_error(errors, key, _("Choose a region from the list."))
    return region


def _clean_params(
    action: Action,
    *,
    principal: Principal,
    note: str,
    visibility: str | None,
    params: dict[str, Any],
) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}

    note = (note or "").strip()
    if action in NOTE_REQUIRED and not note:
        add_error(errors, "note", _("Write a note."))
    if len(note) > NOTE_MAX:
        add_error(errors, "note", _("The note is too long."))
    cleaned["note"] = note
    if visibility is not None and visibility not in Visibility.values:
        add_error(errors, "visibility", _("Choose who may read this."))
    for key in params.keys() - PARAMS.get(action, frozenset()):
        add_error(errors, key, _("This field is not expected here."))

    if action == Action.DISPOSE:
        if params.get("agency_id") in (None, ""):
            add_error(errors, "agency_id", _("Choose the agency."))
        else:
            cleaned["agency"] = clean_agency(params["agency_id"], errors, "agency_id", unit=False)
        cleaned["unit"] = None
        if params.get("unit_id") not in (None, ""):
            unit = clean_agency(params["unit_id"], errors, "unit_id", unit=True)
            agency = cleaned.get("agency")
            if unit is not None and agency is not None and not strictly_inside(unit, agency):
                add_error(errors, "unit_id", _("Choose a unit of that agency."))
            cleaned["unit"] = unit
        corrections: dict[str, Any] = {}
        if "title" in params:
            corrections["title"] = clean_title(params["title"], errors)
        if "classification" in params:
            if params["classification"] not in Classification.values:
                add_error(errors, "classification", _("Choose a classification."))
            corrections["classification"] = params["classification"]
        if "category_id" in params:
            corrections["category"] = (
                None
                if params["category_id"] in (None, "")
                else clean_category(params["category_id"], errors)
            )
        if "region_code" in params:
            corrections["region"] = (
                None
                if params["region_code"] in (None, "")
                else clean_region(params["region_code"], errors)
            )
        for flag in ("is_anonymous", "is_confidential"):
            if flag in params:
                corrections[flag] = _clean_bool(params[flag], errors, flag)
        cleaned["corrections"] = corrections

    elif action == Action.ARCHIVE:
        reason = params.get("reason")
        if reason not in ArchiveReason.values:
            add_error(errors, "reason", _("Choose why the report is archived."))
        cleaned["reason"] = reason
        cleaned["duplicate_of"] = None
        raw = params.get("duplicate_of")
        if reason == ArchiveReason.DUPLICATE:
            tracking_id = normalize_tracking_id(raw)
            # Through the gate: naming a report one may not read is the same mistake as
            # naming one that does not exist (no probing for tracking IDs).
            original = (
                Report.objects.visible_to(principal).filter(tracking_id=tracking_id).first()
                if tracking_id
                else None
            )
            if original is None:
                add_error(
                    errors,
                    "duplicate_of",
                    _("Enter the tracking ID of the report this one repeats."),
                )
            cleaned["duplicate_of"] = original
        elif raw not in (None, ""):
            add_error(errors, "duplicate_of", _("Only a duplicate names another report."))

    elif action == Action.DISPOSE_TO_UNIT:
        if params.get("unit_id") in (None, ""):
            add_error(errors, "unit_id", _("Choose the unit."))
        else:
            cleaned["unit"] = clean_agency(params["unit_id"], errors, "unit_id", unit=True)

    elif action == Action.TRANSFER:
        if params.get("agency_id") in (None, ""):
            add_error(errors, "agency_id", _("Choose the agency."))
        else:
            cleaned["agency"] = clean_agency(params["agency_id"], errors, "agency_id", unit=False)

    elif action == Action.CLOSE:
        rating = _clean_int(params.get("rating"), errors, "rating") if "rating" in params else None
        if rating is None or not 1 <= rating <= 5:
            errors["rating"] = [str(_("Give a rating from 1 to 5."))]
        cleaned["rating"] = rating
        comment = str(params.get("comment") or "").strip()
        if len(comment) > COMMENT_MAX:
            add_error(errors, "comment", _("The comment is too long."))
        cleaned["comment"] = comment
        # The reporter's comment is what the timeline shows for the closing.
        cleaned["note"] = note or comment
        satisfied = params.get("satisfied")
        cleaned["satisfied"] = (
            None if satisfied is None else _clean_bool(satisfied, errors, "satisfied")
        )

    elif action == Action.ESCALATE:
        ombudsman = Agency.objects.filter(code=OMBUDSMAN_AGENCY_CODE, is_active=True).first()
        if ombudsman is None:
            raise ServiceError(str(_("The Ombudsman is not set up in this system.")))
        cleaned["ombudsman"] = ombudsman

    if errors:
        raise ValidationFailed(errors)
    return cleaned


def strictly_inside(unit: Agency, agency: Agency) -> bool:
    return unit.pk != agency.pk and unit.path.startswith(agency.path)


# ---------------------------------------------------------------------------
# Checks of the input against the locked row and the actor


def check_in_context(action: Action, report: Report, acting: Acting, c: dict[str, Any]) -> None:
    if action == Action.DISPOSE and acting.role == Role.ADMIN_INSTANSI:
        # An agency verifier keeps the report in its own subtree; sending it elsewhere
        # is the national verifier's call (decline, then dispose).
        assert acting.scope is not None
        if not acting.scope.covers(c["agency"].path):
            raise PermissionDenied(str(_("You can send this report only to your own agency.")))

    elif action == Action.DISPOSE_TO_UNIT:
        unit = c["unit"]
        if report.agency is None or not strictly_inside(unit, report.agency):
            raise ValidationFailed({"unit_id": [str(_("Choose a unit of the handling agency."))]})
        if unit.pk == report.unit_id:
            raise ValidationFailed({"unit_id": [str(_("The report is already with this unit."))]})
        if acting.role == Role.ADMIN_UNIT:
            assert acting.scope is not None and acting.scope.path is not None
            if not (unit.path.startswith(acting.scope.path) and unit.path != acting.scope.path):
                raise PermissionDenied(
                    str(_("You can pass this report only to a unit below yours."))
                )

    elif action == Action.TRANSFER and c["agency"].pk == report.agency_id:
        raise ValidationFailed({"agency_id": [str(_("Choose another agency."))]})

    elif (
        action == Action.ARCHIVE
        and c["duplicate_of"] is not None
        and c["duplicate_of"].pk == report.pk
    ):
        raise ValidationFailed(
            {"duplicate_of": [str(_("A report cannot be a duplicate of itself."))]}
        )

    if c.get("visibility") is not None and acting.role == REPORTER:
        raise ValidationFailed({"visibility": [str(_("The reporter cannot choose this."))]})


# ---------------------------------------------------------------------------
# Step 1


def action_of(action: Action | str) -> Action:
    try:
        return Action(action)
    except ValueError:
        raise ValidationFailed({"action": [str(_("Unknown action."))]}) from None


def guard(
    action: Action,
    *,
    principal: Principal,
    note: str,
    visibility: str | None,
    params: dict[str, Any] | None,
) -> dict[str, Any]:
    """Step 1: the input, checked before any lock is taken (reports it names are read
    as ``principal`` may read them)."""
    cleaned = _clean_params(
        action, principal=principal, note=note, visibility=visibility, params=dict(params or {})
    )
    cleaned["visibility"] = visibility
    return cleaned


__all__ = [
    "COMMENT_MAX",
    "NOTE_MAX",
    "PARAMS",
    "TITLE_MAX",
    "TITLE_MIN",
    "action_of",
    "add_error",
    "check_in_context",
    "clean_agency",
    "clean_category",
    "clean_region",
    "clean_title",
    "guard",
]

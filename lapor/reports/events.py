"""The report's event log: every event code there is, and the one writer of events.

A ``ReportEvent`` is both the audit trail and the timeline people read, so a code that
nobody registered would be a line no page can name and no rule can place. Hence:

* ``EVENT_TYPES`` is the one registry of codes. Each says who reads it by default
  (``Visibility``: public, the reporter, or officials only) and how the timelines name
  it: ``label`` for the reporter and the public (the portal), ``official_label`` for
  the officials (the console). The moves' table (``reports.transitions``), the sweeps,
  internal notes, assignments and redactions all write codes from here.
* ``event_append`` (one event) and ``events_append`` (a batch) are the only writers:
  they refuse an unregistered code, insert the row(s) and publish each event to the
  outbox (topic ``report.event``) in the caller's transaction, so a committed event is
  never left unannounced and a rolled-back one never announced.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lapor.accounts.principals import Principal
from lapor.core.db import binary_params_cursor
from lapor.core.exceptions import ValidationFailed
from lapor.core.outbox import outbox_publish_many

from .attachments import attachment_add, attachment_check
from .choices import Visibility
from .models import Attachment, Report, ReportEvent
from .permissions import REPORTER, SYSTEM, Acting

REPORT_EVENT_TOPIC = "report.event"
# ``Visibility.values`` builds a list on every call; a batch checks a thousand events.
_VISIBILITIES = frozenset(Visibility.values)

# A move's files, at most: more is a mistake or abuse, never a citizen's evidence.
FILES_MAX = 10


@dataclass(frozen=True)
class EventType:
    """One code of the log: who reads it unless the writer says otherwise, and its name
    on the timelines."""

    code: str
    audience: str  # a ``Visibility`` value
    label: Promise  # the reporter's and the public's timeline (portal)
    official_label: Promise | None = None  # the officials' timeline (console), if it differs

    def label_for(self, *, official: bool) -> str:
        return str(self.official_label if official and self.official_label else self.label)


_PUBLIC, _REPORTER, _INTERNAL = Visibility.PUBLIC, Visibility.REPORTER, Visibility.INTERNAL

# The codes, in the order a report lives them. The moves' audiences are the table's
# (docs/workflow.md); ``transitions.table`` takes them from here.
EVENT_TYPES: dict[str, EventType] = {
    t.code: t
    for t in (
        # --- moves of the state machine ---
        EventType("report.submitted", _PUBLIC, _("Report sent"), _("Report filed")),
        EventType(
            "report.disposed",
            _PUBLIC,
            _("Checked and sent to the agency"),
            _("Verified and sent to the agency"),
        ),
        EventType(
            "report.held", _REPORTER, _("More information needed"), _("Question to the reporter")
        ),
        EventType(
            "report.completed",
            _REPORTER,
            _("Information added by the reporter"),
            _("The reporter added information"),
        ),
        EventType("report.archived", _REPORTER, _("Archived")),
        EventType("report.disposed_to_unit", _INTERNAL, _("Passed to a unit")),
        EventType(
            "report.declined",
            _INTERNAL,
            _("Returned: not this agency's authority"),
            _("Not our authority"),
        ),
        EventType("report.transferred", _INTERNAL, _("Transferred to another agency")),
        EventType("report.followed_up", _PUBLIC, _("Follow-up from the agency"), _("Follow-up")),
        EventType(
            "report.replied", _REPORTER, _("Reply from the reporter"), _("The reporter replied")
        ),
        EventType("report.resolved", _PUBLIC, _("Answer from the agency"), _("Answer")),
        EventType(
            "report.closed",
            _PUBLIC,
            _("Accepted and rated by the reporter"),
            _("Closed by the reporter"),
        ),
        EventType(
            "report.auto_closed",
            _PUBLIC,
            _("Closed: no reply from the reporter"),
            _("Closed after the reporter's silence"),
        ),
        EventType(
            "report.consent_asked",
            _REPORTER,
            _("Hand-over to the Ombudsman offered"),
            _("Reporter asked about the Ombudsman"),
        ),
        EventType(
            "report.escalated",
            _PUBLIC,
            _("Handed over to the Ombudsman"),
            _("Handed to the Ombudsman"),
        ),
        EventType(
            "report.consent_refused",
            _REPORTER,
            _("Kept with the agency"),
            _("The reporter kept it with the agency"),
        ),
        # --- the sweeps' marks (reports.sweeps): no status change ---
        # A reminder of the reporter's own step is written for the reporter (REPORTER);
        # of an officials' step, for the officials (the default).
        EventType("report.reminder", _INTERNAL, _("Reminder: the due date is near")),
        EventType("report.overdue", _INTERNAL, _("Past its due date")),
        EventType(
            "report.escalated_to_agency", _INTERNAL, _("Lateness raised to the agency admin")
        ),
        EventType(
            "report.escalated_to_national", _INTERNAL, _("Lateness raised to the national admin")
        ),
        # --- what officials write beside the moves ---
        EventType("report.noted", _INTERNAL, _("Internal note")),
        EventType("report.assigned", _INTERNAL, _("Assigned to an officer")),
        EventType("report.unassigned", _INTERNAL, _("Officer assignment removed")),
        # A verifier hid a passage of the report from the public pages
        # (``reports.redaction``): the event holds the passage, so officials only.
        EventType("report.redacted", _INTERNAL, _("Part of the text hidden from the public")),
    )
}


class UnknownEventCode(ValueError):
    """A code nobody registered in ``EVENT_TYPES``: a programming error, never input."""


def event_type(code: str) -> EventType:
    try:
        return EVENT_TYPES[code]
    except KeyError:
        raise UnknownEventCode(f"Unregistered report event code: {code!r}") from None


def event_label(code: str, *, official: bool = False) -> str:
    """How a timeline names the event (the code itself for a code from an older
    release that the registry no longer holds: history stays readable)."""
    known = EVENT_TYPES.get(code)
    return known.label_for(official=official) if known else code


# ---------------------------------------------------------------------------
# Writing


def event_append(
    *,
    report: Report,
    code: str,
    actor: Principal,
    note: str = "",
    visibility: str | None = None,
    data: Mapping[str, Any] | None = None,
    acting: Acting | None = None,
    now: datetime | None = None,
    files: Sequence[UploadedFile] = (),
) -> ReportEvent:
    """Append one event that is not a move (a note, an assignment, a redaction) to
    ``report``, with ``files`` on it, and publish it; in the caller's transaction.

    Whether ``actor`` may write it is the caller's check, made on the locked report;
    ``acting`` is the capacity it allowed (role and agency, recorded on the event). The
    system and the reporter need none. The status stays what it is.
    """
    files = list(files)
    files_check(files)
    event = ReportEvent(
        report_id=report.pk,
        code=code,
        actor_id=actor.user_id,
        actor_role=_role(report, actor, acting),
        actor_agency_id=acting.agency_id if acting else None,
        created_at=now or timezone.now(),
        from_status=report.status,
        to_status=report.status,
        note=note,
        visibility=visibility or "",  # empty: the code's audience (``events_append``)
        data=dict(data or {}),
    )
    [event] = events_append([event])
    ReportEvent.report.field.set_cached_value(event, report)
    event_files_attach(event=event, report=report, actor=actor, files=files)
    return event


def _role(report: Report, actor: Principal, acting: Acting | None) -> str:
    if acting is not None:
        return acting.role
    if actor.is_system:
        return SYSTEM
    if actor.owns(report.reporter_id):
        return REPORTER
    raise ValueError("An official's event needs the capacity (acting) it is written in.")


def events_append(events: Sequence[ReportEvent]) -> list[ReportEvent]:
    """Insert new events and publish each, in the caller's transaction; set their pks.

    Each event's code must be registered; an event without a ``visibility`` gets its
    code's audience. For batches (``transition_many``, the sweeps' marks) the rows go
    in one statement and their outbox messages in one more.
    """
    events = list(events)
    if not events:
        return events
    for event in events:
        kind = event_type(event.code)
        if not event.visibility:
            event.visibility = kind.audience
        elif event.visibility not in _VISIBILITIES:
            raise ValueError(f"Unknown visibility: {event.visibility!r}")
    # The statement gives the new ids back by (report, code), which must tell them apart.
    keys = {(e.report_id, e.code) for e in events}
    if connection.vendor == "postgresql" and len(events) > 1 and len(keys) == len(events):
        _insert_pg(events)
    else:
        events = ReportEvent.objects.bulk_create(events, batch_size=1000)
    _publish(events)
    return events


def files_check(files: Sequence[UploadedFile]) -> None:
    """Refuse bad files before anything is written, so a move never half-happens and no
    file is stored for a move that is then refused."""
    if len(files) > FILES_MAX:
        raise ValidationFailed({"files": [_("Attach at most %(n)d files.") % {"n": FILES_MAX}]})
    for uploaded in files:
        try:
            attachment_check(uploaded)
        except ValidationFailed as exc:
            raise _file_error(uploaded, exc) from None


def _file_error(uploaded: UploadedFile, exc: ValidationFailed) -> ValidationFailed:
    name = uploaded.name or ""
    return ValidationFailed(
        {"files": [f"{name}: {m}" for m in exc.errors.get("file", [exc.message])]}
    )


def event_files_attach(
    *, event: ReportEvent, report: Report, actor: Principal, files: Sequence[UploadedFile]
) -> list[Attachment]:
    """Store ``files`` on ``event`` (checked by ``files_check`` first), as readable as the
    event and no more."""
    attached = []
    for uploaded in files:
        try:
            attached.append(
                attachment_add(
                    report=report,
                    uploaded_file=uploaded,
                    uploader=actor.user,
                    event=event,
                    visibility=event.visibility,
                )
            )
        except ValidationFailed as exc:
            raise _file_error(uploaded, exc) from None
    return attached


# ---------------------------------------------------------------------------
# Publishing


def _publish_key(event: ReportEvent) -> str:
    return f"{REPORT_EVENT_TOPIC}:{event.pk}"


def _publish_payload(event: ReportEvent) -> dict[str, Any]:
    return {"event_id": event.pk, "report_id": event.report_id, "code": event.code}


def _publish(events: Sequence[ReportEvent]) -> None:
    """Promise each event's fan-out (one delivery per subscriber of ``report.event``:
    notifications, webhooks) in the caller's transaction; the key makes a second
    publish of the same event a no-op."""
    outbox_publish_many(
        topic=REPORT_EVENT_TOPIC,
        messages=[(_publish_key(e), _publish_payload(e)) for e in events],
    )


# ---------------------------------------------------------------------------
# PostgreSQL: a batch of events in one statement


# The events' columns in the order the statement below takes them.
_EVENT_COLUMNS = (
    ("report_id", "bigint"),
    ("code", "text"),
    ("actor_id", "bigint"),
    ("actor_role", "text"),
    ("actor_agency_id", "bigint"),
    ("created_at", "timestamptz"),
    ("from_status", "text"),
    ("to_status", "text"),
    ("note", "text"),
    ("visibility", "text"),
    ("data", "text"),  # JSON text, cast to jsonb
)


def _insert_pg(events: list[ReportEvent]) -> None:
    """Insert the events in one statement, from column arrays; set their pks.

    ``bulk_create`` of 1,000 events spends most of its time compiling SQL in Python;
    ``unnest`` of eleven arrays does not (the sweeps write a thousand events a batch).
    A column added to the model fails here loudly rather than being left empty.
    """
    columns_now = {f.column for f in ReportEvent._meta.concrete_fields} - {"id"}
    if columns_now != {c for c, _t in _EVENT_COLUMNS}:
        raise RuntimeError("ReportEvent changed: update reports.events._EVENT_COLUMNS")

    arrays: list[list[Any]] = [[] for _c in _EVENT_COLUMNS]
    for event in events:
        for i, (column, _type) in enumerate(_EVENT_COLUMNS):
            value = getattr(event, column)
            if column == "data":
                value = json.dumps(value, cls=DjangoJSONEncoder)
            arrays[i].append(value)
    columns = ", ".join(c for c, _t in _EVENT_COLUMNS)
    unnest = ", ".join(f"%(a{i})b::{t}[]" for i, (_c, t) in enumerate(_EVENT_COLUMNS))
    selected = ", ".join(f"u.{c}::jsonb" if c == "data" else f"u.{c}" for c, _t in _EVENT_COLUMNS)
    # Only table and column names from the model are written in; values are parameters.
    sql = (
        f"INSERT INTO {ReportEvent._meta.db_table} ({columns}) "  # noqa: S608
        f"SELECT {selected} FROM unnest({unnest}) AS u({columns}) "
        "RETURNING id, report_id, code"
    )
    params: dict[str, Any] = {f"a{i}": values for i, values in enumerate(arrays)}
    # The arrays go as binary parameters (server-side binding): Django's cursor quotes
    # every element into the SQL text, which for a batch of 1,000 events costs about six
    # times as much.
    with binary_params_cursor() as cursor:
        cursor.execute(sql, params)
        ids = {(report_id, code): pk for pk, report_id, code in cursor.fetchall()}
    for event in events:
        event.pk = ids[(event.report_id, event.code)]
        event._state.adding = False
        event._state.db = connection.alias


__all__ = [
    "EVENT_TYPES",
    "FILES_MAX",
    "REPORT_EVENT_TOPIC",
    "EventType",
    "UnknownEventCode",
    "event_append",
    "event_files_attach",
    "event_label",
    "event_type",
    "events_append",
    "files_check",
]

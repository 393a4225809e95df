"""The transition table: every (status, action) pair, the status matrix, and who may act."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from lapor.accounts.choices import Role
from lapor.accounts.principals import SYSTEM
from lapor.core.exceptions import InvalidTransition, PermissionDenied, ValidationFailed
from lapor.reports.choices import OmbudsmanConsent, Status
from lapor.reports.models import Report, ReportEvent
from lapor.reports.permissions import REPORTER
from lapor.reports.permissions import SYSTEM as SYSTEM_ROLE
from lapor.reports.transitions import TRANSITIONS, Action, allowed_actions, transition
from lapor.testing.factories import as_citizen, as_official

from .flow_world import FAST_HASHERS, ROLES, World, build_world, recipe, report_in, snapshot

S = Status
A = Action

# Written out by hand from docs/workflow.md: a change to the table must change this too.
EXPECTED: dict[Action, dict[str, set[str]]] = {
    A.SUBMIT: {},
    A.DISPOSE: {S.SUBMITTED: {S.DISPOSED}},
    A.HOLD: {S.SUBMITTED: {S.ON_HOLD}},
    A.COMPLETE: {S.ON_HOLD: {S.SUBMITTED}},
    A.ARCHIVE: {S.SUBMITTED: {S.ARCHIVED}, S.ON_HOLD: {S.ARCHIVED}},
    A.DISPOSE_TO_UNIT: {S.DISPOSED: {S.DISPOSED}, S.IN_PROGRESS: {S.IN_PROGRESS}},
    A.DECLINE: {S.DISPOSED: {S.SUBMITTED}},
    A.TRANSFER: {S.DISPOSED: {S.DISPOSED}},
    A.FOLLOW_UP: {
        S.DISPOSED: {S.IN_PROGRESS},
        S.IN_PROGRESS: {S.IN_PROGRESS},
        S.ESCALATED: {S.ESCALATED},
    },
    A.REPLY: {
        S.DISPOSED: {S.DISPOSED},
        S.IN_PROGRESS: {S.IN_PROGRESS},
        # Reopens: for the agency, or for the Ombudsman when it gave the answer.
        S.RESOLVED: {S.IN_PROGRESS, S.ESCALATED},
        S.ESCALATED: {S.ESCALATED},
    },
    A.RESOLVE: {S.DISPOSED: {S.RESOLVED}, S.IN_PROGRESS: {S.RESOLVED}, S.ESCALATED: {S.RESOLVED}},
    A.CLOSE: {S.RESOLVED: {S.CLOSED}},
    A.AUTO_CLOSE: {S.RESOLVED: {S.CLOSED}},
    A.ASK_CONSENT: {S.DISPOSED: {S.DISPOSED}, S.IN_PROGRESS: {S.IN_PROGRESS}},
    A.ESCALATE: {S.DISPOSED: {S.ESCALATED}, S.IN_PROGRESS: {S.ESCALATED}},
    A.REFUSE_CONSENT: {S.DISPOSED: {S.DISPOSED}, S.IN_PROGRESS: {S.IN_PROGRESS}},
}

EVENT_CODES = {
    A.SUBMIT: ("report.submitted", "public"),
    A.DISPOSE: ("report.disposed", "public"),
    A.HOLD: ("report.held", "reporter"),
    A.COMPLETE: ("report.completed", "reporter"),
    A.ARCHIVE: ("report.archived", "reporter"),
    A.DISPOSE_TO_UNIT: ("report.disposed_to_unit", "internal"),
    A.DECLINE: ("report.declined", "internal"),
    A.TRANSFER: ("report.transferred", "internal"),
    A.FOLLOW_UP: ("report.followed_up", "public"),
    A.REPLY: ("report.replied", "reporter"),
    A.RESOLVE: ("report.resolved", "public"),
    A.CLOSE: ("report.closed", "public"),
    A.AUTO_CLOSE: ("report.auto_closed", "public"),
    A.ASK_CONSENT: ("report.consent_asked", "reporter"),
    A.ESCALATE: ("report.escalated", "public"),
    A.REFUSE_CONSENT: ("report.consent_refused", "reporter"),
}


@pytest.fixture
def world(settings, db) -> World:
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return build_world()


@pytest.fixture
def now():
    return timezone.now()


def test_status_matrix_derived_from_the_table_is_the_expected_one():
    derived = {
        action: {source: set(move.possible_targets(source)) for source in move.sources}
        for action, move in TRANSITIONS.items()
    }
    assert derived == EXPECTED
    assert set(TRANSITIONS) == set(Action)


def test_event_codes_and_default_visibility_are_the_documented_ones():
    assert {a: (m.event, m.visibility) for a, m in TRANSITIONS.items()} == EVENT_CODES


def _prepare(action: Action, status: str) -> dict:
    if action in (A.ESCALATE, A.REFUSE_CONSENT) and status != S.ESCALATED:
        return {"ombudsman_consent": OmbudsmanConsent.ASKED}
    return {}


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("action", list(Action))
def test_every_status_and_action(world, now, status, action):
    report = report_in(world, status, now=now, **_prepare(action, status))
    role, kwargs = recipe(world, action, status)
    before = snapshot(report)

    if status not in EXPECTED[action]:
        with pytest.raises(InvalidTransition):
            transition(
                report_id=report.pk, action=action, actor=world.actor(role), now=now, **kwargs
            )
        assert snapshot(report) == before
        return

    moved = transition(
        report_id=report.pk, action=action, actor=world.actor(role), now=now, **kwargs
    )
    result = Report.objects.get(pk=report.pk)
    assert result.status in EXPECTED[action][status]
    assert result.version == before[0]["version"] + 1
    assert (moved.report.status, moved.report.version) == (result.status, result.version)
    event = ReportEvent.objects.filter(report=report).latest("id")
    assert moved == event  # the move returns its own event
    assert ReportEvent.objects.filter(report=report).count() == before[1] + 1
    assert (event.code, event.visibility) == EVENT_CODES[action]
    assert (event.from_status, event.to_status) == (status, result.status)
    if result.status != status:
        assert result.status_changed_at == now
    else:
        assert result.status_changed_at == before[0]["status_changed_at"]


# --- who may act --------------------------------------------------------------------

# (case, action, status, extra report fields, roles that may act)
PERMISSION_CASES = [
    ("dispose", A.DISPOSE, S.SUBMITTED, {}, {"national"}),
    ("dispose-picked", A.DISPOSE, S.SUBMITTED, {"picked": True}, {"national", "agency_admin"}),
    ("hold", A.HOLD, S.SUBMITTED, {}, {"national"}),
    ("hold-picked", A.HOLD, S.SUBMITTED, {"picked": True}, {"national", "agency_admin"}),
    ("complete", A.COMPLETE, S.ON_HOLD, {}, {"reporter"}),
    ("archive", A.ARCHIVE, S.SUBMITTED, {}, {"national"}),
    ("archive-hold", A.ARCHIVE, S.ON_HOLD, {}, {"national", "system"}),
    ("to-unit", A.DISPOSE_TO_UNIT, S.DISPOSED, {}, {"agency_admin", "unit_admin"}),
    ("decline", A.DECLINE, S.DISPOSED, {}, {"agency_admin"}),
    ("transfer", A.TRANSFER, S.DISPOSED, {}, {"agency_admin", "national"}),
    ("follow-up", A.FOLLOW_UP, S.DISPOSED, {}, {"agency_admin", "unit_admin"}),
    ("follow-up-ombudsman", A.FOLLOW_UP, S.ESCALATED, {}, {"ombudsman"}),
    ("reply", A.REPLY, S.IN_PROGRESS, {}, {"reporter"}),
    ("resolve", A.RESOLVE, S.IN_PROGRESS, {}, {"agency_admin", "unit_admin"}),
    ("resolve-ombudsman", A.RESOLVE, S.ESCALATED, {}, {"ombudsman"}),
    ("close", A.CLOSE, S.RESOLVED, {}, {"reporter"}),
    ("auto-close", A.AUTO_CLOSE, S.RESOLVED, {}, {"system"}),
    ("ask-consent", A.ASK_CONSENT, S.IN_PROGRESS, {}, {"national", "ombudsman", "system"}),
    ("escalate", A.ESCALATE, S.IN_PROGRESS, {}, {"reporter"}),
    ("refuse-consent", A.REFUSE_CONSENT, S.DISPOSED, {}, {"reporter"}),
]

EXPECTED_ROLE = {
    "reporter": REPORTER,
    "national": Role.ADMIN_NASIONAL,
    "agency_admin": Role.ADMIN_INSTANSI,
    "unit_admin": Role.ADMIN_UNIT,
    "ombudsman": Role.OMBUDSMAN,
    "system": SYSTEM_ROLE,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("action", "status", "extra", "allowed"),
    [pytest.param(*case[1:], id=case[0]) for case in PERMISSION_CASES],
)
def test_who_may_make_each_move(world, now, role, action, status, extra, allowed):
    fields = _prepare(action, status)
    if extra.get("picked"):
        fields |= {"target_agency": world.agency, "agency": world.agency}
    report = report_in(world, status, now=now, **fields)
    _, kwargs = recipe(world, action, status)
    if action == A.DISPOSE and extra.get("picked"):
        # The picked agency's admin verifies, and keeps the report in its own subtree.
        kwargs = {"params": {"agency_id": world.agency.pk, "unit_id": world.unit.pk}}
    actor = world.actor(role)
    before = snapshot(report)

    assert (action in allowed_actions(report, actor, now=now)) == (role in allowed)
    if role not in allowed:
        with pytest.raises(PermissionDenied):
            transition(report_id=report.pk, action=action, actor=actor, now=now, **kwargs)
        assert snapshot(report) == before
        return
    transition(report_id=report.pk, action=action, actor=actor, now=now, **kwargs)
    event = ReportEvent.objects.filter(report=report).latest("id")
    assert event.actor_id == actor.user_id
    assert event.actor_role == EXPECTED_ROLE[role]
    if role in ("agency_admin", "unit_admin"):
        membership_agency = {"agency_admin": world.agency, "unit_admin": world.unit}[role]
        assert event.actor_agency_id == membership_agency.pk


def test_inactive_user_may_not_act(world, now):
    report = report_in(world, S.SUBMITTED, now=now)
    national = world.user("national")
    national.is_active = False
    national.save(update_fields=["is_active"])
    with pytest.raises(PermissionDenied):
        transition(
            report_id=report.pk, action=A.HOLD, actor=as_official(national), note="Mohon lengkapi."
        )


def test_agency_verifier_loses_the_report_once_it_declined_it(world, now):
    report = report_in(world, S.SUBMITTED, now=now, target_agency=world.agency, agency=world.agency)
    admin = world.actor("agency_admin")
    assert A.DISPOSE in allowed_actions(report, admin, now=now)
    transition(
        report_id=report.pk,
        action=A.DISPOSE,
        actor=admin,
        params={"agency_id": world.agency.pk},
        now=now,
    )
    transition(
        report_id=report.pk, action=A.DECLINE, actor=admin, note="Bukan wewenang kami.", now=now
    )
    report.refresh_from_db()
    assert (report.status, report.agency_id, report.target_agency_id) == (
        S.SUBMITTED,
        None,
        world.agency.pk,
    )
    assert allowed_actions(report, world.actor("agency_admin"), now=now) == []
    assert A.DISPOSE in allowed_actions(report, world.actor("national"), now=now)


def test_agency_verifier_cannot_send_the_report_to_another_agency(world, now):
    report = report_in(world, S.SUBMITTED, now=now, target_agency=world.agency, agency=world.agency)
    before = snapshot(report)
    with pytest.raises(PermissionDenied):
        transition(
            report_id=report.pk,
            action=A.DISPOSE,
            actor=world.actor("agency_admin"),
            params={"agency_id": world.other.pk},
            now=now,
        )
    assert snapshot(report) == before


def test_unit_admin_passes_only_below_their_own_unit(world, now):
    report = report_in(world, S.IN_PROGRESS, now=now)
    before = snapshot(report)
    with pytest.raises(PermissionDenied):
        transition(
            report_id=report.pk,
            action=A.DISPOSE_TO_UNIT,
            actor=world.actor("unit_admin"),
            params={"unit_id": world.sibling.pk},
            now=now,
        )
    assert snapshot(report) == before
    # The agency admin may pass it sideways.
    transition(
        report_id=report.pk,
        action=A.DISPOSE_TO_UNIT,
        actor=world.actor("agency_admin"),
        params={"unit_id": world.sibling.pk},
        now=now,
    )
    report.refresh_from_db()
    assert (report.unit_id, report.status) == (world.sibling.pk, S.IN_PROGRESS)
    event = ReportEvent.objects.filter(report=report).latest("id")
    assert event.data == {"unit": {"old": world.unit.pk, "new": world.sibling.pk}}


def test_system_archives_only_an_expired_hold(world, now):
    report = report_in(world, S.ON_HOLD, now=now, hold_due_at=now + timedelta(hours=1))
    assert A.ARCHIVE not in allowed_actions(report, SYSTEM, now=now)
    with pytest.raises(PermissionDenied):
        transition(
            report_id=report.pk, action=A.ARCHIVE, actor=SYSTEM, params={"reason": "incomplete"}
        )
    later = now + timedelta(hours=2)
    assert A.ARCHIVE in allowed_actions(report, SYSTEM, now=later)
    transition(
        report_id=report.pk,
        action=A.ARCHIVE,
        actor=SYSTEM,
        params={"reason": "incomplete"},
        now=later,
    )
    report.refresh_from_db()
    assert (report.status, report.archive_reason) == (S.ARCHIVED, "incomplete")


@pytest.mark.parametrize(
    ("action", "status", "fields", "role"),
    [
        pytest.param(A.AUTO_CLOSE, S.RESOLVED, {"reply_due_at": "future"}, "system", id="early"),
        pytest.param(
            A.ASK_CONSENT, S.IN_PROGRESS, {"submitted_at": "recent"}, "national", id="59d"
        ),
        pytest.param(
            A.ASK_CONSENT,
            S.IN_PROGRESS,
            {"ombudsman_consent": OmbudsmanConsent.ASKED},
            "ombudsman",
            id="asked-twice",
        ),
        pytest.param(A.ESCALATE, S.IN_PROGRESS, {}, "reporter", id="escalate-unasked"),
        pytest.param(A.REFUSE_CONSENT, S.DISPOSED, {}, "reporter", id="refuse-unasked"),
    ],
)
def test_time_and_consent_conditions(world, now, action, status, fields, role):
    if fields.get("reply_due_at") == "future":
        fields = {"reply_due_at": now + timedelta(minutes=1)}
    if fields.get("submitted_at") == "recent":
        fields = {"submitted_at": now - timedelta(days=59, hours=23)}
    report = report_in(world, status, now=now, **fields)
    before = snapshot(report)
    assert action not in allowed_actions(report, world.actor(role), now=now)
    with pytest.raises(InvalidTransition):
        transition(report_id=report.pk, action=action, actor=world.actor(role), now=now)
    assert snapshot(report) == before


def test_unknown_action_is_a_validation_error(world, now):
    report = report_in(world, S.SUBMITTED, now=now)
    with pytest.raises(ValidationFailed) as exc:
        transition(report_id=report.pk, action="approve", actor=world.actor("national"))
    assert "action" in exc.value.errors


def test_submit_never_goes_through_transition(world, now):
    report = report_in(world, S.SUBMITTED, now=now)
    with pytest.raises(InvalidTransition):
        transition(report_id=report.pk, action=A.SUBMIT, actor=world.actor("reporter"))


def test_allowed_actions_for_the_buttons(world, now):
    report = report_in(world, S.IN_PROGRESS, now=now, submitted_at=now - timedelta(days=3))
    assert allowed_actions(report, world.actor("agency_admin"), now=now) == [
        A.DISPOSE_TO_UNIT,
        A.FOLLOW_UP,
        A.RESOLVE,
    ]
    assert allowed_actions(report, world.actor("reporter"), now=now) == [A.REPLY]
    assert allowed_actions(report, world.actor("pengawas"), now=now) == []
    assert allowed_actions(report, world.actor("developer"), now=now) == []
    assert Report.objects.get(pk=report.pk).version == report.version


# --- an official without a verified second factor is a citizen --------------------

# (case, action, status, the official who may make it with the second factor verified)
OFFICIAL_MOVES = [
    ("dispose", A.DISPOSE, S.SUBMITTED, "national"),
    ("hold", A.HOLD, S.SUBMITTED, "national"),
    ("archive", A.ARCHIVE, S.SUBMITTED, "national"),
    ("to-unit", A.DISPOSE_TO_UNIT, S.DISPOSED, "agency_admin"),
    ("decline", A.DECLINE, S.DISPOSED, "agency_admin"),
    ("transfer", A.TRANSFER, S.DISPOSED, "agency_admin"),
    ("follow-up", A.FOLLOW_UP, S.IN_PROGRESS, "unit_admin"),
    ("resolve", A.RESOLVE, S.IN_PROGRESS, "agency_admin"),
    ("resolve-ombudsman", A.RESOLVE, S.ESCALATED, "ombudsman"),
    ("ask-consent", A.ASK_CONSENT, S.IN_PROGRESS, "national"),
]


@pytest.mark.parametrize(
    ("action", "status", "role"), [pytest.param(*c[1:], id=c[0]) for c in OFFICIAL_MOVES]
)
def test_an_official_without_the_second_factor_makes_no_official_move(
    world, now, action, status, role
):
    report = report_in(world, status, now=now, **_prepare(action, status))
    _, kwargs = recipe(world, action, status)
    user = world.user(role)
    before = snapshot(report)

    half_signed_in = as_citizen(user)
    assert half_signed_in.kind == "citizen"
    assert action not in allowed_actions(report, half_signed_in, now=now)
    with pytest.raises(PermissionDenied):
        transition(report_id=report.pk, action=action, actor=half_signed_in, now=now, **kwargs)
    assert snapshot(report) == before

    # The same person with the second factor verified may (so the refusal is the factor's).
    assert action in allowed_actions(report, as_official(user), now=now)
    event = transition(
        report_id=report.pk, action=action, actor=as_official(user), now=now, **kwargs
    )
    assert event.actor_id == user.pk


def test_an_official_without_the_second_factor_still_acts_as_the_reporter(world, now):
    """Their own report is theirs as a citizen: the reporter's moves need no role."""
    official = world.user("agency_admin")
    report = report_in(world, S.IN_PROGRESS, now=now, reporter=official)
    assert allowed_actions(report, as_citizen(official), now=now) == [A.REPLY]
    event = transition(
        report_id=report.pk, action=A.REPLY, actor=as_citizen(official), note="Mohon dicek."
    )
    assert (event.actor_id, event.actor_role) == (official.pk, REPORTER)

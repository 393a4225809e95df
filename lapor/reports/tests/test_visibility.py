"""Privacy, role by role: who reads which report, reporter, event and actor.

Every table below is the specification: one row per role, one column per kind of
report (see ``make_privacy_world``). The reports all belong to the same reporter and,
except the unverified and the archived one, are handled by "Dinas Kota Contoh", unit
"Bidang Jalan". The unverified report was sent by its reporter to "Dinas Kota Contoh"
and waits for that agency's verification; the archived one never reached an agency.
"""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from lapor.accounts.choices import Role
from lapor.accounts.models import RoleMembership
from lapor.accounts.principals import VISITOR, Principal, principal_for_user
from lapor.core.exceptions import NotFound
from lapor.reports.choices import Status, Visibility
from lapor.reports.models import Attachment, Report, ReportEvent
from lapor.reports.selectors import (
    event_actor_label_for,
    report_can_view_internal,
    report_events_visible_to,
    report_get_visible_to,
    report_is_visible_to,
    report_list_visible_to,
    report_public_dict,
    report_reporter_identity_for,
)
from lapor.testing.factories import UserFactory, make_member, make_privacy_world, make_report

pytestmark = pytest.mark.django_db

REPORTS = ("public", "anonymous", "confidential", "unverified", "archived")
ROLES = (
    "visitor",
    "citizen",
    "reporter",
    "admin_instansi",
    "admin_unit",
    "admin_unit_sibling",
    "admin_instansi_other",
    "developer",
    "admin_nasional",
    "ombudsman",
    "pengawas",
    "superuser",
)

# fmt: off
# Which reports each role may read at all (list, get, attachments, admin).
VISIBLE = {
    #                        public anon  conf   unver  arch
    "visitor":              (True,  True, False, False, False),
    "citizen":              (True,  True, False, False, False),
    "reporter":             (True,  True, True,  True,  True),
    "admin_instansi":       (True,  True, True,  True,  False),
    "admin_unit":           (True,  True, True,  False, False),
    "admin_unit_sibling":   (True,  True, False, False, False),
    "admin_instansi_other": (True,  True, False, False, False),
    "developer":            (True,  True, True,  True,  False),
    "admin_nasional":       (True,  True, True,  True,  True),
    "ombudsman":            (True,  True, True,  True,  True),
    "pengawas":             (True,  True, False, True,  True),
    "superuser":            (True,  True, False, False, False),  # no role: public
}

# What each role learns of the reporter: "full" = name, e-mail and phone; "name" =
# full name only; "first" = first name only; None = nothing; "-" = report not visible.
IDENTITY = {
    #                        public   anon    conf    unver   arch
    "visitor":              ("first", None,   "-",    "-",    "-"),
    "citizen":              ("first", None,   "-",    "-",    "-"),
    "reporter":             ("full",  "full", "full", "full", "full"),
    "admin_instansi":       ("full",  None,   "full", "full", "-"),
    "admin_unit":           ("full",  None,   "full", "-",    "-"),
    "admin_unit_sibling":   ("first", None,   "-",    "-",    "-"),
    "admin_instansi_other": ("first", None,   "-",    "-",    "-"),
    "developer":            ("full",  None,   "full", "full", "-"),
    "admin_nasional":       ("full",  "full", "full", "full", "full"),
    "ombudsman":            ("full",  None,   "full", "full", "full"),
    "pengawas":             ("name",  None,   "-",    "name", "name"),
    "superuser":            ("first", None,   "-",    "-",    "-"),
}

# Which events each role reads: P = public, R = reporter, I = internal; "-" = none.
EVENTS = {
    #                        public anon   conf   unver  arch
    "visitor":              ("P",   "P",   "-",   "-",   "-"),
    "citizen":              ("P",   "P",   "-",   "-",   "-"),
    "reporter":             ("PR",  "PR",  "PR",  "PR",  "PR"),
    "admin_instansi":       ("PRI", "PRI", "PRI", "PRI", "-"),
    "admin_unit":           ("PRI", "PRI", "PRI", "-",   "-"),
    "admin_unit_sibling":   ("P",   "P",   "-",   "-",   "-"),
    "admin_instansi_other": ("P",   "P",   "-",   "-",   "-"),
    "developer":            ("PRI", "PRI", "PRI", "PRI", "-"),
    "admin_nasional":       ("PRI", "PRI", "PRI", "PRI", "PRI"),
    "ombudsman":            ("PRI", "PRI", "PRI", "PRI", "PRI"),
    "pengawas":             ("PRI", "PRI", "-",   "PRI", "PRI"),
    "superuser":            ("P",   "P",   "-",   "-",   "-"),
}

# How the actors of the public and the anonymous report read to each role:
# (reporter's event on the public report, reporter's event on the anonymous report,
#  the agency admin's public follow-up).
OFFICER = "Andi Instansi (Dinas Kota Contoh)"
AGENCY = "Dinas Kota Contoh"
ANON = "Anonymous reporter"
LABELS = {
    "visitor":              ("Siti",           ANON,             AGENCY),
    "citizen":              ("Siti",           ANON,             AGENCY),
    "reporter":             ("Siti Rahmawati", "Siti Rahmawati", AGENCY),
    "admin_instansi":       ("Siti Rahmawati", ANON,             OFFICER),
    "admin_unit":           ("Siti Rahmawati", ANON,             OFFICER),
    "admin_unit_sibling":   ("Siti",           ANON,             AGENCY),
    "admin_instansi_other": ("Siti",           ANON,             AGENCY),
    "developer":            ("Siti Rahmawati", ANON,             OFFICER),
    "admin_nasional":       ("Siti Rahmawati", "Siti Rahmawati", OFFICER),
    "ombudsman":            ("Siti Rahmawati", ANON,             OFFICER),
    "pengawas":             ("Siti Rahmawati", ANON,             OFFICER),
    "superuser":            ("Siti",           ANON,             AGENCY),
}
# fmt: on

EVENT_KEYS = {"P": ("submitted", "followed_up"), "R": ("replied",), "I": ("internal",)}


@pytest.fixture(autouse=True)
def _english_and_fast(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    return make_privacy_world()


def P(user):
    """The principal a role reads as: officials with a verified second factor."""
    if isinstance(user, Principal):
        return user
    if user is None or not user.is_authenticated:
        return VISITOR
    return principal_for_user(user, verified=True)


def viewer_of(world, role):
    return world.users[role] or AnonymousUser()


def test_tables_cover_every_role():
    for table in (VISIBLE, IDENTITY, EVENTS, LABELS):
        assert tuple(table) == ROLES


@pytest.mark.parametrize("role", ROLES)
def test_list_visible_to(world, role):
    viewer = viewer_of(world, role)
    visible = set(report_list_visible_to(P(viewer)).values_list("pk", flat=True))
    got = {key: world.reports[key].pk in visible for key in REPORTS}
    assert got == dict(zip(REPORTS, VISIBLE[role], strict=True))
    # The Python form of the rule (used on loaded reports) agrees with the query.
    assert {key: report_is_visible_to(P(viewer), world.reports[key]) for key in REPORTS} == got


@pytest.mark.parametrize("role", ROLES)
def test_get_visible_to_is_404_when_not_visible(world, role):
    viewer = viewer_of(world, role)
    for key, expected in zip(REPORTS, VISIBLE[role], strict=True):
        report = world.reports[key]
        for lookup in ({"tracking_id": report.tracking_id}, {"pk": report.pk}):
            if expected:
                assert report_get_visible_to(P(viewer), **lookup) == report
            else:
                with pytest.raises(NotFound):
                    report_get_visible_to(P(viewer), **lookup)


def _identity_kind(identity):
    if identity is None:
        return None
    if identity == {
        "name": "Siti Rahmawati",
        "email": "siti.pelapor@example.test",
        "phone": "+6281234567890",
    }:
        return "full"
    if identity == {"name": "Siti Rahmawati", "email": None, "phone": None}:
        return "name"
    if identity == {"name": "Siti", "email": None, "phone": None}:
        return "first"
    raise AssertionError(f"unexpected identity {identity!r}")


@pytest.mark.parametrize("role", ROLES)
def test_reporter_identity_for(world, role):
    viewer = viewer_of(world, role)
    got = {}
    for key, visible in zip(REPORTS, VISIBLE[role], strict=True):
        identity = report_reporter_identity_for(P(viewer), world.reports[key])
        got[key] = _identity_kind(identity) if visible else ("-" if identity is None else "LEAK")
    assert got == dict(zip(REPORTS, IDENTITY[role], strict=True))


@pytest.mark.parametrize("role", ROLES)
def test_public_dict_carries_only_the_allowed_identity(world, role):
    viewer = viewer_of(world, role)
    for key, visible in zip(REPORTS, VISIBLE[role], strict=True):
        report = world.reports[key]
        if not visible:
            with pytest.raises(NotFound):
                report_public_dict(P(viewer), report)
            continue
        data = report_public_dict(P(viewer), report)
        assert data["tracking_id"] == report.tracking_id
        assert data["reporter"] == report_reporter_identity_for(P(viewer), report)
        text = json.dumps(data)
        kind = IDENTITY[role][REPORTS.index(key)]
        assert ("siti.pelapor@example.test" in text) == (kind == "full")
        assert ("6281234567890" in text) == (kind == "full")
        assert ("Rahmawati" in text) == (kind in ("full", "name"))
        assert ("Siti" in text) == (kind is not None)


@pytest.mark.parametrize("role", ROLES)
def test_events_visible_to(world, role):
    viewer = viewer_of(world, role)
    for key, letters in zip(REPORTS, EVENTS[role], strict=True):
        events = world.events[key]
        expected = {
            events[name].pk for letter in letters if letter != "-" for name in EVENT_KEYS[letter]
        }
        got = set(
            report_events_visible_to(P(viewer), world.reports[key]).values_list("pk", flat=True)
        )
        assert got == expected, key
        assert report_can_view_internal(P(viewer), world.reports[key]) == ("I" in letters), key


@pytest.mark.parametrize("role", ROLES)
def test_event_gate_agrees_with_the_timeline(world, role):
    """``ReportEvent.objects.visible_to`` (in SQL, for any number of reports) reads the
    same rows as the timeline decided in Python for one loaded report."""
    principal = P(viewer_of(world, role))
    ids = [r.pk for r in world.reports.values()]
    gate = set(
        ReportEvent.objects.visible_to(principal)
        .filter(report_id__in=ids)
        .values_list("pk", flat=True)
    )
    timeline = set()
    for report in world.reports.values():
        timeline |= set(report_events_visible_to(principal, report).values_list("pk", flat=True))
    assert gate == timeline


@pytest.mark.parametrize("role", ROLES)
def test_attachment_gate_takes_the_stricter_visibility(world, role):
    principal = P(viewer_of(world, role))
    made = {}
    for key in REPORTS:
        report = world.reports[key]
        internal_event = world.events[key]["internal"]
        for name, vis, event in (
            ("public", Visibility.PUBLIC, None),
            ("reporter", Visibility.REPORTER, None),
            ("on_internal", Visibility.PUBLIC, internal_event),
        ):
            made[(key, name)] = Attachment.objects.create(
                report=report,
                event=event,
                file=f"attachments/x/{key}-{name}.png",
                storage_name=f"{key}-{name}.png",
                original_name="a.png",
                content_type="image/png",
                size=1,
                sha256="0" * 64,
                kind="image",
                visibility=vis,
            )
    got = set(Attachment.objects.visible_to(principal).values_list("pk", flat=True))
    for (key, name), attachment in made.items():
        letters = EVENTS[role][REPORTS.index(key)]
        allowed = {"public": "P", "reporter": "R", "on_internal": "I"}[name] in letters
        assert (attachment.pk in got) == allowed, (key, name)


OFFICIAL_ROLES = (
    "admin_instansi",
    "admin_unit",
    "developer",
    "admin_nasional",
    "ombudsman",
    "pengawas",
)


@pytest.mark.parametrize("role", OFFICIAL_ROLES)
def test_an_official_without_a_verified_second_factor_reads_as_a_citizen(world, role):
    """Finding 4/8: the roles count only once the second factor is verified."""
    user = world.users[role]
    half = principal_for_user(user, verified=False)
    assert half.kind == "citizen" and not half.scopes
    citizen = P(world.users["citizen"])
    assert set(Report.objects.visible_to(half)) == set(Report.objects.visible_to(citizen))
    for key in ("public", "anonymous"):
        report = world.reports[key]
        assert report_reporter_identity_for(half, report) == report_reporter_identity_for(
            citizen, report
        )
        assert not report_can_view_internal(half, report)
    with pytest.raises(NotFound):
        report_get_visible_to(half, pk=world.reports["confidential"].pk)


def test_the_system_reads_everything(world):
    from lapor.accounts.principals import SYSTEM

    assert Report.objects.visible_to(SYSTEM).count() == Report.objects.count()


@pytest.mark.parametrize("role", ROLES)
def test_event_actor_labels(world, role):
    viewer = viewer_of(world, role)
    got = (
        event_actor_label_for(P(viewer), world.events["public"]["submitted"]),
        event_actor_label_for(P(viewer), world.events["anonymous"]["submitted"]),
        event_actor_label_for(P(viewer), world.events["public"]["followed_up"]),
    )
    assert got == LABELS[role]


def test_labelling_a_timeline_costs_no_query_per_event(world, django_assert_num_queries):
    viewer = world.users["admin_unit"]
    report = world.reports["anonymous"]
    events = list(report_events_visible_to(P(viewer), report))
    with django_assert_num_queries(0):
        labels = [event_actor_label_for(P(viewer), e) for e in events]
    assert labels == [ANON, ANON, OFFICER, OFFICER]


def test_system_events_are_labelled_system(world):
    from lapor.reports.models import ReportEvent

    event = ReportEvent.objects.create(report=world.reports["public"], code="report.auto_closed")
    assert event_actor_label_for(P(AnonymousUser()), event) == "System"


def test_an_agencys_move_without_a_person_is_labelled_with_the_agency(world):
    """An answer from an agency's app or from imported history has an agency and no
    person: the reporter reads the agency's name, not "System" (issue 9)."""
    from lapor.reports.models import ReportEvent

    report = world.reports["public"]
    event = ReportEvent.objects.create(
        report=report, code="report.followed_up", actor_agency_id=report.agency_id
    )
    assert report.agency is not None
    for viewer in (world.users["reporter"], AnonymousUser()):
        assert event_actor_label_for(P(viewer), event) == report.agency.name


def test_list_is_one_query_after_the_scopes(world, django_assert_num_queries):
    viewer = world.users["admin_instansi"]
    with django_assert_num_queries(2):  # the user's scopes, then the reports
        assert len(list(report_list_visible_to(P(viewer)))) == 4
    with django_assert_num_queries(1):  # scopes are kept on the user object
        report_list_visible_to(P(viewer)).count()


def test_inactive_memberships_and_users_fall_back_to_public(world):
    nasional = world.users["admin_nasional"]
    RoleMembership.objects.filter(user=nasional).update(is_active=False)
    nasional.__dict__.pop("_lapor_scopes", None)
    got = set(report_list_visible_to(P(nasional)).values_list("pk", flat=True))
    assert got == {world.reports["public"].pk, world.reports["anonymous"].pk}

    ombudsman = world.users["ombudsman"]
    ombudsman.is_active = False
    got = set(report_list_visible_to(P(ombudsman)).values_list("pk", flat=True))
    assert got == {world.reports["public"].pk, world.reports["anonymous"].pk}


def test_an_inactive_agency_gives_no_subtree(world):
    world.agency.is_active = False
    world.agency.save(update_fields=["is_active"])
    viewer = world.users["admin_instansi"]
    got = set(report_list_visible_to(P(viewer)).values_list("pk", flat=True))
    assert got == {world.reports["public"].pk, world.reports["anonymous"].pk}


def test_subtree_reaches_units_at_any_depth_and_several_memberships():
    from lapor.testing.factories import make_agency, make_unit

    agency, other = make_agency(), make_agency()
    deep = make_unit(make_unit(make_unit(agency)))
    in_deep = make_report(agency=agency, unit=deep, status=Status.DISPOSED, is_confidential=True)
    in_other = make_report(agency=other, status=Status.DISPOSED, is_confidential=True)
    elsewhere = make_report(agency=make_agency(), status=Status.DISPOSED, is_confidential=True)
    viewer = make_member(Role.ADMIN_INSTANSI, agency)
    RoleMembership.objects.create(user=viewer, role=Role.DEVELOPER, agency=other)
    got = set(report_list_visible_to(P(viewer)).values_list("pk", flat=True))
    assert got == {in_deep.pk, in_other.pk}
    assert elsewhere.pk not in got


def test_target_agency_counts_only_while_waiting_for_verification():
    from lapor.testing.factories import make_agency

    agency = make_agency()
    viewer = make_member(Role.ADMIN_INSTANSI, agency)
    waiting = make_report(target_agency=agency, status=Status.ON_HOLD)
    # Declined by the agency and sent elsewhere: the picked agency no longer reads it.
    moved_on = make_report(
        target_agency=agency, agency=make_agency(), status=Status.DISPOSED, is_confidential=True
    )
    got = set(report_list_visible_to(P(viewer)).values_list("pk", flat=True))
    assert got == {waiting.pk}
    assert report_is_visible_to(P(viewer), waiting)
    assert not report_is_visible_to(P(viewer), moved_on)


def test_reporter_sees_own_reports_only():
    reporter, other = UserFactory(), UserFactory()
    mine = make_report(reporter=reporter, status=Status.SUBMITTED)
    theirs = make_report(reporter=other, status=Status.SUBMITTED)
    got = set(report_list_visible_to(P(reporter)).values_list("pk", flat=True))
    assert mine.pk in got and theirs.pk not in got


def test_report_without_reporter_has_no_identity(world):
    report = make_report(reporter=None, status=Status.CLOSED)
    assert report_reporter_identity_for(P(world.users["admin_nasional"]), report) is None


def test_get_needs_exactly_one_key(world):
    with pytest.raises(TypeError):
        report_get_visible_to(P(AnonymousUser()))
    with pytest.raises(TypeError):
        report_get_visible_to(P(AnonymousUser()), tracking_id="1", pk=1)


def test_an_agency_key_reads_its_subtree_like_the_agencys_developer(world):
    """The API's principal (issue 10 builds the keys): scoped to the agency's subtree,
    it reads what that agency's developer reads, and makes no move."""
    from lapor.accounts.principals import principal_for_agency_key
    from lapor.reports.permissions import Rule, acting_as
    from lapor.reports.transitions import TRANSITIONS

    key = principal_for_agency_key(
        key_id=7, agency_id=world.agency.pk, agency_path=world.agency.path
    )
    developer = P(world.users["developer"])
    assert set(Report.objects.visible_to(key)) == set(Report.objects.visible_to(developer))
    assert Report.objects.visible_to(key).filter(pk=world.reports["confidential"].pk).exists()
    assert not Report.objects.visible_to(key).filter(pk=world.reports["archived"].pk).exists()
    # An anonymous reporter stays hidden from the agency's own app.
    assert report_reporter_identity_for(key, world.reports["anonymous"]) is None
    # A key is not a person: it owns no report. It acts as its agency under exactly the
    # agency-side rules its Admin Instansi meets (issue 10), never the verifier's or the
    # reporter's, and on no report outside its subtree.
    assert not key.is_person and str(key) == "agency_key#key7"
    report = world.reports["confidential"]
    agency_side = {Rule.HANDLER, Rule.DISPATCHER, Rule.AGENCY_ADMIN, Rule.AGENCY_ADMIN_OR_NATIONAL}
    for move in TRANSITIONS.values():
        acting = acting_as(move.rule, report, key, now=report.submitted_at)
        if move.rule in agency_side:
            assert acting is not None and acting.agency_id == world.agency.pk
        else:
            assert acting is None
    other = principal_for_agency_key(
        key_id=8, agency_id=world.other.pk, agency_path=world.other.path
    )
    for move in TRANSITIONS.values():
        assert acting_as(move.rule, report, other, now=report.submitted_at) is None

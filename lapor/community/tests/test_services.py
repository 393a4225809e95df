"""Support, comments, flags and moderation: every write through the report's gate."""

from __future__ import annotations

import pytest

from lapor.accounts.principals import VISITOR, principal_for_user
from lapor.community import services
from lapor.community.models import Comment, CommentFlag, Support
from lapor.core.exceptions import NotFound, PermissionDenied, ValidationFailed
from lapor.reports.models import Report
from lapor.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def _fan():
    return principal_for_user(UserFactory(), verified=True)


def _support_count(report):
    return Report.objects.get(pk=report.pk).support_count


# --- support ----------------------------------------------------------------------------


def test_one_support_per_account_with_an_exact_counter(world):
    report = world.reports["public"]
    fan = _fan()
    assert services.support_add(principal=fan, report_id=report.pk) is True
    assert services.support_add(principal=fan, report_id=report.pk) is False
    assert services.support_add(principal=_fan(), report_id=report.pk) is True
    assert _support_count(report) == 2
    assert Support.objects.filter(report=report).count() == 2
    assert services.support_remove(principal=fan, report_id=report.pk) is True
    assert services.support_remove(principal=fan, report_id=report.pk) is False
    assert _support_count(report) == 1


def test_nobody_supports_their_own_report(world, as_):
    report = world.reports["public"]
    with pytest.raises(PermissionDenied):
        services.support_add(principal=as_("reporter"), report_id=report.pk)
    assert _support_count(report) == 0 and not Support.objects.exists()


def test_a_visitor_must_sign_in(world):
    with pytest.raises(PermissionDenied):
        services.support_add(principal=VISITOR, report_id=world.reports["public"].pk)
    with pytest.raises(PermissionDenied):
        services.comment_add(principal=VISITOR, report_id=world.reports["public"].pk, body="Hai")
    assert not Support.objects.exists() and not Comment.objects.exists()


@pytest.mark.parametrize("key", ["confidential", "unverified", "archived"])
def test_support_for_a_report_one_may_not_read_is_not_found(world, key):
    report = world.reports[key]
    with pytest.raises(NotFound):
        services.support_add(principal=_fan(), report_id=report.pk)
    with pytest.raises(NotFound):
        services.support_remove(principal=_fan(), report_id=report.pk)
    assert _support_count(report) == 0 and not Support.objects.exists()


def test_a_readable_report_that_is_not_public_takes_no_support(world, as_):
    # The agency reads its confidential report; that does not make it public.
    report = world.reports["confidential"]
    with pytest.raises(PermissionDenied):
        services.support_add(principal=as_("admin_instansi"), report_id=report.pk)
    assert _support_count(report) == 0


# --- comments ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "verified"),
    [
        ("citizen", True),
        ("admin_instansi_other", True),
        ("pengawas", True),
        # Handles the report, but signed in with a password only: a citizen.
        ("admin_instansi", False),
        ("admin_nasional", False),
        # A superuser flag grants nothing.
        ("superuser", True),
    ],
)
def test_a_comment_on_a_confidential_report_one_may_not_read_is_refused(world, as_, key, verified):
    report = world.reports["confidential"]
    with pytest.raises(NotFound):
        services.comment_add(principal=as_(key, verified=verified), report_id=report.pk, body="X")
    assert not Comment.objects.exists()


@pytest.mark.parametrize("key", ["reporter", "admin_instansi", "admin_nasional"])
def test_those_who_read_a_confidential_report_still_cannot_comment_on_it(world, as_, key):
    report = world.reports["confidential"]
    with pytest.raises(PermissionDenied):
        services.comment_add(principal=as_(key), report_id=report.pk, body="Ada kabar?")
    assert not Comment.objects.exists()


def test_a_comment_is_trimmed_and_checked(world, as_):
    report = world.reports["public"]
    comment = services.comment_add(
        principal=as_("citizen"), report_id=report.pk, body="  Saya juga mengalami ini.  "
    )
    assert comment.body == "Saya juga mengalami ini."
    assert comment.author == world.users["citizen"] and comment.report_id == report.pk
    with pytest.raises(ValidationFailed) as empty:
        services.comment_add(principal=as_("citizen"), report_id=report.pk, body="   ")
    assert "body" in empty.value.errors
    with pytest.raises(ValidationFailed):
        services.comment_add(
            principal=as_("citizen"), report_id=report.pk, body="x" * (Comment.BODY_MAX + 1)
        )
    assert Comment.objects.count() == 1


# --- flags and moderation ---------------------------------------------------------------


def _comment(world, as_):
    return services.comment_add(
        principal=as_("citizen"), report_id=world.reports["public"].pk, body="Komentar kasar"
    )


def test_three_flags_hide_a_comment_one_flag_per_person(world, as_):
    comment = _comment(world, as_)
    first = _fan()
    assert services.comment_flag(principal=first, comment_id=comment.pk, reason="kasar")
    assert services.comment_flag(principal=first, comment_id=comment.pk) is False
    comment.refresh_from_db()
    assert comment.flag_count == 1 and not comment.is_hidden
    for _ in range(Comment.HIDE_AFTER_FLAGS - 1):
        services.comment_flag(principal=_fan(), comment_id=comment.pk)
    comment.refresh_from_db()
    assert comment.flag_count == Comment.HIDE_AFTER_FLAGS and comment.is_hidden
    assert CommentFlag.objects.filter(comment=comment).count() == Comment.HIDE_AFTER_FLAGS
    # A hidden comment is out of sight, so out of reach of more flags.
    with pytest.raises(NotFound):
        services.comment_flag(principal=_fan(), comment_id=comment.pk)


def test_a_comment_on_a_report_one_may_not_read_cannot_be_flagged(world):
    hidden_away = Comment.objects.create(
        report=world.reports["confidential"], author=world.users["reporter"], body="Rahasia"
    )
    with pytest.raises(NotFound):
        services.comment_flag(principal=_fan(), comment_id=hidden_away.pk)
    assert not CommentFlag.objects.exists()


def test_a_national_admins_decision_sticks(world, as_):
    comment = _comment(world, as_)
    for _ in range(Comment.HIDE_AFTER_FLAGS):
        services.comment_flag(principal=_fan(), comment_id=comment.pk)
    decided = services.comment_moderate(
        principal=as_("admin_nasional"), comment_id=comment.pk, hide=False
    )
    assert decided.is_hidden is False and decided.moderated_by == world.users["admin_nasional"]
    services.comment_flag(principal=_fan(), comment_id=comment.pk)
    comment.refresh_from_db()
    assert comment.is_hidden is False and comment.flag_count == Comment.HIDE_AFTER_FLAGS + 1


@pytest.mark.parametrize(
    ("key", "verified"),
    [("citizen", True), ("admin_instansi", True), ("superuser", True), ("admin_nasional", False)],
)
def test_only_a_verified_national_admin_moderates(world, as_, key, verified):
    comment = _comment(world, as_)
    with pytest.raises(PermissionDenied):
        services.comment_moderate(
            principal=as_(key, verified=verified), comment_id=comment.pk, hide=True
        )
    comment.refresh_from_db()
    assert comment.is_hidden is False and comment.moderated_at is None

"""Comments as pages and moderators read them: through the gate, by first name only,
and an anonymous report's reporter known only to themselves and the national admin."""

from __future__ import annotations

import pytest

from lapor.accounts.principals import VISITOR, principal_for_user
from lapor.community import selectors, services
from lapor.community.models import Comment
from lapor.core.exceptions import NotFound
from lapor.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

ANONYMOUS = "Anonymous reporter"


def _labels(principal, report):
    return [
        e.author_label
        for e in selectors.comment_list_for_report(principal=principal, report_id=report.pk)
    ]


def test_a_commenter_is_shown_by_first_name_only(world, as_):
    report = world.reports["public"]
    joko = UserFactory(full_name="Joko Santoso", email="joko@example.test", phone="+628111")
    services.comment_add(
        principal=principal_for_user(joko, verified=True), report_id=report.pk, body="Sama."
    )
    entries = selectors.comment_list_for_report(principal=VISITOR, report_id=report.pk)
    assert [(e.body, e.author_label) for e in entries] == [("Sama.", "Joko")]
    # The entry carries no user: nothing a template could print but the label.
    assert not hasattr(entries[0], "author")
    assert "Santoso" not in repr(entries) and "joko@" not in repr(entries)


def test_former_users_and_nameless_users(world):
    report = world.reports["public"]
    gone = UserFactory(full_name="Tono Pergi")
    nameless = UserFactory(full_name="")
    Comment.objects.create(report=report, author=gone, body="a")
    Comment.objects.create(report=report, author=nameless, body="b")
    Comment.objects.create(report=report, author=None, body="c")
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    assert _labels(VISITOR, report) == ["Former user", "LAPOR! user", "Former user"]


@pytest.mark.parametrize(
    ("key", "verified", "label"),
    [
        ("visitor", True, ANONYMOUS),
        ("citizen", True, ANONYMOUS),
        ("admin_instansi", True, ANONYMOUS),  # handles the report
        ("admin_unit", True, ANONYMOUS),
        ("admin_instansi_other", True, ANONYMOUS),
        ("developer", True, ANONYMOUS),
        ("ombudsman", True, ANONYMOUS),
        ("pengawas", True, ANONYMOUS),
        ("superuser", True, ANONYMOUS),
        ("admin_nasional", False, ANONYMOUS),  # no second factor: a citizen
        # Positive controls: the two who may know who filed the report.
        ("reporter", True, "Siti"),
        ("admin_nasional", True, "Siti"),
    ],
)
def test_an_anonymous_reporter_commenting_on_their_report(world, as_, key, verified, label):
    report = world.reports["anonymous"]
    services.comment_add(principal=as_("reporter"), report_id=report.pk, body="Masih ada.")
    assert _labels(as_(key, verified=verified), report) == [label]


def test_the_same_reporter_is_named_on_a_report_that_is_not_anonymous(world, as_):
    report = world.reports["public"]
    services.comment_add(principal=as_("reporter"), report_id=report.pk, body="Terima kasih.")
    assert _labels(as_("citizen"), report) == ["Siti"]


def test_hidden_comments_are_left_out_and_own_comments_marked(world, as_):
    report = world.reports["public"]
    mine = services.comment_add(principal=as_("citizen"), report_id=report.pk, body="Saya.")
    Comment.objects.create(report=report, author=UserFactory(), body="Kasar", is_hidden=True)
    entries = selectors.comment_list_for_report(principal=as_("citizen"), report_id=report.pk)
    assert [(e.pk, e.is_own) for e in entries] == [(mine.pk, True)]
    others = selectors.comment_list_for_report(principal=VISITOR, report_id=report.pk)
    assert [(e.pk, e.is_own) for e in others] == [(mine.pk, False)]


@pytest.mark.parametrize(
    ("key", "verified"), [("visitor", True), ("citizen", True), ("admin_instansi", False)]
)
def test_comments_of_a_report_one_may_not_read_are_not_found(world, as_, key, verified):
    report = world.reports["confidential"]
    Comment.objects.create(report=report, author=world.users["reporter"], body="RAHASIA-X")
    with pytest.raises(NotFound):
        selectors.comment_list_for_report(
            principal=as_(key, verified=verified), report_id=report.pk
        )
    with pytest.raises(NotFound):
        selectors.comment_get_visible_to(
            principal=as_(key, verified=verified), comment_id=Comment.objects.get().pk
        )
    # Positive control: the agency handling it reads it.
    assert selectors.comment_list_for_report(principal=as_("admin_instansi"), report_id=report.pk)


def test_moderators_read_through_the_gate_and_by_user_id(world, as_):
    public = services.comment_add(
        principal=as_("citizen"), report_id=world.reports["public"].pk, body="Umum"
    )
    anonymous = services.comment_add(
        principal=as_("reporter"), report_id=world.reports["anonymous"].pk, body="Anonim"
    )
    secret = Comment.objects.create(
        report=world.reports["confidential"], author=world.users["reporter"], body="Rahasia"
    )

    def refs(principal):
        rows = selectors.comment_list_for_moderation(principal=principal).order_by("pk")
        return {c.pk: selectors.comment_author_ref(comment=c) for c in rows}

    citizen_id = world.users["citizen"].pk
    reporter_id = world.users["reporter"].pk
    assert refs(as_("superuser")) == {public.pk: f"#{citizen_id}", anonymous.pk: ANONYMOUS}
    assert refs(as_("admin_nasional")) == {
        public.pk: f"#{citizen_id}",
        anonymous.pk: f"#{reporter_id}",
        secret.pk: f"#{reporter_id}",
    }


def test_support_exists(world, as_):
    report = world.reports["public"]
    assert selectors.support_exists(principal=as_("citizen"), report_id=report.pk) is False
    services.support_add(principal=as_("citizen"), report_id=report.pk)
    assert selectors.support_exists(principal=as_("citizen"), report_id=report.pk) is True
    assert selectors.support_exists(principal=as_("pengawas"), report_id=report.pk) is False
    assert selectors.support_exists(principal=VISITOR, report_id=report.pk) is False


# --- personal data in comment text (as the report's own text: reports.public_text) ------


def _bodies(principal, report):
    return [
        e.body for e in selectors.comment_list_for_report(principal=principal, report_id=report.pk)
    ]


def test_personal_data_in_comments_is_masked_for_the_public(world, as_):
    report = world.reports["anonymous"]
    services.comment_add(
        principal=as_("reporter"),
        report_id=report.pk,
        body="Saya Siti Rahmawati, hubungi 0812-3456-7890 atau siti.pelapor@example.test",
    )
    for key, verified in [("visitor", True), ("citizen", True), ("admin_instansi", False)]:
        (body,) = _bodies(as_(key, verified=verified), report)
        assert "Siti" not in body and "Rahmawati" not in body, key
        assert "7890" not in body and "siti.pelapor@" not in body, key
        assert body.startswith("Saya "), key
    # The reporter and the officials handling the report read it as written.
    for key in ("reporter", "admin_instansi", "admin_nasional"):
        assert _bodies(as_(key), report) == [
            "Saya Siti Rahmawati, hubungi 0812-3456-7890 atau siti.pelapor@example.test"
        ], key

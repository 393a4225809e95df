"""Support (dukung): one per account; comments and their moderation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lapor.accounts.choices import Role
from lapor.core.exceptions import PermissionDenied
from lapor.portal import services
from lapor.portal.models import Comment
from lapor.reports.models import Report
from lapor.testing.factories import UserFactory, make_member

from .helpers import build_world, public_report, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return build_world()


def test_one_support_per_account(client, w):
    report = public_report(w)
    fan = UserFactory()
    client.force_login(fan)
    url = reverse("portal:support", kwargs={"tracking_id": report.tracking_id})
    client.post(url)
    client.post(url)
    assert Report.objects.get(pk=report.pk).support_count == 1
    client.post(url, {"undo": "1"})
    assert Report.objects.get(pk=report.pk).support_count == 0


def test_no_support_for_own_or_unpublished_reports(w):
    report = public_report(w)
    with pytest.raises(PermissionDenied):
        services.support_add(report_id=report.pk, user=w.reporter)
    unverified = submit(w)
    with pytest.raises(PermissionDenied):
        services.support_add(report_id=unverified.pk, user=UserFactory())
    confidential = public_report(w, is_confidential=True)
    with pytest.raises(PermissionDenied):
        services.comment_add(report_id=confidential.pk, user=UserFactory(), body="Halo")


def test_comment_and_flagging_hides_after_three(client, w):
    report = public_report(w)
    author = UserFactory(full_name="Joko Widodo")
    client.force_login(author)
    response = client.post(
        reverse("portal:comment", kwargs={"tracking_id": report.tracking_id}),
        {"body": "Saya juga mengalami ini."},
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    page = reverse("portal:report", kwargs={"tracking_id": report.tracking_id})
    assert "Saya juga mengalami ini." in client.get(page).content.decode()
    for _ in range(Comment.HIDE_AFTER_FLAGS):
        flagger = UserFactory()
        client.force_login(flagger)
        client.post(reverse("portal:comment_flag", kwargs={"pk": comment.pk}))
        client.post(reverse("portal:comment_flag", kwargs={"pk": comment.pk}))  # once each
    comment.refresh_from_db()
    assert comment.flag_count == Comment.HIDE_AFTER_FLAGS and comment.is_hidden
    assert "Saya juga mengalami ini." not in client.get(page).content.decode()
    # A national admin's decision sticks.
    admin = make_member(Role.ADMIN_NASIONAL)
    services.comment_moderate(comment_id=comment.pk, actor=admin, hide=False)
    assert "Saya juga mengalami ini." in client.get(page).content.decode()
    with pytest.raises(PermissionDenied):
        services.comment_moderate(comment_id=comment.pk, actor=author, hide=True)


def test_empty_comment_is_explained(client, w):
    report = public_report(w)
    client.force_login(UserFactory())
    response = client.post(
        reverse("portal:comment", kwargs={"tracking_id": report.tracking_id}), {"body": ""}
    )
    assert response.status_code == 200 and 'href="#id_body"' in response.content.decode()


def test_signed_out_visitors_are_invited_to_sign_in(client, w):
    report = public_report(w)
    html = client.get(
        reverse("portal:report", kwargs={"tracking_id": report.tracking_id})
    ).content.decode()
    assert reverse("accounts:login") in html
    assert reverse("portal:support", kwargs={"tracking_id": report.tracking_id}) not in html

"""Support (dukung), comments and flags on the report page (``lapor.community`` holds
the rows and the rules; these tests go through HTTP)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lapor.accounts.principals import principal_for_user
from lapor.community import services
from lapor.community.models import Comment, Support
from lapor.reports.models import Report
from lapor.testing.factories import UserFactory, make_privacy_world
from lapor.testing.otp import force_login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return make_privacy_world()


def _page(report):
    return reverse("portal:report", kwargs={"tracking_id": report.tracking_id})


def _comment_url(report):
    return reverse("portal:comment", kwargs={"tracking_id": report.tracking_id})


def _support_url(report):
    return reverse("portal:support", kwargs={"tracking_id": report.tracking_id})


def test_one_support_per_account(client, w):
    report = w.reports["public"]
    client.force_login(UserFactory())
    client.post(_support_url(report))
    client.post(_support_url(report))
    assert Report.objects.get(pk=report.pk).support_count == 1
    assert "Tarik dukungan saya" in client.get(_page(report)).content.decode()
    client.post(_support_url(report), {"undo": "1"})
    assert Report.objects.get(pk=report.pk).support_count == 0


def test_no_support_for_ones_own_report(client, w):
    report = w.reports["public"]
    client.force_login(w.users["reporter"])
    client.post(_support_url(report))
    assert Report.objects.get(pk=report.pk).support_count == 0
    assert not Support.objects.exists()


@pytest.mark.parametrize("key", ["confidential", "unverified"])
def test_support_and_comments_on_a_report_one_may_not_read_are_not_found(client, w, key):
    report = w.reports[key]
    client.force_login(w.users["citizen"])
    assert client.post(_support_url(report)).status_code == 404
    assert client.post(_comment_url(report), {"body": "Halo"}).status_code == 404
    assert not Support.objects.exists() and not Comment.objects.exists()


def test_a_half_signed_in_official_cannot_comment_on_the_confidential_report(client, w):
    # The agency's admin handles the report, but signed in with a password only.
    report = w.reports["confidential"]
    client.force_login(w.users["admin_instansi"])
    assert client.post(_comment_url(report), {"body": "Halo"}).status_code == 404
    assert not Comment.objects.exists()


def test_comment_and_flagging_hides_after_three(client, w):
    report = w.reports["public"]
    client.force_login(UserFactory(full_name="Joko Santoso"))
    response = client.post(_comment_url(report), {"body": "Saya juga mengalami ini."})
    assert response.status_code == 302
    comment = Comment.objects.get()
    html = client.get(_page(report)).content.decode()
    assert "Saya juga mengalami ini." in html and "Joko" in html and "Santoso" not in html
    for _ in range(Comment.HIDE_AFTER_FLAGS):
        client.force_login(UserFactory())
        client.post(reverse("portal:comment_flag", kwargs={"pk": comment.pk}))
        client.post(reverse("portal:comment_flag", kwargs={"pk": comment.pk}))  # once each
    comment.refresh_from_db()
    assert comment.flag_count == Comment.HIDE_AFTER_FLAGS and comment.is_hidden
    assert "Saya juga mengalami ini." not in client.get(_page(report)).content.decode()
    # A national admin's decision sticks.
    national = principal_for_user(w.users["admin_nasional"], verified=True)
    services.comment_moderate(principal=national, comment_id=comment.pk, hide=False)
    assert "Saya juga mengalami ini." in client.get(_page(report)).content.decode()


def test_a_comment_on_a_report_one_may_not_read_cannot_be_flagged(client, w):
    secret = Comment.objects.create(
        report=w.reports["confidential"], author=w.users["reporter"], body="Rahasia"
    )
    client.force_login(w.users["citizen"])
    assert client.post(reverse("portal:comment_flag", kwargs={"pk": secret.pk})).status_code == 404
    secret.refresh_from_db()
    assert secret.flag_count == 0


def test_empty_comment_is_explained(client, w):
    client.force_login(UserFactory())
    response = client.post(_comment_url(w.reports["public"]), {"body": ""})
    assert response.status_code == 200 and 'href="#id_body"' in response.content.decode()
    assert not Comment.objects.exists()  # what was stored: nothing


def test_signed_out_visitors_are_invited_to_sign_in(client, w):
    report = w.reports["public"]
    html = client.get(_page(report)).content.decode()
    assert reverse("accounts:login") in html
    assert _support_url(report) not in html


# --- the reporter of an anonymous report, commenting on it --------------------------------


def _anonymous_comment(w):
    report = w.reports["anonymous"]
    services.comment_add(
        principal=principal_for_user(w.users["reporter"], verified=True),
        report_id=report.pk,
        body="ANON-REPORTER-COMMENT",
    )
    return report


def _signed_in(client, w, key):
    force_login_verified(client, w.users[key])
    client.cookies["django_language"] = "en"
    return client


@pytest.mark.parametrize("key", ["citizen", "admin_instansi", "admin_unit", "ombudsman"])
def test_an_anonymous_reporters_comment_never_names_them(client, w, key):
    report = _anonymous_comment(w)
    html = _signed_in(client, w, key).get(_page(report)).content.decode()
    assert "ANON-REPORTER-COMMENT" in html
    assert "<strong>Anonymous reporter</strong>" in html
    reporter = w.users["reporter"]
    assert "Siti" not in html and "Rahmawati" not in html
    assert reporter.email not in html and reporter.phone not in html


@pytest.mark.parametrize("key", ["reporter", "admin_nasional"])
def test_the_reporter_and_the_national_admin_know_who_wrote_it(client, w, key):
    # Positive control: the page can show the name, so the test above can fail.
    report = _anonymous_comment(w)
    html = _signed_in(client, w, key).get(_page(report)).content.decode()
    assert "ANON-REPORTER-COMMENT" in html and "<strong>Siti</strong>" in html

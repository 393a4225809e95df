"""Console POSTs are parsed by forms: bad input is answered with the form's errors, in
the page's language, and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lapor.accounts.choices import Role
from lapor.accounts.models import RoleMembership, User
from lapor.agencies.models import Agency
from lapor.console.forms import (
    ConsoleLoginForm,
    DeskBulkForm,
    DisposeForm,
    EnrolTokenForm,
    FollowUpForm,
    IdListField,
    InvitationAcceptForm,
    OtpTokenForm,
    RecoveryCodesForm,
)
from lapor.console.models import ReplyTemplate, SavedView
from lapor.reports.choices import Status
from lapor.reports.models import Report, ReportEvent

from .conftest import submit, verified_client

pytestmark = pytest.mark.django_db


def messages_of(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def events_of(report: Report) -> int:
    return ReportEvent.objects.filter(report=report).count()


# --- the forms themselves ------------------------------------------------------------------


def test_ids_are_ascii_whole_numbers_at_most_500() -> None:
    field = IdListField()
    assert field.clean(["3", "1", "3"]) == [3, 1]
    for bad in (["x"], ["²"], ["١٢"], ["0"], ["-4"], ["1.5"]):
        with pytest.raises(ValidationError, match="Tick reports"), translation.override("en"):
            field.clean(bad)
    with pytest.raises(ValidationError, match="at most 500"), translation.override("en"):
        field.clean([str(i) for i in range(1, 502)])


def test_dispose_form_passes_only_the_corrections_that_were_posted() -> None:
    form = DisposeForm({"agency_id": "7", "note": " untuk instansi "})
    assert form.is_valid(), form.errors
    # Nothing posted about the title, the topic or privacy: nothing is changed.
    assert form.params() == {"agency_id": 7}
    shown = DisposeForm({"agency_id": "7", "privacy": "1", "title": "Judul yang cukup panjang"})
    assert shown.is_valid(), shown.errors
    assert shown.params() == {
        "agency_id": 7,
        "title": "Judul yang cukup panjang",
        "is_anonymous": False,
        "is_confidential": False,
    }


def test_follow_up_visibility_is_public_or_reporter_only() -> None:
    assert FollowUpForm({"note": "x", "visibility": "reporter"}).is_valid()
    form = FollowUpForm({"note": "x", "visibility": "internal"})
    assert not form.is_valid()
    assert "visibility" in form.errors


def test_desk_bulk_needs_an_agency_to_send_to() -> None:
    form = DeskBulkForm({"ids": ["1"], "op": "dispose"})
    assert not form.is_valid()
    assert "agency_id" in form.errors


# --- the sign-in forms (their pages: test_auth.py) ---------------------------------------------


def test_login_form_needs_both_and_keeps_the_password_as_typed() -> None:
    with translation.override("en"):
        form = ConsoleLoginForm({"login": "  ", "password": ""})
        assert not form.is_valid()
        assert form.errors["login"] == ["Enter your e-mail address or mobile number."]
        assert form.errors["password"] == ["Enter your password."]
    form = ConsoleLoginForm({"login": " rina@example.test ", "password": " sandi dengan spasi "})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "login": "rina@example.test",
        "password": " sandi dengan spasi ",
    }
    # An error points its field to its message (GOV.UK pattern).
    assert 'aria-invalid="true"' in str(ConsoleLoginForm({"login": "x"})["password"])


@pytest.mark.parametrize(
    ("typed", "cleaned"),
    [
        ("123456", "123456"),
        (" 123 456 ", "123456"),
        ("ABCD EFGH JK", "abcdefghjk"),
        # A recovery code may be all digits: it is told apart by its length.
        ("2345678923", "2345678923"),
    ],
)
def test_second_step_takes_an_app_code_or_a_recovery_code(typed: str, cleaned: str) -> None:
    form = OtpTokenForm({"token": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["token"] == cleaned


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the code from your authenticator app."),
        ("12345", "The code from the app has 6 digits."),
        ("1234567", "The code from the app has 6 digits."),
        ("١٢٣٤٥٦", "The code from the app has 6 digits."),
        ("kode-salah", "Type the 6 digits from the app, or a recovery code of 10 letters"),
        ("abc", "Type the 6 digits from the app, or a recovery code of 10 letters"),
        ("9" * 70, "Type the 6 digits from the app, or a recovery code of 10 letters"),
    ],
)
def test_second_step_refuses_a_code_of_neither_shape(typed: str, message: str) -> None:
    with translation.override("en"):
        form = OtpTokenForm({"token": typed})
        assert not form.is_valid()
        assert form.errors["token"][0].startswith(message)


def test_setting_up_the_app_takes_only_its_6_digits() -> None:
    assert EnrolTokenForm({"token": "123 456"}).is_valid()
    for bad in ("", "12345", "abcdefghjk", "12345a"):
        assert not EnrolTokenForm({"token": bad}).is_valid(), bad


def test_new_recovery_codes_need_the_button() -> None:
    assert RecoveryCodesForm({"op": "recovery"}).is_valid()
    assert not RecoveryCodesForm({"op": "hapus"}).is_valid()
    assert not RecoveryCodesForm({}).is_valid()


def test_invitation_password_twice_and_by_django_rules(cast: Any) -> None:
    user = cast.dinas_admin
    good = "Kuat-sekali-2026"
    assert InvitationAcceptForm({"password": good, "password2": good}, user=user).is_valid()
    with translation.override("en"):
        differ = InvitationAcceptForm({"password": good, "password2": good + "x"}, user=user)
        assert not differ.is_valid()
        assert differ.errors["password2"] == ["The two passwords are not the same."]
        weak = InvitationAcceptForm({"password": "12345678", "password2": "12345678"}, user=user)
        assert not weak.is_valid()
        assert "This password is too common." in weak.errors["password"]
        like_email = user.email
        similar = InvitationAcceptForm({"password": like_email, "password2": like_email}, user=user)
        assert not similar.is_valid()
        assert "password" in similar.errors
        empty = InvitationAcceptForm({}, user=user)
        assert not empty.is_valid()
        assert empty.errors["password"] == ["Enter a new password."]
        assert empty.errors["password2"] == ["Type the new password again."]


# --- through the pages ---------------------------------------------------------------------


def test_bad_move_input_shows_translated_errors_and_changes_nothing(cast: Any) -> None:
    report = submit(cast.reporter)
    client = verified_client(cast.national)
    before = events_of(report)
    response = client.post(
        reverse("console:report_action", args=[report.tracking_id, "dispose"]),
        {"title": "x", "classification": "lain", "unit_id": "bukan-angka"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert response.context["failed"] == "dispose"
    errors = response.context["errors"]
    assert {"agency_id", "unit_id", "title", "classification"} <= set(errors)
    # The console speaks Indonesian (the default language): so do its errors.
    assert errors["agency_id"] == ["Pilih instansi."]
    assert 'class="error-summary"' in response.content.decode()
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    assert events_of(report) == before


def test_follow_up_with_an_internal_audience_is_refused(cast: Any) -> None:
    report = submit(cast.reporter, target_agency_id=cast.regency.pk)
    verified_client(cast.regency_admin).post(
        reverse("console:report_action", args=[report.tracking_id, "dispose"]),
        {"agency_id": cast.regency.pk},
    )
    before = events_of(report)
    response = verified_client(cast.regency_admin).post(
        reverse("console:report_action", args=[report.tracking_id, "follow_up"]),
        {"note": "Sedang ditinjau.", "visibility": "internal"},
    )
    assert response.status_code == 200
    assert "visibility" in response.context["errors"]
    assert events_of(report) == before
    assert Report.objects.get(pk=report.pk).status == Status.DISPOSED


def test_note_without_text_is_refused(cast: Any) -> None:
    report = submit(cast.reporter)
    before = events_of(report)
    response = verified_client(cast.national).post(
        reverse("console:report_note", args=[report.tracking_id]), {"note": "   "}
    )
    assert response.status_code == 200
    assert response.context["failed"] == "note"
    assert "note" in response.context["errors"]
    assert events_of(report) == before


@pytest.mark.parametrize(
    "data",
    [
        {"op": "spam"},  # nothing ticked
        {"op": "spam", "ids": ["abc"]},
        {"op": "hapus-semua", "ids": ["1"]},
        {"op": "dispose", "ids": ["1"]},  # no agency
        {"op": "duplicate", "ids": ["1"]},  # of which report?
    ],
)
def test_bad_bulk_input_changes_nothing(cast: Any, data: dict[str, Any]) -> None:
    report = submit(cast.reporter)
    data = {**data, "ids": [str(report.pk) if v == "1" else v for v in data.get("ids", [])]}
    response = verified_client(cast.national).post(
        reverse("console:desk_bulk"), {**data, "back": "tab=submitted"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("console:desk") + "?tab=submitted"
    assert messages_of(response)
    assert Report.objects.get(pk=report.pk).status == Status.SUBMITTED


def test_bulk_back_is_a_query_string_never_another_site(cast: Any) -> None:
    response = verified_client(cast.national).post(
        reverse("console:desk_bulk"), {"op": "spam", "back": "//evil.example/x"}
    )
    assert response["Location"].startswith(reverse("console:desk") + "?")


def test_inbox_bulk_needs_a_unit(cast: Any) -> None:
    response = verified_client(cast.regency_admin).post(
        reverse("console:inbox_bulk"), {"ids": ["1"]}
    )
    assert response.status_code == 302
    assert messages_of(response)


def test_saved_view_needs_a_name(cast: Any) -> None:
    client = verified_client(cast.regency_admin)
    response = client.post(reverse("console:saved_view_save"), {"name": "", "query": "tab=work"})
    assert response.status_code == 302
    assert messages_of(response)
    assert not SavedView.objects.exists()


def test_agency_admin_forms_refuse_bad_input(cast: Any) -> None:
    client = verified_client(cast.regency_admin)
    units = Agency.objects.count()
    for url, data in [
        (reverse("console:agency_unit_create", args=[cast.regency.pk]), {"name": "ab"}),
        (
            reverse("console:agency_invite", args=[cast.regency.pk]),
            {"email": "bukan-alamat", "role": Role.ADMIN_UNIT},
        ),
        (
            reverse("console:agency_invite", args=[cast.regency.pk]),
            {"email": "baru@example.test", "role": Role.ADMIN_NASIONAL},
        ),
        (
            reverse("console:agency_template_create", args=[cast.regency.pk]),
            {"kind": "follow_up", "title": "Judul", "body": ""},
        ),
    ]:
        response = client.post(url, data)
        assert response.status_code == 302, url
        assert messages_of(response), url
    assert Agency.objects.count() == units
    assert not User.objects.filter(email="baru@example.test").exists()
    assert not RoleMembership.objects.filter(role=Role.ADMIN_NASIONAL, granted_by__isnull=False)
    assert not ReplyTemplate.objects.exists()


def test_a_unit_outside_the_agency_is_not_found(cast: Any) -> None:
    client = verified_client(cast.regency_admin)
    response = client.post(
        reverse("console:agency_unit_create", args=[cast.regency.pk]),
        {"name": "Unit di luar", "parent": cast.other.pk},
    )
    assert response.status_code == 404
    assert not Agency.objects.filter(name="Unit di luar").exists()


def test_revoking_a_role_elsewhere_is_not_found(cast: Any) -> None:
    membership = RoleMembership.objects.get(user=cast.other_admin)
    response = verified_client(cast.regency_admin).post(
        reverse("console:agency_revoke", args=[membership.pk])
    )
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.is_active


def test_revoking_within_the_agency_and_never_ones_own(cast: Any) -> None:
    client = verified_client(cast.regency_admin)
    dinas = RoleMembership.objects.get(user=cast.dinas_admin)
    assert client.post(reverse("console:agency_revoke", args=[dinas.pk])).status_code == 302
    dinas.refresh_from_db()
    assert not dinas.is_active
    own = RoleMembership.objects.get(user=cast.regency_admin)
    response = client.post(reverse("console:agency_revoke", args=[own.pk]))
    assert response.status_code == 302
    assert messages_of(response)
    own.refresh_from_db()
    assert own.is_active


def test_unverified_official_posts_change_nothing(cast: Any) -> None:
    report = submit(cast.reporter)
    client = Client()
    client.force_login(cast.national)
    response = client.post(
        reverse("console:report_action", args=[report.tracking_id, "dispose"]),
        {"agency_id": cast.regency.pk},
    )
    assert response.status_code == 302
    assert reverse("console:otp") in response["Location"]
    assert Report.objects.get(pk=report.pk).status == Status.SUBMITTED

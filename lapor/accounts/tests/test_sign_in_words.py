"""The citizen's sign-in and registration pages say what to fix, field by field, in the
page's language (issue 9): no bare "This field is required." in the error summary, and a
mistyped code is a typo, not a wrong code."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from lapor.accounts.models import OneTimeCode, User

pytestmark = pytest.mark.django_db

MSG_BAD_CODE = "This code is wrong or has expired. Check the message or ask for a new code."
GENERIC = ("This field is required.", "Bidang ini tidak boleh kosong.")


def _in(language: str, text: str) -> str:
    with translation.override(language):
        return str(translation.gettext(text))


def _summary(html: str) -> list[str]:
    box = re.search(r'class="error-summary".*?</ul>', html, re.S)
    assert box is not None, "no error summary"
    return [t.strip() for t in re.findall(r"<a [^>]*>([^<]*)</a>", box.group(0))]


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "register",
            {"full_name": "", "email": "a@example.test", "password": ""},
            ["Enter your name.", "Choose a password."],
        ),
        (
            "login",
            {"login": "", "password": ""},
            ["Enter your e-mail address or mobile number.", "Enter your password."],
        ),
        ("reset", {"login": ""}, ["Enter your e-mail address or mobile number."]),
    ],
)
def test_an_empty_field_is_named_in_the_summary(client, language, name, data, expected):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(reverse(f"accounts:{name}"), data)
    html = response.content.decode()
    assert _summary(html) == [_in(language, text) for text in expected]
    assert not any(generic in html for generic in GENERIC)
    assert not User.objects.exclude(email="").filter(is_active=True).exists()


@pytest.fixture
def confirming(client):
    client.post(
        reverse("accounts:register"),
        {"full_name": "Budi", "email": "budi@example.test", "password": "Kopi-tubruk-2026"},
    )
    return client, User.objects.get(email="budi@example.test")


@pytest.mark.parametrize("language", ["en", "id"])
def test_a_mistyped_code_is_a_typo_and_costs_no_try(confirming, language):
    client, user = confirming
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for typed in ("12ab", "12345", "1234567", ""):
        response = client.post(reverse("accounts:confirm"), {"code": typed})
        html = response.content.decode()
        message = (
            "Enter the code we sent you."
            if not typed
            else ("The code has 6 digits, for example 123456.")
        )
        assert _summary(html) == [_in(language, message)], typed
        assert _in(language, MSG_BAD_CODE) not in html
    assert OneTimeCode.objects.get(user=user, used_at__isnull=True).attempts == 0


def test_a_code_typed_with_spaces_or_a_dash_works(confirming):
    client, user = confirming
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)  # type: ignore[union-attr]
    response = client.post(reverse("accounts:confirm"), {"code": f" {code[:3]}-{code[3:]} "})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_active


def test_the_delete_page_names_what_is_missing(client):
    from lapor.testing.factories import UserFactory

    user = UserFactory()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.post(reverse("accounts:delete"), {"password": ""}).content.decode()
    assert _summary(html) == ["Enter your password.", "Tick the box to say that you understand."]
    user.refresh_from_db()
    assert user.is_active

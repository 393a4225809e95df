"""Words a person understands (issue 9): the tracking-number lookup says what is wrong
with the number, and topics are named in the page's language."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lapor.portal.forms import category_choices
from lapor.reports.choices import Status
from lapor.reports.tracking import luhn_check_digit
from lapor.testing.factories import CategoryFactory, UserFactory, make_report

pytestmark = pytest.mark.django_db

MSG_LENGTH = "A tracking number has 10 digits, for example 1234567890."
MSG_TYPO = (
    "This is not a LAPOR! tracking number: one digit may be mistyped. "
    "Check the number in your confirmation message."
)
MSG_NONE_EN = "We found no public report with this number."
MSG_NONE_ID = "Tidak ada laporan publik dengan nomor ini."


def _valid(body: str = "123456789") -> str:
    return body + luhn_check_digit(body)


def _in(language: str, text: str) -> str:
    with translation.override(language):
        return str(translation.gettext(text))


def _english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _lookup(client: Client, typed: str) -> str:
    response = client.get(reverse("portal:lookup"), {"id": typed})
    assert response.status_code == 200
    return response.content.decode()


def _assert_field_error(html: str, message: str, typed: str) -> None:
    """The GOV.UK pattern: a summary linking to the field, the message beside it, the
    field pointing at its message, and what was typed still in the field."""
    assert 'class="error-summary"' in html and 'href="#id_lookup"' in html
    assert html.count(message) == 2  # in the summary and beside the field
    field = re.search(r"<input[^>]*id=\"id_lookup\"[^>]*>", html)
    assert field is not None
    tag = field.group(0)
    assert f'value="{typed}"' in tag
    assert 'aria-invalid="true"' in tag
    assert re.search(r'aria-describedby="[^"]*\bid_lookup_error\b', tag)
    assert 'id="id_lookup_error"' in html


@pytest.mark.parametrize("language", ["en", "id"])
def test_a_number_that_is_not_ten_digits_is_told_its_length(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for typed in ("12345", "12345678901", "tidak tahu"):
        html = _lookup(client, typed)
        _assert_field_error(html, _in(language, MSG_LENGTH), typed)
        assert _in(language, MSG_TYPO) not in html


@pytest.mark.parametrize("language", ["en", "id"])
def test_ten_digits_with_a_wrong_check_digit_is_called_a_typo(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    tid = _valid()
    typo = tid[:3] + str((int(tid[3]) + 1) % 10) + tid[4:]
    html = _lookup(client, typo)
    _assert_field_error(html, _in(language, MSG_TYPO), typo)
    assert _in(language, MSG_LENGTH) not in html
    assert "A tracking number has 10 digits" not in html and "terdiri dari 10 angka" not in html


def test_a_valid_number_without_a_public_report_says_so_in_both_languages(client):
    tid = _valid()
    html = _lookup(client, tid)  # Indonesian, the default
    assert MSG_NONE_ID in html and MSG_NONE_EN not in html
    html = _lookup(_english(client), tid)
    assert MSG_NONE_EN in html
    assert MSG_LENGTH not in html and "mistyped" not in html


def test_a_report_that_is_not_public_yet_is_not_found_nor_called_a_typo(client):
    report = make_report(status=Status.SUBMITTED)
    html = _lookup(_english(client), report.tracking_id)
    assert MSG_NONE_EN in html and "mistyped" not in html
    assert report.title not in html


# --- topics in the page's language ------------------------------------------------------


@pytest.fixture
def topics():
    infra = CategoryFactory(name="Infrastruktur", name_en="Infrastructure")
    CategoryFactory(name="Jalan rusak", name_en="Damaged roads", parent=infra)
    CategoryFactory(name="Jembatan", name_en="", parent=infra)  # no English name yet
    return infra


def _option_texts(html: str, select_name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{select_name}"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None, select_name
    return [t.strip() for t in re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))]


def test_write_page_topics_in_english_and_in_indonesian(client, topics):
    client.force_login(UserFactory())
    indonesian = client.get(reverse("portal:write_kind")).content.decode()
    options = _option_texts(indonesian, "category")
    assert "Infrastruktur: lainnya" in options
    assert "Jalan rusak" in options and "Jembatan" in options
    assert "Damaged roads" not in options and "Infrastructure: other" not in options
    assert 'label="Infrastruktur"' in indonesian

    english = _english(client).get(reverse("portal:write_kind")).content.decode()
    options = _option_texts(english, "category")
    assert "Infrastructure: other" in options
    assert "Damaged roads" in options
    assert "Jembatan" in options  # no English name: the Indonesian one, not a blank
    assert "Infrastruktur: other" not in options and "Jalan rusak" not in options
    assert 'label="Infrastructure"' in english


def test_the_topic_choices_follow_the_active_language(topics):
    with translation.override("en"):
        groups = dict(category_choices()[1:])
    assert [text for _pk, text in groups["Infrastructure"]][-1] == "Infrastructure: other"
    with translation.override("id"):
        groups = dict(category_choices()[1:])
    assert [text for _pk, text in groups["Infrastruktur"]][-1] == "Infrastruktur: lainnya"


def test_public_list_filter_names_topics_in_the_page_language(client, topics):
    # Indonesian first: the cached choices of one language never serve the other.
    assert "Infrastruktur" in _option_texts(
        client.get(reverse("portal:browse")).content.decode(), "category"
    )
    english = _english(client).get(reverse("portal:browse")).content.decode()
    options = _option_texts(english, "category")
    assert "Infrastructure" in options and "Infrastruktur" not in options

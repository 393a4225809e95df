"""Finding 7: a report's text on the public exits hides what the reporter typed about
themselves (NIK, phone, e-mail, their name); the officials handling it and the
reporter read it as written.

The exits: the report page (title, description, public notes, the rating comment), the
public list and its search, the Atom feeds and the "similar reports" suggestion.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from lapor.accounts.choices import Role
from lapor.reports.choices import Status, Visibility
from lapor.reports.models import ReportEvent
from lapor.reports.search import search_documents_write
from lapor.testing.factories import UserFactory, make_agency, make_member, make_report
from lapor.testing.otp import force_login_verified

pytestmark = pytest.mark.django_db

NIK = "3273014506900002"
PHONE = "0812-3456-7890"
EMAIL = "siti.rahma@gmail.com"
NOTE_PHONE = "0857 1111 2222"
RATING_EMAIL = "puas.sekali@yahoo.co.id"
SECRETS = (NIK, PHONE, EMAIL, "Rahmawati", NOTE_PHONE, RATING_EMAIL)


@pytest.fixture(autouse=True)
def _english(settings):
    # Pages in the source language, so that the placeholders read as written.
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    agency = make_agency("Dinas Kependudukan Kota Contoh")
    other = make_agency("Kabupaten Lain")
    reporter = UserFactory(full_name="Siti Rahmawati", email="siti.akun@example.test")
    report = make_report(
        reporter=reporter,
        agency=agency,
        status=Status.CLOSED,
        title="Pungli KTP, Rahmawati diminta bayar",
        description=(
            f"Saya Siti Rahmawati, NIK {NIK}. Petugas meminta Rp 150.000 untuk mencetak "
            f"KTP saya. Hubungi saya di {PHONE} atau {EMAIL}."
        ),
        rating=4,
        rating_comment=f"Terima kasih, kabari lagi ke {RATING_EMAIL}.",
    )
    ReportEvent.objects.create(
        report=report,
        code="report.followed_up",
        visibility=Visibility.PUBLIC,
        note=f"Ibu Rahmawati sudah kami telepon di {NOTE_PHONE}; pungutan dikembalikan.",
    )
    ReportEvent.objects.create(
        report=report,
        code="report.closed",
        actor=reporter,
        visibility=Visibility.PUBLIC,
        note=report.rating_comment,
    )
    # Still open: the "similar reports" suggestion lists only those.
    open_report = make_report(
        reporter=reporter,
        agency=agency,
        status=Status.IN_PROGRESS,
        title=f"Pungli KTP lagi, hubungi {PHONE}",
        description=f"Masih terjadi. NIK saya {NIK}, e-mail {EMAIL}. Salam, Siti Rahmawati.",
    )
    search_documents_write([report.pk, open_report.pk])
    return {
        "report": report,
        "open_report": open_report,
        "reporter": reporter,
        "handler": make_member(Role.ADMIN_INSTANSI, agency, full_name="Andi Instansi"),
        "outsider": make_member(Role.ADMIN_INSTANSI, other, full_name="Dedi Lain"),
        "citizen": UserFactory(full_name="Warga Lain"),
        "agency": agency,
    }


def page(client, report):
    url = reverse("portal:report", kwargs={"tracking_id": report.tracking_id})
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def exits(client, world):
    """Every public exit that carries the report's text, as ``client`` reads it."""
    report = world["report"]
    browse = client.get(reverse("portal:browse")).content.decode()
    searched = client.get(reverse("portal:browse"), {"q": "KTP"}).content.decode()
    feed = client.get(
        reverse("portal:feed_agency", kwargs={"code": world["agency"].code})
    ).content.decode()
    similar = client.get(reverse("portal:similar"), {"title": "pungli ktp"}).content.decode()
    # Each exit does list the reports (positive control: the crawl can fail).
    for html in (browse, searched, feed):
        assert report.tracking_id in html
    assert world["open_report"].tracking_id in similar
    return {
        "page": page(client, report),
        "browse": browse,
        "search": searched,
        "feed": feed,
        "similar": similar,
    }


@pytest.mark.parametrize("who", ["visitor", "citizen", "outsider", "unverified_handler"])
def test_the_public_reads_none_of_the_personal_data(client, world, who):
    if who == "unverified_handler":
        client.force_login(world["handler"])  # no second factor: a citizen's rights
    elif who != "visitor":
        force_login_verified(client, world[who])
    for name, html in exits(client, world).items():
        for secret in SECRETS:
            assert secret not in html, f"{secret!r} on {name}"
    shown = page(client, world["report"])
    # The text is still there, masked, not dropped.
    assert "[NIK hidden]" in shown and "[phone number hidden]" in shown
    assert "[e-mail hidden]" in shown and "[name hidden]" in shown
    assert "Rp 150.000" in shown and "pungutan dikembalikan" in shown


def test_a_search_for_the_personal_data_finds_nothing(client, world):
    for query in (NIK, "Rahmawati", EMAIL, "08123456789"):
        html = client.get(reverse("portal:browse"), {"q": query}).content.decode()
        assert world["report"].tracking_id not in html, query
        assert world["open_report"].tracking_id not in html, query
    # ... while the rest of the text is still found.
    html = client.get(reverse("portal:browse"), {"q": "pungli"}).content.decode()
    assert world["report"].tracking_id in html


@pytest.mark.parametrize("who", ["handler", "reporter"])
def test_the_handling_officer_and_the_reporter_read_the_text_as_written(client, world, who):
    force_login_verified(client, world[who])
    html = page(client, world["report"])
    for secret in (NIK, PHONE, EMAIL, "Siti Rahmawati", NOTE_PHONE, RATING_EMAIL):
        assert secret in html, secret
    assert "[NIK hidden]" not in html
    # The public list shows them the title as written too.
    browse = client.get(reverse("portal:browse")).content.decode()
    assert world["report"].title in browse


def test_the_feed_is_masked_whoever_asks(client, world):
    # A feed is cached by anyone: it is the public's, even for the handling officer.
    force_login_verified(client, world["handler"])
    feed = client.get(
        reverse("portal:feed_agency", kwargs={"code": world["agency"].code})
    ).content.decode()
    assert world["report"].tracking_id in feed
    for secret in (NIK, PHONE, EMAIL, "Rahmawati"):
        assert secret not in feed

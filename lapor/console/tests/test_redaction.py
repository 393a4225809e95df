"""The verifier hides a passage from the public on the console's report page; the
public exits (report page, list, feed) no longer show it, the reporter and the
officials handling the report still do."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lapor.accounts.choices import Role
from lapor.reports.choices import Status
from lapor.reports.models import Report, ReportEvent
from lapor.reports.search import search_documents_write
from lapor.testing.factories import UserFactory, make_agency, make_member, make_report
from lapor.testing.otp import force_login_verified

pytestmark = pytest.mark.django_db

PASSAGE = "rumah pagar hijau sebelah warung Bu Tini"


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def w():
    agency = make_agency("Dinas Lingkungan Hidup Kota Contoh")
    reporter = UserFactory(full_name="Yuli Astuti")
    report = make_report(
        reporter=reporter,
        agency=agency,
        status=Status.IN_PROGRESS,
        title=f"Sampah menumpuk di depan {PASSAGE}",
        description=(
            f"Sampah tidak diangkut dua minggu. Saya yang tinggal di {PASSAGE} sudah "
            "bicara ke petugas tapi tidak ada hasil."
        ),
    )
    search_documents_write([report.pk])
    return {
        "agency": agency,
        "report": report,
        "reporter": reporter,
        "national": make_member(Role.ADMIN_NASIONAL, None, full_name="Fajar Nasional"),
        "handler": make_member(Role.ADMIN_INSTANSI, agency, full_name="Andi Instansi"),
    }


def signed_in(user) -> Client:
    return force_login_verified(Client(), user)


def console_page(client: Client, report: Report) -> str:
    response = client.get(reverse("console:report", args=[report.tracking_id]))
    assert response.status_code == 200
    return response.content.decode()


def redact(client: Client, report: Report, passage: str = PASSAGE):
    return client.post(
        reverse("console:report_redact", args=[report.tracking_id]), {"passage": passage}
    )


def public_exits(client: Client, w) -> dict[str, str]:
    report = w["report"]
    exits = {
        "page": client.get(reverse("portal:report", args=[report.tracking_id])),
        "list": client.get(reverse("portal:browse")),
        "feed": client.get(reverse("portal:feed_agency", kwargs={"code": w["agency"].code})),
    }
    for name, response in exits.items():
        assert response.status_code == 200, name
        assert report.tracking_id in response.content.decode(), name  # the report is there
    return {name: response.content.decode() for name, response in exits.items()}


def test_the_verifier_hides_a_passage_and_the_public_exits_lose_it(w):
    national = signed_in(w["national"])
    assert 'id="act-redact"' in console_page(national, w["report"])
    # Before: the passage is public (the control that lets this test fail).
    assert all(PASSAGE in html for html in public_exits(Client(), w).values())

    response = redact(national, w["report"])
    assert response.status_code == 302
    assert Report.objects.get(pk=w["report"].pk).redactions == [PASSAGE]
    assert PASSAGE in console_page(national, w["report"])  # listed as hidden

    for name, html in public_exits(Client(), w).items():
        assert PASSAGE not in html and "warung Bu Tini" not in html, name
        assert "[hidden by the verifier]" in html, name
    for who in ("reporter", "handler"):
        html = signed_in(w[who]).get(reverse("portal:report", args=[w["report"].tracking_id]))
        assert PASSAGE in html.content.decode(), who


def test_the_redaction_is_on_the_officials_timeline_only(w):
    redact(signed_in(w["national"]), w["report"])
    event = ReportEvent.objects.get(code="report.redacted")
    assert event.data == {"passage": PASSAGE}
    reporter_page = signed_in(w["reporter"]).get(
        reverse("portal:report", args=[w["report"].tracking_id])
    )
    assert "Part of the text hidden from the public" not in reporter_page.content.decode()
    assert "Part of the text hidden from the public" in console_page(
        signed_in(w["handler"]), w["report"]
    )


def test_an_official_who_is_not_the_verifier_has_no_form_and_is_refused(w):
    handler = signed_in(w["handler"])
    assert 'id="act-redact"' not in console_page(handler, w["report"])
    response = redact(handler, w["report"])
    assert response.status_code == 302
    assert Report.objects.get(pk=w["report"].pk).redactions == []
    assert not ReportEvent.objects.filter(code="report.redacted").exists()


def test_a_passage_not_in_the_text_is_refused_with_a_message(w):
    national = signed_in(w["national"])
    response = redact(national, w["report"], passage="tidak ada di laporan")
    assert response.status_code == 302
    assert Report.objects.get(pk=w["report"].pk).redactions == []
    html = national.get(response["Location"]).content.decode()
    assert "This passage is not in the report" in html


def test_a_signed_in_official_without_the_second_factor_cannot_redact(w):
    client = Client()
    client.force_login(w["national"])  # password only
    response = redact(client, w["report"])
    assert response.status_code == 302 and "/kode/" in response["Location"]
    assert Report.objects.get(pk=w["report"].pk).redactions == []

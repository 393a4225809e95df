"""The whole official path in a real browser (Playwright on Debian's chromium), with
and without JavaScript, and the refusals."""

from __future__ import annotations

from binascii import unhexlify
from typing import Any

import pytest
from django_otp.oath import totp

from lapor.reports import services as report_services
from lapor.reports.choices import Status
from lapor.reports.models import Report
from lapor.testing.browser import axe_violations, format_violations

from .conftest import TEST_TOTP_KEY, build_cast, give_totp, official, person, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code() -> str:
    return f"{totp(unhexlify(TEST_TOTP_KEY)):06d}"


def sign_in(page: Any, base: str, user: Any, *, second_factor: bool = True) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/konsol/masuk/")
    page.fill("#id_login", user.email)
    page.fill("#id_password", "rahasia-123")
    page.click("form[action$='/konsol/masuk/'] button[type=submit]")
    page.wait_for_url("**/konsol/kode/**")
    if second_factor:
        page.fill("#id_token", code())
        page.click("form[action$='/konsol/kode/'] button[type=submit]")
        page.wait_for_url(lambda url: "/konsol/kode/" not in url)


def status_of(report: Report) -> str:
    return Report.objects.get(pk=report.pk).status


@pytest.fixture
def world(live_server: Any, settings: Any) -> Any:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cast = build_cast()
    for user in (cast.national, cast.regency_admin, cast.dinas_admin, cast.other_admin):
        # One device per user, and each user signs in once per test: a TOTP code is
        # accepted once per device and time step.
        give_totp(user)
    return cast


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_the_official_path_from_desk_to_closing(
    world: Any, live_server: Any, page: Any, page_nojs: Any, js: bool
) -> None:
    tab = page if js else page_nojs
    tab.set_viewport_size({"width": 1280, "height": 900})
    base = live_server.url
    cast = world
    report = submit(cast.reporter, title="Jalan berlubang di depan SD Negeri 3")

    # The verifier sends it to the regency.
    sign_in(tab, base, cast.national)
    tab.goto(f"{base}/konsol/verifikasi/")
    tab.click(f"a[href='/konsol/laporan/{report.tracking_id}/']")
    tab.wait_for_selector("#act-dispose")
    violations = axe_violations(tab) if js else []
    assert not violations, format_violations(violations)
    # The note for the agency says it is for officials only (issue 8, finding 5).
    assert tab.get_attribute("#dispose-note-audience", "data-audience") == "internal"
    assert tab.locator("#dispose-note-audience").is_visible()
    if js:
        tab.locator("#dispose-agency_q").press_sequentially("kabupaten bandung")
    else:
        tab.fill("#dispose-agency_q", "kabupaten bandung")
        tab.click("#act-dispose button[name=search]")
    tab.check(f"#dispose-agency-{cast.regency.pk}")
    tab.click("#act-dispose button[type=submit]:not([name])")
    tab.wait_for_selector(".messages")
    assert status_of(report) == Status.DISPOSED

    # The regency's admin passes it to the dinas.
    sign_in(tab, base, cast.regency_admin)
    tab.goto(f"{base}/konsol/kotak-masuk/")
    assert tab.locator(f"text=#{report.tracking_id}").count() == 1
    tab.click(f"a[href='/konsol/laporan/{report.tracking_id}/']")
    tab.select_option("#dispose_to_unit-unit_id", str(cast.dinas.pk))
    tab.fill("#dispose_to_unit-note", "Mohon ditinjau minggu ini.")
    tab.click("#act-unit button[type=submit]")
    tab.wait_for_selector(".messages")
    assert Report.objects.get(pk=report.pk).unit_id == cast.dinas.pk

    # The dinas officer follows up.
    sign_in(tab, base, cast.dinas_admin)
    tab.goto(f"{base}/konsol/laporan/{report.tracking_id}/")
    tab.fill("#follow_up-note", "Tim sudah meninjau lokasi dan menjadwalkan perbaikan.")
    tab.click("#act-follow_up button[type=submit]")
    tab.wait_for_selector(".messages")
    assert status_of(report) == Status.IN_PROGRESS

    # The reporter replies (through the services, as the portal will).
    report_services.report_reply(
        report_id=report.pk,
        actor=person(cast.reporter),
        note="Terima kasih, ditunggu perbaikannya.",
    )

    # The dinas resolves.
    tab.goto(f"{base}/konsol/laporan/{report.tracking_id}/")
    assert tab.locator("text=Terima kasih, ditunggu perbaikannya.").count() == 1
    tab.click("#act-resolve summary")  # one of the other actions: a closed disclosure
    tab.fill("#resolve-note", "Lubang sudah ditambal pada hari Senin.")
    tab.click("#act-resolve button[type=submit]")
    tab.wait_for_selector(".messages")
    assert status_of(report) == Status.RESOLVED

    # The reporter accepts: the report closes.
    report_services.report_close(report_id=report.pk, actor=person(cast.reporter), rating=5)
    assert status_of(report) == Status.CLOSED
    tab.goto(f"{base}/konsol/laporan/{report.tracking_id}/")
    assert tab.locator(".status-closed").count() == 1


def test_refusals(world: Any, live_server: Any, page: Any) -> None:
    base = live_server.url
    cast = world
    named = submit(cast.reporter, title="Puskesmas tutup di jam kerja")
    anonymous = submit(cast.reporter, title="Pungutan liar di kantor kecamatan", is_anonymous=True)
    for r in (named, anonymous):
        report_services.report_dispose(
            report_id=r.pk, actor=official(cast.national), agency_id=cast.regency.pk
        )

    # An official of another agency cannot open the report.
    sign_in(page, base, cast.other_admin)
    response = page.goto(f"{base}/konsol/laporan/{named.tracking_id}/")
    assert response.status == 404

    # An agency official never sees an anonymous reporter's name.
    sign_in(page, base, cast.regency_admin)
    page.goto(f"{base}/konsol/laporan/{anonymous.tracking_id}/")
    assert cast.reporter.full_name not in page.content()
    assert page.locator("#reporter").inner_text().strip().startswith("Anonymous") or (
        "Anonim" in page.locator("#reporter").inner_text()
    )
    page.goto(f"{base}/konsol/laporan/{named.tracking_id}/")
    assert cast.reporter.full_name in page.locator("#reporter").inner_text()

    # An official without a second factor cannot act: the console sends them to the code.
    sign_in(page, base, cast.dinas_admin, second_factor=False)
    page.goto(f"{base}/konsol/laporan/{named.tracking_id}/")
    assert "/konsol/kode/" in page.url
    assert page.locator("#act-follow_up").count() == 0
    assert status_of(named) == Status.DISPOSED


def test_sign_in_errors_are_linked_to_their_fields(world: Any, live_server: Any, page: Any) -> None:
    """Bad input on the sign-in steps: a summary that takes the focus and links to each
    field, the message beside the field, and no axe violations."""
    base = live_server.url
    cast = world
    page.goto(f"{base}/konsol/masuk/")
    page.fill("#id_login", cast.national.email)
    page.click("form[action$='/konsol/masuk/'] button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert page.get_attribute("#id_password", "aria-invalid") == "true"
    assert page.get_attribute("#id_password", "aria-describedby") == "id_password_error"
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    page.click(".error-summary a[href='#id_password']")
    assert page.evaluate("document.activeElement.id") == "id_password"

    page.fill("#id_password", "rahasia-123")
    page.click("form[action$='/konsol/masuk/'] button[type=submit]")
    page.wait_for_url("**/konsol/kode/**")
    page.fill("#id_token", "12345")
    page.click("form[action$='/konsol/kode/'] button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert page.locator("#id_token_error").is_visible()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    assert "/konsol/kode/" in page.url

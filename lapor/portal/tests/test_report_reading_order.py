"""The report page in reading order (issue 9): where it stands and by when, the latest
answer, the reporter's choices, then the report and its history."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from lapor.reports import services
from lapor.reports.choices import Status, Visibility
from lapor.reports.models import Attachment, Report
from lapor.testing.factories import as_official

from .helpers import answered_report, build_world, public_report

pytestmark = pytest.mark.django_db

ANSWER = "Jalan sudah ditambal."
FIRST_FOLLOW_UP = "Sudah kami cek ke lokasi."


@pytest.fixture
def w():
    return build_world()


def url(report, name="portal:report"):
    return reverse(name, kwargs={"tracking_id": report.tracking_id})


def photo(name: str = "tambalan.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (90, 90, 90)).save(out, "JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def answered_with_photo(w) -> Report:
    report = public_report(w)
    clerk = as_official(w.clerk)
    services.report_follow_up(report_id=report.pk, actor=clerk, note=FIRST_FOLLOW_UP)
    return services.report_resolve(
        report_id=report.pk, actor=clerk, note=ANSWER, files=[photo()]
    ).report


def section(html: str, section_id: str) -> str:
    start = html.index(f'id="{section_id}"')
    return html[start : html.index("</section>", start)]


def get(client, report, *, lang: str = "id") -> str:
    client.cookies["django_language"] = lang
    response = client.get(url(report))
    assert response.status_code == 200
    return response.content.decode()


def test_the_reporter_reads_the_answer_before_the_rating_form(client, w):
    report = answered_report(w)
    client.force_login(w.reporter)
    html = get(client, report)
    next_step = html.index('id="next-step"')
    answer = html.index(ANSWER)
    rating_form = html.index(url(report, "portal:report_close"))
    reply_form = html.index(url(report, "portal:report_reply"))
    history = html.index('id="timeline"')
    assert next_step < answer < rating_form < reply_form < history
    # The answer block holds the newest answer only; the older follow-up is history.
    block = section(html, "answer")
    assert ANSWER in block and FIRST_FOLLOW_UP not in block
    assert html.index(FIRST_FOLLOW_UP) > history


def test_the_public_reads_the_same_order_without_choices(client, w):
    report = answered_report(w)
    html = get(client, report)
    assert url(report, "portal:report_close") not in html
    assert url(report, "portal:report_reply") not in html
    assert 'id="choices"' not in html
    assert html.index('id="next-step"') < html.index(ANSWER) < html.index('id="timeline"')
    assert html.index(ANSWER) < html.index('id="about"') < html.index('id="timeline"')


def test_an_answer_for_the_reporter_only_is_not_the_publics_latest_answer(client, w):
    report = public_report(w)
    clerk = as_official(w.clerk)
    services.report_follow_up(report_id=report.pk, actor=clerk, note=FIRST_FOLLOW_UP)
    services.report_follow_up(
        report_id=report.pk,
        actor=clerk,
        note="Nomor petugas lapangan kami kirim ke Anda.",
        visibility=Visibility.REPORTER,
    )
    public = section(get(client, report), "answer")
    assert FIRST_FOLLOW_UP in public and "Nomor petugas" not in public
    client.force_login(w.reporter)
    own = section(get(client, report), "answer")
    assert "Nomor petugas" in own and FIRST_FOLLOW_UP not in own


def test_an_internal_note_is_never_the_latest_answer(client, w):
    report = answered_report(w)
    services.report_note_add(
        report_id=report.pk, actor=as_official(w.clerk), note="Catatan internal petugas."
    )
    client.force_login(w.reporter)
    html = get(client, report)
    assert "Catatan internal petugas." not in html
    assert ANSWER in section(html, "answer")


def test_the_answers_photo_is_a_lazy_thumbnail_linking_to_the_file(client, w):
    report = answered_with_photo(w)
    attachment = Attachment.objects.get(report=report, event__code="report.resolved")
    client.force_login(w.reporter)
    block = section(get(client, report), "answer")
    link = re.search(rf'<a href="/attachments/{attachment.pk}/"[^>]*><img ([^>]*)></a>', block)
    assert link, block
    img = link.group(1)
    assert f'src="/attachments/{attachment.pk}/small/"' in img
    assert 'loading="lazy"' in img and 'width="160"' in img and 'height="120"' in img
    assert 'alt="Foto: tambalan.jpg"' in img or 'alt="Photo: tambalan.jpg"' in img
    assert client.get(f"/attachments/{attachment.pk}/small/")["Content-Type"] == "image/jpeg"


def test_a_document_stays_a_link_with_its_size(client, w):
    from lapor.reports.tests.test_attachments import PDF

    report = public_report(w)
    services.report_follow_up(
        report_id=report.pk,
        actor=as_official(w.clerk),
        note="Surat balasan terlampir.",
        files=[SimpleUploadedFile("surat.pdf", PDF, content_type="application/pdf")],
    )
    block = section(get(client, report), "answer")
    assert "surat.pdf" in block and "/small/" not in block and "<img" not in block


def test_next_step_names_who_is_waited_for_and_the_day(client, w):
    report = public_report(w)  # disposed: the agency's first answer is due
    html = get(client, report, lang="en")
    line = section(html + "</section>", "next-step")
    assert "Waiting for the agency&#x27;s first answer" in line
    due = timezone.localtime(report.first_followup_due_at)
    assert f"due by {due:%A}, {due.day} {due:%B %Y}" in line
    assert "late" not in line


def test_next_step_says_late_when_the_day_has_passed(client, w):
    report = public_report(w)
    Report.objects.filter(pk=report.pk).update(
        first_followup_due_at=timezone.now() - timedelta(days=3)
    )
    line = section(get(client, report, lang="en") + "</section>", "next-step")
    assert "late: it was due by" in line


def test_next_step_for_the_reporter_of_an_answered_report(client, w):
    report = answered_report(w)
    client.force_login(w.reporter)
    line = section(get(client, report, lang="en") + "</section>", "next-step")
    assert "accept and rate it, or reply" in line


def test_rating_errors_still_show_below_the_answer(client, w):
    report = answered_report(w)
    client.force_login(w.reporter)
    response = client.post(url(report, "portal:report_close"), {"satisfied": "no"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#id_rating_0"' in html  # the error summary links to the field
    form = html.index(f'action="{url(report, "portal:report_close")}"')
    assert html.index(ANSWER) < form < html.index('id="timeline"')
    assert Report.objects.get(pk=report.pk).status == Status.RESOLVED


# --- "Selesai selesai" --------------------------------------------------------------------

_REPEAT = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE | re.UNICODE)


def _text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_step_repeats_a_word(client, w, lang):
    report = answered_report(w)
    client.force_login(w.reporter)
    response = client.post(url(report, "portal:report_close"), {"rating": "5", "satisfied": "yes"})
    assert response.status_code == 302
    assert Report.objects.get(pk=report.pk).status == Status.CLOSED
    html = section(get(client, report, lang=lang), "steps")
    steps = [_text(li) for li in re.findall(r"<li[^>]*>(.*?)</li>", html, re.S)]
    assert len(steps) == 5, steps
    for step in steps:
        assert not _REPEAT.search(step), step
        assert re.search(r"\d{4}", step), step  # each says the day it was done
    text = " ".join(steps).lower()
    assert "selesai selesai" not in text and "done done" not in text


def test_the_reports_own_photos_stand_with_the_report_not_in_the_history(client, w):
    report = public_report(w, files=[photo("lubang.jpg")])
    attachment = Attachment.objects.get(report=report)
    html = get(client, report)
    thumb = f'src="/attachments/{attachment.pk}/small/"'
    assert thumb in section(html, "about")
    assert html.count(thumb) == 1
    assert f"/attachments/{attachment.pk}/" not in section(html, "timeline")

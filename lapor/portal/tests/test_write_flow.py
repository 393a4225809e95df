"""Writing a report through the guided flow, over HTTP (no JavaScript needed).

place → files → what happened → kind and topic → agency → privacy → check → send. Each
step stores its answers in the citizen's draft (read back from the database), and the
report that is sent holds exactly what was chosen.
"""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lapor.agencies.models import RoutingRule
from lapor.portal.models import DraftFile, WriteDraft
from lapor.reports.models import Attachment, Report
from lapor.testing.factories import UserFactory, make_region

from .conftest import PNG_1PX
from .helpers import DESCRIPTION, build_world, public_report

pytestmark = pytest.mark.django_db

STEP_URLS = [
    "portal:write",
    "portal:write_files",
    "portal:write_story",
    "portal:write_kind",
    "portal:write_agency",
    "portal:write_privacy",
    "portal:write_check",
]


@pytest.fixture
def w():
    return build_world()


def draft_of(user) -> dict:
    return WriteDraft.objects.get(owner=user).data


def post_place(client, **values):
    data = {"province": "", "regency": "", "district": "", "village": "", "address": ""}
    data.update(values)
    return client.post(reverse("portal:write"), data)


def photo(name="jalan.png"):
    return SimpleUploadedFile(name, PNG_1PX, content_type="image/png")


def walk(client, w, *, place=None, files=(), kind=None, agency="", privacy=None):
    """Answer every step as a browser without JavaScript would."""
    place = place or {
        "province": "32",
        "regency": "32.73",
        "district": "32.73.01",
        "village": w.village.code,
        "address": "Depan Pasar Baru",
    }
    assert post_place(client, **place).status_code == 302
    for f in files:
        response = client.post(reverse("portal:write_files_upload"), {"attachments": [f]})
        assert response.status_code == 302
    response = client.post(
        reverse("portal:write_story"),
        {
            "title": "Jalan berlubang di depan pasar",
            "description": DESCRIPTION,
            "incident_date": "2026-01-15",
        },
    )
    assert response.status_code == 302
    kind = kind or {"classification": "pengaduan", "category": str(w.category.pk)}
    assert client.post(reverse("portal:write_kind"), kind).status_code == 302
    assert client.post(reverse("portal:write_agency"), {"target_agency": agency}).status_code == 302
    assert client.post(reverse("portal:write_privacy"), privacy or {}).status_code == 302


def send(client):
    return client.post(reverse("portal:write_send"))


# --- the steps ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", STEP_URLS)
def test_every_step_needs_an_account(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_each_step_leads_to_the_next_and_stores_its_answers(client, w):
    client.force_login(w.reporter)
    response = post_place(client, province="32", regency="32.73", address="  Depan   Pasar ")
    assert response.url == reverse("portal:write_files")
    stored = draft_of(w.reporter)
    assert stored["province"] == "32" and stored["regency"] == "32.73"
    assert stored["district"] == "" and stored["village"] == ""
    assert stored["address"] == "Depan Pasar"

    response = client.post(
        reverse("portal:write_story"),
        {"title": "Jalan berlubang parah", "description": DESCRIPTION, "incident_date": ""},
    )
    assert response.url == reverse("portal:write_kind")
    assert draft_of(w.reporter)["title"] == "Jalan berlubang parah"

    response = client.post(
        reverse("portal:write_kind"), {"classification": "aspirasi", "category": w.category.pk}
    )
    assert response.url == reverse("portal:write_agency")
    stored = draft_of(w.reporter)
    assert stored["classification"] == "aspirasi" and stored["category"] == str(w.category.pk)

    response = client.post(reverse("portal:write_agency"), {"target_agency": ""})
    assert response.url == reverse("portal:write_privacy")
    response = client.post(reverse("portal:write_privacy"), {"is_anonymous": "on"})
    assert response.url == reverse("portal:write_check")
    stored = draft_of(w.reporter)
    assert stored["is_anonymous"] is True and stored["is_confidential"] is False
    # Earlier answers are still there: each step adds to the draft.
    assert stored["province"] == "32" and stored["title"] == "Jalan berlubang parah"
    assert Report.objects.count() == 0


def test_a_step_with_errors_says_so_and_stores_nothing(client, w):
    client.force_login(w.reporter)
    response = client.post(
        reverse("portal:write_story"), {"title": "Jalan", "description": "Terlalu pendek"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_description"' in html and 'href="#id_title"' in html
    assert 'value="Jalan"' in html  # what was typed comes back
    assert not WriteDraft.objects.filter(owner=w.reporter).exists()

    response = client.post(reverse("portal:write_kind"), {"classification": ""})
    assert 'href="#id_classification_0"' in response.content.decode()


def test_the_place_needs_a_province_or_a_map_point(client, w):
    client.force_login(w.reporter)
    response = post_place(client)
    assert response.status_code == 200
    assert 'href="#id_province"' in response.content.decode()
    response = post_place(client, latitude="48.85", longitude="2.35")
    assert 'href="#id_latitude"' in response.content.decode()
    response = post_place(client, latitude="-6.9175", longitude="107.6191")
    assert response.status_code == 302
    assert draft_of(w.reporter)["latitude"] == "-6.9175"


def test_required_and_optional_parts_are_marked(client, w):
    client.force_login(w.reporter)
    html = client.get(reverse("portal:write_story")).content.decode()
    title_label = html.split('for="id_title"')[1].split("</label>")[0]
    date_label = html.split('for="id_incident_date"')[1].split("</label>")[0]
    assert "optional" not in title_label  # required: no mark (GOV.UK)
    assert 'class="optional"' in date_label
    assert "Parts marked optional can be left empty" in html or "tidak wajib" in html


# --- the region cascade never guesses ------------------------------------------------------


def test_without_javascript_the_next_list_comes_with_its_placeholder_chosen(client, w):
    make_region("32.73.02", name="Cicendo")
    client.force_login(w.reporter)
    response = post_place(client, province="32", _action="region", address="Depan pasar")
    assert response.status_code == 302 and response.url.endswith("#id_regency")
    html = client.get(response.url.split("#")[0]).content.decode()
    regency = html.split('id="id_regency"')[1].split("</select>")[0]
    assert '<option value="32.73">' in regency  # offered, not chosen
    assert '<option value="" selected>' in regency
    assert "Depan pasar" in html  # typed before the button: kept
    assert Report.objects.count() == 0

    response = post_place(client, province="32", regency="32.73", _action="region")
    assert response.url.endswith("#id_district")
    html = client.get(reverse("portal:write")).content.decode()
    district = html.split('id="id_district"')[1].split("</select>")[0]
    assert '<option value="" selected>' in district
    assert '<option value="32.73.01">' in district and district.count("selected") == 1


def test_a_lower_level_of_another_province_is_dropped(client, w):
    make_region("51.71", name="Kota Denpasar")
    client.force_login(w.reporter)
    post_place(client, province="51", regency="32.73", district="32.73.01", _action="region")
    stored = draft_of(w.reporter)
    assert stored["province"] == "51"
    assert stored["regency"] == stored["district"] == stored["village"] == ""


def test_region_options_give_the_level_below_with_the_placeholder_first(client, w):
    response = client.get(reverse("portal:region_options"), {"province": "32"})
    data = response.json()
    assert data["level"] == "regency"
    assert data["options"][0][0] == ""  # the placeholder, which the script keeps chosen
    assert ["32.73", "Kota Bandung"] in data["options"] or any(
        code == "32.73" for code, _name in data["options"]
    )
    assert client.get(reverse("portal:region_options")).status_code == 404


def test_province_and_regency_only_saves_the_regency(client, w):
    client.force_login(w.reporter)
    walk(client, w, place={"province": "32", "regency": "32.73"})
    response = send(client)
    report = Report.objects.get()
    assert response.url == reverse("portal:report_sent", kwargs={"tracking_id": report.tracking_id})
    assert report.region_id == "32.73"


# --- check your answers and send -----------------------------------------------------------


def test_check_answers_shows_what_is_saved_with_change_links(client, w):
    client.force_login(w.reporter)
    walk(client, w, files=[photo()], privacy={"is_confidential": "on"})
    response = client.get(reverse("portal:write_check"))
    html = response.content.decode()
    for needle in (
        "Jalan berlubang di depan pasar",
        "Depan Pasar Baru",
        "Sukajadi",
        w.category.name,
        "jalan.png",
    ):
        assert needle in html, needle
    for name in STEP_URLS[:-1]:
        assert f'href="{reverse(name)}?ubah=1"' in html
    # A change returns to the check page.
    response = client.post(
        reverse("portal:write_kind") + "?ubah=1", {"classification": "informasi", "category": ""}
    )
    assert response.url == reverse("portal:write_check")
    assert draft_of(w.reporter)["classification"] == "informasi"


def test_send_files_exactly_what_was_chosen(client, w, django_capture_on_commit_callbacks):
    RoutingRule.objects.create(category=w.topic, region_id="32.73", agency=w.agency)
    client.force_login(w.reporter)
    walk(
        client,
        w,
        files=[photo()],
        agency=str(w.agency.pk),
        privacy={"is_anonymous": "on", "is_confidential": "on"},
    )
    # Once place and topic are known, the routing rules suggest the agency.
    html = client.get(reverse("portal:write_agency")).content.decode()
    assert f"{w.agency.name} (" in html
    stored = [f.file.name for f in DraftFile.objects.all()]
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client)
    report = Report.objects.get()
    assert response.url == reverse("portal:report_sent", kwargs={"tracking_id": report.tracking_id})
    assert report.reporter_id == w.reporter.pk
    assert report.region_id == w.village.code
    assert report.category_id == w.category.pk
    assert report.classification == "pengaduan"
    assert report.target_agency_id == w.agency.pk and report.agency_id == w.agency.pk
    assert report.is_anonymous is True and report.is_confidential is True
    assert report.address == "Depan Pasar Baru"
    assert str(report.incident_date) == "2026-01-15"
    attachment = Attachment.objects.get(report=report)
    assert attachment.kind == "image" and attachment.original_name == "jalan.png"
    assert attachment.event.code == "report.submitted"
    with attachment.file.open("rb") as fh:
        assert fh.read() == PNG_1PX
    # The draft and its stored files are gone.
    assert not WriteDraft.objects.exists() and not DraftFile.objects.exists()
    assert stored and not any(default_storage.exists(name) for name in stored)
    html = client.get(response.url).content.decode()
    assert report.tracking_id in html


def test_a_file_from_step_two_is_attached_after_the_later_steps(client, w):
    client.force_login(w.reporter)
    assert post_place(client, province="32").status_code == 302
    client.post(reverse("portal:write_files_upload"), {"attachments": [photo("lubang.png")]})
    # Later steps, each a full page round trip, some with errors first.
    client.post(reverse("portal:write_story"), {"title": "", "description": ""})
    walk(client, w, place={"province": "32", "regency": "32.73"})
    send(client)
    report = Report.objects.get()
    assert [a.original_name for a in report.attachments.all()] == ["lubang.png"]


def test_double_send_files_one_report(client, w):
    client.force_login(w.reporter)
    walk(client, w)
    first = send(client)
    second = send(client)
    assert Report.objects.count() == 1
    assert second.status_code == 302 and second.url == first.url


def test_refused_send_keeps_the_draft_and_links_the_step(client, w):
    client.force_login(w.reporter)
    post_place(client, province="32")
    response = send(client)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html and 'href="#answer-story"' in html
    assert Report.objects.count() == 0
    assert draft_of(w.reporter)["province"] == "32"


def test_send_without_a_draft_goes_back_to_the_start(client, w):
    client.force_login(w.reporter)
    response = send(client)
    assert response.url == reverse("portal:write") and Report.objects.count() == 0


def test_the_draft_survives_a_new_session(client, w):
    client.force_login(w.reporter)
    walk(client, w, files=[photo()])
    client.logout()
    client.force_login(w.reporter)  # later, another session of the same person
    html = client.get(reverse("portal:write_story")).content.decode()
    assert 'value="Jalan berlubang di depan pasar"' in html
    html = client.get(reverse("portal:write")).content.decode()
    assert f'<option value="{w.village.code}" selected>' in html
    assert "jalan.png" in client.get(reverse("portal:write_files")).content.decode()


def test_start_again_throws_the_draft_away(client, w, django_capture_on_commit_callbacks):
    client.force_login(w.reporter)
    walk(client, w, files=[photo()])
    stored = DraftFile.objects.get().file.name
    assert default_storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal:write_restart"))
    assert response.url == reverse("portal:write")
    assert not WriteDraft.objects.exists() and not default_storage.exists(stored)


# --- helpers of the steps ------------------------------------------------------------------


def test_similar_open_reports_are_suggested_and_confidential_never(client, w):
    existing = public_report(w, title="Jalan berlubang dekat sekolah")
    response = client.get(
        reverse("portal:similar"), {"title": "Jalan berlubang parah", "region": w.village.code}
    )
    assert existing.tracking_id in response.content.decode()
    confidential = public_report(w, title="Pungutan liar sekolah", is_confidential=True)
    response = client.get(reverse("portal:similar"), {"title": "Pungutan liar"})
    assert confidential.tracking_id not in response.content.decode()
    # Without JavaScript the next step shows them, from the title saved in the draft.
    client.force_login(w.reporter)
    walk(client, w)
    assert existing.tracking_id in client.get(reverse("portal:write_kind")).content.decode()


def test_agency_search_without_javascript(client, w):
    client.force_login(w.reporter)
    response = client.post(
        reverse("portal:write_agency"), {"_action": "search", "agency_q": "Bandung"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert w.agency.name in html and f'value="{w.agency.pk}"' in html
    assert not WriteDraft.objects.filter(owner=w.reporter).exists()  # a search stores nothing


def test_an_unknown_agency_is_refused(client, w):
    client.force_login(w.reporter)
    response = client.post(reverse("portal:write_agency"), {"target_agency": "999999"})
    assert response.status_code == 200
    assert 'href="#id_target_agency_0"' in response.content.decode()
    # Nothing was stored: no draft holds the unknown agency.
    assert not WriteDraft.objects.filter(owner=w.reporter).exists()


def test_the_write_flow_belongs_to_its_owner(client, w):
    other = UserFactory()
    client.force_login(w.reporter)
    walk(client, w)
    client.force_login(other)
    html = client.get(reverse("portal:write_check")).content.decode()
    assert "Jalan berlubang di depan pasar" not in html
    assert send(client).url == reverse("portal:write")
    assert Report.objects.count() == 0

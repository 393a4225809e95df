"""The agency app's API over HTTP (``/api/v1/agency/``): every endpoint, scope (a key
of agency A gets 404 for agency B's reports), idempotency and privacy (issue 10)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lapor.accounts.choices import Role
from lapor.accounts.principals import SYSTEM
from lapor.api.models import ExternalReport
from lapor.integrations.services import apikey_create
from lapor.reports import services as report_services
from lapor.reports.choices import Channel, Classification, Status, Visibility
from lapor.reports.models import Attachment, Report, ReportEvent

from .test_agency_services import DESCRIPTION, Cast, disposed, make_cast

pytestmark = pytest.mark.django_db

BASE = "/api/v1/agency"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


class Http:
    def __init__(self, cast: Cast) -> None:
        _key, self.raw = apikey_create(actor=SYSTEM, agency_id=cast.agency.pk, name="app")
        _other, self.other_raw = apikey_create(actor=SYSTEM, agency_id=cast.other.pk, name="b")
        self.client = Client()

    def h(self, other: bool = False, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.other_raw if other else self.raw}", **extra}

    def post_json(self, path: str, body: dict[str, Any], **kw: Any) -> Any:
        return self.client.post(
            BASE + path, json.dumps(body), content_type="application/json", headers=self.h(**kw)
        )

    def post_form(self, path: str, data: dict[str, Any], **kw: Any) -> Any:
        return self.client.post(BASE + path, data, headers=self.h(**kw))

    def get(self, path: str, **kw: Any) -> Any:
        query = kw.pop("query", None)
        return self.client.get(BASE + path, query, headers=self.h(**kw))


@pytest.fixture
def cast(db: Any) -> Cast:
    return make_cast()


@pytest.fixture
def http(cast: Cast) -> Http:
    return Http(cast)


def body(**kw: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "external_id": "APP-1",
        "classification": Classification.PENGADUAN,
        "title": "Lampu jalan mati",
        "description": DESCRIPTION,
        "reporter": {"name": "Rina Warga", "email": "rina@example.test", "phone": "081222223333"},
    }
    data.update(kw)
    return data


def test_no_key_or_a_wrong_one_is_401(http: Http) -> None:
    assert http.client.get(BASE + "/reports").status_code == 401
    bad = {"Authorization": "Bearer lapor_nope"}
    assert http.client.get(BASE + "/changes", headers=bad).status_code == 401


def test_create_answers_the_tracking_id_and_a_repeat_the_same_report(http: Http) -> None:
    first = http.post_json("/reports", body())
    assert first.status_code == 201, first.content
    tracking_id = first.json()["tracking_id"]
    report = Report.objects.get(tracking_id=tracking_id)
    assert report.channel == Channel.INTEGRATION and report.status == Status.SUBMITTED
    assert first.json() == {
        "tracking_id": tracking_id,
        "external_id": "APP-1",
        "status": "submitted",
    }
    again = http.post_json("/reports", body(title="Lain"))
    assert again.status_code == 200 and again.json()["tracking_id"] == tracking_id
    assert Report.objects.count() == 1 and ExternalReport.objects.count() == 1


def test_create_refuses_bad_input_in_the_error_shape(http: Http) -> None:
    response = http.post_json("/reports", body(description="pendek"))
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
    assert "description" in response.json()["fields"]
    assert not Report.objects.exists()
    contact = {"name": "X", "email": "", "phone": "12"}
    bad_phone = http.post_json("/reports", body(reporter=contact))
    assert bad_phone.status_code == 422
    assert list(bad_phone.json()["fields"]) == ["reporter.phone"]


def test_the_same_idempotency_key_twice_files_one_report(http: Http) -> None:
    first = http.post_json("/reports", body(external_id="A"), **{"Idempotency-Key": "k-1"})
    again = http.post_json("/reports", body(external_id="A"), **{"Idempotency-Key": "k-1"})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Report.objects.count() == 1
    other = http.post_json("/reports", body(external_id="B"), **{"Idempotency-Key": "k-1"})
    assert other.status_code == 422 and other.json()["code"] == "idempotency_key_reused"
    assert Report.objects.count() == 1


def test_list_and_detail_read_only_the_agencys_reports(cast: Cast, http: Http) -> None:
    mine = disposed(cast)
    theirs = disposed(cast, agency=cast.other)  # public, but not Bandung's to handle
    listed = http.get("/reports")
    assert listed.status_code == 200
    assert [r["tracking_id"] for r in listed.json()["items"]] == [mine.tracking_id]
    assert http.get("/reports", query={"status": "closed"}).json()["items"] == []
    detail = http.get(f"/reports/{mine.tracking_id}")
    assert detail.status_code == 200
    data = detail.json()
    assert data["reporter"]["name"] == "Siti Pelapor"  # like its officials
    codes = [e["code"] for e in data["timeline"]]
    assert codes == ["report.submitted", "report.disposed", "report.noted"]
    assert http.get(f"/reports/{theirs.tracking_id}").status_code == 404
    assert http.get("/reports/LAP-NOPE").status_code == 404
    # Bogor's key reads Bogor's and not Bandung's.
    assert http.get(f"/reports/{mine.tracking_id}", other=True).status_code == 404
    assert http.get(f"/reports/{theirs.tracking_id}", other=True).status_code == 200


def test_list_pages_with_a_cursor(cast: Cast, http: Http) -> None:
    reports = [disposed(cast) for _ in range(3)]
    first = http.get("/reports", query={"limit": 2}).json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    second = http.get("/reports", query={"limit": 2, "cursor": first["next_cursor"]}).json()
    assert second["next_cursor"] is None
    seen = [r["tracking_id"] for r in first["items"] + second["items"]]
    assert sorted(seen) == sorted(r.tracking_id for r in reports)


def test_anonymous_reporter_and_others_internal_notes_stay_out(cast: Cast, http: Http) -> None:
    anonymous = disposed(cast, is_anonymous=True)
    data = http.get(f"/reports/{anonymous.tracking_id}").json()
    assert data["reporter"] is None
    assert "Siti" not in json.dumps(data)
    # An internal note on Bogor's report never reaches Bandung's key, by any door.
    theirs = disposed(cast, agency=cast.other)
    report_services.report_follow_up(
        report_id=theirs.pk, actor=cast.other_key, note="RAHASIA-BOGOR", visibility="internal"
    )
    everything = json.dumps(
        [
            http.get("/reports").json(),
            http.get("/changes").json(),
            http.get(f"/reports/{anonymous.tracking_id}").json(),
        ]
    )
    assert "RAHASIA-BOGOR" not in everything
    # Positive control: Bogor's own key reads it.
    assert "RAHASIA-BOGOR" in json.dumps(http.get("/changes", other=True).json())


def test_moves_with_files_as_the_agency(cast: Cast, http: Http) -> None:
    report = disposed(cast)
    path = f"/reports/{report.tracking_id}"
    to_unit = http.post_form(f"{path}/units", {"unit_id": cast.unit.pk})
    assert to_unit.status_code == 200, to_unit.content
    photo = SimpleUploadedFile("bukti.png", PNG, content_type="image/png")
    follow = http.post_form(f"{path}/followups", {"note": "Sedang dicek", "files": [photo]})
    assert follow.status_code == 201, follow.content
    assert follow.json()["actor"] == "Pemerintah Kota Bandung"
    event = ReportEvent.objects.get(pk=follow.json()["id"])
    assert (event.actor_id, event.actor_agency_id) == (None, cast.agency.pk)
    assert Attachment.objects.filter(event=event).count() == 1
    answer = http.post_form(f"{path}/answer", {"note": "Sudah diperbaiki"})
    assert answer.status_code == 200
    saved = Report.objects.get(pk=report.pk)
    assert (saved.status, saved.unit_id) == (Status.RESOLVED, cast.unit.pk)


def test_not_ours_and_transfer(cast: Cast, http: Http) -> None:
    a = disposed(cast)
    b = disposed(cast)
    declined = http.post_form(f"/reports/{a.tracking_id}/not-ours", {"note": "Bukan wewenang"})
    assert declined.status_code == 200
    assert Report.objects.get(pk=a.pk).status == Status.SUBMITTED
    moved = http.post_form(
        f"/reports/{b.tracking_id}/transfer", {"agency_id": cast.other.pk, "note": "Ke Bogor"}
    )
    assert moved.status_code == 200
    assert Report.objects.get(pk=b.pk).agency_id == cast.other.pk
    # No longer Bandung's: 404 from now on.
    again = http.post_form(f"/reports/{b.tracking_id}/followups", {"note": "x"})
    assert again.status_code == 404


def test_moves_on_another_agencys_report_are_404_and_change_nothing(cast: Cast, http: Http) -> None:
    theirs = disposed(cast, agency=cast.other)
    before = ReportEvent.objects.count()
    path = f"/reports/{theirs.tracking_id}"
    for sub, data in (
        ("followups", {"note": "x"}),
        ("answer", {"note": "x"}),
        ("units", {"unit_id": cast.unit.pk}),
        ("not-ours", {"note": "x"}),
        ("transfer", {"agency_id": cast.agency.pk, "note": "x"}),
    ):
        assert http.post_form(f"{path}/{sub}", data).status_code == 404, sub
    assert ReportEvent.objects.count() == before
    assert Report.objects.get(pk=theirs.pk).status == Status.DISPOSED


def test_an_illegal_move_is_refused_in_the_error_shape(cast: Cast, http: Http) -> None:
    report = disposed(cast)
    http.post_form(f"/reports/{report.tracking_id}/answer", {"note": "Selesai"})
    response = http.post_form(f"/reports/{report.tracking_id}/not-ours", {"note": "x"})
    assert response.status_code == 409
    assert response.json()["code"]


def test_a_move_retried_with_its_idempotency_key_is_made_once(cast: Cast, http: Http) -> None:
    report = disposed(cast)
    path = f"/reports/{report.tracking_id}/followups"
    first = http.post_form(path, {"note": "Satu kali"}, **{"Idempotency-Key": "m-1"})
    again = http.post_form(path, {"note": "Satu kali"}, **{"Idempotency-Key": "m-1"})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert ReportEvent.objects.filter(report=report, code="report.followed_up").count() == 1


def test_the_changes_feed_over_http_across_restarts(cast: Cast, http: Http) -> None:
    report = disposed(cast)
    page = http.get("/changes").json()
    ids = [e["id"] for e in page["events"]]
    assert ids == list(
        ReportEvent.objects.filter(report=report).order_by("pk").values_list("pk", flat=True)
    )
    assert {e["visibility"] for e in page["events"]} >= {Visibility.INTERNAL}
    cursor = page["cursor"]
    assert http.get("/changes", query={"cursor": cursor}).json()["events"] == []
    http.post_form(f"/reports/{report.tracking_id}/followups", {"note": "Baru"})
    new = http.get("/changes", query={"cursor": cursor}).json()
    assert [e["code"] for e in new["events"]] == ["report.followed_up"]
    assert new["events"][0]["tracking_id"] == report.tracking_id
    bad = http.get("/changes", query={"cursor": "%%%"})
    assert bad.status_code == 422 and "cursor" in bad.json()["fields"]


def test_an_official_session_is_not_an_agency_key(cast: Cast, http: Http) -> None:
    from lapor.testing.factories import make_member
    from lapor.testing.otp import force_login_verified

    client = Client()
    force_login_verified(client, make_member(Role.ADMIN_INSTANSI, cast.agency))
    assert client.get(BASE + "/reports").status_code == 401

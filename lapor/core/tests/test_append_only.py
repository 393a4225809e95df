import pytest

from lapor.core.models import AppendOnlyError
from lapor.reports.models import ReportEvent
from lapor.testing.factories import make_report

pytestmark = pytest.mark.django_db


def _event():
    report = make_report()
    return ReportEvent.objects.create(report=report, code="report.note", note="asli")


def test_an_event_cannot_be_changed():
    event = _event()
    event.note = "diubah"
    with pytest.raises(AppendOnlyError):
        event.save()
    assert ReportEvent.objects.get(pk=event.pk).note == "asli"


def test_an_event_cannot_be_deleted_one_by_one_or_in_bulk():
    event = _event()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        ReportEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnlyError):
        ReportEvent.objects.filter(pk=event.pk).update(note="x")
    assert ReportEvent.objects.filter(pk=event.pk, note="asli").exists()

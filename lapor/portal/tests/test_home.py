import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_explains_the_flow_in_indonesian_by_default(client):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    assert response["Content-Language"] == "id"
    html = response.content.decode()
    assert '<html lang="id"' in html
    # The legal deadlines, in working days.
    assert "dalam 3 hari kerja" in html
    assert "5 hari kerja" in html
    assert "dalam 10 hari kerja" in html
    for days in ("60", "14"):
        assert f"<td>{days}</td>" in html


def test_home_switches_to_english_without_javascript(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "within 3 working days" in html
    # The switch back is a plain form button.
    assert 'name="language" value="id"' in html


def test_home_counts_only_public_reports(client):
    from lapor.testing.factories import make_report

    make_report(status="in_progress", is_confidential=False)
    make_report(status="in_progress", is_confidential=True)
    make_report(status="submitted")
    from django.core.cache import cache

    cache.clear()
    response = client.get(reverse("portal:home"))
    assert response.context["stats"]["public_reports"] == 1


def test_home_stays_indonesian_for_a_phone_set_to_english(client):
    response = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "id"
    assert "dalam 3 hari kerja" in response.content.decode()

"""Fixtures shared by every app's tests."""

from __future__ import annotations

import pytest
from django.db import connection


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``postgres`` run only when the database is PostgreSQL."""
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """The working-day calendar is cached in the process; a holiday that one test made
    (and whose row was rolled back) must not shift another test's deadlines."""
    from lapor.deadlines.calendar import calendar_clear_cache

    calendar_clear_cache()
    yield
    calendar_clear_cache()


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Service messages in tests read in English unless a test asks for Indonesian;
    requests through the test client still get the language the middleware picks
    (Indonesian by default), as a visitor would."""
    from django.utils import translation

    with translation.override("en"):
        yield


# Browser fixtures (page, page_nojs, browser) for tests marked ``browser``.
pytest_plugins = ["lapor.testing.browser"]


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin_client, reading the admin in English (tests assert its
    English messages; the site itself is Indonesian unless a visitor switches)."""
    from django.conf import settings

    from lapor.testing.otp import force_login_verified

    force_login_verified(client, admin_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client

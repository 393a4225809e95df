"""schemathesis against ``/api/v1/openapi.json``, in process (the WSGI app, no network):
every public GET operation, a bounded number of generated requests each, over a small
world of reports. No answer may be a server error or break its own documented schema."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from lapor.reports.search import search_documents_write
from lapor.testing.factories import CategoryFactory, make_privacy_world, make_region

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 50


@pytest.fixture
def wsgi_app(settings: Any) -> Iterator[Any]:
    """The project's WSGI app, inside the test's transaction: Django's request signals
    would close the connection (and with it the test's transaction) after each request,
    so they are held off as the test client holds them off."""
    settings.API_RATE_LIMIT_PER_MINUTE = 0
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_public_reads_conform_to_their_schema(wsgi_app: Any) -> None:
    world = make_privacy_world()
    make_region("32.73.01")
    CategoryFactory(parent=CategoryFactory(name_en="Roads"))
    search_documents_write([r.pk for r in world.reports.values()])
    schema = (
        schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
        .include(method="GET")
        .exclude(path_regex="^/api/v1/agency/")
    )
    operations = [result.ok() for result in schema.get_all_operations()]
    paths = {operation.path for operation in operations}
    assert paths == {
        "/api/v1/reports",
        "/api/v1/reports/{tracking_id}",
        "/api/v1/categories",
        "/api/v1/agencies",
        "/api/v1/regions",
    }
    for operation in operations:

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case: Any) -> None:
            # A cursor is opaque: one made up by the generator fits the schema's pattern
            # yet names no position, and is rightly refused with 422 on its field.
            made_up_cursor = bool((case.query or {}).get("cursor"))
            case.call_and_validate(
                excluded_checks=[positive_data_acceptance] if made_up_cursor else []
            )

        check()

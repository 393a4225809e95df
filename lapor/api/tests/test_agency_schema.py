"""schemathesis against the agency app's GET operations, with a valid key: no server
error and no answer that breaks its own documented schema."""

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

from lapor.accounts.principals import SYSTEM
from lapor.integrations.services import apikey_create

from .test_agency_services import disposed, make_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def wsgi_app(settings: Any) -> Iterator[Any]:
    settings.API_KEY_RATE_LIMIT_PER_MINUTE = 0
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_agency_reads_conform_to_their_schema(wsgi_app: Any) -> None:
    cast = make_cast()
    disposed(cast)
    disposed(cast, is_anonymous=True)
    _key, raw = apikey_create(actor=SYSTEM, agency_id=cast.agency.pk, name="schema")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app).include(
        method="GET", path_regex="^/api/v1/agency/"
    )
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {operation.path for operation in operations} == {
        "/api/v1/agency/reports",
        "/api/v1/agency/reports/{tracking_id}",
        "/api/v1/agency/changes",
    }
    for operation in operations:

        @settings(
            max_examples=25,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case: Any) -> None:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {raw}"}
            # An opaque cursor made up by the generator is rightly refused (422).
            made_up_cursor = bool((case.query or {}).get("cursor"))
            case.call_and_validate(
                excluded_checks=[positive_data_acceptance] if made_up_cursor else []
            )

        check()

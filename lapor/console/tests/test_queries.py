"""The lists answer in a fixed number of queries, whatever the number of rows."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lapor.reports.choices import Status
from lapor.reports.models import Assignment
from lapor.testing.factories import make_report

from .conftest import verified_client

pytestmark = pytest.mark.django_db

# Session, user, OTP device, role scopes, the agency-id lookups, the rows and one small
# query per related table shown (prefetched), the counters,
# the categories (inbox filter), saved views, units: a budget, not a count to chase.
BUDGET = {"desk": 13, "inbox": 19, "oversight": 13}


def count_queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def fill(cast: Any, n: int) -> None:
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    for i in range(n):
        make_report(
            reporter=cast.reporter,
            status=Status.SUBMITTED,
            due_at=now + timedelta(days=i % 7 - 3),
            region_id="32.04",
        )
        r = make_report(
            reporter=cast.reporter,
            status=Status.IN_PROGRESS,
            agency=cast.regency,
            unit=cast.dinas if i % 2 else None,
            due_at=now + timedelta(days=i % 5 - 2),
            region_id="32.04",
        )
        if i % 3 == 0:
            Assignment.objects.create(report=r, assignee=cast.dinas_admin)


@pytest.mark.parametrize(
    ("name", "url", "role"),
    [
        ("desk", "console:desk", "national"),
        ("inbox", "console:inbox", "regency_admin"),
        ("oversight", "console:oversight", "ombudsman_user"),
    ],
)
def test_list_queries_do_not_grow_with_the_page(
    cast: Any, settings: Any, name: str, url: str, role: str
) -> None:
    client = verified_client(getattr(cast, role))
    fill(cast, 2)
    client.get(reverse(url))  # warm the working-day calendar and the session
    few = count_queries(client, reverse(url))
    fill(cast, 40)
    many = count_queries(client, reverse(url))
    assert few == many
    assert many <= BUDGET[name]


def test_inbox_with_every_filter_stays_within_budget(
    cast: Any, django_assert_max_num_queries: Any
) -> None:
    fill(cast, 30)
    client = verified_client(cast.regency_admin)
    client.get(reverse("console:inbox"))
    url = reverse("console:inbox") + f"?due=overdue&unit={cast.dinas.pk}&mine=1&category=1"
    with django_assert_max_num_queries(BUDGET["inbox"] + 1):
        assert client.get(url).status_code == 200

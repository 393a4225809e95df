"""The officials' console as the server answers it (issue 5): the whole request through
Django (session, OTP middleware, role scopes, selectors, template) for the verification
queue and the agency inbox of the busiest agency and of its busiest unit; the number of
SQL queries each takes; a bare indexed ``SELECT … LIMIT 25`` on the same rows as the
floor; and a bulk disposition of 100 reports (``transition_many``, rolled back).

Targets: p95 under 50 ms with 1,000,000 reports on PostgreSQL; 100 dispositions under
1 s. The officials it signs in as are made once (``bench-console-*@lapor.localhost``),
each with a TOTP device marked verified in the session, as after a real sign-in.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

BENCH_DOMAIN = "@lapor.localhost"


def _official(role: str, agency: Any | None, name: str) -> Any:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from lapor.accounts.models import RoleMembership, User
    from lapor.accounts.services import membership_grant

    email = f"bench-console-{name}{BENCH_DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, full_name=f"Bench {name}")
    if not RoleMembership.objects.filter(user=user, role=role, agency=agency).exists():
        membership_grant(user=user, role=role, agency=agency)
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    return user


def _client(user: Any) -> Any:
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.filter(user=user).first().persistent_id
    session.save()
    return client


def _busiest(column: str) -> int | None:
    """The agency (or unit) holding the most reports, estimated on recent rows."""
    from collections import Counter

    from lapor.reports.models import Report

    ids = (
        Report.objects.exclude(**{column: None})
        .order_by("-submitted_at")
        .values_list(column, flat=True)[:20000]
    )
    counts = Counter(ids)
    return counts.most_common(1)[0][0] if counts else None


def run(
    runs: int, timed: Callable[..., list[float]], percentiles: Callable[..., Any]
) -> dict[str, float]:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from lapor.accounts.choices import Role
    from lapor.accounts.principals import principal_for_user
    from lapor.agencies.models import Agency
    from lapor.reports.choices import Status
    from lapor.reports.models import Report
    from lapor.reports.transitions import Action, transition_many

    agency_id = _busiest("agency_id")
    unit_id = _busiest("unit_id")
    if agency_id is None:
        return {}
    agency = Agency.objects.get(pk=agency_id)
    national = _official(Role.ADMIN_NASIONAL, None, "national")
    instansi = _official(Role.ADMIN_INSTANSI, agency, f"instansi-{agency.pk}")
    pages: dict[str, tuple[Any, str]] = {
        "desk": (_client(national), "/konsol/verifikasi/"),
        "inbox": (_client(instansi), "/konsol/kotak-masuk/"),
        "inbox_overdue": (_client(instansi), "/konsol/kotak-masuk/?due=overdue"),
    }
    if unit_id is not None:
        unit = Agency.objects.get(pk=unit_id)
        unit_admin = _official(Role.ADMIN_UNIT, unit, f"unit-{unit.pk}")
        pages["inbox_unit"] = (_client(unit_admin), "/konsol/kotak-masuk/")

    figures: dict[str, float] = {}
    n = max(runs // 2, 40)
    for name, (client, path) in pages.items():

        def get(i: int, client: Any = client, path: str = path) -> None:
            response = client.get(path, HTTP_ACCEPT_LANGUAGE="id")
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code}")

        figures.update(percentiles(name, timed(get, n)))
        with CaptureQueriesContext(connection) as ctx:
            get(0)
        figures[f"{name}_queries"] = len(ctx.captured_queries)

    # The floor: the inbox's own rows, as bare SQL on the same index.
    work = ("disposed", "in_progress", "escalated")
    sql = (
        f"SELECT id, tracking_id, title, status, due_at FROM {Report._meta.db_table} "
        "WHERE agency_id = %s AND status IN (%s, %s, %s) ORDER BY due_at, id LIMIT 25"
    )

    def floor(i: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, [agency_id, *work])
            cursor.fetchall()

    figures.update(percentiles("floor_inbox_25", timed(floor, runs)))

    # Bulk disposition of 100 waiting reports to the busiest agency, rolled back.
    ids = list(
        Report.objects.filter(status=Status.SUBMITTED)
        .order_by("due_at")
        .values_list("pk", flat=True)[:100]
    )
    if len(ids) == 100:
        times = []
        for _attempt in range(5):
            with transaction.atomic():
                t0 = time.perf_counter()
                result = transition_many(
                    report_ids=ids,
                    action=Action.DISPOSE,
                    actor=principal_for_user(national, verified=True),
                    params={"agency_id": agency_id},
                )
                times.append((time.perf_counter() - t0) * 1000)
                if len(result.done) != 100:
                    raise RuntimeError(f"bulk dispose moved {len(result.done)} of 100")
                transaction.set_rollback(True)
        figures["bulk_dispose_100_ms"] = round(sorted(times)[len(times) // 2], 1)
        figures["bulk_dispose_100_max_ms"] = round(max(times), 1)
    return figures

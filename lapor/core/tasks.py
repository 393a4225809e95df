"""Background tasks of the core app (django-tasks; run by ``manage.py db_worker``)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from lapor.core.outbox import default_worker_id, outbox_drain


@task()
def deliver_outbox(limit: int = 100, max_seconds: float = 30.0) -> dict[str, Any]:
    """Deliver the outbox messages that are due now.

    Queued after each commit that wrote outbox messages, so that they go out within
    moments while a ``db_worker`` runs. It is only an accelerator: ``outbox_dispatch``
    (cron or systemd) finds every due message anyway, and two of these running at once
    share the work without delivering a message twice at the same time.
    """
    report = outbox_drain(
        limit=limit, max_seconds=max_seconds, worker_id=f"task:{default_worker_id()}"
    )
    return {
        "claimed": report.claimed,
        "delivered": report.delivered,
        "failed": report.failed,
        "dead": report.dead,
    }

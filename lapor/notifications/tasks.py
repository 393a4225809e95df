"""Background tasks of the notifications app (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from .services import notifications_send_digests


@task()
def send_daily_digests() -> int:
    """Promise today's digest e-mails (the outbox sends them). Schedule once a day,
    early in the morning WIB; running it again the same day changes nothing."""
    return notifications_send_digests()

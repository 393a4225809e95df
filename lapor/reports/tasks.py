"""Background tasks of the reports app (django-tasks; run by ``manage.py db_worker``)."""

from __future__ import annotations

from django_tasks import task

from lapor.reports.sweeps import sweep_all


@task()
def run_sweeps_task() -> dict[str, int]:
    """Run every deadline sweep once (``reports.sweeps.sweep_all``); returns the counts.

    The same pass as ``manage.py run_sweeps``: idempotent and safe to run beside it.
    """
    return sweep_all()

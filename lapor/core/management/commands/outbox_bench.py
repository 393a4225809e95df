"""``manage.py outbox_bench``: how fast the outbox writes and delivers no-op messages.

It writes to the configured database (rows keyed ``bench:<run>:<n>``, removed afterwards),
so it refuses to run in production.
"""

from __future__ import annotations

import threading
import time
import uuid
from argparse import ArgumentParser
from collections import Counter
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction
from django.test.utils import override_settings

from lapor.core.models import OutboxMessage, OutboxStatus
from lapor.core.outbox import outbox_deliver_due, outbox_enqueue, outbox_handler

_calls: Counter[int] = Counter()
_lock = threading.Lock()


@outbox_handler("bench.noop")
def _noop(payload: dict[str, Any], message: OutboxMessage) -> None:
    with _lock:
        _calls[payload["n"]] += 1


class Command(BaseCommand):
    help = "Measure outbox enqueue and delivery rates with no-op messages (not in production)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--messages", type=int, default=1000)
        parser.add_argument("--workers", type=int, default=1, help="Threads, one connection each.")
        parser.add_argument("--limit", type=int, default=100, help="Messages per delivery pass.")

    def handle(self, *args: Any, **options: Any) -> None:
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("outbox_bench writes test rows; it does not run in production.")
        total, workers = options["messages"], options["workers"]
        run = uuid.uuid4().hex[:8]
        _calls.clear()
        with override_settings(OUTBOX_KICK_ON_COMMIT=False):
            started = time.perf_counter()
            with transaction.atomic():
                for n in range(total):
                    outbox_enqueue(
                        topic="bench.noop", payload={"n": n}, idempotency_key=f"bench:{run}:{n}"
                    )
            enqueue_s = time.perf_counter() - started

            def work(i: int) -> None:
                try:
                    while outbox_deliver_due(
                        limit=options["limit"], worker_id=f"bench-{i}"
                    ).claimed:
                        pass
                finally:
                    connections.close_all()

            threads = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
            started = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            deliver_s = time.perf_counter() - started

        rows = OutboxMessage.objects.filter(idempotency_key__startswith=f"bench:{run}:")
        delivered = rows.filter(status=OutboxStatus.DELIVERED).count()
        rows.delete()
        twice = sum(1 for c in _calls.values() if c > 1)
        self.stdout.write(
            f"{connection.vendor}: {total} messages, {workers} worker(s): "
            f"enqueue {total / enqueue_s:,.0f}/s, deliver {total / deliver_s:,.0f}/s "
            f"({deliver_s:.2f} s); delivered {delivered}, handler calls {sum(_calls.values())}, "
            f"called twice {twice}"
        )
        if delivered != total or twice or len(_calls) != total:
            raise CommandError("Not every message was delivered exactly once.")

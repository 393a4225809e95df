"""``manage.py outbox_bench``: how fast the outbox publishes and delivers no-op messages.

It writes to the configured database (rows keyed ``bench:<run>:<n>``, removed afterwards),
so it refuses to run in production. ``--batch`` publishes with one ``outbox_publish_many``
instead of one ``outbox_publish`` per message.
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
from lapor.core.outbox import (
    outbox_deliver_due,
    outbox_publish,
    outbox_publish_many,
    outbox_subscriber,
)

_calls: Counter[int] = Counter()
_lock = threading.Lock()


@outbox_subscriber("bench.noop", "bench")
def _noop(payload: dict[str, Any], message: OutboxMessage) -> None:
    with _lock:
        _calls[payload["n"]] += 1


class Command(BaseCommand):
    help = "Measure outbox publish and delivery rates with no-op messages (not in production)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--messages", type=int, default=1000)
        parser.add_argument("--workers", type=int, default=1, help="Threads, one connection each.")
        parser.add_argument("--limit", type=int, default=100, help="Messages per delivery pass.")
        parser.add_argument(
            "--batch", action="store_true", help="Publish all messages in one outbox_publish_many."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("outbox_bench writes test rows; it does not run in production.")
        total, workers = options["messages"], options["workers"]
        run = uuid.uuid4().hex[:8]
        _calls.clear()
        with override_settings(OUTBOX_KICK_ON_COMMIT=False):
            started = time.perf_counter()
            with transaction.atomic():
                if options["batch"]:
                    outbox_publish_many(
                        topic="bench.noop",
                        messages=[(f"bench:{run}:{n}", {"n": n}) for n in range(total)],
                    )
                else:
                    for n in range(total):
                        outbox_publish(topic="bench.noop", key=f"bench:{run}:{n}", payload={"n": n})
            publish_s = time.perf_counter() - started

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
            f"publish{' (batch)' if options['batch'] else ''} {total / publish_s:,.0f}/s, "
            f"deliver {total / deliver_s:,.0f}/s "
            f"({deliver_s:.2f} s); delivered {delivered}, handler calls {sum(_calls.values())}, "
            f"called twice {twice}"
        )
        if delivered != total or twice or len(_calls) != total:
            raise CommandError("Not every message was delivered exactly once.")

"""Forget the API's stored answers to ``Idempotency-Key`` requests older than a day."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from lapor.api.services import idempotency_purge


class Command(BaseCommand):
    help = "Delete Idempotency-Key answers older than 24 hours."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = idempotency_purge()
        self.stdout.write(f"{deleted} idempotency keys purged")

"""Revoke an agency API key by its prefix (or its id)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lapor.accounts.principals import SYSTEM
from lapor.integrations.models import ApiKey
from lapor.integrations.services import apikey_revoke


class Command(BaseCommand):
    help = "Revoke an API key, named by its prefix (the 8 characters after 'lapor_') or id."

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--prefix", default=None)
        which.add_argument("--id", type=int, default=None, dest="key_id")

    def handle(self, *args: Any, prefix: str | None, key_id: int | None, **options: Any) -> None:
        if prefix is not None:
            # A whole key pasted by mistake still names its prefix.
            prefix = prefix.removeprefix("lapor_")[:8]
            key = ApiKey.objects.filter(prefix=prefix).first()
        else:
            key = ApiKey.objects.filter(pk=key_id or 0).first()
        if key is None:
            raise CommandError("No API key with that prefix or id.")
        already = key.revoked_at is not None
        key = apikey_revoke(actor=SYSTEM, key_id=key.pk)
        if already:
            self.stdout.write(
                f"API key {key.prefix} was already revoked at {key.revoked_at:%Y-%m-%d %H:%M} UTC."
            )
        else:
            self.stdout.write(f"API key {key.prefix} “{key.name}” revoked.")

"""Issue an agency API key from the command line; the key is the last line printed."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lapor.accounts.principals import SYSTEM
from lapor.agencies.models import Agency
from lapor.core.exceptions import ServiceError, ValidationFailed
from lapor.integrations.services import apikey_create, apikey_expiry_for


class Command(BaseCommand):
    help = "Create an API key for an agency and print it (once) on the last line."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help="The agency's code.")
        parser.add_argument("--name", required=True, help="What the key is for.")
        parser.add_argument("--expires", default=None, help="Last day the key works (YYYY-MM-DD).")

    def handle(
        self, *args: Any, agency: str, name: str, expires: str | None, **options: Any
    ) -> None:
        found = Agency.objects.filter(code=agency).first()
        if found is None:
            raise CommandError(f"No agency with code {agency!r}.")
        if not found.is_active:
            raise CommandError(f"Agency {agency!r} is not active.")
        expires_at = None
        if expires:
            try:
                expires_at = apikey_expiry_for(found, date.fromisoformat(expires))
            except ValueError as exc:
                raise CommandError(f"--expires: {expires!r} is not a date (YYYY-MM-DD).") from exc
        try:
            key, raw = apikey_create(
                actor=SYSTEM, agency_id=found.pk, name=name, expires_at=expires_at
            )
        except ValidationFailed as exc:
            raise CommandError(" ".join(m for msgs in exc.errors.values() for m in msgs)) from exc
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
        until = f", valid through {expires}" if expires else ""
        self.stdout.write(
            f"API key {key.prefix} “{key.name}” for {found.name} ({found.code}){until}."
        )
        self.stdout.write(
            self.style.WARNING(
                "This is the only time the key is shown: store it now. "
                "Only its hash is kept; a lost key cannot be recovered, only revoked."
            )
        )
        self.stdout.write(raw)

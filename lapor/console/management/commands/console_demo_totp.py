"""``manage.py console_demo_totp``: give the demo officials an authenticator key.

Every console sign-in needs a second factor. The demo officials made by ``seed_demo``
have none; this gives each of them a TOTP device with ONE fixed, printed key, so that a
demo (or a screenshot script) can add it to an authenticator app once, or compute the
code with ``oathtool --totp -b KEY``. Never run it on real accounts: it refuses any
user outside the demo domain.
"""

from __future__ import annotations

from base64 import b32encode
from binascii import unhexlify
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp

from lapor.accounts.models import RoleMembership, User
from lapor.console.services import totp_fixed_ensure

# The demo key (hex, 20 bytes). Public on purpose: demo data only.
DEMO_TOTP_KEY_HEX = "4c61706f722144656d6f2d32303236214b6f6e73"
DEMO_DOMAIN = "@lapor.localhost"


def demo_totp_code() -> str:
    return f"{totp(unhexlify(DEMO_TOTP_KEY_HEX)):06d}"


class Command(BaseCommand):
    help = "Give the seed_demo officials a TOTP device with one fixed, printed key."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--code", action="store_true", help="Print the current code only.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["code"]:
            self.stdout.write(demo_totp_code())
            return
        users = {
            m.user
            for m in RoleMembership.objects.filter(
                is_active=True, user__email__endswith=DEMO_DOMAIN
            ).select_related("user")
        }
        # The demo superuser signs in to the Django admin, which needs a code too.
        users |= set(User.objects.filter(is_superuser=True, email__endswith=DEMO_DOMAIN))
        if not users:
            raise CommandError("No demo officials found: run `manage.py seed_demo` first.")
        for user in sorted(users, key=lambda u: u.email or ""):
            totp_fixed_ensure(user=user, key_hex=DEMO_TOTP_KEY_HEX)
            self.stdout.write(f"  {user.email}")
        key_b32 = b32encode(unhexlify(DEMO_TOTP_KEY_HEX)).decode()
        self.stdout.write(
            self.style.SUCCESS(f"{len(users)} demo officials have an authenticator key.")
        )
        self.stdout.write(f"Key (base32, add it to an authenticator app): {key_b32}")
        self.stdout.write(
            f"Current code: {demo_totp_code()}  (or: manage.py console_demo_totp --code)"
        )

"""First-load bytes of the pages people open most, on the demo database.

    make demo && .venv/bin/python bench/page_weight.py [--json]

Each page as its user opens it (a visitor, the demo citizen, the national verifier,
the Bandung unit officer) on a cold cache: HTML plus the CSS and JavaScript it loads,
uncompressed ("bytes") and as the production server sends it ("sent": the HTML as it
is, the static files gzipped by whitenoise). Photos are left out. Budgets from issue
9, on what is sent: the verifier's desk under 60 KB, each write step under 40 KB.
Exits 1 when a page is over its budget.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# url name (or path), who opens it, budget in bytes (None: reported only)
PAGES: list[tuple[str, str | None, int | None]] = [
    ("/", None, None),
    ("/laporan/", None, None),
    ("write", "warga@lapor.localhost", 40_000),
    ("/konsol/verifikasi/", "verifikator@lapor.localhost", 60_000),
    ("/konsol/kotak-masuk/", "dinas.pu.bandung@lapor.localhost", None),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lapor.settings")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'db.sqlite3'}")
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    from lapor.accounts.models import User
    from lapor.testing.otp import force_login_verified
    from lapor.testing.page_weight import page_weight

    setup_test_environment()  # allow the test client's host
    rows = []
    failed = False
    for target, login, budget in PAGES:
        client = Client(HTTP_ACCEPT_LANGUAGE="id")
        if login:
            force_login_verified(client, User.objects.get(email=login))
        urls = write_steps(client) if target == "write" else [target]
        for url in urls:
            weight = page_weight(client, url)
            over = budget is not None and weight.wire > budget
            failed |= over
            rows.append(
                {
                    "url": url,
                    "who": login or "visitor",
                    "bytes": weight.total,
                    "sent": weight.wire,
                    "gzip": weight.gzip_total,
                    "html": weight.html,
                    "assets": weight.assets,
                    "budget": budget,
                    "ok": not over,
                }
            )
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print(f"{'page':24} {'who':34} {'bytes':>8} {'sent':>7} {'budget':>7}")
        for r in rows:
            budget = f"{r['budget']:,}" if r["budget"] else "-"
            mark = "" if r["ok"] else "  OVER"
            print(f"{r['url']:24} {r['who']:34} {r['bytes']:>8,} {r['sent']:>7,} {budget:>7}{mark}")
    return 1 if failed else 0


def write_steps(client: object) -> list[str]:
    """The write flow's steps, in order: each step page as first opened."""
    from django.urls import reverse

    from lapor.portal import write_views

    return [reverse(url_name) for _step, url_name in write_views.STEPS]


if __name__ == "__main__":
    raise SystemExit(main())

"""``manage.py seed_demo``: demo logins for every role and a few hundred reports.

Safe to run again: users are created once, memberships granted once, and reports are
made only when the demo reporters have none yet (``--reset`` deletes and remakes them).
Needs the regions and agencies: ``import_wilayah`` and ``seed_agencies`` first.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from lapor.accounts.choices import Role
from lapor.accounts.models import User
from lapor.accounts.principals import SYSTEM, Principal, principal_for_user
from lapor.accounts.services import membership_grant, user_create
from lapor.agencies.models import Agency, Category
from lapor.demo.bulk import reports_generate
from lapor.demo.generator import WIB, DemoDataMissing, DemoPools
from lapor.regions.models import Region
from lapor.reports import services
from lapor.reports.choices import ArchiveReason, Channel, Classification
from lapor.reports.models import Report

DEMO_PASSWORD = "lapor-demo-2026"  # noqa: S105 - documented demo password, never production
BANDUNG_REGION = "32.73"
BANDUNG_CODE = "pemda-32-73"
BANDUNG_PUPR_CODE = "pemda-32-73-pupr"
OMBUDSMAN_CODE = "ombudsman-ri"


@dataclass(frozen=True)
class DemoLogin:
    login: str  # e-mail address, or a mobile number for phone logins
    full_name: str
    role: str  # a Role value, "superuser" or "reporter"
    agency_code: str | None = None
    phone: bool = False

    @property
    def label(self) -> str:
        if self.role == "superuser":
            return "Superuser (Django admin)"
        if self.role == "reporter":
            return "Pelapor (reporter)"
        return str(Role(self.role).label)


LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("admin@lapor.localhost", "Admin Sistem", "superuser"),
    DemoLogin("verifikator@lapor.localhost", "Rina Verifikator", Role.ADMIN_NASIONAL),
    DemoLogin(
        "admin.bandung@lapor.localhost", "Asep Koordinator", Role.ADMIN_INSTANSI, BANDUNG_CODE
    ),
    DemoLogin(
        "dinas.pu.bandung@lapor.localhost", "Dadang Penghubung", Role.ADMIN_UNIT, BANDUNG_PUPR_CODE
    ),
    DemoLogin("ombudsman@lapor.localhost", "Yuli Ombudsman", Role.OMBUDSMAN),
    DemoLogin("pengawas@lapor.localhost", "Hendra Pengawas KSP", Role.PENGAWAS),
    DemoLogin("developer@lapor.localhost", "Fajar Developer", Role.DEVELOPER, BANDUNG_CODE),
    DemoLogin("warga@lapor.localhost", "Budi Warga", "reporter"),
    DemoLogin("siti@lapor.localhost", "Siti Rahmawati", "reporter"),
    DemoLogin("made@lapor.localhost", "Made Suarta", "reporter"),
    DemoLogin("+6281234567890", "Joko Susilo", "reporter", phone=True),
)
REPORTER_LOGINS = tuple(d for d in LOGINS if d.role == "reporter")


class Command(BaseCommand):
    help = (
        "Create demo users for every role (one documented password) and a few hundred "
        "realistic reports in every status. Run import_wilayah and seed_agencies first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reports", type=int, default=400, help="Generated reports (default 400)."
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed.")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo reporters' reports first and make them again.",
        )
        parser.add_argument(
            "--logins", action="store_true", help="Only print the demo logins and stop."
        )
        parser.add_argument(
            "--no-catch-up",
            dest="catch_up",
            action="store_false",
            help=(
                "Leave the deadline sweeps and the outbox backlog of the new reports to "
                "the background processes (default: run them now, quietly)."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["logins"]:
            self._print_logins()
            return
        world = _demo_world()
        with transaction.atomic():
            users = {d.login: _ensure_user(d, world) for d in LOGINS}
        reporters = [users[d.login] for d in REPORTER_LOGINS]
        existing = Report.objects.filter(reporter__in=reporters)
        if options["reset"]:
            deleted = existing.count()
            _delete_reports(existing)
            self.stdout.write(f"Deleted {deleted} demo reports.")
        if existing.exists():
            self.stdout.write("Demo reports exist already: none added (use --reset to remake).")
        else:
            made = _reports_through_services(users, world)
            result = _generated_reports(options["reports"], options["seed"], reporters, world)
            self.stdout.write(
                f"Created {made} reports through the services and {result.reports} generated "
                f"reports ({result.events} events)."
            )
            if options["catch_up"]:
                self.stdout.write(_catch_up())
        self._print_logins()

    def _print_logins(self) -> None:
        rows = [("Login", "Role", "Agency")]
        codes = {d.agency_code for d in LOGINS if d.agency_code}
        names = dict(Agency.objects.filter(code__in=codes).values_list("code", "name"))
        for d in LOGINS:
            rows.append((d.login, d.label, names.get(d.agency_code, "") if d.agency_code else ""))
        widths = [max(len(r[i]) for r in rows) for i in range(3)]
        line = "+-" + "-+-".join("-" * w for w in widths) + "-+"
        self.stdout.write(line)
        for i, row in enumerate(rows):
            self.stdout.write(
                "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
            )
            if i == 0:
                self.stdout.write(line)
        self.stdout.write(line)
        self.stdout.write(f"Password for every demo login: {DEMO_PASSWORD}")


@dataclass
class _World:
    bandung: Agency
    pupr: Agency
    ombudsman: Agency
    region: Region
    category: Category | None


def _demo_world() -> _World:
    """The agencies and regions the demo needs, or a clear error saying what to run."""
    if not Region.objects.filter(code=BANDUNG_REGION).exists():
        raise CommandError(
            "Regions are missing. Run `manage.py import_wilayah` and then "
            "`manage.py seed_agencies` first (or `make demo`)."
        )
    agencies = {
        a.code: a
        for a in Agency.objects.filter(code__in=[BANDUNG_CODE, BANDUNG_PUPR_CODE, OMBUDSMAN_CODE])
    }
    missing = [c for c in (BANDUNG_CODE, BANDUNG_PUPR_CODE, OMBUDSMAN_CODE) if c not in agencies]
    if missing:
        raise CommandError(
            f"Agencies {', '.join(missing)} are missing. Run `manage.py seed_agencies` first."
        )
    # The deepest region in Kota Bandung (a kelurahan once wilayah is imported).
    region = Region.objects.filter(code__startswith=BANDUNG_REGION + ".").order_by(
        "-level", "code"
    ).first() or Region.objects.get(code=BANDUNG_REGION)
    category = (
        Category.objects.filter(slug="jalan-rusak", is_active=True).first()
        or Category.objects.filter(is_active=True, children__isnull=True).order_by("pk").first()
    )
    return _World(
        bandung=agencies[BANDUNG_CODE],
        pupr=agencies[BANDUNG_PUPR_CODE],
        ombudsman=agencies[OMBUDSMAN_CODE],
        region=region,
        category=category,
    )


def _ensure_user(demo: DemoLogin, world: _World) -> User:
    """The demo user, created once with the demo password; its role granted once."""
    if demo.phone:
        user = User.objects.filter(phone=demo.login).first()
    else:
        user = User.objects.filter(email=demo.login).first()
    if user is None:
        user = user_create(
            email=None if demo.phone else demo.login,
            phone=demo.login if demo.phone else None,
            password=DEMO_PASSWORD,
            full_name=demo.full_name,
        )
    if demo.role == "superuser" and not (user.is_superuser and user.is_staff):
        user.is_superuser = user.is_staff = True
        user.save(update_fields=["is_superuser", "is_staff"])
    elif demo.role not in ("superuser", "reporter"):
        agency = {BANDUNG_CODE: world.bandung, BANDUNG_PUPR_CODE: world.pupr}.get(
            demo.agency_code or ""
        )
        membership_grant(user=user, role=demo.role, agency=agency)
    return user


def _delete_reports(reports: Any) -> None:
    # Events are append-only for the application; removing whole demo reports (and
    # their events with them, by cascade) is the one deletion a reset needs.
    Report.objects.filter(duplicate_of__in=reports).update(duplicate_of=None)
    reports.delete()


def _generated_reports(count: int, seed: int, reporters: list[User], world: _World) -> Any:
    try:
        pools = DemoPools.load()
    except DemoDataMissing as exc:
        raise CommandError(str(exc)) from exc
    # The demo reporters file every generated report; the first one the most, so that
    # "Laporan saya" of warga@ is full.
    pools.reporters = [reporters[0].pk] * 3 + [u.pk for u in reporters]
    # Six months rather than eighteen: fewer reports, so more of them still open for
    # the officials to work on.
    return reports_generate(
        count=count,
        seed=seed,
        batch=500,
        focus=world.pupr,
        focus_share=0.45,
        pools=pools,
        history_days=180,
    )


class _Clock:
    """Times for one report's moves: ``days_ago`` at ``hour`` WIB on a weekday, never
    before the previous move and never in the future."""

    def __init__(self) -> None:
        self.last: datetime | None = None

    def __call__(self, days_ago: int, hour: int, minute: int = 0) -> datetime:
        now = timezone.now().astimezone(WIB)
        day = (now - timedelta(days=days_ago)).date()
        while day.weekday() >= 5:
            day -= timedelta(days=1)
        at = datetime(day.year, day.month, day.day, hour, minute, tzinfo=WIB)
        if self.last is not None and at <= self.last:
            at = self.last + timedelta(minutes=7)
        at = min(at, now - timedelta(minutes=1))
        self.last = at
        return at


def _reports_through_services(users: dict[str, User], world: _World) -> int:
    """A handful of reports made by the real services, so their timelines are genuine.

    Each person acts as the principal they would be when signed in; the officials with
    their second factor verified (the operator seeding the demo vouches for them).
    """

    def as_(login: str) -> Principal:
        return principal_for_user(users[login], verified=True)

    warga = as_("warga@lapor.localhost")
    siti = as_("siti@lapor.localhost")
    made = as_("made@lapor.localhost")
    joko = as_("+6281234567890")
    verifier = as_("verifikator@lapor.localhost")
    coordinator = as_("admin.bandung@lapor.localhost")
    dinas = as_("dinas.pu.bandung@lapor.localhost")
    ombudsman = as_("ombudsman@lapor.localhost")
    region = world.region.code
    default_topic = world.category.pk if world.category else None
    # Each story under the topic it is about (a seed without the slug: the default).
    topics = dict(
        Category.objects.filter(
            slug__in=[
                "jalan-rusak",
                "drainase-banjir",
                "penerangan-jalan",
                "pelayanan-desa-kelurahan",
                "sampah",
                "jembatan",
            ],
            is_active=True,
        ).values_list("slug", "pk")
    )
    place = world.region.name

    def submit(
        reporter: Principal,
        title: str,
        description: str,
        when: datetime,
        topic: str = "jalan-rusak",
        **extra: Any,
    ) -> int:
        event = services.report_submit(
            actor=reporter,
            classification=extra.pop("classification", Classification.PENGADUAN),
            title=title,
            description=description,
            incident_date=(when - timedelta(days=2)).date(),
            region_code=region,
            category_id=topics.get(topic, default_topic),
            address=extra.pop("address", f"{place}, Kota Bandung"),
            now=when,
            **extra,
        )
        return event.report_id

    with transaction.atomic():
        _at = _Clock()
        # 1. Closed: disposed to the dinas, followed up, answered, accepted and rated.
        first = submit(
            warga,
            "Jalan berlubang di Jl. Dipatiukur dekat kampus",
            "Pada hari Senin pagi saya melewati Jl. Dipatiukur dekat kampus. Ada lubang besar "
            "di tengah jalan dan dua pengendara motor sudah jatuh. Mohon segera diperbaiki.",
            _at(40, 7, 30),
        )
        services.report_dispose(
            report_id=first,
            actor=verifier,
            agency_id=world.bandung.pk,
            unit_id=world.pupr.pk,
            now=_at(39, 9, 10),
        )
        services.report_follow_up(
            report_id=first,
            actor=dinas,
            note="Terima kasih. Tim UPT Jalan akan meninjau lokasi besok pagi.",
            now=_at(38, 10),
        )
        services.report_resolve(
            report_id=first,
            actor=dinas,
            note="Lubang sudah ditambal dengan aspal hotmix. Terima kasih atas laporannya.",
            now=_at(34, 14),
        )
        services.report_close(
            report_id=first,
            actor=warga,
            rating=5,
            comment="Cepat sekali, terima kasih!",
            satisfied=True,
            now=_at(33, 19),
        )
        tracking_first = Report.objects.values_list("tracking_id", flat=True).get(pk=first)

        _at = _Clock()
        # 2. Archived as a duplicate of the first.
        dup = submit(
            siti,
            "Lubang besar di Jl. Dipatiukur",
            "Di Jl. Dipatiukur ada lubang besar yang berbahaya bagi pengendara motor. "
            "Mohon ditangani.",
            _at(39, 8),
        )
        services.report_archive(
            report_id=dup,
            actor=verifier,
            reason=ArchiveReason.DUPLICATE,
            duplicate_of=tracking_first,
            note="Laporan yang sama sudah ditangani.",
            now=_at(39, 9, 30),
        )

        _at = _Clock()
        # 3. In progress: the coordinator passed it to the dinas, which followed up.
        third = submit(
            siti,
            "Saluran air tersumbat di Jl. Cihampelas",
            "Sejak hujan deras minggu lalu saluran air di Jl. Cihampelas meluap ke jalan. "
            "Air masuk ke rumah warga. Mohon saluran segera dikeruk.",
            _at(8, 20),
            topic="drainase-banjir",
        )
        services.report_dispose(
            report_id=third, actor=verifier, agency_id=world.bandung.pk, now=_at(7, 9)
        )
        services.report_dispose_to_unit(
            report_id=third,
            actor=coordinator,
            unit_id=world.pupr.pk,
            note="Mohon ditindaklanjuti.",
            now=_at(7, 11),
        )
        services.report_follow_up(
            report_id=third,
            actor=dinas,
            note="Petugas sudah dijadwalkan mengeruk saluran minggu ini.",
            now=_at(6, 10),
        )

        _at = _Clock()
        # 4. Answered, waiting for the reporter: he picked Pemkot Bandung himself.
        fourth = submit(
            made,
            "Lampu penerangan jalan mati di Jl. Merdeka",
            "Sudah dua minggu lampu jalan di Jl. Merdeka dekat taman tidak menyala. "
            "Malam hari jalan gelap dan rawan. Mohon lampu diganti.",
            _at(6, 18),
            topic="penerangan-jalan",
            target_agency_id=world.bandung.pk,
        )
        services.report_dispose(
            report_id=fourth, actor=coordinator, agency_id=world.bandung.pk, now=_at(5, 9)
        )
        services.report_resolve(
            report_id=fourth,
            actor=coordinator,
            note="Lampu sudah diganti oleh petugas penerangan jalan umum.",
            now=_at(2, 15),
        )

        _at = _Clock()
        # 5. On hold: the verifier asks for the exact place.
        fifth = submit(
            warga,
            "Pungutan liar di kantor kelurahan",
            "Saya diminta membayar lima puluh ribu rupiah untuk surat pengantar. "
            "Tidak ada kuitansi. Mohon ditindak.",
            _at(3, 12),
            topic="pelayanan-desa-kelurahan",
        )
        services.report_hold(
            report_id=fifth,
            actor=verifier,
            note="Mohon sebutkan nama kelurahan dan tanggal kejadian.",
            now=_at(2, 10),
        )

        _at = _Clock()
        # 6. Just filed by SMS 1708: waiting for verification.
        submit(
            joko,
            "Sampah menumpuk di TPS dekat pasar",
            "Sampah di TPS dekat pasar sudah seminggu tidak diangkut. Baunya sampai ke rumah "
            "warga. Mohon segera diangkut.",
            _at(0, 8) if timezone.now().astimezone(WIB).hour >= 9 else _at(1, 16),
            topic="sampah",
            channel=Channel.SMS,
        )

        _at = _Clock()
        # 7. Escalated: unresolved after 60 days, the reporter agreed to hand it over.
        seventh = submit(
            warga,
            "Jembatan penyeberangan rusak tidak diperbaiki",
            "Tangga jembatan penyeberangan di dekat terminal patah sejak tiga bulan lalu. "
            "Warga terpaksa menyeberang di jalan raya. Sudah berkali-kali dilaporkan.",
            _at(80, 9),
            topic="jembatan",
        )
        services.report_dispose(
            report_id=seventh,
            actor=verifier,
            agency_id=world.bandung.pk,
            unit_id=world.pupr.pk,
            now=_at(79, 10),
        )
        services.report_follow_up(
            report_id=seventh,
            actor=dinas,
            note="Perbaikan menunggu anggaran perubahan.",
            now=_at(72, 11),
        )
        services.report_ask_consent(report_id=seventh, actor=SYSTEM, now=_at(18, 1))
        services.report_escalate(report_id=seventh, actor=warga, now=_at(17, 20))
        services.report_follow_up(
            report_id=seventh,
            actor=ombudsman,
            note="Ombudsman sudah meminta klarifikasi dari Pemerintah Kota Bandung.",
            now=_at(12, 10),
        )
    return 7


def _catch_up() -> str:
    """Bring the new demo up to date before anyone watches it: one pass of the deadline
    sweeps (the generated history leaves due dates behind), then the outbox delivered
    until empty, so that every demo user has their in-app notices. E-mails and SMS of
    this history go nowhere: ``make run`` then prints only what happens while it runs.
    """
    import logging

    from django.test.utils import override_settings

    from lapor.core.outbox import outbox_drain
    from lapor.reports.sweeps import sweep_all

    quiet = [logging.getLogger(name) for name in ("lapor", "django_tasks")]
    levels = [logger.level for logger in quiet]
    for logger in quiet:
        logger.setLevel(logging.WARNING)
    delivered = 0
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            SMS_GATEWAY="lapor.demo.mail.QuietSmsGateway",
            OUTBOX_KICK_ON_COMMIT=False,  # delivered right here, no task per commit
        ):
            swept = sum(sweep_all().values())
            # One transaction on SQLite, where a commit per delivery is a disk flush each;
            # not on PostgreSQL, where one subscriber's database error (no savepoint
            # around a handler) would abort the transaction for every delivery after it.
            one_transaction = connection.vendor == "sqlite"
            with transaction.atomic() if one_transaction else contextlib.nullcontext():
                while True:
                    report = outbox_drain(max_seconds=120)
                    delivered += report.claimed
                    if report.claimed == 0:
                        break
    finally:
        for logger, level in zip(quiet, levels, strict=True):
            logger.setLevel(level)
    return (
        f"Caught up: {swept} moves and marks of the deadline sweeps, {delivered} outbox "
        "deliveries (in-app notices; their e-mails and SMS are not printed)."
    )

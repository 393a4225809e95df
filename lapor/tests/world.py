"""The privacy crawl's world: one cast per role and reports that carry marker strings.

Built with the real services (submission with files, the verification desk's
disposition with a note for the agency, follow-up, internal note, reply, assignment,
comments and support) and the real outbox (so that
``/notifikasi/`` has what the fan-out wrote for each person). Every piece of text that
some people may read and others may not carries a marker: a word found nowhere else,
so that the crawl can tell, page by page, who was shown what.

The cast (``ROLES``), by the names the expectation table uses:

* ``visitor``: nobody signed in;
* ``citizen``: signed in, no relation to any report; is writing one (a draft in the
  guided write flow, with a photo): only they may see any of it;
* ``other_citizen``: supports and comments on the anonymous report;
* ``reporter``: filed both reports, the Rahasia one and the Anonim one; their name,
  e-mail, phone and account id are markers;
* ``unverified_official``: an Admin Instansi of the handling regency, signed in with a
  password only (no second factor): a citizen to the gate;
* ``agency_officer``: an Admin Unit of the handling dinas, the officer both reports are
  assigned to;
* ``unrelated_officer``: an Admin Instansi of an agency with nothing to do with them;
* ``admin_instansi``: Admin Instansi of the regency (the dinas is its unit);
* ``admin_unit``: Admin Unit of the dinas;
* ``ombudsman``, ``pengawas``: the national oversight roles;
* ``admin_nasional``: the national admin (the verifier), also a Django superuser;
* ``superuser``: a Django superuser with no role: a citizen to the gate.

Every official is staff, so the admin is crawled for each of them as well.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from lapor.accounts.choices import Role
from lapor.accounts.models import User
from lapor.accounts.principals import Principal, principal_for_user
from lapor.agencies.choices import AgencyKind
from lapor.agencies.models import Agency
from lapor.notifications.models import Notification
from lapor.reports.models import Attachment, Report
from lapor.testing.factories import UserFactory, make_agency, make_member, make_region, make_unit

# --- markers ------------------------------------------------------------------------------
# Each is a word no template, fixture or translation contains. Searched case-insensitively.

ANON_TITLE = "QZANONTITLE"
ANON_DESC = "QZANONDESC"
PUBLIC_FOLLOWUP = "QZPUBLICFOLLOWUP"
REPORTER_COMMENT = "QZREPORTERCOMMENT"
OTHER_COMMENT = "QZOTHERCOMMENT"
VERIFIER_NOTE_ANON = "QZVERIFNOTEANON"
ANON_INTERNAL = "QZANONINTERNAL"
ANON_INTERNAL_FILE_NAME = "QZINTFILENAME"
ANON_INTERNAL_FILE_BYTES = "QZINTFILEBYTES"
REPORTER_REPLY = "QZREPORTERREPLY"

CONF_TITLE = "QZCONFTITLE"
CONF_DESC = "QZCONFDESC"
CONF_FOLLOWUP = "QZCONFFOLLOWUP"
CONF_FILE_NAME = "QZCONFFILENAME"
CONF_FILE_BYTES = "QZCONFFILEBYTES"
VERIFIER_NOTE_CONF = "QZVERIFNOTECONF"
CONF_INTERNAL = "QZCONFINTERNAL"

# The latest answer on the Anonim report is for the reporter only (issue 9: the report
# page shows the latest answer first): the public's latest answer is the older one.
REPORTER_ANSWER = "QZREPORTERANSWER"

# The citizen's unsent draft (issue 9's guided write flow): theirs alone.
DRAFT_TITLE = "QZDRAFTTITLE"
DRAFT_DESC = "QZDRAFTDESC"
DRAFT_ADDRESS = "QZDRAFTADDRESS"
DRAFT_FILE_NAME = "QZDRAFTFILENAME"
DRAFT_FILE_BYTES = "QZDRAFTFILEBYTES"

# What reporters type into the description although they should not (finding 7): public
# exits mask it, the officials handling the report read it.
DESC_NIK = "3204011508850001"
DESC_PHONE = "81255507788"  # written 081255507788 in the text

# An API key of the regency (issue 10): its name for the people who manage the
# regency's keys; its secret and its hash for nobody, once it has been created.
KEY_NAME = "QZKEYNAME"

# The reporter. The account id is one no other number on a page looks like.
REPORTER_ID = 7391543
REPORTER_FIRST = "Qzwinarti"
REPORTER_LAST = "Qzsukmawati"
REPORTER_EMAIL = "qzpelapor.rahasia@example.test"
REPORTER_PHONE = "+6281377788899"

ROLES = (
    "visitor",
    "citizen",
    "other_citizen",
    "reporter",
    "unverified_official",
    "agency_officer",
    "unrelated_officer",
    "admin_instansi",
    "admin_unit",
    "ombudsman",
    "pengawas",
    "admin_nasional",
    "superuser",
)
# Signed in with a verified second factor (the console's and the admin's).
VERIFIED_ROLES = frozenset(
    {
        "agency_officer",
        "unrelated_officer",
        "admin_instansi",
        "admin_unit",
        "ombudsman",
        "pengawas",
        "admin_nasional",
        "superuser",
    }
)


def png_with_text(text: str) -> bytes:
    """A valid 1x1 PNG that carries ``text`` in a ``tEXt`` chunk: a file whose bytes
    hold a marker, so that a download of it is seen by the crawl."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    idat = zlib.compress(b"\x00\x00\x00\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"tEXt", b"Comment\x00" + text.encode())
        + chunk(b"IDAT", idat)
        + chunk(b"IEND", b"")
    )


def _png(name: str, marker: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_with_text(marker), content_type="image/png")


@dataclass
class World:
    regency: Agency
    dinas: Agency
    other: Agency
    users: dict[str, User | None]
    anonymous: Report
    confidential: Report
    attachments: list[Attachment] = field(default_factory=list)
    notifications: list[int] = field(default_factory=list)
    comments: list[int] = field(default_factory=list)
    draft_files: list[int] = field(default_factory=list)
    api_key_raw: str = ""
    api_key_hash: str = ""

    def principal(self, role: str) -> Principal:
        return principal_for_user(self.users[role], verified=role in VERIFIED_ROLES)

    @property
    def reports(self) -> tuple[Report, Report]:
        return (self.anonymous, self.confidential)


def _official(role: str, agency: Agency | None, name: str, **extra: Any) -> User:
    return make_member(role, agency, full_name=name, is_staff=True, **extra)


def build_world() -> World:
    """The cast, the two reports and everything that happened to them, delivered."""
    from lapor.community import services as community
    from lapor.core.outbox import outbox_drain
    from lapor.reports import services as reports
    from lapor.reports.transitions import Action

    make_region("32.04", name="Kabupaten Contoh")
    regency = make_agency("Pemerintah Kabupaten Contoh", kind=AgencyKind.PEMKAB, code="kab-contoh")
    dinas = make_unit(regency, "Dinas Pekerjaan Umum Contoh")
    other = make_agency("Pemerintah Kota Lain", kind=AgencyKind.PEMKAB, code="kota-lain")

    users: dict[str, User | None] = {
        "visitor": None,
        "citizen": UserFactory(full_name="Warga Biasa"),
        "other_citizen": UserFactory(full_name="Warga Pendukung"),
        "reporter": UserFactory(
            pk=REPORTER_ID,
            full_name=f"{REPORTER_FIRST} {REPORTER_LAST}",
            email=REPORTER_EMAIL,
            phone=REPORTER_PHONE,
        ),
        "unverified_official": _official(Role.ADMIN_INSTANSI, regency, "Tanpa Kode"),
        "agency_officer": _official(Role.ADMIN_UNIT, dinas, "Petugas Dinas"),
        "unrelated_officer": _official(Role.ADMIN_INSTANSI, other, "Petugas Lain"),
        "admin_instansi": _official(Role.ADMIN_INSTANSI, regency, "Admin Kabupaten"),
        "admin_unit": _official(Role.ADMIN_UNIT, dinas, "Admin Dinas"),
        "ombudsman": _official(Role.OMBUDSMAN, None, "Petugas Ombudsman"),
        "pengawas": _official(Role.PENGAWAS, None, "Petugas Pengawas"),
        "admin_nasional": _official(
            Role.ADMIN_NASIONAL, None, "Verifikator Nasional", is_superuser=True
        ),
        "superuser": UserFactory(full_name="Root Tanpa Peran", is_staff=True, is_superuser=True),
    }

    def p(role: str) -> Principal:
        return principal_for_user(users[role], verified=True)

    # The Anonim report: public once verified, its reporter known to nobody but the
    # national admin (and themself).
    anonymous = reports.report_submit(
        actor=p("reporter"),
        classification="pengaduan",
        title=f"Pungutan liar {ANON_TITLE} di kantor kelurahan",
        description=(
            f"Petugas kelurahan meminta uang {ANON_DESC} untuk surat pindah. "
            f"NIK saya {DESC_NIK}, telepon 0{DESC_PHONE}."
        ),
        region_code="32.04",
        is_anonymous=True,
    ).report
    # The Rahasia report (also anonymous): only the reporter and the officials handling
    # it read it, and its photo.
    confidential = reports.report_submit(
        actor=p("reporter"),
        classification="pengaduan",
        title=f"Perundungan {CONF_TITLE} di kantor dinas",
        description=f"Atasan saya merundung staf baru setiap hari {CONF_DESC} di ruang rapat.",
        region_code="32.04",
        is_anonymous=True,
        is_confidential=True,
        files=[_png(f"bukti-{CONF_FILE_NAME}.png", CONF_FILE_BYTES)],
    ).report

    verifier = p("admin_nasional")
    for report, note in ((anonymous, VERIFIER_NOTE_ANON), (confidential, VERIFIER_NOTE_CONF)):
        # As the verification desk does it: the note is for the agency.
        reports.transition(
            report_id=report.pk,
            action=Action.DISPOSE,
            actor=verifier,
            params={"agency_id": regency.pk, "unit_id": dinas.pk},
            note=f"Catatan verifikator untuk instansi {note}.",
        )
        reports.report_assign(
            report_id=report.pk,
            actor=p("admin_instansi"),
            assignee_id=users["agency_officer"].pk,  # type: ignore[union-attr]
        )

    reports.report_follow_up(
        report_id=anonymous.pk,
        actor=p("agency_officer"),
        note=f"Kami sudah memeriksa kantor kelurahan {PUBLIC_FOLLOWUP}.",
    )
    reports.report_note_add(
        report_id=anonymous.pk,
        actor=p("admin_unit"),
        note=f"Catatan internal: nama petugas yang dilaporkan {ANON_INTERNAL}.",
        files=[_png(f"memo-{ANON_INTERNAL_FILE_NAME}.png", ANON_INTERNAL_FILE_BYTES)],
    )
    reports.report_reply(
        report_id=anonymous.pk,
        actor=p("reporter"),
        note=f"Terima kasih, petugasnya masih meminta uang {REPORTER_REPLY}.",
    )
    reports.report_follow_up(
        report_id=confidential.pk,
        actor=p("admin_unit"),
        note=f"Kami menemui staf yang dirundung {CONF_FOLLOWUP}.",
    )
    reports.report_note_add(
        report_id=confidential.pk,
        actor=p("admin_instansi"),
        note=f"Catatan internal: atasan sudah dipanggil {CONF_INTERNAL}.",
    )
    # The newest answer, for the reporter only: the public's page shows the older one.
    reports.report_follow_up(
        report_id=anonymous.pk,
        actor=p("agency_officer"),
        note=f"Untuk pelapor: kami butuh nomor surat pindah Anda {REPORTER_ANSWER}.",
        visibility="reporter",
    )

    comments = [
        community.comment_add(
            principal=p("reporter"),
            report_id=anonymous.pk,
            body=f"Saya yang melapor, masih terjadi {REPORTER_COMMENT}.",
        ).pk
    ]
    community.support_add(principal=p("other_citizen"), report_id=anonymous.pk)
    comments.append(
        community.comment_add(
            principal=p("other_citizen"),
            report_id=anonymous.pk,
            body=f"Saya juga pernah dimintai uang {OTHER_COMMENT}.",
        ).pk
    )

    draft_files = _citizen_draft(p("citizen"))

    from lapor.accounts.principals import SYSTEM
    from lapor.integrations.services import apikey_create

    api_key, api_key_raw = apikey_create(
        actor=SYSTEM, agency_id=regency.pk, name=f"Aplikasi {KEY_NAME} kabupaten"
    )

    # Deliver what the moves promised: notifications for each person (and their
    # e-mails and SMS), as the outbox worker would.
    outbox_drain(max_seconds=30)

    anonymous.refresh_from_db()
    confidential.refresh_from_db()
    return World(
        regency=regency,
        dinas=dinas,
        other=other,
        users=users,
        anonymous=anonymous,
        confidential=confidential,
        attachments=list(
            Attachment.objects.filter(report__in=[anonymous, confidential]).order_by("pk")
        ),
        notifications=list(
            Notification.objects.filter(report__in=[anonymous, confidential])
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
        comments=comments,
        draft_files=draft_files,
        api_key_raw=api_key_raw,
        api_key_hash=api_key.key_hash,
    )


def _citizen_draft(citizen: Principal) -> list[int]:
    """The citizen's report in the writing: place, story and a photo, not sent."""
    from lapor.portal import drafts

    draft = drafts.draft_get_or_create(principal=citizen)
    drafts.draft_save_answers(
        principal=citizen,
        draft=draft,
        answers={
            "province": "32",
            "regency": "32.04",
            "address": f"Gang Melati {DRAFT_ADDRESS} nomor 3",
            "title": f"Lampu jalan mati {DRAFT_TITLE} di gang kami",
            "description": f"Sudah dua minggu lampu jalan mati {DRAFT_DESC}, gang gelap.",
            "classification": "pengaduan",
        },
    )
    item = drafts.draft_file_add(
        principal=citizen,
        draft=draft,
        uploaded=_png(f"lampu-{DRAFT_FILE_NAME}.png", DRAFT_FILE_BYTES),
    )
    return [item.pk]


__all__ = ["ROLES", "VERIFIED_ROLES", "World", "build_world", "png_with_text"]

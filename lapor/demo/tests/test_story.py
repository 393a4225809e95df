"""The demo tells a true story: each report's words, topic and agency belong together.

On the real seed (agencies, topics and routing rules of ``seed_agencies``) over a few
regions: a generated report goes first to the agency the routing rules pick for its
topic and place (or a unit under it), is passed on only to where another rule as close
to the topic points, and what it says fits where it went: a water bill to the regency
government (its water utility), a power cut to PLN, a slow village office to the
regency government, the civil-service agency only for civil-service topics.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime

import pytest

from lapor.accounts.choices import Role
from lapor.agencies.choices import AgencyKind
from lapor.agencies.models import Agency, Category
from lapor.agencies.seed import SEED_DIR, seed_agencies
from lapor.agencies.selectors import routing_suggest
from lapor.demo.bulk import reports_generate
from lapor.demo.generator import DemoPools, ReportGenerator, issues_for, theme_for
from lapor.demo.words import GENERIC, THEMES, Issue
from lapor.regions.models import Timezone
from lapor.reports.choices import Classification
from lapor.reports.models import Report, ReportEvent
from lapor.testing.factories import UserFactory, make_member, make_region

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 5, 4, 3, 0, tzinfo=UTC)
REGIONS = [
    ("31", "Daerah Khusus Ibukota Jakarta", Timezone.WIB),
    ("31.71", "Kota Administrasi Jakarta Pusat", Timezone.WIB),
    ("31.71.01", "Gambir", Timezone.WIB),
    ("31.71.01.1001", "Gambir", Timezone.WIB),
    ("32", "Jawa Barat", Timezone.WIB),
    ("32.73", "Kota Bandung", Timezone.WIB),
    ("32.73.01", "Sukasari", Timezone.WIB),
    ("32.73.01.1001", "Sarijadi", Timezone.WIB),
    ("32.01", "Kabupaten Bogor", Timezone.WIB),
    ("32.01.01", "Cibinong", Timezone.WIB),
    ("32.01.01.2001", "Pondok Rajeg", Timezone.WIB),
    ("73", "Sulawesi Selatan", Timezone.WITA),
    ("73.71", "Kota Makassar", Timezone.WITA),
    ("73.71.01", "Mariso", Timezone.WITA),
    ("73.71.01.1001", "Bontorannu", Timezone.WITA),
]
REGIONAL = (AgencyKind.PEMKAB, AgencyKind.PEMPROV)

# What a report's title says -> where it may go: agency kinds (regional governments)
# or codes (and their units). Checked on every generated report whose title matches.
STORY = [
    ("air pdam", REGIONAL, ()),
    ("tagihan air", REGIONAL, ()),
    ("sambungan air", REGIONAL, ()),
    ("listrik", (), ("pln",)),
    ("lpg", (), ("pertamina",)),
    ("pelayanan di kantor", REGIONAL, ()),
    ("layanan publik di kecamatan", REGIONAL, ()),
    ("casn", (), ("bkn",)),
    ("asn", (), ("bkn",)),
    ("ktp", REGIONAL, ("kemendagri",)),
    ("akta", REGIONAL, ("kemendagri",)),
    ("sim", (), ("polri",)),
    ("skck", (), ("polri",)),
    ("haji", (), ("kemenag",)),
    ("kua", (), ("kemenag",)),
    ("ptsl", (), ("atr-bpn",)),
    ("pinjol", (), ("ojk",)),
    ("pinjaman online", (), ("ojk",)),
    ("makan bergizi", (), ("bgn",)),
    ("puskesmas", REGIONAL, ("kemenkes",)),
    ("sampah", REGIONAL, ("klh",)),
]


@pytest.fixture
def seeded():
    for code, name, tz in REGIONS:
        make_region(code, name=name, tz=tz)
    seed_agencies()
    make_member(Role.ADMIN_NASIONAL)
    make_member(Role.OMBUDSMAN)
    for _ in range(3):
        UserFactory()
    return DemoPools.load()


def _first_agency(events) -> int | None:
    for e in events:
        if e.code == "report.disposed":
            return e.data["agency"]["new"]
        if e.code == "report.submitted" and e.data.get("target_agency"):
            return e.data["target_agency"]
    return None


def _fits(agency: Agency, kinds, codes) -> bool:
    return agency.kind in kinds or any(
        agency.code == code or agency.code.startswith(code + "-") for code in codes
    )


def test_generated_reports_tell_a_true_story(seeded):
    pools = seeded
    agencies = pools.agencies
    generator = ReportGenerator(pools, seed=9, now=NOW, history_days=120)
    matched: Counter[str] = Counter()
    checked = 0
    for _ in range(600):
        generated = generator.generate()
        report, events = generated.report, generated.events
        first = _first_agency(events)
        if first is None:
            continue
        checked += 1
        # 1. The first agency is the routing rules' answer for the topic and place.
        expected = routing_suggest(
            category_id=report.category_id,
            region_code=report.region_id,
            classification=report.classification,
        )
        assert expected is not None, report.category.slug
        assert first == expected.pk, (report.category.slug, report.region_id)
        # 2. A unit is under the agency that holds the report.
        if report.unit_id:
            assert report.unit.path.startswith(report.agency.path)
        # 3. A transfer goes where another rule as close to the topic points.
        for e in events:
            if e.code == "report.transferred":
                target = agencies[e.data["agency"]["new"]]
                assert (
                    target.kind in REGIONAL
                    or target.routing_rules.filter(
                        category__in=[report.category_id, report.category.parent_id]
                    ).exists()
                ), (report.category.slug, target.code)
        # 4. The words fit where it went (before any hand-over to the Ombudsman); the
        # story's own words, not the place ("dekat Puskesmas Mariso" is where, not what).
        agency = agencies[first]
        title = _own_words(_template_of(report.title))
        for keyword, kinds, codes in STORY:
            if keyword in title.split() or (" " in keyword and keyword in title):
                matched[keyword] += 1
                assert _fits(agency, kinds, codes), (report.title, agency.code)
                break
    assert checked > 400
    # The table is exercised, not vacuous: most of its stories were told and checked.
    assert len(matched) >= 15, matched
    assert matched["listrik"] and matched["air pdam"] and matched["pelayanan di kantor"]


def test_every_drawn_topic_has_its_own_words(seeded):
    pools = seeded
    slugs = {c.slug for c in pools.categories}
    # The water, electricity, village-office and civil-service topics are all drawn ...
    assert {"tagihan-air", "listrik-padam", "pelayanan-desa-kelurahan", "seleksi-casn"} <= slugs
    # ... and topics without words of their own are left out rather than mis-told.
    assert "perguruan-tinggi" not in slugs and "pekerja-migran" not in slugs
    for category in pools.categories:
        theme = theme_for(category)
        assert theme is not None and issues_for(theme, category), category.slug
    electricity = Category.objects.get(slug="tagihan-listrik")
    assert theme_for(electricity).key == "listrik"
    assert theme_for(Category.objects.get(slug="tagihan-air")).key == "air"
    assert theme_for(Category.objects.get(slug="disiplin-asn")).key == "asn"


def test_power_cuts_in_west_java_go_to_plns_west_java_unit(seeded):
    pools = seeded
    pln = Agency.objects.get(code="pln")
    west_java = Agency.objects.get(code="pln-uid-jawa-barat")
    generator = ReportGenerator(pools, seed=1, now=NOW)
    theme = pools.theme_by_category[Category.objects.get(slug="listrik-padam").pk]
    assert generator.unit_for(pln, theme, "32.73.01.1001") == west_java
    assert generator.unit_for(pln, theme, "73.71.01.1001") in (
        None,
        Agency.objects.get(code="pln-uid-sulselrabar"),
    )


def test_focus_on_a_dinas_gives_it_only_its_own_topics(seeded):
    pools = seeded
    pupr = Agency.objects.get(code="pemda-32-73-pupr")
    generator = ReportGenerator(pools, seed=3, now=NOW, focus=pupr, focus_share=0.6)
    at_pupr = [g.report for g in (generator.generate() for _ in range(300))]
    at_pupr = [r for r in at_pupr if r.unit_id == pupr.pk]
    assert len(at_pupr) > 50
    themes = {pools.theme_by_category[r.category_id].key for r in at_pupr}
    assert themes == {"jalan"}


# ---------------------------------------------------------------------------------
# Every story is told under the topics it belongs to
# ---------------------------------------------------------------------------------

# The words a title may say, by topic: written here, apart from ``words``, as a reader
# would judge a title. A title (its own words, without the place filled in) must say a
# word of its topic, and every word of this table it says must be one its topic lists:
# "sampah" only under rubbish, "lampu" never under damaged roads, "saluran" never under
# bridges. Words that many topics share ("sekolah", "pungutan", "kantor pos") are left
# out rather than listed everywhere.
ROADS = ("jalan berlubang", "jalan rusak", "perbaikan jalan", "pelebaran jalan")
PUSKESMAS = ("puskesmas",)
PINJOL = ("pinjol", "pinjaman online")
AIR_PDAM = ("pdam",)
LISTRIK = ("listrik",)
ASN = ("asn", "pegawai negeri")
BANJIR = ("banjir",)
TOPIC_WORDS: dict[str, tuple[str, ...]] = {
    "jalan-rusak": ROADS,
    "jalan-nasional": ROADS,
    "jalan-provinsi": ROADS,
    "penerangan-jalan": ("lampu", "lampu jalan", "penerangan jalan"),
    "drainase-banjir": (*BANJIR, "saluran", "drainase"),
    "jembatan": ("jembatan",),
    "pelayanan-puskesmas": (*PUSKESMAS, "antrean", "loket"),
    "tenaga-kesehatan": (*PUSKESMAS, "bidan", "perawat", "dokter"),
    "imunisasi-posyandu": ("imunisasi", "posyandu", "vaksin"),
    "cek-kesehatan-gratis": (*PUSKESMAS, "cek kesehatan gratis"),
    "rumah-sakit": ("rsud", "obat", "igd", "besuk"),
    "bpjs-kesehatan": ("rsud", "obat", "bpjs", "bpjs kesehatan"),
    "penerimaan-murid-baru": ("ppdb", "zonasi"),
    "pungutan-sekolah": ("uang seragam", "uang gedung", "iuran"),
    "bantuan-pendidikan": ("pip", "kip"),
    "sd-smp": ("ruang kelas", "toilet sekolah"),
    "ktp-el": ("ktp", "ktp-el", "ktp elektronik", "blanko"),
    "kartu-keluarga": ("kartu keluarga",),
    "akta-kelahiran": ("akta kelahiran",),
    "akta-kematian": ("akta kematian",),
    "pindah-datang": ("pindah domisili", "surat pindah"),
    "data-kependudukan": ("data kependudukan",),
    "parkir": ("parkir",),
    "lalu-lintas": ("lampu", "lalu lintas", "rambu"),
    "sampah": ("sampah", "tps"),
    "pencemaran-air": ("limbah",),
    "limbah-industri": ("limbah",),
    "pkh": ("pkh",),
    "bpnt": ("bpnt", "sembako", "e-warong"),
    "bansos": ("bansos", "blt", "bantuan tunai"),
    "data-kesejahteraan": ("dtks",),
    "upah-thr": ("upah", "umk", "gaji", "thr"),
    "pbg": ("pbg",),
    "izin-usaha": ("izin usaha", "oss", "umkm"),
    "izin-reklame": ("reklame",),
    "air-tidak-mengalir": (*AIR_PDAM, "air pdam mati", "mengalir", "aliran air"),
    "kualitas-air": (*AIR_PDAM, "keruh", "kualitas air", "aman diminum"),
    "tagihan-air": (*AIR_PDAM, "tagihan air", "meteran air"),
    "sambungan-air": (*AIR_PDAM, "sambungan air"),
    "pinjol-ilegal": (*PINJOL, "ilegal"),
    "penagihan-tidak-beretika": (*PINJOL, "penagih", "penagihan", "meneror", "mengancam"),
    "penyebaran-data-pribadi": (*PINJOL, "penagihan", "data pribadi", "kontak"),
    "bunga-denda": (*PINJOL, "bunga", "denda"),
    "listrik-padam": (*LISTRIK, "padam", "pemadaman"),
    "tagihan-listrik": (*LISTRIK, "tagihan listrik", "token"),
    "sambungan-listrik": (*LISTRIK, "pasang baru listrik", "tambah daya"),
    "bbm-lpg": ("lpg", "elpiji", "pangkalan"),
    "sim": ("sim", "satpas"),
    "stnk-bpkb": ("stnk", "bpkb", "samsat"),
    "skck": ("skck", "polsek"),
    "tilang": ("tilang", "razia", "denda"),
    "seleksi-casn": ("casn", "pppk", "skd", "seleksi"),
    "netralitas-asn": (*ASN, "kampanye", "berkampanye", "netralitas"),
    "disiplin-asn": (*ASN, "bolos", "gim", "absensi"),
    "haji-umrah": ("haji", "umrah", "jemaah"),
    "kua-pernikahan": ("kua", "nikah", "perkawinan"),
    "sertifikat-tanah": ("ptsl", "sertifikat"),
    "sengketa-tanah": ("sengketa", "sertifikat", "ganda"),
    "pajak-daerah": ("pbb", "sppt", "denda"),
    "pajak-pusat": ("spt", "coretax", "npwp"),
    "bea-cukai": ("bea", "cukai", "bea masuk", "luar negeri"),
    "pedagang-kaki-lima": ("pedagang kaki lima", "pedagang", "lapak", "berjualan"),
    "bangunan-liar": ("bangunan liar", "bangunan", "bantaran", "saluran"),
    "gangguan-ketertiban": ("karaoke", "bising", "balap liar", "patroli", "hiburan"),
    "bantuan-korban-bencana": (*BANJIR, "korban", "bencana", "gempa"),
    "tanggap-darurat": (*BANJIR, "pengungsi", "pengungsian", "longsor", "evakuasi"),
    "layanan-pos": ("pos",),
    "makan-bergizi-gratis": ("mbg", "makan bergizi gratis", "keracunan"),
    "kereta-api": ("kereta", "stasiun"),
    "pelayanan-desa-kelurahan": ("kantor", "surat pengantar"),
    "lainnya": ("kantor", "kantor pelayanan", "layanan publik", "tidak ramah"),
}
WORD_TOPICS: dict[str, set[str]] = {}
for _topic, _words in TOPIC_WORDS.items():
    for _word in _words:
        WORD_TOPICS.setdefault(_word, set()).add(_topic)
WORD_PATTERNS = {w: re.compile(rf"(?<!\w){re.escape(w)}(?!\w)") for w in WORD_TOPICS}
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
COMPLAINTS = (Classification.PENGADUAN, Classification.PENGADUAN_PENGAWASAN)


def _own_words(template: str) -> str:
    """A template's own words: the place, street and number left out (a landmark such
    as "jembatan Sukasari" says where, not what)."""
    return PLACEHOLDER.sub("…", template).lower()


def _said(text: str) -> set[str]:
    return {w for w, pattern in WORD_PATTERNS.items() if pattern.search(text)}


def _misfits(topic: str, text: str) -> list[str]:
    """What is wrong with ``text`` as a title under ``topic`` (nothing: it fits)."""
    said = _said(text)
    wrong = [
        f"{w!r} belongs to {sorted(WORD_TOPICS[w])}"
        for w in sorted(said)
        if topic not in WORD_TOPICS[w]
    ]
    if not said & set(TOPIC_WORDS[topic]):
        wrong.append(f"says none of {TOPIC_WORDS[topic]}")
    return wrong


def _stories() -> list[Issue]:
    return [issue for theme in (*THEMES, GENERIC) for issue in theme.issues]


def _titles(issue: Issue) -> list[str]:
    return [*issue.titles, *(t for t, _ in issue.aspirasi), *(t for t, _ in issue.informasi)]


def _pattern(template: str) -> re.Pattern[str]:
    parts = PLACEHOLDER.split(template)
    return re.compile("^" + "(.+?)".join(re.escape(p) for p in parts) + "$")


def _template_of(title: str) -> str:
    """The title template a generated title was made from."""
    for issue in _stories():
        for template in _titles(issue):
            if _pattern(template).match(title):
                return template
    raise AssertionError(f"no story has the title {title!r}")


def test_the_keyword_table_catches_a_misfiled_story():
    # Positive controls: the reviewer's finds fail the table, the right topics pass.
    assert _misfits("jalan-rusak", _own_words("Sampah menumpuk di TPS {desa_full}"))
    assert _misfits("jalan-rusak", _own_words("Usulan pemasangan lampu jalan di {jalan}"))
    assert _misfits("jembatan", _own_words("Saluran air tersumbat di {jalan} menyebabkan banjir"))
    assert _misfits("tagihan-listrik", _own_words("Listrik padam berulang kali di {desa_full}"))
    assert not _misfits("sampah", _own_words("Sampah menumpuk di TPS {desa_full}"))
    assert not _misfits("drainase-banjir", _own_words("Saluran air tersumbat di {jalan}"))


def test_every_story_names_leaf_topics_of_the_seed_and_has_every_part():
    tree = json.loads((SEED_DIR / "categories.json").read_text(encoding="utf-8"))
    leaves = {child[0] for topic in tree["topics"] for child in topic.get("children", ())}
    themes_of: dict[str, set[str]] = {}
    for theme in (*THEMES, GENERIC):
        for issue in theme.issues:
            assert issue.categories, issue.titles
            assert set(issue.categories) <= leaves, issue.categories
            assert set(issue.categories) <= set(TOPIC_WORDS), issue.categories
            for part in ("titles", "openings", "details", "requests", "answers"):
                assert getattr(issue, part), (issue.titles[0], part)
            assert issue.aspirasi and issue.informasi, issue.titles[0]
            for slug in issue.categories:
                themes_of.setdefault(slug, set()).add(theme.key)
    # One theme per topic: its unit words and its agency answer for all its stories.
    assert all(len(keys) == 1 for keys in themes_of.values()), themes_of


def test_every_story_title_fits_every_topic_it_is_told_under():
    problems = [
        (slug, title, wrong)
        for issue in _stories()
        for title in _titles(issue)
        for slug in issue.categories
        if (wrong := _misfits(slug, _own_words(title)))
    ]
    assert not problems, "\n".join(map(str, problems))


def test_generated_reports_are_filed_under_the_topic_their_story_belongs_to(seeded):
    pools = seeded
    stories = _stories()
    templates = [(_pattern(title), title, issue) for issue in stories for title in _titles(issue)]
    told = {c.slug for c in pools.categories}
    expected = {title for _, title, issue in templates if told & set(issue.categories)}
    generator = ReportGenerator(pools, seed=11, now=NOW, history_days=120)
    seen: set[str] = set()
    problems = []
    for _ in range(6000):
        generated = generator.generate()
        report = generated.report
        topic = report.category.slug
        # The title as shown names its topic ...
        if not _said(report.title.lower()) & set(TOPIC_WORDS[topic]):
            problems.append((topic, report.title, "no word of its topic"))
        # ... and the story it was told from (whichever story's template it matches,
        # among all of them) is one of the topic's own, with fitting words.
        matches = [
            (title, issue) for pattern, title, issue in templates if pattern.match(report.title)
        ]
        assert matches, report.title
        for title, issue in matches:
            seen.add(title)
            if topic not in issue.categories:
                problems.append((topic, report.title, f"a story of {issue.categories}"))
            problems += [(topic, report.title, w) for w in _misfits(topic, _own_words(title))]
        # The rest of the story is the same story: how it opens, and the answer.
        if report.classification in COMPLAINTS:
            issue = matches[0][1]
            assert any(_pattern(o + "{rest}").match(report.description) for o in issue.openings), (
                report.title,
                report.description,
            )
            for e in generated.events:
                if e.code == "report.resolved":
                    assert e.note in issue.answers, (report.title, e.note)
    assert not problems, "\n".join(map(str, problems[:40]))
    # Every story told on the seed's topics was drawn and checked, every title of it.
    assert expected - seen == set(), sorted(expected - seen)


def test_saved_demo_reports_keep_their_topic_and_story_together(seeded):
    # What the bulk writer saved (COPY on PostgreSQL), read back: the topic a citizen
    # browsing the demo sees beside each title, and the answer on its timeline.
    reports_generate(count=400, seed=5, batch=150, now=NOW, pools=seeded, producers=0)
    rows = list(Report.objects.values_list("pk", "title", "category__slug", "classification"))
    assert len(rows) == 400
    answers = dict(
        ReportEvent.objects.filter(code="report.resolved").values_list("report_id", "note")
    )
    assert answers
    problems = []
    for pk, title, topic, classification in rows:
        template = _template_of(title)
        (issue,) = [i for i in _stories() if template in _titles(i)]
        if topic not in issue.categories or _misfits(topic, _own_words(template)):
            problems.append((topic, title))
        if pk in answers and classification in COMPLAINTS:
            assert answers[pk] in issue.answers, (title, answers[pk])
    assert not problems, problems[:20]

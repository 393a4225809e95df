"""The demo tells a true story: each report's words, topic and agency belong together.

On the real seed (agencies, topics and routing rules of ``seed_agencies``) over a few
regions: a generated report goes first to the agency the routing rules pick for its
topic and place (or a unit under it), is passed on only to where another rule as close
to the topic points, and what it says fits where it went: a water bill to the regency
government (its water utility), a power cut to PLN, a slow village office to the
regency government, the civil-service agency only for civil-service topics.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest

from lapor.accounts.choices import Role
from lapor.agencies.choices import AgencyKind
from lapor.agencies.models import Agency, Category
from lapor.agencies.seed import seed_agencies
from lapor.agencies.selectors import routing_suggest
from lapor.demo.generator import DemoPools, ReportGenerator, issues_for, theme_for
from lapor.regions.models import Timezone
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
        # 4. The words fit where it went (before any hand-over to the Ombudsman).
        agency = agencies[first]
        title = report.title.lower()
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

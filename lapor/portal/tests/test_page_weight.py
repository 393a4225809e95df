"""First-load bytes of the write flow (issue 9): each step under 40 KB before photos.

HTML plus the CSS and JavaScript each step loads on a cold cache, as the production
server sends them (the page as it is, the static files gzipped by whitenoise), with the
real seeded topic tree (122 topics) and region lists longer than the longest real ones
(the longest real village list, in Papua, is 108 names, 5.4 KB of options). The
console's desk has its own budget in ``lapor/console/tests``.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from lapor.agencies.seed import seed_agencies
from lapor.testing.factories import UserFactory, make_region
from lapor.testing.page_weight import page_weight

from .test_write_flow import STEP_URLS

pytestmark = pytest.mark.django_db

BUDGET = 40_000


@pytest.fixture
def long_lists() -> str:
    """38 provinces; in the last one 38 regencies; in one of them 40 districts; in one
    of those 110 villages; returns the deepest village code."""
    for p in range(11, 49):
        make_region(f"{p}", name=f"Provinsi Contoh {p}")
    for r in range(1, 39):
        make_region(f"48.{r:02d}", name=f"Kabupaten Contoh {r:02d}")
    for d in range(1, 41):
        make_region(f"48.01.{d:02d}", name=f"Kecamatan Contoh {d:02d}")
    for v in range(1, 111):
        make_region(f"48.01.01.{2000 + v}", name=f"Desa Contoh {v:03d}")
    return "48.01.01.2110"


def test_each_write_step_is_under_40_kb_with_real_topics_and_long_region_lists(
    client, long_lists: str
) -> None:
    seed_agencies()
    client.force_login(UserFactory())
    # The place step at its heaviest: every level chosen, so every list is filled.
    response = client.post(
        reverse("portal:write"),
        {"province": "48", "regency": "48.01", "district": "48.01.01", "village": long_lists},
    )
    assert response.status_code == 302
    weights = [page_weight(client, reverse(name)) for name in STEP_URLS]
    assert "Desa Contoh 110" in client.get(reverse("portal:write")).content.decode()
    over = [w.describe() for w in weights if w.wire > BUDGET]
    assert not over, over
    # Uncompressed too, each step stays within a few kilobytes of the budget: the
    # lists are the page's weight, not the code around them.
    heavy = [w.describe() for w in weights if w.total > BUDGET + 10_000]
    assert not heavy, heavy
    # The budget is met by what the page is, not by a page that failed to render.
    assert all(w.html > 2_000 and w.assets for w in weights)

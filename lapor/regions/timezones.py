"""Which of Indonesia's three time zones each province keeps.

A region's clock is its province's clock: no province is split between zones, so
the first segment of a Kemendagri code is enough. This is the only place the
mapping lives; the importer stores the result on every ``Region`` row so that
deadline code can read ``region.timezone`` without knowing any of this.
"""

from __future__ import annotations

from .models import Timezone

WIB = Timezone.WIB.value  # Waktu Indonesia Barat, UTC+7
WITA = Timezone.WITA.value  # Waktu Indonesia Tengah, UTC+8
WIT = Timezone.WIT.value  # Waktu Indonesia Timur, UTC+9

PROVINCE_TIMEZONES: dict[str, str] = {
    # Sumatra and its islands
    "11": WIB,  # Aceh
    "12": WIB,  # Sumatera Utara
    "13": WIB,  # Sumatera Barat
    "14": WIB,  # Riau
    "15": WIB,  # Jambi
    "16": WIB,  # Sumatera Selatan
    "17": WIB,  # Bengkulu
    "18": WIB,  # Lampung
    "19": WIB,  # Kepulauan Bangka Belitung
    "21": WIB,  # Kepulauan Riau
    # Java
    "31": WIB,  # DKI Jakarta
    "32": WIB,  # Jawa Barat
    "33": WIB,  # Jawa Tengah
    "34": WIB,  # DI Yogyakarta
    "35": WIB,  # Jawa Timur
    "36": WIB,  # Banten
    # Bali and Nusa Tenggara
    "51": WITA,  # Bali
    "52": WITA,  # Nusa Tenggara Barat
    "53": WITA,  # Nusa Tenggara Timur
    # Kalimantan: the west and centre keep Jakarta time, the rest Makassar time
    "61": WIB,  # Kalimantan Barat
    "62": WIB,  # Kalimantan Tengah
    "63": WITA,  # Kalimantan Selatan
    "64": WITA,  # Kalimantan Timur
    "65": WITA,  # Kalimantan Utara
    # Sulawesi
    "71": WITA,  # Sulawesi Utara
    "72": WITA,  # Sulawesi Tengah
    "73": WITA,  # Sulawesi Selatan
    "74": WITA,  # Sulawesi Tenggara
    "75": WITA,  # Gorontalo
    "76": WITA,  # Sulawesi Barat
    # Maluku
    "81": WIT,  # Maluku
    "82": WIT,  # Maluku Utara
    # Papua (split into six provinces in 2022)
    "91": WIT,  # Papua
    "92": WIT,  # Papua Barat
    "93": WIT,  # Papua Selatan
    "94": WIT,  # Papua Tengah
    "95": WIT,  # Papua Pegunungan
    "96": WIT,  # Papua Barat Daya
}


def timezone_for_code(code: str) -> str:
    """The IANA time zone of the region with this Kemendagri code (any level).

    Raises ``KeyError`` for a province this table does not know, so that a new
    province in a data update fails the import loudly instead of silently keeping
    Jakarta time.
    """
    province = code.strip().split(".", 1)[0]
    try:
        return PROVINCE_TIMEZONES[province]
    except KeyError:
        raise KeyError(
            f"No time zone is known for province {province!r} (code {code!r})."
        ) from None

"""Finding 7: what reporters type about themselves is masked in public text.

``mask_public_text`` is pure: these tests need no database. Each kind of personal
datum is tried in the forms Indonesians really write it, and next to the numbers that
must stay readable (amounts, years, dates, times, tracking IDs, short codes).
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from lapor.reports.masking import (
    EMAIL,
    NAME,
    NIK,
    PHONE,
    REDACTED,
    mask_public_text,
    mask_search_text,
    placeholder,
)
from lapor.reports.tracking import generate_tracking_id


@pytest.fixture(autouse=True)
def _english():
    # The placeholders are gettext strings: read them in the source language.
    with translation.override("en"):
        yield


def hidden(kind: str) -> str:
    return str(placeholder(kind))


# --- NIK ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "nik",
    [
        "3273014506900002",
        "3273 0145 0690 0002",
        "3273-0145-0690-0002",
        "3273.0145.0690.0002",
        "327301 450690 0002",
        "327301-450690-0002",
        "32.73.01.450690.0002",
        "32 73 01 450690 0002",
    ],
)
def test_a_nik_is_masked_in_every_usual_writing(nik):
    text = f"Nama saya tercatat dengan NIK {nik}, KTP belum jadi."
    masked = mask_public_text(text)
    assert masked == f"Nama saya tercatat dengan NIK {hidden(NIK)}, KTP belum jadi."


def test_a_nik_at_the_very_start_and_end_of_the_text_is_masked():
    assert mask_public_text("3273014506900002") == hidden(NIK)
    assert mask_public_text("NIK:3273014506900002.") == f"NIK:{hidden(NIK)}."


def test_a_family_card_number_with_sixteen_digits_is_masked_too():
    masked = mask_public_text("No. KK 3273010101120003 sudah saya lampirkan.")
    assert "3273010101120003" not in masked


@pytest.mark.parametrize(
    "text",
    [
        "Saya diminta membayar Rp 1.500.000 untuk KTP.",
        "Anggaran proyek Rp 1.500.000.000.000.000 tidak jelas.",
        "Pungutan Rp1,500,000 per orang sejak tahun 2024.",
        "Sudah 15 digit: 327301450690000 saja.",
        "Kejadian tanggal 01-02-2024 03-04-2024 berulang.",
        "Jam buka 08.00-16.00 WIB, Senin sampai Jumat.",
        "Kode pos 40111, RT 05 RW 08.",
        "Periode 2019-2024 2025-2030.",
        "Tagihan Rp 2.500.000,00 dan NPWP 09.254.294.3-407.000.",
    ],
)
def test_numbers_that_are_not_a_nik_or_a_phone_stay(text):
    assert mask_public_text(text) == text


# --- phone numbers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone",
    [
        "081234567890",
        "0812-3456-7890",
        "0812 3456 7890",
        "0812.3456.7890",
        "0812 - 3456 - 7890",
        "0813 1234 567",
        "0896-1234-5678",
        "(0812) 3456 7890",
        "+6281234567890",
        "+62 812-3456-7890",
        "+62 812 3456 7890",
        "(+62) 812 3456 7890",
        "6281234567890",
        "62 812 3456 7890",
        "(022) 7654321",
        "(021) 555-1234",
        "021-5551234",
        "0274 512345",
        "+62 22 7654321",
        "+62-21-555-1234",
    ],
)
def test_an_indonesian_phone_number_is_masked_in_every_usual_writing(phone):
    text = f"Silakan hubungi saya di {phone} kapan saja."
    assert mask_public_text(text) == f"Silakan hubungi saya di {hidden(PHONE)} kapan saja."


def test_a_whatsapp_link_loses_its_number():
    masked = mask_public_text("Chat saya: wa.me/6281234567890 ya.")
    assert "6281234567890" not in masked and hidden(PHONE) in masked


def test_a_phone_next_to_a_year_is_masked_and_the_year_stays():
    masked = mask_public_text("HP 081234567890 2024 sudah tidak aktif?")
    assert masked == f"HP {hidden(PHONE)} 2024 sudah tidak aktif?"


@pytest.mark.parametrize(
    "text",
    [
        "Pada tahun 2023 dan 2024 jalan ini rusak.",
        "Kerugian Rp 62.812.345.678 menurut BPK.",
        "Total Rp 812.345.678.901 dianggarkan.",
        "Petugas datang pukul 08.30 dan pulang pukul 10.15.",
        "Surat tanggal 08-12-2024 tidak dibalas.",
        "Hubungi call center 1708 atau 112.",
        "Sebanyak 62 812 orang terdampak.",
        "Antrean nomor 0812 dipanggil.",
    ],
)
def test_ordinary_numbers_are_not_phone_numbers(text):
    assert mask_public_text(text) == text


def test_a_tracking_id_of_this_system_is_never_masked():
    # Random IDs, so try many: none is a NIK, a phone or anything else.
    for _ in range(300):
        tracking_id = generate_tracking_id()
        text = f"Laporan saya sebelumnya #{tracking_id} ({tracking_id}) belum dijawab."
        assert mask_public_text(text) == text


# --- e-mail ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "email",
    [
        "siti.rahma@gmail.com",
        "SITI_R+lapor@yahoo.co.id",
        "warga-77@desa.go.id",
        "siti [at] gmail.com",
        "siti(at)gmail(dot)com",
    ],
)
def test_an_email_address_is_masked(email):
    text = f"Balas ke {email} saja."
    assert mask_public_text(text) == f"Balas ke {hidden(EMAIL)} saja."


def test_an_at_sign_alone_is_not_an_email():
    text = "Harga @ Rp 5.000 per lembar, dibayar di loket @kelurahan."
    assert mask_public_text(text) == text


# --- the reporter's own name -------------------------------------------------------------


def test_the_full_name_is_masked_once_and_each_part_of_three_letters_or_more_alone():
    text = "Saya SITI RAHMAWATI warga RT 03. Bu Siti sudah lapor; rahmawati juga."
    masked = mask_public_text(text, names=("Siti Rahmawati",))
    assert masked == (
        f"Saya {hidden(NAME)} warga RT 03. Bu {hidden(NAME)} sudah lapor; {hidden(NAME)} juga."
    )


def test_names_match_whole_words_only():
    text = "Pak Sitinjak dan keluarga Rahmawatiningsih tidak terlibat; situ juga tidak."
    assert mask_public_text(text, names=("Siti Rahmawati",)) == text


def test_short_name_parts_and_particles_stay():
    masked = mask_public_text(
        "Ahmad bin Abdullah al Fatih melapor; bin dan al tetap.",
        names=("Ahmad bin Abdullah al Fatih",),
    )
    assert masked == f"{hidden(NAME)} melapor; bin dan al tetap."


def test_a_name_with_an_apostrophe_or_accent_is_masked():
    assert mask_public_text("oleh Ma'ruf", names=("Ma'ruf Amin",)) == f"oleh {hidden(NAME)}"
    assert mask_public_text("oleh José", names=("José Ramos",)) == f"oleh {hidden(NAME)}"


def test_no_names_given_masks_no_words():
    text = "Siti Rahmawati melapor."
    assert mask_public_text(text) == text
    assert mask_public_text(text, names=("", "  ")) == text


# --- manual redactions -------------------------------------------------------------------


def test_a_redacted_passage_is_replaced_whatever_its_case_and_spacing():
    text = "Rumah saya di Jl. Melati   No. 5 belakang masjid.\nJL. MELATI NO. 5 sering banjir."
    masked = mask_public_text(text, redactions=("Jl. Melati No. 5",))
    assert masked == (
        f"Rumah saya di {hidden(REDACTED)} belakang masjid.\n{hidden(REDACTED)} sering banjir."
    )


def test_redactions_go_first_so_a_passage_holding_a_phone_disappears_whole():
    text = "Tetangga saya Pak Udin 0812-3456-7890 yang melapor."
    masked = mask_public_text(text, redactions=("Pak Udin 0812-3456-7890",))
    assert masked == f"Tetangga saya {hidden(REDACTED)} yang melapor."


# --- all together ------------------------------------------------------------------------

REALISTIC = (
    "Yth. Bapak/Ibu, saya Siti Rahmawati (NIK 3273014506900002) warga Kelurahan Sukajadi. "
    "Pada tanggal 12-03-2024 pukul 09.30 saya mengurus KTP dan diminta Rp 150.000 oleh "
    "petugas. Kalau perlu, hubungi saya di 0812-3456-7890 atau WA +62 813 1111 2222, "
    "e-mail siti.rahma@gmail.com. Laporan saya sebelumnya nomor 1234567897 belum dijawab. "
    "Terima kasih, Siti."
)


def test_a_realistic_description_keeps_everything_but_the_personal_data():
    masked = mask_public_text(REALISTIC, names=("Siti Rahmawati",))
    for secret in (
        "3273014506900002",
        "0812-3456-7890",
        "813 1111 2222",
        "siti.rahma@gmail.com",
        "Siti",
        "Rahmawati",
    ):
        assert secret not in masked
    for kept in ("Sukajadi", "12-03-2024", "09.30", "Rp 150.000", "1234567897", "KTP"):
        assert kept in masked
    assert masked.count(hidden(NAME)) == 2


def test_masking_is_idempotent_and_leaves_empty_text_alone():
    once = mask_public_text(REALISTIC, names=("Siti Rahmawati",))
    assert mask_public_text(once, names=("Siti Rahmawati",)) == once
    assert mask_public_text("") == ""


def test_the_search_text_drops_what_is_masked_without_placeholder_words():
    text = mask_search_text(REALISTIC, names=("Siti Rahmawati",))
    words = set(re.findall(r"\w+(?:[.@-]\w+)*", text))
    assert {"KTP", "Sukajadi", "150.000"} <= words
    assert not {"Siti", "Rahmawati", "3273014506900002", "siti.rahma@gmail.com"} & words
    assert "[" not in text and "hidden" not in text


def test_masking_a_long_text_is_fast():
    import time

    text = REALISTIC * 40  # about 20,000 characters
    start = time.perf_counter()
    for _ in range(20):
        mask_public_text(text, names=("Siti Rahmawati",), redactions=("Kelurahan Sukajadi",))
    # Generous for a shared test machine; a catastrophic regex would take seconds.
    assert (time.perf_counter() - start) / 20 < 0.1

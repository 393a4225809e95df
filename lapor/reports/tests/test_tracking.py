"""Tracking IDs: ten digits, random, Luhn-checked."""

from __future__ import annotations

import pytest

from lapor.reports import tracking
from lapor.reports.tracking import (
    allocate_tracking_ids,
    generate_tracking_id,
    is_valid_tracking_id,
    luhn_check_digit,
    normalize_tracking_id,
)
from lapor.testing.factories import make_report


def test_format():
    for _ in range(2000):
        tid = generate_tracking_id()
        assert len(tid) == 10 and tid.isdigit() and tid[0] != "0"
        assert is_valid_tracking_id(tid)


def test_luhn_against_known_numbers():
    # Published Luhn examples: 7992739871 + 3, and a common test card number.
    assert luhn_check_digit("7992739871") == "3"
    assert luhn_check_digit("401288888888188") == "1"


def test_ids_are_not_sequential():
    ids = {generate_tracking_id() for _ in range(5000)}
    assert len(ids) == 5000
    first_digits = {tid[0] for tid in ids}
    assert first_digits == set("123456789")


def test_every_single_digit_typo_is_caught():
    tid = generate_tracking_id()
    for i in range(10):
        for d in "0123456789":
            if d != tid[i]:
                assert not is_valid_tracking_id(tid[:i] + d + tid[i + 1 :])


def test_swapped_neighbours_are_caught():
    # Luhn misses only the 09 <-> 90 swap.
    body = "123456789"
    tid = body + luhn_check_digit(body)
    for i in range(9):
        swapped = tid[:i] + tid[i + 1] + tid[i] + tid[i + 2 :]
        if swapped != tid:
            assert not is_valid_tracking_id(swapped)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("{tid}", "{tid}"),
        ("#{tid}", "{tid}"),
        ("  # {a} {b} ", "{tid}"),
        ("{a}-{b}", "{tid}"),
        ("", None),
        (None, None),
        ("#", None),
        ("12345", None),
        ("0{nine}", None),
        ("{tid}0", None),
        ("abcdefghij", None),
        ("١٢٣٤٥٦٧٨٩٠", None),  # Arabic-Indic digits are digits to Python, not to us
    ],
)
def test_normalize(raw, expected):
    tid = "738291045" + luhn_check_digit("738291045")
    names = {"tid": tid, "a": tid[:4], "b": tid[4:], "nine": tid[1:]}
    raw = raw.format(**names) if raw is not None else None
    expected = expected.format(**names) if expected is not None else None
    assert normalize_tracking_id(raw) == expected
    assert is_valid_tracking_id(raw) is (expected is not None)


def test_a_leading_zero_id_is_refused_even_with_a_valid_check_digit():
    body = "012345678"
    assert not is_valid_tracking_id(body + luhn_check_digit(body))


@pytest.mark.django_db
def test_allocate_is_unique_and_skips_ids_in_use(monkeypatch):
    taken = make_report().tracking_id
    free = [f"2{i:08d}" for i in range(5)]
    free = [b + luhn_check_digit(b) for b in free]
    # The generator repeats itself and offers an ID already in use: both must be skipped.
    draws = iter([taken, free[0], free[0], free[1], taken, free[2], free[3], free[4]])
    monkeypatch.setattr(tracking, "generate_tracking_id", lambda: next(draws))
    ids = allocate_tracking_ids(4)
    assert len(ids) == len(set(ids)) == 4
    assert taken not in ids
    assert set(ids) <= set(free)


@pytest.mark.django_db
def test_allocate_many_checks_the_database_in_chunks(django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        ids = allocate_tracking_ids(1200)
    assert len(set(ids)) == 1200
    assert all(is_valid_tracking_id(t) for t in ids)
    assert allocate_tracking_ids(0) == []


def test_the_problem_with_a_number_is_named():
    from lapor.reports.tracking import TrackingIdProblem, tracking_id_problem

    body = "123456789"
    tid = body + luhn_check_digit(body)
    wrong_digit = tid[:-1] + str((int(tid[-1]) + 1) % 10)
    assert tracking_id_problem(tid) is None
    assert tracking_id_problem(f"#{tid[:5]} {tid[5:]}") is None
    fullwidth = "".join(chr(0xFF10 + int(d)) for d in tid)  # digits, but not ASCII ones
    for short_or_long in ("", "12345", tid + "1", "12345abcde", fullwidth):
        assert tracking_id_problem(short_or_long) == TrackingIdProblem.LENGTH, short_or_long
    assert tracking_id_problem(wrong_digit) == TrackingIdProblem.CHECK_DIGIT
    # We never give out a number that starts with 0: ten digits, but not ours.
    assert tracking_id_problem("0" + tid[1:]) == TrackingIdProblem.CHECK_DIGIT
    assert normalize_tracking_id(wrong_digit) is None

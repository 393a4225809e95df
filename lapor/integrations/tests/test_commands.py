from __future__ import annotations

import hashlib
import logging
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from lapor.integrations import services
from lapor.integrations.models import ApiKey

from .conftest import KeyCast

pytestmark = pytest.mark.django_db


def _run(*args: str) -> list[str]:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().splitlines()


def test_create_prints_the_key_on_its_last_line(cast: KeyCast) -> None:
    lines = _run("apikey_create", "--agency", cast.agency.code, "--name", "SIPD")
    raw = lines[-1]
    key = ApiKey.objects.get()
    assert raw.startswith(f"lapor_{key.prefix}_")
    assert key.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert key.name == "SIPD"
    assert key.agency == cast.agency
    assert key.expires_at is None
    assert key.created_by is None
    assert any("only time" in line for line in lines[:-1])
    assert services.apikey_authenticate(raw, ip=None) is not None


def test_create_with_expiry_is_valid_through_that_day(cast: KeyCast) -> None:
    _run("apikey_create", "--agency", cast.agency.code, "--name", "k", "--expires", "2999-03-31")
    assert ApiKey.objects.get().expires_at == datetime(
        2999, 4, 1, tzinfo=ZoneInfo(cast.agency.timezone)
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--agency", "no-such-agency", "--name", "k"], "No agency"),
        (["--agency", "{code}", "--name", "k", "--expires", "31-03-2999"], "not a date"),
        (["--agency", "{code}", "--name", "k", "--expires", "2000-01-01"], "future"),
        (["--agency", "{code}", "--name", " "], "name"),
    ],
)
def test_create_errors_are_clear(cast: KeyCast, args: list[str], message: str) -> None:
    args = [a.format(code=cast.agency.code) for a in args]
    with pytest.raises(CommandError, match=message):
        _run("apikey_create", *args)
    assert not ApiKey.objects.exists()


def test_revoke_by_prefix_and_by_id(cast: KeyCast) -> None:
    raw = _run("apikey_create", "--agency", cast.agency.code, "--name", "a")[-1]
    key = ApiKey.objects.get()
    lines = _run("apikey_revoke", "--prefix", key.prefix)
    assert "revoked" in lines[-1]
    assert ApiKey.objects.get().revoked_at is not None
    assert services.apikey_authenticate(raw, ip=None) is None

    _run("apikey_create", "--agency", cast.agency.code, "--name", "b")
    other = ApiKey.objects.get(name="b")
    _run("apikey_revoke", "--id", str(other.pk))
    assert ApiKey.objects.get(pk=other.pk).revoked_at is not None
    assert "already revoked" in _run("apikey_revoke", "--id", str(other.pk))[-1]


def test_revoke_unknown_is_an_error(cast: KeyCast) -> None:
    with pytest.raises(CommandError, match="No API key"):
        _run("apikey_revoke", "--prefix", "deadbeef")


def test_the_raw_key_is_never_logged(cast: KeyCast, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    raw = _run("apikey_create", "--agency", cast.agency.code, "--name", "k")[-1]
    services.apikey_authenticate(raw, ip="10.0.0.1")
    services.apikey_authenticate(raw + "x", ip="10.0.0.1")
    _run("apikey_revoke", "--prefix", raw[6:14])
    secret = raw[15:]
    assert caplog.records, "the key's creation and revocation are logged"
    assert secret not in caplog.text
    assert ApiKey.objects.get().prefix in caplog.text

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from lapor.accounts.principals import AGENCY_KEY_KIND, SYSTEM, VISITOR
from lapor.core.exceptions import NotFound, PermissionDenied, ValidationFailed
from lapor.integrations import selectors, services
from lapor.integrations.models import ApiKey
from lapor.testing.factories import as_citizen, as_official

from .conftest import KeyCast

pytestmark = pytest.mark.django_db


def test_create_stores_the_hash_and_never_the_raw_key(cast: KeyCast) -> None:
    key, raw = services.apikey_create(
        actor=as_official(cast.developer), agency_id=cast.agency.pk, name="Aplikasi kota"
    )
    saved = ApiKey.objects.get(pk=key.pk)
    assert raw.startswith(f"lapor_{saved.prefix}_")
    assert len(raw) > len("lapor_") + 8 + 1 + 40  # 32 random bytes, base64
    assert saved.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert saved.name == "Aplikasi kota"
    assert saved.agency_id == cast.agency.pk
    assert saved.created_by_id == cast.developer.pk
    secret = raw[len("lapor_") + 9 :]
    for value in ApiKey.objects.filter(pk=key.pk).values().get().values():
        assert raw not in str(value)
        assert secret not in str(value)


def test_two_keys_differ(cast: KeyCast) -> None:
    actor = as_official(cast.admin)
    a = services.apikey_create(actor=actor, agency_id=cast.agency.pk, name="a")
    b = services.apikey_create(actor=actor, agency_id=cast.agency.pk, name="b")
    assert a[1] != b[1]
    assert a[0].prefix != b[0].prefix


@pytest.mark.parametrize("who", ["developer", "admin"])
def test_developer_and_agency_admin_manage_their_agency_keys(cast: KeyCast, who: str) -> None:
    actor = as_official(getattr(cast, who))
    key, _raw = services.apikey_create(actor=actor, agency_id=cast.agency.pk, name="k")
    assert list(selectors.apikeys_for(actor, cast.agency.pk)) == [key]
    assert selectors.apikeys_by_agency(actor) == [(cast.agency, [key])]
    services.apikey_revoke(actor=actor, key_id=key.pk)
    assert ApiKey.objects.get(pk=key.pk).revoked_at is not None


@pytest.mark.parametrize("who", ["other_admin", "other_developer", "unit_admin", "national"])
def test_others_may_not_create(cast: KeyCast, who: str) -> None:
    with pytest.raises(PermissionDenied):
        services.apikey_create(
            actor=as_official(getattr(cast, who)), agency_id=cast.agency.pk, name="k"
        )
    assert not ApiKey.objects.exists()


def test_unverified_official_visitor_and_agency_key_may_not_create(cast: KeyCast) -> None:
    _key, raw = services.apikey_create(actor=SYSTEM, agency_id=cast.agency.pk, name="k")
    key_principal = services.apikey_authenticate(raw, ip=None)
    assert key_principal is not None
    for actor in (as_citizen(cast.developer), VISITOR, key_principal):
        with pytest.raises(PermissionDenied):
            services.apikey_create(actor=actor, agency_id=cast.agency.pk, name="k2")
    assert ApiKey.objects.count() == 1


@pytest.mark.parametrize("who", ["other_admin", "other_developer", "unit_admin", "national"])
def test_others_get_not_found_for_keys_and_revoke(cast: KeyCast, who: str) -> None:
    key, _raw = services.apikey_create(actor=SYSTEM, agency_id=cast.agency.pk, name="k")
    actor = as_official(getattr(cast, who))
    with pytest.raises(NotFound):
        services.apikey_revoke(actor=actor, key_id=key.pk)
    with pytest.raises(NotFound):
        selectors.apikeys_for(actor, cast.agency.pk)
    assert all(key not in keys for _agency, keys in selectors.apikeys_by_agency(actor))
    assert ApiKey.objects.get(pk=key.pk).revoked_at is None


def test_unknown_agency_is_not_found(cast: KeyCast) -> None:
    with pytest.raises(NotFound):
        services.apikey_create(actor=SYSTEM, agency_id=999999, name="k")


def test_agencies_for_lists_the_scope_roots(cast: KeyCast) -> None:
    assert list(selectors.apikey_agencies_for(as_official(cast.developer))) == [cast.agency]
    assert list(selectors.apikey_agencies_for(as_official(cast.unit_admin))) == []
    assert list(selectors.apikey_agencies_for(as_citizen(cast.admin))) == []


def test_name_and_expiry_are_checked(cast: KeyCast) -> None:
    with pytest.raises(ValidationFailed) as exc:
        services.apikey_create(actor=SYSTEM, agency_id=cast.agency.pk, name="  ")
    assert "name" in exc.value.errors
    with pytest.raises(ValidationFailed) as exc:
        services.apikey_create(
            actor=SYSTEM,
            agency_id=cast.agency.pk,
            name="k",
            expires_at=timezone.now() - timedelta(days=1),
        )
    assert "expires_at" in exc.value.errors
    assert not ApiKey.objects.exists()


def test_authenticate_answers_the_agency_key_principal(cast: KeyCast) -> None:
    key, raw = services.apikey_create(actor=SYSTEM, agency_id=cast.agency.pk, name="k")
    principal = services.apikey_authenticate(raw, ip="10.0.0.7")
    assert principal is not None
    assert principal.kind == AGENCY_KEY_KIND
    assert principal.key_id == key.pk
    assert [(s.agency_id, s.path) for s in principal.scopes] == [(cast.agency.pk, cast.agency.path)]
    saved = ApiKey.objects.get(pk=key.pk)
    assert saved.last_used_ip == "10.0.0.7"
    assert saved.last_used_at is not None


def test_authenticate_refuses_wrong_unknown_and_malformed(cast: KeyCast) -> None:
    key, raw = services.apikey_create(actor=SYSTEM, agency_id=cast.agency.pk, name="k")
    wrong = raw[:-2] + ("AA" if not raw.endswith("AA") else "BB")
    unknown = "lapor_00000000_" + raw[15:]
    for bad in (wrong, unknown, "", "lapor_", raw[:14], "Bearer " + raw, raw + "x"):
        assert services.apikey_authenticate(bad, ip=None) is None
    assert ApiKey.objects.get(pk=key.pk).last_used_at is None


def test_authenticate_refuses_revoked_and_expired(cast: KeyCast) -> None:
    revoked, raw_revoked = services.apikey_create(actor=SYSTEM, agency_id=cast.agency.pk, name="r")
    services.apikey_revoke(actor=SYSTEM, key_id=revoked.pk)
    assert services.apikey_authenticate(raw_revoked, ip=None) is None

    expiring, raw_expiring = services.apikey_create(
        actor=SYSTEM,
        agency_id=cast.agency.pk,
        name="e",
        expires_at=timezone.now() + timedelta(days=1),
    )
    assert services.apikey_authenticate(raw_expiring, ip=None) is not None
    with time_machine.travel(timezone.now() + timedelta(days=1, seconds=1)):
        assert services.apikey_authenticate(raw_expiring, ip=None) is None
        assert ApiKey.objects.get(pk=expiring.pk).status == "expired"


def test_authenticate_refuses_a_deactivated_agency(cast: KeyCast) -> None:
    _key, raw = services.apikey_create(actor=SYSTEM, agency_id=cast.agency.pk, name="k")
    cast.agency.is_active = False
    cast.agency.save(update_fields=["is_active"])
    assert services.apikey_authenticate(raw, ip=None) is None


def test_last_used_is_written_at_most_once_a_minute(
    cast: KeyCast, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    key, raw = services.apikey_create(actor=SYSTEM, agency_id=cast.agency.pk, name="k")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        services.apikey_authenticate(raw, ip="10.0.0.1")
    # Half a minute later: one read, no write.
    with (
        time_machine.travel(start + timedelta(seconds=30), tick=False),
        django_assert_num_queries(1),
    ):
        assert services.apikey_authenticate(raw, ip="10.0.0.2") is not None
    saved = ApiKey.objects.get(pk=key.pk)
    assert saved.last_used_at == start
    assert saved.last_used_ip == "10.0.0.1"
    later = start + timedelta(seconds=61)
    with time_machine.travel(later, tick=False):
        services.apikey_authenticate(raw, ip="10.0.0.3")
    saved = ApiKey.objects.get(pk=key.pk)
    assert saved.last_used_at == later
    assert saved.last_used_ip == "10.0.0.3"


def test_revoke_twice_keeps_the_first_time(cast: KeyCast) -> None:
    key, _raw = services.apikey_create(actor=SYSTEM, agency_id=cast.agency.pk, name="k")
    first = services.apikey_revoke(actor=SYSTEM, key_id=key.pk).revoked_at
    second = services.apikey_revoke(actor=SYSTEM, key_id=key.pk).revoked_at
    assert first == second is not None
    assert ApiKey.objects.get(pk=key.pk).status == "revoked"

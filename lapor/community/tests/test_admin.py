"""Comment moderation in the Django admin: national admins decide; everyone reads
comments through the report's gate and authors by user id, never by name."""

import pytest

from lapor.accounts.choices import Role
from lapor.accounts.principals import principal_for_user
from lapor.community.models import Comment
from lapor.community.services import comment_add, comment_flag
from lapor.testing.factories import UserFactory, make_member, make_report
from lapor.testing.otp import force_login_verified

pytestmark = pytest.mark.django_db

URL = "/admin/community/comment/"


def _person(user=None):
    return principal_for_user(user or UserFactory(), verified=True)


def _flagged_comment():
    report = make_report(status="in_progress", is_confidential=False)
    comment = comment_add(principal=_person(), report_id=report.pk, body="Komentar kasar")
    for _ in range(3):
        comment_flag(principal=_person(), comment_id=comment.pk, reason="kasar")
    comment.refresh_from_db()
    return comment


def _admin(client, user):
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    force_login_verified(client, user)
    client.cookies["django_language"] = "en"
    return client


def test_a_national_admin_sees_flagged_comments_and_keeps_one_visible(client):
    comment = _flagged_comment()
    assert comment.is_hidden  # three flags hide it until someone decides
    verifier = make_member(Role.ADMIN_NASIONAL, is_superuser=True)
    _admin(client, verifier)
    listing = client.get(URL, {"moderation": "waiting"})
    assert listing.status_code == 200
    assert "Komentar kasar" in listing.content.decode()
    response = client.post(
        URL, {"action": "keep_comments", "_selected_action": [comment.pk]}, follow=True
    )
    assert "1 comment decided." in response.content.decode()
    comment.refresh_from_db()
    assert comment.is_hidden is False
    assert comment.moderated_by == verifier


def test_a_superuser_without_the_national_admin_role_cannot_read_or_decide(client):
    comment = _flagged_comment()
    _admin(client, UserFactory(is_superuser=True))
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}{comment.pk}/change/").status_code == 403
    assert "/admin/community/" not in client.get("/admin/").content.decode()
    response = client.post(URL, {"action": "keep_comments", "_selected_action": [comment.pk]})
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.is_hidden is True
    assert comment.moderated_at is None
    assert Comment.objects.filter(pk=comment.pk, moderated_by__isnull=True).exists()


def test_a_national_admin_without_the_second_factor_cannot_decide(client):
    comment = _flagged_comment()
    verifier = make_member(Role.ADMIN_NASIONAL, is_superuser=True, is_staff=True)
    client.force_login(verifier)  # password only
    response = client.post(URL, {"action": "keep_comments", "_selected_action": [comment.pk]})
    assert response.status_code in (302, 403)  # sent to the second factor, or refused
    comment.refresh_from_db()
    assert comment.is_hidden is True and comment.moderated_at is None


def test_authors_are_user_ids_never_names(client, world):
    # Finding 1: the admin showed the author (the user's __str__, the full name).
    reporter = world.users["reporter"]
    on_anonymous = comment_add(
        principal=_person(reporter), report_id=world.reports["anonymous"].pk, body="ANON-COMMENT"
    )
    on_public = comment_add(
        principal=_person(world.users["citizen"]),
        report_id=world.reports["public"].pk,
        body="OPEN-COMMENT",
    )
    national = world.users["admin_nasional"]
    national.is_superuser = True
    national.save(update_fields=["is_superuser"])
    _admin(client, national)
    listing = client.get(URL).content.decode()
    assert "ANON-COMMENT" in listing and "OPEN-COMMENT" in listing
    anonymous_page = client.get(f"{URL}{on_anonymous.pk}/change/").content.decode()
    public_page = client.get(f"{URL}{on_public.pk}/change/").content.decode()
    # The national admin may know who filed the anonymous report: the id, still no name.
    assert f"#{reporter.pk}" in anonymous_page and "ANON-COMMENT" in anonymous_page
    assert f"#{world.users['citizen'].pk}" in public_page and "OPEN-COMMENT" in public_page
    for page in (listing, anonymous_page, public_page):
        for person in (reporter, world.users["citizen"]):
            assert person.full_name.split()[0] not in page
            assert person.email not in page
        assert reporter.phone not in page


@pytest.mark.parametrize("key", ["superuser", "admin_instansi", "pengawas", "ombudsman"])
def test_staff_other_than_the_national_admin_read_no_comment_here(client, world, key):
    comment = comment_add(
        principal=_person(world.users["reporter"]),
        report_id=world.reports["anonymous"].pk,
        body="ANON-COMMENT",
    )
    user = world.users[key]
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    _admin(client, user)
    for url in (URL, f"{URL}{comment.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 403
        assert "ANON-COMMENT" not in response.content.decode()

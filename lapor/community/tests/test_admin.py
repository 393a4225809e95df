import pytest

from lapor.accounts.choices import Role
from lapor.portal.models import Comment
from lapor.portal.services import comment_add, comment_flag
from lapor.testing.factories import UserFactory, make_member, make_report
from lapor.testing.otp import force_login_verified

pytestmark = pytest.mark.django_db

URL = "/admin/portal/comment/"


def _flagged_comment():
    report = make_report(status="in_progress", is_confidential=False)
    comment = comment_add(report_id=report.pk, user=UserFactory(), body="Komentar kasar")
    for _ in range(3):
        comment_flag(comment_id=comment.pk, user=UserFactory(), reason="kasar")
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


def test_a_superuser_without_the_national_admin_role_cannot_decide(client):
    comment = _flagged_comment()
    _admin(client, UserFactory(is_superuser=True))
    response = client.post(
        URL, {"action": "keep_comments", "_selected_action": [comment.pk]}, follow=True
    )
    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.is_hidden is True
    assert comment.moderated_at is None
    assert Comment.objects.filter(pk=comment.pk, moderated_by__isnull=True).exists()

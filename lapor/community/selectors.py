"""Reads: comments as pages and moderators see them, and whether one supports a report.

Comments are read only from reports the principal may read (the report's gate). A
comment shows its author by first name and nothing else (moderators: by user id). The
reporter of an anonymous report commenting on it is "Anonymous reporter" to everybody
but themselves and the national admin, the same people who may know who filed it
(``reports.selectors.report_reporter_identity_for``). That rule is written once, as a
database condition (:func:`_author_withheld_q`), and every row this module returns
carries its answer as ``author_withheld``. A comment's text is public free text: the
public reads it masked like the report's own (``reports.public_text``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import BooleanField, Case, F, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from lapor.accounts.principals import Principal
from lapor.core.exceptions import NotFound
from lapor.reports.models import Report
from lapor.reports.public_text import free_text_for

from .models import Comment, Support

COMMENTS_SHOWN = 200


@dataclass(frozen=True)
class CommentEntry:
    """A comment as a page shows it: the author is a label, never a user object, so
    no template can reach a full name, an e-mail or a phone number."""

    pk: int
    body: str
    created_at: datetime
    author_label: str
    is_own: bool


def _author_withheld_q(principal: Principal) -> Q | None:
    """Comments whose author ``principal`` may not know (``None``: none such)."""
    # The national admin (and the system, which acts as one) may know every reporter.
    if principal.is_national_admin or principal.is_system:
        return None
    q = Q(report__is_anonymous=True, author_id=F("report__reporter_id"))
    if principal.is_person:
        # The reporter knows themselves.
        q &= ~Q(report__reporter_id=principal.user_id)
    return q


def _with_author_withheld(qs: QuerySet[Comment], principal: Principal) -> QuerySet[Comment]:
    """``qs`` (comments read through the gate) with each row's ``author_withheld``."""
    withheld = _author_withheld_q(principal)
    answer = (
        Value(False, output_field=BooleanField())
        if withheld is None
        else Case(
            When(withheld, then=Value(True)), default=Value(False), output_field=BooleanField()
        )
    )
    return qs.annotate(author_withheld=answer)


def _withheld(comment: Comment) -> bool:
    # A row read without _with_author_withheld() has no answer: withhold when it
    # might be the anonymous reporter (the safe side).
    answer = getattr(comment, "author_withheld", None)
    if answer is not None:
        return bool(answer)
    report = comment.report
    return bool(report.is_anonymous and comment.author_id == report.reporter_id)


def comment_author_label(*, comment: Comment) -> str:
    """The name a page shows for ``comment``'s author: a first name at most."""
    if _withheld(comment):
        return str(_("Anonymous reporter"))
    author = comment.author
    if author is None or not author.is_active:
        return str(_("Former user"))
    parts = author.full_name.split()
    return parts[0] if parts else str(_("LAPOR! user"))


def comment_author_ref(*, comment: Comment) -> str:
    """The author for moderators: a user id, never a name; an anonymous report's
    reporter stays "Anonymous reporter" to those who may not know them."""
    if comment.author_id is None:
        return "—"
    if _withheld(comment):
        return str(_("Anonymous reporter"))
    return f"#{comment.author_id}"


# What masking a comment needs of its report: who reads it as written
# (visibility.relation_of), the reporter's name and the verifier's redactions.
_REPORT_FIELDS = (
    "pk",
    "status",
    "is_confidential",
    "is_anonymous",
    "redactions",
    "reporter_id",
    "reporter__full_name",
    "agency_id",
    "agency__path",
    "unit_id",
    "unit__path",
    "target_agency_id",
    "target_agency__path",
)


def comment_list_for_report(*, principal: Principal, report_id: int) -> list[CommentEntry]:
    """The comments on a report ``principal`` may read, oldest first, hidden ones left
    out, their text masked as the report's for the public; ``NotFound`` for a report
    they may not read."""
    report = (
        Report.objects.visible_to(principal)
        .select_related("reporter", "agency", "unit", "target_agency")
        .only(*_REPORT_FIELDS)
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        raise NotFound(_("No such report."))
    comments = (
        _with_author_withheld(
            Comment.objects.visible_to(principal).shown().filter(report_id=report_id), principal
        )
        .select_related("author")
        .only(
            "pk",
            "body",
            "created_at",
            "report_id",
            "author_id",
            "author__full_name",
            "author__is_active",
        )
        .order_by("created_at", "id")[:COMMENTS_SHOWN]
    )
    return [
        CommentEntry(
            pk=c.pk,
            body=free_text_for(principal, report, c.body),
            created_at=c.created_at,
            author_label=comment_author_label(comment=c),
            is_own=principal.owns(c.author_id),
        )
        for c in comments
    ]


def comment_list_for_moderation(*, principal: Principal) -> QuerySet[Comment]:
    """Every comment (hidden or not) on reports ``principal`` may read, with its report,
    for moderators; show the author with :func:`comment_author_ref`."""
    return _with_author_withheld(Comment.objects.visible_to(principal), principal).select_related(
        "report"
    )


def comment_get_visible_to(*, principal: Principal, comment_id: int) -> Comment:
    """One comment on a report ``principal`` may read (with its report's tracking ID),
    or ``NotFound``."""
    comment = (
        Comment.objects.visible_to(principal)
        .select_related("report")
        .only("pk", "author_id", "is_hidden", "report", "report__tracking_id")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None:
        raise NotFound(_("No such comment."))
    return comment


def support_exists(*, principal: Principal, report_id: int) -> bool:
    """Whether ``principal`` supports the report (``False`` for a visitor)."""
    user_id = principal.user_id
    if not principal.is_person or user_id is None:
        return False
    return (
        Support.objects.visible_to(principal).filter(report_id=report_id, user_id=user_id).exists()
    )


__all__ = [
    "COMMENTS_SHOWN",
    "CommentEntry",
    "comment_author_label",
    "comment_author_ref",
    "comment_get_visible_to",
    "comment_list_for_moderation",
    "comment_list_for_report",
    "support_exists",
]

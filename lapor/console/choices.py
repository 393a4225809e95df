from django.db import models
from django.utils.translation import gettext_lazy as _


class TemplateKind(models.TextChoices):
    """What a reply template is for: which box of the console offers it."""

    QUESTION = "question", _("Question to the reporter (hold)")
    FOLLOW_UP = "follow_up", _("Follow-up")
    ANSWER = "answer", _("Answer (resolve)")
    REASON = "reason", _("Reason (not our authority, transfer, archive)")


class LoginEventKind(models.TextChoices):
    PASSWORD_OK = "password_ok", _("Password accepted")
    PASSWORD_FAILED = "password_failed", _("Wrong login or password")
    # Refused before the password was checked: the login or the address is locked
    # (``accounts.otp.login_throttle_check``).
    LOCKED_OUT = "locked_out", _("Refused: too many tries")
    NOT_OFFICIAL = "not_official", _("Refused: not an official")
    OTP_OK = "otp_ok", _("Second factor accepted")
    OTP_FAILED = "otp_failed", _("Wrong second-factor code")
    RECOVERY_USED = "recovery_used", _("Recovery code used")
    ENROLLED = "enrolled", _("Authenticator app set up")
    LOGOUT = "logout", _("Signed out")
    TIMEOUT = "timeout", _("Session timed out")
    INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted")


class Page(models.TextChoices):
    """The console lists a saved view can belong to."""

    DESK = "desk", _("Verification desk")
    INBOX = "inbox", _("Agency inbox")
    OVERSIGHT = "oversight", _("Oversight")

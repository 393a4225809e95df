"""Users, reporter profiles and role memberships."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lapor.core.models import TimeStampedModel

from .choices import Role


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(
        self, email: str | None = None, password: str | None = None, **extra: Any
    ) -> User:
        from .services import normalize_email, normalize_phone

        phone = extra.pop("phone", None)
        if not email and not phone:
            raise ValueError("A user needs an e-mail address or a mobile number.")
        user = self.model(
            email=normalize_email(email) if email else None,
            phone=normalize_phone(phone) if phone else None,
            **extra,
        )
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an e-mail address or an Indonesian mobile number.

    The phone is stored in E.164 (``+6281234567890``); the e-mail lower-cased.
    """

    email = models.EmailField(_("e-mail address"), unique=True, null=True, blank=True)
    phone = models.CharField(_("mobile number"), max_length=20, unique=True, null=True, blank=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=Q(email__isnull=False) | Q(phone__isnull=False),
                name="user_has_email_or_phone",
            )
        ]

    def __str__(self) -> str:
        # Never a name, an e-mail or a phone: a user is printed by admin pages (foreign
        # keys, comment authors, notification recipients), log lines and error reports,
        # and there a name would tie a person to an anonymous report. Pages that mean
        # to show a name say ``full_name`` where they may.
        return str(_("User #%(id)s") % {"id": self.pk})

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else str(self)


class ReporterProfile(TimeStampedModel):
    """What a reporter tells about themself.

    The NIK (national identity number) is encrypted at rest; only
    ``accounts.selectors.reporter_nik_for`` decrypts it, for the reporter and the
    national admin.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="reporter_profile")
    nik_encrypted = models.TextField(blank=True, default="", editable=False)
    nik_hash = models.CharField(
        max_length=64, blank=True, default="", editable=False, db_index=True
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = _("reporter profile")
        verbose_name_plural = _("reporter profiles")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def has_nik(self) -> bool:
        return bool(self.nik_encrypted)


class RoleMembership(TimeStampedModel):
    """A user holds a role, over an agency subtree for agency roles."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        help_text=_("The agency or unit whose subtree this role covers. Empty for national roles."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    granted_by = models.ForeignKey(
        User,
        verbose_name=_("granted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("role membership")
        verbose_name_plural = _("role memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "agency"], name="membership_unique_per_agency"
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(agency__isnull=True),
                name="membership_unique_national",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}" + (
            f" · {self.agency}" if self.agency_id else ""
        )


class CodePurpose(models.TextChoices):
    CONFIRM = "confirm", _("Confirm a new account")
    RESET = "reset", _("Reset the password")


class OneTimeCode(models.Model):
    """A six-digit code sent to a person's e-mail or phone (accounts.otp).

    Only a keyed hash is stored; a code works once, until ``expires_at``, and dies
    after a few wrong tries so that it cannot be guessed.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="one_time_codes")
    purpose = models.CharField(max_length=10, choices=CodePurpose.choices)
    code_hash = models.CharField(max_length=64)
    sent_to = models.CharField(max_length=254, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")
        indexes = [models.Index(fields=["user", "purpose", "-created_at"], name="otp_user_purpose")]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} · {self.user_id}"


class AuthAttempt(models.Model):
    """One try at something guessable (login, code, reset request), for rate limits.

    ``key`` names what is being tried against (``login:budi@x.id``, ``ip:1.2.3.4``);
    the rows of the last hour decide whether another try is allowed.
    """

    key = models.CharField(max_length=200)
    succeeded = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("sign-in attempt")
        verbose_name_plural = _("sign-in attempts")
        indexes = [models.Index(fields=["key", "-created_at"], name="authattempt_key_time")]

    def __str__(self) -> str:
        return self.key

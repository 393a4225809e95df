"""Sign in with an e-mail address or an Indonesian mobile number."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from .models import User
from .services import InvalidPhone, normalize_email, normalize_phone


class EmailOrPhoneBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        login = username or kwargs.get(User.USERNAME_FIELD)
        if not login or password is None:
            return None
        user = user_find_by_login(login)
        if user is None:
            # Spend the same time as a real check, so that timing does not tell
            # which logins exist.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def user_find_by_login(login: str) -> User | None:
    login = login.strip()
    if "@" in login:
        return User.objects.filter(email=normalize_email(login)).first()
    try:
        phone = normalize_phone(login)
    except InvalidPhone:
        return None
    return User.objects.filter(phone=phone).first()

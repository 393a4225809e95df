"""E-mail for ``make run``: a few lines in the terminal instead of the whole message.

Django's console backend prints each message with its headers and its HTML part, fifty
lines an e-mail. The demo supervisor (``run_demo``) uses this one unless EMAIL_BACKEND
is set: who it is for, the subject and the plain text, which is what a newcomer wants
to see next to the request that caused it.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

from lapor.core.sms import SmsGateway

_lock = threading.Lock()


class ConsoleSummaryEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        lines: list[str] = []
        for message in email_messages:
            lines.append(f"E-mail to {', '.join(message.to)}: {message.subject}")
            lines += [f"    {line}" for line in str(message.body).splitlines() if line.strip()]
        with _lock:
            sys.stdout.write("\n".join(lines) + "\n")
            sys.stdout.flush()
        return len(email_messages)


class QuietSmsGateway(SmsGateway):
    """Sends nothing and says nothing: the demo's history, delivered while it is made."""

    def send(self, to_e164: str, text: str) -> None:
        return None

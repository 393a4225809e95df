"""The outbox in the admin: see what is stuck or dead, per subscriber, and send it again."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin, messages
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lapor.core.models import OutboxMessage
from lapor.core.outbox import outbox_retry_now, outbox_subscribers


class _RegistryFilter(admin.SimpleListFilter):
    """Choices from the subscribers registered in code, not a ``SELECT DISTINCT`` over
    an outbox that may hold millions of rows."""

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        return queryset.filter(**{str(self.parameter_name): value}) if value else queryset


class SubscriberListFilter(_RegistryFilter):
    title = _("subscriber")
    parameter_name = "subscriber"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(s.name, f"{s.name} ({s.topic})") for s in outbox_subscribers()]


class TopicListFilter(_RegistryFilter):
    title = _("topic")
    parameter_name = "topic"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        topics = dict.fromkeys(s.topic for s in outbox_subscribers())
        return [(topic, topic) for topic in topics]


def _reads_deliveries(request: HttpRequest) -> bool:
    # ``request.principal`` (accounts' PrincipalMiddleware), read by duck typing: core
    # sits below accounts and does not import it.
    principal = getattr(request, "principal", None)
    return bool(getattr(principal, "is_national_admin", False))


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "topic",
        "subscriber",
        "idempotency_key",
        "status",
        "attempts_display",
        "next_attempt_at",
        "created_at",
        "delivered_at",
    )
    list_filter = ("status", SubscriberListFilter, TopicListFilter)
    search_fields = ("idempotency_key",)
    ordering = ("-id",)
    date_hierarchy = "created_at"
    list_per_page = 100
    show_full_result_count = False  # counting a large outbox on every page is slow
    actions = ("retry_now",)
    fields = (
        ("topic", "subscriber"),
        "idempotency_key",
        "status",
        ("attempts", "max_attempts"),
        "next_attempt_at",
        ("locked_until", "locked_by"),
        "created_at",
        "delivered_at",
        "payload_pretty",
        "last_error_pretty",
    )

    # Rows are written by services and changed by the dispatcher; in the admin they are
    # read-only, and "retry now" is the one thing a person may do to them.
    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [
            "topic",
            "subscriber",
            "idempotency_key",
            "status",
            "attempts",
            "max_attempts",
            "next_attempt_at",
            "locked_until",
            "locked_by",
            "created_at",
            "delivered_at",
            "payload_pretty",
            "last_error_pretty",
        ]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        """Payloads and errors only for the national admin. They hold ids rather than
        text, but a delivery error may quote a recipient (an SMTP refusal names the
        address), and a superuser without a role is nobody's reader of reporters."""
        fields = super().get_fields(request, obj)
        if _reads_deliveries(request):
            return fields
        return [f for f in fields if f not in ("payload_pretty", "last_error_pretty")]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("attempts"))
    def attempts_display(self, obj: OutboxMessage) -> str:
        return f"{obj.attempts}/{obj.max_attempts}"

    @admin.display(description=_("payload"))
    def payload_pretty(self, obj: OutboxMessage) -> str:
        text = json.dumps(obj.payload, indent=2, ensure_ascii=False, cls=DjangoJSONEncoder)
        return format_html("<pre>{}</pre>", text)

    @admin.display(description=_("last error"))
    def last_error_pretty(self, obj: OutboxMessage) -> str:
        return format_html("<pre>{}</pre>", obj.last_error) if obj.last_error else "-"

    @admin.action(description=_("Retry now (dead or pending messages)"), permissions=["change"])
    def retry_now(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        ids = list(queryset.values_list("pk", flat=True))
        count = outbox_retry_now(message_ids=ids)
        skipped = len(ids) - count
        self.message_user(
            request,
            ngettext(
                "%(count)d message will be delivered again shortly.",
                "%(count)d messages will be delivered again shortly.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d message was skipped: only dead or pending ones can be retried.",
                    "%(count)d messages were skipped: only dead or pending ones can be retried.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryStatus(models.TextChoices):
    """Where one webhook delivery stands (its tries are the outbox's ``webhook.send`` rows)."""

    PENDING = "pending", _("Waiting to be sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed, will try again")
    DEAD = "dead", _("Failed, gave up")

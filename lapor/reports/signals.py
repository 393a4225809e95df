"""Signals the report flow sends. Receivers (notifications, webhooks, statistics)
run after the transaction that made the move has committed, so they never see a move
that was rolled back."""

from __future__ import annotations

from django.dispatch import Signal

# Sent after commit by ``reports.transitions.transition`` and ``reports.services.report_submit``
# with ``report_id``, ``event_id`` and ``action`` (a ``reports.transitions.Action``).
report_transitioned = Signal()

"""The citizen's and the public's pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lapor.deadlines.rules import (
    FIRST_FOLLOWUP_DAYS,
    REPLY_DAYS,
    VERIFICATION_DAYS,
    finish_days,
)
from lapor.reports.choices import Classification

from . import selectors


def home(request: HttpRequest) -> HttpResponse:
    finish_table = [(label, finish_days(value)) for value, label in Classification.choices]
    return render(
        request,
        "portal/home.html",
        {
            "verification_days": VERIFICATION_DAYS,
            "first_followup_days": FIRST_FOLLOWUP_DAYS,
            "reply_days": REPLY_DAYS,
            "finish_table": finish_table,
            "stats": selectors.home_stats(),
        },
    )

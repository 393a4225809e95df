"""The public API's request and response shapes (pydantic v2, documented in OpenAPI).

Every field a response carries is declared here, with an example, so that
``/api/v1/openapi.json`` describes the API completely and schemathesis can hold the
answers to it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from ninja import Schema
from pydantic import ConfigDict, Field, StringConstraints

from lapor.agencies.choices import AgencyKind, Classification
from lapor.reports.choices import Status

# Query strings reach the database: no NUL (PostgreSQL refuses it in text) and a bound.
SearchText = Annotated[str, StringConstraints(max_length=200, pattern=r"^[^\x00]*$")]
AgencyCode = Annotated[str, StringConstraints(max_length=80, pattern=r"^[-a-zA-Z0-9_]*$")]
RegionCode = Annotated[str, StringConstraints(max_length=13, pattern=r"^[0-9.]*$")]
Cursor = Annotated[str, StringConstraints(max_length=200, pattern=r"^[-A-Za-z0-9_=]*$")]
DbId = Annotated[int, Field(ge=1, le=2_147_483_647)]


class ErrorOut(Schema):
    """Every error: a stable code, a message in the request's language, field errors."""

    code: str = Field(examples=["not_found"])
    message: str = Field(examples=["Not found."])
    fields: dict[str, list[str]] = Field(
        default_factory=dict, examples=[{"limit": ["Enter a value of at most 100."]}]
    )


class ReporterOut(Schema):
    """What the caller may know of who filed the report (the public: a first name; on an
    anonymous report nobody but the reporter and the national admin reads anything)."""

    name: str | None = Field(examples=["Budi"])
    email: str | None = Field(default=None, examples=[None])
    phone: str | None = Field(default=None, examples=[None])


class ReportSummaryOut(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "tracking_id": "4829103746",
                    "title": "Jalan rusak di depan pasar",
                    "classification": "pengaduan",
                    "classification_label": "Pengaduan",
                    "status": "in_progress",
                    "status_label": "Sedang ditindaklanjuti",
                    "category": "Jalan rusak",
                    "region_code": "32.73",
                    "region": "Kota Bandung",
                    "agency": "Pemerintah Kota Bandung",
                    "submitted_at": "2026-11-02T08:15:00+07:00",
                    "support_count": 12,
                    "url": "https://lapor.go.id/api/v1/reports/4829103746",
                    "web_url": "https://lapor.go.id/laporan/4829103746/",
                }
            ]
        }
    )

    tracking_id: str = Field(description="Ten digits; the last is a check digit.")
    title: str = Field(description="Masked for the public: no NIK, phone or e-mail.")
    classification: str
    classification_label: str
    status: str
    status_label: str
    category: str | None = Field(description="The topic, in the request's language.")
    region_code: str | None
    region: str | None
    agency: str | None
    submitted_at: datetime
    support_count: int
    url: str = Field(description="This report in the API.")
    web_url: str = Field(description="This report's public page.")


class AttachmentOut(Schema):
    id: int
    kind: str = Field(examples=["image"])
    content_type: str = Field(examples=["image/jpeg"])
    size: int = Field(examples=[183204])
    url: str = Field(
        description="The gated download: it answers only whom the report's rules allow.",
        examples=["https://lapor.go.id/attachments/77/"],
    )


class EventOut(Schema):
    code: str = Field(examples=["report.followed_up"])
    label: str = Field(examples=["The agency followed up"])
    actor: str = Field(
        description="Who did it, as the caller may know it (officials as their agency).",
        examples=["Pemerintah Kota Bandung"],
    )
    created_at: datetime
    from_status: str = Field(examples=["disposed"])
    to_status: str = Field(examples=["in_progress"])
    note: str = Field(description="Masked for the public.", examples=["Perbaikan dijadwalkan."])
    attachments: list[AttachmentOut]


class ReportOut(ReportSummaryOut):
    description: str
    address: str
    latitude: float | None
    longitude: float | None
    incident_date: date | None
    is_anonymous: bool
    is_confidential: bool
    status_changed_at: datetime
    rating: int | None
    reporter: ReporterOut | None
    timeline: list[EventOut] = Field(description="Oldest first; only what the caller may read.")
    attachments: list[AttachmentOut] = Field(description="Files on no event of the timeline.")
    # The handling fields: only for officials (and agency keys) related to the report.
    unit: str | None = None
    channel: str | None = None
    due_at: datetime | None = None


class ReportPageOut(Schema):
    items: list[ReportSummaryOut]
    next: str | None = Field(
        description="The next page's URL (the same filters and a cursor), or null at the end."
    )
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page.")


class CategoryOut(Schema):
    id: int = Field(examples=[3])
    slug: str = Field(examples=["jalan-rusak"])
    name: str = Field(description="The Indonesian name.", examples=["Jalan rusak"])
    name_en: str = Field(description="The English name, or empty.", examples=["Damaged roads"])
    label: str = Field(description="The name in the request's language.")
    parent: int | None = Field(description="The topic above it, or null for a topic.")


class AgencyOut(Schema):
    id: int
    code: str = Field(examples=["pemda-32-73"])
    name: str = Field(examples=["Pemerintah Kota Bandung"])
    kind: str = Field(examples=["pemkab"])
    kind_label: str
    parent: str | None = Field(description="The parent agency's code.")
    region_code: str | None


class AgencyPageOut(Schema):
    items: list[AgencyOut]
    next: str | None
    next_cursor: str | None


class RegionOut(Schema):
    code: str = Field(examples=["32.73"])
    name: str = Field(examples=["Kota Bandung"])
    level: int = Field(description="1 province, 2 regency/city, 3 district, 4 village.")
    level_label: str
    parent: str | None
    timezone: str = Field(examples=["Asia/Jakarta"])


# --- query parameters ------------------------------------------------------------------

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


class ReportListParams(Schema):
    q: SearchText = Field("", description='Full-text search (words, "phrases", -word).')
    classification: Classification | None = None
    status: Status | None = Field(None, description="One of the public statuses.")
    category: DbId | None = Field(None, description="A topic's id (its subtopics included).")
    agency: AgencyCode = Field("", description="An agency's code (its units included).")
    region: RegionCode = Field("", description="A region's code (the regions inside it too).")
    date_from: date | None = Field(None, description="Submitted on or after (YYYY-MM-DD).")
    date_to: date | None = Field(None, description="Submitted on or before (YYYY-MM-DD).")
    cursor: Cursor = Field("", description="From the previous page's next_cursor.")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


class AgencyListParams(Schema):
    q: SearchText = Field("", description="Words of the name, or the start of the code.")
    kind: AgencyKind | None = None
    parent: AgencyCode = Field("", description="Only the agencies directly under this one.")
    cursor: Cursor = Field("", description="From the previous page's next_cursor.")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


class RegionListParams(Schema):
    parent: RegionCode = Field("", description="A region's code: its children. Empty: provinces.")

"""The legal time limits, in working days (hari kerja).

Sources: PermenPAN-RB 62/2018 (classification deadlines) and the SP4N-LAPOR! practice
described in docs/DOMAIN.md. Changing a number here changes every due date computed
from then on; stored due dates change only when a report is recomputed.
"""

from __future__ import annotations

from lapor.agencies.choices import Classification

# The verifier's time to dispose, hold or archive a new report.
VERIFICATION_DAYS = 3
# The agency's time to post its first follow-up (tindak lanjut) after disposition.
FIRST_FOLLOWUP_DAYS = 5
# The reporter's time to complete a report that was put on hold (tunda).
HOLD_DAYS = 10
# The reporter's time to reply to the agency's answer before the report closes itself.
REPLY_DAYS = 10
# The Ombudsman's time to finish a report handed over to it.
ESCALATED_FINISH_DAYS = 60
# Calendar days since submission after which a report still unresolved may be offered
# to the Ombudsman (DOMAIN: "still unresolved after 60 days"), with the reporter's consent.
OMBUDSMAN_CONSENT_AFTER_DAYS = 60

FINISH_DAYS: dict[str, int] = {
    Classification.PENGADUAN_PENGAWASAN: 60,
    Classification.PENGADUAN: 14,
    Classification.INFORMASI: 5,
    Classification.ASPIRASI: 5,
}


def finish_days(classification: str) -> int:
    """Working days an agency has to finish a report of this classification."""
    try:
        return FINISH_DAYS[classification]
    except KeyError:
        raise ValueError(f"Unknown classification: {classification!r}") from None

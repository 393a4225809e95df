"""The report's one state machine. docs/workflow.md is the contract; this package is its
only implementation, and nothing else writes ``Report.status``.

* ``table``: the moves (``Action``, ``Move``, ``TRANSITIONS``), their legality and
  ``allowed_actions`` (pure: no database);
* ``inputs``: cleaning a move's input before the lock, and checking it against the
  locked row and the actor's capacity after;
* ``engine``: ``make_move`` (one move on one locked row, in memory) and
  ``transition``, the service that makes one move and returns its event;
* ``bulk``: ``transition_many``, the same move on a batch with set-based writes;
* ``writes``: those set-based writes (reports, sweep state), shared by both.

Events are written by ``reports.events`` (the registry of codes and the one writer).
"""

from .bulk import TransitionManyResult, transition_many
from .engine import transition
from .inputs import (
    NOTE_MAX,
    TITLE_MAX,
    TITLE_MIN,
    add_error,
    clean_agency,
    clean_category,
    clean_region,
    clean_title,
)
from .table import (
    CONSENT_AFTER,
    OMBUDSMAN_AGENCY_CODE,
    TRANSITIONS,
    Action,
    Move,
    allowed_actions,
    target_status,
)
from .writes import report_attach_places, sweep_states_write

__all__ = [
    "CONSENT_AFTER",
    "NOTE_MAX",
    "OMBUDSMAN_AGENCY_CODE",
    "TITLE_MAX",
    "TITLE_MIN",
    "TRANSITIONS",
    "Action",
    "Move",
    "TransitionManyResult",
    "add_error",
    "allowed_actions",
    "clean_agency",
    "clean_category",
    "clean_region",
    "clean_title",
    "report_attach_places",
    "sweep_states_write",
    "target_status",
    "transition",
    "transition_many",
]

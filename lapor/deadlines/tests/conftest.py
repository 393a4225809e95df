from __future__ import annotations

from collections.abc import Iterator

import pytest

from lapor.deadlines.calendar import calendar_clear_cache


@pytest.fixture(autouse=True)
def _fresh_calendar() -> Iterator[None]:
    # Holiday rows of one test are rolled back, but the arrays built from them live in
    # the process: start and end every test with none.
    calendar_clear_cache()
    yield
    calendar_clear_cache()

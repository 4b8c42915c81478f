"""Fault hunt (issue 9): calendar export defects, each with the test that failed before
its fix."""

from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar

from carecli.domain.daily import QueueItem
from carecli.export.calendar import calendar_ics

NOW = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)


def _summary(kind: str, key: str) -> str:
    item = QueueItem(key=key, client_id=1, client="Ida Rowe", kind=kind, due=date(2026, 11, 27),
                     reason="TCM visit due by Fri Nov 27 — discharged Fri Nov 20 (high "
                            "complexity)", risk_tier="high", overdue_days=0)
    text = calendar_ics([], [(date(2026, 11, 27), item)], now=NOW)
    (event,) = Calendar.from_ical(text).walk("VEVENT")
    return str(event["summary"])


@pytest.mark.parametrize("kind", ["tcm_medrec", "tcm_visit"])
def test_a_tcm_step_deadline_is_named_as_such_not_a_vague_follow_up(kind: str) -> None:
    summary = _summary(kind, f"{kind}:3")
    assert summary != "Follow-up: I.R."
    assert "deadline" in summary.lower()

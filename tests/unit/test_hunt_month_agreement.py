"""The caseload's minutes column and `carecli report minutes` agree for every client of a demo
caseload, in a local zone with daylight saving time (the month starts at local midnight)."""

from datetime import date

import pytest

from carecli.data.caseload import load_caseload
from carecli.data.minutes import month_minutes
from carecli.demo import build_demo
from carecli.widgets.caseload_cells import minutes_cell


@pytest.fixture
def new_york(local_zone):
    local_zone("America/New_York")


@pytest.mark.parametrize("today", [date(2026, 11, 30), date(2026, 3, 1), date(2026, 11, 1)])
def test_caseload_minutes_and_codes_equal_the_billing_report_for_300_demo_clients(
        db, new_york, today) -> None:
    build_demo(db=db, clients=300, seed=7, today=today)
    report = {r.client_id: r for r in month_minutes(db=db, today=today)}
    rows = load_caseload(db=db, today=today)
    assert len(rows) == 300 and report
    for row in rows:
        billed = report.get(row.id)
        minutes, eligible, codes = ((billed.minutes, billed.eligible, billed.codes)
                                    if billed else (0, row.ccm_eligible, ()))
        assert (row.minutes_this_month, row.ccm_codes) == (minutes, codes), row.id
        if billed is not None:
            assert row.ccm_eligible == eligible, row.id
        assert minutes_cell(row, today).plain.split()[0].split("/")[0] == str(minutes)

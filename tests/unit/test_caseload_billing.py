"""The caseload's minutes column: this month's minutes and the CCM codes they reach, the same
as the billing report (`client_month`)."""

from datetime import date

import pytest
from test_minutes import TODAY, _client, _log

from carecli.data.caseload import load_caseload
from carecli.data.minutes import client_month, mark_complex
from carecli.widgets.caseload_cells import minutes_cell

pytestmark = pytest.mark.both_backends


def _row(db, client_id: int, today: date = TODAY):
    return next(row for row in load_caseload(db=db, today=today) if row.id == client_id)


def test_codes_on_the_caseload_match_the_billing_report(db) -> None:
    plain = _client(db, "Ann", "Plain")
    complex_ = _client(db, "Cy", "Complex")
    single = _client(db, "Sol", "Single", conditions=1)
    unconsented = _client(db, "Una", "Unsigned", consent=False)
    starting = _client(db, "Stu", "Starting")
    for client_id, minutes in ((plain, 45), (complex_, 95), (single, 45), (unconsented, 45),
                               (starting, 12)):
        _log(db, client_id, "2026-11-20 10:00", minutes)
    mark_complex(db=db, client_id=complex_, month="2026-11", complex=True, today=TODAY)

    for client_id, codes, cell in (
        (plain, ("99490", "99439"), " 45 ✓+1"),
        (complex_, ("99487", "99489"), " 95 C+1"),
        (single, (), " 45"),
        (unconsented, (), " 45"),
        (starting, (), " 12/20"),
    ):
        row = _row(db, client_id)
        assert row.ccm_codes == codes == client_month(db=db, client_id=client_id,
                                                      today=TODAY).codes
        assert minutes_cell(row, TODAY).plain == cell


def test_a_new_month_starts_from_nothing_and_forgets_last_months_complex_mark(db) -> None:
    client = _client(db)
    _log(db, client, "2026-11-20 10:00", 70)
    mark_complex(db=db, client_id=client, month="2026-11", complex=True, today=TODAY)
    assert _row(db, client).ccm_codes == ("99487",)
    december = _row(db, client, today=date(2026, 12, 1))
    assert (december.minutes_this_month, december.ccm_codes) == (0, ())
    assert december.ccm_eligible
    assert minutes_cell(december, date(2026, 12, 1)).plain == "  0/20"

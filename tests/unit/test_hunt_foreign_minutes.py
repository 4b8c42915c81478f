"""Minutes another program wrote that no bill can come from (below zero, or summing past the
largest float): `report minutes` still prints the month's list, without codes for such a
client, as the caseload's minutes column does; never a traceback."""

import sqlite3
from contextlib import closing
from datetime import date

from test_cli import Run
from test_cli import run as run  # noqa: F401  (the fixture `run`, used by name)
from test_minutes import _client, _log

from carecli.data.caseload import load_caseload
from carecli.data.minutes import month_minutes

TODAY = date(2026, 11, 24)


def test_unbillable_stored_minutes_give_no_codes_in_the_report_or_the_caseload(
        run: Run, db, db_path) -> None:
    below, past, plain = (_client(db, given) for given in ("Neg", "Inf", "Ok"))
    for client_id in (below, past, past, plain):
        _log(db, client_id, "2026-11-20 10:00", 30)
    with closing(sqlite3.connect(db_path)) as conn, conn:
        conn.execute("UPDATE contact_log SET minutes = -50 WHERE client_id = ?", (below,))
        conn.execute("UPDATE contact_log SET minutes = 1e308 WHERE client_id = ?", (past,))
    report = {r.client_id: r for r in month_minutes(db=db, today=TODAY, month="2026-11")}
    rows = {r.id: r for r in load_caseload(db=db, today=TODAY)}
    for client_id, minutes, codes in ((below, -50, ()), (past, 0, ()), (plain, 30, ("99490",))):
        assert (report[client_id].minutes, report[client_id].codes) == (minutes, codes)
        assert (rows[client_id].minutes_this_month, rows[client_id].ccm_codes) == (minutes, codes)
    code, out, err = run("--db", str(db_path), "report", "minutes", "--month", "2026-11")
    assert (code, err) == (0, "")
    assert "3 clients, -20 minutes" in out.splitlines()[-1]

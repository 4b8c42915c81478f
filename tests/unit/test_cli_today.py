"""`carecli today`: the queue in the shell, as lines or JSON in the queue's order; a bad
--date or a missing database gets one sentence and a non-zero exit."""

import json
import os
import sqlite3
from contextlib import closing

import pytest

from carecli.cli import main
from carecli.data.queue import load_queue
from carecli.demo import build_demo

DAY = "2026-11-24"


@pytest.fixture
def run(capsys: pytest.CaptureFixture):
    """Call `main` as the shell would; returns (exit code, stdout, stderr)."""

    def run_main(*argv: str) -> tuple[int, str, str]:
        umask = os.umask(0o022)
        os.umask(umask)
        try:
            code = main(list(argv))
        except SystemExit as exc:
            code = exc.code
        finally:
            os.umask(umask)
        out, err = capsys.readouterr()
        return code, out, err

    return run_main


@pytest.fixture
def demo(db, db_path, today):
    build_demo(db=db, clients=60, seed=1, today=today)
    return load_queue(db=db, today=today)


def test_one_line_per_item_in_the_queue_s_order(run, db_path, demo):
    code, out, err = run("--db", str(db_path), "today", "--date", DAY)
    assert (code, err) == (0, "")
    title, *lines = out.splitlines()
    assert title == (f"Queue for Tue 24 Nov 2026: {len(demo.items)} items ({demo.due} due, "
                     f"{demo.overdue} overdue).")
    assert len(lines) == len(demo.items) > 10
    for line, item in zip(lines, demo.items, strict=True):
        assert line.startswith(item.client[:27])
        assert f"  {item.kind} " in line and f"  {item.due.isoformat()}  " in line
        assert line.endswith(f"  {item.reason}")
    assert lines[0].split("  ")[-1].endswith("— no follow-up yet")  # safety first


def test_json_is_a_list_of_items_in_order(run, db_path, demo):
    code, out, err = run("today", "--json", "--date", DAY, "--db", str(db_path))
    assert (code, err) == (0, "")
    found = json.loads(out)
    assert [(o["client_id"], o["client"], o["kind"], o["due"], o["reason"]) for o in found] == [
        (i.client_id, i.client, i.kind, i.due.isoformat(), i.reason) for i in demo.items]


def test_another_date_shows_that_day_s_queue(run, db_path, demo):
    later = json.loads(run("--db", str(db_path), "today", "--json", "--date", "2026-12-01")[1])
    assert len(later) > len(demo.items)
    assert {o["kind"] for o in later} >= {"check_in", "safety"}


def test_an_empty_caseload_has_nothing_due(run, db, db_path):
    assert run("--db", str(db_path), "today", "--date", DAY) == (
        0, "Nothing due on Tue 24 Nov 2026.\n", "")
    assert run("--db", str(db_path), "today", "--json") == (0, "[]\n", "")


@pytest.mark.parametrize("bad", ["2026-02-30", "tomorrow", "11/24/2026", "2026-11-24T10:00",
                                 "", "2026-1-5"])
def test_a_bad_date_gets_one_sentence(run, db_path, demo, bad):
    code, out, err = run("--db", str(db_path), "today", "--date", bad)
    assert code == 2 and out == ""
    assert err == (f"carecli: --date takes a real day as YYYY-MM-DD (e.g. 2026-11-30), not "
                   f"{bad!r}.\n")


def test_no_database_is_said_and_not_created(run, tmp_path):
    missing = tmp_path / "none.db"
    code, out, err = run("--db", str(missing), "today")
    assert (code, out) == (1, "")
    assert err.startswith(f"carecli: there is no database at {missing} yet;")
    assert err.count("\n") == 1 and not missing.exists()


def test_reads_while_another_program_writes(run, db_path, demo):
    """A running app in the middle of a save does not stop the listing (WAL readers)."""
    with closing(sqlite3.connect(db_path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE client SET notes = 'busy' WHERE id = 1")
        code, out, err = run("--db", str(db_path), "today", "--json", "--date", DAY)
        other.execute("ROLLBACK")
    assert (code, err) == (0, "") and len(json.loads(out)) == len(demo.items)


def test_care_plan_interventions_and_reviews_print_and_go_out_as_json(run, db_path, demo):
    planned = [i for i in demo.items if i.kind in ("intervention", "plan_review")]
    assert {i.kind for i in planned} == {"intervention", "plan_review"}  # the demo has both
    code, out, _err = run("--db", str(db_path), "today", "--date", DAY)
    lines = out.splitlines()[1:]
    for item in planned:
        assert any(f"  {item.kind}  " in line and line.endswith(f"  {item.reason}")
                   for line in lines), item
    code, out, _err = run("--db", str(db_path), "today", "--date", DAY, "--json")
    found = [o for o in json.loads(out) if o["kind"] in ("intervention", "plan_review")]
    assert [(o["key"], o["reason"]) for o in found] == [(i.key, i.reason) for i in planned]
    assert all(o["key"].startswith(("intervention:", "plan_review:")) for o in found)

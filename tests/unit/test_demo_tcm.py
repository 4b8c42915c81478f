"""The demo's recent discharges come with realistic TCM progress: some steps done, one visit
overdue, LACE scored for most from the record, as the Stays & TCM screen would show them."""

from datetime import date
from pathlib import Path

from sqlalchemy import select

from carecli.clinical import score
from carecli.config import resolve_database
from carecli.data.db import open_database
from carecli.data.models import HospitalStay
from carecli.data.stays import as_stay, lace_draft, stays_of
from carecli.demo import build_demo

DAY = date(2026, 11, 30)


def recent_discharges(tmp_path: Path, **options) -> tuple[list, list[tuple[str, str]]]:
    """The demo's discharges of the last 10 days, and each TCM step's name and state."""
    db = open_database(resolve_database(str(tmp_path / "demo.db")))
    try:
        build_demo(db=db, today=DAY, **options)
        with db.read() as session:
            recent = [as_stay(r) for r in session.scalars(select(HospitalStay).where(
                HospitalStay.discharged_on >= date(2026, 11, 20),
                HospitalStay.kind != "emergency"))]
        states = []
        for stay in recent:
            view = next(v for v in stays_of(db=db, client_id=stay.client_id, today=DAY).stays
                        if v.stay.id == stay.id)
            assert view.tcm is not None and view.tcm.in_period(DAY)
            states += [(step.name, step.state(DAY)) for step in view.tcm.steps]
            for step in view.tcm.steps:
                assert step.done_on is None or stay.discharged_on <= step.done_on <= DAY
            if stay.lace_total is not None:  # scored as the LACE form would offer it
                assert lace_draft(db=db, stay_id=stay.id).values() == {
                    "acute_admission": True, "charlson": stay.charlson,
                    "ed_visits_6mo": stay.ed_visits_6mo}
                assert score("lace", {"length_of_stay_days": stay.length_days,
                                      "acute_admission": True, "charlson": stay.charlson,
                                      "ed_visits_6mo": stay.ed_visits_6mo}).total == \
                    stay.lace_total
    finally:
        db.dispose()
    return recent, states


def test_recent_discharges_show_tcm_work_part_done(tmp_path: Path) -> None:
    recent, states = recent_discharges(tmp_path, clients=200, seed=6)
    assert len(recent) >= 2
    assert ("med_rec", "done") in states and ("contact", "done") in states
    assert ("visit", "done") in states and ("visit", "due") in states
    assert sum(s.lace_total is not None for s in recent) >= 2


def test_the_default_demo_has_an_overdue_visit(tmp_path: Path) -> None:
    recent, states = recent_discharges(tmp_path)
    assert ("visit", "overdue") in states and ("med_rec", "done") in states
    assert any(s.lace_band == "high" for s in recent)

"""Hospital stays in a real database (SQLite and PostgreSQL): recorded and edited with
sentences for bad input, stale forms refused, TCM steps marked done, LACE confirmed and scored,
each write audited with ids, dates and codes only."""

from datetime import date, datetime, time

import pytest
from sqlalchemy import select, update

from carecli.data.clients import create_client
from carecli.data.errors import ChangedElsewhere, InvalidInput
from carecli.data.models import AuditLog, Condition, ContactLog, HospitalStay
from carecli.data.stays import (
    add_stay,
    get_stay,
    lace_draft,
    mark_step,
    save_lace,
    stays_of,
    update_stay,
)

pytestmark = pytest.mark.both_backends
LEFT = date(2026, 11, 25)  # the day before Thanksgiving
TODAY = date(2026, 11, 30)


def new_client(db, born: date | None = date(1940, 3, 2)) -> int:
    return create_client(db=db, values={"given_name": "Ann", "family_name": "Lee",
                                        "date_of_birth": born, "enrolled_on": date(2025, 1, 6)})


def stay_values(**more) -> dict:
    return {"facility": "St Mary's", "kind": "inpatient", "admitted_on": "2026-11-20",
            "discharged_on": "2026-11-25", "reason": "Heart failure", "complexity": "high",
            "disposition": "home"} | more


def errors(call, **kwargs) -> dict[str, str]:
    with pytest.raises(InvalidInput) as info:
        call(**kwargs)
    return info.value.errors


def test_a_discharge_is_recorded_and_its_tcm_work_worked_out(db) -> None:
    client = new_client(db)
    stay_id = add_stay(db=db, client_id=client, values=stay_values())
    with db.write() as session:
        for day, outcome in ((date(2026, 11, 27), "voicemail"), (TODAY, "no_answer")):
            session.add(ContactLog(client_id=client, mode="phone", outcome=outcome,
                                   successful=False,
                                   occurred_at=datetime.combine(day, time(10)).astimezone()))
        session.add(ContactLog(client_id=client, mode="with_care_team", outcome="reached",
                               occurred_at=datetime.combine(TODAY, time(9)).astimezone()))
    with db.write() as session:  # a call with the PCP about the client: not the TCM contact
        session.execute(update(ContactLog).where(ContactLog.mode == "with_care_team")
                        .values(successful=None))
    found = stays_of(db=db, client_id=client, today=TODAY)
    assert found.name == "Ann Lee"
    [view] = found.stays
    assert view.stay.id == stay_id and view.stay.complexity == "high"
    assert view.tcm.contact.words(TODAY) == (
        "contact due today (Mon Nov 30) — 2 attempts (voicemail Fri, no answer today)")
    assert view.tcm.visit.due_by == date(2026, 12, 2)
    with db.read() as session:
        audit = session.execute(select(AuditLog.action, AuditLog.entity, AuditLog.summary)).all()
    assert ("create", "hospital_stay", "inpatient 2026-11-20..2026-11-25") in audit


@pytest.mark.parametrize(("values", "field", "words"), [
    ({"discharged_on": "2026-11-19"}, "discharged_on", "is before the admission 2026-11-20"),
    ({"admitted_on": "2099-01-01", "discharged_on": ""}, "admitted_on", "is in the future"),
    ({"facility": "  "}, "facility", "is required"),
    ({"admitted_on": "1850-01-01"}, "admitted_on", "is before 1900"),
    ({"admitted_on": "2026-02-30"}, "admitted_on", "2026-02-30 is not a real date"),
    ({"admitted_on": "1939-12-31"}, "admitted_on", "is before the client's birth 1940-03-02"),
])
def test_bad_stays_are_refused_with_a_sentence(db, values: dict, field: str, words: str) -> None:
    client = new_client(db)
    assert errors(add_stay, db=db, client_id=client, values=stay_values(**values))[field] == words
    with db.read() as session:
        assert session.scalars(select(HospitalStay)).all() == []


def test_an_edit_names_the_version_it_read(db) -> None:
    client = new_client(db)
    stay_id = add_stay(db=db, client_id=client, values=stay_values())
    read = get_stay(db=db, stay_id=stay_id)
    update_stay(db=db, stay_id=stay_id, version=read.version,
                values=stay_values(facility="General", complexity="moderate"))
    with pytest.raises(ChangedElsewhere):
        update_stay(db=db, stay_id=stay_id, version=read.version,
                    values=stay_values(facility="Stale"))
    assert get_stay(db=db, stay_id=stay_id).facility == "General"


def test_tcm_steps_are_marked_done_on_a_day(db) -> None:
    client = new_client(db)
    stay_id = add_stay(db=db, client_id=client, values=stay_values())
    version = get_stay(db=db, stay_id=stay_id).version
    assert errors(mark_step, db=db, stay_id=stay_id, version=version, step="visit",
                  done_on="2026-11-24", today=TODAY) == {
        "done_on": "is before the discharge 2026-11-25"}
    assert errors(mark_step, db=db, stay_id=stay_id, version=version, step="visit",
                  done_on="2026-12-01", today=TODAY) == {"done_on": "is in the future"}
    mark_step(db=db, stay_id=stay_id, version=version, step="med_rec", done_on="11/27/2026",
              today=TODAY)
    with pytest.raises(ChangedElsewhere):
        mark_step(db=db, stay_id=stay_id, version=version, step="visit", done_on=TODAY,
                  today=TODAY)
    stay = get_stay(db=db, stay_id=stay_id)
    mark_step(db=db, stay_id=stay_id, version=stay.version, step="visit", done_on=TODAY,
              today=TODAY)
    [view] = stays_of(db=db, client_id=client, today=TODAY).stays
    assert (view.tcm.med_rec.done_on, view.tcm.visit.done_on) == (date(2026, 11, 27), TODAY)
    stay = get_stay(db=db, stay_id=stay_id)
    assert errors(update_stay, db=db, stay_id=stay_id, version=stay.version,
                  values=stay_values(discharged_on="2026-11-28")) == {
        "discharged_on": "is after the day a TCM step was marked done (2026-11-27)"}
    with db.read() as session:
        summaries = session.scalars(select(AuditLog.summary)).all()
    assert "med_rec_on=2026-11-27" in summaries and f"visit_on={TODAY}" in summaries


def test_an_emergency_visit_has_no_tcm_steps(db) -> None:
    client = new_client(db)
    stay_id = add_stay(db=db, client_id=client, values=stay_values(kind="emergency",
                                                                    complexity="moderate"))
    assert "form" in errors(mark_step, db=db, stay_id=stay_id, version=1, step="visit",
                            done_on=TODAY, today=TODAY)
    [view] = stays_of(db=db, client_id=client, today=TODAY).stays
    assert view.tcm is None


def test_lace_offers_the_charlson_of_active_conditions_and_earlier_ed_visits(db) -> None:
    client = new_client(db)
    with db.write() as session:
        for name, code, status in (("Heart failure", "I50.32", "active"),
                                   ("Type 2 diabetes", "E11.22", "active"),
                                   ("Type 2 diabetes", "E11.9", "active"),
                                   ("COPD", "J44.9", "resolved"),
                                   ("Hypertension", "I10", "active"),
                                   ("Falls", None, "active")):
            session.add(Condition(client_id=client, name=name, icd10_code=code, status=status))
    for admitted in ("2026-05-20", "2026-06-01", "2026-10-02", "2026-11-20"):
        add_stay(db=db, client_id=client, values=stay_values(
            kind="emergency", admitted_on=admitted, discharged_on=admitted,
            complexity="moderate"))
    stay_id = add_stay(db=db, client_id=client, values=stay_values())
    draft = lace_draft(db=db, stay_id=stay_id)
    assert draft.charlson.index == 3  # CHF 1 + complicated diabetes 2 (counted once)
    assert [c.id for c in draft.charlson.conditions] == ["diabetes_complicated", "chf"]
    assert draft.ed_visits == 2  # Jun 1 and Oct 2: May 20 is over 6 months before, Nov 20 the day
    assert draft.values() == {"acute_admission": True, "charlson": 3, "ed_visits_6mo": 2}
    assert errors(save_lace, db=db, stay_id=stay_id, version=1, values={
        "acute_admission": True, "charlson": -1, "ed_visits_6mo": 2}) == {
        "charlson": "must be at least 0"}
    total = save_lace(db=db, stay_id=stay_id, version=1,
                      values={"acute_admission": True, "charlson": 4, "ed_visits_6mo": 2})
    assert total == 4 + 3 + 5 + 2  # L 5 days → 4, A 3, C 4 → 5, E 2
    stay = get_stay(db=db, stay_id=stay_id)
    assert (stay.lace_total, stay.lace_band, stay.charlson) == (14, "high", 4)
    assert lace_draft(db=db, stay_id=stay_id).values()["charlson"] == 4  # as confirmed
    with pytest.raises(ChangedElsewhere):
        save_lace(db=db, stay_id=stay_id, version=1,
                  values={"acute_admission": False, "charlson": 0, "ed_visits_6mo": 0})


def test_the_risk_context_holds_the_lace_of_the_latest_discharge(db) -> None:
    from carecli.clinical.suggestions import StayLace
    from carecli.data.assessments import risk_context

    client = new_client(db)
    assert risk_context(db=db, client_id=client, today=TODAY).lace is None
    first = add_stay(db=db, client_id=client, values=stay_values(
        admitted_on="2026-11-01", discharged_on="2026-11-12"))
    save_lace(db=db, stay_id=first, version=1,
              values={"acute_admission": True, "charlson": 5, "ed_visits_6mo": 4})
    assert risk_context(db=db, client_id=client, today=TODAY).lace == StayLace(
        17, "high", date(2026, 11, 12))
    add_stay(db=db, client_id=client, values=stay_values())  # later, not scored yet
    assert risk_context(db=db, client_id=client, today=TODAY).lace is None


def test_the_record_history_shows_the_tcm_steps_done(db) -> None:
    from carecli.data.record import load_record

    client = new_client(db)
    stay_id = add_stay(db=db, client_id=client, values=stay_values())
    mark_step(db=db, stay_id=stay_id, version=1, step="med_rec", done_on="2026-11-27",
              today=TODAY)
    mark_step(db=db, stay_id=stay_id, version=2, step="visit", done_on=TODAY, today=TODAY)
    history = [(e.on, e.title) for e in load_record(db=db, client_id=client).history
               if e.kind == "hospital"]
    assert history == [
        (TODAY, "TCM: Face-to-face visit done after the discharge from St Mary's"),
        (date(2026, 11, 27),
         "TCM: Medication reconciliation done after the discharge from St Mary's"),
        (LEFT, "Discharged from St Mary's"),
        (date(2026, 11, 20), "Admitted (inpatient) to St Mary's"),
    ]


def test_the_queue_reads_the_stays_complexity_and_steps_done(db) -> None:
    from carecli.data.queue import load_queue

    client = new_client(db)
    stay_id = add_stay(db=db, client_id=client, values=stay_values())  # high: visit by Dec 2
    with db.write() as session:  # the TCM contact done: only the two steps are left
        session.add(ContactLog(client_id=client, mode="phone", outcome="reached",
                               successful=True,
                               occurred_at=datetime.combine(LEFT, time(15)).astimezone()))

    def tcm_items(day: date) -> list[tuple[str, str]]:
        return [(i.key, i.reason) for i in load_queue(db=db, today=day).items
                if i.kind.startswith("tcm")]

    assert tcm_items(date(2026, 12, 1)) == [
        (f"tcm_medrec:{stay_id}", "TCM medication reconciliation due tomorrow — discharged "
                                  "Wed (high complexity)"),
        (f"tcm_visit:{stay_id}", "TCM visit due tomorrow — discharged Wed (high complexity)"),
    ]
    mark_step(db=db, stay_id=stay_id, version=1, step="med_rec", done_on=TODAY, today=TODAY)
    assert [key for key, _ in tcm_items(date(2026, 12, 1))] == [f"tcm_visit:{stay_id}"]
    mark_step(db=db, stay_id=stay_id, version=2, step="visit", done_on=TODAY, today=TODAY)
    assert tcm_items(date(2026, 12, 1)) == []


def test_an_edited_length_of_stay_rescores_lace(db) -> None:
    client = new_client(db)
    stay_id = add_stay(db=db, client_id=client, values=stay_values())  # 5 days: L 4
    save_lace(db=db, stay_id=stay_id, version=1,
              values={"acute_admission": True, "charlson": 1, "ed_visits_6mo": 0})
    assert get_stay(db=db, stay_id=stay_id).lace_total == 4 + 3 + 1
    update_stay(db=db, stay_id=stay_id, version=2, values=stay_values(admitted_on="2026-11-10"))
    assert (get_stay(db=db, stay_id=stay_id).lace_total, get_stay(
        db=db, stay_id=stay_id).lace_band) == (7 + 3 + 1, "high")  # 15 days: L 7
    update_stay(db=db, stay_id=stay_id, version=3, values=stay_values(discharged_on=""))
    assert get_stay(db=db, stay_id=stay_id).lace_total is None  # no length without a discharge

"""A care plan drawn from the record: a first plan's sections prefilled in plain sentences from
the record and the latest completed assessment, problems suggested with one key each (active
conditions, the assessment's suggestions, none already in the plan); and what follows a plan:
copies given, goal progress notes and interventions done. On SQLite and on PostgreSQL."""

import os
from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import select

from carecli.clinical import score
from carecli.config import DatabaseLocation, resolve_database
from carecli.data.errors import InvalidInput, NotFound
from carecli.data.models import Assessment, AuditLog, Referral
from carecli.data.service import CareService

pytestmark = pytest.mark.both_backends

TODAY = date(2026, 11, 24)
INTAKE = {
    "katz_adl": {"bathing": 0, "dressing": 0, "toileting": 1, "transferring": 1,
                 "continence": 1, "feeding": 1},
    "lawton_iadl": {"telephone": 1, "shopping": 4, "food_preparation": 1, "housekeeping": 1,
                    "laundry": 1, "transportation": 5, "medications": 1, "finances": 1},
    "steadi": {"fallen_past_year": "yes", "unsteady": "yes", "worries_about_falling": "no"},
    "phq9": {**{str(i): 1 for i in range(1, 10)}, "9": 0, "difficulty": 1},
    "gad7": {str(i): 0 for i in range(1, 8)},
    "ahc_hrsn": {"1": "worried", "2": ["mold"], "3": "often", "4": "never", "5": "no",
                 "6": "shut_off", "7": 1, "8": 1, "9": 1, "10": 1},
}


@pytest.fixture
def service(db) -> CareService:
    location = (resolve_database(str(db.path)) if db.path is not None
                else DatabaseLocation(os.environ["CARECLI_TEST_POSTGRES_URL"]))
    return CareService(location, db=db, today=TODAY)


def _client(service, **values) -> int:
    return service.create_client({"given_name": "Ida", "family_name": "Rowe",
                                  "enrolled_on": date(2026, 1, 5), **values})


def _assessed(service, client_id: int, on: date = TODAY, **extra) -> None:
    """An intake completed on `on`: function, falls, mood, social needs and the unscored
    sections."""
    answers = {**INTAKE, **extra}
    scores = {k: score(k, v) for k, v in answers.items() if k in INTAKE}
    assessment = service.start_assessment(client_id, "intake", ["function"])
    service.complete_assessment(assessment, answers=answers, scores=scores, risk=None,
                                reconciled=False)
    with service.db.write() as session:
        session.get(Assessment, assessment).completed_at = datetime.combine(
            on, time(15, 0)).astimezone(UTC)


def _recorded(service, db) -> tuple[int, dict[str, int]]:
    client_id = _client(service, risk_tier="low")
    ids = {}
    for kind, values in (
            ("condition", {"name": "COPD", "icd10_code": "J44.9"}),
            ("condition", {"name": "Heart failure"}),
            ("condition", {"name": "Shingles", "status": "resolved"}),
            ("medication", {"name": "Tiotropium", "dose": "18 mcg", "frequency": "daily",
                            "last_reconciled_on": "2026-11-01"}),
            ("medication", {"name": "Furosemide", "dose": "40 mg"}),
            ("medication", {"name": "Prednisone", "stopped_on": "2026-10-01"}),
            ("care_team", {"name": "Dr Ames", "role": "Primary care physician",
                           "organisation": "Valley Clinic", "is_primary": True}),
            ("personal_contact", {"name": "Sam Rowe", "relation": "son", "phone": "555-0100",
                                  "is_caregiver": True}),
            ("personal_contact", {"name": "Lee Park", "relation": "neighbour"})):
        ids[values["name"]] = service.add_entry(kind, client_id, values)
    with db.write() as session:
        session.add(Referral(client_id=client_id, to_whom="Meals on Wheels", need="food",
                             status="requested", made_on=date(2026, 11, 2)))
    return client_id, ids


def test_a_first_plan_is_prefilled_from_the_record_alone(service, db) -> None:
    client_id, _ = _recorded(service, db)
    plan = service.start_draft(client_id)
    assert plan.review_due_on == date(2027, 5, 23)  # low risk: 180 days
    assert dict(plan.sections) == {
        "symptom_management": "Conditions to watch: COPD (long-term lung disease), "
                              "Heart failure.",
        "medication_management": "Takes 2 medicines: Furosemide 40 mg; Tiotropium 18 mcg, "
                                 "daily.\nList last reconciled Nov 1, 2026.",
        "caregiver_assessment": "Caregiver: Sam Rowe (son), 555-0100",
        "community_services": "Care team: Dr Ames (Primary care physician, Valley Clinic)\n"
                              "Referred to Meals on Wheels for food on Nov 2, 2026 (requested)",
    }
    assert service.section_suggestions(client_id) == dict(plan.sections)


def test_the_latest_assessment_fills_the_rest_in_plain_words(service, db) -> None:
    client_id, ids = _recorded(service, db)
    _assessed(service, client_id, date(2026, 11, 10),
              phq9={str(i): 0 for i in range(1, 10)} | {"difficulty": 0})
    _assessed(service, client_id,  # the latest one counts
              goals={"matters_most": "Staying in my own home", "contact_mode": "phone"},
              home={"hazards": ["loose_rugs", "no_grab_bars"], "supports": "Walker"},
              caregiver={"who": "Sam does the shopping", "hours": 12,
                         "strain": "Tired but managing"},
              medications={f"med_{ids['Furosemide']}": "not_taking",
                           f"med_{ids['Tiotropium']}": "taking", "reconciled": True,
                           "adherence": "Furosemide makes me run to the toilet"})
    sections = service.section_suggestions(client_id)
    when = "(assessment of Nov 24, 2026)"
    assert sections["priorities"] == (
        "What matters most, in the client's words: “Staying in my own home”")
    assert sections["barriers"] == (
        f"Food may run out without money for more (social needs screen) {when}")
    assert sections["symptom_management"].split("\n")[1:] == [
        f"PHQ-9 score 8, mild depression symptoms {when}",
        f"GAD-7 score 0, minimal anxiety symptoms {when}"]
    assert sections["medication_management"].split("\n")[2:] == [
        f"Not taking: Furosemide {when}",
        "Problems taking medicines, in the client's words: “Furosemide makes me run to the "
        "toilet”"]
    assert sections["functional_assessment"] == (
        f"Self-care (Katz ADL 4 of 6): needs help with bathing and dressing {when}\n"
        f"Everyday tasks (Lawton IADL 6 of 8): needs help with shopping and getting around "
        f"(transport) {when}")
    assert sections["environmental_evaluation"] == (
        f"Hazards at home: loose rugs or cords and no grab bars in the bathroom {when}\n"
        "Equipment and supports in place: “Walker”\n"
        "Housing problem: no steady place to live, worried about losing it, or problems in "
        f"the home (social needs screen) {when}\n"
        f"Risk of a utility shut-off (social needs screen) {when}\n"
        f"Fall risk: yes to 2 of 3 STEADI fall questions {when}")
    assert sections["caregiver_assessment"] == (
        "Caregiver: Sam Rowe (son), 555-0100\nWho helps, and with what: “Sam does the "
        "shopping”\nAbout 12 hours of help in a usual week.\nHow the caregiver is coping, in "
        "their words: “Tired but managing”")
    every = "\n".join(sections.values())
    for code in ("katz_adl", "ahc_hrsn", "phq9", "loose_rugs", "not_taking", "J44.9", "_"):
        assert code not in every


def test_a_new_version_is_copied_not_prefilled_again(service, db) -> None:
    client_id, _ = _recorded(service, db)
    plan = service.start_draft(client_id)
    plan = service.update_plan(plan.id, plan.version, {"caregiver_assessment": ""})
    plan = service.finalise(plan.id, plan.version, "Ana", None)
    draft = service.start_draft(client_id)
    assert draft.section("caregiver_assessment") == "" and draft.sections == plan.sections


def test_problems_are_suggested_from_conditions_and_the_assessment(service, db) -> None:
    client_id, ids = _recorded(service, db)
    _assessed(service, client_id, medications={f"med_{ids['Furosemide']}": "unsure",
                                               "reconciled": False})
    plan = service.start_draft(client_id)
    suggested = service.problem_suggestions(plan.id)
    assert [(s.source, s.origin) for s in suggested] == [
        (f"condition:{ids['COPD']}", "Condition: COPD"),
        (f"condition:{ids['Heart failure']}", "Condition: Heart failure"),
        ("suggestion:housing_instability", "AHC HRSN (assessment of Nov 24, 2026)"),
        ("suggestion:food_insecurity", "AHC HRSN (assessment of Nov 24, 2026)"),
        ("suggestion:utility_shutoff_risk", "AHC HRSN (assessment of Nov 24, 2026)"),
        ("suggestion:adl_dependence", "Katz ADL (assessment of Nov 24, 2026)"),
        ("suggestion:iadl_support", "Lawton IADL (assessment of Nov 24, 2026)"),
        ("suggestion:fall_risk", "STEADI (assessment of Nov 24, 2026)"),
        ("suggestion:medication_nonadherence", "Medication review (assessment of Nov 24, "
                                                "2026)"),
    ]
    assert suggested[0].text == "COPD (long-term lung disease)"  # plain words, by its code
    assert suggested[2].text.startswith("Housing instability or poor housing")
    for pick in (suggested[0], suggested[6]):
        plan = service.add_item(plan.id, plan.version, "problem", None,
                                {"text": pick.text, "source": pick.source})
    assert [s.source for s in service.problem_suggestions(plan.id)] == [
        s.source for s in suggested if s not in (suggested[0], suggested[6])]


def test_a_client_with_no_record_gets_no_suggestions(service) -> None:
    client_id = _client(service)
    plan = service.start_draft(client_id)
    assert (plan.sections, service.problem_suggestions(plan.id)) == ((), ())
    with pytest.raises(NotFound):
        service.problem_suggestions(plan.id + 1)


def _active_plan(service):
    client_id = _client(service)
    plan = service.start_draft(client_id)
    plan = service.add_item(plan.id, plan.version, "problem", None, {"text": "Falls"})
    plan = service.add_item(plan.id, plan.version, "goal", plan.items[0].uid,
                            {"text": "No falls", "target_on": "2027-02-01"})
    plan = service.add_item(plan.id, plan.version, "intervention", plan.items[1].uid,
                            {"text": "Exercise class", "owner_kind": "community",
                             "frequency": "weekly", "due_on": "2026-11-26"})
    plan = service.add_item(plan.id, plan.version, "intervention", plan.items[0].uid,
                            {"text": "Grab bars fitted", "owner_kind": "family",
                             "frequency": "once", "due_on": "2026-12-05"})
    return client_id, service.finalise(plan.id, plan.version, "Ana", None)


def test_goal_progress_notes_are_dated_and_the_latest_status_counts(service) -> None:
    client_id, plan = _active_plan(service)
    goal = plan.items[1].uid
    assert service.plan_standing(client_id).achievements == {}  # no note: in progress
    service.add_goal_progress(client_id, goal, {"noted_on": "2026-11-20",
                                                "achievement": "improving",
                                                "note": "One near-fall"})
    notes = service.add_goal_progress(client_id, goal, {"noted_on": "2026-11-24",
                                                        "note": "Walked with the walker"})
    assert [(n.noted_on, n.achievement, n.note) for n in notes] == [
        (date(2026, 11, 24), None, "Walked with the walker"),
        (date(2026, 11, 20), "improving", "One near-fall")]
    service.add_goal_progress(client_id, goal, {"noted_on": "2026-11-10",
                                                "achievement": "worsening", "note": "Fell"})
    assert service.plan_standing(client_id).achievements == {goal: "improving"}
    draft = service.start_draft(client_id)  # a note follows the goal into the next version
    assert service.goal_progress(client_id, draft.items[1].uid) == service.goal_progress(
        client_id, goal)


@pytest.mark.parametrize(("values", "errors"), [
    ({"noted_on": "2026-11-25", "note": "x"}, {"noted_on": "is in the future"}),
    ({"noted_on": "2026-11-24", "note": " "}, {"note": "is required"}),
    ({"noted_on": "2026-11-24", "note": "x", "achievement": "great"},
     {"achievement": "must be one of: 'in-progress', 'improving', 'worsening', 'no-change', "
                     "'achieved', 'sustaining', 'not-achieved', 'no-progress' or "
                     "'not-attainable'"}),
], ids=["future", "no-note", "bad-status"])
def test_a_bad_progress_note_is_refused(service, values, errors) -> None:
    client_id, plan = _active_plan(service)
    with pytest.raises(InvalidInput) as refused:
        service.add_goal_progress(client_id, plan.items[1].uid, values)
    assert refused.value.errors == errors
    assert service.goal_progress(client_id, plan.items[1].uid) == ()


def test_progress_on_something_not_a_goal_of_the_client_is_refused(service) -> None:
    client_id, plan = _active_plan(service)
    other = _client(service, given_name="Eve")
    for who, uid in ((client_id, plan.items[0].uid), (other, plan.items[1].uid),
                     (client_id, "nope")):
        with pytest.raises(NotFound, match="not in this client's care plan"):
            service.add_goal_progress(who, uid, {"noted_on": TODAY, "note": "x"})


def test_an_intervention_done_moves_its_next_due_date(service, db) -> None:
    client_id, plan = _active_plan(service)
    weekly, once = plan.items[2].uid, plan.items[3].uid
    assert service.intervention_done(client_id, weekly, "2026-11-24") == date(2026, 12, 1)
    assert service.intervention_done(client_id, weekly, "2026-11-10", "late entry") == date(
        2026, 12, 1)  # an older visit entered later does not move it back
    assert service.intervention_done(client_id, once, TODAY) is None
    assert service.plan_standing(client_id).last_done == {weekly: date(2026, 11, 24),
                                                          once: date(2026, 11, 24)}
    with pytest.raises(InvalidInput) as refused:
        service.intervention_done(client_id, weekly, "2026-11-25")
    assert refused.value.errors == {"done_on": "is in the future"}
    with pytest.raises(NotFound):
        service.intervention_done(client_id, plan.items[1].uid, TODAY)
    with db.read() as session:
        audit = [(r.action, r.summary) for r in session.scalars(
            select(AuditLog).where(AuditLog.entity == "intervention_done"))]
    assert audit == [("intervention_done", f"intervention {weekly} done 2026-11-24"),
                     ("intervention_done", f"intervention {weekly} done 2026-11-10"),
                     ("intervention_done", f"intervention {once} done 2026-11-24")]


def test_a_copy_given_is_kept_with_its_version(service) -> None:
    client_id, plan = _active_plan(service)
    given = service.record_copy(plan.id, {"given_on": "2026-11-24", "method": "mailed",
                                          "given_to": "Ida and Sam Rowe", "format": "html"})
    assert [(c.given_on, c.method, c.given_to, c.format) for c in given.copies] == [
        (TODAY, "mailed", "Ida and Sam Rowe", "html")]
    assert given.version == plan.version  # a copy is not an edit
    draft = service.start_draft(client_id)
    assert draft.copies == ()  # a copy belongs to the version given
    draft = service.record_copy(draft.id, {"given_on": TODAY, "method": "in_person",
                                           "given_to": "Ida"})
    with pytest.raises(InvalidInput, match="finalise it instead"):
        service.discard_plan_draft(draft.id, draft.version)
    for values, field in (({"given_on": "2026-11-25"}, "given_on"),
                          ({"method": "pigeon"}, "method"), ({"given_to": ""}, "given_to"),
                          ({"format": "pdf"}, "format")):
        with pytest.raises(InvalidInput) as refused:
            service.record_copy(plan.id, {"given_on": TODAY, "method": "mailed",
                                          "given_to": "Ida", **values})
        assert list(refused.value.errors) == [field]
    assert len(service.plan(plan.id).copies) == 1


def test_two_versions_compare_through_the_service(service) -> None:
    client_id, plan = _active_plan(service)
    draft = service.start_draft(client_id)
    draft = service.remove_item(draft.id, draft.version, draft.items[3].uid)
    diff = service.plan_diff(plan.id, draft.id)
    assert [(c.change, c.text) for c in diff.items] == [("removed", "Grab bars fitted")]
    other_client, other = _active_plan(service)
    with pytest.raises(InvalidInput, match="one client's plan"):
        service.plan_diff(plan.id, other.id)


def test_a_copy_for_a_contact_not_cleared_needs_the_care_managers_word(service) -> None:
    client_id, plan = _active_plan(service)
    service.add_entry("personal_contact", client_id, {"name": "Maria Lopez",
                                                      "relation": "Neighbour"})
    values = {"given_on": TODAY, "method": "mailed", "given_to": "maria lopez"}
    with pytest.raises(InvalidInput) as refused:
        service.record_copy(plan.id, values)
    assert refused.value.errors == {"given_to": "maria lopez is not listed as allowed to "
                                    "receive health information; confirm to record it anyway."}
    assert service.plan(plan.id).copies == ()
    given = service.record_copy(plan.id, {**values, "anyway": True})
    assert [c.given_to for c in given.copies] == ["maria lopez"]

"""A safety finding is kept from the moment its answer is saved: in a draft, after a discarded
draft, and until a reached contact with a note follows it. Draft answers are checked at the
boundary."""

import math
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from carecli.clinical import score
from carecli.data.assessments import (
    complete_assessment,
    discard_draft,
    find_draft,
    open_findings,
    save_draft,
    start_assessment,
)
from carecli.data.caseload import load_caseload
from carecli.data.clients import create_client, get_client
from carecli.data.errors import InvalidInput
from carecli.data.models import Assessment, AssessmentAnswer, AuditLog, ContactLog, SafetyFinding

TODAY = date(2026, 11, 24)


def _client(db) -> int:
    return create_client(db=db, values={"given_name": "Ida", "family_name": "Rowe"})


def _flags(db, client_id: int) -> tuple[str, ...]:
    return next(r for r in load_caseload(db=db, today=TODAY) if r.id == client_id).flags


def _draft_with_item9(db, client_id: int, value: int = 2) -> int:
    assessment = start_assessment(db=db, client_id=client_id, kind="reassessment",
                                  steps=["phq9"])
    pending = save_draft(db=db, assessment_id=assessment,
                         answers={"phq9": {"1": 0, "9": value}}, position=2)
    assert pending == ["suicidal_ideation"]
    return assessment


def test_a_draft_answer_flags_the_caseload_at_once(db):
    client = _client(db)
    _draft_with_item9(db, client)
    assert "suicidal_ideation" in _flags(db, client)
    (finding,) = open_findings(db=db, client_id=client)
    assert finding.flag == "suicidal_ideation" and finding.answers == {"9": 2}
    assert finding.action_note is None


def test_saving_again_keeps_one_finding_and_stores_the_note(db):
    client = _client(db)
    assessment = _draft_with_item9(db, client)
    pending = save_draft(db=db, assessment_id=assessment, position=2, answers={
        "phq9": {"1": 0, "9": 2}, "safety": {"suicidal_ideation": "Called 988 with her."}})
    assert pending == []
    (finding,) = open_findings(db=db, client_id=client)
    assert finding.action_note == "Called 988 with her."
    draft = find_draft(db=db, client_id=client)
    assert draft.answers["safety"] == {"suicidal_ideation": "Called 988 with her."}


def test_a_changed_answer_does_not_withdraw_a_disclosure(db):
    client = _client(db)
    assessment = _draft_with_item9(db, client)
    save_draft(db=db, assessment_id=assessment, answers={"phq9": {"1": 0, "9": 0}}, position=2)
    assert "suicidal_ideation" in _flags(db, client)


def test_discarding_a_draft_keeps_the_finding_and_its_answer(db):
    client = _client(db)
    assessment = _draft_with_item9(db, client, value=3)
    assert discard_draft(db=db, assessment_id=assessment) == ["suicidal_ideation"]
    with db.read() as session:
        assert session.get(Assessment, assessment) is None
        assert session.scalars(select(AssessmentAnswer)).all() == []
        (kept,) = session.scalars(select(SafetyFinding)).all()
        audit = session.scalars(select(AuditLog.summary).where(
            AuditLog.action == "delete")).one()
    assert kept.assessment_id is None and kept.answers == {"9": 3}
    assert "safety findings kept: suicidal_ideation" in audit
    assert "suicidal_ideation" in _flags(db, client)


def test_discarding_a_draft_without_a_finding_keeps_nothing(db):
    client = _client(db)
    assessment = start_assessment(db=db, client_id=client, kind="reassessment", steps=["gad7"])
    save_draft(db=db, assessment_id=assessment, answers={"gad7": {"1": 3}}, position=1)
    assert discard_draft(db=db, assessment_id=assessment) == []
    assert open_findings(db=db, client_id=client) == []


def _contact(db, client_id: int, outcome: str, note: str | None) -> None:
    with db.write() as session:
        session.add(ContactLog(client_id=client_id, mode="phone", outcome=outcome,
                               successful=outcome == "reached", note=note,
                               occurred_at=datetime.now(UTC) + timedelta(minutes=1)))


def test_only_a_reached_contact_with_a_note_closes_a_draft_finding(db):
    client = _client(db)
    discard_draft(db=db, assessment_id=_draft_with_item9(db, client))
    _contact(db, client, "voicemail", "Left a message.")
    _contact(db, client, "reached", "")
    assert "suicidal_ideation" in _flags(db, client)
    _contact(db, client, "reached", "Safety plan made; daughter staying tonight.")
    assert "suicidal_ideation" not in _flags(db, client)
    assert open_findings(db=db, client_id=client) == []


def test_hrsn_findings_are_kept_from_a_draft(db):
    client = _client(db)
    assessment = start_assessment(db=db, client_id=client, kind="reassessment",
                                  steps=["ahc_hrsn"])
    pending = save_draft(db=db, assessment_id=assessment, position=9,
                         answers={"ahc_hrsn": {"7": 3, "8": 5, "9": 4}})
    assert pending == ["physical_harm", "safety"]
    assert {"physical_harm", "safety"} <= set(_flags(db, client))


@pytest.mark.parametrize("answers", [
    {"phq9": {"9": "x" * 1_000_000}},
    {"phq9": {"9": math.nan}},
    {"phq9": {"9": 7}},
    {"phq9": {"12": 1}},
    {"no_such_instrument": {"1": 1}},
    {"goals": {"matters_most": "x" * 1_000_000}},
    {"safety": {"suicidal_ideation": ""}},
    {"safety": {"made_up": "note"}},
    {"phq9": [1, 2, 3]},
    "not answers at all",
])
def test_save_draft_refuses_answers_the_wizard_could_not_give(db, answers):
    client = _client(db)
    assessment = start_assessment(db=db, client_id=client, kind="reassessment", steps=["phq9"])
    save_draft(db=db, assessment_id=assessment, answers={"phq9": {"1": 2}}, position=1)
    with pytest.raises(InvalidInput):
        save_draft(db=db, assessment_id=assessment, answers=answers, position=1)
    assert find_draft(db=db, client_id=client).answers == {"phq9": {"1": 2}}


@pytest.mark.parametrize("position", [-1, 10**9, 1.5, "3", None])
def test_save_draft_refuses_a_position_that_is_not_a_question(db, position):
    assessment = start_assessment(db=db, client_id=_client(db), kind="reassessment",
                                  steps=["phq9"])
    with pytest.raises(InvalidInput):
        save_draft(db=db, assessment_id=assessment, answers={}, position=position)


def _phq9_answers(item9: int) -> dict:
    return {str(i): 0 for i in range(1, 9)} | {"9": item9}


def test_completion_and_risk_decision_are_one_transaction(db):
    client = _client(db)
    before = get_client(db=db, client_id=client).risk_tier
    assessment = start_assessment(db=db, client_id=client, kind="reassessment", steps=["phq9"])
    answers = {"phq9": _phq9_answers(1)}
    with pytest.raises(InvalidInput):  # chosen by hand without a reason
        complete_assessment(db=db, assessment_id=assessment, answers=answers,
                            scores={"phq9": score("phq9", answers["phq9"])},
                            risk={"risk_tier": "low", "risk_reason": None, "by_hand": True})
    assert find_draft(db=db, client_id=client) is not None
    assert get_client(db=db, client_id=client).risk_tier == before
    complete_assessment(db=db, assessment_id=assessment, answers=answers,
                        scores={"phq9": score("phq9", answers["phq9"])},
                        risk={"risk_tier": "high", "risk_reason": "SI", "by_hand": False})
    assert find_draft(db=db, client_id=client) is None
    assert get_client(db=db, client_id=client).risk_tier == "high"
    (finding,) = open_findings(db=db, client_id=client)
    assert finding.assessment_id == assessment


def test_a_draft_answered_in_another_window_is_not_saved_over(db):
    """Two windows resumed the same draft: the second save would undo the first's answers."""
    from carecli.data.errors import ChangedElsewhere

    client = _client(db)
    assessment = start_assessment(db=db, client_id=client, kind="reassessment", steps=["gad7"])
    first = {"gad7": {"1": 1}}
    save_draft(db=db, assessment_id=assessment, answers=first, position=1, saved={})
    window_a = {"gad7": {"1": 1, "2": 3}}
    save_draft(db=db, assessment_id=assessment, answers=window_a, position=2, saved=first)
    window_b = {"gad7": {"1": 1, "3": 0}}  # still believes only item 1 is stored
    with pytest.raises(ChangedElsewhere):
        save_draft(db=db, assessment_id=assessment, answers=window_b, position=2, saved=first)
    with pytest.raises(ChangedElsewhere):
        complete_assessment(db=db, assessment_id=assessment, answers=window_b, scores={},
                            saved=first)
    assert find_draft(db=db, client_id=client).answers == window_a
    save_draft(db=db, assessment_id=assessment, answers={"gad7": {"1": 1, "2": 3, "3": 2}},
               position=3, saved=window_a)


def test_findings_in_a_0001_database_are_kept_as_rows_on_upgrade(tmp_path):
    """Assessments stored before findings had rows: the upgrade writes one per finding, with
    its note, for completed assessments and drafts alike."""
    from legacy import database_at_0001

    from carecli.config import resolve_database
    from carecli.data.db import open_database

    path = tmp_path / "old.db"
    database_at_0001(
        path,
        "INSERT INTO assessment (id, client_id, kind, status, started_at, completed_at, steps)"
        " VALUES (1, 1, 'reassessment', 'completed', '2026-11-20 10:00:00.000000',"
        " '2026-11-20 10:20:00.000000', '[\"phq9\"]'),"
        " (2, 1, 'reassessment', 'draft', '2026-11-23 09:00:00.000000', NULL,"
        " '[\"ahc_hrsn\"]')",
        "INSERT INTO assessment_answer (assessment_id, instrument_id, item_id, value) VALUES"
        " (1, 'phq9', '9', '2'), (1, 'phq9', '1', '0'),"
        " (1, 'safety', 'suicidal_ideation', '\"Called 988 with her\"'),"
        " (2, 'ahc_hrsn', '7', '3')",
    )

    db = open_database(resolve_database(str(path)))
    try:
        kept = {(f.assessment_id, f.flag): f for f in open_findings(db=db, client_id=1)}
    finally:
        db.dispose()
    assert set(kept) == {(1, "suicidal_ideation"), (2, "physical_harm")}
    assert kept[1, "suicidal_ideation"].action_note == "Called 988 with her"
    assert kept[1, "suicidal_ideation"].answers == {"9": 2}
    assert kept[2, "physical_harm"].action_note is None
    assert kept[1, "suicidal_ideation"].found_at == datetime(2026, 11, 20, 10, 20, tzinfo=UTC)


def test_a_safety_flag_in_the_scores_is_kept_even_without_its_answer(db):
    from carecli.clinical import Score

    client = _client(db)
    assessment = start_assessment(db=db, client_id=client, kind="reassessment",
                                  steps=["ahc_hrsn"])
    complete_assessment(db=db, assessment_id=assessment, answers={}, scores={
        "ahc_hrsn": Score(12, None, True, frozenset(), ("safety",))})
    (finding,) = open_findings(db=db, client_id=client)
    assert (finding.flag, finding.instrument_id, finding.answers) == ("safety", "ahc_hrsn", {})


def test_a_resumed_list_answer_read_back_as_a_tuple_is_the_same_answer(db):
    client = _client(db)
    assessment = start_assessment(db=db, client_id=client, kind="reassessment",
                                  steps=["ahc_hrsn"])
    save_draft(db=db, assessment_id=assessment, answers={"ahc_hrsn": {"2": ["mold"]}},
               position=1)
    read_back = {"ahc_hrsn": {"2": ("mold",)}}  # as a frozen draft hands it to the wizard
    save_draft(db=db, assessment_id=assessment, position=2, saved=read_back,
               answers={"ahc_hrsn": {"2": ("mold",), "3": "never"}})


def test_the_note_is_kept_even_after_the_draft_was_finished_elsewhere(db):
    """The trial's case: window B raised the finding; window A completed the draft before B
    wrote the note. The note still goes onto the finding."""
    from carecli.data.assessments import note_safety_action

    client = _client(db)
    assessment = _draft_with_item9(db, client)
    answers = {"phq9": {str(i): 0 for i in range(1, 10)}}
    complete_assessment(db=db, assessment_id=assessment, answers=answers,
                        scores={"phq9": score("phq9", answers["phq9"])})
    note_safety_action(db=db, client_id=client, flag="suicidal_ideation",
                       note="Called PCP, safety plan", assessment_id=assessment)
    (finding,) = open_findings(db=db, client_id=client)
    assert finding.action_note == "Called PCP, safety plan"


def test_the_note_finds_the_finding_of_a_discarded_draft(db):
    from carecli.data.assessments import note_safety_action

    client = _client(db)
    assessment = _draft_with_item9(db, client)
    discard_draft(db=db, assessment_id=assessment)
    note_safety_action(db=db, client_id=client, flag="suicidal_ideation",
                       note="Reached her daughter", assessment_id=assessment)
    assert open_findings(db=db, client_id=client)[0].action_note == "Reached her daughter"
    with pytest.raises(InvalidInput):
        note_safety_action(db=db, client_id=client, flag="suicidal_ideation", note="  ")


def test_a_disclosure_in_a_refused_save_is_still_kept(db):
    """Window B, stale, answers item 9: its answers are refused, its finding is not."""
    from carecli.data.errors import ChangedElsewhere

    client = _client(db)
    assessment = start_assessment(db=db, client_id=client, kind="reassessment", steps=["phq9"])
    save_draft(db=db, assessment_id=assessment, answers={"phq9": {"1": 1}}, position=1, saved={})
    save_draft(db=db, assessment_id=assessment, answers={"phq9": {"1": 1, "2": 2}}, position=2,
               saved={"phq9": {"1": 1}})
    with pytest.raises(ChangedElsewhere):
        save_draft(db=db, assessment_id=assessment, answers={"phq9": {"1": 1, "9": 3}},
                   position=9, saved={"phq9": {"1": 1}})
    assert find_draft(db=db, client_id=client).answers == {"phq9": {"1": 1, "2": 2}}
    (finding,) = open_findings(db=db, client_id=client)
    assert (finding.flag, finding.answers) == ("suicidal_ideation", {"9": 3})


@pytest.mark.parametrize("gone", ["completed", "discarded"])
def test_a_disclosure_saved_after_the_draft_was_finished_elsewhere_is_kept(db, gone):
    from carecli.data.errors import NotFound

    client = _client(db)
    assessment = start_assessment(db=db, client_id=client, kind="reassessment", steps=["gad7"])
    if gone == "completed":
        answers = {"gad7": {str(i): 0 for i in range(1, 8)}}
        complete_assessment(db=db, assessment_id=assessment, answers=answers,
                            scores={"gad7": score("gad7", answers["gad7"])})
    else:
        discard_draft(db=db, assessment_id=assessment)
    with pytest.raises(NotFound, match="safety finding in your answers is kept"):
        save_draft(db=db, assessment_id=assessment, answers={"ahc_hrsn": {"7": 2}},
                   position=7, client_id=client)
    (finding,) = open_findings(db=db, client_id=client)
    assert finding.flag == "physical_harm"
    assert finding.assessment_id == (assessment if gone == "completed" else None)


def test_a_stale_completion_is_refused_but_keeps_its_findings(db):
    from carecli.data.errors import ChangedElsewhere

    client = _client(db)
    assessment = start_assessment(db=db, client_id=client, kind="reassessment", steps=["phq9"])
    save_draft(db=db, assessment_id=assessment, answers={"phq9": {"1": 2}}, position=1)
    answers = {"phq9": {str(i): 0 for i in range(1, 9)} | {"9": 1}}
    with pytest.raises(ChangedElsewhere):
        complete_assessment(db=db, assessment_id=assessment, answers=answers,
                            scores={"phq9": score("phq9", answers["phq9"])}, saved={})
    assert find_draft(db=db, client_id=client) is not None
    assert [f.flag for f in open_findings(db=db, client_id=client)] == ["suicidal_ideation"]


def test_a_disclosure_changed_back_still_leads_the_summary_and_the_risk():
    """The trial's case: item 9 answered, the note written, then item 9 set back to "Not at
    all". The result is not called negative and the suggested tier stays high."""
    from carecli.assessment.report import result_lines
    from carecli.clinical import suggest_risk_tier

    phq9 = score("phq9", {str(i): 1 for i in range(1, 9)} | {"9": 0})
    (line,) = result_lines({"phq9": phq9}, {}, findings={"suicidal_ideation"})
    assert line.alarms == ("suicidal ideation",)
    tier, reasons = suggest_risk_tier(scores={"phq9": phq9}, chronic_conditions=0,
                                      admissions_last_6_months=0, recent_discharge=False,
                                      safety_findings={"suicidal_ideation"})
    assert tier == "high" and "suicidal ideation disclosed during this assessment" in reasons
    assert suggest_risk_tier(scores={"phq9": phq9}, chronic_conditions=0,
                             admissions_last_6_months=0, recent_discharge=False)[0] != "high"

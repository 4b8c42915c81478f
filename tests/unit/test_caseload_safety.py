"""Safety flags from an assessment head today's work until a follow-up note is logged."""

from datetime import UTC, date, datetime, timedelta

import pytest

from carecli.clinical import score
from carecli.data.assessments import complete_assessment, start_assessment
from carecli.data.caseload import load_caseload
from carecli.data.clients import create_client
from carecli.data.models import ContactLog
from carecli.domain.caseload import CaseloadFilter, view

pytestmark = pytest.mark.both_backends
TODAY = date(2026, 11, 24)


def _phq9(db, client_id: int, item9: int) -> None:
    answers = {str(i): 0 for i in range(1, 9)} | {"9": item9}
    assessment = start_assessment(db=db, client_id=client_id, kind="reassessment",
                                  steps=["phq9"])
    complete_assessment(db=db, assessment_id=assessment, answers={"phq9": answers},
                        scores={"phq9": score("phq9", answers)})


def _rows(db):
    rows = load_caseload(db=db, today=TODAY)
    return view(rows, filt=CaseloadFilter(), sort_by="next_due", descending=False, today=TODAY)


def test_suicidal_ideation_puts_the_client_first_until_a_noted_contact(db):
    overdue = create_client(db=db, values={"given_name": "Ann", "family_name": "Early",
                                           "enrolled_on": TODAY - timedelta(days=90)})
    flagged = create_client(db=db, values={"given_name": "Bea", "family_name": "Later",
                                           "enrolled_on": TODAY})
    _phq9(db, flagged, item9=1)
    first = _rows(db)[0]
    assert first.id == flagged and "suicidal_ideation" in first.flags

    with db.write() as session:  # attempts do not clear it, even with a note
        session.add(ContactLog(client_id=flagged, occurred_at=datetime.now(UTC) + timedelta(
            minutes=1), mode="phone", outcome="no_answer", minutes=2))
        session.add(ContactLog(client_id=flagged, occurred_at=datetime.now(UTC) + timedelta(
            minutes=1), mode="phone", outcome="voicemail", minutes=2,
            note="Left a voicemail asking her to call back."))
    assert _rows(db)[0].id == flagged

    with db.write() as session:
        session.add(ContactLog(client_id=flagged, occurred_at=datetime.now(UTC) + timedelta(
            minutes=2), mode="phone", outcome="reached", successful=True, minutes=15,
            note="Safety plan reviewed; feels safe; PCP informed."))
    rows = _rows(db)
    assert rows[0].id == overdue
    assert "suicidal_ideation" not in next(r for r in rows if r.id == flagged).flags


def test_a_later_negative_screen_does_not_close_the_flag(db):
    """Only a follow-up conversation with a note closes a safety finding (DOMAIN.md)."""
    client = create_client(db=db, values={"given_name": "Cy", "family_name": "Moss"})
    _phq9(db, client, item9=2)
    assert "suicidal_ideation" in _rows(db)[0].flags
    _phq9(db, client, item9=0)
    assert _rows(db)[0].flags == ("suicidal_ideation", "no_consent")


def test_a_client_on_hold_or_discharged_with_an_open_finding_stays_on_todays_list(db):
    """Hold and discharge never hide a safety finding still waiting for its follow-up."""
    from carecli.data.clients import change_status

    held = create_client(db=db, values={"given_name": "Dee", "family_name": "Hold",
                                        "enrolled_on": TODAY - timedelta(days=30)})
    quiet = create_client(db=db, values={"given_name": "Eve", "family_name": "Quiet",
                                         "enrolled_on": TODAY - timedelta(days=30)})
    _phq9(db, held, item9=1)
    for client in (held, quiet):
        change_status(db=db, client_id=client,
                      values={"to_status": "on_hold", "reason": "Travel"})
    shown = [r.id for r in _rows(db)]
    assert shown[0] == held and quiet not in shown

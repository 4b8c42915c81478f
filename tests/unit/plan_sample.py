"""A finalised care plan and its client's record, built by hand (no database), for the export
tests: two problems (one from a coded condition, one typed), goals with the client's words,
interventions by several owners, sections, and text that looks like markup."""

from datetime import UTC, date, datetime

from carecli.data.converters import freeze
from carecli.data.models import CareTeamMember, Client, Condition, Medication, PersonalContact
from carecli.data.record import ClientRecord
from carecli.domain.care_plan import Plan, PlanItem, PlanStanding

HEART = "a1" * 16
BP_GOAL = "b2" * 16
BP_CHECK = "c3" * 16
PILLBOX = "d4" * 16
LONELY = "e5" * 16
CLUB_GOAL = "f6" * 16
CLUB_CALL = "0a" * 16
ERROR_GOAL = "1b" * 16
NO_GOAL_STEP = "2c" * 16

MARKUP = "<script>alert(1)</script> [/] [bold]"
"""Typed into the plan: must print as typed, never run or style anything."""


def sample_items() -> tuple[PlanItem, ...]:
    return (
        PlanItem(HEART, "problem", None, 0, "High blood pressure", "active",
                 source="condition:7"),
        PlanItem(BP_GOAL, "goal", HEART, 0, "Keep my blood pressure down", "active",
                 client_words="I want to see my grandson graduate", measure="Blood pressure",
                 target="below 140/90", target_on=date(2027, 3, 1)),
        PlanItem(BP_CHECK, "intervention", BP_GOAL, 0, "Check blood pressure at home",
                 "in-progress", owner_kind="client", frequency="daily"),
        PlanItem(PILLBOX, "intervention", BP_GOAL, 1, "Fill the weekly pill box",
                 "scheduled", owner_kind="family", owner_name="Rosa Diaz", frequency="weekly",
                 due_on=date(2026, 12, 1)),
        PlanItem(NO_GOAL_STEP, "intervention", HEART, 2, "Review blood pressure readings",
                 "not-started", owner_kind="care_manager", owner_name="Jo Ames",
                 frequency="monthly"),
        PlanItem(LONELY, "problem", None, 1, f"Feels lonely {MARKUP}", "active"),
        PlanItem(CLUB_GOAL, "goal", LONELY, 0, "Join a lunch club", "on-hold",
                 client_words=f"I miss company {MARKUP}", measure="Visits a month",
                 target="2", target_on=date(2027, 1, 15)),
        PlanItem(CLUB_CALL, "intervention", CLUB_GOAL, 0, "Call the senior centre",
                 "scheduled", owner_kind="community", owner_name="Oak Senior Centre",
                 frequency="once", due_on=date(2026, 12, 3)),
        PlanItem(ERROR_GOAL, "goal", LONELY, 1, "Typed by mistake", "entered-in-error",
                 measure="x", target="y", target_on=date(2027, 1, 1)),
    )


def sample_plan(status: str = "active", items: tuple[PlanItem, ...] | None = None) -> Plan:
    finalised = status != "draft"
    return Plan(
        id=12, client_id=3, number=2, status=status, version=5,
        created_at=datetime(2026, 11, 1, 15, tzinfo=UTC),
        updated_at=datetime(2026, 11, 2, 15, tzinfo=UTC),
        review_due_on=date(2027, 2, 20),
        summary="Stay well at home & keep blood pressure in range.",
        finalised_at=datetime(2026, 11, 2, 15, tzinfo=UTC) if finalised else None,
        finalised_by="Jo Ames" if finalised else None,
        change_note=None, changes=(),
        items=sample_items() if items is None else items,
        sections=(("priorities", "Staying in my own home"),
                  ("expected_outcome", "Stable blood pressure; fewer falls."),
                  ("community_services", f"Meals on wheels {MARKUP}")),
    )


def sample_record(care_manager: bool = True) -> ClientRecord:
    client = Client(id=3, given_name="Ida", family_name="Rowe", date_of_birth=date(1944, 5, 2),
                    sex="female", phone="937-555-0101", address="12 Elm St, Dayton OH",
                    enrolled_on=date(2026, 1, 5))
    team = [CareTeamMember(id=1, client_id=3, name="Dr Lena Park", role="Primary care physician",
                           organisation="Brookside Family Medicine", phone="937-555-0199")]
    if care_manager:
        team.append(CareTeamMember(id=2, client_id=3, name="Jo Ames", role="Nurse care manager",
                                   phone="937-555-0123", email="jo@example.org"))
    return freeze(ClientRecord(client=client, entries={
        "condition": [Condition(id=7, client_id=3, name="Essential hypertension",
                                icd10_code="I10", status="active"),
                      Condition(id=8, client_id=3, name="COPD", icd10_code="J44.9")],
        "medication": [Medication(id=1, client_id=3, name="Lisinopril", dose="10 mg",
                                  frequency="once a day"),
                       Medication(id=2, client_id=3, name="Old pill",
                                  stopped_on=date(2026, 1, 1))],
        "care_team": team,
        "personal_contact": [PersonalContact(id=1, client_id=3, name="Rosa Diaz",
                                             relation="Daughter", is_caregiver=True,
                                             may_receive_health_info=True)],
    }))


STANDING = PlanStanding(achievements={BP_GOAL: "improving"})
"""Goal progress noted; no intervention done yet."""

"""The data service is the screens' only door: every method returns frozen plain objects
(no ORM row anywhere in a result), and no screen reaches the database another way."""

import ast
import dataclasses
import inspect
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType

import pytest
from sqlmodel import SQLModel

from carecli.clinical import score
from carecli.config import resolve_database
from carecli.data.converters import freeze
from carecli.data.errors import ChangedElsewhere, InvalidInput
from carecli.data.models import Client
from carecli.data.service import CareService

TODAY = date(2026, 11, 24)
SRC = Path(__file__).resolve().parents[2] / "src" / "carecli"
LIFECYCLE = {"today", "file_is_current", "open", "verify_integrity", "expect", "settled",
             "close", "replaced", "remember_generation", "load_demo"}
"""Methods that open, watch or close the database, or return nothing to a screen."""


def thawed(value, path="result") -> list[str]:
    """Where `value` holds something a screen could change or lazy-load: an ORM row, a list,
    dict or set, or a dataclass that is not frozen."""
    if isinstance(value, SQLModel):
        return [f"{path}: ORM row {type(value).__name__}"]
    if isinstance(value, (list, dict, set)):
        return [f"{path}: mutable {type(value).__name__}"]
    if isinstance(value, (tuple, frozenset)):
        return [p for i, v in enumerate(value) for p in thawed(v, f"{path}[{i}]")]
    if isinstance(value, MappingProxyType):
        return [p for k, v in value.items() for p in thawed(v, f"{path}[{k!r}]")]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        problems = [] if type(value).__dataclass_params__.frozen else [
            f"{path}: {type(value).__name__} is not frozen"]
        return problems + [p for f in dataclasses.fields(value)
                           for p in thawed(getattr(value, f.name), f"{path}.{f.name}")]
    return []


def test_the_check_sees_a_row_deep_inside() -> None:
    assert thawed((MappingProxyType({"a": (Client(given_name="A", family_name="B"),)}),))
    assert thawed([1]) and not thawed((1, "x", TODAY))


def test_freeze_turns_a_row_into_a_frozen_copy_of_its_fields() -> None:
    row = Client(id=3, given_name="Ida", family_name="Rowe", enrolled_on=TODAY)
    copy = freeze(row)
    assert not isinstance(copy, SQLModel) and copy.given_name == "Ida" and copy.id == 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        copy.given_name = "Eve"
    assert type(freeze(row)) is type(copy)  # one frozen class per table


def test_every_service_method_returns_frozen_plain_objects(db) -> None:
    service = CareService(resolve_database(str(db.path)), db=db, today=TODAY)
    called: set[str] = set()
    results = []

    def use(name: str, *args, **kwargs):
        called.add(name)
        result = getattr(service, name)(*args, **kwargs)
        results.append((name, result))
        return result

    client_id = use("create_client", {"given_name": "Ida", "family_name": "Rowe",
                                      "enrolled_on": date(2026, 1, 5)})
    for kind, values in (("condition", {"name": "COPD"}), ("medication", {"name": "Tiotropium"}),
                         ("consent", {"given_on": TODAY, "method": "verbal"}),
                         ("care_team", {"name": "Dr Ames", "role": "pcp"}),
                         ("personal_contact", {"name": "Sam Rowe", "relation": "son"})):
        entry_id = use("add_entry", kind, client_id, values)
    entry, values = use("entry_values", "personal_contact", entry_id)
    use("update_entry", "personal_contact", entry_id, entry.version,
        {**values, "phone": "555-0100"})
    _, current = use("entry_values", "personal_contact", entry_id)
    assert current["phone"] == "555-0100"
    with pytest.raises(ChangedElsewhere):  # the version it was read at is refused now
        use("remove_entry", "personal_contact", entry_id, entry.version)
    use("remove_entry", "personal_contact", entry_id, entry.version + 1)
    client, values = use("client_values", client_id)
    use("update_client", client_id, client.version, {**values, "notes": "Lives alone"})
    use("change_status", client_id, use("client", client_id).version,
        {"to_status": "on_hold", "effective_on": TODAY, "reason": "Travelling"})
    assessment_id = use("start_assessment", client_id, "reassessment", ["phq9"])
    answers = {"phq9": {"1": 1, "9": 2}}
    assert use("save_draft", assessment_id, answers, 2) == ("suicidal_ideation",)
    start = use("assessment_start", client_id)
    assert start.client_name == "Ida Rowe" and start.draft.answers["phq9"]["9"] == 2
    assert start.medications[0][1] == "Tiotropium"
    use("summary_context", client_id, assessment_id)
    use("note_safety_action", client_id, "suicidal_ideation", "Called 988 with him",
        assessment_id)
    with pytest.raises(InvalidInput):
        use("risk_decision", {"risk_tier": "high", "by_hand": True, "risk_reason": ""})
    risk = use("risk_decision", {"risk_tier": "high", "by_hand": True, "risk_reason": "SI"})
    full = {"phq9": {str(i): 1 for i in range(1, 10)} | {"difficulty": 1},
            "safety": {"suicidal_ideation": "Called 988 with him"}}
    use("complete_assessment", assessment_id, answers=full,
        scores={"phq9": score("phq9", full["phq9"])}, risk=dict(risk), reconciled=False)
    view = use("record", client_id)
    assert view.record.client.notes == "Lives alone" and view.record.findings
    use("completed_assessment", view.completed[0].id)
    other = use("start_assessment", client_id, "reassessment", ["gad7"])
    assert use("discard_draft", other) == ()
    timer = use("start_timer", client_id)
    assert use("pause_timer", timer.id).paused_at is not None
    assert use("resume_timer", timer.id).running and use("timers")[0].id == timer.id
    use("discard_timer", timer.id)
    # contacts ---
    logged = use("log_contact", client_id, {"outcome": "reached", "minutes": 25, "note": "ok",
                                            "topics": ["BP"]})
    (contact,) = use("contacts", client_id)
    use("correct_contact", logged.contact_id, contact.version, {"minutes": 30}, "typo")
    (fix,) = use("contact_corrections", logged.contact_id)
    assert (fix.reason, fix.before) == ("typo", (("minutes", 25),))
    assert use("find_clients", "rowe") == ((client_id, "Ida Rowe"),)
    task = use("schedule_follow_up", client_id, {"kind": "task", "due_on": TODAY,
                                                 "reason": "labs"})
    use("finish_task", task, 1)
    use("snooze", client_id, "cadence", date(2026, 11, 30), "Away this week")
    use("mark_complex", client_id, "2026-11", True)
    assert use("client_month", client_id).minutes == 30
    assert [m.minutes for m in use("month_minutes")] == [30]
    # care plans ---
    plan = use("start_draft", client_id)
    plan = use("add_item", plan.id, plan.version, "problem", None, {"text": "COPD"})
    plan = use("add_item", plan.id, plan.version, "problem", None, {"text": "Falls"})
    plan = use("update_item", plan.id, plan.version, plan.items[0].uid, {"text": "Breathless"})
    plan = use("move_item", plan.id, plan.version, plan.items[0].uid, 1)
    snapshot = use("update_plan", plan.id, plan.version, {"priorities": "Stay home"})
    plan = use("remove_item", snapshot.id, snapshot.version, snapshot.items[0].uid)
    plan = use("restore_draft", plan.id, plan.version, snapshot)
    plan = use("finalise", plan.id, plan.version, "Ana", None)
    assert use("plan", plan.id) == use("current_plan", client_id) == plan
    draft = use("start_draft", client_id)
    use("discard_plan_draft", draft.id, draft.version)
    assert use("plan_overview", client_id).active_id == plan.id
    assert use("section_suggestions", client_id)["medication_management"].startswith("Takes")
    assert [s.origin for s in use("problem_suggestions", plan.id)][0] == "Condition: COPD"
    use("record_copy", plan.id, {"given_on": TODAY, "method": "in_person", "given_to": "Ida"})
    draft = use("start_draft", client_id)
    draft = use("add_item", draft.id, draft.version, "goal", draft.items[0].uid,
                {"text": "Walk", "target_on": date(2027, 1, 5)})
    draft = use("add_item", draft.id, draft.version, "intervention", draft.items[0].uid,
                {"text": "Call", "owner_kind": "client", "frequency": "weekly"})
    goal, check = draft.items[1].uid, draft.items[2].uid
    assert use("plan_diff", plan.id, draft.id).items[0].uid == goal
    use("add_goal_progress", client_id, goal, {"noted_on": TODAY, "achievement": "improving",
                                               "note": "Walked twice"})
    assert use("goal_progress", client_id, goal)[0].achievement == "improving"
    assert use("plan_standing", client_id).achievements == {goal: "improving"}
    assert use("intervention_done", client_id, check, TODAY) is None  # not yet active
    # appointments ---
    soon = f"{TODAY + timedelta(days=1)} 10:30"
    booked = use("add_appointment", client_id, {"with_whom": "Dr Ames", "starts_at": soon})
    use("update_appointment", booked, 1, {"with_whom": "Dr Ames", "starts_at": soon,
                                         "location": "Elm St"})
    use("mark_appointment_reminded", booked)
    moved = use("appointment_outcome", booked, use("appointment", booked).version,
                {"status": "rescheduled", "new_starts_at": f"{TODAY + timedelta(days=8)} 9:00"})
    assert [a.id for a in use("appointments", client_id)] == [moved, booked]
    assert [c.appointment.id for c in use("calendar_appointments", 30)] == [booked, moved]
    use("calendar_work", 2)
    # hospital stays and TCM ---
    stay_values = {"facility": "General", "kind": "inpatient", "admitted_on": "2026-11-10",
                   "discharged_on": "2026-11-16", "complexity": "high"}
    stay_id = use("add_stay", client_id, stay_values)
    use("update_stay", stay_id, use("stay", stay_id).version, {**stay_values, "reason": "Fall"})
    use("mark_tcm_step", stay_id, use("stay", stay_id).version, "med_rec", TODAY)
    assert use("stays", client_id).stays[0].tcm.med_rec.done_on == TODAY
    lace = use("lace_draft", stay_id)
    assert use("save_lace", stay_id, lace.stay.version, lace.values()) == 4 + 3 + 0 + 0
    use("undo_intervention_done", client_id, check, TODAY)
    # referrals ---
    referral = use("create_referral", client_id, {"need": "food", "to_whom": "Food bank"})
    referral = use("change_referral_status", referral.id, referral.version,
                   {"to_status": "requested"})
    referral = use("set_referral_follow_up", referral.id, referral.version, TODAY)
    assert use("referrals", client_id).referrals == (referral,)
    # community resources ---
    pantry = use("add_resource", {"name": "Eastside Pantry", "category": "food"})
    use("update_resource", pantry, 1, {"name": "Eastside Food Pantry", "category": "food"})
    use("set_resource_status", pantry, 2, "inactive")
    assert use("resource", pantry).status == "inactive"
    assert use("resources", "food pantry") == ()
    assert [r.id for r in use("resources", "food pantry", include_inactive=True)] == [pantry]
    use("caseload")
    use("first_screen")
    use("queue")
    public = {name for name, _ in inspect.getmembers(CareService, inspect.isfunction)
              if not name.startswith("_")}
    assert public - LIFECYCLE - called == set(), "a service method this test does not call"
    for name, result in results:
        assert thawed(result, name) == []


def _screen_modules() -> list[Path]:
    return [*sorted((SRC / "screens").glob("*.py")), SRC / "app.py", SRC / "commands.py"]


FORBIDDEN = ("sqlmodel", "sqlalchemy", "carecli.data.db", "carecli.data.models",
             "carecli.data.clients", "carecli.data.assessments", "carecli.data.caseload",
             "carecli.data.versions")
"""Modules a screen must not import: the database, ORM rows and the data functions (the
service calls those)."""


@pytest.mark.parametrize("path", _screen_modules(), ids=lambda p: p.name)
def test_screens_reach_data_only_through_the_service(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    problems = []
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        problems += [f"line {node.lineno}: imports {n}" for n in names
                     if any(n == f or n.startswith(f + ".") for f in FORBIDDEN)]
        if isinstance(node, ast.Attribute) and node.attr == "db":
            problems.append(f"line {node.lineno}: uses .db")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "getattr" and isinstance(node.args[0], ast.Attribute)
                and node.args[0].attr == "screen"):
            problems.append(f"line {node.lineno}: reaches into another screen")
    assert problems == []


def test_the_service_is_cheap_to_build(tmp_path: Path) -> None:
    """Built before the first paint: it imports no SQLAlchemy and opens nothing."""
    import subprocess
    import sys

    code = ("import sys\nfrom carecli.config import resolve_database\n"
            "from carecli.data.service import CareService\n"
            f"CareService(resolve_database({str(tmp_path / 'x.db')!r}))\n"
            "print('sqlalchemy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False" and not (tmp_path / "x.db").exists()


def test_what_a_screen_needs_together_is_read_in_one_transaction(db, db_path, today):
    """Starting an assessment, opening a record and the summary's context: one BEGIN each, so
    what they show is the database as of one moment (the issue's "five sessions for one
    keypress")."""
    from sqlalchemy import event

    from carecli.config import resolve_database
    from carecli.data.clients import create_client
    from carecli.data.service import CareService

    client_id = create_client(db=db, values={"given_name": "Ida", "family_name": "Rowe"})
    service = CareService(resolve_database(str(db_path)), db=db, today=today)
    assessment_id = service.start_assessment(client_id, "reassessment", ["phq9"])
    begins: list[int] = []
    event.listen(db.engine, "begin", lambda _conn: begins.append(1))
    for call, args in ((service.assessment_start, (client_id,)),
                       (service.record, (client_id,)),
                       (service.summary_context, (client_id, assessment_id))):
        begins.clear()
        call(*args)
        assert len(begins) == 1, call.__name__

"""Care plan rows holding values another program stored (a `changes` that is not a list, a
status carecli does not know, a source naming no condition, control characters): the plan
still opens and exports, or says so in one sentence; none of them stops the app with an
unexpected error or makes a FHIR copy an EHR would refuse."""

import json
import re
import sqlite3
import xml.etree.ElementTree as ElementTree
from dataclasses import replace
from datetime import date

import pytest
from plan_sample import sample_plan, sample_record

from carecli.config import resolve_database
from carecli.data.clients import create_client
from carecli.data.errors import CareDataError
from carecli.data.service import CareService
from carecli.domain.care_plan import PlanStanding
from carecli.export import FORMATS, export_plan

TODAY = date(2026, 11, 24)


@pytest.fixture
def service(db, db_path) -> CareService:
    return CareService(resolve_database(str(db_path)), db=db, today=TODAY)


@pytest.fixture
def client_id(db) -> int:
    return create_client(db=db, values={"given_name": "Ida", "family_name": "Rowe",
                                        "enrolled_on": date(2026, 1, 5), "risk_tier": "high"})


def _sql(db_path, statement: str, *args) -> None:
    """Another program writes to the file."""
    with sqlite3.connect(db_path) as other:
        other.execute(statement, args)


def _finalised(service, client_id):
    plan = service.start_draft(client_id)
    plan = service.add_item(plan.id, plan.version, "problem", None, {"text": "Falls"})
    return service.finalise(plan.id, plan.version, "Jo Ames")


@pytest.mark.parametrize("stored", ["5", '{"a": 1}', '"Added goal"', "[1, null]"])
def test_a_changes_value_that_is_not_a_list_of_sentences_reads_as_none(
        service, client_id, db_path, stored) -> None:
    plan = _finalised(service, client_id)
    _sql(db_path, "UPDATE care_plan SET changes = ? WHERE id = ?", stored, plan.id)
    assert service.plan(plan.id).changes == ()
    assert service.plan_overview(client_id).versions[0].changes == ()


def test_a_good_changes_list_still_reads(service, client_id, db_path) -> None:
    plan = _finalised(service, client_id)
    _sql(db_path, "UPDATE care_plan SET changes = ? WHERE id = ?", '["Added goal: Walk"]',
         plan.id)
    assert service.plan(plan.id).changes == ("Added goal: Walk",)


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("where", ["plan", "intervention", "goal", "problem"])
def test_a_status_carecli_does_not_know_is_one_sentence_in_every_export(fmt, where) -> None:
    plan = sample_plan()
    if where == "plan":
        plan = replace(plan, status="archived")
    else:
        at = next(n for n, i in enumerate(plan.items) if i.kind == where)
        items = list(plan.items)
        items[at] = replace(items[at], status="weird")
        plan = replace(plan, items=tuple(items))
    try:
        text = export_plan(fmt, plan, sample_record(), PlanStanding())
    except CareDataError as exc:
        said = str(exc)
        assert "\n" not in said and ("weird" in said or "archived" in said)
    else:
        assert text


@pytest.mark.parametrize("source", ["condition:²", "condition:", "condition:99", "x"])
def test_a_problem_source_naming_no_condition_exports_as_a_health_concern(source) -> None:
    plan = sample_plan()
    items = list(plan.items)
    items[0] = replace(items[0], source=source)
    bundle = export_plan("fhir", replace(plan, items=tuple(items)), sample_record(), PlanStanding())
    assert '"health-concern"' in bundle and "High blood pressure" in bundle


def test_control_characters_another_program_stored_never_reach_the_fhir_bundle() -> None:
    plan = sample_plan()
    items = list(plan.items)
    items[0] = replace(items[0], text="High\x0c blood\x1b[2J pressure\x85")
    bundle = json.loads(export_plan("fhir", replace(plan, items=tuple(items)),
                                    sample_record(), PlanStanding()))
    care_plan = next(e["resource"] for e in bundle["entry"]
                     if e["resource"]["resourceType"] == "CarePlan")
    ElementTree.fromstring(care_plan["text"]["div"])  # well-formed XHTML for the EHR
    assert care_plan["addresses"][0]["display"] == "High blood[2J pressure"
    assert not any(re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
                   for text in _strings(bundle))


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


@pytest.mark.parametrize(("table", "column", "stored", "named"), [
    ("care_plan", "changes", "not json [", "what changed when it was finalised"),
    ("care_plan", "review_due_on", "2026-02-30", "the next review date"),
    ("care_plan", "finalised_at", "yesterday", "when it was finalised"),
    ("care_plan", "created_at", "2026-13-01 10:00:00", "when it was started"),
    ("care_plan_item", "target_on", "soon", "the target date of the goal “Walk”"),
    ("care_plan_item", "due_on", "2026-11-31", "the due date of the intervention “Call”"),
], ids=["changes", "review", "finalised", "created", "target", "due"])
def test_a_plan_with_a_value_that_cannot_be_read_still_reads_and_exports(
        service, client_id, db_path, table, column, stored, named) -> None:
    plan = _finalised_with_goal(service, client_id)
    key = "id" if table == "care_plan" else "care_plan_id"
    kind = {"target_on": " AND kind = 'goal'", "due_on": " AND kind = 'intervention'"}.get(
        column, "")
    _sql(db_path, f"UPDATE {table} SET {column} = ? WHERE {key} = ?{kind}", stored, plan.id)
    read = service.plan(plan.id)
    assert read.unreadable == (named,)
    assert getattr(read.item(plan.items[1].uid), column, None) is None or table == "care_plan"
    assert service.current_plan(client_id) == read
    assert [v.id for v in service.plan_overview(client_id).versions] == [plan.id]
    for fmt in FORMATS:
        assert "Walk" in export_plan(fmt, read, sample_record(), PlanStanding())
    draft = service.start_draft(client_id)  # a new draft from it holds the rest
    assert [i.text for i in draft.items] == ["Falls", "Walk", "Call"]
    assert draft.unreadable == ()


def test_a_day_done_that_cannot_be_read_is_left_out(service, client_id, db_path) -> None:
    plan = _finalised_with_goal(service, client_id)
    call = plan.items[2].uid
    service.intervention_done(client_id, call, "2026-11-20")
    service.intervention_done(client_id, call, "2026-11-23")
    _sql(db_path, "UPDATE intervention_done SET done_on = 'later' WHERE done_on = ?",
         "2026-11-23")
    assert service.plan_standing(client_id).last_done == {call: date(2026, 11, 20)}
    assert service.intervention_done(client_id, call, "2026-11-21") == date(2026, 12, 1)


def test_a_change_to_a_draft_holding_an_unreadable_value_is_refused_in_a_sentence(
        service, client_id, db_path) -> None:
    plan = service.start_draft(client_id)
    plan = service.add_item(plan.id, plan.version, "problem", None, {"text": "Falls"})
    _sql(db_path, "UPDATE care_plan SET review_due_on = 'soon' WHERE id = ?", plan.id)
    with pytest.raises(CareDataError, match="cannot read .* nothing was changed"):
        service.add_item(plan.id, plan.version, "problem", None, {"text": "Pain"})
    assert [i.text for i in service.plan(plan.id).items] == ["Falls"]


def _finalised_with_goal(service, client_id):
    plan = service.start_draft(client_id)
    plan = service.add_item(plan.id, plan.version, "problem", None, {"text": "Falls"})
    plan = service.add_item(plan.id, plan.version, "goal", plan.items[0].uid,
                            {"text": "Walk", "target_on": "2027-01-05"})
    plan = service.add_item(plan.id, plan.version, "intervention", plan.items[1].uid,
                            {"text": "Call", "owner_kind": "care_manager",
                             "frequency": "weekly", "due_on": "2026-12-01"})
    return service.finalise(plan.id, plan.version, "Jo Ames")

"""Care plan rows holding values another program stored (a `changes` that is not a list, a
section key or a status carecli does not know): the plan still opens, finalises and exports,
or says so in one sentence; none of them stops the app with an unexpected error."""

import sqlite3
from datetime import date

import pytest

from carecli.config import resolve_database
from carecli.data.clients import create_client
from carecli.data.service import CareService

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

"""Fault hunt (issue 9): hospital stays. Each failed before its fix."""

from datetime import date

import pytest

from carecli.data.clients import create_client
from carecli.data.errors import InvalidInput
from carecli.data.stays import add_stay, get_stay, save_lace, stay_values, update_stay

pytestmark = pytest.mark.both_backends


def _client(db) -> int:
    return create_client(db=db, values={"given_name": "Ann", "family_name": "Lee",
                                        "enrolled_on": date(2025, 1, 6)})


def _stay(**more) -> dict:
    return {"facility": "St Mary's", "kind": "inpatient", "admitted_on": "2026-11-20",
            "discharged_on": "2026-11-25"} | more


def test_lace_comes_back_when_the_discharge_day_is_typed_again(db) -> None:
    stay_id = add_stay(db=db, client_id=_client(db), values=_stay())
    save_lace(db=db, stay_id=stay_id, version=1, values={
        "acute_admission": True, "charlson": 3, "ed_visits_6mo": 1})
    scored = get_stay(db=db, stay_id=stay_id).lace_total
    assert scored is not None
    stay = get_stay(db=db, stay_id=stay_id)
    update_stay(db=db, stay_id=stay_id, version=stay.version,
                values={**stay_values(stay), "discharged_on": None})
    stay = get_stay(db=db, stay_id=stay_id)
    update_stay(db=db, stay_id=stay_id, version=stay.version,
                values={**stay_values(stay), "discharged_on": "2026-11-25"})
    assert get_stay(db=db, stay_id=stay_id).lace_total == scored


def test_a_stay_inside_another_stay_of_the_client_is_refused(db) -> None:
    client = _client(db)
    add_stay(db=db, client_id=client, values=_stay())
    with pytest.raises(InvalidInput):
        add_stay(db=db, client_id=client, values=_stay(facility="County General",
                                                       admitted_on="2026-11-21",
                                                       discharged_on="2026-11-22"))

"""Input limits that keep the app usable: plausible dates, and names that show something."""

import sqlite3
from contextlib import closing
from datetime import date, timedelta

import pytest

from carecli.data.clients import change_status, count_clients, create_client, get_client
from carecli.data.entries import add_entry, list_entries
from carecli.data.errors import InvalidInput
from carecli.data.inputs import (
    CareTeamInput,
    ClientCreate,
    ConditionInput,
    ConsentInput,
    MedicationInput,
    PersonalContactInput,
    StatusChangeInput,
    validate,
)

NAMES = {"given_name": "Ann", "family_name": "Lee"}
TODAY = date.today()  # inputs are checked against this computer's clock


def errors_of(model, values: dict) -> dict[str, str]:
    with pytest.raises(InvalidInput) as info:
        validate(model, values)
    return info.value.errors


def years_from_today(years: int) -> date:
    return TODAY.replace(year=TODAY.year + years, day=min(TODAY.day, 28))


# --- text that shows nothing ------------------------------------------------------------------

REQUIRED_TEXT = [
    (ClientCreate, NAMES, "given_name"),
    (ClientCreate, NAMES, "family_name"),
    (ClientCreate, NAMES, "language"),
    (ConditionInput, {"name": "COPD"}, "name"),
    (MedicationInput, {"name": "Metformin"}, "name"),
    (CareTeamInput, {"name": "Dr Osei", "role": "PCP"}, "name"),
    (CareTeamInput, {"name": "Dr Osei", "role": "PCP"}, "role"),
    (PersonalContactInput, {"name": "Sam", "relation": "son"}, "name"),
    (PersonalContactInput, {"name": "Sam", "relation": "son"}, "relation"),
]
UNSEEN = ["\x00", "\x00\x00\x00", "\u200b", "\u200c\u200d", "\u2060", "\ufeff", " \u200b\t\x00 ",
          "\x07\x1b", "\u3164", "\u0301"]


@pytest.mark.parametrize(("model", "values", "field"), REQUIRED_TEXT)
@pytest.mark.parametrize("unseen", UNSEEN)
def test_required_text_must_show_something(model, values, field, unseen) -> None:
    assert errors_of(model, {**values, field: unseen}) == {field: "is required"}


@pytest.mark.parametrize("name", ["李", "Zoë", "Zoe\u0308", "क्\u200dष", "O'Brien", "🙂"])
def test_names_in_any_script_are_accepted(name: str) -> None:
    assert validate(ClientCreate, {**NAMES, "given_name": name}).given_name == name


def test_optional_text_that_shows_nothing_is_blank() -> None:
    data = validate(ClientCreate, {**NAMES, "preferred_name": "\u200b", "notes": "\x00 \ufeff"})
    assert (data.preferred_name, data.notes) == (None, None)


def test_nul_is_never_stored(db, db_path) -> None:
    client_id = create_client(db=db, values={
        "given_name": "An\x00n", "family_name": "\x00Lee", "notes": "Lives\x00 alone",
    })
    add_entry(db=db, kind="condition", client_id=client_id, values={"name": "CO\x00PD"})
    with closing(sqlite3.connect(db_path)) as conn:
        stored = conn.execute(
            "SELECT given_name, family_name, notes FROM client WHERE id = ?", (client_id,)
        ).fetchone()
        condition = conn.execute("SELECT name FROM condition").fetchone()
    assert stored == ("Ann", "Lee", "Lives alone") and condition == ("COPD",)


def test_control_characters_are_never_stored_but_line_breaks_in_notes_are() -> None:
    data = validate(ClientCreate, {**NAMES, "given_name": "Ann\x00e\x01\x1b[31mX\x9b",
                                   "notes": "Line one\nLine\ttwo\x07"})
    assert data.given_name == "Anne[31mX"
    assert data.notes == "Line one\nLine\ttwo"


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("enrolled", "message"),
    [("9999-12-31", "is in the future"), ((TODAY + timedelta(days=1)).isoformat(),
                                          "is in the future"),
     ("1899-12-31", "is before 1900")],
)
def test_implausible_enrolment_refused(db, enrolled: str, message: str) -> None:
    with pytest.raises(InvalidInput) as info:
        create_client(db=db, values={**NAMES, "enrolled_on": enrolled})
    assert info.value.errors == {"enrolled_on": message}
    assert count_clients(db=db) == 0


def test_enrolment_from_1900_to_today_accepted() -> None:
    for enrolled in (date(1900, 1, 1), TODAY):
        assert validate(ClientCreate, {**NAMES, "enrolled_on": enrolled}).enrolled_on == enrolled


def test_birth_after_enrolment_refused() -> None:
    values = {**NAMES, "enrolled_on": "2025-03-01", "date_of_birth": "2025-03-02"}
    assert errors_of(ClientCreate, values) == {
        "date_of_birth": "is after the enrolment date 2025-03-01"
    }
    values["date_of_birth"] = "2025-03-01"
    assert validate(ClientCreate, values).date_of_birth == date(2025, 3, 1)


def test_status_change_before_enrolment_refused(db) -> None:
    """The reported case: a discharge dated 1999 for a client enrolled in 2025."""
    client_id = create_client(db=db, values={**NAMES, "enrolled_on": "2025-06-01"})
    with pytest.raises(InvalidInput) as info:
        change_status(db=db, client_id=client_id, values={
            "to_status": "discharged", "reason": "Moved", "effective_on": "1999-01-01"})
    assert info.value.errors == {"effective_on": "is before the client's enrolment on 2025-06-01"}
    assert get_client(db=db, client_id=client_id).status == "active"
    change_status(db=db, client_id=client_id, values={
        "to_status": "discharged", "reason": "Moved", "effective_on": "2025-06-01"})
    assert get_client(db=db, client_id=client_id).status_changed_on == date(2025, 6, 1)


def test_status_change_before_the_last_one_refused(db) -> None:
    """A reactivation dated before the discharge it undoes would make History read
    backwards."""
    client_id = create_client(db=db, values={**NAMES, "enrolled_on": "2025-06-01"})
    change_status(db=db, client_id=client_id, values={
        "to_status": "discharged", "reason": "Moved", "effective_on": "2026-11-20"})
    with pytest.raises(InvalidInput) as info:
        change_status(db=db, client_id=client_id, values={
            "to_status": "active", "reason": "Back", "effective_on": "2026-11-19"})
    assert info.value.errors == {"effective_on": "is before the last status change, on 2026-11-20"}
    assert get_client(db=db, client_id=client_id).status == "discharged"
    change_status(db=db, client_id=client_id, values={
        "to_status": "active", "reason": "Back", "effective_on": "2026-11-20"})
    assert get_client(db=db, client_id=client_id).status == "active"


@pytest.mark.parametrize(
    ("effective", "message"),
    [("9999-12-31", "is in the future"), ("1800-01-01", "is before 1900")],
)
def test_status_change_date_limits(effective: str, message: str) -> None:
    values = {"to_status": "on_hold", "reason": "Away", "effective_on": effective}
    assert errors_of(StatusChangeInput, values) == {"effective_on": message}


@pytest.mark.parametrize(
    ("model", "values", "field", "typed", "message"),
    [
        (ConsentInput, {"method": "verbal"}, "given_on", "9999-12-31", "is in the future"),
        (ConsentInput, {"method": "verbal"}, "given_on", "1850-01-01", "is before 1900"),
        (ConsentInput, {"method": "verbal", "given_on": "2025-01-01"}, "revoked_on",
         "9999-12-31", "is in the future"),
        (ConditionInput, {"name": "COPD"}, "onset_on", "0001-01-01", "is before 1900"),
        (ConditionInput, {"name": "COPD"}, "onset_on", "9999-12-31", "is in the future"),
        (MedicationInput, {"name": "Metformin"}, "started_on", "1899-12-31", "is before 1900"),
        (MedicationInput, {"name": "Metformin"}, "started_on", "9999-12-31",
         "is more than 5 years ahead"),
        (MedicationInput, {"name": "Metformin"}, "stopped_on",
         years_from_today(6).isoformat(), "is more than 5 years ahead"),
        (MedicationInput, {"name": "Metformin"}, "last_reconciled_on", "9999-12-31",
         "is in the future"),
    ],
)
def test_entry_date_limits(model, values, field, typed, message) -> None:
    assert errors_of(model, {**values, field: typed}) == {field: message}


def test_a_medication_may_be_planned_up_to_five_years_ahead(db) -> None:
    client_id = create_client(db=db, values=NAMES)
    stop = years_from_today(5)
    add_entry(db=db, kind="medication", client_id=client_id, values={
        "name": "Amoxicillin", "started_on": TODAY + timedelta(days=1), "stopped_on": stop})
    assert list_entries(db=db, kind="medication", client_id=client_id)[0].stopped_on == stop

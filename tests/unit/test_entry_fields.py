"""Each entry kind is declared once: the input model, the form, the table and the database agree
with its declaration, and a new kind needs only a declaration to get all three."""

from datetime import date

import pytest
from sqlalchemy import select
from textual.app import App, ComposeResult

from carecli.data.entries import ENTRY_KINDS, EntryKind, add_entry, list_entries
from carecli.data.errors import InvalidInput
from carecli.data.inputs import (
    ClientCreate,
    RiskDecision,
    StatusChangeInput,
    entry_input,
    validate,
)
from carecli.data.models import AuditLog, Client, HospitalStay, StatusChange
from carecli.domain.entry_fields import ENTRY_FIELDS
from carecli.domain.enums import StayKind
from carecli.domain.fields import Column, EntryFields, Field
from carecli.forms import (
    CLIENT_FORM,
    DATE_HINT,
    ENTRY_FORMS,
    RISK_FORM,
    STATUS_FORM,
    FieldSpec,
    form_fields,
)
from carecli.screens.form import FormScreen
from carecli.widgets.entry_table import EntryTable, row_cells

STAY = EntryFields(
    noun="hospital stay",
    ended_by="discharged_on",
    fields=(
        Field("facility", "Hospital or facility", required=True, max_length=200,
              column=Column("Facility")),
        Field("kind", "Kind of stay", "choice", required=True, choices=StayKind,
              default=StayKind.INPATIENT, column=Column("Kind")),
        Field("admitted_on", "Admitted", "date", required=True, column=Column()),
        Field("discharged_on", "Discharged", "date", column=Column(),
              not_before=("admitted_on", "the admission")),
        Field("reason", "Reason", max_length=400, column=Column(width=8)),
    ),
)
"""A sixth entry kind, made up here, on a table that exists (hospital stays)."""


def mismatches(entry: EntryFields, table) -> list[str]:
    """Where a declaration and its database table disagree: a field with no column, another
    text length, a choice too long for its column, or a required field whose column may be
    empty (or the other way round)."""
    columns = table.__table__.columns
    found = []
    for field in entry.fields:
        if field.name not in columns:
            found.append(f"{field.name}: no column")
            continue
        column = columns[field.name]
        length = getattr(column.type, "length", None)
        if field.kind in ("text", "note") and length != field.max_length:
            found.append(f"{field.name}: declared {field.max_length}, column {length}")
        if field.choices and max(len(choice) for choice in field.choices) > length:
            found.append(f"{field.name}: a choice is longer than the column's {length}")
        if column.nullable != (not field.required and field.kind != "bool"):
            found.append(f"{field.name}: required {field.required}, nullable {column.nullable}")
    return found


def errors_of(model, values: dict) -> dict[str, str]:
    with pytest.raises(InvalidInput) as info:
        validate(model, values)
    return info.value.errors


# --- the five kinds: one declaration each, checked against everything derived from it ---------


@pytest.mark.parametrize("kind", list(ENTRY_KINDS))
def test_each_limit_is_the_database_columns(kind: str) -> None:
    assert mismatches(ENTRY_KINDS[kind].fields, ENTRY_KINDS[kind].table) == []


def test_the_column_check_sees_a_limit_written_twice_differently() -> None:
    """Guards the test above: a phone declared 41 long where the column holds 40 is caught."""
    care_team = ENTRY_FIELDS["care_team"]
    wrong = EntryFields(care_team.noun, tuple(
        Field("phone", "Phone", max_length=41) if f.name == "phone" else f
        for f in care_team.fields
    ))
    assert mismatches(wrong, ENTRY_KINDS["care_team"].table) == ["phone: declared 41, column 40"]


@pytest.mark.parametrize("kind", list(ENTRY_KINDS))
def test_registry_form_and_input_come_from_the_declaration(kind: str) -> None:
    declared = ENTRY_FIELDS[kind]
    names = [f.name for f in declared.fields]
    assert ENTRY_KINDS[kind].fields is declared
    assert list(ENTRY_KINDS[kind].input.model_fields) == names
    assert [spec.key for spec in ENTRY_FORMS[kind]] == names
    assert [(s.label, s.required, s.max_length) for s in ENTRY_FORMS[kind]] == [
        (f.label, f.required, f.max_length) for f in declared.fields
    ]


def test_a_phone_limit_is_written_once() -> None:
    """The reported case: the 40 characters of a phone number lived in three places."""
    phones = [f for e in ENTRY_FIELDS.values() for f in e.fields if f.check == "phone"]
    assert {(f.name, f.max_length) for f in phones} == {("phone", 40), ("fax", 40)}
    too_long = {"name": "Dr Osei", "role": "PCP", "fax": "5" * 41}
    assert errors_of(ENTRY_KINDS["care_team"].input, too_long) == {
        "fax": "is too long (at most 40 characters)"
    }
    fax = next(s for s in ENTRY_FORMS["care_team"] if s.key == "fax")
    assert fax.max_length == 40


@pytest.mark.parametrize(
    "field",
    [
        dict(name="x", label="X"),  # text without a limit
        dict(name="x", label="X", kind="choice"),  # a choice without its choices
        dict(name="x", label="X", kind="number"),
        dict(name="x", label="X", max_length=9, check="postcode"),
        dict(name="x", label="X", kind="date", dates="someday"),
        dict(name="x", label="X", max_length=9, not_before=("y", "y")),
    ],
)
def test_a_wrong_field_declaration_is_refused_at_once(field: dict) -> None:
    with pytest.raises(ValueError, match="field 'x'"):
        Field(**field)


def test_an_entry_declaration_naming_a_missing_field_is_refused() -> None:
    later = Field("b", "B", "date", not_before=("a", "a"))
    with pytest.raises(ValueError, match="not there"):
        EntryFields("thing", (later,))
    with pytest.raises(ValueError, match="not there"):
        EntryFields("thing", (Field("a", "A", "date"),), ended_by="gone")


# --- the hand-written forms (client, status, risk) keep their limits in step too ----------------

HAND_WRITTEN = {
    "client": (CLIENT_FORM, ClientCreate, Client, {"given_name": "Ann", "family_name": "Lee"}),
    "status": (STATUS_FORM, StatusChangeInput, StatusChange,
               {"to_status": "on_hold", "reason": "Away"}),
    "risk": (RISK_FORM, RiskDecision, Client, {"risk_tier": "high"}),
}


@pytest.mark.parametrize("form", list(HAND_WRITTEN))
def test_hand_written_forms_have_their_inputs_and_columns_limits(form: str) -> None:
    fields, model, table, valid = HAND_WRITTEN[form]
    texts = [spec for spec in fields if spec.kind in ("text", "note")]
    for spec in texts:
        longest = spec.max_length
        assert table.__table__.columns[spec.key].type.length == longest, spec.key
        assert errors_of(model, {**valid, spec.key: "5" * (longest + 1)}) == {
            spec.key: f"is too long (at most {longest} characters)"
        }
    assert texts


# --- a sixth kind from its declaration alone ------------------------------------------------


def test_a_sixth_kind_gets_a_validating_input_model() -> None:
    model = entry_input("StayInput", STAY)
    assert errors_of(model, {}) == {"facility": "is required", "admitted_on": "is required"}
    good = {"facility": "  St Mary's ", "admitted_on": "11/01/2025"}
    stay = validate(model, good)
    assert (stay.facility, stay.kind, stay.admitted_on, stay.reason) == (
        "St Mary's", StayKind.INPATIENT, date(2025, 11, 1), None
    )
    assert errors_of(model, {**good, "facility": "\u200b\x00"}) == {"facility": "is required"}
    assert errors_of(model, {**good, "reason": "x" * 401}) == {
        "reason": "is too long (at most 400 characters)"
    }
    assert errors_of(model, {**good, "admitted_on": "9999-12-31"}) == {
        "admitted_on": "is in the future"
    }
    assert errors_of(model, {**good, "discharged_on": "2025-10-31"}) == {
        "discharged_on": "is before the admission 2025-11-01"
    }
    assert errors_of(model, {**good, "kind": "spa"})["kind"].startswith("must be one of")
    assert errors_of(model, {**good, "ward": "4B"}) == {"ward": "Extra inputs are not permitted"}


def test_a_sixth_kind_gets_a_form_and_table_columns() -> None:
    assert form_fields(STAY) == (
        FieldSpec("facility", "Hospital or facility", "text", True, max_length=200),
        FieldSpec("kind", "Kind of stay", "choice", True, choices=(
            ("Inpatient", "inpatient"), ("Emergency", "emergency"),
            ("Observation", "observation"), ("Skilled nursing", "skilled_nursing"))),
        FieldSpec("admitted_on", "Admitted", "date", True, placeholder=DATE_HINT),
        FieldSpec("discharged_on", "Discharged", "date", placeholder=DATE_HINT),
        FieldSpec("reason", "Reason", max_length=400),
    )
    assert [f.title for f in STAY.shown] == [
        "Facility", "Kind", "Admitted", "Discharged", "Reason"
    ]
    assert mismatches(STAY, HospitalStay) == []


@pytest.fixture
def stays(monkeypatch: pytest.MonkeyPatch) -> str:
    """The sixth kind registered beside the five, as adding it to the app would."""
    model = entry_input("StayInput", STAY)
    kind = EntryKind(STAY, HospitalStay, model, (HospitalStay.admitted_on.desc(),))
    monkeypatch.setitem(ENTRY_KINDS, "hospital_stay", kind)
    monkeypatch.setitem(ENTRY_FIELDS, "hospital_stay", STAY)
    return "hospital_stay"


def _client(db) -> int:
    from carecli.data.clients import create_client

    return create_client(db=db, values={"given_name": "Ann", "family_name": "Lee"})


def test_a_sixth_kind_is_stored_and_shown(db, stays: str) -> None:
    client_id = _client(db)
    add_entry(db=db, kind=stays, client_id=client_id, values={
        "facility": "St Mary's", "kind": "emergency", "admitted_on": "2025-11-01",
        "discharged_on": "2025-11-03", "reason": "Fall at home, hip pain",
    })
    [row] = list_entries(db=db, kind=stays, client_id=client_id)
    cells = row_cells(STAY, row)
    assert [c.plain for c in cells] == [
        "St Mary's", "Emergency", "2025-11-01", "2025-11-03", "Fall at…"
    ]
    assert all("dim" in str(c.spans) for c in cells)  # discharged: the stay is over
    with db.read() as session:
        audit = session.execute(select(AuditLog.action, AuditLog.entity)).all()
    assert ("create", "hospital_stay") in audit


class StayApp(App):
    """Only the form and the table of the sixth kind, as the record screen would show them."""

    def __init__(self, db, db_path, client_id: int, kind: str) -> None:
        from carecli.config import resolve_database
        from carecli.data.service import CareService

        super().__init__()
        self.db, self.client_id, self.kind = db, client_id, kind
        self.service = CareService(resolve_database(str(db_path)), db=db)
        """What the form saves through, as in the app."""

    def compose(self) -> ComposeResult:
        yield EntryTable(self.kind)

    def on_mount(self) -> None:
        form = FormScreen(title="Add hospital stay", fields=form_fields(STAY), submit=self.add)
        self.push_screen(form, self.saved)

    def add(self, values: dict) -> int:
        return add_entry(db=self.db, kind=self.kind, client_id=self.client_id, values=values)

    def saved(self, result) -> None:
        if result:
            rows = list_entries(db=self.db, kind=self.kind, client_id=self.client_id)
            self.query_one(EntryTable).show(rows)


def error(form: FormScreen, key: str) -> str:
    return str(form.query_one(f"#error-{key}").render())


async def test_a_sixth_kind_is_added_through_its_form_and_listed(db, db_path, stays: str
                                                                ) -> None:
    app = StayApp(db, db_path, _client(db), stays)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#field-facility").value = "\u200b"
        form.query_one("#field-admitted_on").value = "2025-11-20"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Hospital or facility is required" in error(form, "facility")
        form.query_one("#field-facility").value = "St Mary's"
        form.query_one("#field-discharged_on").value = "2025-11-19"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Discharged is before the admission 2025-11-20" in error(form, "discharged_on")
        assert app.screen is form and list_entries(db=db, kind=stays, client_id=app.client_id) == []
        form.query_one("#field-discharged_on").value = ""
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is not form
        table = app.query_one(EntryTable)
        assert [str(c.label) for c in table.columns.values()] == [
            "Facility", "Kind", "Admitted", "Discharged", "Reason"
        ]
        assert [c.plain for c in table.get_row_at(0)] == [
            "St Mary's", "Inpatient", "2025-11-20", "", ""
        ]


def test_a_cut_cell_says_it_is_cut():
    """A code cut to its column must not read as another code ("E11" for "E11.9")."""
    from carecli.plain import cut

    assert cut("E11.9", 5) == "E11.9" and cut("E11.9", 4) == "E11…"

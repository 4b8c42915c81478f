"""Input validation and the data services: clients, entries, search, caseload and record."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlmodel import SQLModel

import carecli.data.models as m
from carecli.data.caseload import load_caseload
from carecli.data.clients import (
    change_status,
    client_values,
    count_clients,
    create_client,
    get_client,
    update_client,
)
from carecli.data.db import Database
from carecli.data.entries import ENTRY_KINDS, add_entry, list_entries, remove_entry, update_entry
from carecli.data.errors import InvalidInput, NotFound
from carecli.data.inputs import (
    ClientCreate,
    ConditionInput,
    StatusChangeInput,
    parse_date,
    validate,
)
from carecli.data.record import load_record
from carecli.domain.caseload import SORT_COLUMNS, CaseloadFilter, CaseloadRow, view
from carecli.domain.history import local_date

pytestmark = pytest.mark.both_backends
BASE = {"given_name": "Ann", "family_name": "Lee"}


def client(**values) -> dict:
    return {**BASE, **values}


def errors_of(model, values: dict) -> dict[str, str]:
    with pytest.raises(InvalidInput) as info:
        validate(model, values)
    return info.value.errors


def table_counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {
            name: conn.exec_driver_sql(f"SELECT count(*) FROM {name}").scalar()
            for name in SQLModel.metadata.tables
        }


def audit_rows(db: Database) -> list[tuple]:
    with db.read() as session:
        return [
            tuple(row) for row in session.execute(
                select(m.AuditLog.action, m.AuditLog.entity, m.AuditLog.entity_id,
                       m.AuditLog.client_id).order_by(m.AuditLog.id)
            ).all()
        ]


# --- validation ------------------------------------------------------------------------------


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_blank_names_are_required(blank: str) -> None:
    errors = errors_of(ClientCreate, {"given_name": blank, "family_name": blank})
    assert errors == {"given_name": "is required", "family_name": "is required"}


def test_missing_names_are_required() -> None:
    errors = errors_of(ClientCreate, {})
    assert errors["given_name"] == "is required"
    assert errors["family_name"] == "is required"


def test_names_are_stripped() -> None:
    data = validate(ClientCreate, {"given_name": "  Ann ", "family_name": "\tLee\n"})
    assert (data.given_name, data.family_name) == ("Ann", "Lee")


@pytest.mark.parametrize("text", ["2026-02-30", "02/30/2026", "2025-02-29", "2026-13-01"])
def test_unreal_date_refused(text: str) -> None:
    errors = errors_of(ClientCreate, client(date_of_birth=text))
    assert errors["date_of_birth"] == f"{text} is not a real date"


def test_leap_day_accepted() -> None:
    assert validate(ClientCreate, client(date_of_birth="2024-02-29")).date_of_birth == date(
        2024, 2, 29
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [("03/04/1950", date(1950, 3, 4)), ("3/4/1950", date(1950, 3, 4)),
     ("12/31/1999", date(1999, 12, 31)), ("1950-03-04", date(1950, 3, 4)),
     (" 1950-3-4 ", date(1950, 3, 4))],
)
def test_date_formats_accepted(text: str, expected: date) -> None:
    assert validate(ClientCreate, client(date_of_birth=text)).date_of_birth == expected
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["yesterday", "1950.03.04", "04-03-1950", "1950/03/04"])
def test_date_in_another_format_refused(text: str) -> None:
    assert "is not a date" in errors_of(ClientCreate, client(date_of_birth=text))["date_of_birth"]


def test_blank_optional_date_is_none() -> None:
    assert validate(ClientCreate, client(date_of_birth="  ")).date_of_birth is None


def test_future_birth_date_refused() -> None:
    tomorrow = date.today() + timedelta(days=1)
    assert errors_of(ClientCreate, client(date_of_birth=tomorrow.isoformat())) == {
        "date_of_birth": "is in the future"
    }
    assert validate(ClientCreate, client(date_of_birth=date.today())).date_of_birth == date.today()


def test_birth_before_1900_refused() -> None:
    assert errors_of(ClientCreate, client(date_of_birth="1899-12-31")) == {
        "date_of_birth": "is before 1900"
    }


def test_address_length_limit() -> None:
    assert validate(ClientCreate, client(address="a" * 400)).address == "a" * 400
    errors = errors_of(ClientCreate, client(address="a" * 401))
    assert errors == {"address": "is too long (at most 400 characters)"}


def test_note_length_limit() -> None:
    assert len(validate(ClientCreate, client(notes="n" * 20_000)).notes) == 20_000
    errors = errors_of(ClientCreate, client(notes="n" * 20_001))
    assert errors == {"notes": "is too long (at most 20000 characters)"}


def test_long_note_stored_whole(db: Database) -> None:
    note = ("line one\n" + "ü" * 19_991)[:20_000]
    client_id = create_client(db=db, values=client(notes=note))
    assert get_client(db=db, client_id=client_id).notes == note


@pytest.mark.parametrize(
    "phone",
    ["(555) 123-4567 ext 12", "+1 555 123 4567", "555.123.4567", "555-123-4567 x12",
     "555 123 4567 #3"],
)
def test_phone_kept_exactly_as_typed(phone: str) -> None:
    assert validate(ClientCreate, client(phone=f"  {phone} ")).phone == phone


@pytest.mark.parametrize("phone", ["555-CALL-NOW", "call me", "12345", "1" * 16, "555-123-4567!"])
def test_not_a_phone_refused(phone: str) -> None:
    assert errors_of(ClientCreate, client(phone=phone))["phone"].startswith("is not a phone number")


def test_email_checked() -> None:
    assert validate(ClientCreate, client(email="ann@example.org")).email == "ann@example.org"
    assert errors_of(ClientCreate, client(email="ann at example"))["email"] == (
        "is not an email address"
    )


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("e11.9", "E11.9"), (" i10 ", "I10"), ("j44.1", "J44.1"), ("Z79.4", "Z79.4"),
     ("e11.65", "E11.65"), ("u09.9", "U09.9")],
)
def test_icd10_upper_cased(typed: str, stored: str) -> None:
    assert validate(ConditionInput, {"name": "x", "icd10_code": typed}).icd10_code == stored


@pytest.mark.parametrize("code", ["123", "E1", "diabetes", "E11.", "E11.12345", "11E.9"])
def test_bad_icd10_refused(code: str) -> None:
    assert errors_of(ConditionInput, {"name": "x", "icd10_code": code}) == {
        "icd10_code": "is not an ICD-10 code (e.g. E11.9)"
    }


def test_cadence_limits() -> None:
    assert validate(ClientCreate, client(cadence_days="")).cadence_days is None
    assert validate(ClientCreate, client(cadence_days="10")).cadence_days == 10
    assert "must be at least 1" in errors_of(ClientCreate, client(cadence_days=0))[
        "cadence_days"
    ]
    assert errors_of(ClientCreate, client(cadence_days="weekly"))["cadence_days"] == (
        "must be a whole number"
    )


def test_unknown_choice_refused() -> None:
    assert errors_of(ClientCreate, client(risk_tier="extreme"))["risk_tier"].startswith(
        "must be one of"
    )


def test_unknown_field_refused() -> None:
    assert "nickname" in errors_of(ClientCreate, client(nickname="Annie"))


@pytest.mark.parametrize("values", [{"to_status": "on_hold"},
                                    {"to_status": "on_hold", "reason": "  "},
                                    {"to_status": "discharged", "reason": ""}])
def test_status_change_needs_a_reason(values: dict) -> None:
    assert errors_of(StatusChangeInput, values) == {"reason": "is required: say why"}


def test_reactivation_needs_no_reason() -> None:
    assert validate(StatusChangeInput, {"to_status": "active"}).reason is None


# --- names exactly as typed ------------------------------------------------------------------

NAMES = [
    "Zoë Ñúñez-Łukasz 李",
    "[/]",
    "[bold]",
    "[@click=app.quit]Ann[/]",
    "O'Brien \\ back",
    "Ünsal 😀",
]


@pytest.mark.parametrize("name", NAMES)
def test_names_stored_and_read_back_exactly(db: Database, name: str, today: date) -> None:
    client_id = create_client(db=db, values={"given_name": name, "family_name": name,
                                             "preferred_name": name, "notes": name})
    stored = get_client(db=db, client_id=client_id)
    assert (stored.given_name, stored.family_name, stored.preferred_name, stored.notes) == (
        name, name, name, name
    )
    [row] = load_caseload(db=db, today=today)
    assert (row.family_name, row.given_name) == (name, name)
    assert load_record(db=db, client_id=client_id).client.family_name == name


# --- clients -----------------------------------------------------------------------------------


def test_create_update_get_client(db: Database) -> None:
    client_id = create_client(db=db, values=client(
        date_of_birth="07/19/1950", phone="(555) 123-4567 ext 12", risk_tier="high",
        enrolled_on="2026-01-05",
    ))
    stored = get_client(db=db, client_id=client_id)
    assert stored.date_of_birth == date(1950, 7, 19)
    assert stored.phone == "(555) 123-4567 ext 12"
    assert stored.risk_tier == "high"
    assert stored.status == "active"
    assert stored.enrolled_on == date(2026, 1, 5)
    assert count_clients(db=db) == 1

    values = client_values(stored)
    values.update(family_name="Lee-Park", risk_tier="low", notes="Moved in with daughter.")
    update_client(db=db, client_id=client_id, version=stored.version, values=values)
    updated = get_client(db=db, client_id=client_id)
    assert updated.family_name == "Lee-Park"
    assert updated.risk_tier == "low"
    assert updated.notes == "Moved in with daughter."
    assert updated.date_of_birth == date(1950, 7, 19)  # untouched fields kept
    assert updated.updated_at >= stored.updated_at
    assert audit_rows(db) == [
        ("create", "client", client_id, client_id), ("update", "client", client_id, client_id)
    ]


def test_client_values_round_trip(db: Database) -> None:
    client_id = create_client(db=db, values=client(date_of_birth="1950-07-19", cadence_days=5))
    before = get_client(db=db, client_id=client_id)
    update_client(db=db, client_id=client_id, version=1, values=client_values(before))
    after = get_client(db=db, client_id=client_id)
    assert client_values(after) == client_values(before)


def test_missing_client(db: Database) -> None:
    with pytest.raises(NotFound):
        get_client(db=db, client_id=42)
    with pytest.raises(NotFound):
        update_client(db=db, client_id=42, version=1, values=client())
    with pytest.raises(NotFound):
        change_status(db=db, client_id=42, values={"to_status": "on_hold", "reason": "x"})


def test_change_status_keeps_history(db: Database) -> None:
    client_id = create_client(db=db, values=client(enrolled_on="2026-01-05"))
    with pytest.raises(InvalidInput) as info:
        change_status(db=db, client_id=client_id, values={"to_status": "on_hold"})
    assert info.value.errors == {"reason": "is required: say why"}
    assert get_client(db=db, client_id=client_id).status == "active"

    change_status(db=db, client_id=client_id, values={
        "to_status": "on_hold", "reason": "In rehab", "effective_on": "11/20/2026"})
    held = get_client(db=db, client_id=client_id)
    assert (held.status, held.status_reason, held.status_changed_on) == (
        "on_hold", "In rehab", date(2026, 11, 20)
    )
    change_status(db=db, client_id=client_id, values={"to_status": "active"})
    with db.read() as session:
        changes = [
            (c.from_status, c.to_status, c.reason)
            for c in session.scalars(select(m.StatusChange).order_by(m.StatusChange.id))
        ]
    assert changes == [("active", "on_hold", "In rehab"), ("on_hold", "active", None)]
    assert get_client(db=db, client_id=client_id).status == "active"
    assert [row[0] for row in audit_rows(db)] == ["create", "status", "status"]


def test_change_to_same_status_refused(db: Database) -> None:
    client_id = create_client(db=db, values=client())
    before = table_counts(db)
    with pytest.raises(InvalidInput) as info:
        change_status(db=db, client_id=client_id, values={"to_status": "active"})
    assert "already active" in info.value.errors["to_status"]
    assert table_counts(db) == before


def test_failing_validation_leaves_database_unchanged(db: Database) -> None:
    client_id = create_client(db=db, values=client(phone="555-123-4567"))
    add_entry(db=db, kind="condition", client_id=client_id, values={"name": "COPD"})
    condition_id = list_entries(db=db, kind="condition", client_id=client_id)[0].id
    before = table_counts(db)
    stored = client_values(get_client(db=db, client_id=client_id))

    attempts = [
        lambda: create_client(db=db, values=client(family_name=" ")),
        lambda: update_client(db=db, client_id=client_id, version=1,
                              values={**stored, "phone": "call me", "family_name": "Changed"}),
        lambda: change_status(db=db, client_id=client_id, values={"to_status": "nowhere"}),
        lambda: add_entry(db=db, kind="medication", client_id=client_id, values={"name": ""}),
        lambda: update_entry(db=db, kind="condition", entry_id=condition_id, version=1,
                             values={"name": "COPD", "icd10_code": "bad"}),
    ]
    for attempt in attempts:
        with pytest.raises(InvalidInput):
            attempt()
    assert table_counts(db) == before
    assert client_values(get_client(db=db, client_id=client_id)) == stored
    assert list_entries(db=db, kind="condition", client_id=client_id)[0].icd10_code is None


# --- entries -----------------------------------------------------------------------------------

ENTRY_VALUES = {
    "consent": ({"given_on": "2026-11-01", "method": "verbal", "witnessed_by": "Dana Reyes RN"},
                {"given_on": "11/02/2026", "method": "written"}, "method", "written"),
    "condition": ({"name": "Type 2 diabetes", "icd10_code": "e11.9"},
                  {"name": "Type 2 diabetes", "icd10_code": "e11.65"}, "icd10_code", "E11.65"),
    "medication": ({"name": "Metformin", "dose": "500 mg"},
                   {"name": "Metformin", "dose": "1000 mg"}, "dose", "1000 mg"),
    "care_team": ({"name": "Dr Ada Obi", "role": "PCP", "phone": "555-111-2222"},
                  {"name": "Dr Ada Obi", "role": "Cardiologist"}, "role", "Cardiologist"),
    "personal_contact": ({"name": "Sam Lee", "relation": "son"},
                         {"name": "Sam Lee", "relation": "son", "is_caregiver": True},
                         "is_caregiver", True),
}


def test_every_entry_kind_is_covered() -> None:
    assert set(ENTRY_VALUES) == set(ENTRY_KINDS)


@pytest.mark.parametrize("kind", list(ENTRY_VALUES))
def test_add_update_remove_entry(db: Database, kind: str) -> None:
    created, edited, field, expected = ENTRY_VALUES[kind]
    client_id = create_client(db=db, values=client())
    other_id = create_client(db=db, values=client(given_name="Bo"))

    entry_id = add_entry(db=db, kind=kind, client_id=client_id, values=created)
    [row] = list_entries(db=db, kind=kind, client_id=client_id)
    assert row.id == entry_id and row.client_id == client_id
    assert list_entries(db=db, kind=kind, client_id=other_id) == []

    update_entry(db=db, kind=kind, entry_id=entry_id, version=row.version, values=edited)
    [row] = list_entries(db=db, kind=kind, client_id=client_id)
    assert getattr(row, field) == expected

    remove_entry(db=db, kind=kind, entry_id=entry_id, version=row.version)
    assert list_entries(db=db, kind=kind, client_id=client_id) == []
    assert audit_rows(db)[2:] == [
        ("create", kind, entry_id, client_id),
        ("update", kind, entry_id, client_id),
        ("delete", kind, entry_id, client_id),
    ]
    with pytest.raises(NotFound):
        remove_entry(db=db, kind=kind, entry_id=entry_id, version=row.version)
    with pytest.raises(NotFound):
        update_entry(db=db, kind=kind, entry_id=entry_id, version=row.version, values=edited)


def test_entry_for_missing_client_is_not_saved(db: Database) -> None:
    before = table_counts(db)
    with pytest.raises(NotFound):
        add_entry(db=db, kind="condition", client_id=999, values={"name": "COPD"})
    assert table_counts(db) == before


def test_entries_are_ordered(db: Database) -> None:
    client_id = create_client(db=db, values=client())
    add_entry(db=db, kind="medication", client_id=client_id,
              values={"name": "Aspirin", "stopped_on": "2026-10-01"})
    add_entry(db=db, kind="medication", client_id=client_id, values={"name": "Zestril"})
    add_entry(db=db, kind="medication", client_id=client_id, values={"name": "Lasix"})
    names = [row.name for row in list_entries(db=db, kind="medication", client_id=client_id)]
    assert names == ["Lasix", "Zestril", "Aspirin"]  # current first, then stopped


# --- search (the caseload filter) -------------------------------------------------------------


def _matching(db: Database, text: str) -> list[int]:
    today = date(2026, 11, 24)
    rows = load_caseload(db=db, today=today)
    shown = view(rows, filt=CaseloadFilter(text=text, status=None), sort_by="name",
                 descending=False, today=today)
    return [row.id for row in shown]


def test_search_wildcards_match_only_themselves(db: Database) -> None:
    home = create_client(db=db, values=client(family_name="100% Care_Home"))
    create_client(db=db, values=client(family_name="Carehome"))
    create_client(db=db, values=client(family_name="Care Home"))
    for query in ("%", "_", "100%", "e_h", "0% c", "%care"):
        expected = [] if query == "%care" else [home]
        assert _matching(db, query) == expected, query
    assert len(_matching(db, "care")) == 3
    assert _matching(db, "\\") == []


def test_search_every_word_case_and_accent_insensitive(db: Database) -> None:
    ann = create_client(db=db, values={"given_name": "Ann", "family_name": "Okafor"})
    create_client(db=db, values={"given_name": "Ann", "family_name": "Brooks"})
    create_client(db=db, values={"given_name": "Li", "family_name": "Wei",
                                 "preferred_name": "Annie"})
    elise = create_client(db=db, values={"given_name": "Élise", "family_name": "Łukasz"})
    assert _matching(db, "ANN okaf") == [ann]
    assert len(_matching(db, "ann")) == 3
    assert _matching(db, "elise") == [elise]
    assert _matching(db, "ÉLISE łuk") == [elise]


# --- caseload ----------------------------------------------------------------------------------


def _at(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=hour)


def _contact(client_id: int, day: date, *, ok: bool, minutes: int) -> m.ContactLog:
    return m.ContactLog(client_id=client_id, occurred_at=_at(day), mode="phone",
                        outcome="reached" if ok else "no_answer", successful=ok, minutes=minutes)


@pytest.fixture
def caseload(db: Database, today: date) -> dict[str, int]:
    """Five hand-built clients; `today` is 2026-11-24."""
    ids = {
        "alpha": create_client(db=db, values={
            "given_name": "Alice", "family_name": "Alpha", "risk_tier": "high",
            "date_of_birth": "1950-11-24", "enrolled_on": "2026-01-01", "phone": "555-201-3344"}),
        "bravo": create_client(db=db, values={
            "given_name": "Bob", "family_name": "Bravo", "risk_tier": "moderate",
            "date_of_birth": "1960-11-25", "enrolled_on": "2026-01-01"}),
        "charlie": create_client(db=db, values={
            "given_name": "Cara", "family_name": "Charlie", "risk_tier": "low",
            "enrolled_on": "2026-09-01"}),
        "delta": create_client(db=db, values={
            "given_name": "Dan", "family_name": "Delta", "risk_tier": "low", "cadence_days": 3,
            "date_of_birth": "1940-01-01", "enrolled_on": "2026-01-01"}),
        "echo": create_client(db=db, values={
            "given_name": "Eve", "family_name": "Echo", "risk_tier": "high",
            "date_of_birth": "1945-06-30", "enrolled_on": "2026-01-01"}),
    }
    for name in ("alpha", "charlie", "delta", "echo"):
        add_entry(db=db, kind="consent", client_id=ids[name],
                  values={"given_on": "2026-01-01", "method": "verbal"})
    add_entry(db=db, kind="consent", client_id=ids["bravo"],  # not the care-management kind
              values={"kind": "telehealth", "given_on": "2026-01-01", "method": "verbal"})
    add_entry(db=db, kind="condition", client_id=ids["alpha"], values={"name": "Heart failure"})
    add_entry(db=db, kind="condition", client_id=ids["alpha"],
              values={"name": "Old fracture", "status": "resolved", "chronic": False})
    with db.write() as session:
        session.add_all([
            _contact(ids["alpha"], date(2026, 10, 30), ok=True, minutes=30),  # last month
            _contact(ids["alpha"], date(2026, 11, 3), ok=True, minutes=15),
            _contact(ids["alpha"], date(2026, 11, 20), ok=True, minutes=10),
            _contact(ids["bravo"], date(2026, 11, 1), ok=True, minutes=20),
            _contact(ids["bravo"], date(2026, 11, 19), ok=False, minutes=2),
            _contact(ids["bravo"], date(2026, 11, 20), ok=False, minutes=2),
            _contact(ids["bravo"], date(2026, 11, 21), ok=False, minutes=2),
            _contact(ids["delta"], date(2026, 11, 19), ok=True, minutes=5),
            _contact(ids["echo"], date(2026, 11, 10), ok=True, minutes=1),
            _contact(ids["delta"], date(2026, 11, 20), ok=False, minutes=1),
            _contact(ids["delta"], date(2026, 11, 21), ok=False, minutes=1),
            m.CheckIn(client_id=ids["charlie"], due_on=date(2026, 11, 26)),
            m.CheckIn(client_id=ids["charlie"], due_on=date(2026, 11, 28)),
            m.CheckIn(client_id=ids["charlie"], due_on=date(2026, 11, 1), status="done"),
            m.HospitalStay(client_id=ids["charlie"], facility="General",
                           admitted_on=date(2026, 11, 5), discharged_on=date(2026, 11, 10)),
            m.HospitalStay(client_id=ids["delta"], facility="General",
                           admitted_on=date(2026, 9, 1), discharged_on=date(2026, 9, 5)),
        ])
    change_status(db=db, client_id=ids["echo"], values={"to_status": "on_hold", "reason": "Away"})
    return ids


def _rows(db: Database, today: date) -> dict[str, CaseloadRow]:
    return {row.family_name.lower(): row for row in load_caseload(db=db, today=today)}


def test_caseload_rows(db: Database, today: date, caseload: dict[str, int]) -> None:
    rows = _rows(db, today)
    assert set(rows) == set(caseload)
    alpha, bravo, charlie, delta, echo = (rows[k] for k in
                                          ("alpha", "bravo", "charlie", "delta", "echo"))

    assert alpha.minutes_this_month == 25  # October's 30 minutes do not count
    assert alpha.last_contact == date(2026, 11, 20)
    assert alpha.next_due == date(2026, 11, 27)  # high: 7 days after the last success
    assert alpha.conditions == ("Heart failure",)  # resolved conditions are not shown
    assert alpha.age == 76  # birthday today
    assert alpha.flags == ()
    assert not alpha.overdue(today)
    assert not alpha.ccm_eligible and alpha.ccm_codes == ()  # one chronic condition only

    assert bravo.minutes_this_month == 26
    assert bravo.last_contact == date(2026, 11, 1)  # failed attempts do not reset the clock
    assert bravo.next_due == date(2026, 11, 23)  # a retry the business day after the 3rd try
    assert bravo.overdue(today)
    assert bravo.age == 65  # birthday tomorrow
    assert set(bravo.flags) == {"unreachable", "no_consent"}
    assert bravo.flags == ("unreachable", "no_consent")  # most urgent first

    assert charlie.next_due == date(2026, 11, 26)  # earliest open check-in beats cadence
    assert charlie.last_contact is None
    assert charlie.minutes_this_month == 0
    assert charlie.flags == ("recent_discharge",)
    assert charlie.age is None

    assert delta.next_due == date(2026, 11, 23)  # a retry after Saturday's unanswered call
    assert delta.age == 86
    assert delta.overdue(today)
    assert "unreachable" not in delta.flags  # only two failures since the success
    assert "recent_discharge" not in delta.flags

    assert echo.status == "on_hold"
    assert echo.next_due is None
    assert echo.last_contact == date(2026, 11, 10)
    assert not echo.overdue(today)


def test_caseload_flags_change_with_new_data(db: Database, today: date,
                                             caseload: dict[str, int]) -> None:
    with db.write() as session:
        session.add(_contact(caseload["delta"], date(2026, 11, 24), ok=False, minutes=1))
        session.add(_contact(caseload["bravo"], date(2026, 11, 24), ok=True, minutes=4))
    add_entry(db=db, kind="consent", client_id=caseload["bravo"],
              values={"given_on": "2026-11-24", "method": "written"})
    rows = _rows(db, today)
    assert "unreachable" in rows["delta"].flags
    assert rows["bravo"].flags == ()
    assert rows["bravo"].last_contact == today
    assert rows["bravo"].next_due == today + timedelta(days=14)


def test_revoked_consent_counts_as_none(db: Database, today: date) -> None:
    client_id = create_client(db=db, values=client())
    add_entry(db=db, kind="consent", client_id=client_id,
              values={"given_on": "2026-01-01", "method": "verbal", "revoked_on": "2026-06-01"})
    [row] = load_caseload(db=db, today=today)
    assert "no_consent" in row.flags


def test_minutes_reset_next_month(db: Database, caseload: dict[str, int]) -> None:
    rows = _rows(db, date(2026, 12, 2))
    assert rows["alpha"].minutes_this_month == 0


# --- caseload view -----------------------------------------------------------------------------


def test_view_filters(db: Database, today: date, caseload: dict[str, int]) -> None:
    rows = load_caseload(db=db, today=today)

    def names(**kwargs) -> list[str]:
        shown = view(rows, filt=CaseloadFilter(**kwargs), sort_by="name", descending=False,
                     today=today)
        return [row.family_name for row in shown]

    assert names() == ["Alpha", "Bravo", "Charlie", "Delta"]  # active by default
    assert names(status=None) == ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]
    assert names(status="on_hold") == ["Echo"]
    assert names(risk_tier="low") == ["Charlie", "Delta"]
    assert names(overdue_only=True) == ["Bravo", "Delta"]
    assert names(text="ALP") == ["Alpha"]
    assert names(text="heart") == ["Alpha"]  # conditions are searched
    assert names(text="201-3344") == ["Alpha"]  # and the phone
    assert names(text="bob bravo") == ["Bravo"]
    assert names(text="bob alpha") == []
    assert names(text="eve") == []  # on hold: hidden by the status filter
    assert names(text="eve", status=None) == ["Echo"]
    assert names(risk_tier="high", status=None, overdue_only=True) == []


@pytest.mark.parametrize("column", SORT_COLUMNS)
@pytest.mark.parametrize("descending", [False, True])
def test_view_sorts_by_every_column(db: Database, today: date, caseload: dict[str, int],
                                    column: str, descending: bool) -> None:
    rows = load_caseload(db=db, today=today)
    shown = view(rows, filt=CaseloadFilter(status=None), sort_by=column, descending=descending,
                 today=today)
    assert sorted(row.id for row in shown) == sorted(caseload.values())


@pytest.mark.parametrize(
    ("column", "first_ascending", "first_descending"),
    [("name", "Alpha", "Echo"), ("next_due", "Bravo", "Echo"), ("minutes", "Charlie", "Bravo"),
     ("risk", "Alpha", "Charlie"), ("last_contact", "Alpha", "Charlie"),
     ("age", "Bravo", "Charlie"), ("status", "Alpha", "Echo")],
)
def test_view_first_row(db: Database, today: date, caseload: dict[str, int], column: str,
                        first_ascending: str, first_descending: str) -> None:
    rows = load_caseload(db=db, today=today)
    for descending, expected in ((False, first_ascending), (True, first_descending)):
        shown = view(rows, filt=CaseloadFilter(status=None), sort_by=column,
                     descending=descending, today=today)
        assert shown[0].family_name == expected, (column, descending)


def test_view_does_not_mutate_its_input(db: Database, today: date,
                                        caseload: dict[str, int]) -> None:
    rows = load_caseload(db=db, today=today)
    original = list(rows)
    view(rows, filt=CaseloadFilter(), sort_by="minutes", descending=True, today=today)
    assert rows == original


# --- the client record -------------------------------------------------------------------------


def test_load_record(db: Database, today: date) -> None:
    client_id = create_client(db=db, values=client(enrolled_on="2026-01-01"))
    other_id = create_client(db=db, values=client(given_name="Other"))
    for kind, (created, _edited, _field, _expected) in ENTRY_VALUES.items():
        add_entry(db=db, kind=kind, client_id=client_id, values=created)
    add_entry(db=db, kind="condition", client_id=client_id, values={"name": "Asthma"})
    add_entry(db=db, kind="condition", client_id=other_id, values={"name": "Not mine"})
    with db.write() as session:
        session.add(_contact(client_id, date(2026, 11, 14), ok=True, minutes=12))
        session.add(_contact(other_id, date(2026, 11, 15), ok=True, minutes=12))
        session.add(m.HospitalStay(client_id=client_id, facility="General",
                                   admitted_on=date(2026, 10, 1), discharged_on=date(2026, 10, 6)))
        session.add(m.Referral(client_id=client_id, to_whom="Meals on Wheels",
                               made_on=date(2026, 11, 18)))
        session.add(m.Assessment(client_id=client_id, kind="intake", status="draft"))
    change_status(db=db, client_id=client_id, values={"to_status": "on_hold", "reason": "Away"})

    record = load_record(db=db, client_id=client_id)
    assert record.client.id == client_id
    assert set(record.entries) == set(ENTRY_KINDS)
    assert {kind: len(rows) for kind, rows in record.entries.items()} == {
        "consent": 1, "condition": 2, "medication": 1, "care_team": 1, "personal_contact": 1,
    }
    assert all(row.client_id == client_id for rows in record.entries.values() for row in rows)
    assert [s.facility for s in record.stays] == ["General"]

    days = [event.on for event in record.history]
    assert days == sorted(days, reverse=True)  # newest first
    titles = [event.title for event in record.history]
    assert any(t.startswith("Status active → on hold") for t in titles)
    assert "Referral to Meals on Wheels (draft)" in titles
    assert "Discharged from General" in titles
    assert any(t.startswith("Admitted (inpatient) to General") for t in titles)
    assert not any("Assessment completed" in t for t in titles)  # drafts are not history
    contact_events = [e for e in record.history if e.kind == "contact"]
    assert len(contact_events) == 1 and contact_events[0].minutes == 12
    assert record.history[0].on == local_date(datetime.now(UTC))  # today's status change
    kinds = [e.kind for e in record.history]
    assert kinds.index("status") < kinds.index("referral") < kinds.index("contact")


def test_load_record_missing_client(db: Database) -> None:
    with pytest.raises(NotFound):
        load_record(db=db, client_id=404)


def test_audit_rows_count_with_data(db: Database) -> None:
    client_id = create_client(db=db, values=client())
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(m.AuditLog)) == 1
    assert audit_rows(db) == [("create", "client", client_id, client_id)]

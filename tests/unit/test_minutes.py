"""Minutes per client per local calendar month, CCM eligibility and the codes they bill."""

from datetime import date, datetime

import pytest
from sqlalchemy import select

from carecli.data.clients import change_status, create_client
from carecli.data.contacts import log_contact
from carecli.data.entries import add_entry, update_entry
from carecli.data.errors import InvalidInput, NotFound
from carecli.data.minutes import client_month, mark_complex, month_minutes
from carecli.data.models import AuditLog, ClientMonth, Condition, Consent

pytestmark = pytest.mark.both_backends

TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 16, 0).astimezone()


def _client(db, given: str = "Ida", family: str = "Rowe", *, conditions: int = 2,
            consent: bool = True) -> int:
    client_id = create_client(db=db, values={"given_name": given, "family_name": family,
                                             "enrolled_on": date(2026, 1, 5)})
    for i in range(conditions):
        add_entry(db=db, kind="condition", client_id=client_id, values={"name": f"C{i}"})
    if consent:
        add_entry(db=db, kind="consent", client_id=client_id,
                  values={"kind": "care_management", "given_on": "2026-01-05",
                          "method": "verbal"})
    return client_id


def _log(db, client_id: int, at: str, minutes: int, outcome: str = "reached") -> None:
    log_contact(db=db, client_id=client_id, now=NOW,
                values={"occurred_at": at, "minutes": minutes, "outcome": outcome})


def test_a_month_sums_every_contact_in_its_local_days(db) -> None:
    client = _client(db)
    _log(db, client, "2026-10-31 23:59", 30)
    _log(db, client, "2026-11-01 00:00", 15)
    _log(db, client, "2026-11-20 10:00", 20, outcome="voicemail")  # attempts count too
    _log(db, client, "2026-11-24 15:30", 10)
    november = client_month(db=db, client_id=client, today=TODAY)
    assert (november.month, november.minutes, november.eligible, november.complex) == (
        "2026-11", 45, True, False)
    assert november.codes == ("99490", "99439")
    october = client_month(db=db, client_id=client, today=TODAY, month="2026-10")
    assert (october.minutes, october.codes) == (30, ("99490",))
    assert client_month(db=db, client_id=client, today=TODAY, month="2026-09").codes == ()


def test_eligibility_needs_two_chronic_conditions_and_consent(db) -> None:
    one = _client(db, "One", "Condition", conditions=1)
    unconsented = _client(db, "No", "Consent", consent=False)
    revoked = _client(db, "Re", "Voked")
    with db.read() as session:
        consent = session.scalar(select(Consent).where(Consent.client_id == revoked))
    values = {"kind": "care_management", "given_on": "2026-01-05", "method": "verbal",
              "revoked_on": "2026-11-02"}
    update_entry(db=db, kind="consent", entry_id=consent.id, version=consent.version,
                 values=values)
    resolved = _client(db, "Res", "Olved")
    with db.read() as session:
        condition = session.scalars(select(Condition).where(
            Condition.client_id == resolved)).first()
    update_entry(db=db, kind="condition", entry_id=condition.id, version=condition.version,
                 values={"name": condition.name, "status": "resolved"})
    for client in (one, unconsented, revoked, resolved):
        _log(db, client, "2026-11-20 10:00", 45)
        found = client_month(db=db, client_id=client, today=TODAY)
        assert (found.minutes, found.eligible, found.codes) == (45, False, ())
    # revoked after October ended: October was consented
    assert client_month(db=db, client_id=revoked, today=TODAY, month="2026-10").eligible


def test_the_billing_list_has_every_client_with_minutes_or_eligible(db) -> None:
    eligible_idle = _client(db, "Ann", "Able")
    ineligible_busy = _client(db, "Ben", "Busy", conditions=0)
    ineligible_idle = _client(db, "Cy", "Idle", conditions=0)
    eligible_on_hold = _client(db, "Di", "Hold")
    change_status(db=db, client_id=eligible_on_hold, values={
        "to_status": "on_hold", "effective_on": "2026-11-02", "reason": "Travelling"})
    _log(db, ineligible_busy, "2026-11-03 10:00", 25)
    listed = month_minutes(db=db, today=TODAY)
    assert [(m.client_id, m.client, m.minutes, m.eligible, m.codes) for m in listed] == [
        (eligible_idle, "Able, Ann", 0, True, ()),
        (ineligible_busy, "Busy, Ben", 25, False, ()),
    ]
    assert ineligible_idle not in [m.client_id for m in listed]


def test_a_complex_month_bills_complex_codes(db) -> None:
    client = _client(db)
    _log(db, client, "2026-11-03 10:00", 90)
    mark_complex(db=db, client_id=client, month="2026-11", complex=True, today=TODAY)
    found = client_month(db=db, client_id=client, today=TODAY)
    assert (found.complex, found.codes) == (True, ("99487", "99489"))
    mark_complex(db=db, client_id=client, month="2026-11", complex=False, today=TODAY)
    mark_complex(db=db, client_id=client, month="2026-11", complex=True, today=TODAY)
    with db.read() as session:
        assert len(session.scalars(select(ClientMonth)).all()) == 1
        audit = session.scalars(select(AuditLog.summary).where(
            AuditLog.entity == "client_month")).all()
    assert audit == ["2026-11 complex", "2026-11 not complex", "2026-11 complex"]
    october = client_month(db=db, client_id=client, today=TODAY, month="2026-10")
    assert october.complex is False


@pytest.mark.parametrize("month", ["2026-13", "2026-1", "Nov", "2026-12", "1899-12"])
def test_a_bad_month_is_refused(db, month: str) -> None:
    client = _client(db)
    for call in (lambda: month_minutes(db=db, today=TODAY, month=month),
                 lambda: mark_complex(db=db, client_id=client, month=month, complex=True,
                                      today=TODAY)):
        with pytest.raises(InvalidInput) as refused:
            call()
        assert list(refused.value.errors) == ["month"]


def test_an_unknown_client_has_no_month(db) -> None:
    with pytest.raises(NotFound):
        client_month(db=db, client_id=404, today=TODAY)


def test_december_ends_where_january_begins(db) -> None:
    client = _client(db)
    _log(db, client, "2026-01-05 00:00", 20)
    december = client_month(db=db, client_id=client, today=TODAY, month="2025-12")
    january = client_month(db=db, client_id=client, today=TODAY, month="2026-01")
    assert (december.minutes, january.minutes) == (0, 20)

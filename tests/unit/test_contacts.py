"""Logging a contact: what it stores, what it changes (the next follow-up, check-ins set by
hand, safety findings, the call timer), what it refuses, and corrections that keep the past."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from carecli.data import contacts as contacts_module
from carecli.data.caseload import load_caseload
from carecli.data.clients import change_status, create_client
from carecli.data.contact_inputs import ContactInput, clock
from carecli.data.contacts import contacts, correct_contact, find_clients, log_contact
from carecli.data.errors import ChangedElsewhere, InvalidInput, NotFound
from carecli.data.follow_ups import schedule_follow_up
from carecli.data.inputs import validate
from carecli.data.models import (
    AuditLog,
    CallTimer,
    CheckIn,
    ContactCorrection,
    ContactLog,
    SafetyFinding,
)

pytestmark = pytest.mark.both_backends

TODAY = date(2026, 11, 24)  # a Tuesday; Thursday 26 is Thanksgiving
NOW = datetime(2026, 11, 24, 16, 0).astimezone()
"""Validation's clock: 4 pm local time on TODAY."""


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone()


def _client(db, **values) -> int:
    return create_client(db=db, values={"given_name": "Ida", "family_name": "Rowe",
                                        "enrolled_on": date(2026, 1, 5), **values})


def _log(db, client_id: int, now: datetime = NOW, **values):
    return log_contact(db=db, client_id=client_id, values=values, now=now)


def _count(db, table) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(table))


def _audit(db) -> list[tuple[str, str, str]]:
    with db.read() as session:
        return [tuple(r) for r in session.execute(
            select(AuditLog.action, AuditLog.entity, AuditLog.summary)
            .where(AuditLog.entity != "client").order_by(AuditLog.id)).all()]


def test_a_reached_contact_is_stored_and_resets_the_cadence(db) -> None:
    client = _client(db)
    logged = _log(db, client, occurred_at="2026-11-24 10:30", outcome="reached",
                  minutes="25", note="  BP log reviewed.  ", topics=["BP", " BP ", "", "diet"],
                  education=["Low-salt diet"], with_whom="Ida", with_whom_kind="client")
    assert logged.next_due == date(2026, 12, 8)  # moderate risk: every 14 days
    assert (logged.retry, logged.failed_in_a_row, logged.unable_to_reach) == (False, 0, False)
    (entry,) = contacts(db=db, client_id=client)
    assert entry.id == logged.contact_id
    assert entry.occurred_at == local("2026-11-24T10:30")
    assert (entry.mode, entry.outcome, entry.successful, entry.minutes) == (
        "phone", "reached", True, 25)
    assert entry.note == "BP log reviewed."
    assert entry.topics == ("BP", "diet") and entry.education == ("Low-salt diet",)
    assert (entry.with_whom, entry.with_whom_kind, entry.corrections) == ("Ida", "client", 0)
    assert _audit(db) == [("log", "contact", "reached phone, 25 min")]


def test_attempts_schedule_retries_on_business_days_and_three_mean_unreachable(db) -> None:
    client = _client(db)
    first = _log(db, client, occurred_at="2026-11-24 09:00", outcome="voicemail", minutes=2)
    assert (first.next_due, first.retry, first.failed_in_a_row) == (date(2026, 11, 25), True, 1)
    later = NOW + timedelta(days=2)
    second = _log(db, client, now=later, occurred_at="2026-11-25 09:00", outcome="no_answer")
    # Thursday is Thanksgiving; the day after it is a business day
    assert (second.next_due, second.failed_in_a_row, second.unable_to_reach) == (
        date(2026, 11, 27), 2, False)
    third = _log(db, client, now=later, occurred_at="2026-11-25 15:00", outcome="declined")
    assert (third.failed_in_a_row, third.unable_to_reach) == (3, True)
    assert "unreachable" in next(r for r in load_caseload(db=db, today=TODAY)
                                 if r.id == client).flags
    reached = _log(db, client, now=later, occurred_at="2026-11-26 11:00", outcome="reached")
    assert (reached.next_due, reached.retry, reached.unable_to_reach) == (
        date(2026, 12, 10), False, False)


def _finding(db, client_id: int, found_at: datetime, flag: str = "suicidal_ideation") -> None:
    with db.write() as session:
        session.add(SafetyFinding(client_id=client_id, flag=flag, instrument_id="phq9",
                                  answers={"9": 2}, found_at=found_at))


def _flags(db, client_id: int) -> tuple[str, ...]:
    return next(r for r in load_caseload(db=db, today=TODAY) if r.id == client_id).flags


def test_only_a_reached_contact_with_a_note_after_it_closes_a_safety_finding(db) -> None:
    client = _client(db)
    _finding(db, client, local("2026-11-24T09:00"))
    before = _log(db, client, occurred_at="2026-11-24 08:00", outcome="reached", note="Fine.")
    voicemail = _log(db, client, occurred_at="2026-11-24 10:00", outcome="voicemail",
                     note="Left a message to call back.")
    blank = _log(db, client, occurred_at="2026-11-24 11:00", outcome="reached", note=" \t ")
    assert before.closed_findings == voicemail.closed_findings == blank.closed_findings == ()
    assert "suicidal_ideation" in _flags(db, client)
    noted = _log(db, client, occurred_at="2026-11-24 12:00", outcome="reached",
                 note="Safety plan reviewed; with her daughter tonight.")
    assert noted.closed_findings == ("suicidal_ideation",)
    assert "suicidal_ideation" not in _flags(db, client)
    assert "Safety plan" not in str(_audit(db))
    assert _audit(db)[-1] == ("log", "contact",
                              "reached phone, 0 min; followed up suicidal_ideation")


def test_a_reached_contact_answers_the_check_ins_due_by_its_day(db) -> None:
    client = _client(db)
    due = [schedule_follow_up(db=db, client_id=client, now=NOW - timedelta(days=3),
                              values={"due_on": on, "kind": kind, "reason": "BP"})
           for on, kind in (("2026-11-21", "check_in"), ("2026-11-24", "check_in"),
                            ("2026-11-24", "task"), ("2026-11-30", "check_in"))]
    _log(db, client, occurred_at="2026-11-24 10:00", outcome="voicemail")
    logged = _log(db, client, occurred_at="2026-11-24 11:00", outcome="reached")
    assert logged.next_due == date(2026, 11, 30)  # the one set by hand, before the cadence's
    with db.read() as session:
        rows = {r.id: (r.status, r.contact_id) for r in session.scalars(select(CheckIn))}
    assert rows == {due[0]: ("done", logged.contact_id), due[1]: ("done", logged.contact_id),
                    due[2]: ("open", None), due[3]: ("open", None)}


def test_a_check_in_set_by_hand_after_the_cadence_does_not_move_it(db) -> None:
    client = _client(db, risk_tier="high")
    logged = _log(db, client, occurred_at="2026-11-24 10:00", outcome="reached",
                  follow_up={"kind": "check_in", "due_on": "2026-12-15", "reason": "labs"})
    assert logged.next_due == date(2026, 12, 1)
    with db.read() as session:
        (row,) = session.scalars(select(CheckIn)).all()
    assert (row.due_on, row.reason, row.status, row.contact_id) == (
        date(2026, 12, 15), "labs", "open", None)  # open: no contact has answered it


def test_a_client_not_active_has_no_next_follow_up(db) -> None:
    client = _client(db)
    change_status(db=db, client_id=client, values={"to_status": "on_hold",
                                                   "effective_on": "2026-11-20",
                                                   "reason": "Travelling"})
    logged = _log(db, client, occurred_at="2026-11-24 10:00", outcome="voicemail")
    assert logged.next_due is None and logged.retry is False and logged.failed_in_a_row == 1


def test_a_cadence_no_rule_can_read_does_not_stop_the_contact_being_logged(db) -> None:
    client = _client(db)
    with db.write() as session:
        session.execute(text("UPDATE client SET cadence_days = 0, risk_tier = 'odd'"))
    logged = _log(db, client, outcome="reached", minutes=5)
    assert logged.next_due is None
    assert [e.minutes for e in contacts(db=db, client_id=client)] == [5]


def test_the_timer_it_stops_goes_and_typed_minutes_keep_the_timers_figure(db) -> None:
    client, other = _client(db), _client(db, given_name="Eve")
    with db.write() as session:
        mine, theirs = CallTimer(client_id=client), CallTimer(client_id=other)
        session.add_all([mine, theirs])
        session.flush()
        mine_id, theirs_id = mine.id, theirs.id
    with pytest.raises(InvalidInput) as refused:
        _log(db, client, outcome="reached", minutes=20, timer_id=theirs_id)
    assert "timer_id" in refused.value.errors
    assert _count(db, ContactLog) == 0 and _count(db, CallTimer) == 2
    _log(db, client, outcome="reached", minutes=20, timer_minutes=31, timer_id=mine_id,
         note="Talked through the new inhaler.")
    with db.read() as session:
        assert [t.id for t in session.scalars(select(CallTimer))] == [theirs_id]
        (row,) = session.scalars(select(ContactLog)).all()
    assert (row.minutes, row.timer_minutes) == (20, 31)
    assert _audit(db)[-1][2] == "reached phone, 20 min (typed over the timer's 31 min)"


def test_the_time_defaults_to_now(db) -> None:
    client = _client(db)
    _log(db, client, outcome="reached")
    (entry,) = contacts(db=db, client_id=client)
    assert entry.occurred_at == NOW


@pytest.mark.parametrize(("values", "field"), [
    ({"outcome": "spoke"}, "outcome"),
    ({}, "outcome"),
    ({"outcome": "reached", "mode": "telegram"}, "mode"),
    ({"outcome": "reached", "minutes": -1}, "minutes"),
    ({"outcome": "reached", "minutes": 601}, "minutes"),
    ({"outcome": "reached", "minutes": 2.5}, "minutes"),
    ({"outcome": "reached", "minutes": "ten"}, "minutes"),
    ({"outcome": "reached", "minutes": True}, "minutes"),
    ({"outcome": "reached", "timer_minutes": -3}, "timer_minutes"),
    ({"outcome": "reached", "occurred_at": "2026-11-24 16:02"}, "occurred_at"),
    ({"outcome": "reached", "occurred_at": "2026-02-30 10:00"}, "occurred_at"),
    ({"outcome": "reached", "occurred_at": "2026-11-24 25:00"}, "occurred_at"),
    ({"outcome": "reached", "occurred_at": "yesterday"}, "occurred_at"),
    ({"outcome": "reached", "occurred_at": "1899-12-31 10:00"}, "occurred_at"),
    ({"outcome": "reached", "occurred_at": "2026-01-04 23:59"}, "occurred_at"),
    ({"outcome": "reached", "note": "x" * 20_001}, "note"),
    ({"outcome": "reached", "topics": [f"t{i}" for i in range(21)]}, "topics"),
    ({"outcome": "reached", "education": ["x" * 101]}, "education"),
    ({"outcome": "reached", "with_whom_kind": "neighbour"}, "with_whom_kind"),
    ({"outcome": "reached", "follow_up": {"due_on": "2026-11-23"}}, "follow_up"),
    ({"outcome": "reached", "follow_up": {"due_on": "2027-11-25"}}, "follow_up"),
    ({"outcome": "reached", "follow_up": {"kind": "task", "due_on": "2026-11-30"}},
     "follow_up"),
], ids=["unknown-outcome", "no-outcome", "unknown-mode", "negative-minutes", "601-minutes",
        "fraction", "not-a-number", "yes", "negative-timer", "future", "unreal-date",
        "unreal-hour", "not-a-time", "before-1900", "before-enrolment", "long-note",
        "many-topics", "long-education", "unknown-party", "follow-up-past",
        "follow-up-beyond-a-year", "task-without-reason"])
def test_bad_input_is_refused_naming_the_field_and_writes_nothing(db, values, field) -> None:
    client = _client(db)
    with pytest.raises(InvalidInput) as refused:
        _log(db, client, **values)
    assert list(refused.value.errors) == [field], refused.value.errors
    assert _count(db, ContactLog) == 0 and _count(db, CheckIn) == 0


def test_a_time_in_year_one_east_of_utc_is_refused_with_a_sentence(local_zone) -> None:
    local_zone("Asia/Tokyo")
    with pytest.raises(InvalidInput) as refused:
        validate(ContactInput, {"outcome": "reached", "occurred_at": "0001-01-01 00:00"},
                 clock(NOW))
    assert refused.value.errors == {"occurred_at": "0001-01-01 00:00 is not a real date and "
                                                   "time"}


def test_limits_are_accepted(db) -> None:
    client = _client(db)
    _log(db, client, outcome="reached", minutes=600, occurred_at="2026-01-05 00:00",
         topics=[f"t{i}" for i in range(20)], note="x" * 20_000,
         follow_up={"due_on": "2026-11-24", "kind": "check_in"})
    _log(db, client, outcome="no_answer", occurred_at=NOW + timedelta(seconds=50),
         follow_up={"due_on": "2027-11-24", "kind": "task", "reason": "renew consent"})
    assert _count(db, ContactLog) == 2 and _count(db, CheckIn) == 2


def test_control_characters_are_stripped_from_the_note(db) -> None:
    client = _client(db)
    _log(db, client, outcome="reached", note="calm\x1b[31m\x00 today\r\nslept well",
         topics=["sleep\nhygiene"])
    (entry,) = contacts(db=db, client_id=client)
    assert entry.note == "calm[31m today\r\nslept well"
    assert entry.topics == ("sleep hygiene",)


def test_an_unknown_client_is_refused(db) -> None:
    with pytest.raises(NotFound):
        _log(db, 404, outcome="reached")
    with pytest.raises(NotFound):
        contacts(db=db, client_id=404)


def test_contacts_are_listed_newest_first(db) -> None:
    client = _client(db)
    for at in ("2026-11-20 09:00", "2026-11-24 09:00", "2026-11-22 09:00"):
        _log(db, client, outcome="reached", occurred_at=at)
    assert [e.occurred_at for e in contacts(db=db, client_id=client)] == [
        local("2026-11-24T09:00"), local("2026-11-22T09:00"), local("2026-11-20T09:00")]


def test_a_correction_keeps_the_values_it_replaced_and_why(db) -> None:
    client = _client(db)
    logged = _log(db, client, occurred_at="2026-11-24 09:00", outcome="voicemail", minutes=3,
                  note="Private words.")
    (entry,) = contacts(db=db, client_id=client)
    correct_contact(db=db, contact_id=logged.contact_id, version=entry.version, now=NOW,
                    values={"outcome": "reached", "minutes": 18}, reason="She picked up late")
    (after,) = contacts(db=db, client_id=client)
    assert (after.outcome, after.successful, after.minutes, after.note) == (
        "reached", True, 18, "Private words.")
    assert after.version == entry.version + 1 and after.corrections == 1
    with db.read() as session:
        (kept,) = session.scalars(select(ContactCorrection)).all()
    assert kept.reason == "She picked up late" and kept.client_id == client
    assert kept.before == {"outcome": "voicemail", "minutes": 3}
    assert _audit(db)[-1] == ("correct", "contact", "corrected outcome, minutes 3 -> 18")
    assert "Private" not in str(_audit(db)) and "picked" not in str(_audit(db))


def test_a_correction_of_the_minutes_beside_the_timers_figure_is_audited_by_figures(db) -> None:
    client = _client(db)
    logged = _log(db, client, outcome="reached", minutes=10, note="Private words.")
    correct_contact(db=db, contact_id=logged.contact_id, version=1, now=NOW,
                    values={"minutes": 12, "timer_minutes": 30, "note": "Other words."},
                    reason="Timer left running")
    assert _audit(db)[-1] == ("correct", "contact", "corrected minutes 10 -> 12, "
                              "timer_minutes, note (the timer's figure: 30 min)")
    with db.read() as session:
        (kept,) = session.scalars(select(ContactCorrection)).all()
    assert kept.before == {"minutes": 10, "timer_minutes": None, "note": "Private words."}


def test_a_correction_of_a_stale_version_or_without_a_reason_is_refused(db) -> None:
    client = _client(db)
    logged = _log(db, client, outcome="reached", minutes=10)
    (entry,) = contacts(db=db, client_id=client)
    with pytest.raises(InvalidInput) as no_reason:
        correct_contact(db=db, contact_id=logged.contact_id, version=entry.version, now=NOW,
                        values={"minutes": 12}, reason="  ")
    assert list(no_reason.value.errors) == ["reason"]
    with pytest.raises(InvalidInput) as nothing:
        correct_contact(db=db, contact_id=logged.contact_id, version=entry.version, now=NOW,
                        values={"minutes": 10}, reason="typo")
    assert "changes nothing" in str(nothing.value)
    with pytest.raises(InvalidInput) as bad:
        correct_contact(db=db, contact_id=logged.contact_id, version=entry.version, now=NOW,
                        values={"minutes": 900}, reason="typo")
    assert list(bad.value.errors) == ["minutes"]
    correct_contact(db=db, contact_id=logged.contact_id, version=entry.version, now=NOW,
                    values={"minutes": 12}, reason="typo")
    with pytest.raises(ChangedElsewhere, match="This contact was changed in another window"):
        correct_contact(db=db, contact_id=logged.contact_id, version=entry.version, now=NOW,
                        values={"minutes": 14}, reason="typo")
    with pytest.raises(NotFound):
        correct_contact(db=db, contact_id=999, version=1, now=NOW, values={}, reason="x")
    assert [e.minutes for e in contacts(db=db, client_id=client)] == [12]
    assert _count(db, ContactCorrection) == 1


def test_contacts_cannot_be_deleted() -> None:
    assert not [name for name in vars(contacts_module)
                if "delete" in name.lower() or "remove" in name.lower()]


def test_find_clients_by_id_or_part_of_the_name(db) -> None:
    ida = _client(db)
    nunez = _client(db, given_name="José", family_name="Núñez")
    ann = _client(db, given_name="Ann", family_name="Lee")
    leeds = _client(db, given_name="Ann", family_name="Leeds")
    assert find_clients(db=db, text=str(ida)) == ((ida, "Ida Rowe"),)
    assert find_clients(db=db, text="999") == ()
    assert find_clients(db=db, text="9" * 40) == ()
    assert find_clients(db=db, text="jose nunez") == ((nunez, "José Núñez"),)
    assert find_clients(db=db, text="NÚÑ") == ((nunez, "José Núñez"),)
    assert find_clients(db=db, text="ann") == ((ann, "Ann Lee"), (leeds, "Ann Leeds"))
    assert find_clients(db=db, text="Ann Lee") == ((ann, "Ann Lee"),)  # the exact name wins
    assert find_clients(db=db, text="  ") == ()
    assert find_clients(db=db, text="zed") == ()


def test_a_contact_logged_at_midnight_utc_counts_on_its_local_day(db) -> None:
    client = _client(db)
    at = datetime(2026, 11, 24, 0, 30, tzinfo=UTC)
    logged = _log(db, client, outcome="voicemail", occurred_at=at,
                  now=datetime(2026, 11, 24, 12, 0, tzinfo=UTC))
    (entry,) = contacts(db=db, client_id=client)
    assert entry.occurred_at == at
    local_day = at.astimezone().date()
    assert logged.next_due > local_day

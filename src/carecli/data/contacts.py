"""Contacts with and about clients: log one, list them, correct one with a reason, and find a
client by id or name (for `carecli log CLIENT`).

Logging is one transaction: the contact, the check-ins set by hand it answers (a reached
contact), the follow-up it schedules, the call timer it stops and an audit row. It returns what
changed: the client's next follow-up (`carecli.clinical.follow_up`, or an earlier check-in set
by hand) and the safety findings it followed up. Contacts are billing records: a correction
keeps what it replaced and why; nothing here deletes one.

A contact with a member of the care team (`with_whom_kind` care_team: a fax to the PCP, a call
with the cardiologist's office) is coordination about the client: stored with `successful`
NULL, its minutes count, but it answers no check-in, is no attempt (no retry, no "unable to
reach") and follows up no safety finding. Every reader of `successful` takes only TRUE as
reached and only FALSE as an attempt. Contacts with a care-team member logged before schema
0006 were stored as reached or not (TRUE/FALSE) and are left so: the due dates worked by since
were worked out from them. A correction gives one the meaning of today only when it changes
its outcome, mode or with whom it was (`MEANING`).
"""

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, null, select, text

from carecli.clinical import follow_up
from carecli.clinical.cadence import cadence_days
from carecli.data.audit import record_change
from carecli.data.caseload import FOLLOWED_UP_SQL
from carecli.data.contact_inputs import (
    ContactFields,
    ContactInput,
    CorrectionReason,
    clock,
)
from carecli.data.db import Database
from carecli.data.errors import InvalidInput, NotFound
from carecli.data.follow_ups import add_follow_up, answer_check_ins, stored_client
from carecli.data.inputs import validate
from carecli.data.models import CallTimer, CheckIn, Client, ContactCorrection, ContactLog
from carecli.data.versions import check_version
from carecli.domain.caseload import fold
from carecli.domain.daily import ContactEntry, LoggedContact
from carecli.domain.enums import (
    CheckInKind,
    CheckInStatus,
    ClientStatus,
    ContactOutcome,
    ContactParty,
)

FIELDS = tuple(ContactFields.model_fields)
"""A contact's own fields: what is logged, listed and corrected."""
MEANING = frozenset({"outcome", "mode", "with_whom_kind"})
"""The fields whether it reached the client (`successful`) is worked out from."""

OPEN_FINDINGS_SQL = f"""
SELECT f.id, f.flag FROM safety_finding f
WHERE f.client_id = :client_id AND NOT EXISTS ({FOLLOWED_UP_SQL})"""
"""One client's safety findings not yet followed up (the caseload's rule, `FINDINGS_SQL`)."""


def log_contact(*, db: Database, client_id: int, values: dict[str, Any],
                now: datetime | None = None, answers: str | None = None) -> LoggedContact:
    """Log one contact or attempt (see the module's docstring); `InvalidInput` names the
    field at fault, `NotFound` an unknown client. `answers` is the key of the queue item it
    was logged from: what that item asks is done in the same transaction (`_answer_item`),
    so the contact and it are saved together or not at all."""
    data = validate(ContactInput, values, clock(now))
    with db.write() as session:
        client = stored_client(session, client_id)
        _not_before_enrolment(data.occurred_at, client)
        open_before = _open_findings(session, client_id)
        successful = _successful(data)  # NULL written as such: None would take the default
        row = ContactLog(client_id=client_id, successful=null() if successful is None
                         else successful, **_stored(data))
        session.add(row)
        session.flush()
        if successful:
            answer_check_ins(session, client_id, _day(row.occurred_at), row.id)
        if data.follow_up is not None:
            add_follow_up(session, client_id, data.follow_up)
        if data.timer_id is not None:
            _stop_timer(session, data.timer_id, client_id)
        if answers is not None:
            _answer_item(session, answers, client_id, data.outcome, successful,
                         (now or datetime.now(UTC)).astimezone().date())
        session.flush()
        open_after = {finding_id for finding_id, _flag in _open_findings(session, client_id)}
        closed = tuple(flag for finding_id, flag in open_before if finding_id not in open_after)
        record_change(session, action="log", entity="contact", entity_id=row.id,
                      client_id=client_id, summary=_log_summary(row, closed))
        return _logged(session, client, row, closed)


def _answer_item(session, key: str, client_id: int, outcome: str, successful: bool | None,
                 today: date) -> None:
    """A reached contact with the client (not the care team) logged from an appointment's
    reminder item is the reminder call; a reached one (with anyone) logged from a referral's
    item is its follow-up: the next falls a week on."""
    from carecli.data.appointments import reminded_by_contact
    from carecli.data.referrals import followed_up_in

    kind, _, item_id = key.partition(":")
    if outcome != "reached" or not item_id.isdigit():
        return
    if kind == "appointment_reminder" and successful:
        reminded_by_contact(session, int(item_id), client_id, today)
    elif kind == "referral":
        followed_up_in(session, int(item_id), client_id, today)


def contacts(*, db: Database, client_id: int) -> tuple[ContactEntry, ...]:
    """Every contact of the client, newest first, with how often each was corrected."""
    with db.read() as session:
        stored_client(session, client_id)
        corrections = dict(session.execute(
            select(ContactCorrection.contact_id, func.count())
            .where(ContactCorrection.client_id == client_id)
            .group_by(ContactCorrection.contact_id)).all())
        rows = session.scalars(
            select(ContactLog).where(ContactLog.client_id == client_id)
            .order_by(ContactLog.occurred_at.desc(), ContactLog.id.desc())).all()
        return tuple(_entry(row, corrections.get(row.id, 0)) for row in rows)


def correct_contact(*, db: Database, contact_id: int, version: int, values: dict[str, Any],
                    reason: str, now: datetime | None = None) -> None:
    """Correct a logged contact (`values`: the fields that change), refused when it changed
    elsewhere since `version`; the reason and the values replaced are kept."""
    why = validate(CorrectionReason, {"reason": reason})
    with db.write() as session:
        row = session.get(ContactLog, contact_id)
        if row is None:
            raise NotFound("That contact no longer exists.")
        check_version(row, version, "this contact")
        current = {name: getattr(row, name) for name in FIELDS}
        data = validate(ContactFields, {**current, **values}, clock(now))
        new = _stored(data)
        before = {name: _plain(current[name]) for name in FIELDS
                  if _plain(new[name]) != _plain(current[name])}
        if not before:
            raise InvalidInput({"form": "The correction changes nothing, so nothing was "
                                        "saved."})
        if "occurred_at" in before:  # an enrolment day moved later leaves older contacts be
            _not_before_enrolment(data.occurred_at, stored_client(session, row.client_id))
        for name in before:
            setattr(row, name, new[name])
        was = row.successful
        if MEANING.intersection(before):  # else a row from before 0006 keeps its meaning
            row.successful = _successful(data)
        if row.successful is not was or "occurred_at" in before:
            _answer_again(session, row)
        session.add(ContactCorrection(contact_id=contact_id, client_id=row.client_id,
                                      reason=why.reason, before=before))
        record_change(session, action="correct", entity="contact", entity_id=contact_id,
                      client_id=row.client_id, summary=_correction_summary(before, row))


def find_clients(*, db: Database, text: str) -> tuple[tuple[int, str], ...]:
    """Clients `text` names: the one with that id, else those whose name holds every word
    of it (case and accents aside); when some names are exactly `text`, only those."""
    wanted = fold(text).split()
    if not wanted:
        return ()
    with db.read() as session:
        if len(wanted) == 1 and wanted[0].isdigit():
            client = session.get(Client, int(wanted[0])) if len(wanted[0]) < 10 else None
            return () if client is None else ((client.id, _name(client)),)
        rows = session.execute(select(
            Client.id, Client.given_name, Client.family_name, Client.preferred_name,
        ).order_by(Client.family_name, Client.given_name, Client.id)).all()
    found, exact = [], []
    query = " ".join(wanted)
    for client_id, given, family, preferred in rows:
        name = f"{given} {family}"
        if all(word in fold(f"{given} {preferred or ''} {family}") for word in wanted):
            found.append((client_id, name))
            if query in (fold(name), fold(f"{family} {given}"), fold(f"{family}, {given}")):
                exact.append((client_id, name))
    return tuple(exact or found)


def next_follow_up(session, client: Client) -> tuple[date | None, Any]:
    """The client's next follow-up day (None when not active: no follow-up is due) and the
    `FollowUp` it comes from; an open check-in set by hand wins when it is earlier."""
    last_success = session.scalar(select(func.max(ContactLog.occurred_at)).where(
        ContactLog.client_id == client.id, ContactLog.successful.is_(True)))
    attempts = select(ContactLog.occurred_at).where(
        ContactLog.client_id == client.id, ContactLog.successful.is_(False))
    if last_success is not None:
        attempts = attempts.where(ContactLog.occurred_at > last_success)
    seen = [(at.astimezone(), False) for at in session.scalars(attempts)]
    if last_success is not None:
        seen.append((last_success.astimezone(), True))
    found = follow_up(seen, enrolled_on=client.enrolled_on,
                      cadence_days=cadence_days(client.risk_tier, client.cadence_days))
    if client.status != ClientStatus.ACTIVE:
        return None, found
    scheduled = session.scalar(select(func.min(CheckIn.due_on)).where(
        CheckIn.client_id == client.id, CheckIn.status == CheckInStatus.OPEN,
        CheckIn.kind == CheckInKind.CHECK_IN))
    if scheduled is not None and scheduled < found.due_on:
        return scheduled, found
    return found.due_on, found


def _logged(session, client: Client, row: ContactLog, closed: tuple[str, ...]) -> LoggedContact:
    """What the contact changed. A stored cadence or tier no rule can read (written by another
    program) leaves the next follow-up unknown; the contact is logged all the same."""
    coordination = row.successful is None
    try:
        due, found = next_follow_up(session, client)
    except ValueError:
        return LoggedContact(contact_id=row.id, next_due=None, retry=False,
                             failed_in_a_row=0, unable_to_reach=False, closed_findings=closed,
                             coordination=coordination)
    return LoggedContact(
        contact_id=row.id, next_due=due, retry=due is not None and due == found.due_on
        and found.retry, failed_in_a_row=found.failed_in_a_row,
        unable_to_reach=found.unable_to_reach, closed_findings=closed,
        coordination=coordination,
    )


def _stored(data: ContactFields) -> dict[str, Any]:
    """The validated fields as the table keeps them (no topics: NULL, as older rows)."""
    values = {name: getattr(data, name) for name in FIELDS}
    for name in ("topics", "education"):
        values[name] = values[name] or None
    return values


def _plain(value: Any) -> Any:
    """A field's value as JSON keeps it (the `before` of a correction)."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return list(value) or None
    return value.value if hasattr(value, "value") else value


def _successful(data: ContactFields) -> bool | None:
    """`ContactLog.successful`: None for communication with the care team about the client
    (coordination: minutes, but no contact with the client), else whether they were reached."""
    if data.with_whom_kind == ContactParty.CARE_TEAM:
        return None
    return data.outcome == ContactOutcome.REACHED


def _day(at: datetime) -> date:
    return at.astimezone().date()


def _not_before_enrolment(at: datetime, client: Client) -> None:
    if _day(at) < client.enrolled_on:
        raise InvalidInput({"occurred_at": "is before the client's enrolment on "
                                           f"{client.enrolled_on.isoformat()}"})


def _answer_again(session, row: ContactLog) -> None:
    """After a correction of whether a contact reached the client (its outcome, or with whom:
    the care team is no contact with the client) or of its time: the check-ins set by hand it
    answered and no longer answers (not reached now, or due after its new day) open again, and
    a reached one answers those due by its day. Only check-ins made before the contact was
    logged are its answers (one it scheduled itself is not); an older row without that time
    is left as is."""
    if row.logged_at is None:
        return
    day = _day(row.occurred_at)
    answered = session.scalars(select(CheckIn).where(
        CheckIn.contact_id == row.id, CheckIn.status == CheckInStatus.DONE,
        CheckIn.kind == CheckInKind.CHECK_IN, CheckIn.created_at < row.logged_at)).all()
    for check_in in answered:
        if not row.successful or check_in.due_on > day:
            check_in.status, check_in.done_at, check_in.contact_id = CheckInStatus.OPEN, None, None
    if row.successful:
        answer_check_ins(session, row.client_id, day, row.id, made_before=row.logged_at)


def _open_findings(session, client_id: int) -> list[tuple[int, str]]:
    return [tuple(r) for r in session.execute(text(OPEN_FINDINGS_SQL),
                                              {"client_id": client_id}).all()]


def _stop_timer(session, timer_id: int, client_id: int) -> None:
    """Remove the call timer this contact stops (already gone: nothing to do)."""
    timer = session.get(CallTimer, timer_id)
    if timer is None:
        return
    if timer.client_id != client_id:
        raise InvalidInput({"timer_id": "That call timer is another client's; nothing was "
                                        "saved."})
    session.delete(timer)


def _entry(row: ContactLog, corrections: int) -> ContactEntry:
    return ContactEntry(
        id=row.id, client_id=row.client_id, occurred_at=row.occurred_at, mode=row.mode,
        outcome=row.outcome, successful=row.successful, minutes=row.minutes,
        timer_minutes=row.timer_minutes, with_whom=row.with_whom,
        with_whom_kind=row.with_whom_kind, note=row.note, topics=tuple(row.topics or ()),
        education=tuple(row.education or ()), version=row.version, corrections=corrections,
    )


def _name(client: Client) -> str:
    return f"{client.given_name} {client.family_name}"


def _log_summary(row: ContactLog, closed: tuple[str, ...]) -> str:
    """Figures only: never the note's text."""
    summary = f"{row.outcome} {row.mode}, {row.minutes} min"
    if row.timer_minutes is not None and row.timer_minutes != row.minutes:
        summary += f" (typed over the timer's {row.timer_minutes} min)"
    if closed:
        summary += f"; followed up {', '.join(closed)}"
    return summary


def _correction_summary(before: dict[str, Any], row: ContactLog) -> str:
    """Which fields changed; for the minutes, from and to (never the note's text)."""
    changed = ", ".join(f"minutes {before[name]} -> {row.minutes}" if name == "minutes"
                        else name for name in before)
    if row.timer_minutes is not None and row.timer_minutes != row.minutes:
        changed += f" (the timer's figure: {row.timer_minutes} min)"
    return f"corrected {changed}"

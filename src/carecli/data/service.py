"""CareService: the screens' only door to the data (harlequin's adapter, built once in `cli.py`
and injected into the app).

It holds the database location, the fast standard-library reader and, once `open()` has run
in a worker, the `Database`. Each method is one unit of work: a write is one transaction, and
what a screen needs together is read in one call. Every result is frozen and plain
(`converters.freeze`): no ORM row, session or query leaves it. Methods block (they wait for
the database to open): screens call them from workers, never from the UI thread.

Constructing it is cheap and imports no SQLAlchemy, so the first rows are painted first.
"""

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from carecli.config import DatabaseLocation
from carecli.data.errors import CareDataError
from carecli.data.reader import SqliteReader
from carecli.data.service_appointments import AppointmentCalls
from carecli.data.service_referrals import ReferralCalls
from carecli.data.service_resources import ResourceCalls
from carecli.data.service_stays import StayCalls

CLOSE_WAIT_S = 10.0
"""How long closing waits for calls already asked for (a draft save at quit) to finish."""


class ServiceClosed(CareDataError):
    """The app is ending: nothing more is read or written."""


@dataclass(frozen=True)
class AssessmentStart:
    """Everything to start or resume an assessment of one client."""

    client_name: str
    draft: Any
    """The `Draft` in progress, or None."""
    medications: tuple[tuple[int, str], ...]
    record: Any
    """The `ClientRecord` (conditions, stays, medications to review with the client)."""


@dataclass(frozen=True)
class RecordView:
    """The client record screen's data: the record and its completed assessments."""

    record: Any
    completed: tuple[Any, ...]


@dataclass(frozen=True)
class SummaryContext:
    """What the assessment summary compares with and weighs for the risk tier."""

    previous: Any
    """Each instrument's latest earlier result (`PastResult`), by instrument id."""
    risk: Any
    """The `RiskContext`."""


class CareService(StayCalls, ReferralCalls, ResourceCalls, AppointmentCalls):
    def __init__(self, location: DatabaseLocation, *, db: Any = None,
                 today: date | None = None) -> None:
        self.location = location
        self.fixed_today = today
        self.reader = SqliteReader(location.path) if location.path is not None else None
        self.db = db
        self._ready = threading.Event()
        self._closed = False
        self._busy = 0
        self._idle = threading.Condition()
        if db is not None:
            self._ready.set()

    def today(self) -> date:
        return self.fixed_today or date.today()

    # opening and closing ----------------------------------------------------------------
    def file_is_current(self) -> bool:
        """True when the file exists at the current schema (its rows can be read at once)."""
        from carecli.data.precheck import FileState, inspect_file

        return self.location.path is not None and inspect_file(
            self.location.path) is FileState.CURRENT

    def open(self) -> None:
        """Open (create, migrate) the database for writes; calls waiting for it go on."""
        from carecli.data.db import open_database
        from carecli.data.versions import remember_generation

        db = open_database(self.location, verify=False)
        remember_generation(db)
        self.db = db
        self._ready.set()

    def verify_integrity(self) -> None:
        from carecli.data.precheck import verify_integrity

        if self.location.path is not None:
            verify_integrity(self.location.path)

    @property
    def is_open(self) -> bool:
        return self.db is not None

    def expect(self) -> None:
        """On the UI thread, when a call is asked for: `close()` waits for it."""
        with self._idle:
            self._busy += 1

    def settled(self) -> None:
        """In the worker, when an expected call has ended (done or failed)."""
        with self._idle:
            self._busy -= 1
            self._idle.notify_all()

    def close(self) -> None:
        """Let calls already asked for finish, then refuse new ones and close the database."""
        if self.db is not None:  # (unopened, the calls waiting for it are refused at once)
            with self._idle:
                self._idle.wait_for(lambda: self._busy <= 0, timeout=CLOSE_WAIT_S)
        self._closed = True
        self._ready.set()
        if self.db is not None:
            self.db.dispose()  # closing the last connection checkpoints the WAL into the file

    def _db(self):
        """The open database, waiting for it to open (a key pressed in the first moment after
        the rows appear is kept, not refused)."""
        self._ready.wait()
        if self._closed or self.db is None:
            raise ServiceClosed("carecli is closing; nothing more was saved.")
        return self.db

    # replaced databases -------------------------------------------------------------------
    def replaced(self) -> str | None:
        """The sentence to show when another program replaced the database since it was
        remembered (one small read), else None."""
        from carecli.data.versions import NOTICED, was_replaced

        return NOTICED if self.db is not None and was_replaced(self.db) else None

    def remember_generation(self) -> None:
        from carecli.data.versions import remember_generation

        remember_generation(self._db())

    # reads --------------------------------------------------------------------------------
    def first_screen(self) -> tuple:
        """The rows that head the caseload's default view, read quickly from the file (empty
        for a server database, or when they cannot be picked with certainty)."""
        from carecli.data.caseload import load_first_screen

        if self.reader is None:
            return ()
        return tuple(load_first_screen(db=self.reader, today=self.today()))

    def caseload(self) -> tuple:
        """Every client as a frozen `CaseloadRow`: through the file itself when there is one
        (no SQLAlchemy needed), else the server's pool."""
        from carecli.data.caseload import load_caseload

        return tuple(load_caseload(db=self.reader or self._db(), today=self.today()))

    def record(self, client_id: int) -> RecordView:
        """The record screen's data; refused when the database was replaced underneath (the
        caseload row it was opened from named someone else then)."""
        from carecli.data import assessment_view, record
        from carecli.data.errors import DatabaseReplaced
        from carecli.data.versions import NOTICED, was_replaced

        db = self._db()
        with db.snapshot():
            if was_replaced(db):
                raise DatabaseReplaced(NOTICED)
            return self._frozen(RecordView(
                record.load_record(db=db, client_id=client_id),
                assessment_view.completed_assessments(db=db, client_id=client_id),
            ))

    def completed_assessment(self, assessment_id: int):
        """A completed assessment answer by answer (`AssessmentView`)."""
        from carecli.data.assessment_view import read_assessment

        return self._frozen(read_assessment(db=self._db(), assessment_id=assessment_id))

    def client(self, client_id: int):
        """The client as stored now (a form opens on this and saves against its version)."""
        from carecli.data.clients import get_client

        return self._frozen(get_client(db=self._db(), client_id=client_id))

    def client_values(self, client_id: int) -> tuple[Any, Mapping[str, Any]]:
        """The client as stored now, and its editable fields as form values."""
        from carecli.data.clients import client_values, get_client

        client = get_client(db=self._db(), client_id=client_id)
        return self._frozen((client, client_values(client)))

    def entry_values(self, kind: str, entry_id: int) -> tuple[Any, Mapping[str, Any]]:
        """An entry as stored now, and its editable fields as form values."""
        from carecli.data import entries

        row = entries.get_entry(db=self._db(), kind=kind, entry_id=entry_id)
        return self._frozen((row, entries.entry_values(kind, row)))

    def assessment_start(self, client_id: int) -> AssessmentStart:
        """Everything to start or resume an assessment: the draft in progress (if any), the
        client's name, current medications and the record to review."""
        from carecli.data import assessments, record

        db = self._db()
        with db.snapshot():
            found = record.load_record(db=db, client_id=client_id)
            return self._frozen(AssessmentStart(
                client_name=f"{found.client.given_name} {found.client.family_name}",
                draft=assessments.find_draft(db=db, client_id=client_id),
                medications=assessments.current_medications(db=db, client_id=client_id),
                record=found,
            ))

    def summary_context(self, client_id: int, assessment_id: int) -> SummaryContext:
        from carecli.data import assessments

        db = self._db()
        with db.snapshot():
            return self._frozen(SummaryContext(
                assessments.latest_results(db=db, client_id=client_id, before=assessment_id),
                assessments.risk_context(db=db, client_id=client_id, today=self.today()),
            ))

    def risk_decision(self, values: dict[str, Any]) -> Mapping[str, Any]:
        """A risk tier chosen by hand, checked (a reason is needed) before the assessment is
        completed with it; refused with `InvalidInput` naming the field."""
        from carecli.data.inputs import RiskDecision, validate

        validate(RiskDecision, values)
        return self._frozen(values)

    # queue ---------------------------------------------------------------------------------
    def queue(self, today: date | None = None, client_id: int | None = None, first=None,
              items_only: bool = False):
        """Today's queue (`Queue`: items in priority order, counts, done today, CCM at risk,
        the week ahead), for `today` or the service's today: through the file itself when there
        is one (no SQLAlchemy needed), else the server's pool. With `client_id`, only that
        client's part of it (quick: `domain.queue.merge_client` puts it into a queue shown).
        `first` is called with the items that head it before the rest is read; `items_only`
        leaves CCM at risk and the contacts done today out (`load_queue`)."""
        from carecli.data.queue import load_queue

        return load_queue(db=self.reader or self._db(), today=today or self.today(),
                          only=client_id, first=first, items_only=items_only)

    # writes: each one transaction ---------------------------------------------------------
    def create_client(self, values: dict[str, Any]) -> int:
        from carecli.data.clients import create_client

        return create_client(db=self._db(), values=values)

    def update_client(self, client_id: int, version: int, values: dict[str, Any]) -> None:
        from carecli.data.clients import update_client

        update_client(db=self._db(), client_id=client_id, version=version, values=values)

    def change_status(self, client_id: int, version: int, values: dict[str, Any]) -> None:
        from carecli.data.clients import change_status

        change_status(db=self._db(), client_id=client_id, version=version, values=values)

    def add_entry(self, kind: str, client_id: int, values: dict[str, Any]) -> int:
        from carecli.data.entries import add_entry

        return add_entry(db=self._db(), kind=kind, client_id=client_id, values=values)

    def update_entry(self, kind: str, entry_id: int, version: int,
                     values: dict[str, Any]) -> None:
        from carecli.data.entries import update_entry

        update_entry(db=self._db(), kind=kind, entry_id=entry_id, version=version,
                     values=values)

    def remove_entry(self, kind: str, entry_id: int, version: int) -> None:
        from carecli.data.entries import remove_entry

        remove_entry(db=self._db(), kind=kind, entry_id=entry_id, version=version)

    def start_assessment(self, client_id: int, kind: str, steps: list[str]) -> int:
        from carecli.data.assessments import start_assessment

        return start_assessment(db=self._db(), client_id=client_id, kind=kind, steps=steps)

    def save_draft(self, assessment_id: int, answers: dict[str, dict[str, Any]],
                   position: int, saved: dict[str, dict[str, Any]] | None = None,
                   client_id: int | None = None) -> tuple[str, ...]:
        """Save the draft's answers (its safety findings with them, always), refused when
        another window answered, finished or discarded it since `saved`; returns the flags
        still waiting for a note."""
        from carecli.data.assessments import save_draft

        return tuple(save_draft(db=self._db(), assessment_id=assessment_id, answers=answers,
                                position=position, saved=saved, client_id=client_id))

    def note_safety_action(self, client_id: int, flag: str, note: str,
                           assessment_id: int | None = None) -> None:
        """Keep what was done at once for a safety finding (see `assessments`)."""
        from carecli.data.assessments import note_safety_action

        note_safety_action(db=self._db(), client_id=client_id, flag=flag, note=note,
                           assessment_id=assessment_id)

    def discard_draft(self, assessment_id: int) -> tuple[str, ...]:
        """Discard a draft; returns the safety flags kept on the record."""
        from carecli.data.assessments import discard_draft

        return tuple(discard_draft(db=self._db(), assessment_id=assessment_id))

    def complete_assessment(self, assessment_id: int, *, answers: dict[str, dict[str, Any]],
                            scores: dict[str, Any], risk: dict[str, Any] | None,
                            reconciled: bool, saved: dict[str, dict[str, Any]] | None = None
                            ) -> None:
        """Final answers, scores and the risk decision, in one transaction (refused when
        another window answered the draft since `saved`)."""
        from carecli.data.assessments import complete_assessment

        complete_assessment(db=self._db(), assessment_id=assessment_id, answers=answers,
                            scores=scores, risk=risk, reconciled=reconciled, today=self.today(),
                            saved=saved)

    def load_demo(self) -> None:
        from carecli.demo import build_demo

        build_demo(db=self._db(), today=self.today())

    # timer ----------------------------------------------------------------------------
    def timers(self) -> tuple:
        """The call timer running or paused (none or one), as `TimerState`s."""
        from carecli.data.timer import timers

        return timers(db=self._db())

    def start_timer(self, client_id: int):
        """Start timing a call; refused, naming the client, while another timer exists."""
        from carecli.data.timer import start_timer

        return start_timer(db=self._db(), client_id=client_id)

    def pause_timer(self, timer_id: int):
        from carecli.data.timer import pause_timer

        return pause_timer(db=self._db(), timer_id=timer_id)

    def resume_timer(self, timer_id: int):
        from carecli.data.timer import resume_timer

        return resume_timer(db=self._db(), timer_id=timer_id)

    def discard_timer(self, timer_id: int) -> None:
        from carecli.data.timer import discard_timer

        discard_timer(db=self._db(), timer_id=timer_id)

    def contact_corrections(self, contact_id: int) -> tuple:
        """A logged contact's corrections (`CorrectionEntry`), oldest first."""
        from carecli.data.contact_corrections import corrections

        return corrections(db=self._db(), contact_id=contact_id)

    # contacts ---------------------------------------------------------------------------
    def log_contact(self, client_id: int, values: dict[str, Any], answers: str | None = None):
        """Log a contact (one transaction, with what the queue item `answers` asks: a
        reminder call, a referral's follow-up); returns the `LoggedContact`: the next
        follow-up and the safety findings it followed up."""
        from carecli.data.contacts import log_contact

        return self._frozen(log_contact(db=self._db(), client_id=client_id, values=values,
                                        now=self._now(), answers=answers))

    def contacts(self, client_id: int) -> tuple:
        """The client's contacts (`ContactEntry`), newest first."""
        from carecli.data.contacts import contacts

        return self._frozen(contacts(db=self._db(), client_id=client_id))

    def correct_contact(self, contact_id: int, version: int, values: dict[str, Any],
                        reason: str) -> None:
        from carecli.data.contacts import correct_contact

        correct_contact(db=self._db(), contact_id=contact_id, version=version, values=values,
                        reason=reason, now=self._now())

    def find_clients(self, text: str) -> tuple[tuple[int, str], ...]:
        """(id, name) of the clients `text` names: an id, or a part of the name."""
        from carecli.data.contacts import find_clients

        return self._frozen(find_clients(db=self._db(), text=text))

    def schedule_follow_up(self, client_id: int, values: dict[str, Any]) -> int:
        from carecli.data.follow_ups import schedule_follow_up

        return schedule_follow_up(db=self._db(), client_id=client_id, values=values,
                                  now=self._now())

    def finish_task(self, check_in_id: int, version: int) -> None:
        from carecli.data.follow_ups import finish_task

        finish_task(db=self._db(), check_in_id=check_in_id, version=version)

    def snooze(self, client_id: int, item_key: str, until_on: Any, reason: str) -> None:
        from carecli.data.follow_ups import snooze

        snooze(db=self._db(), client_id=client_id, item_key=item_key, until_on=until_on,
               reason=reason, now=self._now())

    def month_minutes(self, month: str | None = None) -> tuple:
        """Every client with minutes in the month or CCM eligible (`MonthMinutes`)."""
        from carecli.data.minutes import month_minutes

        return self._frozen(month_minutes(db=self._db(), today=self.today(), month=month))

    def client_month(self, client_id: int, month: str | None = None):
        from carecli.data.minutes import client_month

        return self._frozen(client_month(db=self._db(), client_id=client_id,
                                         today=self.today(), month=month))

    def mark_complex(self, client_id: int, month: str, complex: bool) -> None:
        from carecli.data.minutes import mark_complex

        mark_complex(db=self._db(), client_id=client_id, month=month, complex=complex,
                     today=self.today())

    # care plans --------------------------------------------------------------------------
    def plan_overview(self, client_id: int):
        """The client's plan versions, newest first, and which is active and which the draft
        (`PlanOverview`)."""
        from carecli.data.plans import plan_overview

        return plan_overview(db=self._db(), client_id=client_id)

    def plan(self, plan_id: int):
        """One plan version, whole (`Plan`); `NotFound` when it is gone."""
        from carecli.data.plans import load_plan

        return load_plan(db=self._db(), plan_id=plan_id)

    def current_plan(self, client_id: int, draft: bool = False):
        """The client's active plan (`draft=True`: the draft), or None."""
        from carecli.data.plans import current_plan

        return current_plan(db=self._db(), client_id=client_id, draft=draft)

    def start_draft(self, client_id: int):
        """The client's draft: the one there is, else a copy of the active plan, else plan 1."""
        from carecli.data.plan_versions import start_draft

        return start_draft(db=self._db(), client_id=client_id, today=self.today())

    def add_item(self, plan_id: int, version: int, kind: str, parent_uid: str | None,
                 values: dict[str, Any], after_uid: str | None = None):
        from carecli.data.plan_edits import add_item

        return add_item(db=self._db(), plan_id=plan_id, version=version, kind=kind,
                        parent_uid=parent_uid, values=values, after_uid=after_uid,
                        today=self.today())

    def update_item(self, plan_id: int, version: int, uid: str, values: dict[str, Any]):
        from carecli.data.plan_edits import update_item

        return update_item(db=self._db(), plan_id=plan_id, version=version, uid=uid,
                           values=values, today=self.today())

    def move_item(self, plan_id: int, version: int, uid: str, offset: int):
        from carecli.data.plan_edits import move_item

        return move_item(db=self._db(), plan_id=plan_id, version=version, uid=uid,
                         offset=offset)

    def remove_item(self, plan_id: int, version: int, uid: str):
        """Remove an item with everything under it."""
        from carecli.data.plan_edits import remove_item

        return remove_item(db=self._db(), plan_id=plan_id, version=version, uid=uid)

    def update_plan(self, plan_id: int, version: int, values: dict[str, Any]):
        """Summary, next review date and sections (by `PlanSection` key; empty removes)."""
        from carecli.data.plan_edits import update_plan

        return update_plan(db=self._db(), plan_id=plan_id, version=version, values=values,
                           today=self.today())

    def restore_draft(self, plan_id: int, version: int, snapshot: Any):
        """Undo: the draft's contents become `snapshot`'s (a `Plan`)."""
        from carecli.data.plan_edits import restore_draft

        return restore_draft(db=self._db(), plan_id=plan_id, version=version,
                             snapshot=snapshot)

    def finalise(self, plan_id: int, version: int, by: str, note: str | None = None):
        from carecli.data.plan_versions import finalise

        return finalise(db=self._db(), plan_id=plan_id, version=version, by=by, note=note,
                        today=self.today(), now=self._now())

    def discard_plan_draft(self, plan_id: int, version: int) -> None:
        from carecli.data.plan_versions import discard_draft

        discard_draft(db=self._db(), plan_id=plan_id, version=version)

    def problem_suggestions(self, plan_id: int) -> tuple:
        """Problems to add with one key (`ProblemSuggestion`): active conditions and the latest
        assessment's suggestions, less those already in the plan."""
        from carecli.data.plan_suggestions import problem_suggestions

        return problem_suggestions(db=self._db(), plan_id=plan_id)

    def section_suggestions(self, client_id: int) -> Mapping[str, str]:
        """What the record and the latest assessment say, per `PlanSection` key."""
        from carecli.data.plan_prefill import section_suggestions

        return self._frozen(section_suggestions(db=self._db(), client_id=client_id,
                                                today=self.today()))

    def plan_diff(self, older_id: int, newer_id: int):
        """What changed from one plan version to another (`PlanDiff`)."""
        from carecli.data.plans import plan_diff

        return plan_diff(db=self._db(), older_id=older_id, newer_id=newer_id)

    def record_copy(self, plan_id: int, values: dict[str, Any]):
        """Keep that a copy was given (given_on, method, given_to, format); returns the plan."""
        from carecli.data.plan_progress import record_copy

        return record_copy(db=self._db(), plan_id=plan_id, values=values, today=self.today())

    def add_goal_progress(self, client_id: int, goal_uid: str, values: dict[str, Any]) -> tuple:
        """Add a progress note (noted_on, achievement, note); returns the goal's notes."""
        from carecli.data.plan_progress import add_goal_progress

        return add_goal_progress(db=self._db(), client_id=client_id, goal_uid=goal_uid,
                                 values=values, today=self.today())

    def goal_progress(self, client_id: int, goal_uid: str) -> tuple:
        """A goal's progress notes (`GoalProgressNote`), newest first."""
        from carecli.data.plan_progress import goal_progress

        return goal_progress(db=self._db(), client_id=client_id, goal_uid=goal_uid)

    def plan_standing(self, client_id: int):
        """Each goal's achievement and each intervention's last day done, by uid
        (`PlanStanding`)."""
        from carecli.data.plan_progress import plan_standing

        return plan_standing(db=self._db(), client_id=client_id, today=self.today())

    def intervention_done(self, client_id: int, uid: str, done_on: Any,
                          note: str | None = None) -> date | None:
        """Keep that an intervention was carried out; returns its next due date."""
        from carecli.data.plan_progress import intervention_done

        return intervention_done(db=self._db(), client_id=client_id, uid=uid, done_on=done_on,
                                 note=note, today=self.today())

    def undo_intervention_done(self, client_id: int, uid: str, done_on: date) -> None:
        """Take back the newest time an intervention was marked done on `done_on`."""
        from carecli.data.intervention_undo import undo_intervention_done

        undo_intervention_done(db=self._db(), client_id=client_id, uid=uid, done_on=done_on)

    def _now(self) -> datetime:
        """Now, on the service's day (a fixed day keeps the time of day)."""
        now = datetime.now().astimezone()
        if self.fixed_today is None:
            return now
        return datetime.combine(self.fixed_today, now.time()).astimezone()

    @staticmethod
    def _frozen(value: Any) -> Any:
        from carecli.data.converters import freeze

        return freeze(value)

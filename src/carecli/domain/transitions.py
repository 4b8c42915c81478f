"""The transitional care (TCM) work after a discharge, worked out from the stay and the client's
contacts, never stored as tasks (DOMAIN.md, "Transitions of care"). Pure: no database, no
clock (the day is given).

Three steps follow a discharge from a hospital stay, observation or a facility to a community
setting (`Stay.starts_tcm`):

- the interactive contact, by `tcm_deadlines(discharge, high).contact_by`: done by the first
  *reached* contact with the client or a caregiver (`with_client_or_caregiver`) on or after the
  discharge day (a voicemail does not count); every attempt from the discharge day until that
  contact (or until today, while none) is listed against it;
- the medication reconciliation (`med_rec_on`), due no later than the face-to-face visit: by
  `visit_by`, or by the day of the visit when that came first;
- the face-to-face visit (`visit_on`), by `visit_by` (7 days at high complexity, 14 at moderate).

The TCM period is the discharge day and the next 29 days (`period_ends`).

Rules DOMAIN.md is silent on, decided from CMS's TCM rules (the lead's decision):

- TCM starts only for a discharge to a community setting: home, home with services, assisted
  living, other, or a disposition not recorded yet. A discharge to skilled nursing,
  rehabilitation or hospice starts none (the next discharge from there home will); neither
  does an emergency-department visit (LACE still counts it among "ED visits" of later stays).
- A readmission ends a discharge's TCM work (`readmission`): another stay, not an emergency
  visit, admitted on or after the discharge day ends it; TCM restarts at that stay's discharge.
  While the client is back in hospital there is no TCM work, and two discharges in a row give
  one TCM contact, the latest discharge's.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from carecli.clinical import tcm_deadlines
from carecli.clinical.charlson import CharlsonResult
from carecli.domain.enums import ContactMode, ContactParty, StayDisposition, StayKind, TcmComplexity
from carecli.domain.fields import Column, EntryFields, Field, note
from carecli.words import counted

STEP_NAMES = {"contact": "contact", "med_rec": "medication reconciliation",
              "visit": "face-to-face visit"}
"""How each step is named in a sentence."""
OUTCOME_WORDS = {"no_answer": "no answer", "voicemail": "voicemail",
                 "wrong_number": "wrong number", "declined": "declined", "reached": "reached"}

STAY_FIELDS = EntryFields(
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
        Field("reason", "Reason", max_length=400, column=Column()),
        Field("disposition", "Discharged to", "choice", choices=StayDisposition),
        Field("complexity", "TCM complexity", "choice", required=True, choices=TcmComplexity,
              default=TcmComplexity.MODERATE),
        note(),
    ),
)
"""The stay form: admission and discharge are days that have happened (1900 to today), the
discharge not before the admission. An emergency visit is not asked its TCM complexity."""

NO_TCM_DISPOSITIONS = frozenset({StayDisposition.SKILLED_NURSING, StayDisposition.REHABILITATION,
                                 StayDisposition.HOSPICE})
"""Discharged to one of these, the client is still in a facility's care: no TCM (CMS's rule;
DOMAIN.md is silent)."""
TCM_PARTIES = frozenset({None, ContactParty.CLIENT, ContactParty.FAMILY})
"""Who a contact that does the TCM contact is with: the client (also when not named) or, on
their behalf, a family member or caregiver."""
NO_TCM_WORDS = ("This stay starts no transitional care: it has no discharge, was an emergency "
                "visit, or ended in a skilled nursing, rehabilitation or hospice facility.")
NO_LACE_WORDS = ("An emergency visit has no LACE: LACE scores an inpatient admission (the visit "
                 "counts in the ED visits of later stays).")


@dataclass(frozen=True)
class Stay:
    """A hospital, emergency, observation or facility stay as the screens see it."""

    id: int
    client_id: int
    kind: str
    facility: str
    admitted_on: date
    discharged_on: date | None = None
    reason: str | None = None
    disposition: str | None = None
    complexity: str = "moderate"
    acute_admission: bool | None = None
    charlson: int | None = None
    ed_visits_6mo: int | None = None
    lace_total: int | None = None
    lace_band: str | None = None
    med_rec_on: date | None = None
    visit_on: date | None = None
    note: str | None = None
    version: int = 1

    @property
    def high_complexity(self) -> bool:
        return self.complexity == "high"

    @property
    def emergency(self) -> bool:
        return self.kind == StayKind.EMERGENCY

    @property
    def starts_tcm(self) -> bool:
        """A discharge to a community setting (not `NO_TCM_DISPOSITIONS`) from anything but
        an emergency-department visit starts TCM (module doc)."""
        return (self.discharged_on is not None and not self.emergency
                and self.disposition not in NO_TCM_DISPOSITIONS)

    @property
    def length_days(self) -> int | None:
        """LACE "L": whole days from admission to discharge (0 the same day)."""
        if self.discharged_on is None:
            return None
        return (self.discharged_on - self.admitted_on).days


def with_client_or_caregiver(mode: str | None, with_whom_kind: str | None) -> bool:
    """Whether a contact was with the client or, on their behalf, a caregiver: what a reached
    contact needs to be to do the TCM interactive contact (DOMAIN.md "Contacts": reached is a
    two-way exchange with them). A call in the mode `with_care_team`, or with a care-team
    member or someone else named (a discharge planner, a pharmacist), is not."""
    return mode != ContactMode.WITH_CARE_TEAM and with_whom_kind in TCM_PARTIES


@dataclass(frozen=True)
class ContactFact:
    """One contact with the client or a caregiver (`with_client_or_caregiver`)."""

    at: datetime
    """Local time: `.date()` is the day on the care manager's calendar."""
    outcome: str
    successful: bool


@dataclass(frozen=True)
class TcmStep:
    name: str
    """`contact`, `med_rec` or `visit`."""
    due_by: date
    done_on: date | None
    attempts: tuple[ContactFact, ...] = ()
    """The contact step: the unsuccessful attempts it was worked with, oldest first."""

    def state(self, today: date) -> str:
        """`done`, `due` (the deadline not passed) or `overdue`."""
        if self.done_on is not None:
            return "done"
        return "overdue" if today > self.due_by else "due"

    @property
    def late(self) -> bool:
        """Done after its deadline."""
        return self.done_on is not None and self.done_on > self.due_by

    def words(self, today: date) -> str:
        """"contact due by Tue Dec 1 — 1 attempt (voicemail Mon)", "visit done Fri Dec 4"."""
        text = f"{STEP_NAMES[self.name]} {self.when(today)}"
        if self.attempts:
            text += f" — {attempt_words(self.attempts, today)}"
        return text

    def when(self, today: date) -> str:
        """Its state without its name: "done Fri Dec 4", "due by Tue Dec 1", "2 days overdue
        (due by Tue Dec 1)"."""
        if self.done_on is not None:
            text = f"done {day_words(self.done_on)}"
            if self.late:
                text += f", after its deadline {day_words(self.due_by)}"
            return text
        if today > self.due_by:
            return self._overdue(today)
        return due_words(self.due_by, today)

    def still_due(self, today: date) -> str:
        """After an attempt at a contact not done: "TCM contact still due by Tue Dec 1 — 2
        attempts", "TCM contact still due, 1 day overdue (due by Tue Dec 1) — 2 attempts"."""
        when = (f", {self._overdue(today)}" if today > self.due_by
                else f" by {day_words(self.due_by)}")
        text = f"TCM {STEP_NAMES[self.name]} still due{when}"
        if self.attempts:
            text += f" — {counted(len(self.attempts), 'attempt')}"
        return text

    def _overdue(self, today: date) -> str:
        return (f"{counted((today - self.due_by).days, 'day')} overdue "
                f"(due by {day_words(self.due_by)})")


@dataclass(frozen=True)
class TcmStatus:
    stay_id: int
    discharged_on: date
    high_complexity: bool
    period_ends: date
    contact: TcmStep
    med_rec: TcmStep
    visit: TcmStep
    readmitted_on: date | None = None
    """The admission within the TCM period that ended its work (`readmission`), if any."""

    @property
    def steps(self) -> tuple[TcmStep, TcmStep, TcmStep]:
        return (self.contact, self.med_rec, self.visit)

    def in_period(self, today: date) -> bool:
        """Whether `today` falls within the 30-day TCM period."""
        return self.discharged_on <= today <= self.period_ends

    def open(self, today: date) -> bool:
        """Its work is on: within the TCM period and not ended by a readmission."""
        return self.readmitted_on is None and self.in_period(today)

    @property
    def complete(self) -> bool:
        return all(step.done_on is not None for step in self.steps)


@dataclass(frozen=True)
class StayView:
    """A stay and its TCM work (None: it starts none)."""

    stay: Stay
    tcm: TcmStatus | None


@dataclass(frozen=True)
class ClientStays:
    """The Stays & TCM screen of one client."""

    client_id: int
    name: str
    today: date
    stays: tuple[StayView, ...]
    """Latest admission first."""


@dataclass(frozen=True)
class LaceDraft:
    """What the LACE form of a stay offers the care manager to confirm or change."""

    stay: Stay
    charlson: CharlsonResult
    """The index of the client's active conditions, and the conditions that counted."""
    ed_visits: int
    """Emergency stays recorded in the 6 months before the admission."""

    def values(self) -> dict[str, object]:
        """The answers confirmed before, else the suggested ones."""
        stay = self.stay
        return {
            "acute_admission": stay.acute_admission if stay.acute_admission is not None
            else stay.kind != "skilled_nursing",
            "charlson": stay.charlson if stay.charlson is not None else self.charlson.index,
            "ed_visits_6mo": stay.ed_visits_6mo if stay.ed_visits_6mo is not None
            else self.ed_visits,
        }


def readmission(stay: Stay, stays: Iterable[Stay]) -> Stay | None:
    """The stay that ends `stay`'s TCM work (module doc): the first of the client's other
    stays, not an emergency visit, admitted on or after its discharge day and after it (by
    admission, then id: two stays of one day follow in the order they were recorded)."""
    if stay.discharged_on is None:
        return None
    later = [s for s in stays if s.id != stay.id and not s.emergency
             and s.admitted_on >= stay.discharged_on
             and (s.admitted_on, s.id) > (stay.admitted_on, stay.id)]
    return min(later, key=lambda s: (s.admitted_on, s.id), default=None)


def contact_step(discharged_on: date, high_complexity: bool, contacts: Iterable[ContactFact],
                 today: date) -> TcmStep:
    """The interactive contact after a discharge: done by the first reached contact on or
    after the discharge day, with the attempts before it (up to `today`). `contacts`: the
    client's with them or a caregiver, in any order."""
    since = sorted((c for c in contacts if c.at.date() >= discharged_on), key=lambda c: c.at)
    reached = next((c for c in since if c.successful), None)
    attempts = tuple(c for c in since if not c.successful
                     and (reached is None or c.at < reached.at) and c.at.date() <= today)
    return TcmStep("contact", tcm_deadlines(discharged_on, high_complexity).contact_by,
                   reached.at.date() if reached is not None else None, attempts)


def tcm_status(stay: Stay, contacts: Iterable[ContactFact], today: date,
               stays: Iterable[Stay] = ()) -> TcmStatus | None:
    """The TCM work of `stay` as it stands on `today`; None when the stay starts none
    (`Stay.starts_tcm`). `contacts`: the client's with them or a caregiver, in any order;
    `stays`: the client's stays (a readmission among them ends the work)."""
    if not stay.starts_tcm or stay.discharged_on is None:
        return None
    left = stay.discharged_on
    deadlines = tcm_deadlines(left, stay.high_complexity)
    contact = contact_step(left, stay.high_complexity, contacts, today)
    visit = TcmStep("visit", deadlines.visit_by, stay.visit_on)
    med_rec_by = min(deadlines.visit_by, stay.visit_on or date.max)
    med_rec = TcmStep("med_rec", med_rec_by, stay.med_rec_on)
    again = readmission(stay, stays)
    readmitted_on = (again.admitted_on if again is not None
                     and again.admitted_on <= deadlines.period_ends else None)
    return TcmStatus(stay.id, left, stay.high_complexity, deadlines.period_ends,
                     contact, med_rec, visit, readmitted_on)


def open_contact(view: ClientStays, today: date) -> TcmStep | None:
    """The TCM contact still to make: the one of a discharge whose TCM work is open and whose
    contact is not done (None when there is none)."""
    for item in view.stays:
        if item.tcm is not None and item.tcm.open(today) and item.tcm.contact.done_on is None:
            return item.tcm.contact
    return None


# words ---------------------------------------------------------------------------------------
def day_words(day: date) -> str:
    """"Tue Dec 1"."""
    return f"{day:%a} {day:%b} {day.day}"


def due_words(due: date, today: date) -> str:
    """"due today (Tue Dec 1)", "due tomorrow (Wed Dec 2)", "due by Fri Dec 4"."""
    days = (due - today).days
    if days == 0:
        return f"due today ({day_words(due)})"
    if days == 1:
        return f"due tomorrow ({day_words(due)})"
    return f"due by {day_words(due)}"


def attempt_words(attempts: tuple[ContactFact, ...], today: date) -> str:
    """"1 attempt (voicemail Mon)", "2 attempts (no answer Mon, voicemail today)"."""
    each = ", ".join(f"{OUTCOME_WORDS.get(a.outcome, a.outcome)} {_short_day(a.at.date(), today)}"
                     for a in attempts)
    return f"{counted(len(attempts), 'attempt')} ({each})"


def _short_day(day: date, today: date) -> str:
    """"today", "yesterday", a weekday within the last six days ("Mon"), else "Nov 12"."""
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if 0 < days <= 6:
        return f"{day:%a}"
    return f"{day:%b} {day.day}"

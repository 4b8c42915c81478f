"""The demo's appointments and its communication with the care team: for most active clients
a past appointment with a care-team member and how it went, for many an upcoming one (some
tomorrow, so the queue calls for a reminder today; some yesterday still to be asked about), and
for some a fax or call with the PCP's office in the contact history (minutes, but no contact
with the client: `successful` NULL).

Drawn from a random stream of its own (`_Builder` seeds it), so the rest of the demo comes out
as it did before appointments existed."""

import random
from datetime import date, timedelta

from carecli.demo.people import _at, _Person, _weekday_on_or_after, _weekday_on_or_before
from carecli.demo.rows import APPOINTMENT, CONTACT, TEAM, _Rows

PURPOSES = {
    "Primary care physician": ("Blood pressure follow-up", "Annual wellness visit",
                               "Medication review", "Lab results"),
}
"""What a visit is for, by the care-team member's role (others: `FOLLOW_UP`)."""
FOLLOW_UP = ("Follow-up visit", "Test results", "Medication adjustment")
RIDES = ("Medicaid ride booked, pick-up 45 min before", "Daughter drives",
         "Dial-a-ride booked", "Son drives; parks at the back entrance")
OUTCOMES = {
    "attended": ("Went; no changes to medicines.", "Went; new dose to start Monday.",
                 "Went; labs ordered, results next week."),
    "missed": ("Ride did not come; rebook.", "Forgot; call to rebook.",
               "Felt unwell; asked to rebook."),
    "cancelled": ("Clinic cancelled; will call back with a date.",),
}
CARE_TEAM_NOTES = {
    "fax": ("Faxed the BP log to the PCP.", "Faxed the medication list after the home visit.",
            "Faxed the care plan summary to the office."),
    "phone": ("Spoke with the PCP's nurse about the new dizziness; appointment moved up.",
              "Called the pharmacy: refills synchronised to one day a month.",
              "Left the specialist's office the fall history; they will call back."),
    "message": ("Portal message to the PCP about the weight gain.",),
}
P_PAST, P_AHEAD, P_TOMORROW, P_YESTERDAY, P_CARE_TEAM = 0.6, 0.45, 0.04, 0.02, 0.3
"""Shares of active clients: about one in 25 sees someone tomorrow (a day's reminder calls)."""


class _Appointments:
    """Writes a client's appointments and care-team contacts (after their care team)."""

    def __init__(self, *, rng: random.Random, today: date, rows: _Rows) -> None:
        self.rng = rng
        self.today = today
        self.rows = rows

    def appointments(self, p: _Person) -> None:
        team = [r for r in self.rows.tables[TEAM] if r["client_id"] == p.id]
        if p.status != "active" or not team:
            return
        rng, today = self.rng, self.today
        if rng.random() < P_PAST:
            day = _weekday_on_or_before(today - timedelta(days=rng.randint(3, 60)))
            if day > p.enrolled_on:
                status = rng.choices(("attended", "missed", "cancelled"), (80, 14, 6))[0]
                self._add(p, rng.choice(team), day, status)
        if rng.random() < P_YESTERDAY:
            self._add(p, rng.choice(team), today - timedelta(days=1), "scheduled")
        if rng.random() < P_TOMORROW:
            self._add(p, rng.choice(team), today + timedelta(days=1), "scheduled")
        elif rng.random() < P_AHEAD:
            day = _weekday_on_or_after(today + timedelta(days=rng.randint(2, 45)))
            self._add(p, rng.choice(team), day, "scheduled")

    def care_team_contacts(self, p: _Person) -> None:
        team = [r for r in self.rows.tables[TEAM] if r["client_id"] == p.id]
        rng = self.rng
        if not team or rng.random() >= P_CARE_TEAM:
            return
        for _ in range(rng.randint(1, 2)):
            day = _weekday_on_or_before(self.today - timedelta(days=rng.randint(1, 50)))
            if day <= p.enrolled_on:
                continue
            member = rng.choice(team)
            mode = rng.choices(("fax", "phone", "message"), (45, 45, 10))[0]
            self.rows.add(
                CONTACT, client_id=p.id, occurred_at=_at(day, rng.randint(540, 990)),
                mode=mode, outcome="reached", successful=None, minutes=rng.randint(5, 15),
                with_whom=member["name"], with_whom_kind="care_team",
                note=rng.choice(CARE_TEAM_NOTES[mode]),
            )

    def _add(self, p: _Person, member: dict, day: date, status: str) -> None:
        rng = self.rng
        ride = rng.random() < 0.4
        reminded = day - timedelta(days=1) if status != "scheduled" and rng.random() < 0.7 \
            else None
        self.rows.add(
            APPOINTMENT, client_id=p.id, care_team_member_id=member["id"],
            with_whom=member["name"], starts_at=_at(day, rng.choice(range(510, 960, 15))),
            location=member["organisation"],
            purpose=rng.choice(PURPOSES.get(member["role"], FOLLOW_UP)),
            transport_arranged=ride, transport_note=rng.choice(RIDES) if ride else None,
            status=status, reminded_on=reminded,
            outcome_note=rng.choice(OUTCOMES[status]) if status in OUTCOMES else None,
            created_at=_at(max(p.enrolled_on, day - timedelta(days=rng.randint(7, 30))), 600),
        )

"""The demo's contact history: hospital stays, three to four months of contacts at the client's
cadence (some after one or two unanswered calls), the check-ins they closed, and the follow-ups
set by hand that are still open (the next check-in by cadence is worked out, never stored)."""

import random
from datetime import date, timedelta

from carecli.demo import catalogue as cat
from carecli.demo.people import (
    ONE_DAY,
    _at,
    _next_business_day,
    _Person,
    _previous_business_day,
    _weekday_on_or_after,
)
from carecli.demo.rows import CHECK_IN, CONTACT, STAY, _Rows
from carecli.domain.topics import EDUCATION, TOPICS

P_OVERDUE = 0.18
"""Share of ordinary active clients whose next check-in is already past (roles add a few more)."""
P_DUE_TODAY = 0.06
P_ATTEMPTS = 0.2
"""Share of successful contacts preceded by one or two unanswered calls (about 80% reached)."""
P_TASK = 0.12
"""Share of active clients with a task set by hand still open (a few of them overdue)."""
P_EDUCATION = 0.3
"""Share of reached contacts that record education given."""


def _details(p: _Person, day: date) -> random.Random:
    """Draws for details added after the demo's people were fixed (topics, education, tasks),
    apart from the main stream: the same seed keeps giving the same people."""
    return random.Random(p.id * 1_000_003 + day.toordinal())


class _Contacts:
    """Writes a client's hospital stays, contacts, unanswered calls and check-ins."""

    def __init__(self, *, rng: random.Random, today: date, rows: _Rows) -> None:
        self.rng = rng
        self.today = today
        self.rows = rows

    def stays(self, p: _Person) -> None:
        rng, today = self.rng, self.today
        reasons = [cat.STAY_REASONS[c.key] for c in p.conditions if c.key in cat.STAY_REASONS]
        reason = rng.choice(reasons or cat.GENERAL_STAY_REASONS)
        facility = rng.choice(cat.FACILITIES)
        if p.role == "recent_discharge":
            p.discharged_on = today - timedelta(days=rng.randint(1, 10))
            admitted = p.discharged_on - timedelta(days=rng.randint(2, 6))
            p.stay_reason = reason
            self._stay(p, "inpatient", facility, admitted, p.discharged_on, reason,
                       **self._tcm_progress(p, admitted))
        elif p.role == "admitted":
            p.admitted_on = today - timedelta(days=rng.randint(1, 3))
            self._stay(p, "inpatient", facility, p.admitted_on, None, reason)
        elif rng.random() < (0.2 if p.tier == "high" else 0.07):
            end = today - timedelta(days=rng.randint(35, 400))
            if rng.random() < 0.15:
                start = end - timedelta(days=rng.randint(10, 25))
                self._stay(p, "skilled_nursing", rng.choice(cat.SKILLED_NURSING), start, end,
                           f"Rehab after {reason.lower()}")
                end = start
            kind = rng.choices(("inpatient", "emergency", "observation"), (60, 20, 20))[0]
            length = {"inpatient": rng.randint(2, 8), "emergency": 0, "observation": 1}[kind]
            self._stay(p, kind, facility, end - timedelta(days=length), end, reason)

    def _stay(
        self, p: _Person, kind: str, facility: str, admitted: date, discharged: date | None,
        reason: str, **more: object,
    ) -> None:
        p.blocked.append((admitted, discharged or self.today))
        p.stays.append((kind, facility, admitted, discharged, reason))
        self.rows.add(
            STAY, client_id=p.id, kind=kind, facility=facility, admitted_on=admitted,
            discharged_on=discharged, reason=reason, **{"complexity": "moderate", **more},
        )

    def _tcm_progress(self, p: _Person, admitted: date) -> dict[str, object]:
        """A recent discharge's TCM work part done, as days go: the medication reconciliation
        done from the third day; the visit for most from the fourth day at high complexity
        (within 7 days: a discharge more than 7 days ago is one whose visit slipped, left
        overdue) or the sixth at moderate (within 14); LACE scored from the second day (the
        Charlson index of the conditions recorded and the emergency visits in the 6 months
        before, as a care manager would confirm them)."""
        from carecli.clinical import score
        from carecli.clinical.charlson import charlson
        from carecli.demo.records import _coded

        left = p.discharged_on
        assert left is not None
        rng, days = _details(p, left), (self.today - left).days
        high = days > 7 or rng.random() < 0.6
        more: dict[str, object] = {"complexity": "high" if high else "moderate",
                                   "disposition": rng.choice(("home", "home_with_services"))}
        if days >= 3:
            more["med_rec_on"] = left + timedelta(days=rng.randint(1, 2))
        late = high and days > 7  # a high-complexity visit that slipped past its 7 days
        if days >= (4 if high else 6) and not late and rng.random() < 0.6:
            more["visit_on"] = left + timedelta(days=rng.randint(3, min(days, 7)))
        if days >= 2:
            groups = {c.group for c in p.conditions if c.group}
            index = charlson(_coded(c, groups)[1] for c in p.conditions
                             if c.key not in p.remitted).index
            since = admitted - timedelta(days=182)
            ed_visits = sum(1 for kind, _, start, _, _ in p.stays
                            if kind == "emergency" and since <= start < admitted)
            lace = score("lace", {"length_of_stay_days": (left - admitted).days,
                                  "acute_admission": True, "charlson": index,
                                  "ed_visits_6mo": ed_visits})
            more |= {"acute_admission": True, "charlson": index, "ed_visits_6mo": ed_visits,
                     "lace_total": lace.total, "lace_band": lace.band}
        return more

    def _anchor(self, p: _Person) -> date:
        """The last successful contact, placed so that the next check-in by cadence falls
        where the client's role wants it (overdue, due today, later)."""
        rng, today, cadence = self.rng, self.today, p.cadence
        if p.status != "active":
            last = p.status_on - timedelta(days=rng.randint(1, cadence))
        elif p.role == "admitted":
            return p.settle(p.admitted_on - timedelta(days=rng.randint(1, 4)))
        elif p.role == "recent_discharge":
            call = _next_business_day(p.discharged_on)
            if call < today and rng.random() < 0.5:
                p.post_discharge_call = call
                return call
            return p.settle(p.blocked[-1][0] - timedelta(days=rng.randint(1, 3)))
        elif p.role == "unreachable":
            last = today - timedelta(days=cadence + rng.randint(8, 11))
        else:
            draw = rng.random()
            if draw < P_OVERDUE:
                offset = -rng.randint(1, max(2, min(cadence - 1, 12)))
            elif draw < P_OVERDUE + P_DUE_TODAY:
                offset = 0
            else:
                offset = rng.randint(1, max(1, cadence - 1))
            last = min(today + timedelta(days=offset - cadence), today - ONE_DAY)
        return p.settle(last)

    def history(self, p: _Person) -> None:
        rng = self.rng
        start = max(p.enrolled_on, self.today - timedelta(days=rng.randint(90, 120)))
        last = self._anchor(p)
        days = [last]
        while True:
            day = p.settle(days[-1] - timedelta(days=p.cadence + rng.randint(-1, 2)))
            if day < start or day <= p.enrolled_on:
                break
            days.append(day)
        if start <= p.enrolled_on < days[-1]:
            days.append(p.enrolled_on)
        days.reverse()
        previous: date | None = None
        for day in days:
            self._attempts_before(p, day, previous)
            contact_id = self._contact(p, day)
            if previous is not None:
                self.rows.add(
                    CHECK_IN, client_id=p.id, kind="check_in",
                    due_on=previous + timedelta(days=p.cadence),
                    reason=f"Routine check-in (every {p.cadence} days)", status="done",
                    contact_id=contact_id,
                )
            previous = day
        self._open_follow_ups(p, last)

    def _attempts_before(self, p: _Person, day: date, previous: date | None) -> None:
        if self.rng.random() >= P_ATTEMPTS:
            return
        tries = []
        for _ in range(1 if self.rng.random() < 0.7 else 2):
            day = _previous_business_day(day)
            if (previous and day <= previous) or day <= p.enrolled_on:
                break
            if p.clear_of_stays(day) != day:
                break
            tries.append(day)
        for day in reversed(tries):
            self._attempt(p, day)

    def _attempt(self, p: _Person, day: date) -> None:
        outcome = self.rng.choice(("no_answer", "voicemail"))
        self.rows.add(
            CONTACT, client_id=p.id, occurred_at=_at(day, self.rng.randint(540, 990)),
            mode="phone", outcome=outcome, successful=False, minutes=self.rng.randint(2, 3),
            with_whom=None, with_whom_kind="client",
            note=self.rng.choice(cat.ATTEMPT_NOTES[outcome]),
        )

    def _contact(self, p: _Person, day: date) -> int:
        rng = self.rng
        mode = rng.choices(("phone", "video", "home_visit", "message"), (70, 10, 10, 10))[0]
        if mode == "video" and not p.telehealth:
            mode = "phone"
        with_whom = None
        if day == p.enrolled_on:
            mode = rng.choice(("phone", "home_visit"))
            note = cat.INTAKE_NOTE.format(how="call" if mode == "phone" else "home visit")
        elif day == p.post_discharge_call:
            mode, note = "phone", cat.POST_DISCHARGE_NOTE
        elif mode == "home_visit":
            note = rng.choice(cat.HOME_VISIT_NOTES)
        elif mode == "message":
            note = rng.choice(cat.MESSAGE_NOTES)
        elif p.relatives and rng.random() < 0.2:
            _name, given, relation, _health = rng.choice(p.relatives)
            with_whom = f"{given} ({relation})"
            note = rng.choice(cat.FAMILY_NOTES).format(who=with_whom)
        else:
            note = self._note(p)
        low, high = {"phone": (5, 30), "video": (10, 30), "home_visit": (30, 45)}.get(mode, (5, 8))
        detail = _details(p, day)
        education = [detail.choice(EDUCATION)] if detail.random() < P_EDUCATION else []
        return self.rows.add(
            CONTACT, client_id=p.id, occurred_at=_at(day, rng.randint(540, 990)), mode=mode,
            outcome="reached", successful=True, minutes=rng.randint(low, high),
            with_whom=with_whom, with_whom_kind="family" if with_whom else "client", note=note,
            topics=detail.sample(TOPICS, detail.randint(1, 3)), education=education,
        )

    def _note(self, p: _Person) -> str:
        notes = [cat.CONDITION_NOTES[c.key] for c in p.conditions if c.key in cat.CONDITION_NOTES]
        if notes and self.rng.random() < 0.65:
            return self.rng.choice(self.rng.choice(notes))
        return self.rng.choice(cat.GENERAL_NOTES)

    def _open_follow_ups(self, p: _Person, last: date) -> None:
        """The follow-ups set by hand that are still open: a client in hospital gets a task to
        confirm the discharge date, and a few others a task of their own. (The next check-in
        by cadence, a retry after unanswered calls and the transitional-care call after a
        discharge are worked out from the contacts and stays, not stored.)"""
        if p.role == "unreachable":
            day = _weekday_on_or_after(last + timedelta(days=p.cadence))
            for _ in range(3):
                self._attempt(p, day)
                day = _next_business_day(day)
        if p.status != "active":
            return
        if p.role == "admitted":
            self.rows.add(CHECK_IN, client_id=p.id, kind="task", due_on=self.today + ONE_DAY,
                          reason="In hospital: confirm the discharge date", status="open",
                          contact_id=None)
        elif (detail := _details(p, self.today)).random() < P_TASK:
            self.rows.add(
                CHECK_IN, client_id=p.id, kind="task",
                due_on=self.today + timedelta(days=detail.randint(-3, 6)),
                reason=detail.choice(cat.TASKS), status="open", contact_id=None,
            )

"""The demo's assessments: a consented client's completed intake near enrolment, the focused
re-assessments since (improving, holding or worsening; the latest raising the safety flag for a
safety role), the drafts left part-way, and their stored answers and scores."""

import random
from datetime import date, datetime, timedelta

from carecli.assessment.sections import INTAKE_STEPS, focused_steps
from carecli.assessment.wizard import SHARED_WITH_PHQ2, Wizard
from carecli.clinical import Score, safety_triggers, score
from carecli.clinical.instruments import INSTRUMENTS
from carecli.demo import catalogue as cat
from carecli.demo.answers import _Answers
from carecli.demo.health import TOP, _clamp, _draw_health, _Health
from carecli.demo.people import (
    ASSESSED_ROLES,
    FLAG_FOCUS,
    _at,
    _next_business_day,
    _Person,
)
from carecli.demo.rows import ANSWER, ASSESSMENT, CONTACT, FINDING, SCORE, _Rows

P_INTAKE = 0.9
"""Share of consented clients with a completed intake (about 85% of all clients)."""
P_REASSESS = 0.36
"""Chance of later re-assessments for a client whose intake found something to follow."""
P_REASSESS_WELL = 0.12
"""The same for a client whose intake found nothing much (about a third of intakes in all)."""
DRAFT_FOCUS = ("phq9", "gad7")

FOLLOW_FROM = {
    "phq9": 8, "gad7": 8, "ahc_hrsn": 1, "steadi": 2, "katz_adl": 1, "lawton_iadl": 2,
}
"""Instruments a re-assessment follows -> the intake level from which it is worth following."""
STEP = {
    "phq9": (3, 5), "gad7": (2, 4), "ahc_hrsn": (1, 1), "steadi": (1, 1), "katz_adl": (1, 1),
    "lawton_iadl": (1, 1),
}
"""How far a level moves between assessments when it improves or worsens."""
TRENDS, TREND_WEIGHTS = ("improved", "unchanged", "worse"), (55, 25, 20)


class _Assessments:
    """Writes a client's assessments with their answers and scores."""

    def __init__(self, *, rng: random.Random, today: date, rows: _Rows) -> None:
        self.rng = rng
        self.today = today
        self.rows = rows
        self.answers = _Answers(rng)

    def assessments(self, p: _Person) -> None:
        if p.role == "draft_intake":
            self._draft(p, ["intake"], _draw_health(self.rng, p))
            return
        if not p.consented or (p.role not in ASSESSED_ROLES and self.rng.random() >= P_INTAKE):
            return
        health = _draw_health(self.rng, p)
        day = self._intake_day(p)
        p.health, p.intake_on = health, day
        meds = _meds_on(p, day)
        answers = self.answers.intake(p, health, day, meds)
        self._completed(p, "intake", ["intake"], day, answers)
        if answers["medications"]["reconciled"]:
            _mark_reconciled(meds, day)
        self._reassessments(p, health, day)
        if p.role == "draft_reassessment":
            self._draft(p, list(DRAFT_FOCUS), health)

    def _intake_day(self, p: _Person) -> date:
        """The enrolment day, or a few business days after it."""
        day = p.enrolled_on
        for _ in range(self.rng.choice((0, 0, 0, 1, 2, 3, 5, 7))):
            day = _next_business_day(day)
        return p.settle(day)

    def _completed(
        self, p: _Person, kind: str, steps: list[str], day: date, answers: dict[str, dict],
        after: datetime | None = None,
    ) -> None:
        rng = self.rng
        done = _at(day, rng.randint(555, 990))
        if after is not None and done <= after:
            done = after + timedelta(minutes=rng.randint(10, 25))
        minutes = rng.randint(25, 50) if kind == "intake" else rng.randint(5, 20)
        assessment_id = self.rows.add(
            ASSESSMENT, client_id=p.id, kind=kind, status="completed",
            started_at=done - timedelta(minutes=minutes), completed_at=done, steps=steps,
            current_step=None, note=None,
        )
        self._answers(assessment_id, answers, p.id, done)
        for instrument_id, result in _scores(answers, merge_phq2=kind == "intake"):
            self.rows.add(
                SCORE, assessment_id=assessment_id, instrument_id=instrument_id,
                instrument_version=INSTRUMENTS[instrument_id].version, total=result.total,
                band=result.band, positive=result.positive, flags=sorted(result.flags),
                domains=list(result.domains),
            )

    def _answers(self, assessment_id: int, answers: dict[str, dict], client_id: int,
                 at: datetime) -> None:
        """The answers, and the safety findings they hold as the wizard keeps them (with the
        care manager's note, when one was written)."""
        for section, items in answers.items():
            for item_id, value in items.items():
                self.rows.add(
                    ANSWER, assessment_id=assessment_id, instrument_id=section, item_id=item_id,
                    value=value,
                )
        notes = answers.get("safety", {})
        for trigger in safety_triggers(answers):
            note = notes.get(trigger.flag)
            self.rows.add(
                FINDING, client_id=client_id, assessment_id=assessment_id, flag=trigger.flag,
                instrument_id=trigger.instrument_id, answers=dict(trigger.answers), found_at=at,
                action_note=note, noted_at=at if note else None,
            )

    def _draft(self, p: _Person, steps: list[str], h: _Health) -> None:
        """An assessment started in the last few days and left part-way, as the wizard saves it:
        the answers to the questions before its position."""
        rng = self.rng
        day = p.settle(self.today - timedelta(days=rng.randint(1, 3)))
        meds = _meds_on(p, self.today)
        if steps == ["intake"]:
            plan, answers = INTAKE_STEPS, self.answers.intake(p, h, day, meds)
        else:
            plan = focused_steps(steps)
            answers = {i: self.answers.instrument(i, h.levels[i], h) for i in steps}
        wizard = Wizard(plan, medications=[(m["id"], m["name"]) for m in meds], answers=answers)
        questions = wizard.questions()
        position = min(rng.randint(10, 14), len(questions) - 1)
        kept: dict[str, dict] = {}
        for question in questions[:position]:
            if wizard.value(question) is not None:
                kept.setdefault(question.section, {})[question.item.id] = wizard.value(question)
        started = _at(day, rng.randint(540, 960))
        assessment_id = self.rows.add(
            ASSESSMENT, client_id=p.id, kind="intake" if steps == ["intake"] else "reassessment",
            status="draft", started_at=started, completed_at=None,
            steps=steps, current_step=str(position), note=None,
        )
        self._answers(assessment_id, kept, p.id, started)

    def _reassessments(self, p: _Person, h: _Health, intake_day: date) -> None:
        """Focused re-assessments since the intake: the levels fall steadily, hold, or hold
        and then rise at the latest one. A safety role's latest one (in the past week) rises and
        raises its flag, with the care manager's note, after the client's last logged contact:
        the flag stays open until a contact with a note follows it."""
        flag = p.role if p.role in FLAG_FOCUS else None
        focus = self._focus(h, flag)
        if not focus:
            return
        days = self._follow_up_days(p, intake_day, flag is not None)
        trend = "worse" if flag else self.rng.choices(TRENDS, TREND_WEIGHTS)[0]
        levels = {i: h.levels[i] for i in focus}
        for number, day in enumerate(days, 1):
            raised = flag if number == len(days) else None
            answers = {}
            moving = trend if trend != "worse" or number == len(days) else "unchanged"
            for i in focus:
                levels[i] = self._next_level(i, levels[i], moving)
                answers[i] = self.answers.instrument(
                    i, levels[i], h, flagged=raised is not None and i == FLAG_FOCUS[raised][0]
                )
            after = None
            if raised:
                answers["safety"] = {raised: self.rng.choice(cat.SAFETY_ACTIONS[raised])}
                after = self._last_contact(p)
            self._completed(p, "reassessment", focus, day, answers, after)

    def _focus(self, h: _Health, flag: str | None) -> list[str]:
        """The instruments re-assessed (the same each time), or none: a client with nothing
        much to follow has the yearly depression screen."""
        rng = self.rng
        if flag:
            return list(FLAG_FOCUS[flag])
        wanted = [i for i, least in FOLLOW_FROM.items() if h.levels[i] >= least]
        if rng.random() >= (P_REASSESS if wanted else P_REASSESS_WELL):
            return []
        if not wanted:
            return ["phq9"]
        chosen = {rng.choice(wanted)}
        if rng.random() < 0.35:
            chosen.add(rng.choice(wanted))
        return [i for i in FOLLOW_FROM if i in chosen]

    def _follow_up_days(self, p: _Person, start: date, flagged: bool) -> list[date]:
        """One to three weekdays spread over the time since the intake (until the client left);
        for a safety role the last is within the past week."""
        rng = self.rng
        end = self.today if p.status == "active" or p.status_on is None else p.status_on
        span = (end - start).days
        count = min(rng.choices((1, 2, 3), (45, 35, 20))[0], span // 30)
        days: list[date] = []
        for k in range(1, count + 1):
            offset = span * k // (count + 1) + rng.randint(-5, 5)
            day = p.settle(start + timedelta(days=offset))
            if (days[-1] if days else start) < day < end:
                days.append(day)
        if flagged:
            recent = p.settle(self.today - timedelta(days=rng.randint(1, 6)))
            last_contact = self._last_contact(p)
            if last_contact is not None:
                recent = max(recent, last_contact.astimezone().date())
            days = [day for day in days if day < recent] + [recent]
        return days

    def _last_contact(self, p: _Person) -> datetime | None:
        """The client's latest contact or attempt (each has a note)."""
        contacts = self.rows.tables[CONTACT]
        times = [row["occurred_at"] for row in contacts if row["client_id"] == p.id]
        return max(times, default=None)

    def _next_level(self, instrument_id: str, level: int, trend: str) -> int:
        low, high = STEP[instrument_id]
        delta = self.rng.randint(low, high)
        if trend == "unchanged":
            delta = self.rng.randint(-1, 1) if instrument_id in ("phq9", "gad7") else 0
        elif trend == "improved":
            delta = -delta
        return _clamp(level + delta, TOP[instrument_id])


def _meds_on(p: _Person, day: date) -> list[dict]:
    """The client's medication rows current on `day`, by name (as the wizard lists them)."""
    current = [
        m for m in p.meds
        if m["started_on"] <= day and (m["stopped_on"] is None or m["stopped_on"] > day)
    ]
    return sorted(current, key=lambda m: m["name"])


def _mark_reconciled(meds: list[dict], day: date) -> None:
    for med in meds:
        if med["last_reconciled_on"] is None or med["last_reconciled_on"] < day:
            med["last_reconciled_on"] = day


def _scores(answers: dict[str, dict], *, merge_phq2: bool) -> list[tuple[str, Score]]:
    """Each instrument's score from the stored answers, as the wizard scores them: in an intake
    the PHQ-9 takes its items "1" and "2" from the PHQ-2."""
    found = []
    for section, items in answers.items():
        if section in INSTRUMENTS:
            given = dict(items)
            if section == "phq9" and merge_phq2:
                given.update({k: answers["phq2"][k] for k in SHARED_WITH_PHQ2})
            found.append((section, score(section, given)))
    return found

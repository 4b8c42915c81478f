"""The demo's care plans: most clients get a person-centred plan built from their conditions and
their assessment's findings (problems → goals in their own words with a measurable target and a
date → interventions by the care manager, the client, the family, the care team or a community
resource), the plan's other CCM elements in plain words, and the copies given.

A plan is finalised some time after the intake and again at each review (every
`plan_review_days` of the client's risk tier), up to three versions; each later version changes
a few things (a problem added after a re-assessment, an intervention less often, a one-off done,
a goal's date moved, a section rewritten), and what changed is worked out as the app does
(`plan_diff`). The active version's review falls mostly ahead, a few due or overdue. A few
clients have a new draft under way; the client whose intake is under way has a first draft.
Repeating interventions were done at their frequency (the last few times kept), so some fall
due today, some later this week and a few are a little late; the client's and the family's
habits start with the plan that holds them (as finalising makes them), and a draft keeps them
undated. One-offs were mostly done. Goals have progress notes.

Draws come from a random stream of the client's own (seed, client, day), apart from the main
one: the same seed keeps giving the same people, contacts and assessments as before plans came.
Items keep one `uid` across a client's versions, at most one draft and one active plan each.
"""

import random
from datetime import date, timedelta

from carecli.clinical.cadence import plan_review_days
from carecli.demo import catalogue as cat
from carecli.demo import plan_texts as txt
from carecli.demo.people import _at, _Person
from carecli.demo.rows import DONE, ITEM, PLAN, PLAN_COPY, PROGRESS, SECTION, _Rows
from carecli.domain.care_plan import Plan, PlanItem
from carecli.domain.condition_words import condition_words
from carecli.domain.enums import FREQUENCY_DAYS, PlanSection
from carecli.domain.plan_diff import change_sentences, diff_plans

P_NO_PLAN_UNASSESSED = 0.5
"""Share of consented clients never assessed who have no plan yet."""
P_DRAFT = 0.05
"""Share of active clients with a plan who have a new draft under way."""
P_LATE, P_TODAY = 0.04, 0.03
"""Shares of the care manager's repeating interventions (and of plan reviews) overdue, and due
today."""
P_ONE_OFF_LATE = 0.06
"""Share of one-off interventions that fell due in the past ten days not done yet."""
VERSION_WEIGHTS = {"high": (70, 20, 10), "moderate": (85, 13, 2), "low": (92, 8, 0)}
"""How many finalised versions (1, 2, 3) a client has, when enrolled long enough, by tier (the
others' plan was rewritten as a first version at its last review: fewer rows to write)."""
DONE_KEPT = 2
"""The last times a repeating intervention was done that are written."""
SLOWER = {"weekly": "fortnightly", "fortnightly": "monthly", "monthly": "quarterly"}
ITEM_FIELDS = ("uid", "kind", "parent_uid", "position", "text", "status", "source",
               "client_words", "measure", "target", "target_on", "owner_kind", "owner_name",
               "frequency", "due_on")
SECTION_ORDER = tuple(PlanSection)


def _plan_stream(seed: int, p: _Person, today: date) -> random.Random:
    return random.Random(f"plans:{seed}:{p.id}:{today.isoformat()}")


class _Plans:
    """Writes a client's care plan versions, progress notes, interventions done and copies."""

    def __init__(self, *, seed: int, today: date, rows: _Rows) -> None:
        self.seed = seed
        self.today = today
        self.rows = rows

    def plans(self, p: _Person) -> None:
        if not p.consented:
            return
        rng = _plan_stream(self.seed, p, self.today)
        if p.role == "draft_intake":
            _Client(self, p, rng).first_draft()
        elif p.health is not None or rng.random() >= P_NO_PLAN_UNASSESSED:
            _Client(self, p, rng).versions()


class _Client:
    """One client's plans: the themes of their problems, then the versions."""

    def __init__(self, plans: _Plans, p: _Person, rng: random.Random) -> None:
        self.rows, self.today, self.p, self.rng = plans.rows, plans.today, p, rng
        self.review_days = plan_review_days(p.tier)
        self.by = rng.choice(txt.CARE_MANAGERS)
        carer = p.caregivers[0] if p.caregivers else None
        self.carer_name = f"{carer[0]} ({carer[1]})" if carer else None
        self.carer = self.carer_name or "the family"
        self.themes, self.spare = self._themes()
        self.done_on: dict[str, date] = {}
        """A one-off intervention's uid -> the day it was done."""
        self.undated: set[str] = set()
        """Repeating interventions planned with no date: a draft keeps them so."""
        self.finalised: set[str] = set()
        """The uids of the items in a finalised version."""

    # what the plan is about ---------------------------------------------------------------
    def _themes(self) -> tuple[list[tuple], list[tuple]]:
        """(theme, source, condition name) of the problems: the first few in the first plan,
        the rest (a finding of a later assessment) added at a review."""
        p, found, seen = self.p, [], set()
        for spec, condition_id in zip(p.conditions, p.condition_ids, strict=True):
            tag = txt.CONDITION_THEMES.get(spec.key)
            if spec.key in p.remitted or tag in seen:
                continue
            if tag is None:
                if len(found) < 2 and "other" not in seen:
                    seen.add("other")
                    found.append((txt.OTHER_CONDITION, f"condition:{condition_id}", spec.name))
                continue
            seen.add(tag)
            found.append((txt.THEMES[tag], f"condition:{condition_id}", spec.name))
        later = []
        for code, tag in self._findings():
            if tag not in seen:
                seen.add(tag)
                later.append((txt.THEMES[tag], f"suggestion:{code}", None))
        first = found[:3] + later[:1]
        return first, found[3:4] + later[1:]

    def _findings(self) -> list[tuple[str, str]]:
        """The assessment's suggested problems this demo plans for (`suggest_problems` codes)."""
        h = self.p.health
        if h is None:
            return []
        needs = h.social[:h.levels["ahc_hrsn"]]
        found = [("fall_risk", "falls")] if h.levels["steadi"] >= 1 else []
        found += [(code, tag) for code, tag, need in (
            ("food_insecurity", "food", "food"),
            ("transportation_barrier", "ride", "transportation")) if need in needs]
        if h.levels["phq9"] >= 10:
            found.append(("depression", "mood"))
        return found

    # versions -------------------------------------------------------------------------------
    def versions(self) -> None:
        """Up to three finalised versions, the last active, and sometimes a draft after it."""
        rng, p, today = self.rng, self.p, self.today
        start = min(today, (p.intake_on or p.enrolled_on) + timedelta(days=rng.randint(0, 4)))
        active = p.status == "active"
        if active:
            draw = rng.random()
            review = (today - timedelta(days=rng.randint(1, 14)) if draw < P_LATE
                      else today if draw < P_LATE + P_TODAY
                      else today + timedelta(days=rng.randint(1, self.review_days - 1)))
            last = review - timedelta(days=self.review_days)
        else:
            last = (p.status_on or today) - timedelta(days=rng.randint(5, 60))
        count = rng.choices((1, 2, 3), VERSION_WEIGHTS[p.tier])[0]
        days = [max(start, last)]
        while len(days) < count and days[-1] - timedelta(days=self.review_days + 5) >= start:
            days.append(days[-1] - timedelta(days=self.review_days + rng.randint(-5, 5)))
        days.reverse()
        items, sections = self._first_content(days[0])
        older = None
        for number, day in enumerate(days, 1):
            if number > 1:
                items, sections = self._changed(items, sections, day)
            status = "active" if number == len(days) else "superseded"
            older = self._write(number, status, day, items, sections, older,
                                keep=number < len(days),
                                note=rng.choice(txt.DRAFT_NOTES) if number > 1 else None)
        self._done_and_progress(items, days[0])
        if active and rng.random() < P_DRAFT:
            draft_items, draft_sections = self._changed(items, sections, today)
            self._write(len(days) + 1, "draft", today - timedelta(days=rng.randint(0, 6)),
                        draft_items, draft_sections, None,
                        review=days[-1] + timedelta(days=self.review_days))

    def first_draft(self) -> None:
        """The client whose intake is under way: a first plan started from their conditions."""
        day = min(self.today, self.p.enrolled_on + timedelta(days=self.rng.randint(1, 3)))
        items, sections = self._first_content(day)
        self._write(1, "draft", day, items, sections, None)

    def _first_content(self, day: date) -> tuple[list[dict], dict[str, str]]:
        items: list[dict] = []
        for position, (theme, source, condition) in enumerate(self.themes):
            items += self._problem(theme, source, condition, day, position)
        return items, self._sections(day)

    def _problem(self, theme: txt.Theme, source: str, condition: str | None, day: date,
                 position: int) -> list[dict]:
        """A problem with its goal and the goal's interventions, planned on `day`."""
        rng, p = self.rng, self.p
        words = {"given": p.given, "carer": self.carer,
                 "doctor": self._doctor(source, condition)}
        problem = self._item("problem", None, position, theme.problem.format(
            condition=self._plain(condition)), "active", source=source)
        goal = self._item(
            "goal", problem["uid"], 0, theme.goal, "active", client_words=theme.client_words,
            measure=theme.measure, target=theme.target,
            target_on=day + timedelta(days=30 * theme.months + rng.randint(0, 14)))
        made = [problem, goal]
        for position, step in enumerate(theme.steps):
            first = step.first_due
            if first is None and step.frequency in FREQUENCY_DAYS:
                first = 0  # a habit starts with the plan, as finalising makes it
            due = None if first is None else day + timedelta(days=first + rng.randint(0, 6))
            name = {"family": self.carer_name, "care_team": words["doctor"]}.get(step.owner)
            text = step.text.format(**words)
            made.append(self._item(
                "intervention", goal["uid"], position, text[:1].upper() + text[1:],
                "in-progress" if due is None or due <= self.today else "scheduled",
                owner_kind=step.owner, owner_name=name, frequency=step.frequency, due_on=due))
            if step.first_due is None and due is not None:
                self.undated.add(made[-1]["uid"])
            if step.frequency == "once" and due is not None:
                self._plan_one_off(made[-1])
        return made

    def _plain(self, condition: str | None) -> str:
        """A condition of the client's in the plain words a client's copy uses."""
        return next((condition_words(spec.name, spec.icd10) for spec in self.p.conditions
                     if spec.name == condition), condition or "")

    def _doctor(self, source: str, condition: str | None) -> str:
        """Who on the care team sees to a problem: the specialist of its condition, or the
        primary care physician."""
        team = self.p.team
        for spec in self.p.conditions:
            if spec.name == condition and spec.specialty in team:
                return team[spec.specialty]
        return team.get("pcp", "the primary care physician")

    def _item(self, kind: str, parent: str | None, position: int, text: str, status: str,
              **values) -> dict:
        item = dict.fromkeys(ITEM_FIELDS)
        item.update(uid=f"{self.rng.getrandbits(128):032x}", kind=kind, parent_uid=parent,
                    position=position, text=text, status=status, **values)
        return item

    def _plan_one_off(self, item: dict) -> None:
        """When a one-off is done: mostly a few days after it fell due; a few are late still,
        none by more than ten days."""
        due, today = item["due_on"], self.today
        if due >= today:
            return
        late = (today - due).days
        if late <= 10 and self.rng.random() < P_ONE_OFF_LATE:
            return
        self.done_on[item["uid"]] = min(today - timedelta(days=1),
                                        due + timedelta(days=self.rng.randint(0, 3)))

    def _changed(self, items: list[dict], sections: dict[str, str],
                 day: date) -> tuple[list[dict], dict[str, str]]:
        """The next version: a copy (same uids) with one to three changes, at a review on
        `day`."""
        rng = self.rng
        items = [dict(item) for item in items]
        sections = dict(sections)
        changes = rng.sample(("problem", "slower", "goal_date", "section"), rng.randint(1, 3))
        for change in changes:
            if change == "problem" and self.spare:
                theme, source, condition = self.spare.pop(0)
                position = sum(i["kind"] == "problem" for i in items)
                items += self._problem(theme, source, condition, day, position)
            elif change == "slower":
                steps = [i for i in items if i["owner_kind"] == "care_manager"
                         and i["frequency"] in SLOWER]
                if steps:
                    step = rng.choice(steps)
                    step["frequency"] = SLOWER[step["frequency"]]
            elif change == "goal_date":
                goals = [i for i in items if i["kind"] == "goal" and i["target_on"] <= day]
                if goals:
                    goal = rng.choice(goals)
                    goal["target_on"] = day + timedelta(days=90)
            else:
                sections["symptom_management"] = (
                    sections.get("symptom_management", "") + " Reviewed the warning signs at "
                    f"the {day:%B} review.").strip()
        for item in items:  # a one-off done by now is completed in this version
            if (done := self.done_on.get(item["uid"])) is not None and done <= day:
                item["status"] = "completed"
        return items, sections

    # rows -----------------------------------------------------------------------------------
    def _write(self, number: int, status: str, day: date, items: list[dict],
               sections: dict[str, str], older: Plan | None, *, keep: bool = False,
               note: str | None = None, review: date | None = None) -> Plan | None:
        """One version's rows. A finalised one after `older` records what changed since it;
        with `keep`, returns it as a `Plan` (to work out what the next one changes). A draft
        keeps the active plan's `review` date."""
        rng, p = self.rng, self.p
        created = _at(day, rng.randint(540, 960))
        final = status != "draft"
        review = day + timedelta(days=self.review_days) if final else review
        summary = self._summary()
        ordered = tuple((str(k), sections[k]) for k in SECTION_ORDER if sections.get(k))
        plan = changes = None
        if keep or older is not None:
            plan = Plan(
                id=0, client_id=p.id, number=number, status=status, version=1,
                created_at=created, updated_at=created, review_due_on=review, summary=summary,
                finalised_at=None, finalised_by=None, change_note=None, changes=(),
                items=tuple(PlanItem(**item) for item in items), sections=ordered)
            if older is not None:
                changes = list(change_sentences(diff_plans(older, plan), plan, older))
        plan_id = self.rows.add(
            PLAN, client_id=p.id, number=number, status=status, created_at=created,
            updated_at=created, review_due_on=review, summary=summary,
            finalised_at=created if final else None, finalised_by=self.by if final else None,
            change_note=note if final else None,
            changes=(changes or []) if final else None)
        for item in items:
            if not final and item["uid"] in self.undated - self.finalised:
                item = {**item, "due_on": None, "status": "in-progress"}
            self.rows.add(ITEM, care_plan_id=plan_id, **item)
        if final:
            self.finalised.update(item["uid"] for item in items)
        for key, body in ordered:
            self.rows.add(SECTION, care_plan_id=plan_id, key=key, body=body)
        if final and rng.random() < 0.85:
            given = min(self.today, day + timedelta(days=rng.randint(0, 5)))
            method = rng.choice(txt.COPY_TO_CLIENT)
            to = self.carer_name if self.carer_name and rng.random() < 0.3 else (
                f"{p.given} {p.family}")
            self.rows.add(PLAN_COPY, care_plan_id=plan_id, given_on=given, method=method,
                          given_to=to, format="paper" if method in ("in_person", "mailed")
                          else "html", created_at=_at(given, rng.randint(540, 960)))
        return plan

    def _done_and_progress(self, items: list[dict], first_day: date) -> None:
        """The times the active plan's interventions were done, and notes on its goals."""
        rng, today = self.rng, self.today
        for item in items:
            uid, due = item["uid"], item["due_on"]
            if item["kind"] == "goal":
                self._progress(item, first_day)
            elif uid in self.done_on:
                self._done(uid, self.done_on[uid])
            elif (item["kind"] == "intervention"
                  and item["status"] == "in-progress" and due is not None
                  and (every := FREQUENCY_DAYS.get(item["frequency"]))):
                draw = rng.random()
                ahead = (-rng.randint(1, 5) if draw < P_LATE else 0 if draw < P_LATE + P_TODAY
                         else rng.randint(1, max(1, every - 1)))
                last = today + timedelta(days=ahead - every)
                if last < due:  # planned too lately to have been done then: done once, when due
                    last = due if due < today else None
                for _ in range(DONE_KEPT if last else 0):
                    if last < due or last >= today:
                        break
                    self._done(uid, last)
                    last -= timedelta(days=every)

    def _done(self, uid: str, day: date) -> None:
        self.rows.add(DONE, client_id=self.p.id, intervention_uid=uid, done_on=day,
                      note=None, created_at=_at(day, self.rng.randint(540, 990)))

    def _progress(self, goal: dict, first_day: date) -> None:
        rng, today = self.rng, self.today
        theme = next((t for t, *_ in self.themes if t.goal == goal["text"]), None)
        notes = theme.notes if theme else ("Talked through progress towards the goal.",)
        span = (today - first_day).days
        count = min(rng.choice((0, 1, 1, 2, 3)), span // 14)
        words = {"given": self.p.given, "carer": self.carer, "doctor": self.p.team.get(
            "pcp", "the doctor")}
        for k in range(1, count + 1):
            day = first_day + timedelta(days=span * k // (count + 1))
            achievement = ("in-progress" if k == 1 else
                           rng.choice(("improving", "improving", "no-change", "worsening",
                                       "achieved")))
            self.rows.add(PROGRESS, client_id=self.p.id, goal_uid=goal["uid"], noted_on=day,
                          achievement=achievement, note=rng.choice(notes).format(**words),
                          created_at=_at(day, rng.randint(540, 990)))

    # words ----------------------------------------------------------------------------------
    def _summary(self) -> str:
        p = self.p
        problems = ", ".join(t.problem.format(condition=self._plain(c)).split(" (")[0].lower()
                             for t, _s, c in self.themes[:3])
        return (f"{p.given} is {p.age} and lives with {len(p.conditions)} chronic conditions. "
                f"This plan works on {problems}. The care manager checks in every "
                f"{p.cadence} days, and the plan is reviewed every {self.review_days} days.")

    def _sections(self, day: date) -> dict[str, str]:
        rng, p = self.rng, self.p
        first = self.themes[0][0].client_words if self.themes else "Stay in my own home"
        matters = rng.choice(cat.MATTERS_MOST["younger" if p.younger else "older"])
        carer = (f"{self.carer_name} helps with {rng.choice(cat.CARE_TASKS_LIGHT)}; "
                 + rng.choice(("coping well.", "feels the strain some weeks; respite "
                               "discussed.", "works full time, so help is mostly evenings."))
                 if self.carer_name else cat.NO_CAREGIVER)
        meds = [m for m in p.meds if m["stopped_on"] is None]
        reconciled = max((m["last_reconciled_on"] for m in meds if m["last_reconciled_on"]),
                         default=None)
        services = [f"Referred for {need}." for need in sorted(p.needs)]
        team = "; ".join(f"{name} ({key if key != 'pcp' else 'primary care'})"
                         for key, name in p.team.items())
        return {
            "priorities": f"In {p.given}'s words: \"{first}\" and \"{matters}\".",
            "strengths": rng.choice(txt.STRENGTHS),
            "barriers": rng.choice(txt.BARRIERS),
            "expected_outcome": txt.OUTCOMES[p.tier],
            "symptom_management": " ".join(t.symptoms for t, *_ in self.themes if t.symptoms)
            or txt.SYMPTOMS_ANY,
            "medication_management": f"{len(meds)} medicines on the list; "
            + (f"reconciled {reconciled:%b %d, %Y}." if reconciled else "not yet reconciled.")
            + " Uses a weekly pill organiser.",
            "functional_assessment": self._function(),
            "environmental_evaluation": rng.choice(txt.HOMES),
            "caregiver_assessment": carer,
            "community_services": " ".join([*services, f"Coordinating with {team}."]),
        }

    def _function(self) -> str:
        h = self.p.health
        if h is None:
            return "Not assessed yet; manages self-care on their own by report."
        adl, iadl = h.levels["katz_adl"], h.levels["lawton_iadl"]
        if not adl and not iadl:
            return "Independent in self-care and everyday tasks (Katz ADL, Lawton IADL)."
        return (f"Needs help with {adl} of 6 self-care activities and {iadl} of 8 everyday "
                "tasks (Katz ADL, Lawton IADL).")

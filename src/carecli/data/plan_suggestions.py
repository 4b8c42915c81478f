"""Problems to add to a care plan with one key each: the client's active conditions (in plain
words, as the client's copy shows them: `condition_words`), and what
the latest completed assessment suggests (`clinical.suggestions`, the medication review's
non-adherence too), less those already in the plan (by their source)."""

from sqlalchemy import select

from carecli.clinical import suggest_problems
from carecli.clinical.suggestions import medication_problem
from carecli.data.db import Database
from carecli.data.models import Condition, Medication
from carecli.data.plan_prefill import LatestAssessment, latest_assessment
from carecli.data.plans import stored_items, stored_plan
from carecli.domain.care_plan import ProblemSuggestion
from carecli.domain.condition_words import condition_words
from carecli.domain.enums import ConditionStatus
from carecli.domain.history import instrument_name
from carecli.domain.plan_words import day_words

MEDICATION_REVIEW = "record"
"""The source `suggest_problems` gives a problem from the medication review."""


def problem_suggestions(*, db: Database, plan_id: int) -> tuple[ProblemSuggestion, ...]:
    with db.read() as session:
        plan = stored_plan(session, plan_id)
        taken = {row.source for row in stored_items(session, plan_id) if row.source}
        conditions = session.scalars(select(Condition).where(
            Condition.client_id == plan.client_id, Condition.status == ConditionStatus.ACTIVE)
            .order_by(Condition.name, Condition.id)).all()
        found = [ProblemSuggestion(f"condition:{c.id}", condition_words(c.name, c.icd10_code),
                                   f"Condition: {c.name}") for c in conditions]
        latest = latest_assessment(session, plan.client_id)
        if latest is not None:
            found += _from_assessment(session, plan.client_id, latest)
    return tuple(s for s in found if s.source not in taken)


def _from_assessment(session, client_id: int,
                     latest: LatestAssessment) -> list[ProblemSuggestion]:
    problems = suggest_problems(latest.scores)
    names = dict(session.execute(select(Medication.id, Medication.name)
                                 .where(Medication.client_id == client_id)).all())
    missed = latest.medicines(names, "not_taking", "unsure")
    if (medicines := medication_problem(missed)) is not None:
        problems.append(medicines)
    when = f"assessment of {day_words(latest.on)}"
    return [ProblemSuggestion(
        f"suggestion:{p.code}", p.description,
        f"{'Medication review' if p.source == MEDICATION_REVIEW else instrument_name(p.source)}"
        f" ({when})") for p in problems]

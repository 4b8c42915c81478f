"""What the record and the latest completed assessment already say about each care-plan
section, in sentences a nurse would write, so a first plan is never typed from nothing:
conditions (in plain words) and mood scores for symptom management, medicines and the
medication review for medication management, Katz and Lawton for function, home hazards,
social needs and falls for the environment, caregivers for the caregiver assessment, the care
team and referrals for community services, the client's own words for priorities. No code
ever shows.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from carecli.assessment.sections import HOME
from carecli.clinical import instrument
from carecli.clinical.instruments.function import LAWTON_POINT_UP_TO
from carecli.clinical.instruments.model import Score
from carecli.data.db import Database
from carecli.data.models import (
    Assessment,
    AssessmentAnswer,
    AssessmentScore,
    CareTeamMember,
    Condition,
    Medication,
    PersonalContact,
    Referral,
)
from carecli.domain.condition_words import condition_words
from carecli.domain.enums import ConditionStatus, PlanSection, label
from carecli.domain.history import instrument_name, local_date
from carecli.domain.plan_words import day_words
from carecli.words import counted

HRSN_ENVIRONMENT = {
    "housing": "Housing problem: no steady place to live, worried about losing it, or "
               "problems in the home (social needs screen)",
    "utilities": "Risk of a utility shut-off (social needs screen)",
    "safety": "Safety concern with someone close to the client: keep to the safety plan "
              "(social needs screen)",
}
HRSN_BARRIERS = {
    "food": "Food may run out without money for more (social needs screen)",
    "transportation": "No reliable transport to appointments or errands (social needs screen)",
}


@dataclass(frozen=True)
class LatestAssessment:
    """The client's latest completed assessment: its day, scores and answers."""

    id: int
    on: date
    scores: dict[str, Score]
    answers: dict[str, dict[str, Any]]

    def answer(self, section: str, item: str) -> Any:
        return self.answers.get(section, {}).get(item)

    def medicines(self, names: dict[int, str], *answers: str) -> list[str]:
        """The medicines (by id in `names`) the medication review answered with one of
        `answers` (`not_taking`, `unsure`)."""
        return [names[int(k[4:])] for k, v in self.answers.get("medications", {}).items()
                if v in answers and k.startswith("med_") and k[4:].isdigit()
                and int(k[4:]) in names]


def latest_assessment(session, client_id: int) -> LatestAssessment | None:
    row = session.scalars(select(Assessment).where(
        Assessment.client_id == client_id, Assessment.status == "completed")
        .order_by(Assessment.completed_at.desc(), Assessment.id.desc())).first()
    if row is None:
        return None
    scores = {s.instrument_id: Score(s.total, s.band, s.positive, frozenset(s.flags or ()),
                                     tuple(s.domains or ()))
              for s in session.scalars(select(AssessmentScore)
                                       .where(AssessmentScore.assessment_id == row.id))}
    answers: dict[str, dict[str, Any]] = {}
    for a in session.scalars(select(AssessmentAnswer)
                             .where(AssessmentAnswer.assessment_id == row.id)):
        answers.setdefault(a.instrument_id, {})[a.item_id] = a.value
    return LatestAssessment(row.id, local_date(row.completed_at or row.started_at), scores,
                            answers)


def section_suggestions(*, db: Database, client_id: int, today: date) -> dict[str, str]:
    with db.read() as session:
        return section_texts(session, client_id, today)


def section_texts(session, client_id: int, today: date) -> dict[str, str]:
    """Prefill text per `PlanSection` key (sections with nothing to say are left out)."""
    latest = latest_assessment(session, client_id)
    lines = {
        PlanSection.PRIORITIES: _priorities(latest),
        PlanSection.BARRIERS: _barriers(latest),
        PlanSection.SYMPTOM_MANAGEMENT: _symptoms(session, client_id, latest),
        PlanSection.MEDICATION_MANAGEMENT: _medicines(session, client_id, today, latest),
        PlanSection.FUNCTIONAL_ASSESSMENT: _function(latest),
        PlanSection.ENVIRONMENTAL_EVALUATION: _environment(latest),
        PlanSection.CAREGIVER_ASSESSMENT: _caregivers(session, client_id, latest),
        PlanSection.COMMUNITY_SERVICES: _community(session, client_id),
    }
    return {key.value: "\n".join(found) for key, found in lines.items() if found}


def _rows(session, model, client_id: int, *order) -> list:
    return list(session.scalars(select(model).where(model.client_id == client_id)
                                .order_by(*order, model.id)))


def _when(latest: LatestAssessment) -> str:
    return f"(assessment of {day_words(latest.on)})"


def _quote(text: Any) -> str | None:
    return f"“{text.strip()}”" if isinstance(text, str) and text.strip() else None


def _priorities(latest: LatestAssessment | None) -> list[str]:
    if latest is None:
        return []
    found = []
    if said := _quote(latest.answer("goals", "matters_most")):
        found.append(f"What matters most, in the client's words: {said}")
    if said := _quote(latest.answer("goals", "change")):
        found.append(f"One thing they would like to be different in three months: {said}")
    return found


def _barriers(latest: LatestAssessment | None) -> list[str]:
    hrsn = latest.scores.get("ahc_hrsn") if latest else None
    if hrsn is None:
        return []
    return [f"{HRSN_BARRIERS[d]} {_when(latest)}" for d in hrsn.domains if d in HRSN_BARRIERS]


def _symptoms(session, client_id: int, latest: LatestAssessment | None) -> list[str]:
    found = []
    conditions = list(dict.fromkeys(  # plain words; two codes may read the same
        condition_words(c.name, c.icd10_code)
        for c in _rows(session, Condition, client_id, Condition.name)
        if c.status == ConditionStatus.ACTIVE))
    if conditions:
        found.append(f"Conditions to watch: {', '.join(conditions)}.")
    for key, words in (("phq9", "depression symptoms"), ("gad7", "anxiety symptoms")):
        score = latest.scores.get(key) if latest else None
        if score is not None:
            band = f", {score.band.replace('_', ' ')} {words}" if score.band else ""
            found.append(f"{instrument_name(key)} score {score.total}{band} {_when(latest)}")
    phq2 = latest.scores.get("phq2") if latest else None
    if phq2 is not None and "phq9" not in latest.scores:
        result = "positive: complete a PHQ-9" if phq2.positive else "negative"
        found.append(f"PHQ-2 depression screen {result} {_when(latest)}")
    return found


def _medicines(session, client_id: int, today: date,
               latest: LatestAssessment | None) -> list[str]:
    current = [m for m in _rows(session, Medication, client_id, Medication.name)
               if m.stopped_on is None or m.stopped_on > today]
    found = []
    if current:
        listed = "; ".join(", ".join(p for p in (f"{m.name} {m.dose or ''}".strip(),
                                                 m.frequency) if p) for m in current)
        found.append(f"Takes {len(current)} medicine{'s' if len(current) > 1 else ''}: "
                     f"{listed}.")
        reconciled = [m.last_reconciled_on for m in current if m.last_reconciled_on]
        if reconciled:
            found.append(f"List last reconciled {day_words(max(reconciled))}.")
    if latest is not None:
        names = {m.id: m.name for m in _rows(session, Medication, client_id)}
        for code, words in (("not_taking", "Not taking"), ("unsure", "Unsure about")):
            if missed := latest.medicines(names, code):
                found.append(f"{words}: {', '.join(missed)} {_when(latest)}")
        if said := _quote(latest.answer("medications", "adherence")):
            found.append(f"Problems taking medicines, in the client's words: {said}")
    return found


def _function(latest: LatestAssessment | None) -> list[str]:
    if latest is None:
        return []
    found = []
    if (katz := latest.scores.get("katz_adl")) is not None:
        needs = [item.text.split(":")[0].lower() for item in instrument("katz_adl").items
                 if latest.answer("katz_adl", item.id) == 0]
        found.append(f"Self-care (Katz ADL {katz.total} of 6): "
                     + (f"needs help with {_listed(needs)}" if needs else "independent")
                     + f" {_when(latest)}")
    if (lawton := latest.scores.get("lawton_iadl")) is not None:
        needs = [item.text.lower() for item in instrument("lawton_iadl").items
                 if isinstance(value := latest.answer("lawton_iadl", item.id), int)
                 and value > LAWTON_POINT_UP_TO[item.id]]
        found.append(f"Everyday tasks (Lawton IADL {lawton.total} of 8): "
                     + (f"needs help with {_listed(needs)}" if needs else "independent")
                     + f" {_when(latest)}")
    return found


def _environment(latest: LatestAssessment | None) -> list[str]:
    if latest is None:
        return []
    found = []
    hazards = latest.answer("home", "hazards")
    if isinstance(hazards, list) and hazards:
        item = next(i for i in HOME if i.id == "hazards")
        words = [o.label.lower() for o in item.options if o.code in hazards]
        found.append(f"Hazards at home: {_listed(words)} {_when(latest)}")
    if said := _quote(latest.answer("home", "supports")):
        found.append(f"Equipment and supports in place: {said}")
    if (hrsn := latest.scores.get("ahc_hrsn")) is not None:
        found += [f"{HRSN_ENVIRONMENT[d]} {_when(latest)}" for d in hrsn.domains
                  if d in HRSN_ENVIRONMENT]
    if (steadi := latest.scores.get("steadi")) is not None and steadi.positive:
        found.append(f"Fall risk: yes to {steadi.total} of 3 STEADI fall questions "
                     f"{_when(latest)}")
    return found


def _caregivers(session, client_id: int, latest: LatestAssessment | None) -> list[str]:
    found = [f"Caregiver: {c.name} ({c.relation})" + (f", {c.phone}" if c.phone else "")
             for c in _rows(session, PersonalContact, client_id, PersonalContact.name)
             if c.is_caregiver]
    if latest is not None:
        if said := _quote(latest.answer("caregiver", "who")):
            found.append(f"Who helps, and with what: {said}")
        hours = latest.answer("caregiver", "hours")
        if isinstance(hours, int) and not isinstance(hours, bool):
            found.append(f"About {counted(hours, 'hour')} of help in a usual "
                         "week.")
        if said := _quote(latest.answer("caregiver", "strain")):
            found.append(f"How the caregiver is coping, in their words: {said}")
    return found


def _community(session, client_id: int) -> list[str]:
    team = _rows(session, CareTeamMember, client_id, CareTeamMember.is_primary.desc(),
                 CareTeamMember.name)
    found = [f"Care team: {m.name} ({', '.join(p for p in (m.role, m.organisation) if p)})"
             for m in team]
    for r in _rows(session, Referral, client_id, Referral.made_on):
        need = f" for {label(r.need).lower()}" if r.need else ""
        found.append(f"Referred to {r.to_whom}{need} on {day_words(r.made_on)} "
                     f"({label(r.status).lower()})")
    return found


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"

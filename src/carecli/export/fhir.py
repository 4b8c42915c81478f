"""The care plan as a FHIR R4 Bundle (type `collection`) for a practice's EHR: the Patient, the
CarePlan (US Core: narrative, `assess-plan` category, subject), its Goals, the CareTeam and a
Condition for each problem it addresses (the record's coded condition, or a health concern).

Every resource's `fullUrl` is a `urn:uuid:` that stays the same from one export to the next: a
goal's or problem's is its plan-item uid, which it keeps across plan versions. Codes come from
carecli's enums, checked here (fhir.resources does not check code values); the Bundle is
validated against the R4B models before it is handed out."""

import json
import uuid
from enum import StrEnum
from typing import Any

from carecli.data.errors import CareDataError
from carecli.domain.care_plan import Plan, PlanItem, PlanStanding
from carecli.domain.enums import (
    CarePlanStatus,
    ConditionStatus,
    GoalAchievement,
    GoalLifecycle,
    InterventionStatus,
    PlanItemKind,
    ProblemStatus,
)
from carecli.domain.plan_outline import next_due
from carecli.export import MARKER, words
from carecli.export.document import plan_document
from carecli.export.html import render
from carecli.plain import clean

NAMESPACE = uuid.UUID("6f1d3c52-8a47-4b1e-9c3a-2d5e7f901b64")
"""For the uuids of what has no uid of its own (the patient, the plan, its care team)."""
ICD10 = "http://hl7.org/fhir/sid/icd-10-cm"
CAREPLAN_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/careplan-category"
US_CORE_CAREPLAN = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-careplan"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
US_CORE_CONDITION_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/condition-category"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
GOAL_ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement"

PLAN_STATUS = {CarePlanStatus.DRAFT: "draft", CarePlanStatus.ACTIVE: "active",
               CarePlanStatus.SUPERSEDED: "revoked"}
"""A superseded version is no longer in effect: FHIR's `revoked`."""
CONDITION_CLINICAL_STATUS = {
    ConditionStatus.ACTIVE: "active", ConditionStatus.IN_REMISSION: "remission",
    ConditionStatus.RESOLVED: "resolved",
    ProblemStatus.INACTIVE: "inactive",
}
"""The record's condition statuses and a plan problem's (active, resolved, inactive)."""
GENDER = {"female": "female", "male": "male", "other": "other"}


def plan_bundle_json(plan: Plan, record: Any, standing: PlanStanding) -> str:
    """The Bundle as JSON text; JSON escapes C0 controls, and C1 controls (which it keeps)
    are dropped, so the text is safe to print to a terminal."""
    text = json.dumps(plan_bundle(plan, record, standing), ensure_ascii=False, indent=2)
    return clean(text) + "\n"


def plan_bundle(plan: Plan, record: Any, standing: PlanStanding) -> dict[str, Any]:
    """The Bundle as JSON-ready data, validated against fhir.resources' R4B models."""
    from fhir.resources.R4B.bundle import Bundle

    bundle = _cleaned(_Builder(plan, record, standing).bundle())
    Bundle.model_validate(bundle)  # a structural mistake fails here, never at the EHR
    return bundle


def _cleaned(value: Any) -> Any:
    """`value` with control characters (bar tab and newline) taken out of every string: text
    another program stored may hold them, and XHTML (the narrative) and FHIR strings may not."""
    if isinstance(value, dict):
        return {key: _cleaned(v) for key, v in value.items()}
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    return clean(value) if isinstance(value, str) else value


def uid_uuid(key: str) -> str:
    """A plan item's uid (uuid4 hex) as a uuid; any other key, a uuid made from it."""
    try:
        return str(uuid.UUID(hex=key))
    except ValueError:
        return str(uuid.uuid5(NAMESPACE, key))


def _code(codes: type[StrEnum], value: Any) -> Any:
    """`value` as a member of `codes`; a value carecli does not know (stored by another
    program) refuses the copy with a sentence rather than sending a wrong code."""
    try:
        return codes(value)
    except ValueError:
        raise CareDataError(f"The plan holds a status carecli does not know ({clean(value)!r}), "
                            "perhaps stored by another program, so no FHIR copy was made; "
                            "set the status in the plan and export again.") from None


def _ref(key: str, display: str | None = None) -> dict[str, str]:
    ref = {"reference": f"urn:uuid:{key}"}
    return ref | {"display": display} if display else ref


def _concept(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    coding = {"system": system, "code": code} | ({"display": display} if display else {})
    return {"coding": [coding]}


class _Builder:
    def __init__(self, plan: Plan, record: Any, standing: PlanStanding) -> None:
        self.plan = plan
        self.record = record
        self.standing = standing
        self.doc = plan_document(plan, record, standing, clinical=True)
        client = record.client
        self.patient = uid_uuid(f"client:{client.id}")
        self.team = uid_uuid(f"care-team:{client.id}")
        self.conditions = {c.id: c for c in record.entries.get("condition", ())}
        self.problem_of = {i.uid: self._problem_uid(i) for i in plan.items}

    def _problem_uid(self, item: PlanItem) -> str | None:
        """The problem an item hangs under (itself for a problem)."""
        while item is not None and item.kind != PlanItemKind.PROBLEM:
            item = self.plan.item(item.parent_uid) if item.parent_uid else None
        return item.uid if item is not None else None

    def bundle(self) -> dict[str, Any]:
        problems = [i for i in self.plan.items if i.kind == PlanItemKind.PROBLEM]
        goals = [i for i in self.plan.items if i.kind == PlanItemKind.GOAL]
        members = self.record.entries.get("care_team", ())
        resources = [(self.patient, self.patient_resource())]
        resources.append((uid_uuid(f"care-plan:{self.plan.id}"), self.care_plan(
            problems, goals, has_team=bool(members))))
        resources += [(uid_uuid(g.uid), self.goal(g)) for g in goals]
        if members:
            resources.append((self.team, self.care_team(members)))
        resources += [(uid_uuid(p.uid), self.condition(p)) for p in problems]
        return {
            "resourceType": "Bundle",
            "id": uid_uuid(f"bundle:care-plan:{self.plan.id}"),
            "meta": {"tag": [{"system": "urn:carecli", "code": "care-plan-export",
                              "display": MARKER}]},
            "type": "collection",
            "entry": [{"fullUrl": f"urn:uuid:{key}", "resource": {"id": key} | resource}
                      for key, resource in resources],
        }

    def patient_resource(self) -> dict[str, Any]:
        c = self.record.client
        names = [{"use": "official", "family": c.family_name, "given": [c.given_name]}]
        if c.preferred_name:
            names.append({"use": "usual", "given": [c.preferred_name]})
        patient: dict[str, Any] = {"resourceType": "Patient", "name": names,
                                   "gender": GENDER.get(c.sex, "unknown")}
        if c.date_of_birth:
            patient["birthDate"] = c.date_of_birth.isoformat()
        telecom = [{"system": s, "value": v} for s, v in (("phone", c.phone),
                                                          ("email", c.email)) if v]
        if telecom:
            patient["telecom"] = telecom
        if c.address:
            patient["address"] = [{"text": c.address}]
        if c.language:
            patient["communication"] = [{"language": {"text": c.language}}]
        return patient

    def care_plan(self, problems: list[PlanItem], goals: list[PlanItem],
                  has_team: bool) -> dict[str, Any]:
        plan = self.plan
        resource: dict[str, Any] = {
            "resourceType": "CarePlan",
            "meta": {"profile": [US_CORE_CAREPLAN]},
            "text": {"status": "generated",
                     "div": render("narrative.xhtml.j2", doc=self.doc).strip()},
            "status": PLAN_STATUS[_code(CarePlanStatus, plan.status)],
            "intent": "plan",
            "category": [_concept(CAREPLAN_CATEGORY, "assess-plan",
                                  "Assessment and Plan of Treatment")],
            "title": self.doc.title,
            "subject": _ref(self.patient, self.doc.client),
        }
        if plan.created_at is not None:  # None: stored unreadably by another program
            resource["created"] = plan.created_at.isoformat()
        if plan.summary:
            resource["description"] = plan.summary
        if plan.finalised_by:
            resource["author"] = {"display": plan.finalised_by}
        if has_team:
            resource["careTeam"] = [_ref(self.team)]
        if problems:
            resource["addresses"] = [_ref(uid_uuid(p.uid), p.text) for p in problems]
        if goals:
            resource["goal"] = [_ref(uid_uuid(g.uid), g.text) for g in goals]
        activities = [self.activity(i) for i in plan.items
                      if i.kind == PlanItemKind.INTERVENTION]
        if activities:
            resource["activity"] = activities
        return resource

    def activity(self, item: PlanItem) -> dict[str, Any]:
        detail: dict[str, Any] = {"status": _code(InterventionStatus, item.status).value,
                                  "description": item.text}
        problem = self.problem_of.get(item.uid)
        if problem:
            detail["reasonReference"] = [_ref(uid_uuid(problem))]
        parent = self.plan.item(item.parent_uid) if item.parent_uid else None
        if parent is not None and parent.kind == PlanItemKind.GOAL:
            detail["goal"] = [_ref(uid_uuid(parent.uid))]
        last = self.standing.last_done.get(item.uid)
        if scheduled := words.when(item.frequency, next_due(item, last)):
            detail["scheduledString"] = scheduled
        if who := words.who(item.owner_kind, item.owner_name, clinical=True):
            detail["performer"] = [{"display": who}]
        activity: dict[str, Any] = {"detail": detail}
        if last is not None:
            activity["progress"] = [{"time": last.isoformat(),
                                     "text": f"Last done on {words.day(last)}"}]
        return activity

    def goal(self, item: PlanItem) -> dict[str, Any]:
        achievement = _code(GoalAchievement, self.standing.achievements.get(item.uid)
                            or GoalAchievement.IN_PROGRESS)
        goal: dict[str, Any] = {
            "resourceType": "Goal",
            "lifecycleStatus": _code(GoalLifecycle, item.status).value,
            "achievementStatus": _concept(GOAL_ACHIEVEMENT, achievement.value,
                                          achievement.value.replace("-", " ").title()),
            "description": {"text": item.text},
            "subject": _ref(self.patient, self.doc.client),
        }
        target: dict[str, Any] = {}
        if item.measure:
            target["measure"] = {"text": item.measure}
        if item.target:
            target["detailString"] = item.target
        if item.target_on:
            target["dueDate"] = item.target_on.isoformat()
        if target:
            goal["target"] = [target]
        if problem := self.problem_of.get(item.uid):
            goal["addresses"] = [_ref(uid_uuid(problem))]
        if item.client_words:
            goal["expressedBy"] = _ref(self.patient, self.doc.client)
            goal["note"] = [{"text": f"In the client's words: {item.client_words}"}]
        return goal

    def care_team(self, members) -> dict[str, Any]:
        participants = []
        for m in members:
            participant: dict[str, Any] = {"member": {"display": m.name}}
            if m.role:
                participant["role"] = [{"text": m.role}]
            if m.organisation:
                participant["onBehalfOf"] = {"display": m.organisation}
            participants.append(participant)
        return {"resourceType": "CareTeam", "status": "active",
                "name": f"Care team of {self.doc.client}",
                "subject": _ref(self.patient, self.doc.client), "participant": participants}

    def condition(self, item: PlanItem) -> dict[str, Any]:
        """The record's condition for a problem made from one, else a health concern."""
        subject = _ref(self.patient, self.doc.client)
        found = self._record_condition(item.source)
        if found is None:
            status = CONDITION_CLINICAL_STATUS[_code(ProblemStatus, item.status)]
            return {"resourceType": "Condition",
                    "clinicalStatus": _concept(CONDITION_CLINICAL, status),
                    "category": [_concept(US_CORE_CONDITION_CATEGORY, "health-concern",
                                          "Health Concern")],
                    "code": {"text": item.text}, "subject": subject}
        code: dict[str, Any] = {"text": found.name}
        if found.icd10_code:
            code["coding"] = [{"system": ICD10, "code": found.icd10_code, "display": found.name}]
        condition = {"resourceType": "Condition",
                     "clinicalStatus": _concept(
                         CONDITION_CLINICAL,
                         CONDITION_CLINICAL_STATUS[_code(ConditionStatus, found.status)]),
                     "category": [_concept(CONDITION_CATEGORY, "problem-list-item",
                                           "Problem List Item")],
                     "code": code, "subject": subject}
        if found.onset_on:
            condition["onsetDateTime"] = found.onset_on.isoformat()
        return condition

    def _record_condition(self, source: str | None):
        """The record's condition a `condition:<id>` source names, if it is still there."""
        if not source or not source.startswith("condition:"):
            return None
        key = source.removeprefix("condition:")
        return self.conditions.get(int(key)) if key.isdecimal() else None

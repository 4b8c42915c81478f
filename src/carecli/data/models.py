"""Every table of carecli, in one module (so relationships never import each other in circles).

Table models do not validate: input reaches them only through the models in `inputs.py`.
Rows of a client cascade on delete at the database level, so nothing is ever orphaned.
Rows a form edits are `Versioned`: every update bumps their `version`, and an update or delete
of a version that is no longer the stored one changes nothing (see `data/versions.py`).
"""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, UniqueConstraint, text
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from carecli.data.types import UTCDateTime, utcnow
from carecli.domain.fields import NAME_MAX, TEXT_MAX


def _ts(nullable: bool = False, **kwargs: Any) -> Any:
    return Field(sa_type=UTCDateTime, nullable=nullable, **kwargs)


def _client_fk() -> Any:
    return Field(
        sa_column=Column(
            Integer, ForeignKey("client.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )


def _fk(target: str, *, nullable: bool = False, ondelete: str = "CASCADE") -> Any:
    return Field(
        sa_column=Column(
            Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True
        )
    )


class Versioned(SQLModel):
    """A row edited through forms: SQLAlchemy bumps `version` on every ORM update and adds
    `AND version = <as loaded>` to it, so a write over a newer version fails."""

    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})

    @declared_attr  # type: ignore[misc]
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805
        return {"version_id_col": cls.__table__.c.version}


class DatabaseMeta(SQLModel, table=True):
    """One row: the database's generation, a random token replaced whenever its clients are
    replaced wholesale (`carecli demo --force`), so an open app notices it is not the same
    caseload any more and ids it holds mean other people now."""

    __tablename__ = "carecli_meta"
    id: int = Field(default=1, primary_key=True)
    generation: str = Field(max_length=32)


class Client(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    given_name: str = Field(max_length=NAME_MAX)
    family_name: str = Field(max_length=NAME_MAX, index=True)
    preferred_name: str | None = Field(default=None, max_length=NAME_MAX)
    date_of_birth: date | None = None
    sex: str = Field(default="unknown", max_length=16)
    pronouns: str | None = Field(default=None, max_length=40)
    language: str = Field(default="English", max_length=60)
    interpreter_needed: bool = False
    phone: str | None = Field(default=None, max_length=40)
    email: str | None = Field(default=None, max_length=254)
    address: str | None = Field(default=None, max_length=400)
    status: str = Field(default="active", max_length=16, index=True)
    status_reason: str | None = Field(default=None, max_length=400)
    status_changed_on: date | None = None
    enrolled_on: date
    risk_tier: str = Field(default="moderate", max_length=16, index=True)
    risk_reason: str | None = Field(default=None, max_length=400)
    risk_set_by_hand: bool = False
    cadence_days: int | None = None
    insurance_id: str | None = Field(default=None, max_length=40)
    notes: str | None = Field(default=None, max_length=TEXT_MAX)
    created_at: datetime = _ts(default_factory=utcnow)
    updated_at: datetime = _ts(default_factory=utcnow)


class Consent(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = _client_fk()
    kind: str = Field(max_length=40)
    given_on: date
    method: str = Field(max_length=16)
    witnessed_by: str | None = Field(default=None, max_length=NAME_MAX)
    revoked_on: date | None = None
    note: str | None = Field(default=None, max_length=TEXT_MAX)


class Condition(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = _client_fk()
    name: str = Field(max_length=200)
    icd10_code: str | None = Field(default=None, max_length=10)
    chronic: bool = True
    onset_on: date | None = None
    status: str = Field(default="active", max_length=16)
    note: str | None = Field(default=None, max_length=TEXT_MAX)


class Medication(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = _client_fk()
    name: str = Field(max_length=200)
    dose: str | None = Field(default=None, max_length=80)
    route: str | None = Field(default=None, max_length=40)
    frequency: str | None = Field(default=None, max_length=80)
    prescriber: str | None = Field(default=None, max_length=NAME_MAX)
    started_on: date | None = None
    stopped_on: date | None = None
    last_reconciled_on: date | None = None
    note: str | None = Field(default=None, max_length=TEXT_MAX)


class CareTeamMember(Versioned, table=True):
    __tablename__ = "care_team_member"
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = _client_fk()
    name: str = Field(max_length=NAME_MAX)
    role: str = Field(max_length=80)
    organisation: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=40)
    fax: str | None = Field(default=None, max_length=40)
    email: str | None = Field(default=None, max_length=254)
    is_primary: bool = False


class PersonalContact(Versioned, table=True):
    __tablename__ = "personal_contact"
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = _client_fk()
    name: str = Field(max_length=NAME_MAX)
    relation: str = Field(max_length=60)
    phone: str | None = Field(default=None, max_length=40)
    email: str | None = Field(default=None, max_length=254)
    is_emergency_contact: bool = False
    may_receive_health_info: bool = False
    is_caregiver: bool = False
    note: str | None = Field(default=None, max_length=TEXT_MAX)


class StatusChange(SQLModel, table=True):
    __tablename__ = "status_change"
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = _client_fk()
    changed_at: datetime = _ts(default_factory=utcnow)
    effective_on: date = Field(default_factory=date.today)
    from_status: str = Field(max_length=16)
    to_status: str = Field(max_length=16)
    reason: str | None = Field(default=None, max_length=400)


class Assessment(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = _client_fk()
    kind: str = Field(max_length=16)
    status: str = Field(default="draft", max_length=16)
    started_at: datetime = _ts(default_factory=utcnow)
    completed_at: datetime | None = _ts(nullable=True, default=None)
    steps: list[str] = Field(default_factory=list, sa_type=JSON)
    """The wizard's steps for this assessment (an intake has all; a re-assessment a few)."""
    current_step: str | None = Field(default=None, max_length=60)
    note: str | None = Field(default=None, max_length=TEXT_MAX)


class AssessmentAnswer(SQLModel, table=True):
    __tablename__ = "assessment_answer"
    __table_args__ = (UniqueConstraint("assessment_id", "instrument_id", "item_id"),)
    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = _fk("assessment.id")
    instrument_id: str = Field(max_length=40)
    item_id: str = Field(max_length=60)
    value: Any = Field(default=None, sa_type=JSON)


class AssessmentScore(SQLModel, table=True):
    __tablename__ = "assessment_score"
    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = _fk("assessment.id")
    instrument_id: str = Field(max_length=40)
    instrument_version: str = Field(max_length=20)
    total: int | None = None
    band: str | None = Field(default=None, max_length=40)
    positive: bool = False
    flags: list[str] = Field(default_factory=list, sa_type=JSON)
    domains: list[str] = Field(default_factory=list, sa_type=JSON)


class SafetyFinding(SQLModel, table=True):
    """A safety finding, kept from the moment its answer was saved until a noted follow-up:
    it outlives its assessment (a discarded draft keeps it, with the answers that raised it)."""

    __tablename__ = "safety_finding"
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = _client_fk()
    assessment_id: int | None = _fk("assessment.id", nullable=True, ondelete="SET NULL")
    flag: str = Field(max_length=40)
    instrument_id: str = Field(max_length=40)
    answers: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    """The answers that raised it, item id -> code, as given."""
    found_at: datetime = _ts(default_factory=utcnow, index=True)
    action_note: str | None = Field(default=None, max_length=TEXT_MAX)
    """What the care manager did at once (the safety screen's required note)."""
    noted_at: datetime | None = _ts(nullable=True, default=None)


class CarePlan(Versioned, table=True):
    """One version of a client's care plan. A client has at most one `draft` (the only version
    that changes) and at most one `active` plan (the current finalised one); finalising a draft
    makes it active and the previous active one `superseded`. Every change to a draft's items or
    sections bumps this row's `version`, so two windows editing one plan cannot save over each
    other."""

    __tablename__ = "care_plan"
    __table_args__ = (
        UniqueConstraint("client_id", "number", name="uq_care_plan_client_number"),
        Index("ix_care_plan_one_draft", "client_id", unique=True,
              sqlite_where=text("status = 'draft'"), postgresql_where=text("status = 'draft'")),
        Index("ix_care_plan_one_active", "client_id", unique=True,
              sqlite_where=text("status = 'active'"), postgresql_where=text("status = 'active'")),
    )
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = _client_fk()
    number: int = 1
    """The plan's version number for the client: 1, 2, ... in the order drafts were started."""
    status: str = Field(default="draft", max_length=16)
    created_at: datetime = _ts(default_factory=utcnow)
    updated_at: datetime = _ts(default_factory=utcnow)
    review_due_on: date | None = None
    summary: str | None = Field(default=None, max_length=TEXT_MAX)
    """A short narrative of the plan, in plain words (FHIR CarePlan.description)."""
    finalised_at: datetime | None = _ts(nullable=True, default=None)
    finalised_by: str | None = Field(default=None, max_length=NAME_MAX)
    change_note: str | None = Field(default=None, max_length=TEXT_MAX)
    """What the care manager wrote about this version when finalising it."""
    changes: list[str] | None = Field(default=None, sa_type=JSON)
    """What changed since the previous finalised version, one sentence each, worked out when
    this version was finalised."""


class CarePlanItem(SQLModel, table=True):
    """A problem, goal or intervention of one plan version. `uid` is its identity across
    versions (a new draft copies every item with its uid), so versions compare item by item.
    Goals hang under a problem; interventions under a goal or straight under a problem."""

    __tablename__ = "care_plan_item"
    __table_args__ = (UniqueConstraint("care_plan_id", "uid"),)
    id: int | None = Field(default=None, primary_key=True)
    care_plan_id: int = _fk("care_plan.id")
    uid: str = Field(max_length=32)
    kind: str = Field(max_length=16)
    """`PlanItemKind`: problem, goal, intervention."""
    parent_uid: str | None = Field(default=None, max_length=32)
    position: int = 0
    """Order among its siblings."""
    text: str = Field(max_length=1000)
    """The problem or need; the goal; what is done."""
    status: str = Field(max_length=24)
    """Problem: `ProblemStatus`; goal: FHIR Goal.lifecycleStatus; intervention: FHIR
    CarePlan.activity.detail.status."""
    source: str | None = Field(default=None, max_length=80)
    """Where a problem came from: `condition:<id>`, `suggestion:<code>`, or None (typed)."""
    client_words: str | None = Field(default=None, max_length=1000)
    """A goal in the client's own words."""
    measure: str | None = Field(default=None, max_length=400)
    """A goal's target: what is measured."""
    target: str | None = Field(default=None, max_length=200)
    """A goal's target: how much."""
    target_on: date | None = None
    """A goal's target: by when."""
    owner_kind: str | None = Field(default=None, max_length=16)
    """An intervention's owner: `InterventionOwner`."""
    owner_name: str | None = Field(default=None, max_length=NAME_MAX)
    frequency: str | None = Field(default=None, max_length=16)
    """An intervention's `InterventionFrequency`."""
    due_on: date | None = None
    """An intervention's next due date as planned."""


class CarePlanSection(SQLModel, table=True):
    """One of the plan's CCM elements that are not problems (priorities, strengths, barriers,
    expected outcome and prognosis, ...), as text: `PlanSection` names them."""

    __tablename__ = "care_plan_section"
    __table_args__ = (UniqueConstraint("care_plan_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    care_plan_id: int = _fk("care_plan.id")
    key: str = Field(max_length=40)
    body: str = Field(max_length=TEXT_MAX)


class CarePlanCopy(SQLModel, table=True):
    """A copy of a plan version given to the client or family: when, how, to whom."""

    __tablename__ = "care_plan_copy"
    id: int | None = Field(default=None, primary_key=True)
    care_plan_id: int = _fk("care_plan.id")
    given_on: date
    method: str = Field(max_length=16)
    """`CopyMethod`: in person, mailed, emailed, portal, other."""
    given_to: str = Field(max_length=NAME_MAX)
    format: str | None = Field(default=None, max_length=16)
    """`html`, `markdown`, `fhir` or `paper`."""
    created_at: datetime = _ts(default_factory=utcnow)


class GoalProgress(SQLModel, table=True):
    """A dated progress note on a goal, by its uid (so it follows the goal across versions),
    with the goal's achievement status as of that day (FHIR Goal.achievementStatus)."""

    __tablename__ = "goal_progress"
    __table_args__ = (Index("ix_goal_progress_client_goal", "client_id", "goal_uid"),)
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = _client_fk()
    goal_uid: str = Field(max_length=32)
    noted_on: date
    achievement: str | None = Field(default=None, max_length=24)
    note: str = Field(max_length=TEXT_MAX)
    created_at: datetime = _ts(default_factory=utcnow)


class InterventionDone(SQLModel, table=True):
    """An intervention carried out on a day (by its uid): moves its next due date on by its
    frequency, or ends a one-off."""

    __tablename__ = "intervention_done"
    __table_args__ = (
        Index("ix_intervention_done_client_uid", "client_id", "intervention_uid", "done_on"),
    )
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = _client_fk()
    intervention_uid: str = Field(max_length=32)
    done_on: date
    note: str | None = Field(default=None, max_length=TEXT_MAX)
    created_at: datetime = _ts(default_factory=utcnow)


class ContactLog(Versioned, table=True):
    """One contact or attempt with or about a client: the source of billable minutes. Never
    deleted; a correction keeps what it replaced in `contact_correction`."""

    __tablename__ = "contact_log"
    __table_args__ = (
        Index("ix_contact_log_client_time", "client_id", "occurred_at"),
        Index("ix_contact_log_client_success_time", "client_id", "successful", "occurred_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = _client_fk()
    occurred_at: datetime = _ts(default_factory=utcnow, index=True)
    mode: str = Field(max_length=16)
    outcome: str = Field(max_length=16)
    successful: bool | None = False
    """True exactly when the outcome is `reached` with the client or their family; False an
    attempt that did not reach them (a retry falls due); None communication about the client
    with the care team (a fax, a call with the PCP): it counts minutes but is not a contact
    with the client, so it neither resets the cadence nor counts as an attempt."""
    minutes: int = 0
    timer_minutes: int | None = None
    """The call timer's own figure when the minutes were typed or changed by hand (audit)."""
    with_whom: str | None = Field(default=None, max_length=NAME_MAX)
    with_whom_kind: str | None = Field(default=None, max_length=16)
    """`ContactParty`: the client, a family contact, a care-team member, or someone typed."""
    note: str | None = Field(default=None, max_length=TEXT_MAX)
    topics: list[str] | None = Field(default=None, sa_type=JSON)
    """Topics discussed: chosen from a list, or typed."""
    education: list[str] | None = Field(default=None, sa_type=JSON)
    """Education given: chosen from a list, or typed."""
    logged_at: datetime | None = _ts(nullable=True, default_factory=utcnow)
    """When it was written down (a call may be logged after the fact)."""


class ContactCorrection(SQLModel, table=True):
    """A correction of a logged contact: why, when, and the values it replaced."""

    __tablename__ = "contact_correction"
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = _fk("contact_log.id")
    client_id: int = _client_fk()
    corrected_at: datetime = _ts(default_factory=utcnow)
    reason: str = Field(max_length=1000)
    before: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    """The fields the correction changed, as they were."""


class CheckIn(Versioned, table=True):
    """A follow-up set by hand: a check-in or a task with a due date (a contact's follow-up,
    or scheduled from the queue). The cadence's own next check-in is worked out, not stored."""

    __tablename__ = "check_in"
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = _client_fk()
    kind: str = Field(default="check_in", max_length=16, sa_column_kwargs={
        "server_default": "check_in"})
    due_on: date = Field(index=True)
    reason: str | None = Field(default=None, max_length=200)
    note: str | None = Field(default=None, max_length=TEXT_MAX)
    status: str = Field(default="open", max_length=16, index=True)
    contact_id: int | None = _fk("contact_log.id", nullable=True, ondelete="SET NULL")
    """The reached contact that answered it (a check-in done); None while open."""
    created_at: datetime | None = _ts(nullable=True, default_factory=utcnow)
    done_at: datetime | None = _ts(nullable=True, default=None)


class Snooze(SQLModel, table=True):
    """A queue item put off to a chosen day, with the reason. `item_key` names the item
    (`cadence`, `tcm:<stay id>`, `check_in:<id>`, `referral:<id>`, `plan_review:<plan id>`);
    the latest snooze of an item counts, and only until its day comes."""

    __tablename__ = "snooze"
    __table_args__ = (Index("ix_snooze_client_item", "client_id", "item_key"),)
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = _client_fk()
    item_key: str = Field(max_length=60)
    until_on: date = Field(index=True)
    reason: str = Field(max_length=400)
    created_at: datetime = _ts(default_factory=utcnow)


class CallTimer(SQLModel, table=True):
    """A call timer that is running or paused, kept so it survives a restart or a crash: its
    start and the seconds spent paused. The row goes when the timer is stopped and logged or
    thrown away."""

    __tablename__ = "call_timer"
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = _client_fk()
    started_at: datetime = _ts(default_factory=utcnow)
    paused_at: datetime | None = _ts(nullable=True, default=None)
    """Set while paused."""
    paused_seconds: int = 0
    """Seconds spent paused before the current run."""


class ClientMonth(SQLModel, table=True):
    """What is marked for one client's calendar month: complex CCM (moderate or high
    complexity decision-making, plan established or substantially revised)."""

    __tablename__ = "client_month"
    __table_args__ = (UniqueConstraint("client_id", "month"),)
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = _client_fk()
    month: str = Field(max_length=7)
    """`YYYY-MM`."""
    complex: bool = False
    marked_at: datetime = _ts(default_factory=utcnow)


class HospitalStay(Versioned, table=True):
    """A hospital, emergency-department, observation or facility stay. A discharge starts the
    transitional care work (`clinical.tcm_deadlines`): the interactive contact (from the
    contact log), the medication reconciliation (`med_rec_on`) and the face-to-face visit
    (`visit_on`). The LACE answers the care manager confirmed are kept with their score."""

    __tablename__ = "hospital_stay"
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = _client_fk()
    kind: str = Field(default="inpatient", max_length=20)
    facility: str = Field(max_length=200)
    admitted_on: date
    discharged_on: date | None = Field(default=None, index=True)
    reason: str | None = Field(default=None, max_length=400)
    disposition: str | None = Field(default=None, max_length=24)
    """`StayDisposition`: where the client went."""
    complexity: str = Field(default="moderate", max_length=10,
                            sa_column_kwargs={"server_default": "moderate"})
    """`TcmComplexity`: sets the face-to-face deadline (7 or 14 days)."""
    acute_admission: bool | None = None
    """LACE "A": admitted unplanned (through the ED or urgent)."""
    charlson: int | None = None
    """LACE "C": the Charlson index as the care manager confirmed it."""
    ed_visits_6mo: int | None = None
    """LACE "E": ED visits in the 6 months before the admission, as confirmed."""
    lace_total: int | None = None
    lace_band: str | None = Field(default=None, max_length=10)
    med_rec_on: date | None = None
    """When the medication reconciliation of this transition was done."""
    visit_on: date | None = None
    """When the face-to-face visit of this transition took place."""
    note: str | None = Field(default=None, max_length=TEXT_MAX)
    created_at: datetime | None = _ts(nullable=True, default_factory=utcnow)


class CommunityResource(Versioned, table=True):
    """A community resource of the local directory: typed, or imported from an Open Referral
    HSDS directory (`hsds_source`: the directory's name; `hsds_id`: the service's id there,
    lower-cased; together they find the row again on a re-import)."""

    __tablename__ = "community_resource"
    __table_args__ = (UniqueConstraint("hsds_source", "hsds_id",
                                       name="uq_community_resource_hsds_source_id"),)
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    organisation: str | None = Field(default=None, max_length=200)
    category: str = Field(max_length=40)
    """`ResourceCategory`."""
    status: str = Field(default="active", max_length=10,
                        sa_column_kwargs={"server_default": "active"})
    """`ResourceStatus`: an inactive resource stays (referrals point at it) but is not offered."""
    phone: str | None = Field(default=None, max_length=40)
    address: str | None = Field(default=None, max_length=400)
    hours: str | None = Field(default=None, max_length=400)
    eligibility: str | None = Field(default=None, max_length=1000)
    website: str | None = Field(default=None, max_length=400)
    email: str | None = Field(default=None, max_length=254)
    description: str | None = Field(default=None, max_length=TEXT_MAX)
    note: str | None = Field(default=None, max_length=TEXT_MAX)
    hsds_id: str | None = Field(default=None, max_length=100)
    hsds_source: str | None = Field(default=None, max_length=200)
    """The directory it was imported from; None for one imported before carecli kept it (the
    next import of a directory with its id claims it)."""
    hsds_imported: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    """What the latest import wrote, field by field: a field that differs from it now was
    edited by hand, and the next import keeps it."""
    updated_at: datetime | None = _ts(nullable=True, default_factory=utcnow)


class Referral(Versioned, table=True):
    """A referral of a client to a community resource for a need, closed-loop: every status
    change is a `ReferralEvent`; a closed one records its outcome."""

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = _client_fk()
    resource_id: int | None = _fk("community_resource.id", nullable=True, ondelete="SET NULL")
    to_whom: str = Field(max_length=200)
    """The resource's name when it was made (or a name typed without a resource)."""
    need: str | None = Field(default=None, max_length=40)
    """`ResourceCategory` of the need it answers."""
    need_text: str | None = Field(default=None, max_length=400)
    """The need in words: "Food insecurity (HRSN screen, Nov 3)"."""
    assessment_id: int | None = _fk("assessment.id", nullable=True, ondelete="SET NULL")
    """The assessment whose positive screen it answers, if any."""
    problem_uid: str | None = Field(default=None, max_length=32)
    """The care-plan problem (`care_plan_item.uid`) it answers, if any."""
    reason: str | None = Field(default=None, max_length=1000)
    status: str = Field(default="draft", max_length=16)
    """`ReferralStatus`."""
    made_on: date
    follow_up_on: date | None = None
    """When to follow it up if nothing was heard: puts it in the queue."""
    last_update_on: date | None = None
    """The day of its latest status change."""
    outcome: str | None = Field(default=None, max_length=24)
    """`ReferralOutcome`, once closed."""
    outcome_note: str | None = Field(default=None, max_length=TEXT_MAX)


class ReferralEvent(SQLModel, table=True):
    """One dated status change of a referral (its history; never edited)."""

    __tablename__ = "referral_event"
    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = _fk("referral.id")
    client_id: int = _client_fk()
    changed_on: date
    from_status: str | None = Field(default=None, max_length=16)
    to_status: str = Field(max_length=16)
    outcome: str | None = Field(default=None, max_length=24)
    """`ReferralOutcome` of a change that closed it (kept when it is reopened later)."""
    note: str | None = Field(default=None, max_length=TEXT_MAX)
    created_at: datetime = _ts(default_factory=utcnow)


class Appointment(Versioned, table=True):
    """An appointment of the client with someone of the care team (or another provider): a
    reminder call the day before and an outcome follow-up the day after fall due in the queue."""

    __table_args__ = (Index("ix_appointment_starts_at", "starts_at"),)
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = _client_fk()
    care_team_member_id: int | None = _fk("care_team_member.id", nullable=True,
                                          ondelete="SET NULL")
    with_whom: str = Field(max_length=NAME_MAX)
    """The care-team member's name when it was made, or a name typed."""
    starts_at: datetime = _ts()
    location: str | None = Field(default=None, max_length=400)
    purpose: str | None = Field(default=None, max_length=400)
    transport_arranged: bool = False
    transport_note: str | None = Field(default=None, max_length=400)
    status: str = Field(default="scheduled", max_length=16,
                        sa_column_kwargs={"server_default": "scheduled"})
    """`AppointmentStatus`."""
    reminded_on: date | None = None
    """When the reminder call was made (the queue's reminder item is then done)."""
    outcome_note: str | None = Field(default=None, max_length=TEXT_MAX)
    created_at: datetime | None = _ts(nullable=True, default_factory=utcnow)


class AuditLog(SQLModel, table=True):
    """Who changed what, kept even when the row it speaks of is gone (so no foreign key)."""

    __tablename__ = "audit_log"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _ts(default_factory=utcnow, index=True)
    action: str = Field(max_length=20)
    entity: str = Field(max_length=40)
    entity_id: int | None = None
    client_id: int | None = Field(default=None, index=True)
    summary: str | None = Field(default=None, max_length=1000)

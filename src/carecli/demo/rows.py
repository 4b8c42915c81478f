"""The demo's row plumbing: the tables it fills, in insert order, and `_Rows`, which makes their
rows as plain dicts with the ids assigned here, a batch of clients at a time."""

from collections import defaultdict

from sqlalchemy import Table

from carecli.data.models import (
    Appointment,
    Assessment,
    AssessmentAnswer,
    AssessmentScore,
    AuditLog,
    CarePlan,
    CarePlanCopy,
    CarePlanItem,
    CarePlanSection,
    CareTeamMember,
    CheckIn,
    Client,
    CommunityResource,
    Condition,
    Consent,
    ContactLog,
    GoalProgress,
    HospitalStay,
    InterventionDone,
    Medication,
    PersonalContact,
    Referral,
    ReferralEvent,
    SafetyFinding,
    StatusChange,
)

CLIENT, CONSENT, CONDITION, MEDICATION = (
    m.__table__ for m in (Client, Consent, Condition, Medication)
)
TEAM, PERSONAL, STATUS, CONTACT = (
    m.__table__ for m in (CareTeamMember, PersonalContact, StatusChange, ContactLog)
)
CHECK_IN, STAY, RESOURCE, REFERRAL, AUDIT = (
    m.__table__ for m in (CheckIn, HospitalStay, CommunityResource, Referral, AuditLog)
)
REFERRAL_EVENT = ReferralEvent.__table__
ASSESSMENT, ANSWER, SCORE, FINDING = (
    m.__table__ for m in (Assessment, AssessmentAnswer, AssessmentScore, SafetyFinding)
)
PLAN, ITEM, SECTION, PLAN_COPY, PROGRESS, DONE = (
    m.__table__ for m in (CarePlan, CarePlanItem, CarePlanSection, CarePlanCopy, GoalProgress,
                          InterventionDone)
)
APPOINTMENT = Appointment.__table__
INSERT_ORDER: tuple[Table, ...] = (
    RESOURCE, CLIENT, CONSENT, CONDITION, MEDICATION, TEAM, PERSONAL, STATUS, CONTACT, CHECK_IN,
    STAY, REFERRAL, REFERRAL_EVENT, ASSESSMENT, ANSWER, SCORE, FINDING, PLAN, ITEM, SECTION,
    PLAN_COPY, PROGRESS, DONE, APPOINTMENT, AUDIT,
)
"""Parents before children, so every foreign key is satisfied as rows go in."""


class _Rows:
    """The rows made for the current batch, by table, and each table's next id."""

    def __init__(self, first_ids: dict[Table, int]) -> None:
        self.ids = dict(first_ids)
        self.templates = {  # a column with a server default (a row's version) is left to it
            t: dict.fromkeys(c.key for c in t.c if c.server_default is None) for t in INSERT_ORDER
        }
        self.tables: dict[Table, list[dict]] = defaultdict(list)

    def start(self) -> dict[Table, list[dict]]:
        """Start a new batch: the rows made from now on, by table (the caller inserts them)."""
        self.tables = defaultdict(list)
        return self.tables

    def new_id(self, table: Table) -> int:
        row_id = self.ids[table]
        self.ids[table] = row_id + 1
        return row_id

    def add(self, table: Table, row_id: int | None = None, **values) -> int:
        row = self.templates[table].copy()
        row.update(values)
        row["id"] = self.new_id(table) if row_id is None else row_id
        self.tables[table].append(row)
        return row["id"]

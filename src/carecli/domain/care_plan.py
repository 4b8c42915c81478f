"""The plain, frozen objects of a care plan: one version of a client's plan with its problems,
goals and interventions (items that keep a `uid` across versions), its other CCM elements
(sections), the copies given, the versions list, goal progress, how the plan stands (each
goal's achievement, each intervention's last day done), and what differs between two
versions. The data service returns these; the plan editor, the exports and the queue read them.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class PlanItem:
    """A problem, goal or intervention in one plan version. Fields that do not belong to its
    kind are None."""

    uid: str
    """Its identity across versions."""
    kind: str
    """`PlanItemKind`."""
    parent_uid: str | None
    """A goal's problem; an intervention's goal or problem; None for a problem."""
    position: int
    text: str
    status: str
    """`ProblemStatus`, `GoalLifecycle` or `InterventionStatus` by kind."""
    source: str | None = None
    client_words: str | None = None
    measure: str | None = None
    target: str | None = None
    target_on: date | None = None
    owner_kind: str | None = None
    owner_name: str | None = None
    frequency: str | None = None
    due_on: date | None = None


CONTENT_FIELDS = (
    "parent_uid", "text", "status", "source", "client_words", "measure", "target",
    "target_on", "owner_kind", "owner_name", "frequency", "due_on",
)
"""An item's content: what a comparison of versions looks at (`position` is order, not
content)."""


@dataclass(frozen=True, slots=True)
class PlanCopy:
    """A copy of a plan version given to the client or family."""

    given_on: date
    method: str
    """`CopyMethod`."""
    given_to: str
    format: str | None


@dataclass(frozen=True, slots=True)
class Plan:
    """One version of a client's care plan, whole."""

    id: int
    client_id: int
    number: int
    status: str
    """`CarePlanStatus`."""
    version: int
    """The row's edit version: every change to a draft bumps it; a change made at an older
    one is refused (`ChangedElsewhere`)."""
    created_at: datetime
    updated_at: datetime
    review_due_on: date | None
    summary: str | None
    finalised_at: datetime | None
    finalised_by: str | None
    change_note: str | None
    changes: tuple[str, ...]
    """What changed since the previous finalised version, as recorded when finalised."""
    items: tuple[PlanItem, ...]
    """Every item in outline order: each problem, then its goals (each followed by its own
    interventions), then the problem's interventions that hang under no goal."""
    sections: tuple[tuple[str, str], ...]
    """(`PlanSection` key, text) for the sections that have text, in `PlanSection` order."""
    copies: tuple[PlanCopy, ...] = ()
    unreadable: tuple[str, ...] = ()
    """What could not be read as stored (perhaps written by another program), in words ("the
    target date of the goal “Walk”"): each reads as empty."""

    def item(self, uid: str) -> PlanItem | None:
        return next((i for i in self.items if i.uid == uid), None)

    def section(self, key: str) -> str:
        return dict(self.sections).get(key, "")


@dataclass(frozen=True, slots=True)
class PlanVersionInfo:
    """One line of a client's list of plan versions."""

    id: int
    number: int
    status: str
    created_at: datetime
    finalised_at: datetime | None
    finalised_by: str | None
    change_note: str | None
    changes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PlanOverview:
    """A client's plans at a glance: which version is current, which is the draft, and all."""

    client_id: int
    active_id: int | None
    draft_id: int | None
    versions: tuple[PlanVersionInfo, ...]
    """Newest first."""
    review_due_on: date | None
    """The active plan's next review."""


@dataclass(frozen=True, slots=True)
class GoalProgressNote:
    goal_uid: str
    noted_on: date
    achievement: str | None
    """`GoalAchievement` as of that day."""
    note: str


@dataclass(frozen=True, slots=True)
class PlanStanding:
    """How a client's plan stands, apart from its versions: each goal's achievement (its
    latest note that gave one) and the last day each intervention was carried out, both by
    uid under any version. A goal not listed is in progress; an intervention not listed was
    never done (its next due day: `plan_outline.next_due`)."""

    achievements: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    last_done: Mapping[str, date] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    before: object
    after: object


@dataclass(frozen=True, slots=True)
class ItemChange:
    """How one item differs between two versions: `added`, `removed` or `changed` (with what
    changed). Items are matched by uid; a move among siblings alone is not a change."""

    uid: str
    kind: str
    change: str
    text: str
    """The item's text in the newer version (the older one's when removed)."""
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True, slots=True)
class SectionChange:
    key: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class PlanDiff:
    """What differs from an older version to a newer one."""

    items: tuple[ItemChange, ...]
    sections: tuple[SectionChange, ...]
    review_due_on: tuple[date | None, date | None] | None = None
    """(before, after) when the next review date differs."""
    summary: tuple[str | None, str | None] | None = None

    @property
    def empty(self) -> bool:
        return not (self.items or self.sections or self.review_due_on or self.summary)


@dataclass(frozen=True, slots=True)
class ElementCheck:
    """One CMS CCM care-plan element and whether the plan has it."""

    key: str
    label: str
    met: bool
    why: str
    """What is missing, in words ("2 goals have no target date"), or what is there."""


@dataclass(frozen=True, slots=True)
class ProblemSuggestion:
    """A problem the record or the latest assessment suggests, ready to add with one key."""

    source: str
    """`condition:<id>` or `suggestion:<code>`: a problem already in the plan with this source
    is not suggested again."""
    text: str
    origin: str
    """Where it comes from, in words: "Condition: COPD", "PHQ-9 (assessment of Nov 3)"."""

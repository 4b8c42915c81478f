"""Referrals as the screens see them: a referral with its dated history, the needs a new one
may answer (a positive screen's domain, an open care-plan problem), and the words each status,
outcome and need category goes by on screen. Frozen and plain: no ORM row leaves `data/`."""

from dataclasses import dataclass
from datetime import date

from carecli.domain.enums import ReferralOutcome, ReferralStatus, ResourceCategory, label

FOLLOW_UP_DAYS = 7
"""A referral's follow-up date, unless one is typed: this many days after it was made or its
status last changed (then it shows in the queue if nothing was heard)."""

STATUS_WORDS = {ReferralStatus.REQUESTED: "sent", ReferralStatus.IN_PROGRESS: "in progress",
                ReferralStatus.ON_HOLD: "on hold"}
"""A status as a person says it ("sent", not "requested")."""

OUTCOME_WORDS = {ReferralOutcome.GOT_HELP: "got help", ReferralOutcome.NOT_ELIGIBLE: "not eligible",
                 ReferralOutcome.NO_CAPACITY: "no capacity",
                 ReferralOutcome.COULD_NOT_CONTACT: "could not contact",
                 ReferralOutcome.NO_LONGER_INTERESTED: "no longer interested",
                 ReferralOutcome.OTHER: "other"}

CATEGORY_WORDS = {ResourceCategory.MENTAL_HEALTH: "mental health",
                  ResourceCategory.CAREGIVER_SUPPORT: "caregiver support"}

HRSN_NEEDS = {
    "housing": (ResourceCategory.HOUSING, "Housing unsteady or unsafe"),
    "food": (ResourceCategory.FOOD, "Food runs out"),
    "transportation": (ResourceCategory.TRANSPORTATION, "No reliable transport"),
    "utilities": (ResourceCategory.UTILITIES, "Utility shut-off threatened"),
    "safety": (ResourceCategory.OTHER, "Interpersonal safety"),
}
"""A positive AHC HRSN domain as a need: its category and words."""
MOOD_SCREENS = {"phq9": "Depression screen positive", "phq2": "Depression screen positive",
                "gad7": "Anxiety screen positive"}
"""Positive mood screens, each a mental-health need."""


def status_words(status: str | None) -> str:
    """`sent`, `accepted`, `in progress`..."""
    if status is None:
        return ""
    return STATUS_WORDS.get(status, str(status).replace("-", " "))  # type: ignore[call-overload]


def outcome_words(outcome: str | None) -> str:
    return OUTCOME_WORDS.get(outcome, label(outcome).lower()) if outcome else ""  # type: ignore


def category_words(category: str | None) -> str:
    if not category:
        return ""
    return CATEGORY_WORDS.get(category, label(category).lower())  # type: ignore[call-overload]


@dataclass(frozen=True)
class ReferralChange:
    """One dated status change (the first one: made, from None to draft)."""

    changed_on: date
    from_status: str | None
    to_status: str
    note: str | None
    outcome: str | None = None
    """`ReferralOutcome` when this change closed the referral."""


@dataclass(frozen=True)
class Referral:
    id: int
    client_id: int
    resource_id: int | None
    to_whom: str
    need: str | None
    """`ResourceCategory` of the need it answers."""
    need_text: str | None
    assessment_id: int | None
    problem_uid: str | None
    reason: str | None
    status: str
    made_on: date
    follow_up_on: date | None
    last_update_on: date | None
    outcome: str | None
    outcome_note: str | None
    version: int
    held_from: str | None
    """On hold: the status it was put on hold from (from its history)."""
    history: tuple[ReferralChange, ...]
    """Oldest first."""

    @property
    def since(self) -> date:
        """The day of its current status."""
        return self.last_update_on or self.made_on


@dataclass(frozen=True)
class ReferralNeed:
    """A need a new referral may answer, offered with one key."""

    category: str
    text: str
    """In words, with where it comes from: "Food runs out (screen of Nov 3, 2026)"."""
    assessment_id: int | None = None
    problem_uid: str | None = None


@dataclass(frozen=True)
class ClientReferrals:
    """The referrals screen's data: the client's name, referrals (newest first) and needs."""

    client_id: int
    name: str
    referrals: tuple[Referral, ...]
    needs: tuple[ReferralNeed, ...]


_CATEGORY_HINTS = (
    (ResourceCategory.FOOD, ("food", "meal", "hunger", "grocer")),
    (ResourceCategory.HOUSING, ("housing", "rent", "evict", "homeless", "lease", "shelter")),
    (ResourceCategory.TRANSPORTATION, ("transport", "ride", "bus", "drive", "car ")),
    (ResourceCategory.UTILITIES, ("utilit", "electric", "heat", "gas bill", "water bill")),
    (ResourceCategory.MENTAL_HEALTH, ("depress", "anxi", "mood", "mental", "lonel")),
    (ResourceCategory.CAREGIVER_SUPPORT, ("caregiver", "respite")),
    (ResourceCategory.LEGAL, ("legal", "lawyer", "attorney", "guardian")),
    (ResourceCategory.FINANCIAL, ("money", "afford", "cost", "bills", "financ", "income")),
)


def guess_category(text: str) -> str:
    """The category a care-plan problem's words suggest (the form lets it be changed)."""
    words = f" {text.lower()} "
    return next((category.value for category, hints in _CATEGORY_HINTS
                 if any(h in words for h in hints)), ResourceCategory.OTHER.value)

"""Pure clinical and operational rules. Imports neither Textual nor the database.

Public API (see DOMAIN.md):

- `score(instrument_id, answers) -> Score`: check and score one instrument's answers (keyed by
  item id); `Score` has `total`, `band`, `positive`, `flags` and `domains`. Unknown instrument
  ids, unknown or missing items and out-of-range answers raise `ValueError` naming them.
- `INSTRUMENTS` (id -> `Instrument`) and `instrument(instrument_id)`: the instruments as data
  (items, answer options, version, title, intro, total range) for the wizard and exports.
- `ccm_codes(minutes, complex=False)` and `CCM_FIRST_MARK`: CCM billing codes for one client's
  minutes in one calendar month; `ccm_eligible(chronic_conditions, consented)`.
- `tcm_deadlines(discharge, high_complexity) -> TcmDeadlines`: transitional-care deadlines
  (`contact_by`, `visit_by`, `period_ends`).
- `suggest_problems(scores) -> list[SuggestedProblem]` and `suggest_risk_tier(...)`: care-plan
  problems and a risk tier suggested by an assessment, for the care manager to accept or change.
- `follow_up(contacts, *, enrolled_on, cadence_days) -> FollowUp`: when a client is next due
  (`due_on`, `retry`, `failed_in_a_row`, `unable_to_reach`), from their contacts.
- `safety_triggers(answers)` / `safety_flags(answers)` and `SAFETY_FLAGS`: the safety findings
  (suicidal ideation, physical harm, interpersonal safety) in an assessment's answers so far.
"""

from carecli.clinical.billing import CCM_FIRST_MARK, ccm_codes, ccm_eligible
from carecli.clinical.follow_up import FollowUp, follow_up
from carecli.clinical.instruments import INSTRUMENTS, instrument, score
from carecli.clinical.instruments.model import Score
from carecli.clinical.safety import (
    SAFETY_FLAGS,
    SAFETY_NAMES,
    SafetyTrigger,
    safety_flags,
    safety_triggers,
)
from carecli.clinical.suggestions import SuggestedProblem, suggest_problems, suggest_risk_tier
from carecli.clinical.transitions import TcmDeadlines, tcm_deadlines

__all__ = [
    "CCM_FIRST_MARK",
    "FollowUp",
    "INSTRUMENTS",
    "SAFETY_FLAGS",
    "SAFETY_NAMES",
    "SafetyTrigger",
    "Score",
    "SuggestedProblem",
    "TcmDeadlines",
    "ccm_codes",
    "ccm_eligible",
    "follow_up",
    "instrument",
    "safety_flags",
    "safety_triggers",
    "score",
    "suggest_problems",
    "suggest_risk_tier",
    "tcm_deadlines",
]

"""Closed-loop referrals: which status a referral may move to (DOMAIN.md, "Referrals (closed
loop)", FHIR Task as the Gravity SDOH Clinical Care guide uses it). Pure: no database.

    draft -> requested -> accepted or rejected -> in-progress -> completed or failed
    accepted or in-progress -> on-hold -> back to the status it was on hold from
    any open status -> cancelled

A closed referral (completed, failed, rejected, cancelled) records its outcome. It can be
reopened only with a note, and DOMAIN.md does not say to which status: here it goes back to
`requested` (sent again: the loop starts over and its follow-up clock with it).
"""

from carecli.domain.enums import ReferralStatus as S

CLOSED = frozenset({S.COMPLETED, S.FAILED, S.REJECTED, S.CANCELLED})
OPEN = frozenset(S) - CLOSED
HOLDABLE = (S.ACCEPTED, S.IN_PROGRESS)
"""The statuses a referral may be put on hold from (and goes back to)."""
REOPENED_TO = S.REQUESTED
"""Where a closed referral goes when it is reopened (with a note)."""

_FORWARD: dict[str, tuple[S, ...]] = {
    S.DRAFT: (S.REQUESTED,),
    S.REQUESTED: (S.ACCEPTED, S.REJECTED),
    S.ACCEPTED: (S.IN_PROGRESS, S.ON_HOLD),
    S.IN_PROGRESS: (S.COMPLETED, S.FAILED, S.ON_HOLD),
}


def allowed_transitions(status: str, held_from: str | None = None) -> tuple[S, ...]:
    """The statuses a referral at `status` may move to, in the order to offer them.
    `held_from`: for one on hold, the status it was put on hold from (unknown: either of
    accepted and in-progress)."""
    current = _status(status)
    if current in CLOSED:
        return (REOPENED_TO,)
    if current is S.ON_HOLD:
        back = (S(held_from),) if held_from in HOLDABLE else HOLDABLE
        return (*back, S.CANCELLED)
    return (*_FORWARD[current], S.CANCELLED)


def closes(to: str) -> bool:
    """Whether moving to `to` closes the referral (an outcome is then recorded)."""
    return _status(to) in CLOSED


def reopens(status: str, to: str) -> bool:
    """Whether moving from `status` to `to` reopens a closed referral (a note is needed)."""
    return _status(status) in CLOSED and _status(to) in OPEN


def check_transition(status: str, to: str, *, held_from: str | None = None,
                     outcome: str | None = None, note: str | None = None) -> None:
    """Refuse, with a sentence, a move the rules do not allow: a transition not in
    `allowed_transitions`, closing without an outcome, reopening without a note."""
    allowed = allowed_transitions(status, held_from)
    target = _status(to)
    if target not in allowed:
        raise ValueError(
            f"A referral that is {words(status)} cannot become {words(target)}: it can "
            f"become {_either(allowed)}.")
    if closes(target) and not outcome:
        raise ValueError(f"Say what came of the referral (its outcome) to mark it "
                         f"{words(target)}.")
    if reopens(status, target) and not (note and note.strip()):
        raise ValueError("A closed referral is reopened only with a note saying why.")


def words(status: str) -> str:
    """A status in a sentence: "in progress", "on hold"."""
    return str(status).replace("-", " ")


def _either(statuses: tuple[S, ...]) -> str:
    names = [words(s) for s in statuses]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _status(value: str) -> S:
    try:
        return S(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a referral status.") from None

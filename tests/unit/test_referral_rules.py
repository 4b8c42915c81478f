"""The referral transitions of DOMAIN.md, every pair of statuses: allowed or refused with a
sentence; an outcome to close, a note to reopen (to `requested`)."""

import itertools

import pytest

from carecli.clinical.referrals import (
    CLOSED,
    OPEN,
    REOPENED_TO,
    allowed_transitions,
    check_transition,
    closes,
    reopens,
)
from carecli.domain.enums import ReferralStatus as S

ALLOWED = {
    (S.DRAFT, S.REQUESTED), (S.DRAFT, S.CANCELLED),
    (S.REQUESTED, S.ACCEPTED), (S.REQUESTED, S.REJECTED), (S.REQUESTED, S.CANCELLED),
    (S.ACCEPTED, S.IN_PROGRESS), (S.ACCEPTED, S.ON_HOLD), (S.ACCEPTED, S.CANCELLED),
    (S.IN_PROGRESS, S.COMPLETED), (S.IN_PROGRESS, S.FAILED), (S.IN_PROGRESS, S.ON_HOLD),
    (S.IN_PROGRESS, S.CANCELLED),
    (S.ON_HOLD, S.ACCEPTED), (S.ON_HOLD, S.IN_PROGRESS), (S.ON_HOLD, S.CANCELLED),
    (S.COMPLETED, S.REQUESTED), (S.FAILED, S.REQUESTED), (S.REJECTED, S.REQUESTED),
    (S.CANCELLED, S.REQUESTED),
}
"""Every allowed move (on hold with the status it was held from unknown)."""


def _extras(start: S, to: S) -> dict:
    return {"outcome": "got_help" if to in CLOSED else None,
            "note": "client asked again" if start in CLOSED else None}


@pytest.mark.parametrize(("start", "to"), list(itertools.product(S, S)))
def test_every_pair_is_allowed_or_refused_with_a_sentence(start: S, to: S) -> None:
    assert (to in allowed_transitions(start)) == ((start, to) in ALLOWED)
    if (start, to) in ALLOWED:
        check_transition(start, to, **_extras(start, to))
    else:
        with pytest.raises(ValueError, match=r"^A referral that is .* cannot become .*: it "
                                             r"can become .*\.$"):
            check_transition(start, to, **_extras(start, to))


def test_the_open_and_closed_statuses() -> None:
    assert CLOSED == {S.COMPLETED, S.FAILED, S.REJECTED, S.CANCELLED}
    assert OPEN == {S.DRAFT, S.REQUESTED, S.ACCEPTED, S.IN_PROGRESS, S.ON_HOLD}
    assert all(S.CANCELLED in allowed_transitions(s) for s in OPEN)


@pytest.mark.parametrize("held_from", [S.ACCEPTED, S.IN_PROGRESS])
def test_on_hold_goes_back_to_where_it_was_held_from(held_from: S) -> None:
    assert allowed_transitions(S.ON_HOLD, held_from) == (held_from, S.CANCELLED)
    other = S.IN_PROGRESS if held_from is S.ACCEPTED else S.ACCEPTED
    with pytest.raises(ValueError, match=f"cannot become {other.value.replace('-', ' ')}"):
        check_transition(S.ON_HOLD, other, held_from=held_from)
    check_transition(S.ON_HOLD, held_from, held_from=held_from)


def test_the_sentence_names_what_it_can_become() -> None:
    with pytest.raises(ValueError) as refused:
        check_transition("requested", "completed", outcome="got_help")
    assert str(refused.value) == ("A referral that is requested cannot become completed: it "
                                  "can become accepted, rejected or cancelled.")


@pytest.mark.parametrize("to", sorted(CLOSED))
def test_closing_needs_an_outcome(to: S) -> None:
    start = next(s for s in OPEN if to in allowed_transitions(s))
    assert closes(to)
    with pytest.raises(ValueError, match="outcome"):
        check_transition(start, to)
    check_transition(start, to, outcome="other")


@pytest.mark.parametrize("start", sorted(CLOSED))
@pytest.mark.parametrize("note", [None, "", "   "])
def test_reopening_needs_a_note_and_goes_to_requested(start: S, note: str | None) -> None:
    assert allowed_transitions(start) == (REOPENED_TO,) == (S.REQUESTED,)
    assert reopens(start, REOPENED_TO)
    with pytest.raises(ValueError, match="only with a note"):
        check_transition(start, REOPENED_TO, note=note)
    check_transition(start, REOPENED_TO, note="Food bank has room again")


def test_an_unknown_status_is_a_sentence() -> None:
    with pytest.raises(ValueError, match="'sent' is not a referral status"):
        allowed_transitions("sent")
    with pytest.raises(ValueError, match="'done' is not a referral status"):
        check_transition("draft", "done")

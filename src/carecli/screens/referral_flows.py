"""The referral screen's dialogs, one flow each: a new referral (the need by digit, the resource
from the directory, then the form), a status change (only the moves the rules allow, then the
day, the outcome when closing, a note when reopening), a follow-up day, and the history."""

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from rich.text import Text

from carecli.actions import fill
from carecli.clinical.referrals import allowed_transitions, closes, reopens
from carecli.domain.enums import ReferralOutcome, ResourceCategory
from carecli.domain.referrals import (
    FOLLOW_UP_DAYS,
    OUTCOME_WORDS,
    ClientReferrals,
    Referral,
    ReferralNeed,
    category_words,
    outcome_words,
    status_words,
)
from carecli.forms import DATE_HINT, FieldSpec
from carecli.plain import one_line, plain
from carecli.screens.base import DataChanged
from carecli.screens.detail import DetailScreen
from carecli.screens.form import FormScreen
from carecli.screens.plan_dialogs import PickScreen

if TYPE_CHECKING:
    from carecli.screens.referrals import ReferralsScreen

TYPED = "typed"
"""The need picker's last line: a need typed in the form."""
CATEGORIES = tuple((category_words(c).capitalize(), c.value) for c in ResourceCategory)
FOLLOW_UP = FieldSpec("follow_up_on", "Follow up on", "date",
                      placeholder=f"blank: {FOLLOW_UP_DAYS} days after (YYYY-MM-DD)")
LIKELY_OUTCOME = {"completed": "got_help", "failed": "could_not_contact",
                  "rejected": "not_eligible", "cancelled": "no_longer_interested"}
"""The outcome the form offers first for each closing status (any can be chosen)."""
NEW_FORM = (
    FieldSpec("to_whom", "To whom", required=True, max_length=200),
    FieldSpec("need", "Need", "choice", required=True, choices=CATEGORIES),
    FieldSpec("need_text", "The need in words", max_length=400),
    FieldSpec("reason", "Why (for the resource)", "note", max_length=1000),
    FOLLOW_UP,
)


def new(screen: "ReferralsScreen", view: ClientReferrals) -> None:
    """Pick the need, then the resource, then fill the form; saved as a draft."""
    lines: list[tuple[Any, Text]] = [(need, need_line(need)) for need in view.needs]
    lines.append((TYPED, Text("Another need, typed in the form", "italic")))

    def need_picked(need: Any) -> None:
        if need is None:
            return
        from carecli.screens.resources import pick_resource

        category = need.category if isinstance(need, ReferralNeed) else None
        pick_resource(screen, category, lambda resource: _new_form(screen, view, need, resource))

    screen.app.push_screen(PickScreen(f"Refer {one_line(view.name)} for which need?", lines),
                           need_picked)


def need_line(need: ReferralNeed) -> Text:
    text = plain(one_line(need.text))
    text.append(f"  {category_words(need.category)}", "dim")
    return text


def _new_form(screen: "ReferralsScreen", view: ClientReferrals, need: Any,
              resource: Any) -> None:
    need = need if isinstance(need, ReferralNeed) else None
    today = screen.service.today()
    values = {
        "to_whom": resource.name if resource else "",
        "need": need.category if need else (resource.category if resource else None),
        "need_text": need.text if need else "",
        "follow_up_on": today + timedelta(days=FOLLOW_UP_DAYS),
    }
    source = {"resource_id": resource.id if resource else None,
              "assessment_id": need.assessment_id if need else None,
              "problem_uid": need.problem_uid if need else None}

    def submit(typed: dict[str, Any]) -> Referral:
        return screen.service.create_referral(screen.client_id, {**typed, **source})

    def saved(made: Referral | None) -> None:
        if made is None:
            return
        _changed(screen, made)
        screen.notify(f"Referral to {one_line(made.to_whom)} saved as a draft; "
                      + fill("{referrals.status} sends it."), markup=False)

    title = f"Refer {one_line(view.name)}" + (
        f" to {one_line(resource.name)}" if resource else " (to a name you type)")
    screen.app.push_screen(FormScreen(title=title, fields=NEW_FORM, values=values,
                                      submit=submit), saved)


def change_status(screen: "ReferralsScreen", referral: Referral) -> None:
    """The moves the rules allow, by digit; then the day and what the move asks for."""
    lines = [(to, Text(_move_words(referral.status, to))) for to in
             allowed_transitions(referral.status, referral.held_from)]

    def picked(to: Any) -> None:
        if to is not None:
            _status_form(screen, referral, str(to))

    screen.app.push_screen(PickScreen(
        f"{one_line(referral.to_whom)}: {status_words(referral.status)} → ?", lines), picked)


def _move_words(status: str, to: str) -> str:
    if reopens(status, to):
        return f"Reopen: {status_words(to)} again (asks why)"
    words = status_words(to).capitalize()
    return f"{words} (asks the outcome)" if closes(to) else words


def _status_form(screen: "ReferralsScreen", referral: Referral, to: str) -> None:
    fields = [FieldSpec("changed_on", "On", "date", required=True, placeholder=DATE_HINT)]
    if closes(to):
        fields.append(FieldSpec("outcome", "Outcome", "choice", required=True,
                                choices=tuple((OUTCOME_WORDS[o].capitalize(), o.value)
                                              for o in ReferralOutcome)))
    reopening = reopens(referral.status, to)
    fields.append(FieldSpec("note", "Why reopened" if reopening else "Note", "note",
                            required=reopening, max_length=4000))
    if not closes(to):
        fields.append(FOLLOW_UP)

    def submit(values: dict[str, Any]) -> Referral:
        return screen.service.change_referral_status(referral.id, referral.version,
                                                     {**values, "to_status": to})

    def saved(changed: Referral | None) -> None:
        if changed is not None:
            _changed(screen, changed)
            screen.notify(f"Referral to {one_line(changed.to_whom)}: "
                          f"{status_words(changed.status)}.", markup=False)

    screen.app.push_screen(FormScreen(
        title=f"{one_line(referral.to_whom)}: {status_words(referral.status)} → "
              f"{status_words(to)}", fields=tuple(fields),
        values={"changed_on": screen.service.today(), "outcome": LIKELY_OUTCOME.get(to)},
        submit=submit), saved)


def follow_up(screen: "ReferralsScreen", referral: Referral) -> None:
    def submit(values: dict[str, Any]) -> Referral:
        return screen.service.set_referral_follow_up(referral.id, referral.version,
                                                     values["follow_up_on"])

    def saved(changed: Referral | None) -> None:
        if changed is not None and changed.follow_up_on is not None:
            _changed(screen, changed)
            screen.notify(f"Referral to {one_line(changed.to_whom)}: follow up on "
                          f"{changed.follow_up_on.isoformat()}.", markup=False)

    screen.app.push_screen(FormScreen(
        title=f"Follow up the referral to {one_line(referral.to_whom)}",
        fields=(FieldSpec("follow_up_on", "Follow up on", "date", required=True,
                          placeholder=DATE_HINT),),
        values={"follow_up_on": referral.follow_up_on}, submit=submit), saved)


def history(screen: "ReferralsScreen", referral: Referral) -> None:
    screen.app.push_screen(DetailScreen(plain(f"Referral to {one_line(referral.to_whom)}",
                                              "bold"), history_blocks(referral)))


def history_blocks(referral: Referral) -> list[tuple[int, Text]]:
    """The need, why, the outcome, the follow-up day, then every dated change, oldest first."""
    blocks: list[tuple[int, Text]] = []
    for title, value in (("Need", referral.need_text or category_words(referral.need)),
                         ("Why", referral.reason),
                         ("Outcome", outcome_words(referral.outcome)),
                         ("Follow up on", referral.follow_up_on and
                          referral.follow_up_on.isoformat())):
        if value:
            line = Text(f"{title}: ", "bold")
            line.append_text(plain(value))
            blocks.append((0, line))
    blocks.append((0, Text("History", "bold")))
    for change in referral.history:
        moved = (f"{status_words(change.from_status)} → " if change.from_status else "made: ")
        blocks.append((1, Text(f"{change.changed_on.isoformat()}  {moved}"
                               f"{status_words(change.to_status)}")))
        if change.note:
            blocks.append((2, plain(change.note, "dim")))
    return blocks


def _changed(screen: "ReferralsScreen", referral: Referral) -> None:
    """Saved: the screen reads again with the cursor on it; the queue and record too."""
    screen.follow = referral.id
    screen.post_message(DataChanged(screen.client_id))

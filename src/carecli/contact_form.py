"""What the contact logger asks, and how its answers become one `log_contact` call: the fields
(rendered by the generic form screen), the short lists of topics and education to tick, who the
contact was with, the minutes against the timer's own figure, and the sentence said after the
save. Plain data and functions: no Textual, no database."""

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from carecli.domain.caseload import FLAG_LABELS
from carecli.domain.daily import LoggedContact
from carecli.domain.enums import CheckInKind, ContactMode, ContactOutcome, label
from carecli.domain.fields import NAME_MAX, TEXT_MAX
from carecli.domain.topics import EDUCATION, TOPICS
from carecli.forms import FieldSpec, choices

MOMENT_HINT = "YYYY-MM-DD HH:MM; blank: now"
SOMEONE_ELSE = "other:"
"""The "with whom" choice that takes the name typed below it."""
COORDINATION_HINT = ("Care team: coordination about the client. The minutes count; the "
                     "check-in and retries are as they were.")
"""Said under "with whom" when a care-team member is chosen."""


def party_hint(with_whom: Any) -> str:
    """The line under "with whom": what a contact with the care team is (else nothing)."""
    return COORDINATION_HINT if str(with_whom or "").startswith("care_team:") else ""


def logger_fields(people: Iterable[tuple[str, str]]) -> tuple[FieldSpec, ...]:
    """The logger's fields; `people` are the "with whom" choices: (shown as, value)."""
    return (
        FieldSpec("outcome", "Outcome", "choice", required=True,
                  choices=choices(ContactOutcome)),
        FieldSpec("mode", "Mode", "choice", required=True, choices=choices(ContactMode)),
        FieldSpec("with_whom", "With whom", "choice", required=True, choices=tuple(people)),
        FieldSpec("with_whom_other", "Someone else (name)", max_length=NAME_MAX),
        FieldSpec("minutes", "Minutes", "int", placeholder="whole minutes; blank: 0"),
        FieldSpec("note", "Note", "note", max_length=TEXT_MAX),
        FieldSpec("topics", "Topics discussed", "ticks", choices=_ticks(TOPICS)),
        FieldSpec("topics_other", "Other topics", placeholder="separate with commas"),
        FieldSpec("education", "Education given", "ticks", choices=_ticks(EDUCATION)),
        FieldSpec("education_other", "Other education", placeholder="separate with commas"),
        FieldSpec("follow_up", "Follow-up", "choice", choices=choices(CheckInKind)),
        FieldSpec("follow_up_on", "Follow-up due", "date", placeholder="YYYY-MM-DD"),
        FieldSpec("follow_up_reason", "Follow-up reason", max_length=200),
        FieldSpec("occurred_at", "When", placeholder=MOMENT_HINT),
    )


FOLLOW_UP_FIELDS = ("follow_up", "follow_up_on", "follow_up_reason")
CORRECTED = ("occurred_at", "mode", "outcome", "minutes", "with_whom", "with_whom_kind", "note",
             "topics", "education")
"""What a correction may change (a follow-up it set is a check-in of its own)."""


def correction_fields(people: Iterable[tuple[str, str]]) -> tuple[FieldSpec, ...]:
    """The logger's fields without the follow-up, and the reason for the correction first."""
    return (FieldSpec("reason", "Why it is corrected", required=True, max_length=1000),
            *(f for f in logger_fields(people) if f.key not in FOLLOW_UP_FIELDS))


def entry_form(entry: Any, people: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """A logged contact (`ContactEntry`) as the correction form's values."""
    who = f"{entry.with_whom_kind}:{entry.with_whom}"
    if entry.with_whom_kind == "client":
        who = people[0][1]
    listed = {value for _, value in people}
    values = {
        "outcome": entry.outcome, "mode": entry.mode,
        "with_whom": who if who in listed else SOMEONE_ELSE,
        "with_whom_other": "" if who in listed else (entry.with_whom or ""),
        "minutes": str(entry.minutes), "note": entry.note or "",
        "occurred_at": f"{entry.occurred_at.astimezone():%Y-%m-%d %H:%M}",
    }
    for key, offered in (("topics", TOPICS), ("education", EDUCATION)):
        chosen = getattr(entry, key)
        values[key] = [t for t in chosen if t in offered]
        values[f"{key}_other"] = ", ".join(t for t in chosen if t not in offered)
    return values


def correction_values(form: Mapping[str, Any], opened: Mapping[str, Any]) -> dict[str, Any]:
    """Only what the correction changes (a time shown to the minute is not "changed")."""
    new, old = contact_values(form), contact_values(opened)
    changed = {key: new.get(key) for key in CORRECTED if new.get(key) != old.get(key)}
    if "with_whom" in changed or "with_whom_kind" in changed:
        changed.update(with_whom=new["with_whom"], with_whom_kind=new["with_whom_kind"])
    return changed


FIELD_OF_ERROR = {"with_whom_kind": "with_whom", "timer_minutes": "minutes",
                  "timer_id": "minutes"}
"""A refusal naming a value the form does not show as such goes beside this field."""


def _ticks(names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((name[:1].upper() + name[1:], name) for name in names)


def people_choices(client: str, family: Iterable[Any], team: Iterable[Any]
                   ) -> tuple[tuple[str, str], ...]:
    """The client, each family member or contact and each care-team member of theirs, then
    someone else (typed). Values are `kind:name`."""
    people = [(f"{client} (client)", f"client:{client}")]
    people += [(f"{p.name} ({p.relation})", f"family:{p.name}") for p in family]
    people += [(f"{p.name} ({p.role})", f"care_team:{p.name}") for p in team]
    people.append(("Someone else (type the name below)", SOMEONE_ELSE))
    seen: set[str] = set()
    return tuple(p for p in people if not (p[1] in seen or seen.add(p[1])))


def contact_values(form: Mapping[str, Any], *, timer_id: int | None = None,
                   timer_minutes: int | None = None) -> dict[str, Any]:
    """The form's answers as `log_contact` takes them. `timer_minutes`: the client's timer's
    figure when the form opened; kept beside the minutes when those were typed over."""
    kind, _, name = str(form.get("with_whom") or "").partition(":")
    typed = str(form.get("with_whom_other") or "").strip()
    if typed or kind == "other":
        kind, name = "other", typed
    minutes = str(form.get("minutes") or "").strip() or "0"
    values: dict[str, Any] = {
        "outcome": form.get("outcome"),
        "mode": form.get("mode"),
        "with_whom": name or None,
        "with_whom_kind": kind or None,
        "minutes": minutes,
        "note": form.get("note"),
        "topics": _listed(form.get("topics"), form.get("topics_other")),
        "education": _listed(form.get("education"), form.get("education_other")),
        "follow_up": _follow_up(form),
        "timer_id": timer_id,
    }
    if str(form.get("occurred_at") or "").strip():
        values["occurred_at"] = str(form["occurred_at"]).strip()
    if timer_minutes is not None and minutes != str(timer_minutes):
        values["timer_minutes"] = timer_minutes
    return values


def _listed(ticked: Any, typed: Any) -> list[str]:
    typed_in = (t.strip() for t in re.split(r"[,;\n]", str(typed or "")))
    return [*(ticked or ()), *(t for t in typed_in if t)]


def _follow_up(form: Mapping[str, Any]) -> dict[str, Any] | None:
    kind = form.get("follow_up")
    due = form.get("follow_up_on")
    if not kind and not str(due or "").strip():
        return None
    return {"kind": kind or CheckInKind.CHECK_IN.value, "due_on": due,
            "reason": form.get("follow_up_reason") or None}


def saved_message(outcome: str, logged: LoggedContact,
                  follow_up: Mapping[str, Any] | None = None,
                  tcm_contact: str | None = None) -> str:
    """What the save did, in a sentence or two: "Logged: reached. Next check-in Dec 14.",
    "Voicemail logged; retry Tue Dec 1.", "SI follow-up noted: the safety flag is cleared".
    `tcm_contact`: a contact that left the client's TCM contact open says so instead of the
    retry or the next check-in ("Voicemail logged; TCM contact still due by Tue Dec 1 — 2
    attempts.")."""
    if tcm_contact is not None:
        text = f"{label(outcome)} logged; {tcm_contact}."
    elif logged.coordination:
        text = f"Logged with the care team: {label(outcome).lower()} (coordination)."
        if logged.next_due is not None:
            what = "Retry" if logged.retry else "Next check-in"
            text += f" {what} still {_day(logged.next_due, weekday=logged.retry)}."
    elif logged.retry and logged.next_due is not None:
        text = f"{label(outcome)} logged; retry {_day(logged.next_due, weekday=True)}."
    else:
        text = f"Logged: {label(outcome).lower()}."
        if logged.next_due is not None:
            text += f" Next check-in {_day(logged.next_due)}."
    if logged.unable_to_reach:
        text += f" {logged.failed_in_a_row} attempts in a row: unable to reach."
    for flag in logged.closed_findings:
        name = FLAG_LABELS.get(flag, label(flag)).removesuffix(" risk")
        text += f" {name} follow-up noted: the safety flag is cleared."
    if follow_up:
        what = "Task" if follow_up.get("kind") == CheckInKind.TASK.value else "Check-in"
        text += f" {what} scheduled."
    return text


def _day(day: date, weekday: bool = False) -> str:
    return f"{day:%a %b} {day.day}" if weekday else f"{day:%b} {day.day}"

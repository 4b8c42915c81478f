"""The contact logger's answers as one `log_contact` call, and what it says after the save."""

from datetime import date
from types import SimpleNamespace

from carecli.contact_form import (
    SOMEONE_ELSE,
    contact_values,
    logger_fields,
    party_hint,
    people_choices,
    saved_message,
)
from carecli.domain.daily import LoggedContact

FORM = {"outcome": "reached", "mode": "phone", "with_whom": "client:Ada Okafor",
        "with_whom_other": "", "minutes": "12", "note": "Feeling better",
        "topics": ["symptoms", "mood"], "topics_other": "grandson's visit; pain",
        "education": [], "education_other": "", "follow_up": None, "follow_up_on": "",
        "follow_up_reason": "", "occurred_at": ""}


def test_who_is_the_client_a_listed_person_or_someone_typed() -> None:
    family = [SimpleNamespace(name="Mary Okafor", relation="daughter")]
    team = [SimpleNamespace(name="Dr Ames", role="PCP")]
    people = people_choices("Ada Okafor", family, team)
    assert [v for _, v in people] == ["client:Ada Okafor", "family:Mary Okafor",
                                      "care_team:Dr Ames", SOMEONE_ELSE]
    assert people[1][0] == "Mary Okafor (daughter)"
    values = contact_values(FORM)
    assert (values["with_whom"], values["with_whom_kind"]) == ("Ada Okafor", "client")
    values = contact_values({**FORM, "with_whom": "care_team:Dr Ames"})
    assert (values["with_whom"], values["with_whom_kind"]) == ("Dr Ames", "care_team")
    typed = contact_values({**FORM, "with_whom_other": " Home nurse "})
    assert (typed["with_whom"], typed["with_whom_kind"]) == ("Home nurse", "other")
    assert {spec.key for spec in logger_fields(people)} >= {"outcome", "mode", "minutes",
                                                            "note", "topics", "follow_up"}


def test_minutes_typed_over_keep_the_timer_s_figure() -> None:
    as_timed = contact_values({**FORM, "minutes": "14"}, timer_id=3, timer_minutes=14)
    assert as_timed["minutes"] == "14" and "timer_minutes" not in as_timed
    assert as_timed["timer_id"] == 3
    edited = contact_values({**FORM, "minutes": "20"}, timer_id=3, timer_minutes=14)
    assert (edited["minutes"], edited["timer_minutes"]) == ("20", 14)
    assert contact_values({**FORM, "minutes": " "})["minutes"] == "0"
    assert "timer_minutes" not in contact_values(FORM)  # no timer: nothing to keep


def test_lists_ticked_and_typed_and_the_follow_up() -> None:
    values = contact_values(FORM)
    assert values["topics"] == ["symptoms", "mood", "grandson's visit", "pain"]
    assert values["education"] == [] and values["follow_up"] is None
    assert "occurred_at" not in values  # blank: now
    task = contact_values({**FORM, "follow_up": "task", "follow_up_on": "2026-12-03",
                           "follow_up_reason": "Call pharmacy", "occurred_at": "2026-11-24 09:10"})
    assert task["follow_up"] == {"kind": "task", "due_on": "2026-12-03",
                                 "reason": "Call pharmacy"}
    assert task["occurred_at"] == "2026-11-24 09:10"
    dated = contact_values({**FORM, "follow_up_on": "2026-12-03"})
    assert dated["follow_up"]["kind"] == "check_in"  # a date alone is a check-in


def _logged(**changes) -> LoggedContact:
    base = dict(contact_id=1, next_due=date(2026, 12, 14), retry=False, failed_in_a_row=0,
                unable_to_reach=False, closed_findings=())
    return LoggedContact(**{**base, **changes})


def test_what_the_save_says() -> None:
    assert saved_message("reached", _logged()) == "Logged: reached. Next check-in Dec 14."
    assert saved_message("voicemail", _logged(next_due=date(2026, 12, 1), retry=True,
                                              failed_in_a_row=1)) == (
        "Voicemail logged; retry Tue Dec 1.")
    assert saved_message("reached", _logged(closed_findings=("suicidal_ideation",))) == (
        "Logged: reached. Next check-in Dec 14. SI follow-up noted: the safety flag is "
        "cleared.")
    third = saved_message("no_answer", _logged(next_due=date(2026, 11, 25), retry=True,
                                               failed_in_a_row=3, unable_to_reach=True))
    assert third == ("No answer logged; retry Wed Nov 25. 3 attempts in a row: unable to "
                     "reach.")
    assert saved_message("reached", _logged(next_due=None)) == "Logged: reached."
    assert saved_message("reached", _logged(), {"kind": "task"}).endswith("Task scheduled.")


def test_a_contact_with_the_care_team_is_said_to_be_coordination() -> None:
    assert party_hint("care_team:Dr Ames").startswith("Care team: coordination")
    assert party_hint("client:Ida Rowe") == party_hint(None) == ""
    assert saved_message("reached", _logged(coordination=True)) == (
        "Logged with the care team: reached (coordination). Next check-in still Dec 14.")
    assert saved_message("voicemail", _logged(coordination=True, retry=True,
                                              next_due=date(2026, 12, 1))) == (
        "Logged with the care team: voicemail (coordination). Retry still Tue Dec 1.")


def test_a_contact_that_leaves_the_tcm_contact_open_says_so_not_the_retry() -> None:
    still = "TCM contact still due, 1 day overdue (due by Mon Nov 30) — 2 attempts"
    assert saved_message("voicemail", _logged(next_due=date(2026, 12, 2), retry=True,
                                              failed_in_a_row=2), None, still) == (
        f"Voicemail logged; {still}.")

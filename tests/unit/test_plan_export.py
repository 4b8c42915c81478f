"""The care plan's copies: the HTML page and Markdown name every problem, goal (with the client's
words and target) and intervention (who, how often) in plain words with no internal code, and
print typed markup as typed; the FHIR Bundle validates under R4B with the right references and
codes; a copy is written 0600 and never over a file carecli did not write."""

import json
import re
import stat
import xml.etree.ElementTree as ElementTree
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from plan_sample import (
    BP_CHECK,
    BP_GOAL,
    CLUB_CALL,
    CLUB_GOAL,
    ERROR_GOAL,
    HEART,
    LONELY,
    MARKUP,
    PILLBOX,
    STANDING,
    sample_items,
    sample_plan,
    sample_record,
)

from carecli.domain import enums
from carecli.domain.care_plan import PlanStanding
from carecli.export import FORMATS, MARKER, export_plan
from carecli.export.files import ExportRefused, default_path, write_export
from carecli.export.markdown import md

CODES = {member.value for enum in (
    enums.GoalLifecycle, enums.GoalAchievement, enums.InterventionStatus, enums.InterventionOwner,
    enums.InterventionFrequency, enums.PlanSection, enums.ProblemStatus, enums.CarePlanStatus,
    enums.CopyMethod) for member in enum if "_" in member.value or "-" in member.value}
"""Coded values a reader would see as codes ("in-progress", "care_manager")."""


class _Text(HTMLParser):
    """The words of an HTML page as a reader sees them (no tags, no style sheet)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = False

    def handle_starttag(self, tag, attrs) -> None:
        self.skip = tag in ("style", "script")
        if tag == "script":
            raise AssertionError("the page holds a script element")

    def handle_endtag(self, tag) -> None:
        self.skip = False

    def handle_data(self, data) -> None:
        if not self.skip:
            self.parts.append(data)


def page_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def _shown_items():
    return [i for i in sample_items() if i.uid != ERROR_GOAL]


# --- HTML ---------------------------------------------------------------------------------


def test_html_names_every_problem_goal_and_intervention_in_plain_words() -> None:
    html = export_plan("html", sample_plan(), sample_record(), STANDING)
    text = page_text(html)
    for item in _shown_items():
        assert item.text in text, item.text
    assert "Goal: Keep my blood pressure down" in text
    assert "In your words: “I want to see my grandson graduate”" in text
    assert "How we will know: Blood pressure" in text
    assert "Aim: below 140/90" in text and "By: March 1, 2027" in text
    assert "Progress: Improving" in text  # the goal's latest achievement
    assert "Progress: Under way" in text  # a goal without progress notes
    assert "Status: On hold" in text  # the lunch-club goal's lifecycle, in words
    assert "Who: You When: Daily" in text
    assert "Who: Rosa Diaz (family) When: Weekly, next on December 1, 2026" in text
    assert "Who: Jo Ames, your care manager When: Monthly" in text
    assert "Who: Oak Senior Centre (community service) When: On December 3, 2026" in text
    assert "Typed by mistake" not in text  # a goal entered in error is left out


def test_html_has_the_other_elements_review_and_contact() -> None:
    text = page_text(export_plan("html", sample_plan(), sample_record(), STANDING))
    assert "Your plan in brief Stay well at home & keep blood pressure in range." in text
    assert "What matters most to you Staying in my own home" in text
    assert "What we expect Stable blood pressure; fewer falls." in text
    assert "Services and the people we work with Meals on wheels" in text
    assert "Medicines you take Lisinopril 10 mg once a day" in text
    assert "Old pill" not in text  # a stopped medicine
    assert "again by February 20, 2027" in text
    assert ("Questions? Your care manager Jo Ames , Nurse care manager, phone 937-555-0123, "
            "email jo@example.org") in text
    assert "Version 2, agreed on November 2, 2026 by Jo Ames" in text


def test_html_without_a_care_manager_on_the_team_names_none() -> None:
    text = page_text(export_plan("html", sample_plan(), sample_record(care_manager=False),
                                 PlanStanding()))
    assert "Questions?" not in text
    assert "Dr Lena Park" in text


def test_html_has_no_internal_codes() -> None:
    html = export_plan("html", sample_plan(), sample_record(), STANDING)
    text = page_text(html)
    for code in CODES:
        assert not re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text), code
    for internal in ("I10", "J44.9", "condition:7", HEART, "12"):
        assert internal not in text.split(), internal
    assert "condition:" not in html and HEART not in html and "I10" not in html


def test_html_prints_typed_markup_as_typed() -> None:
    html = export_plan("html", sample_plan(), sample_record(), STANDING)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [/] [bold]" in html
    assert f"Feels lonely {MARKUP}" in page_text(html)


def test_html_is_large_type_with_a_print_stylesheet_and_marks_a_draft() -> None:
    html = export_plan("html", sample_plan("draft"), sample_record(), PlanStanding())
    assert "@media print" in html
    assert re.search(r"body \{[^}]*font-size: 1\.25rem", html)
    text = page_text(html)
    assert "This is a draft." in text
    assert "Version 2: a draft, not yet agreed" in text
    assert MARKER in html[:500]


def test_a_plan_without_problems_says_so() -> None:
    text = page_text(export_plan("html", sample_plan(items=()), sample_record(),
                                 PlanStanding()))
    assert "No health concerns are written down yet." in text


@pytest.mark.parametrize("fmt", ["html", "markdown", "fhir"])
def test_terminal_control_characters_never_reach_the_copy(fmt: str) -> None:
    items = tuple(i if i.uid != HEART else type(i)(**{
        **{f: getattr(i, f) for f in i.__slots__}, "text": "Blood\x1b[2J pressure\x07\x9b"})
        for i in sample_items())
    out = export_plan(fmt, sample_plan(items=items), sample_record(), STANDING)
    assert not any(c in out for c in "\x1b\x07\x9b")
    assert "2J pressure" in out  # the rest of the text is kept (JSON escapes the control)


DONE = PlanStanding(achievements=STANDING.achievements, last_done={
    PILLBOX: date(2026, 11, 30), CLUB_CALL: date(2026, 11, 28), BP_CHECK: date(2026, 11, 10)})
"""The weekly pill box (planned from Dec 1) filled on Nov 30, the one-off call made, and the
daily blood pressure check last done on Nov 10."""


def test_each_copy_says_when_an_intervention_is_next_due_after_it_was_last_done() -> None:
    text = page_text(export_plan("html", sample_plan(), sample_record(), DONE))
    assert "Weekly, next on December 7, 2026 Last done: November 30, 2026" in text
    assert "next on December 1" not in text  # the planned day: done since
    assert "Daily, next on November 11, 2026 Last done: November 10, 2026" in text
    assert "On December 3, 2026" not in text  # the one-off call was made: not due again
    assert "Last done: November 28, 2026" in text
    out = export_plan("markdown", sample_plan(), sample_record(), DONE)
    assert ("1. Fill the weekly pill box\n   - Who: Rosa Diaz (family)\n"
            "   - When: Weekly, next on December 7, 2026\n"
            "   - Last done: November 30, 2026\n") in out
    _, data = _bundle(standing=DONE)
    (plan,) = _resources(data, "CarePlan")
    pillbox = next(a for a in plan["activity"] if a["detail"]["description"] == (
        "Fill the weekly pill box"))
    assert pillbox["detail"]["scheduledString"] == "Weekly, next on December 7, 2026"
    assert pillbox["progress"] == [{"time": "2026-11-30",
                                    "text": "Last done on November 30, 2026"}]


def test_a_superseded_version_says_it_was_replaced() -> None:
    text = page_text(export_plan("html", sample_plan("superseded"), sample_record(),
                                 PlanStanding()))
    assert "Version 2, agreed on November 2, 2026 by Jo Ames, since replaced" in text
    _, data = _bundle(sample_plan("superseded"))
    assert _resources(data, "CarePlan")[0]["status"] == "revoked"


# --- Markdown ------------------------------------------------------------------------------


def test_markdown_has_the_same_content() -> None:
    out = export_plan("markdown", sample_plan(), sample_record(), STANDING)
    assert out.startswith(f"<!-- {MARKER} -->\n\n# Care plan for Ida Rowe\n")
    assert "### High blood pressure\n" in out
    assert "**Goal: Keep my blood pressure down**" in out
    assert "*In your words:* “I want to see my grandson graduate”" in out
    assert "- Aim: below 140/90\n- By: March 1, 2027\n- Progress: Improving" in out
    assert ("1. Fill the weekly pill box\n   - Who: Rosa Diaz (family)\n"
            "   - When: Weekly, next on December 1, 2026\n") in out
    assert "## What we expect\n\nStable blood pressure; fewer falls." in out
    assert "again by February 20, 2027." in out
    assert "Typed by mistake" not in out
    for code in CODES:
        assert not re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", out), code


def test_a_line_break_typed_in_an_item_keeps_the_markdown_layout() -> None:
    items = tuple(replace(i, text=f"{i.text}\n- then this\n\n# and this")
                  if i.uid in (HEART, BP_GOAL, BP_CHECK) else i for i in sample_items())
    out = export_plan("markdown", sample_plan(items=items), sample_record(), STANDING)
    assert "### High blood pressure - then this \\# and this\n" in out
    assert "**Goal: Keep my blood pressure down - then this \\# and this**" in out
    assert ("1. Check blood pressure at home - then this \\# and this\n"
            "   - Who: You\n") in out
    assert not re.search(r"^(- then|# and)", out, re.MULTILINE)


def test_markdown_escapes_typed_markup() -> None:
    out = export_plan("markdown", sample_plan(), sample_record(), STANDING)
    assert "<script>" not in out
    assert r"### Feels lonely \<script\>alert(1)\</script\> \[/\] \[bold\]" in out
    assert md("# not a heading\n- not a list\n1. nor this") == (
        "\\# not a heading\n\\- not a list\n\\1. nor this")
    assert md("**bold** [link](x) a & b") == r"\*\*bold\*\* \[link\](x) a \& b"


# --- FHIR ----------------------------------------------------------------------------------


def _bundle(plan=None, record=None, standing=STANDING) -> tuple[Bundle, dict]:
    text = export_plan("fhir", plan or sample_plan(), record or sample_record(), standing)
    data = json.loads(text)
    return Bundle.model_validate(data), data


def _resources(data: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == kind]


def _uuid(uid: str) -> str:
    return f"urn:uuid:{uid[:8]}-{uid[8:12]}-{uid[12:16]}-{uid[16:20]}-{uid[20:]}"


def test_the_bundle_validates_under_r4b_and_holds_every_resource() -> None:
    bundle, data = _bundle()
    assert bundle.type == "collection"
    kinds = [e.resource.get_resource_type() for e in bundle.entry]
    assert kinds == ["Patient", "CarePlan", "Goal", "Goal", "Goal", "CareTeam", "Condition",
                     "Condition"]
    urls = [e["fullUrl"] for e in data["entry"]]
    assert len(set(urls)) == len(urls)
    assert all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", u) for u in urls)
    for entry in data["entry"]:
        assert entry["fullUrl"] == f"urn:uuid:{entry['resource']['id']}"


def test_every_reference_points_into_the_bundle() -> None:
    _, data = _bundle()
    urls = {e["fullUrl"] for e in data["entry"]}
    found = re.findall(r'"reference": "([^"]+)"', json.dumps(data))
    assert found and set(found) <= urls


def test_the_care_plan_is_us_core() -> None:
    _, data = _bundle()
    (plan,) = _resources(data, "CarePlan")
    (patient,) = _resources(data, "Patient")
    (team,) = _resources(data, "CareTeam")
    assert plan["status"] == "active" and plan["intent"] == "plan"
    assert plan["category"][0]["coding"][0] == {
        "system": "http://hl7.org/fhir/us/core/CodeSystem/careplan-category",
        "code": "assess-plan", "display": "Assessment and Plan of Treatment"}
    assert plan["subject"]["reference"] == f"urn:uuid:{patient['id']}"
    assert plan["text"]["status"] == "generated"
    div = ElementTree.fromstring(plan["text"]["div"])  # well-formed XHTML
    assert div.tag == "{http://www.w3.org/1999/xhtml}div"
    narrative = " ".join("".join(div.itertext()).split())
    assert f"Feels lonely {MARKUP}" in narrative and "Keep my blood pressure down" in narrative
    assert "Expected outcome and prognosis" in narrative
    assert plan["description"] == "Stay well at home & keep blood pressure in range."
    assert [a["reference"] for a in plan["addresses"]] == [_uuid(HEART), _uuid(LONELY)]
    assert [g["reference"] for g in plan["goal"]] == [
        _uuid(BP_GOAL), _uuid(CLUB_GOAL), _uuid(ERROR_GOAL)]
    assert plan["careTeam"] == [{"reference": f"urn:uuid:{team['id']}"}]
    first = plan["activity"][0]["detail"]
    assert first == {"status": "in-progress", "description": "Check blood pressure at home",
                     "reasonReference": [{"reference": _uuid(HEART)}],
                     "goal": [{"reference": _uuid(BP_GOAL)}],
                     "scheduledString": "Daily", "performer": [{"display": "Client"}]}
    on_problem = plan["activity"][2]["detail"]
    assert "goal" not in on_problem
    assert on_problem["performer"] == [{"display": "Jo Ames (care manager)"}]
    assert [p["member"]["display"] for p in team["participant"]] == ["Dr Lena Park", "Jo Ames"]
    assert team["participant"][0]["role"] == [{"text": "Primary care physician"}]


def test_a_draft_exports_as_a_draft_care_plan() -> None:
    _, data = _bundle(sample_plan("draft"))
    assert _resources(data, "CarePlan")[0]["status"] == "draft"


def test_goals_carry_lifecycle_achievement_target_and_problem() -> None:
    _, data = _bundle()
    goals = {g["id"]: g for g in _resources(data, "Goal")}
    bp = goals[_uuid(BP_GOAL).removeprefix("urn:uuid:")]
    assert bp["lifecycleStatus"] == "active"
    assert bp["achievementStatus"]["coding"] == [{
        "system": "http://terminology.hl7.org/CodeSystem/goal-achievement",
        "code": "improving", "display": "Improving"}]
    assert bp["description"] == {"text": "Keep my blood pressure down"}
    assert bp["target"] == [{"measure": {"text": "Blood pressure"},
                             "detailString": "below 140/90", "dueDate": "2027-03-01"}]
    assert bp["addresses"] == [{"reference": _uuid(HEART)}]
    assert "I want to see my grandson graduate" in bp["note"][0]["text"]
    club = goals[_uuid(CLUB_GOAL).removeprefix("urn:uuid:")]
    assert club["lifecycleStatus"] == "on-hold"
    assert club["achievementStatus"]["coding"][0]["code"] == "in-progress"


def test_conditions_are_the_coded_condition_or_a_health_concern() -> None:
    _, data = _bundle()
    conditions = {c["id"]: c for c in _resources(data, "Condition")}
    coded = conditions[_uuid(HEART).removeprefix("urn:uuid:")]
    assert coded["code"] == {"text": "Essential hypertension", "coding": [{
        "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "I10",
        "display": "Essential hypertension"}]}
    assert coded["category"][0]["coding"][0]["code"] == "problem-list-item"
    assert coded["clinicalStatus"]["coding"][0]["code"] == "active"
    concern = conditions[_uuid(LONELY).removeprefix("urn:uuid:")]
    assert concern["category"][0]["coding"][0] == {
        "system": "http://hl7.org/fhir/us/core/CodeSystem/condition-category",
        "code": "health-concern", "display": "Health Concern"}
    assert concern["code"] == {"text": f"Feels lonely {MARKUP}"}


def test_a_problem_whose_condition_left_the_record_is_a_health_concern() -> None:
    items = tuple(i if i.uid != HEART else type(i)(**{
        **{f: getattr(i, f) for f in i.__slots__}, "source": "condition:99"})
        for i in sample_items())
    _, data = _bundle(sample_plan(items=items))
    codes = [c["category"][0]["coding"][0]["code"] for c in _resources(data, "Condition")]
    assert codes == ["health-concern", "health-concern"]


def test_the_uuids_stay_the_same_from_one_export_to_the_next() -> None:
    first = export_plan("fhir", sample_plan(), sample_record(), STANDING)
    assert export_plan("fhir", sample_plan(), sample_record(), STANDING) == first
    assert _uuid(BP_CHECK) not in first  # an intervention is an activity, not a resource


def test_a_plan_without_a_care_team_has_no_care_team() -> None:
    record = sample_record()
    record = type(record)(**{**record.__dict__,
                             "entries": {**record.entries, "care_team": ()}})
    _, data = _bundle(record=record)
    assert not _resources(data, "CareTeam")
    assert "careTeam" not in _resources(data, "CarePlan")[0]


# --- files ---------------------------------------------------------------------------------


def test_a_copy_is_written_private(tmp_path: Path) -> None:
    target = tmp_path / "plan.html"
    assert write_export(target, "hello") == target
    assert target.read_text() == "hello"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_an_existing_file_is_never_overwritten_without_force(tmp_path: Path) -> None:
    target = tmp_path / "plan.html"
    target.write_text(f"<!-- {MARKER} --> old")
    with pytest.raises(ExportRefused, match="already exists"):
        write_export(target, "new")
    assert target.read_text().endswith("old")
    write_export(target, "new", replace=True)  # an earlier copy carecli wrote
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert list(tmp_path.iterdir()) == [target]


def test_a_file_carecli_did_not_write_is_never_replaced(tmp_path: Path) -> None:
    target = tmp_path / "notes.html"
    target.write_text("my own notes")
    with pytest.raises(ExportRefused, match="not written by carecli"):
        write_export(target, "new", replace=True)
    assert target.read_text() == "my own notes"
    link = tmp_path / "link.html"
    link.symlink_to(target)
    with pytest.raises(ExportRefused, match="not written by carecli"):
        write_export(link, f"{MARKER}", replace=True)
    assert target.read_text() == "my own notes"


@pytest.mark.parametrize("where, expected", [
    ("folder", "is a folder"), ("missing/plan.html", "There is no folder"),
])
def test_a_bad_path_is_refused(tmp_path: Path, where: str, expected: str) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(ExportRefused, match=expected):
        write_export(tmp_path / where, "x")


def test_the_default_name_is_free(tmp_path: Path) -> None:
    from datetime import date

    first = default_path(tmp_path, "Ida <Rowe>", "html", date(2026, 11, 24))
    assert first.name == "care-plan-ida-rowe-2026-11-24.html"
    first.write_text("x")
    assert default_path(tmp_path, "Ida <Rowe>", "html", date(2026, 11, 24)).name == (
        "care-plan-ida-rowe-2026-11-24-2.html")
    assert set(FORMATS) == {"html", "markdown", "fhir"}

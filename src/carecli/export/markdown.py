"""The care plan as Markdown: the same words as the HTML page, for an email or a patient portal
that takes Markdown. What was typed into the plan is escaped, so it reads as typed and never
becomes a link, a heading, emphasis or raw HTML; an item's text is folded onto one line, so a
line break typed in it never ends a heading or a list item early."""

import re
from typing import Any

from carecli.domain.care_plan import Plan, PlanStanding
from carecli.export import MARKER
from carecli.export.document import Intervention, Line, Person, plan_document
from carecli.plain import clean, one_line

_INLINE = re.compile(r"([\\`*_{}\[\]<>#|~&])")
"""Emphasis, code, links and images (their `[`), raw HTML, entities, headings, tables."""
_LINE_START = re.compile(r"^(\s*)([-=+]|\d+[.)])", re.MULTILINE)
"""A list item or an underline at the start of a line."""


def md(text: str) -> str:
    """User text escaped for Markdown: punctuation that could make markup gets a backslash."""
    return _LINE_START.sub(r"\1\\\2", _INLINE.sub(r"\\\1", text))


def md_line(text: str) -> str:
    """User text for a heading or a list item: escaped, with line breaks folded into spaces."""
    return md(one_line(text))


def plan_markdown(plan: Plan, record: Any, standing: PlanStanding) -> str:
    doc = plan_document(plan, record, standing)
    out = [f"<!-- {MARKER} -->", "", f"# {md_line(doc.title)}", "", md(doc.version), ""]
    if doc.draft:
        out += ["**This is a draft. It may still change before you and your care manager "
                "agree on it.**", ""]
    if doc.summary:
        out += ["## Your plan in brief", "", md(doc.summary), ""]
    for section in doc.about:
        out += [f"## {section.heading}", "", md(section.body), ""]
    out += ["## Your health concerns and goals", ""]
    for problem in doc.problems:
        out += [f"### {md_line(problem.text)}", ""]
        if problem.status:
            out += [problem.status, ""]
        for goal in problem.goals:
            out += [f"**Goal: {md_line(goal.text)}**", ""]
            if goal.client_words:
                out += [f"*In your words:* “{md_line(goal.client_words)}”", ""]
            out += _lines(goal.lines, "")
            if goal.interventions:
                out += ["What will be done:", ""] + _steps(goal.interventions)
        if problem.interventions:
            out += ["Also being done:", ""] + _steps(problem.interventions)
    if not doc.problems:
        out += ["No health concerns are written down yet.", ""]
    for section in doc.sections:
        out += [f"## {section.heading}", "", md(section.body), ""]
    if doc.medicines:
        out += ["## Medicines you take", ""] + [f"- {md_line(m)}" for m in doc.medicines] + [""]
    if doc.care_team:
        out += ["## Your care team", ""] + [f"- {_person(p)}" for p in doc.care_team] + [""]
    out += ["## Next review", ""]
    out += [f"We will look at this plan together again by {doc.review_on}." if doc.review_on
            else "The date of the next review is not set yet.", ""]
    if doc.care_manager:
        out += ["## Questions? Your care manager", "", _person(doc.care_manager), ""]
    return clean("\n".join(out))  # no terminal control characters, even when printed to one


def _lines(lines: tuple[Line, ...], indent: str) -> list[str]:
    """Labelled lines as a list (Markdown keeps list items on lines of their own)."""
    return [f"{indent}- {line.label}: {md_line(line.text)}" for line in lines] + ([""] if lines
                                                                               else [])


def _steps(steps: tuple[Intervention, ...]) -> list[str]:
    out = []
    for step in steps:
        out.append(f"1. {md_line(step.text)}")
        out += [f"   - {line.label}: {md_line(line.text)}" for line in step.lines]
    return out + [""]


def _person(person: Person) -> str:
    parts = [f"**{md_line(person.name)}**"] + [md_line(p) for p in (person.role,) if p]
    parts += [f"phone {md_line(person.phone)}"] if person.phone else []
    parts += [f"email {md_line(person.email)}"] if person.email else []
    return ", ".join(parts)

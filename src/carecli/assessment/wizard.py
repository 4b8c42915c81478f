"""The wizard as a plain state machine: the questions in order, answers, moving on and back,
live scores, the safety triggers an answer raises, and the results at the end.

Mood follows the PHQ-2 → PHQ-9 rule: in a step that holds both, PHQ-9 is asked only when the
PHQ-2 is positive, and its first two items are the PHQ-2's answers (not asked twice).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from carecli.assessment.sections import (
    STATIC_SECTIONS,
    Step,
    medication_items,
)
from carecli.clinical import SAFETY_NAMES, Score, instrument, safety_flags
from carecli.clinical.instruments import INSTRUMENTS
from carecli.clinical.instruments.model import Item

SHARED_WITH_PHQ2 = ("1", "2")
SUMMED = {"phq2", "phq9", "gad7", "katz_adl"}
"""Instruments whose total is the sum of the answer codes, so a running sum means something
(Lawton's codes are option numbers, scored item by item)."""


@dataclass(frozen=True)
class Question:
    step: Step
    section: str
    item: Item

    @property
    def key(self) -> tuple[str, str]:
        return self.section, self.item.id


class Wizard:
    def __init__(
        self,
        steps: tuple[Step, ...],
        *,
        medications: list[tuple[int, str]] = (),
        answers: Mapping[str, Mapping[str, Any]] | None = None,
        position: int = 0,
    ) -> None:
        self.steps = steps
        self.medications = list(medications)
        self.answers: dict[str, dict[str, Any]] = {s: dict(a) for s, a in (answers or {}).items()}
        self.acknowledged: set[str] = set()
        self.saved: dict[str, dict[str, Any]] = {s: dict(a) for s, a in self.answers.items()}
        """The answers as last saved (or read): a save over answers given meanwhile in another
        window is refused instead of undoing them."""
        self.position = min(position, max(0, len(self.questions()) - 1))

    # questions ------------------------------------------------------------------------
    def items_of(self, section: str) -> tuple[Item, ...]:
        if section in INSTRUMENTS:
            return instrument(section).items
        if section == "medications":
            return medication_items(self.medications)
        return STATIC_SECTIONS[section]

    def questions(self) -> list[Question]:
        asked: list[Question] = []
        for step in self.steps:
            for section in step.sections:
                if section == "phq9" and "phq2" in step.sections:
                    if not self._phq2_positive():
                        continue
                    items = [i for i in self.items_of("phq9") if i.id not in SHARED_WITH_PHQ2]
                else:
                    items = list(self.items_of(section))
                asked += [Question(step, section, item) for item in items]
        return asked

    def _phq2_positive(self) -> bool:
        try:
            return instrument("phq2").score(self.answers.get("phq2", {})).positive
        except ValueError:
            return False

    @property
    def current(self) -> Question:
        return self.questions()[self.position]

    @property
    def total(self) -> int:
        return len(self.questions())

    def value(self, question: Question) -> Any:
        return self.answers.get(question.section, {}).get(question.item.id)

    def step_number(self) -> tuple[int, int]:
        """(n, m): the current question is in step n of m."""
        return self.steps.index(self.current.step) + 1, len(self.steps)

    # answering ------------------------------------------------------------------------
    def answer(self, value: Any) -> list[str]:
        """Record an answer for the current question; returns safety flags it newly raises."""
        question = self.current
        section = self.answers.setdefault(question.section, {})
        if value is None or value == "" or value == []:
            section.pop(question.item.id, None)
            if question.item.kind == "multi" and value == []:
                section[question.item.id] = []
        else:
            question.item.check(value)
            section[question.item.id] = value
        raised = [f for f in self.safety_flags() if f not in self.acknowledged]
        return raised

    def acknowledge(self, flag: str) -> None:
        self.acknowledged.add(flag)

    def problem(self) -> str | None:
        """Why the current question cannot be left yet, or None."""
        question = self.current
        value = self.value(question)
        if value is None:
            return "This question needs an answer." if question.item.required else None
        try:
            question.item.check(value)
        except ValueError as exc:
            return str(exc).split(": ", 1)[-1].capitalize() + "."
        return None

    def next(self) -> bool:
        """Move on; False (staying put) when the current question is not answered well."""
        if self.problem() is not None:
            return False
        self.position = min(self.position + 1, self.total)
        return True

    def back(self) -> None:
        self.position = max(0, self.position - 1)

    @property
    def finished(self) -> bool:
        return self.position >= self.total

    # results --------------------------------------------------------------------------
    def section_answers(self, section: str) -> dict[str, Any]:
        answers = dict(self.answers.get(section, {}))
        if section == "phq9" and self._asks_phq2_first():
            phq2 = self.answers.get("phq2", {})
            answers.update({k: phq2[k] for k in SHARED_WITH_PHQ2 if k in phq2})
        return answers

    def _asks_phq2_first(self) -> bool:
        return any("phq2" in s.sections and "phq9" in s.sections for s in self.steps)

    def scored_sections(self) -> list[str]:
        asked = {q.section for q in self.questions()}
        return [s for step in self.steps for s in step.sections
                if s in INSTRUMENTS and s in asked]

    def results(self) -> dict[str, Score]:
        """Scores of every instrument asked and fully answered."""
        found = {}
        for section in self.scored_sections():
            try:
                found[section] = instrument(section).score(self.section_answers(section))
            except ValueError:
                continue
        return found

    def live(self, section: str) -> str:
        """The running score of a scored section, in words ("7 so far, 5 of 9 answered")."""
        if section not in INSTRUMENTS:
            return ""
        inst = instrument(section)
        answers = self.section_answers(section)
        alarms = [SAFETY_NAMES[f] for f in safety_flags({section: answers})]
        alarm = f"⚠ {', '.join(alarms)} · " if alarms else ""
        try:
            score = inst.score(answers)
        except ValueError:
            numbers = [v for k, v in answers.items() if type(v) is int and k != "difficulty"
                       and section in SUMMED]
            asked = [i for i in inst.items if i.required]
            done = sum(1 for i in asked if i.id in answers)
            running = f"{sum(numbers)} so far, " if numbers else ""
            return f"{inst.title}: {alarm}{running}{done} of {len(asked)} answered"
        parts = [f"{inst.title}: {alarm}{score.total}" if score.total is not None
                 else f"{inst.title}: {alarm}".rstrip(": ")]
        if score.band:
            parts.append(score.band.replace("_", " "))
        if score.positive or not alarms:  # a safety finding is never called negative
            parts.append("positive" if score.positive else "negative")
        return " · ".join(parts)

    def safety_flags(self) -> list[str]:
        """Safety findings in the answers so far (each interrupts the wizard until noted)."""
        return safety_flags(self.answers)

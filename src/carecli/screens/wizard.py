"""The assessment wizard: one question at a time, digits to answer, a draft saved at every
step (in order, in a worker), and the safety screen the moment an answer calls for it.
Dismisses with "finished", "leave" or "discard" (see `assess.AssessmentFlow`)."""

from copy import deepcopy
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Footer, Header, Input, Static

from carecli.actions import bindings_for
from carecli.assessment.sections import SECTION_TITLES
from carecli.assessment.wizard import Wizard
from carecli.clinical import SAFETY_NAMES
from carecli.clinical.instruments import INSTRUMENTS
from carecli.plain import one_line, plain
from carecli.screens.base import CareScreen, DataChanged, InOrder, run_service_call
from carecli.screens.safety import SafetyScreen
from carecli.widgets.question import QuestionView


class AssessmentScreen(CareScreen):
    """One question at a time; `saves` keeps the flow's saves in the order asked."""

    AUTO_FOCUS = None  # the question decides: its Input for typed answers, else nothing
    HELP = (
        "Read each question as written. Digits ({wizard.answer}) pick an answer (and move on); "
        "for a list, digits tick and untick, then {wizard.next}. Press {wizard.next:all} for the "
        "next question, {wizard.back} (or {wizard.back:2}, outside a typed answer) for the one "
        "before. Every answer is saved as a draft at once: {wizard.leave} leaves and keeps it, "
        "and starting the assessment again resumes where you were. A safety finding stops the "
        "wizard until you write what you did."
    )
    BINDINGS = bindings_for("wizard")

    def __init__(self, *, client_id: int, client_name: str, assessment_id: int, kind: str,
                 wizard: Wizard, saves: InOrder, context: dict[str, Text] | None = None
                 ) -> None:
        super().__init__()
        self.saves = saves
        self.client_id = client_id
        self.client_name = client_name
        self.assessment_id = assessment_id
        self.kind = kind
        self.wizard = wizard
        self.context = context or {}
        """What the record already says, shown above a section's questions for review."""
        self._flags_shown = set(wizard.safety_flags())
        """Safety flags the caseload already shows for this draft."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="wizard-progress")
        yield QuestionView()
        yield Static("", id="wizard-error")
        yield Static("", id="wizard-live")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "carecli"
        self.sub_title = f"{'Intake' if self.kind == 'intake' else 'Re-assessment'}: " + one_line(
            self.client_name)
        self.render_question()
        self.call_after_refresh(self._raise_pending_safety)

    def _raise_pending_safety(self) -> None:
        """A resumed draft whose safety finding has no note yet asks for it before anything."""
        pending = [f for f in self.wizard.safety_flags() if f not in self.wizard.acknowledged]
        if pending:
            self._raise_safety(pending[0])

    # showing --------------------------------------------------------------------------
    def render_question(self) -> None:
        if self.wizard.finished:
            self.dismiss("finished")
            return
        w = self.wizard
        q = w.current
        step, steps = w.step_number()
        self.query_one("#wizard-progress", Static).update(Text.assemble(
            (f"Step {step} of {steps}: {q.step.title}", "bold"),
            f"   ·   question {w.position + 1} of {w.total}",
        ))
        self.view.set(q.item, w.value(q), self._heading(q.section))
        self._error("")
        self._update_live()

    def _heading(self, section: str) -> Text:
        if section in INSTRUMENTS:
            inst = INSTRUMENTS[section]
            return Text.assemble((inst.title, "bold underline"), "\n", (inst.intro, "italic"))
        heading = Text(SECTION_TITLES.get(section, section), "bold underline")
        if section in self.context:
            heading.append("\n")
            heading.append_text(self.context[section])
        return heading

    def _update_live(self) -> None:
        live = self.wizard.live(self.wizard.current.section) if not self.wizard.finished else ""
        self.query_one("#wizard-live", Static).update(Text(live, "bold cyan"))

    def _error(self, message: str) -> None:
        self.query_one("#wizard-error", Static).update(plain(message, "bold red"))

    @property
    def view(self) -> QuestionView:
        return self.query_one(QuestionView)

    # answering ------------------------------------------------------------------------
    def action_pick(self, number: int) -> None:
        q = self.wizard.current
        if q.item.kind in ("int", "text"):
            return
        if number > len(q.item.options):
            self._error(f"Choose an answer from 1 to {len(q.item.options)}.")
            return
        code = q.item.options[number - 1].code
        if q.item.kind == "multi":
            chosen = list(self.wizard.value(q) or [])
            chosen.remove(code) if code in chosen else chosen.append(code)
            self._apply(chosen)
            return
        if self._apply(code):
            self.action_next()

    def _apply(self, value: Any) -> bool:
        """Record an answer and save the draft; True unless a safety screen took over."""
        try:
            raised = self.wizard.answer(value)
        except ValueError as exc:
            self._error(str(exc).split(": ", 1)[-1])
            return False
        self.view.show(self.wizard.value(self.wizard.current))
        self._error("")
        self._update_live()
        self.save()
        if raised:
            self._raise_safety(raised[0])
            return False
        return True

    def _raise_safety(self, flag: str) -> None:
        def recorded(note: str | None) -> None:
            self.wizard.answers.setdefault("safety", {})[flag] = note
            self.wizard.acknowledge(flag)
            # the note is kept with its finding even if the draft cannot be saved any more
            run_service_call(self.app, self.service.note_safety_action, self.client_id, flag,
                             note, self.assessment_id, in_order=self.saves)
            self.save()
            more = [f for f in self.wizard.safety_flags() if f not in self.wizard.acknowledged]
            if more:
                self._raise_safety(more[0])
            elif self.wizard.current.item.kind not in ("multi", "int", "text"):
                self.action_next()  # the answer that raised it stands: go on

        self.app.push_screen(SafetyScreen(flag), recorded)

    @on(Input.Submitted)
    def _typed_enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_next()

    def action_next(self) -> None:
        if self.wizard.current.item.kind in ("int", "text"):
            try:
                typed = self.view.typed()
            except ValueError as exc:
                self._error(str(exc).capitalize() + ".")
                return
            if not self._apply(typed):
                return
        elif self.wizard.current.item.kind == "multi" and self.wizard.value(
                self.wizard.current) is None and not self._apply([]):
            return  # enter with nothing ticked answers "none of these"
        if not self.wizard.next():
            self._error(self.wizard.problem() or "")
            return
        self.save()
        self.render_question()

    def action_back(self) -> None:
        self._keep_typed()
        self.wizard.back()
        self.render_question()

    def _keep_typed(self) -> None:
        """Keep what was typed in a text answer when moving back or leaving (if it is valid)."""
        if self.wizard.finished or self.wizard.current.item.kind not in ("int", "text"):
            return
        try:
            self.wizard.answer(self.view.typed())
        except ValueError:
            return

    def action_leave(self) -> None:
        self._keep_typed()
        self.save()
        self.dismiss("leave")

    def action_discard(self) -> None:
        from carecli.screens.confirm import ConfirmScreen

        flags = self.wizard.safety_flags()
        question = "Discard this assessment and every answer in it? This cannot be undone."
        if flags:
            question = (f"Discard this assessment? Its safety finding ({names(flags)}) and the "
                        "answer that raised it are kept on the record until a follow-up is "
                        "noted; every other answer is thrown away.")

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss("discard")

        self.app.push_screen(ConfirmScreen(question), answered)

    def save(self) -> None:
        """Save the draft as it is now, after every earlier save; a safety finding it holds
        shows on the caseload as soon as it is stored."""
        flags = set(self.wizard.safety_flags())
        changed = flags != self._flags_shown
        self._flags_shown = flags
        app, client_id = self.app, self.client_id
        answers, saved = deepcopy(self.wizard.answers), self.wizard.saved
        self.wizard.saved = deepcopy(answers)  # what the next save, in order, builds on
        run_service_call(
            app, self.service.save_draft, self.assessment_id, answers,
            self.wizard.position, saved, client_id, in_order=self.saves,
            done=(lambda _: app.post_message(DataChanged(client_id, select=True))) if changed
            else None,
        )


def names(flags) -> str:
    return ", ".join(SAFETY_NAMES[f] for f in flags)

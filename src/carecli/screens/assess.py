"""The assessment flow as one coroutine: resume the client's draft, or choose a full intake or
a focused re-assessment; then the wizard (which raises the safety screen itself), the summary,
completion through the service, and back to where it was started, reloaded."""

from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, SelectionList, Static
from textual.worker import WorkerCancelled, WorkerFailed

from carecli.actions import bindings_for, fill
from carecli.assessment.sections import FOCUSABLE, INTAKE_STEPS, focused_steps
from carecli.assessment.wizard import Wizard
from carecli.clinical import instrument
from carecli.domain.enums import label
from carecli.plain import one_line, plain
from carecli.screens.base import DataChanged, InOrder, run_service_call
from carecli.screens.safety import SafetyScreen
from carecli.screens.summary import Decision, SummaryScreen
from carecli.screens.wizard import AssessmentScreen, names


class StartScreen(ModalScreen[list[str] | None]):
    """Returns ["intake"] or the chosen instrument ids, or None."""

    BINDINGS = bindings_for("start")

    def __init__(self, name: str) -> None:
        super().__init__()
        self.client_name = name

    def compose(self) -> ComposeResult:
        with Vertical(id="start-dialog"):
            yield Static(f"Assess {one_line(self.client_name)}", id="start-title", markup=False)
            yield Static(fill("{start.intake}  full intake: every step, about 30 minutes\n\nor "
                              "tick instruments for a focused re-assessment ({start.move:1}"
                              "{start.move:2} and {start.tick}), then {start.focused}:"),
                         markup=False)
            yield SelectionList[str](*[(instrument(i).title, i) for i in FOCUSABLE],
                                     id="start-instruments")
            yield Static("Chosen: none yet", id="start-chosen", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        """Say in words what is ticked (the ticks differ only by colour)."""
        chosen = [instrument(i).title for i in event.selection_list.selected]
        self.query_one("#start-chosen", Static).update(
            "Chosen: " + (", ".join(chosen) if chosen else "none yet"))

    def action_intake(self) -> None:
        self.dismiss(["intake"])

    def action_focused(self) -> None:
        chosen = list(self.query_one(SelectionList).selected)
        if not chosen:
            self.notify(fill("Tick at least one instrument, or press {start.intake} for a full "
                             "intake."))
            return
        self.dismiss(chosen)


class AssessmentFlow:
    """Start → wizard → (safety) → summary → completion, for one client. Every draft save,
    the discard and the completion run in this flow's order (`InOrder`)."""

    def __init__(self, app: App, client_id: int) -> None:
        self.app = app
        self.client_id = client_id
        self.service = app.service  # type: ignore[attr-defined]
        self.saves = InOrder()

    async def _call(self, call, *args: Any, **kwargs: Any) -> Any:
        """A service call in a worker, awaited; a refusal is reported by the app's handler
        and raises `WorkerFailed` here."""
        return await run_service_call(self.app, call, *args, in_order=self.saves,
                                      **kwargs).wait()

    async def run(self) -> None:
        try:
            await self._run()
        except (WorkerFailed, WorkerCancelled):
            pass  # already said in one sentence; the draft is as last saved

    async def _run(self) -> None:
        app, service = self.app, self.service
        start = await self._call(service.assessment_start, self.client_id)
        draft = start.draft
        await self._note_missing_actions(start.record.findings, draft)
        if draft is None:
            choice = await app.push_screen_wait(StartScreen(start.client_name))
            if not choice:
                return
            kind = "intake" if choice == ["intake"] else "reassessment"
            steps = ["intake"] if kind == "intake" else choice
            assessment_id = await self._call(service.start_assessment, self.client_id, kind,
                                             steps)
            answers, position = {}, 0
        else:
            app.notify("Resuming the assessment in progress.")
            assessment_id, kind, steps = draft.id, draft.kind, list(draft.steps)
            answers, position = draft.answers, draft.position
        plan = INTAKE_STEPS if steps == ["intake"] else focused_steps(steps)
        wizard = Wizard(plan, medications=start.medications, answers=answers, position=position)
        wizard.acknowledged.update(answers.get("safety", {}))
        context = record_context(start.record)
        while True:
            outcome = await app.push_screen_wait(AssessmentScreen(
                client_id=self.client_id, client_name=start.client_name,
                assessment_id=assessment_id, kind=kind, wizard=wizard, saves=self.saves,
                context=context))
            if outcome == "leave":
                app.notify("Assessment draft saved: start the assessment again to resume it.")
                app.post_message(DataChanged(self.client_id))
                return
            if outcome == "discard":
                await self._discard(assessment_id)
                return
            if await self._summary(assessment_id, start.client_name, wizard):
                return
            wizard.back()  # "back" from the summary: to the last question

    async def _note_missing_actions(self, findings, draft) -> None:
        """A safety finding whose draft was completed or discarded in another window before
        its note was written: ask for the note now, before anything else."""
        for finding in findings:
            if finding.action_note is None and (draft is None
                                                or finding.assessment_id != draft.id):
                note = await self.app.push_screen_wait(SafetyScreen(finding.flag))
                await self._call(self.service.note_safety_action, self.client_id,
                                 finding.flag, note, finding.assessment_id)
        if any(f.action_note is None for f in findings):
            self.app.post_message(DataChanged(self.client_id))

    async def _summary(self, assessment_id: int, name: str, wizard: Wizard) -> bool:
        """The summary until it is completed (True) or left with "back" (False)."""
        found = await self._call(self.service.summary_context, self.client_id, assessment_id)
        while True:
            decision = await self.app.push_screen_wait(SummaryScreen(
                wizard, client_name=name, previous=found.previous, context=found.risk))
            if not isinstance(decision, Decision):
                return False
            try:
                await self._call(
                    self.service.complete_assessment, assessment_id, answers=wizard.answers,
                    scores=wizard.results(),
                    risk=None if decision.risk is None else dict(decision.risk),
                    reconciled=wizard.answers.get("medications", {}).get("reconciled") is True,
                    saved=wizard.saved)
            except WorkerFailed:  # refused, and said so by the app: the summary again
                continue
            self.app.notify("Assessment saved.")
            self.app.post_message(DataChanged(self.client_id, select=True))
            return True

    async def _discard(self, assessment_id: int) -> None:
        kept = await self._call(self.service.discard_draft, assessment_id)
        if kept:
            self.app.notify(f"Assessment discarded. The safety finding ({names(kept)}) is kept "
                            "on the record until a follow-up is noted.", severity="warning",
                            timeout=10)
        else:
            self.app.notify("Assessment discarded; nothing of it was kept.")
        self.app.post_message(DataChanged(self.client_id, select=True))


def record_context(record: Any) -> dict[str, Text]:
    """The record's conditions, stays and medications, to review with the client."""
    history = Text("On the record:\n", "dim")
    for condition in record.entries["condition"]:
        history.append("  • ")
        history.append_text(plain(one_line(condition.name)))
        history.append(f"  {condition.icd10_code or ''}  {label(condition.status)}\n", "dim")
    for stay in record.stays[:5]:
        left = f"to {stay.discharged_on}" if stay.discharged_on else "still in"
        history.append(f"  • {label(stay.kind)} {stay.admitted_on} {left}: ")
        history.append_text(plain(one_line(stay.facility)))
        history.append("\n")
    meds = Text("Current medications on the record:\n", "dim")
    for med in record.entries["medication"]:
        if med.stopped_on is None:
            meds.append("  • ")
            meds.append_text(plain(one_line(
                " ".join(p for p in (med.name, med.dose, med.route, med.frequency) if p))))
            meds.append("\n")
    return {"history": history, "medications": meds}

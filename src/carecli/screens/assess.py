"""Starting an assessment: resume the client's draft, or choose a full intake or a focused
re-assessment; then the wizard, the summary and back to the record."""

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, SelectionList, Static

from carecli.actions import bindings_for, fill
from carecli.assessment.sections import FOCUSABLE, INTAKE_STEPS, focused_steps
from carecli.assessment.wizard import Wizard
from carecli.clinical import instrument
from carecli.data import assessments
from carecli.data.clients import get_client
from carecli.data.errors import CareDataError
from carecli.domain.enums import label
from carecli.plain import one_line, plain
from carecli.screens.wizard import AssessmentScreen


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


def start_or_resume(app: App, client_id: int) -> None:
    try:
        draft = assessments.find_draft(db=app.db, client_id=client_id)
        client = get_client(db=app.db, client_id=client_id)
    except CareDataError as exc:
        app.notify(str(exc), severity="error", markup=False)
        return
    name = f"{client.given_name} {client.family_name}"
    if draft is not None:
        app.notify("Resuming the assessment in progress.")
        _open(app, client_id, name, draft.id, draft.kind, draft.steps, draft.answers,
              draft.position)
        return

    def chosen(choice: list[str] | None) -> None:
        if not choice:
            return
        kind = "intake" if choice == ["intake"] else "reassessment"
        steps = ["intake"] if kind == "intake" else choice
        assessment_id = assessments.start_assessment(db=app.db, client_id=client_id, kind=kind,
                                                     steps=steps)
        _open(app, client_id, name, assessment_id, kind, steps, {}, 0)

    app.push_screen(StartScreen(name), chosen)


def _open(app, client_id, name, assessment_id, kind, steps, answers, position) -> None:
    plan = INTAKE_STEPS if steps == ["intake"] else focused_steps(steps)
    wizard = Wizard(plan, medications=assessments.current_medications(db=app.db,
                                                                      client_id=client_id),
                    answers=answers, position=position)
    wizard.acknowledged.update(answers.get("safety", {}))
    app.push_screen(AssessmentScreen(client_id=client_id, client_name=name,
                                     assessment_id=assessment_id, kind=kind, wizard=wizard,
                                     context=_record_context(app, client_id)))


def _record_context(app: App, client_id: int) -> dict[str, Text]:
    """The record's conditions, stays and medications, to review with the client."""
    from carecli.data.record import load_record

    record = load_record(db=app.db, client_id=client_id)
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


def show_summary(app: App, wizard_screen: AssessmentScreen) -> None:
    from carecli.screens.summary import SummaryScreen

    previous = assessments.latest_results(db=app.db, client_id=wizard_screen.client_id,
                                          before=wizard_screen.assessment_id)
    context = assessments.risk_context(db=app.db, client_id=wizard_screen.client_id,
                                       today=app.today())
    app.push_screen(SummaryScreen(wizard_screen, previous=previous, context=context))


def finish(app: App, client_id: int) -> None:
    """Back to where the assessment was started, with everything reloaded."""
    from carecli.screens.summary import SummaryScreen

    while isinstance(app.screen, (SummaryScreen, AssessmentScreen)):
        app.pop_screen()
    app.notify("Assessment saved.")
    app.refresh_caseload(client_id)
    reload = getattr(app.screen, "reload", None)
    if reload is not None and getattr(app.screen, "client_id", None) == client_id:
        reload()

"""The care plan editor: one client's plan as an outline of problems, goals and interventions
and its other CCM elements, with the CMS checklist beside it. A draft is edited by keyboard
(add, add under, edit, status, move, delete, undo, suggested problems, progress notes); the
current plan opens read-only, and editing it starts a new draft from it; an earlier version
opens read-only too. Every read and write goes through the data service in a worker."""

from textual import on
from textual.app import App, ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, OptionList, Static

from carecli.actions import bindings_for, fill
from carecli.domain.care_plan import Plan, PlanItem
from carecli.domain.enums import PlanItemKind
from carecli.domain.plan_completeness import check_plan
from carecli.plain import one_line
from carecli.screens import plan_flows, plan_items
from carecli.screens.base import CareScreen, run_service_call
from carecli.screens.confirm import ConfirmScreen
from carecli.screens.plan_flows import PlanView, read_view
from carecli.screens.plan_writes import DraftWriter
from carecli.widgets.plan_outline import OutlineRow, PlanOutline
from carecli.widgets.plan_panels import banner, checklist, detail

WIDE = 110
"""From this many columns the CMS checklist shows beside the outline from the start."""
DRAFT_ONLY = {"add", "add_child", "add_intervention", "status", "remove", "undo", "move",
              "suggest", "elements", "finalise", "discard"}
NEEDS_ITEM = {"add_child", "status", "remove", "move", "progress"}


def open_plan(app: App, client_id: int) -> None:
    """The client's care plan: the draft to edit, else the current plan read-only; with no
    plan yet, offer to start one (prefilled from the record and the latest assessment)."""
    service = app.service  # type: ignore[attr-defined]

    def opened(view: PlanView) -> None:
        if view.plan is not None:
            app.push_screen(PlanScreen(client_id, view))
            return

        def answered(yes: bool | None) -> None:
            if yes:
                run_service_call(app, lambda: (service.start_draft(client_id),
                                               read_view(service, client_id, None))[1],
                                 done=lambda fresh: app.push_screen(PlanScreen(client_id, fresh)))

        app.push_screen(ConfirmScreen(
            f"{one_line(view.name)} has no care plan yet. Start one, prefilled from the record "
            "and the latest assessment?"), answered)

    run_service_call(app, read_view, service, client_id, None, done=opened)


class PlanScreen(CareScreen):
    HELP = (
        "The care plan: each problem or need, its goals (target: what, how much, by when; "
        "progress) and interventions (who, how often, when due), then the plan's other "
        "elements. On a draft: {plan.add} adds after the highlighted item, {plan.add_child} "
        "under it, {plan.add_intervention} an intervention; {plan.edit} or {plan.open} edits; "
        "{plan.status} changes the status; {plan.move_up} and {plan.move_down} move it; "
        "{plan.remove} deletes it (asks); {plan.undo} undoes the last changes; "
        "{plan.suggest} adds suggested problems with one key each; {plan.elements} edits the "
        "other elements; {plan.finalise} finalises. On the current plan, {plan.edit} starts a "
        "new draft. {plan.progress} notes progress on a goal, {plan.check} shows the CMS "
        "checklist, {plan.versions} lists the versions, {plan.compare} compares with the "
        "version before, {plan.share} shares a copy."
    )
    BINDINGS = bindings_for("plan")
    CSS_PATH = "plan.tcss"

    def __init__(self, client_id: int, view: PlanView | None = None,
                 plan_id: int | None = None) -> None:
        super().__init__()
        self.client_id = client_id
        self.plan_id = plan_id
        """A version opened from the list (read-only); None: the draft, else the current."""
        self.view = view
        self.writer = DraftWriter(self, self._saved, self.reload)

    @property
    def plan(self) -> Plan | None:
        return self.writer.plan

    @property
    def outline(self) -> PlanOutline:
        return self.query_one(PlanOutline)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="plan-banner")
        with Horizontal(id="plan-main"):
            yield PlanOutline(id="plan-outline")
            with VerticalScroll(id="plan-check"):
                yield Static("", id="plan-checklist")
        yield Static("", id="plan-detail")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "carecli"
        self.query_one("#plan-check").display = self.app.size.width >= WIDE
        self.app.data_changed.subscribe(self, self._data_changed)
        self.outline.focus()
        if self.view is not None:
            self.show_view(self.view)
        else:
            self.reload()

    # reading ----------------------------------------------------------------------------
    def reload(self) -> None:
        self.call_service(read_view, self.service, self.client_id, self.plan_id,
                          done=self.show_view)

    def _data_changed(self, client_id: int | None) -> None:
        if (client_id is None or client_id == self.client_id) and not self.writer.busy:
            self.reload()

    def show_view(self, view: PlanView) -> None:
        if view.plan is None:
            self.notify("This client has no care plan any more.", markup=False)
            self.dismiss()
            return
        old = self.plan
        if old is not None and old.id == view.plan.id and view.plan.version < old.version:
            return  # read before a save that has been shown since: older than what is here
        if old is not None and (old.id, old.version) != (view.plan.id, view.plan.version):
            self.writer.forget()  # changed elsewhere: undo would undo that too
        if view.plan.unreadable and (old is None or old.id != view.plan.id):
            self.notify("Some of this plan's stored values could not be read (perhaps written "
                        f"by another program) and show as empty: "
                        f"{one_line('; '.join(view.plan.unreadable))}.",
                        severity="warning", markup=False, timeout=15)
        self.view = view
        self.writer.plan = view.plan
        self.sub_title = f"{one_line(view.name)}: care plan"
        self._show(view.plan)

    def _saved(self, plan: Plan, before: Plan | None) -> None:
        new = {i.uid for i in plan.items} - {i.uid for i in before.items} if before else set()
        self._show(plan, keep=next(iter(new), None))

    def _show(self, plan: Plan, keep: str | None = None) -> None:
        assert self.view is not None
        self.outline.show(plan, self.view.standing, self.service.today(), keep=keep)
        checks = check_plan(plan)
        self.query_one("#plan-banner", Static).update(
            banner(self.view.name, plan, checks, self.editable_from_here))
        self.query_one("#plan-checklist", Static).update(checklist(checks, plan))
        self._show_detail()
        self.refresh_bindings()

    @on(OptionList.OptionHighlighted, "#plan-outline")
    def _show_detail(self) -> None:
        if self.plan is not None and self.view is not None:
            self.query_one("#plan-detail", Static).update(
                detail(self.outline.current, self.plan, self.view.standing,
                       self.service.today()))
        self.refresh_bindings()

    @property
    def row(self) -> OutlineRow | None:
        return self.outline.current if self.is_mounted else None

    @property
    def editable_from_here(self) -> bool:
        """The current plan opened as the client's plan (not from the versions list, where
        the editor behind holds any draft): {plan.edit} starts a new draft from it."""
        return self.plan is not None and self.plan.status == "active" and self.plan_id is None

    @property
    def draft(self) -> bool:
        return self.plan is not None and self.plan.status == "draft"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.plan is None:
            return action in ("app.pop_screen", "pop_screen", "toggle_check")
        if action in DRAFT_ONLY and not self.draft:
            return False
        if action == "edit":
            return self.draft or self.editable_from_here
        if action == "progress":
            if self.plan.status == "superseded":
                return False
            row = self.row
            return True if row and row.item and row.item.kind == PlanItemKind.GOAL else None
        if action == "compare":
            return plan_flows.previous(self) is not None
        if action in NEEDS_ITEM and (self.row is None or self.row.item is None):
            return None
        return True

    # one row -------------------------------------------------------------------------------
    @property
    def item(self) -> PlanItem | None:
        return self.row.item if self.row else None

    def action_add(self) -> None:
        item = self.item
        if item is None:
            plan_items.add(self, PlanItemKind.PROBLEM, None, None)
        else:
            plan_items.add(self, item.kind, item.parent_uid, item.uid)

    def action_add_child(self) -> None:
        item = self.item
        if item is None:
            return
        if item.kind == PlanItemKind.INTERVENTION:
            self.notify(fill("Nothing goes under an intervention: {plan.add} adds another "
                             "after it."), markup=False)
            return
        kind = PlanItemKind.GOAL if item.kind == PlanItemKind.PROBLEM else (
            PlanItemKind.INTERVENTION)
        plan_items.add(self, kind, item.uid, None)

    def action_add_intervention(self) -> None:
        item = self.item
        if item is None:
            self.notify(fill("Highlight a problem or a goal first ({plan.add} adds a "
                             "problem)."), markup=False)
        elif item.kind == PlanItemKind.INTERVENTION:
            plan_items.add(self, item.kind, item.parent_uid, item.uid)
        else:
            plan_items.add(self, PlanItemKind.INTERVENTION, item.uid, None)

    def action_edit(self) -> None:
        if self.editable_from_here:
            plan_flows.new_draft(self)
        elif self.draft and self.row is not None:
            if self.item is None:
                plan_items.elements(self, self.row.element)
            else:
                plan_items.edit(self, self.item)

    @on(OptionList.OptionSelected, "#plan-outline")
    def _chosen(self) -> None:
        if self.draft:
            self.action_edit()
        elif self.editable_from_here:
            self.notify(fill("This plan is finalised: {plan.edit} starts a new draft from it."),
                        markup=False)

    def action_elements(self) -> None:
        plan_items.elements(self, None)

    def action_status(self) -> None:
        if self.item is not None:
            plan_items.status(self, self.item)

    def action_move(self, offset: int) -> None:
        if self.item is not None:
            plan_items.move(self, self.item, offset)

    def action_remove(self) -> None:
        if self.item is not None:
            plan_items.remove(self, self.item)

    def action_progress(self) -> None:
        if self.item is not None and self.item.kind == PlanItemKind.GOAL:
            plan_items.progress(self, self.item)

    def action_undo(self) -> None:
        said = self.writer.undo_last(self.service)
        self.notify(f"Undone: {said}." if said else "Nothing to undo.", markup=False)

    # the whole plan -------------------------------------------------------------------------
    def action_suggest(self) -> None:
        plan_flows.suggest(self)

    def action_toggle_check(self) -> None:
        panel = self.query_one("#plan-check")
        panel.display = not panel.display

    def action_finalise(self) -> None:
        plan_flows.finalise(self)

    def action_versions(self) -> None:
        plan_flows.versions(self)

    def action_compare(self) -> None:
        other = plan_flows.previous(self)
        if other is not None and self.plan is not None:
            plan_flows.compare(self, other, self.plan.id)

    def action_share(self) -> None:
        plan_flows.share(self)

    def action_discard(self) -> None:
        plan_flows.discard(self)

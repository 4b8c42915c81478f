"""The care plan editor's changes to one row of the outline, each through a dialog: adding a
problem, goal or intervention (after the highlighted one or under it), editing an item or the
plan's other elements, its status from a short list, deleting it with what hangs under it
(after asking, saying how many), and a progress note on a goal. Saves go through the editor's
`DraftWriter`, so each can be undone."""

from typing import Any

from rich.text import Text

from carecli.actions import fill
from carecli.domain.care_plan import CONTENT_FIELDS, Plan, PlanItem
from carecli.domain.enums import PlanItemKind
from carecli.domain.plan_outline import descendants
from carecli.plain import one_line
from carecli.screens.confirm import ConfirmScreen
from carecli.screens.form import FormScreen
from carecli.screens.plan_dialogs import ElementsForm, PickScreen
from carecli.screens.plan_forms import (
    ITEM_DEFAULTS,
    ITEM_FORMS,
    KIND_WORDS,
    PROGRESS_FORM,
    STATUSES,
    changed_elements,
    changed_values,
    elements_form,
    elements_values,
    item_values,
    quoted,
    status_label,
)
from carecli.screens.plan_writes import unchanged_since_opened


def _form(screen: Any, title: str, fields: tuple, values: dict[str, Any], change: Any,
          said: str, form: type[FormScreen] = FormScreen, **more: Any) -> None:
    """A form whose save is a change to the draft, remembered for undo."""
    def saved(result: Any) -> None:
        if isinstance(result, tuple):
            screen.writer.applied(*result, said)

    screen.app.push_screen(form(title=title, fields=fields, values=values,
                                submit=screen.writer.form_submit(change), **more), saved)


def _content(item: PlanItem) -> tuple:
    return tuple(getattr(item, name) for name in CONTENT_FIELDS)


def add(screen: Any, kind: str, parent_uid: str | None, after_uid: str | None) -> None:
    """The form of a new item of `kind` under `parent_uid`, placed after `after_uid` (None:
    last)."""
    parent = screen.plan.item(parent_uid) if parent_uid else None
    title = f"Add {'an' if kind == PlanItemKind.INTERVENTION else 'a'} {KIND_WORDS[kind]}"
    if parent is not None:
        title += f" to the {KIND_WORDS[parent.kind]} “{one_line(parent.text)}”"
    service = screen.service

    def change(plan: Plan, values: dict[str, Any]) -> Plan:
        return service.add_item(plan.id, plan.version, kind, parent_uid, values,
                                after_uid=after_uid)

    _form(screen, title, ITEM_FORMS[kind], ITEM_DEFAULTS[kind], change,
          f"added {KIND_WORDS[kind]}")


def edit(screen: Any, item: PlanItem) -> None:
    """The item's form; only what was changed is saved."""
    service = screen.service

    def change(plan: Plan, values: dict[str, Any]) -> Plan | None:
        now = plan.item(item.uid)
        unchanged_since_opened(now is None or _content(now) == _content(item))
        values = changed_values(item, values)
        return service.update_item(plan.id, plan.version, item.uid, values) if values else None

    _form(screen, f"Edit the {KIND_WORDS[item.kind]}", ITEM_FORMS[item.kind],
          item_values(item), change, f"edited {KIND_WORDS[item.kind]} {quoted(item.text)}")


def elements(screen: Any, focus: str | None) -> None:
    """Summary, next review and each CCM section; `focus`: the field to start on."""
    service, client_id, opened = screen.service, screen.client_id, screen.plan

    def change(plan: Plan, values: dict[str, Any]) -> Plan | None:
        unchanged_since_opened(elements_values(plan) == elements_values(opened))
        values = changed_elements(opened, values)
        return service.update_plan(plan.id, plan.version, values) if values else None

    _form(screen, "The plan's other elements", elements_form(), elements_values(screen.plan),
          change, "changed the plan's elements", form=ElementsForm,
          suggestions=lambda: service.section_suggestions(client_id), focus=focus)


def status(screen: Any, item: PlanItem) -> None:
    lines = [(s.value, Text(status_label(s.value))) for s in STATUSES[item.kind]]
    service = screen.service

    def picked(chosen: str | None) -> None:
        if chosen and chosen != item.status:
            screen.writer.write(
                lambda plan: service.update_item(plan.id, plan.version, item.uid,
                                                 {"status": chosen}),
                f"status of {quoted(item.text)}")

    screen.app.push_screen(PickScreen(f"Status of the {KIND_WORDS[item.kind]} "
                                      f"“{one_line(item.text)}”", lines, current=item.status),
                           picked)


def move(screen: Any, item: PlanItem, offset: int) -> None:
    service = screen.service
    screen.writer.write(lambda plan: service.move_item(plan.id, plan.version, item.uid, offset),
                        f"moved {quoted(item.text)}")


def remove(screen: Any, item: PlanItem) -> None:
    """Asks first, naming how many goals and interventions go with it."""
    plan = screen.plan
    under = [plan.item(uid) for uid in descendants(plan.items, item.uid)]
    question = f"Delete the {KIND_WORDS[item.kind]} “{one_line(item.text)}”"
    counts = {kind: sum(1 for i in under if i and i.kind == kind) for kind in KIND_WORDS}
    parts = [f"{n} {KIND_WORDS[kind]}{'s' if n > 1 else ''}" for kind, n in counts.items() if n]
    if parts:
        question += f" and the {' and '.join(parts)} under it"
    service = screen.service

    def answered(yes: bool | None) -> None:
        if yes:
            screen.writer.write(
                lambda now: service.remove_item(now.id, now.version, item.uid),
                f"deleted {KIND_WORDS[item.kind]} {quoted(item.text)}")

    screen.app.push_screen(ConfirmScreen(question + fill("? {plan.undo} brings it back.")),
                           answered)


def progress(screen: Any, item: PlanItem) -> None:
    """A dated note on a goal and how it is going (kept across versions, never undone)."""
    service, client_id = screen.service, screen.client_id
    values = {"noted_on": service.today(),
              "achievement": screen.view.standing.achievements.get(item.uid, "in-progress")}

    def noted(result: Any) -> None:
        if result is not None:
            screen.notify("Progress noted.", markup=False)
            screen.reload()

    screen.app.push_screen(FormScreen(
        title=f"Progress on the goal “{one_line(item.text)}”", fields=PROGRESS_FORM,
        values=values, submit=lambda v: service.add_goal_progress(client_id, item.uid, v)),
        noted)

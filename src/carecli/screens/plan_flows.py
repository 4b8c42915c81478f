"""The care plan editor's flows that span dialogs and versions: reading what the editor shows,
starting a new draft from the current plan, suggested problems, finalising, the versions
list, comparing two versions, discarding a draft and sharing a copy. Each reads and writes
through the data service in a worker and hands the result back to the editor."""

from dataclasses import dataclass
from typing import Any

from rich.text import Text

from carecli.actions import key_of
from carecli.data.errors import CareDataError, ChangedElsewhere
from carecli.domain.care_plan import Plan, PlanOverview, PlanStanding, ProblemSuggestion
from carecli.domain.plan_completeness import check_plan
from carecli.domain.plan_diff import change_sentences
from carecli.plain import one_line
from carecli.screens.base import DataChanged
from carecli.screens.confirm import ConfirmScreen
from carecli.screens.plan_dialogs import FinaliseForm, PickScreen
from carecli.screens.plan_forms import FINALISE_FORM, quoted
from carecli.screens.plan_versions import PlanDiffScreen, VersionsScreen
from carecli.screens.plan_writes import unchanged_since_opened
from carecli.settings import care_manager_name, remember_first_name


@dataclass(frozen=True)
class PlanView:
    """What the editor shows, read in one worker."""

    name: str
    overview: PlanOverview
    plan: Plan | None
    standing: PlanStanding


def read_view(service: Any, client_id: int, plan_id: int | None) -> PlanView:
    """The client's name, their plans at a glance, one plan (`plan_id`, else the draft, else
    the current plan; None when there is neither) and how it stands (goals' achievements,
    interventions' last days done)."""
    client = service.client(client_id)
    overview = service.plan_overview(client_id)
    plan_id = plan_id or overview.draft_id or overview.active_id
    plan = service.plan(plan_id) if plan_id else None
    name = f"{client.family_name}, {client.given_name}"
    return PlanView(name, overview, plan, service.plan_standing(client_id))


def new_draft(screen: Any) -> None:
    """From the current plan, a new draft (a copy of it, to edit and finalise)."""
    service, client_id, was = screen.service, screen.client_id, screen.plan.number

    def start() -> PlanView:
        service.start_draft(client_id)
        return read_view(service, client_id, None)

    def started(view: PlanView) -> None:
        screen.writer.forget()
        screen.show_view(view)
        screen.notify(f"Plan {view.plan.number} started as a draft from plan {was}: edit it, "
                      f"then finalise it ({key_of('plan.finalise')}).", markup=False)

    screen.call_service(start, done=started)


def suggest(screen: Any) -> None:
    """The problems the record and the latest assessment suggest; each digit adds one."""
    service, plan = screen.service, screen.plan

    def found(suggestions: tuple[ProblemSuggestion, ...]) -> None:
        if not suggestions:
            screen.notify("No suggestions left: every active condition and assessment "
                          "suggestion is in the plan already.", markup=False)
            return
        lines = []
        for suggestion in suggestions:
            words = Text(one_line(suggestion.text))
            words.append(f"  {one_line(suggestion.origin)}", "dim")
            lines.append((suggestion, words))

        def add(suggestion: ProblemSuggestion) -> None:
            screen.writer.write(
                lambda now: service.add_item(now.id, now.version, "problem", None,
                                             {"text": suggestion.text,
                                              "source": suggestion.source}),
                f"added problem {quoted(suggestion.text)}")

        screen.app.push_screen(PickScreen("Suggested problems: each adds one to the plan",
                                          lines, each=add))

    screen.call_service(service.problem_suggestions, plan.id, done=found)


def finalise(screen: Any) -> None:
    """By whom (the care manager's name setting, else the previous finaliser; the first name
    typed is kept as the setting) and a note, under what changed since the current plan; the
    draft becomes the current plan."""
    service, plan, overview = screen.service, screen.plan, screen.view.overview

    def sentences() -> tuple[str | None, tuple[str, ...]]:
        if overview.active_id is None:
            return care_manager_name(), ()
        older = service.plan(overview.active_id)
        return care_manager_name(), tuple(
            change_sentences(service.plan_diff(older.id, plan.id), plan, older))

    def opened(found: tuple[str | None, tuple[str, ...]]) -> None:
        name, changes = found
        by = name or next((v.finalised_by for v in overview.versions if v.finalised_by), "")
        missing = [c.label for c in check_plan(plan) if not c.met and c.key != "copy"]
        title = f"Finalise plan {plan.number}"
        if missing:
            title += (f" ({len(missing)} CMS element{'s' if len(missing) > 1 else ''} missing: "
                      f"{'; '.join(missing)})")

        def change(now: Plan, values: dict[str, Any]) -> Plan:
            unchanged_since_opened(_contents(now) == _contents(plan))
            done = service.finalise(now.id, now.version, values.get("by") or "",
                                    values.get("note"))
            remember_first_name(done.finalised_by)
            return done

        def saved(result: Any) -> None:
            if not isinstance(result, tuple):
                return
            screen.writer.forget()
            screen.reload()
            screen.app.post_message(DataChanged(screen.client_id))
            screen.notify(f"Plan {plan.number} finalised: it is now the current plan. Share "
                          f"a copy with the client ({key_of('plan.share')}).", markup=False)

        screen.app.push_screen(FinaliseForm(
            title=title, fields=FINALISE_FORM, values={"by": by},
            submit=screen.writer.form_submit(change), changes=changes,
            first=overview.active_id is None), saved)

    screen.call_service(sentences, done=opened)


def _contents(plan: Plan) -> tuple:
    """What finalising a draft makes the current plan."""
    return plan.items, plan.sections, plan.summary, plan.review_due_on


def previous(screen: Any) -> int | None:
    """The version "what changed" compares with: for a version opened from the list, the
    plan open behind it (the draft, else the current one); for a draft, the current plan;
    for the current plan, the version before it."""
    plan, view = screen.plan, screen.view
    if plan is None or view is None:
        return None
    overview = view.overview
    if screen.plan_id is not None:
        behind = overview.draft_id or overview.active_id
        return behind if behind != plan.id else None
    if plan.status == "draft":
        return overview.active_id
    return next((v.id for v in overview.versions if v.status == "superseded"), None)


def versions(screen: Any) -> None:
    overview = screen.view.overview

    def chosen(result: tuple[str, int] | None) -> None:
        if result is None or screen.plan is None:
            return
        what, plan_id = result
        if what == "compare":
            compare(screen, plan_id, screen.plan.id)
        elif plan_id == screen.plan.id:
            return
        elif plan_id in (overview.draft_id, overview.active_id) and screen.plan_id is not None:
            screen.dismiss()  # the editor behind shows the draft or the current plan
        else:
            screen.app.push_screen(type(screen)(screen.client_id, plan_id=plan_id))

    screen.app.push_screen(VersionsScreen(overview.versions, screen.plan.id), chosen)


def compare(screen: Any, one_id: int, other_id: int) -> None:
    """Two versions, older first, compared item by item in a screen of their own."""
    service = screen.service

    def read() -> tuple[Plan, Plan, Any]:
        older, newer = sorted((service.plan(one_id), service.plan(other_id)),
                              key=lambda p: p.number)
        return older, newer, service.plan_diff(older.id, newer.id)

    screen.call_service(read, done=lambda found: screen.app.push_screen(
        PlanDiffScreen(screen.view.name, *found)))


def discard(screen: Any) -> None:
    service, client_id, plan = screen.service, screen.client_id, screen.plan

    def gone() -> PlanView:
        service.discard_plan_draft(plan.id, screen.plan.version)
        return read_view(service, client_id, None)

    def after(view: PlanView) -> None:
        screen.writer.forget()
        if view.plan is None:
            screen.notify("Draft discarded: this client has no care plan now.", markup=False)
            screen.dismiss()
            return
        screen.show_view(view)
        screen.notify(f"Draft discarded: plan {view.plan.number} is the current plan.",
                      markup=False)

    def refused(error: CareDataError) -> None:
        screen.notify(str(error), severity="error", markup=False, timeout=10)
        if isinstance(error, ChangedElsewhere):
            screen.reload()

    def answered(yes: bool | None) -> None:
        if yes:
            screen.call_service(gone, done=after, refused=refused)

    screen.app.push_screen(ConfirmScreen(
        f"Discard the draft plan {plan.number} and every change in it? The finalised plans "
        "stay."), answered)


def share(screen: Any) -> None:
    """A copy for the client or family, or a file (the sharing dialog of the exports)."""
    from carecli.screens.plan_share import share_plan

    share_plan(screen.app, screen.plan.id)

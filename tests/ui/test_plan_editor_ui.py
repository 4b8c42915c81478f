"""The care plan editor driven by keyboard: a plan built from an assessment's suggestions,
finalised, edited into a new version, undone and compared; entry from the record, the
caseload and the queue; a draft changed in another window refuses the later save, keeping
what was typed. What is checked is what the database holds and what the screen says."""

import pytest
from conftest import SIZE, settle, wait_for
from plan_seed import seed_plan
from test_caseload_ui import loaded
from test_narrow_ui import screen_lines
from test_queue_ui import queue_shown
from test_record_ui import open_record

from carecli.clinical import Score
from carecli.config import resolve_database
from carecli.data.assessments import complete_assessment, start_assessment
from carecli.data.plans import current_plan, plan_overview
from carecli.data.service import CareService
from carecli.screens.confirm import ConfirmScreen
from carecli.screens.form import FormScreen
from carecli.screens.plan_dialogs import PickScreen
from carecli.screens.plan_editor import PlanScreen
from carecli.screens.plan_share import ShareForm
from carecli.screens.plan_versions import PlanDiffScreen, VersionsScreen


@pytest.fixture
def service(db, db_path, today) -> CareService:
    """The data service of another window on the same database."""
    return CareService(resolve_database(str(db_path)), db=db, today=today)


def depressed(db, client_id: int) -> None:
    """A completed assessment whose PHQ-9 suggests a problem."""
    assessment_id = start_assessment(db=db, client_id=client_id, kind="reassessment",
                                     steps=["phq9"])
    complete_assessment(db=db, assessment_id=assessment_id, answers={}, scores={
        "phq9": Score(12, "moderate", True, frozenset())})


async def editor(app, pilot) -> PlanScreen:
    await wait_for(pilot, lambda: isinstance(app.screen, PlanScreen)
                   and app.screen.plan is not None, "the care plan")
    await settle(app, pilot)
    return app.screen


async def keys(app, pilot, *pressed: str) -> None:
    await pilot.press(*pressed)
    await settle(app, pilot)


def text_of(widget) -> str:
    return str(widget.render())


def notified(app) -> str:
    return " ".join(n.message for n in app._notifications)


def stored(db, client_id: int, draft: bool = False):
    return current_plan(db=db, client_id=client_id, draft=draft)


async def test_a_plan_is_built_finalised_edited_undone_and_compared_by_keyboard(
        make_app, seeded, db):
    client_id = seeded["Li"]
    depressed(db, client_id)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, client_id)
        await keys(app, pilot, "p")
        assert isinstance(app.screen, ConfirmScreen)  # no plan yet: offers to start one
        await keys(app, pilot, "y")
        screen = await editor(app, pilot)
        assert screen.plan.number == 1 and screen.plan.status == "draft"
        assert "editing" in text_of(screen.query_one("#plan-banner"))

        # a problem from the assessment's suggestions, with one key
        await keys(app, pilot, "p")
        picker = app.screen
        assert isinstance(picker, PickScreen)
        index = next(n for n, (s, _) in enumerate(picker.lines)
                     if s.source.startswith("suggestion:"))
        suggested = picker.lines[index][0]
        await keys(app, pilot, str(index + 1))
        if app.screen is picker:
            await keys(app, pilot, "escape")
        [problem] = stored(db, client_id, draft=True).items
        assert (problem.text, problem.source) == (suggested.text, suggested.source)

        # a goal under it, then an intervention under the goal (the cursor follows each)
        await keys(app, pilot, "c", *"Feel like myself again", "tab", *"Enjoy my garden",
                   "tab", *"PHQ-9 score", "tab", *"below 10", "tab", *"2027-03-01", "ctrl+s")
        await keys(app, pilot, "c", *"Weekly mood call", "tab", "tab", "tab", "tab",
                   *"2026-12-01", "ctrl+s")
        plan = stored(db, client_id, draft=True)
        goal, call = plan.items[1], plan.items[2]
        assert (goal.kind, goal.parent_uid, goal.target, goal.target_on.isoformat()) == (
            "goal", problem.uid, "below 10", "2027-03-01")
        assert goal.client_words == "Enjoy my garden"
        assert (call.kind, call.parent_uid, call.owner_kind, call.due_on.isoformat()) == (
            "intervention", goal.uid, "care_manager", "2026-12-01")
        assert "Weekly mood call" in text_of(screen.query_one("#plan-detail"))

        # finalised: by whom, with a note
        await keys(app, pilot, "f")
        assert isinstance(app.screen, FormScreen)
        await keys(app, pilot, "home", "ctrl+k", *"Dana Reyes RN", "tab", *"First plan",
                   "ctrl+s")
        first = stored(db, client_id)
        assert (first.number, first.status, first.finalised_by, first.change_note) == (
            1, "active", "Dana Reyes RN", "First plan")
        assert "read-only" in text_of(screen.query_one("#plan-banner"))

        # a copy given to the client, recorded from the share dialog
        await keys(app, pilot, "x")
        share = app.screen
        assert isinstance(share, ShareForm) and "(version 1)" in share.form_title
        share.query_one("#field-path").value = ""  # no file, only the copy given
        share.query_one("#field-record").value = True
        await keys(app, pilot, "ctrl+s")
        assert [c.given_to for c in stored(db, client_id).copies] == ["Li Wei"]
        await wait_for(pilot, lambda: screen.plan.copies, "the copy on screen")
        [copy_line] = [line for line in screen_lines(app) if "Copy of the plan" in line]
        assert "✓ Copy of the plan" in copy_line  # the CMS checklist beside the outline

        # edit → a new draft: the goal's target changes, an intervention is added
        await keys(app, pilot, "e")
        assert screen.plan.number == 2 and screen.plan.status == "draft"
        await keys(app, pilot, "home", "down")
        assert screen.outline.current.key == goal.uid
        await keys(app, pilot, "e", "tab", "tab", "tab", "end", "backspace", "backspace",
                   *"7", "ctrl+s")
        await keys(app, pilot, "i", *"Walk with a neighbour", "tab", "tab", *"Ms Ortiz",
                   "tab", "tab", *"2026-12-05", "ctrl+s")
        edited = stored(db, client_id, draft=True)
        assert edited.item(goal.uid).target == "below 7"
        assert len(edited.items) == 4

        # finalising would say what changed, and who finalised before
        await keys(app, pilot, "f")
        changes = text_of(app.screen.query_one("#finalise-changes"))
        assert "Changed goal 'Feel like myself again'" in changes and "below 7" in changes
        assert "Added intervention: Walk with a neighbour" in changes
        assert app.screen.query_one("#field-by").value == "Dana Reyes RN"
        await keys(app, pilot, "escape")
        assert app.screen is screen

        # delete the problem (and the three under it), then undo it
        await keys(app, pilot, "home", "d")
        assert isinstance(app.screen, ConfirmScreen)
        assert "1 goal and 2 interventions" in app.screen.question
        await keys(app, pilot, "y")
        assert stored(db, client_id, draft=True).items == ()
        await keys(app, pilot, "ctrl+z")
        assert stored(db, client_id, draft=True).items == edited.items
        assert "Undone: deleted problem" in notified(app)

        # what changed since plan 1, item by item
        await keys(app, pilot, "w")
        diff = app.screen
        assert isinstance(diff, PlanDiffScreen)
        words = text_of(diff.query_one("#diff-text"))
        assert "Added (1)" in words and "Walk with a neighbour" in words
        assert "Changed (1)" in words and "target: below 10 → below 7" in words
        assert "Removed" not in words
        await keys(app, pilot, "escape")
        assert app.screen is screen


async def test_entry_from_the_caseload_and_the_queue_opens_the_plan_as_it_stands(
        make_app, seeded, db, service):
    margaret, walter = seeded["Margaret"], seeded["Walter"]
    plan = service.start_draft(margaret)
    plan = service.add_item(plan.id, plan.version, "problem", None, {"text": "Heart failure"})
    service.finalise(plan.id, plan.version, "Dana Reyes RN", None)
    service.start_draft(walter)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        table = await loaded(app, pilot)
        table.cursor = next(n for n, row in enumerate(table.rows) if row.id == margaret)
        await keys(app, pilot, "p")
        screen = await editor(app, pilot)
        assert screen.client_id == margaret and screen.plan.status == "active"
        assert "e starts a new draft" in text_of(screen.query_one("#plan-banner"))
        assert not screen.check_action("add", ())  # read-only: nothing to add to
        await keys(app, pilot, "enter")
        assert "finalised: e starts a new draft" in notified(app)
        assert stored(db, margaret, draft=True) is None  # and nothing was started

        await keys(app, pilot, "escape", "q")
        queue = await queue_shown(app, pilot)
        queue.cursor = next(n for n, item in enumerate(queue.rows) if item.client_id == walter)
        await keys(app, pilot, "p")
        screen = await editor(app, pilot)
        assert screen.client_id == walter and screen.plan.status == "draft"
        assert "editing" in text_of(screen.query_one("#plan-banner"))


async def test_a_draft_changed_in_another_window_refuses_the_later_save_and_keeps_the_text(
        make_app, seeded, db, service):
    other_window = service
    client_id = seeded["José"]
    plan = other_window.start_draft(client_id)
    plan = other_window.add_item(plan.id, plan.version, "problem", None, {"text": "COPD"})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, client_id)
        await keys(app, pilot, "p")
        screen = await editor(app, pilot)
        await keys(app, pilot, "home", "e", "end", *" with breathlessness")
        form = app.screen
        assert isinstance(form, FormScreen)
        uid = plan.items[0].uid
        other_window.update_item(plan.id, plan.version, uid, {"text": "COPD, on oxygen"})

        await keys(app, pilot, "ctrl+s")
        assert app.screen is form  # refused, and everything typed is still there
        assert "changed in another window" in text_of(form.query_one("#form-message"))
        assert form.query_one("#field-text").value == "COPD with breathlessness"
        assert stored(db, client_id, draft=True).items[0].text == "COPD, on oxygen"

        await keys(app, pilot, "escape", "y")  # the editor read the draft again meanwhile
        assert screen.plan.items[0].text == "COPD, on oxygen"

        # a quick key at a version read before another window's change is refused too
        latest = stored(db, client_id, draft=True)
        other_window.update_item(latest.id, latest.version, uid, {"status": "inactive"})
        await keys(app, pilot, "d", "y")
        assert "changed in another window" in notified(app)
        assert [i.status for i in stored(db, client_id, draft=True).items] == ["inactive"]
        await wait_for(pilot, lambda: screen.plan.items[0].status == "inactive")


async def test_the_other_elements_fill_from_the_record_and_progress_is_noted_on_a_goal(
        make_app, seeded, db, service):
    client_id = seeded["Margaret"]
    plan = service.start_draft(client_id)
    plan = service.add_item(plan.id, plan.version, "problem", None, {"text": "Heart failure"})
    plan = service.add_item(plan.id, plan.version, "goal", plan.items[0].uid,
                            {"text": "No hospital stays", "target_on": "2027-05-01"})
    for key in [k for k, _ in plan.sections]:  # start from empty sections
        plan = service.update_plan(plan.id, plan.version, {key: ""})
    suggestions = service.section_suggestions(client_id)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, client_id)
        await keys(app, pilot, "p")
        screen = await editor(app, pilot)
        await keys(app, pilot, "o", "ctrl+r")
        form = app.screen
        for key, text in suggestions.items():
            if text:
                assert form.query_one(f"#field-{key}").text == text
        await keys(app, pilot, "ctrl+s")
        saved = stored(db, client_id, draft=True)
        assert {k: v for k, v in saved.sections} == {k: v for k, v in suggestions.items() if v}

        goal = plan.items[1].uid
        screen.outline.go_to(goal)
        await keys(app, pilot, "n")
        assert isinstance(app.screen, FormScreen)
        app.screen.query_one("#field-achievement").value = "improving"
        await keys(app, pilot, "tab", "tab", *"Walked to the shop twice.", "ctrl+s")
        assert service.plan_standing(client_id).achievements[goal] == "improving"
        assert "Improving" in text_of(screen.query_one("#plan-detail")) or "improving" in (
            text_of(screen.query_one("#plan-detail")))
        assert len(plan_overview(db=db, client_id=client_id).versions) == 1


async def test_status_move_versions_read_only_and_discard_by_keyboard(
        make_app, seeded, db, service):
    client_id = seeded["Margaret"]
    first, draft = seed_plan(service, client_id)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, client_id)
        await keys(app, pilot, "p")
        screen = await editor(app, pilot)
        assert screen.plan.id == draft.id  # the draft opens for editing

        # the status of the second problem, from the list, by its digit
        diabetes = next(i for i in draft.items if i.text == "Type 2 diabetes")
        screen.outline.go_to(diabetes.uid)
        await keys(app, pilot, "s")
        picker = app.screen
        assert isinstance(picker, PickScreen)
        digit = [value for value, _ in picker.lines].index("resolved") + 1
        await keys(app, pilot, str(digit))
        assert stored(db, client_id, draft=True).item(diabetes.uid).status == "resolved"

        # moved up above the first problem; at the top it says so and nothing moves
        await keys(app, pilot, "shift+up")
        problems = [i.text for i in stored(db, client_id, draft=True).items
                    if i.kind == "problem"]
        assert problems == ["Type 2 diabetes", "Heart failure"]
        assert screen.outline.current.key == diabetes.uid  # the cursor went with it
        await keys(app, pilot, "shift+up")
        assert "already the first one" in notified(app)

        # plan 1 from the versions list: read-only, and compared with the draft
        await keys(app, pilot, "v")
        listing = app.screen
        assert isinstance(listing, VersionsScreen)
        assert "Not finalised yet" in text_of(listing.query_one("#versions-changes"))
        await keys(app, pilot, "down")
        assert "First plan" in text_of(listing.query_one("#versions-changes"))
        await keys(app, pilot, "enter")
        old = await editor(app, pilot)
        assert old is not screen and old.plan.id == first.id
        assert "read-only" in text_of(old.query_one("#plan-banner"))
        for action in ("add", "edit", "remove", "undo", "finalise"):
            assert not old.check_action(action, ()), action
        await keys(app, pilot, "w")
        diff = app.screen
        assert isinstance(diff, PlanDiffScreen) and diff.newer.id == draft.id
        assert "Removed (1)" in text_of(diff.query_one("#diff-text"))
        await keys(app, pilot, "escape", "escape")
        assert app.screen is screen

        # the draft thrown away: the finalised plan shows again, read-only
        await keys(app, pilot, "ctrl+p", *"Discard this draft")
        await keys(app, pilot, "enter")
        assert isinstance(app.screen, ConfirmScreen)
        await keys(app, pilot, "y")
        assert stored(db, client_id, draft=True) is None
        assert screen.plan.id == first.id and screen.plan.status == "active"
        assert "e starts a new draft" in text_of(screen.query_one("#plan-banner"))

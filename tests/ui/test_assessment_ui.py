"""Drive the assessment wizard by keyboard and check what the database holds."""

from conftest import SIZE, settle, wait_for
from sqlalchemy import select
from test_caseload_ui import loaded

from carecli.data.assessments import find_draft
from carecli.data.models import Assessment, AssessmentAnswer, AssessmentScore, Client
from carecli.screens.assess import StartScreen
from carecli.screens.form import FormScreen
from carecli.screens.record import RecordScreen
from carecli.screens.safety import SafetyScreen
from carecli.screens.summary import SummaryScreen
from carecli.screens.wizard import AssessmentScreen


async def start(app, pilot, client_id: int, choice: tuple[str, ...] = ("i",)) -> None:
    """From the caseload, `a` on the client, then the start screen's keys."""
    await loaded(app, pilot)
    table = app.caseload.table
    table.set_rows(table.rows, keep_id=client_id)
    assert table.current.id == client_id, "start from an active client on the caseload"
    await pilot.press("a")
    await wait_for(pilot, lambda: isinstance(app.screen, (StartScreen, AssessmentScreen)))
    if isinstance(app.screen, StartScreen):
        await pilot.press(*choice)
        await wait_for(pilot, lambda: isinstance(app.screen, AssessmentScreen))
    assert isinstance(app.screen, AssessmentScreen)


async def focused(app, pilot, client_id: int, *instruments: str) -> None:
    """Start a focused re-assessment ticking `instruments` in the start screen's list."""
    from carecli.assessment.sections import FOCUSABLE

    keys: list[str] = []
    position = 0
    for wanted in sorted(FOCUSABLE.index(i) for i in instruments):
        keys += ["down"] * (wanted - position) + ["space"]
        position = wanted
    await start(app, pilot, client_id, (*keys, "ctrl+s"))


async def answer_all(app, pilot, pick) -> None:
    """Answer every question by keyboard with `pick(question)`: a digit, text, or None."""
    for _ in range(200):
        screen = app.screen
        if not isinstance(screen, AssessmentScreen):
            await wait_for(pilot, lambda: isinstance(app.screen, (SummaryScreen, SafetyScreen)),
                           "the summary")
            return
        q = screen.wizard.current
        key = pick(q)
        if q.item.kind in ("text", "int"):
            await pilot.press(*(key or ""), "enter")
        elif q.item.kind == "multi":
            await pilot.press(*(key or ""), "enter")
        else:
            await pilot.press(key or "enter")  # an optional question left unanswered
        await pilot.pause()
    q = app.screen.wizard.current
    error = app.screen.query_one("#wizard-error").render()
    raise AssertionError(f"the wizard never finished: stuck at {q.key} ({error})")


def plain_answers(q) -> str | None:
    if q.item.kind == "text":
        return "Stay in my own home" if q.item.required else None
    if q.item.kind in ("int", "multi"):
        return None
    return "4" if q.section == "phq2" else "1"


async def test_full_intake_by_keyboard_stores_answers_and_scores(make_app, seeded, db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot, seeded["Margaret"])
        assert "Step 1 of 8: Health history" in str(
            app.screen.query_one("#wizard-progress").render())
        await answer_all(app, pilot, plain_answers)
        assert isinstance(app.screen, SummaryScreen)
        summary = app.screen
        assert "phq9" in summary.results  # PHQ-2 was 6: PHQ-9 followed
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.pause()
        assert app.screen is app.caseload
    with db.read() as session:
        assessment = session.scalars(select(Assessment)).one()
        scores = {s.instrument_id: s for s in session.scalars(select(AssessmentScore))}
        answers = session.scalars(select(AssessmentAnswer)).all()
        client = session.get(Client, seeded["Margaret"])
    assert assessment.status == "completed" and assessment.kind == "intake"
    assert set(scores) == {"katz_adl", "lawton_iadl", "steadi", "phq2", "phq9", "gad7",
                           "ahc_hrsn"}
    assert scores["phq2"].total == 6 and scores["phq2"].positive
    assert scores["phq9"].total == 6 and scores["phq9"].band == "mild"  # items 1-2 from PHQ-2
    assert scores["phq9"].instrument_version == "phq9-2001"
    assert scores["katz_adl"].total == 6 and scores["katz_adl"].band == "independent"
    stored = {(a.instrument_id, a.item_id): a.value for a in answers}
    assert stored[("goals", "matters_most")] == "Stay in my own home"
    assert ("phq9", "1") not in stored and stored[("phq2", "1")] == 3
    assert client.risk_tier == summary.tier and not client.risk_set_by_hand


async def test_a_draft_survives_an_app_restart_and_resumes(make_app, seeded, db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await focused(app, pilot, seeded["José"], "gad7")
        await pilot.press("2", "3", "1")
        await pilot.pause()
        assert app.screen.wizard.position == 3
    draft = find_draft(db=db, client_id=seeded["José"])  # the app ended without "leave"
    assert draft is not None and draft.answers["gad7"] == {"1": 1, "2": 2, "3": 0}
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await loaded(again, pilot)
        again.open_client(seeded["José"])
        await pilot.pause()
        await settle(again, pilot)
        await pilot.pause()
        banner = str(again.screen.query_one("#record-banner").render())
        assert "Reassessment in progress" in banner
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(again.screen, AssessmentScreen))
        wizard = again.screen.wizard
        assert isinstance(again.screen, AssessmentScreen)
        assert wizard.position == 3 and wizard.answers["gad7"]["2"] == 2


async def test_safety_screen_interrupts_at_phq9_item_9_and_needs_a_note(make_app, seeded, db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await focused(app, pilot, seeded["Li"], "phq9")
        await pilot.press(*"11111111")  # items 1-8: not at all
        await pilot.pause()
        assert app.screen.wizard.current.item.id == "9"
        await pilot.press("2")  # several days
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)  # cannot skip without a note
        assert "cannot be skipped" in str(app.screen.query_one("#safety-error").render())
        await pilot.press(*"Called 988 with her; PCP told", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AssessmentScreen)
        draft = find_draft(db=db, client_id=seeded["Li"])
        assert draft.answers["safety"] == {"suicidal_ideation": "Called 988 with her; PCP told"}
        assert draft.answers["phq9"]["9"] == 1


async def test_unanswered_required_question_blocks_next(make_app, seeded):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot, seeded["Ann"])
        await pilot.press("enter")
        await pilot.pause()
        wizard_screen = app.screen
        assert wizard_screen.wizard.position == 0
        assert "needs an answer" in str(wizard_screen.query_one("#wizard-error").render())


async def test_summary_compares_with_last_time_and_override_needs_a_reason(make_app, seeded,
                                                                          db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await focused(app, pilot, seeded["Walter"], "phq9")
        await answer_all(app, pilot, lambda q: None if q.item.id == "difficulty" else (
            "3" if q.item.id != "9" else "1"))  # items 1-8 "more than half the days": 16
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.pause()
        await focused(app, pilot, seeded["Walter"], "phq9")
        await answer_all(app, pilot, lambda q: None if q.item.id == "difficulty" else (
            "2" if q.item.id != "9" else "1"))  # items 1-8 "several days": 8
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        (line,) = summary.result_lines()
        assert (line.total, line.band, line.change) == ("8", "Mild", "16 → 8, improved")
        assert line.flags == ()  # item 9 answered "not at all" both times
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+s")  # no reason
        await pilot.pause()
        assert "required" in str(app.screen.query_one("#error-risk_reason").render())
        assert app.focused.id == "field-risk_reason"  # the error took the cursor there
        await pilot.press(*"Lives alone, new diagnosis", "ctrl+s")
        await settle(app, pilot)
        await pilot.pause()
    with db.read() as session:
        walter = session.get(Client, seeded["Walter"])
        done = session.scalars(select(Assessment).where(Assessment.status == "completed")).all()
    assert len(done) == 2
    assert walter.risk_set_by_hand and walter.risk_reason == "Lives alone, new diagnosis"


async def test_results_show_in_the_record_with_a_trend(make_app, seeded):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for pick in ("3", "1"):
            await focused(app, pilot, seeded["Margaret"], "gad7")
            await answer_all(app, pilot, lambda q, p=pick: p)
            await pilot.press("k")
            await settle(app, pilot)
            await pilot.pause()
        app.open_client(seeded["Margaret"])
        await pilot.pause()
        await settle(app, pilot)
        await pilot.pause()
        record = app.screen
        assert isinstance(record, RecordScreen)
        results = record.query_one("#record-results")
        row = [str(c) for c in results.get_row_at(0)]
        assert row[0] == "GAD-7 (anxiety)" and row[1] == "0" and row[5] == "▆▁"  # 14 of 21, then 0
        assert row[6] == "14 → 0 improved"


async def test_focused_reassessment_keeps_earlier_results_in_the_risk_suggestion(
        make_app, seeded):
    """A re-assessment of anxiety alone must not drop the risk a positive PHQ-9 set."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await focused(app, pilot, seeded["Ann"], "phq9")
        await answer_all(app, pilot, lambda q: None if q.item.id == "difficulty" else (
            "4" if q.item.id != "9" else "1"))  # 24: severe
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.pause()
        await focused(app, pilot, seeded["Ann"], "gad7")
        await answer_all(app, pilot, lambda q: "1")
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert summary.tier == "high" and any("PHQ-9 24" in r for r in summary.reasons)


async def test_start_screen_names_what_is_ticked_and_digits_out_of_range_say_so(
        make_app, seeded):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        app.start_assessment(seeded["Ann"])
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.press("space", "down", "space")
        await pilot.pause()
        assert str(app.screen.query_one("#start-chosen").render()) == (
            "Chosen: PHQ-9 (depression), GAD-7 (anxiety)")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AssessmentScreen))
        await pilot.press("9")
        await pilot.pause()
        assert app.screen.wizard.position == 0
        assert "from 1 to 4" in str(app.screen.query_one("#wizard-error").render())


async def test_quit_at_the_safety_screen_keeps_the_finding_through_resume_and_discard(
        make_app, seeded, db):
    """The issue's reproduction: item 9 "more than half the days", ctrl+q at the safety box;
    the flag is on the caseload at once and after a restart, resuming shows the safety screen
    again without answering anything, and discarding the draft keeps the finding."""
    from carecli.data.assessments import open_findings
    from carecli.screens.confirm import ConfirmScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await focused(app, pilot, seeded["Li"], "phq9")
        await pilot.press(*"11111111", "3")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        await settle(app, pilot)
        await pilot.pause()
        li = next(r for r in app.caseload.all_rows if r.id == seeded["Li"])
        assert "suicidal_ideation" in li.flags  # on the caseload before any note
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running
    draft = find_draft(db=db, client_id=seeded["Li"])
    assert draft.answers["phq9"]["9"] == 2 and "safety" not in draft.answers
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        table = await loaded(again, pilot)
        assert table.rows[0].id == seeded["Li"]  # heads the work
        assert "suicidal_ideation" in table.rows[0].flags
        again.start_assessment(seeded["Li"])
        await wait_for(pilot, lambda: isinstance(again.screen, SafetyScreen))
        assert isinstance(again.screen, SafetyScreen)  # without answering item 9 again
        await pilot.press("ctrl+d")  # the wizard's keys wait for the note
        await pilot.pause()
        assert isinstance(again.screen, SafetyScreen)
        await pilot.press(*"Called 988 with her", "ctrl+s")
        await pilot.pause()
        assert isinstance(again.screen, AssessmentScreen)
        assert "suicidal ideation" in str(again.screen.query_one("#wizard-live").render())
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(again.screen, ConfirmScreen)
        assert "kept on the record" in str(again.screen.query_one("#confirm-question").render())
        await pilot.press("y")
        await pilot.pause()
        await settle(again, pilot)
        await pilot.pause()
        assert again.screen is again.caseload
        assert "suicidal_ideation" in next(
            r for r in again.caseload.all_rows if r.id == seeded["Li"]).flags
    assert find_draft(db=db, client_id=seeded["Li"]) is None
    (finding,) = open_findings(db=db, client_id=seeded["Li"])
    assert finding.answers == {"9": 2} and finding.action_note == "Called 988 with her"


async def test_a_safety_finding_is_never_called_negative_or_improved(make_app, seeded, db):
    """PHQ-9 of 7 before, now 3 with item 9: the flag comes first, no "negative", no
    "improved", in the live score and in the summary."""
    from carecli.clinical import score
    from carecli.data.assessments import complete_assessment, start_assessment

    before = {str(i): 1 for i in range(1, 8)} | {"8": 0, "9": 0}
    earlier = start_assessment(db=db, client_id=seeded["Li"], kind="reassessment",
                               steps=["phq9"])
    complete_assessment(db=db, assessment_id=earlier, answers={"phq9": before},
                        scores={"phq9": score("phq9", before)})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await focused(app, pilot, seeded["Li"], "phq9")
        await pilot.press(*"22111111", "2")
        await pilot.pause()
        await pilot.press(*"Talked it through; safety plan", "ctrl+s")
        await pilot.pause()
        live = str(app.screen.query_one("#wizard-live").render())
        assert "⚠ suicidal ideation" in live and "negative" not in live
        await pilot.press("1", "enter")  # the difficulty item, then the summary
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        (line,) = app.screen.result_lines()
        assert line.total == "3" and line.alarms == ("suicidal ideation",)
        assert "improved" not in line.change and line.change.startswith("7 → 3")
        from rich.console import Console

        console = Console(record=True, width=140)
        console.print(app.screen._results_table())
        shown = console.export_text()
        assert "negative" not in shown and "⚠ suicidal ideation" in shown


async def test_a_draft_can_be_discarded_after_asking(make_app, seeded, db):
    from carecli.screens.confirm import ConfirmScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await focused(app, pilot, seeded["Ann"], "gad7")
        await pilot.press("2", "ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, AssessmentScreen)
        await pilot.press("ctrl+d", "y")
        await pilot.pause()
        assert app.screen is app.caseload
    assert find_draft(db=db, client_id=seeded["Ann"]) is None
    with db.read() as session:
        assert session.scalars(select(Assessment)).all() == []
        assert session.scalars(select(AssessmentAnswer)).all() == []


async def test_the_record_shows_an_open_finding_with_its_answer_and_action(make_app, seeded,
                                                                          db):
    from test_record_ui import open_record

    from carecli.data.assessments import save_draft, start_assessment

    draft = start_assessment(db=db, client_id=seeded["José"], kind="reassessment",
                             steps=["ahc_hrsn"])
    save_draft(db=db, assessment_id=draft, position=7, answers={"ahc_hrsn": {"7": 4}})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        record = await open_record(app, pilot, seeded["José"])
        shown = _rendered(record.query_one("#record-overview").render())
        assert "⚠ Safety: follow up today" in shown
        assert "Physical harm" in shown and "physically hurt you?”: Fairly often" in shown
        assert "nothing noted yet" in shown
        assert "harm risk" in _rendered(record.query_one("#record-banner").render())


def _rendered(visual) -> str:
    from rich.console import Console

    console = Console(record=True, width=200)
    console.print(getattr(visual, "_renderable", visual))
    return console.export_text()


async def test_a_finding_left_without_a_note_asks_for_it_at_the_next_assessment(
        make_app, seeded, db):
    """Its draft was discarded (or finished in another window) before the note was written:
    assessing the client asks for the note first, and it is kept with the finding."""
    from carecli.data.assessments import (
        discard_draft,
        open_findings,
        save_draft,
        start_assessment,
    )

    draft = start_assessment(db=db, client_id=seeded["José"], kind="reassessment",
                             steps=["phq9"])
    save_draft(db=db, assessment_id=draft, answers={"phq9": {"9": 1}}, position=9)
    discard_draft(db=db, assessment_id=draft)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        app.start_assessment(seeded["José"])
        await wait_for(pilot, lambda: isinstance(app.screen, SafetyScreen))
        await pilot.press(*"Reached him; safety plan", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen))
        await settle(app, pilot)
    (finding,) = open_findings(db=db, client_id=seeded["José"])
    assert finding.action_note == "Reached him; safety plan"


async def test_a_refused_start_is_one_sentence_and_the_app_goes_on(make_app, seeded,
                                                                   monkeypatch):
    """The trial's crash: the disk full (or the file locked) as an assessment starts."""
    from carecli.data.errors import DatabaseWriteError
    from carecli.data.service import CareService

    def full(*_args, **_kwargs):
        raise DatabaseWriteError("The disk is full: the change was not saved. Free some space "
                                 "and try again.")

    monkeypatch.setattr(CareService, "start_assessment", full)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        app.start_assessment(seeded["Ann"])
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.press("i")
        await wait_for(pilot, lambda: any("disk is full" in n.message
                                          for n in app._notifications), "the message")
        await settle(app, pilot)
        assert app.is_running and app.screen is app.caseload

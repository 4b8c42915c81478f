"""A completed assessment opens from the record's tab 8, answer by answer, as worded."""

from conftest import SIZE, settle
from test_assessment_ui import answer_all, plain_answers, start

from carecli.screens.detail import DetailScreen
from carecli.screens.record import RecordScreen
from carecli.screens.safety import SafetyScreen
from carecli.screens.summary import SummaryScreen


def intake_answers(q) -> str | None:
    if (q.section, q.item.id) == ("phq9", "9"):
        return "2"  # several days: the safety screen
    if (q.section, q.item.id) == ("caregiver", "who"):
        return "Daughter [b]Ada[/b], shopping"
    if (q.section, q.item.id) == ("goals", "contact_mode"):
        return "3"  # home visit
    return plain_answers(q)


async def test_a_completed_intake_opens_answer_by_answer_from_the_record(make_app, seeded):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot, seeded["Margaret"])
        await answer_all(app, pilot, intake_answers)
        assert isinstance(app.screen, SafetyScreen)
        await pilot.press(*"Called 988 with her; PCP told", "ctrl+s")
        await pilot.pause()
        await answer_all(app, pilot, intake_answers)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.pause()
        app.open_client(seeded["Margaret"])
        await settle(app, pilot)
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
        for where in ("record-results", "record-assessments"):
            await pilot.press("8")
            await pilot.pause()
            app.screen.query_one(f"#{where}").focus()
            await pilot.press("enter")
            await settle(app, pilot)
            await pilot.pause()
            detail = app.screen
            assert isinstance(detail, DetailScreen), where
            text = "\n".join(str(line.render()) for line in detail.query(".detail-line"))
            heading = str(detail.query_one("#detail-title").render())
            assert "Intake completed" in heading
            # a question as worded, with the answer as worded (label, not code)
            assert ("Little interest or pleasure in doing things\n"
                    "→ Nearly every day") in text
            assert "How you prefer we keep in touch\n→ Home visit" in text
            # free text in full, as typed (markup shown, not applied)
            assert "→ Daughter [b]Ada[/b], shopping" in text
            assert "→ Stay in my own home" in text
            # the safety finding first, with what was done
            assert text.index("Safety findings") < text.index("Health history review")
            assert "What was done: Called 988 with her; PCP told" in text
            assert "⚠ Suicidal ideation  Score" in text
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, RecordScreen)

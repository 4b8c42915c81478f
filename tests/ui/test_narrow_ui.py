"""On small terminals: safety flags stay on the caseload, and the footer's keys stay readable."""

from conftest import settle
from test_caseload_ui import loaded
from test_record_ui import open_record

from carecli.clinical import Score
from carecli.data.assessments import complete_assessment, start_assessment


def screen_lines(app) -> list[str]:
    """What the terminal shows, line by line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def flag_suicidal_ideation(db, client_id: int) -> None:
    assessment_id = start_assessment(db=db, client_id=client_id, kind="reassessment",
                                     steps=["phq9"])
    complete_assessment(db=db, assessment_id=assessment_id, answers={}, scores={
        "phq9": Score(12, "moderate", True, frozenset({"suicidal_ideation"}))})


async def test_safety_flag_shows_on_a_60x15_caseload(make_app, seeded, db):
    flag_suicidal_ideation(db, seeded["Li"])
    app = make_app()
    async with app.run_test(size=(60, 15)) as pilot:
        await loaded(app, pilot)
        await pilot.pause()
        lines = screen_lines(app)
    (li,) = [line for line in lines if "Wei, Li" in line]
    assert "SI risk" in li
    assert any("Safety" in line and "Name" in line for line in lines)


async def test_footer_keys_fit_at_80x24(make_app, seeded, db):
    flag_suicidal_ideation(db, seeded["Li"])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.pause()
        lines = screen_lines(app)
        (li,) = [line for line in lines if "Wei, Li" in line]
        assert "SI risk +screen" in li  # the flags column, safety first, at 80
        footer = lines[-1]
        for words in ("⏎ Open", "/ Filter", "n New", "a Assess", "s Sort", "^q Quit", "? Help",
                      "^p palette"):
            assert words in footer, (words, footer)
        await open_record(app, pilot, seeded["Li"])
        await settle(app, pilot)
        await pilot.pause()
        lines = screen_lines(app)
        assert "⚠ SI risk" in lines[1]  # the banner
        assert lines[2].rstrip().endswith("8 Assess 9 Contacts")  # every tab in view
        footer = lines[-1]
        for words in ("esc Back", "a Add", "e Edit", "A Assess", "^q Quit", "? Help",
                      "^p palette"):
            assert words in footer, (words, footer)

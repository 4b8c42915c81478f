"""Layout snapshots of the caseload, the record and a form with an error, at a fixed size."""

from conftest import SIZE, settle, wait_for
from test_caseload_ui import loaded


async def _wait_caseload(pilot):
    await loaded(pilot.app, pilot)
    await pilot.pause()


def test_caseload_snapshot(snap_compare, make_app, seeded):
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=_wait_caseload)


def test_caseload_80x24_snapshot(snap_compare, make_app, seeded):
    """The smallest usual terminal: flags column and every footer key in view."""
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_wait_caseload)


def test_record_80x24_snapshot(snap_compare, make_app, seeded):
    """All nine record tabs and the footer's keys fit in 80 columns."""
    assert snap_compare(make_app(), terminal_size=(80, 24),
                        run_before=_opener(seeded["Margaret"]))


def _opener(client_id: int):
    async def open_record(pilot):
        await _wait_caseload(pilot)
        pilot.app.open_client(client_id)
        for _ in range(50):
            await pilot.pause()
            if getattr(pilot.app.screen, "record", None) is not None:
                break
        await settle(pilot.app, pilot)
        await pilot.pause()

    return open_record


def test_record_snapshot(snap_compare, make_app, seeded):
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=_opener(seeded["Margaret"]))


def test_form_error_snapshot(snap_compare, make_app, seeded):
    async def bad_date(pilot):
        await _wait_caseload(pilot)
        await pilot.press("n", *"Ada", "tab", *"Lovelace", "tab", "tab", *"2026-02-30", "ctrl+s")
        await wait_for(pilot, lambda: pilot.app.screen.query(".form-error.-shown"),
                       "the date error")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=bad_date)


async def _assess(pilot, client_id: int, *start_keys: str) -> None:
    """Start an assessment of `client_id` with the start screen's keys; wait for question 1."""
    from carecli.screens.wizard import AssessmentScreen

    await _wait_caseload(pilot)
    pilot.app.start_assessment(client_id)
    await pilot.pause()
    await pilot.press(*start_keys)
    for _ in range(20):
        await pilot.pause()
        if isinstance(pilot.app.screen, AssessmentScreen):
            return
    raise AssertionError("the wizard did not open")


def test_wizard_question_snapshot(snap_compare, make_app, seeded):
    async def midway_question(pilot):
        """A Lawton IADL question part-way through the intake, with its running score."""
        await _assess(pilot, seeded["Margaret"], "i")
        await pilot.press("1", "enter", "enter", "1")  # history; medications (none listed)
        await pilot.press(*"111111", *"1111")  # Katz ADL, then four Lawton IADL items
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=midway_question)


def test_safety_screen_snapshot(snap_compare, make_app, seeded):
    async def item_nine(pilot):
        from carecli.screens.safety import SafetyScreen

        await _assess(pilot, seeded["Li"], "space", "ctrl+s")  # focused: PHQ-9
        await pilot.press(*"11111111", "2")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SafetyScreen),
                       "the safety screen")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=item_nine)


def test_summary_snapshot(snap_compare, make_app, seeded):
    async def to_summary(pilot):
        await _assess(pilot, seeded["José"], "down", "space", "ctrl+s")  # focused: GAD-7
        await pilot.press(*"3333333")
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=to_summary)

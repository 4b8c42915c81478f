"""A client's name is shown as typed on every daily-work screen, never read as Rich markup or as
a key placeholder: the queue's detail line, its help (CCM at risk), the snooze and check-in
forms, the call timer line, the quit question and the contact logger."""

from conftest import settle, wait_for
from test_queue_ui import NARROW, highlight, queue_shown
from test_queue_ui import finding as finding  # noqa: F401  (the fixture, used by name)

from carecli.data.clients import create_client
from carecli.data.entries import add_entry
from carecli.screens.contact_logger import ContactLogger
from carecli.screens.form import FormScreen
from carecli.screens.help import HelpScreen
from carecli.screens.timer import QuitWithTimerScreen

MARKUP = "[@click=app.quit]Smith[/]"
PLACEHOLDER = "{not.a_key} Ott"


def _text(screen) -> str:
    """Everything the screen's widgets would draw, as plain text."""
    parts = []
    for widget in screen.query("*"):
        rendered = getattr(widget, "renderable", None) or getattr(widget, "visual", None)
        if rendered is not None:
            parts.append(str(getattr(rendered, "plain", rendered)))
    return "\n".join(parts)


async def test_names_with_markup_and_braces_show_as_typed_everywhere(
        make_app, finding, db, today):  # noqa: F811
    ann = finding["Ann"]
    braces = create_client(db=db, values={"given_name": "Ida", "family_name": PLACEHOLDER,
                                          "enrolled_on": "2026-01-05"})
    for client_id in (ann, braces):  # eligible for CCM and under 20 minutes: in the help
        for name in ("COPD", "Heart failure"):
            add_entry(db=db, kind="condition", client_id=client_id, values={"name": name})
        add_entry(db=db, kind="consent", client_id=client_id, values={
            "kind": "care_management", "given_on": "2026-01-05", "method": "verbal"})
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await queue_shown(app, pilot)
        await settle(app, pilot)
        await highlight(pilot, ann)
        assert MARKUP in str(app.queue.query_one("#queue-detail").render())
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        help_text = _text(app.screen)
        assert MARKUP in help_text and PLACEHOLDER in help_text
        await pilot.press("escape")
        await settle(app, pilot)
        for key in ("s", "r"):
            await highlight(pilot, braces)
            await pilot.press(key)
            await wait_for(pilot, lambda: isinstance(app.screen, FormScreen), "the form")
            assert PLACEHOLDER in _text(app.screen)
            await pilot.press("escape")
            await settle(app, pilot)
        await highlight(pilot, ann)
        await pilot.press("space")
        await settle(app, pilot)
        assert MARKUP in _text(app.screen)  # the timer line
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, QuitWithTimerScreen), "the question")
        assert MARKUP in _text(app.screen)
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactLogger), "the logger")
        assert MARKUP in _text(app.screen)
        assert app.is_running

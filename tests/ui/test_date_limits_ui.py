"""Forms refuse what would lock the app or hide a name: the message sits beside the field."""

from datetime import timedelta

from conftest import SIZE, settle
from test_caseload_ui import loaded
from test_record_ui import count, open_record

from carecli.data.models import Client, StatusChange
from carecli.screens.form import FormScreen


async def test_a_discharge_dated_before_enrolment_is_refused(make_app, seeded, db, today):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(app, pilot, seeded["Walter"])
        await pilot.press("x")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-effective_on").value = "1999-01-01"
        await pilot.press(*"Moved away", "ctrl+s")
        await settle(app, pilot)
        await pilot.pause()
        assert app.screen is form
        enrolled = (today - timedelta(days=200)).isoformat()
        assert f"is before the client's enrolment on {enrolled}" in str(
            form.query_one("#error-effective_on").render())
        assert count(db, StatusChange, StatusChange.client_id == seeded["Walter"]) == 0


async def test_a_new_client_enrolled_in_9999_or_named_by_invisible_characters(make_app, seeded,
                                                                            db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        before = count(db, Client)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#field-given_name").value = "\u200b\u200b"
        form.query_one("#field-family_name").value = "\x00"
        form.query_one("#field-enrolled_on").value = "9999-12-31"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.pause()
        assert app.screen is form
        errors = {key: str(form.query_one(f"#error-{key}").render())
                  for key in ("given_name", "family_name", "enrolled_on")}
        assert "is required" in errors["given_name"] and "is required" in errors["family_name"]
        assert "is in the future" in errors["enrolled_on"]
        assert count(db, Client) == before

"""The record's history names instruments as people say them, never by their ids."""

from conftest import SIZE
from test_record_ui import open_record

from carecli.clinical import Score
from carecli.data.assessments import complete_assessment, start_assessment


async def test_history_names_instruments_for_results_already_stored(make_app, seeded, db):
    client_id = seeded["Margaret"]
    assessment_id = start_assessment(db=db, client_id=client_id, kind="reassessment",
                                     steps=["phq9", "katz_adl"])
    complete_assessment(db=db, assessment_id=assessment_id, answers={}, scores={
        "phq9": Score(19, "moderately_severe", True, frozenset({"suicidal_ideation"})),
        "katz_adl": Score(5, None, False),
    })
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        record = await open_record(app, pilot, client_id)
        await pilot.press("7")
        await pilot.pause()
        table = record.query_one("#record-history")
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
    (detail,) = [row[3] for row in rows if row[1].startswith("Assessment completed")]
    assert detail == "⚠ suicidal ideation: PHQ-9 19 (moderately severe); Katz ADL 5"

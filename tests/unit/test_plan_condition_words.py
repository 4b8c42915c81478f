"""Conditions reach a client's copy of the plan in plain words: a problem suggested from a
condition, and the prefilled symptom management, use the plain name of its ICD-10 category
where there is one, else the recorded name without its code; no ICD-10 code and no billing
wording shows in the HTML or Markdown copy."""

from datetime import date

import pytest

from carecli.config import resolve_database
from carecli.data.service import CareService
from carecli.domain.care_plan import PlanStanding
from carecli.domain.condition_words import condition_words
from carecli.export import export_plan

TODAY = date(2026, 11, 24)


@pytest.mark.parametrize(("name", "code", "words"), [
    ("Type 2 diabetes mellitus without complications", "E11.9", "Type 2 diabetes"),
    ("Essential (primary) hypertension", "i10", "High blood pressure"),
    ("Obstructive sleep apnea (adult)", "G47.33", "Sleep apnea (breathing stops during sleep)"),
    ("Insomnia", "G47.00", "Insomnia"),  # a longer prefix is needed for sleep apnea
    ("Gout (M10.9)", "M10.9", "Gout"),
    ("Gout - M10.9", None, "Gout"),
    ("Vitamin B12 deficiency", "D51.9", "Vitamin B12 deficiency"),
    ("Shingles", None, "Shingles"),
])
def test_a_condition_in_plain_words(name, code, words) -> None:
    assert condition_words(name, code) == words


def test_the_clients_copy_shows_no_code_and_no_billing_wording(db) -> None:
    service = CareService(resolve_database(str(db.path)), db=db, today=TODAY)
    client_id = service.create_client({"given_name": "Ida", "family_name": "Rowe",
                                       "enrolled_on": date(2026, 1, 5)})
    for name, code in (("Type 2 diabetes mellitus without complications", "E11.9"),
                       ("Gout (M10.9)", "M10.9")):
        service.add_entry("condition", client_id, {"name": name, "icd10_code": code})
    plan = service.start_draft(client_id)
    for pick in service.problem_suggestions(plan.id):
        plan = service.add_item(plan.id, plan.version, "problem", None,
                                {"text": pick.text, "source": pick.source})
    plan = service.add_item(plan.id, plan.version, "goal", plan.items[0].uid, {
        "text": "Keep my sugar steady", "measure": "A1c", "target": "below 8",
        "target_on": "2027-03-01"})
    plan = service.finalise(plan.id, plan.version, "Jo Ames")
    record = service.record(client_id).record
    for fmt in ("html", "markdown"):
        copy = export_plan(fmt, plan, record, PlanStanding())
        assert "Type 2 diabetes" in copy and "Gout" in copy
        assert "Conditions to watch: Gout, Type 2 diabetes." in copy
        for clinical in ("E11.9", "M10.9", "mellitus", "without complications"):
            assert clinical not in copy, (fmt, clinical)

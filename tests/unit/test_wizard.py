"""The wizard's rules without a screen: order, PHQ-2 → PHQ-9, validation, safety, results."""

import pytest

from carecli.assessment.compare import change, sparkline
from carecli.assessment.sections import INTAKE_STEPS, focused_steps
from carecli.assessment.wizard import Wizard
from carecli.clinical import score


def answer_all(wizard: Wizard, pick) -> None:
    """Answer every question with `pick(question)` until the end."""
    while not wizard.finished:
        wizard.answer(pick(wizard.current))
        assert wizard.next(), wizard.problem()


def first_option(question):
    item = question.item
    if item.kind == "text":
        return "Stay at home" if item.required else None
    if item.kind == "int":
        return None
    if item.kind == "multi":
        return []
    return item.options[0].code


def test_intake_walks_every_step_in_order_and_skips_phq9_when_phq2_negative():
    wizard = Wizard(INTAKE_STEPS, medications=[(7, "Metformin"), (8, "Lisinopril")])
    sections = []
    answer_all(wizard, lambda q: sections.append(q.section) or first_option(q))
    order = list(dict.fromkeys(sections))
    assert order == ["history", "medications", "katz_adl", "lawton_iadl", "steadi", "phq2",
                     "gad7", "ahc_hrsn", "home", "caregiver", "goals"]
    assert "phq9" not in wizard.results()
    assert set(wizard.results()) == {"katz_adl", "lawton_iadl", "steadi", "phq2", "gad7",
                                     "ahc_hrsn"}
    assert wizard.answers["medications"]["med_7"] == "taking"


def test_positive_phq2_goes_on_to_phq9_without_asking_items_1_and_2_again():
    mood = Wizard(INTAKE_STEPS[3:4])
    assert [q.section for q in mood.questions()].count("phq9") == 0
    for _ in ("1", "2"):
        mood.answer(2)
        mood.next()
    asked = [q.item.id for q in mood.questions() if q.section == "phq9"]
    assert asked == ["3", "4", "5", "6", "7", "8", "9", "difficulty"]
    assert mood.current.section == "phq9"


def test_phq9_scored_with_phq2_items_merged():
    wizard = Wizard(INTAKE_STEPS[3:4])
    values = {"phq2": 3, "phq9": 1, "gad7": 0}

    def pick(q):
        if q.item.id == "difficulty":
            return None
        return values[q.section] if q.section != "phq9" else 1

    answer_all(wizard, pick)
    phq9 = wizard.results()["phq9"]
    expected = score("phq9", {"1": 3, "2": 3, **{str(i): 1 for i in range(3, 10)}})
    assert phq9 == expected and phq9.total == 13 and phq9.band == "moderate"
    assert "suicidal_ideation" in phq9.flags


def test_required_answer_blocks_next_and_says_why():
    wizard = Wizard(INTAKE_STEPS[-1:])  # goals: "what matters most" is required
    assert wizard.current.item.id == "matters_most"
    assert not wizard.next()
    assert wizard.problem() == "This question needs an answer."
    assert wizard.position == 0
    wizard.answer("Stay in my own home")
    assert wizard.next() and wizard.position == 1
    wizard.back()
    assert wizard.position == 0 and wizard.value(wizard.current) == "Stay in my own home"


def test_out_of_range_answer_is_refused():
    wizard = Wizard(focused_steps(["phq9"]))
    with pytest.raises(ValueError, match="item '1'"):
        wizard.answer(4)
    assert wizard.value(wizard.current) is None


def test_safety_triggers_fire_once_at_the_answer():
    wizard = Wizard(focused_steps(["phq9"]))
    for _ in range(8):
        assert wizard.answer(0) == []
        wizard.next()
    assert wizard.current.item.id == "9"
    assert wizard.answer(1) == ["suicidal_ideation"]
    wizard.acknowledge("suicidal_ideation")
    assert wizard.answer(2) == []  # acknowledged: not raised twice


def test_hrsn_physical_harm_and_safety_domain():
    wizard = Wizard(focused_steps(["ahc_hrsn"]))
    answers = {"1": "steady", "2": [], "3": "never", "4": "never", "5": "no", "6": "no",
               "7": 2, "8": 3, "9": 3, "10": 3}
    raised = []
    for item_id, value in answers.items():
        assert wizard.current.item.id == item_id
        for flag in wizard.answer(value):
            raised.append(flag)
            wizard.acknowledge(flag)  # as the safety screen does
        wizard.next()
    assert raised == ["physical_harm", "safety"]
    assert wizard.results()["ahc_hrsn"].domains == ("safety",)


def test_live_score_runs_while_answering():
    wizard = Wizard(focused_steps(["gad7"]))
    wizard.answer(2)
    wizard.next()
    wizard.answer(3)
    assert wizard.live("gad7").endswith("5 so far, 2 of 7 answered")
    for _ in range(5):
        wizard.next()
        wizard.answer(0)
    assert wizard.live("gad7").endswith(": 5 · mild · negative")


def test_draft_position_and_answers_resume():
    first = Wizard(focused_steps(["gad7"]))
    for _ in range(3):
        first.answer(1)
        first.next()
    again = Wizard(focused_steps(["gad7"]), answers=first.answers, position=first.position)
    assert again.position == 3 and again.value(again.current) is None
    assert again.answers == first.answers


def test_focused_steps_refuse_unknown_instruments():
    with pytest.raises(ValueError):
        focused_steps(["lace"])
    with pytest.raises(ValueError):
        focused_steps([])


@pytest.mark.parametrize(("instrument_id", "before", "now", "word"), [
    ("phq9", 14, 9, "improved"), ("phq9", 9, 14, "worse"), ("phq9", 9, 9, "unchanged"),
    ("katz_adl", 4, 6, "improved"), ("lawton_iadl", 8, 6, "worse"), ("phq9", None, 3, ""),
])
def test_change_words_follow_each_instruments_direction(instrument_id, before, now, word):
    assert change(instrument_id, before, now) == word


def test_sparkline_scales_to_the_instrument_range():
    assert sparkline([0, 27], 0, 27) == "▁█"
    assert sparkline([14, 9, 6], 0, 27) == "▅▃▃"
    assert len(sparkline([5] * 10, 0, 27)) == 10


def test_focused_phq2_and_phq9_screen_first_like_the_intake():
    steps = focused_steps(["gad7", "phq9", "phq2"])
    assert [s.sections for s in steps] == [("phq2", "phq9"), ("gad7",)]
    wizard = Wizard(steps)
    assert [q.section for q in wizard.questions()].count("phq9") == 0  # until PHQ-2 positive


def test_lawton_shows_progress_without_a_misleading_running_sum():
    wizard = Wizard(focused_steps(["lawton_iadl"]))
    wizard.answer(4)  # telephone: option 4, scores 0
    assert wizard.live("lawton_iadl").endswith(": 1 of 8 answered")

"""How a discharge's transitional care (TCM) is drawn, as plain `Text` from
`domain.transitions`: the marks of the Stays & TCM table and the line that explains them, each
step's line, and the compact TCM block of the record's Overview."""

from datetime import date

from rich.text import Text

from carecli.domain.enums import label
from carecli.domain.transitions import ClientStays, Stay, StayView, TcmStatus, TcmStep, day_words
from carecli.words import counted

MARKS = {"done": ("✓", "green"), "due": ("•", "yellow"), "overdue": ("!", "bold red")}
"""Each step's state as one character (and a colour: never the colour alone)."""
READMITTED_MARK = "readm"
SHORT_NAMES = {"contact": "contact", "med_rec": "med rec", "visit": "visit"}


def legend() -> Text:
    """The line under the stays table: what its TCM marks say."""
    text = Text("TCM: contact, med rec, visit —", style="dim")
    for state in ("done", "due", "overdue"):
        mark, style = MARKS[state]
        text.append(" ")
        text.append(mark, style=style)
        text.append(f" {state}", style="dim")
    text.append(f"; {READMITTED_MARK}: readmitted", style="dim")
    return text


def tcm_cell(item: StayView, today: date) -> Text:
    """The table's TCM cell: a mark per step while the period is open, else why not."""
    tcm = item.tcm
    if tcm is None:
        return Text("")
    if tcm.readmitted_on is not None:
        return Text(READMITTED_MARK, style="dim")
    if not tcm.in_period(today):
        return Text("ended" if today > tcm.period_ends else "", style="dim")
    marks = Text()
    for step in tcm.steps:
        mark, style = MARKS[step.state(today)]
        marks.append(mark, style=style)
    return marks


def step_line(step: TcmStep, today: date) -> Text:
    """"  • contact due by Tue Dec 1 — 1 attempt (voicemail Mon)"."""
    state = step.state(today)
    mark, style = MARKS[state]
    line = Text("  ")
    line.append(mark, style=style)
    line.append(" ")
    line.append(step.words(today), style=style if state == "overdue" else "")
    line.append("\n")
    return line


def period_words(tcm: TcmStatus) -> str:
    """"TCM period Fri Nov 20 – Sat Dec 19 (high complexity: visit within 7 days)"."""
    complexity, days = ("high", 7) if tcm.high_complexity else ("moderate", 14)
    return (f"TCM period {day_words(tcm.discharged_on)} – {day_words(tcm.period_ends)} "
            f"({complexity} complexity: visit within {days} days)")


def readmitted_words(tcm: TcmStatus) -> str:
    """"Readmitted Thu Dec 3 — TCM restarts at the next discharge"."""
    assert tcm.readmitted_on is not None
    return f"Readmitted {day_words(tcm.readmitted_on)} — TCM restarts at the next discharge"


def no_tcm_words(stay: Stay) -> str | None:
    """Why a discharge starts no TCM, when it is the place it went to."""
    if stay.discharged_on is None or stay.emergency or stay.starts_tcm:
        return None
    return (f"No TCM: discharged to {label(stay.disposition).lower()} (TCM starts at the "
            "discharge home)")


def lace_words(stay: Stay) -> str | None:
    """"LACE 12 (high readmission risk)", when scored."""
    if stay.lace_total is None:
        return None
    return f"LACE {stay.lace_total} ({stay.lace_band} readmission risk)"


def overview_rows(view: ClientStays | None, today: date) -> list[tuple[str, Text]]:
    """The record's TCM block while a TCM period is open: the period, each step (done, due or
    overdue, with the attempts at the contact counted) and the LACE when scored; empty when
    no period is open."""
    item = next((i for i in (view.stays if view else ()) if i.tcm and i.tcm.open(today)), None)
    if item is None or item.tcm is None:
        return []
    tcm = item.tcm
    complexity = "high" if tcm.high_complexity else "moderate"
    rows = [("TCM period", Text(f"{day_words(tcm.discharged_on)} – "
                                f"{day_words(tcm.period_ends)} ({complexity} complexity)"))]
    for step in tcm.steps:
        mark, style = MARKS[step.state(today)]
        value = Text(mark, style=style)
        value.append(f" {step.when(today)}", style=style if step.state(today) == "overdue"
                     else "")
        if step.attempts:
            value.append(f" · {counted(len(step.attempts), 'attempt')}")
        rows.append((f"TCM {SHORT_NAMES[step.name]}", value))
    stay = item.stay
    if stay.lace_total is not None:
        rows.append(("LACE", Text(f"{stay.lace_total} ({stay.lace_band} readmission risk)")))
    return rows

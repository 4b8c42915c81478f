"""The end of an assessment: each result against last time, safety actions, the suggested
risk tier (accept, keep or override with a reason) and suggested care-plan problems.
Dismisses with the `Decision` (the flow then completes the assessment) or "back"."""

from dataclasses import dataclass
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from carecli.actions import bindings_for, fill
from carecli.assessment.report import ResultLine, result_lines
from carecli.assessment.wizard import Wizard
from carecli.clinical import suggest_problems, suggest_risk_tier
from carecli.clinical.suggestions import medication_problem
from carecli.domain.enums import label
from carecli.forms import RISK_FORM
from carecli.plain import one_line, plain
from carecli.screens.base import CareScreen
from carecli.screens.form import FormScreen
from carecli.screens.safety import GUIDANCE


@dataclass(frozen=True)
class Decision:
    """How the risk tier is set on completing: `risk` holds `risk_tier`, `risk_reason` and
    `by_hand`; None keeps the current tier."""

    risk: Any


class SummaryScreen(CareScreen):
    HELP = (
        "Nothing is saved until you choose how to set the risk tier. The suggestion is ours "
        "(no national standard fixes one): high for a safety finding, 2 or more admissions "
        "in 6 months, a recent discharge, LACE high or PHQ-9 of 15 or more; moderate for any "
        "other positive screen, 3 or more chronic conditions or 1 admission in 6 months; low "
        "otherwise. Results still standing from earlier assessments count too. {summary.accept} "
        "accepts it, {summary.keep} keeps the current tier, {summary.override} sets another "
        "with a reason; {summary.back} goes back to the questions. Suggested problems are kept "
        "with the results for the care plan."
    )
    BINDINGS = bindings_for("summary")

    def __init__(self, wizard: Wizard, *, client_name: str, previous: Any,
                 context: Any) -> None:
        """`previous`: each instrument's earlier `PastResult`; `context`: the `RiskContext`."""
        super().__init__()
        self.wizard = wizard
        self.client_name = client_name
        self.previous = previous
        self.context = context
        self.results = self.wizard.results()
        # a focused re-assessment updates some results; the others still stand
        standing = {k: r.score for k, r in previous.items()} | self.results
        self.tier, self.reasons = suggest_risk_tier(
            scores=standing, chronic_conditions=context.chronic_conditions,
            admissions_last_6_months=context.admissions_last_6_months,
            recent_discharge=context.recent_discharge,
            safety_findings=self.wizard.answers.get("safety", {}).keys(),
            stay_lace=context.lace,
        )
        self.problems = suggest_problems(self.results)
        missed = self._not_taking()
        if (med := medication_problem(missed)) is not None:
            self.problems.append(med)

    def _not_taking(self) -> list[str]:
        meds = dict(self.wizard.medications)
        answers = self.wizard.answers.get("medications", {})
        return [meds[int(k[4:])] for k, v in answers.items()
                if k.startswith("med_") and v in ("not_taking", "unsure") and int(k[4:]) in meds]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="summary-body"):
            yield Static(self._results_table(), id="summary-results")
            yield Static(self._safety(), id="summary-safety")
            yield Static(self._risk(), id="summary-risk")
            yield Static(self._problems(), id="summary-problems")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "carecli"
        self.sub_title = "Assessment summary: " + one_line(self.client_name)

    def result_lines(self) -> list[ResultLine]:
        previous = {k: (r.on, r.score) for k, r in self.previous.items()}
        return result_lines(self.results, previous, self.wizard.answers.get("safety", {}).keys())

    def _results_table(self) -> Table:
        table = Table(title="Results", title_justify="left", expand=True)
        for column in ("Instrument", "Total", "Band", "Result", "Last time", "Change"):
            table.add_column(column)
        for line in self.result_lines():
            result = Text("⚠ " + ", ".join(line.alarms) + "  " if line.alarms else "",
                          "bold red")
            if line.positive or not line.alarms:  # a safety finding is never "negative"
                result.append("positive" if line.positive else "negative",
                              "bold red" if line.positive else "green")
            for flag in line.flags:
                result.append(f"  {flag}", "bold red")
            for domain in line.domains:
                result.append(f"  {domain}", "magenta")
            table.add_row(line.title, line.total, line.band, result, line.last_time,
                          line.change)
        if not self.results:
            table.add_row("No scored instrument was completed.", "", "", "", "", "")
        return table

    def _safety(self) -> Text:
        notes = self.wizard.answers.get("safety", {})
        if not notes:
            return Text("")
        text = Text("\nSafety actions recorded\n", "bold red")
        for flag, note in notes.items():
            text.append(f"  {GUIDANCE[flag][0]}: ", "bold")
            text.append_text(plain(one_line(note)))
            text.append("\n")
        return text

    def _risk(self) -> Text:
        text = Text("\nRisk tier\n", "bold")
        text.append(f"  Suggested: {label(self.tier)}", "bold")
        text.append(" — " + ("; ".join(self.reasons) or "no risk factor found"))
        text.append(f"\n  Current:   {label(self.context.tier)}"
                    + (" (set by hand)" if self.context.set_by_hand else ""))
        text.append(fill("\n  {summary.accept} saves and accepts the suggestion, {summary.keep} "
                         "keeps the current tier, {summary.override} lets you choose with a "
                         "reason."), "dim")
        return text

    def _problems(self) -> Text:
        text = Text("\nSuggested care-plan problems\n", "bold")
        if not self.problems:
            text.append("  none from this assessment", "dim")
        for problem in self.problems:
            text.append(f"  • {problem.description}\n")
        return text

    # finishing ------------------------------------------------------------------------
    def action_back(self) -> None:
        self.dismiss("back")

    def action_complete(self, how: str) -> None:
        if how == "keep":
            self.dismiss(Decision(None))
        elif how == "suggested":
            self.dismiss(Decision({"risk_tier": self.tier, "by_hand": False,
                                   "risk_reason": "; ".join(self.reasons) or None}))
        else:  # the tier chosen by hand, with a reason (checked in the form)
            self.app.push_screen(
                FormScreen(title="Risk tier after this assessment", fields=RISK_FORM,
                           values={"risk_tier": self.tier},
                           submit=lambda v: self.service.risk_decision({**v, "by_hand": True})),
                lambda risk: risk and self.dismiss(Decision(risk)),
            )

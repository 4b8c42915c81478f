"""The record's assessments tab: each instrument's latest result and its trend."""

from rich.text import Text
from textual.widgets import DataTable

from carecli.assessment.compare import change, sparkline
from carecli.clinical.instruments import INSTRUMENTS
from carecli.data.assessments import PastResult
from carecli.domain.enums import label


class ResultsTable(DataTable):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.add_columns("Instrument", "Latest", "Band", "Result", "On", "Trend", "Since last")

    def show(self, results: dict[str, list[PastResult]]) -> None:
        self.clear()
        for instrument_id, history in results.items():
            inst = INSTRUMENTS.get(instrument_id)
            latest = history[-1]
            totals = [r.score.total for r in history if r.score.total is not None]
            low, high = inst.total_range if inst and inst.total_range else (0, max(totals or [1]))
            before = history[-2].score.total if len(history) > 1 else None
            moved = change(instrument_id, before, latest.score.total)
            result = Text(" ".join(label(f) for f in sorted(latest.score.flags)), "bold red")
            if latest.score.positive:  # the flag first; a flagged result is never "negative"
                result.append(" positive" if result else "positive", "bold red")
            elif not result:
                result.append("negative", "green")
            self.add_row(
                inst.title if inst else instrument_id,
                "" if latest.score.total is None else str(latest.score.total),
                label(latest.score.band) if latest.score.band else "",
                result, latest.on.isoformat(),
                Text(sparkline(totals, low, high), "cyan"),
                f"{before} → {latest.score.total} {moved}" if moved else "",
                key=instrument_id,
            )

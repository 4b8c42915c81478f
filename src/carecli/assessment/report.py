"""The summary's table as plain data: each result beside the one before it."""

from dataclasses import dataclass
from datetime import date

from carecli.assessment.compare import change
from carecli.clinical import Score, instrument
from carecli.domain.enums import label


@dataclass(frozen=True)
class ResultLine:
    instrument_id: str
    title: str
    total: str
    band: str
    positive: bool
    flags: tuple[str, ...]
    domains: tuple[str, ...]
    last_time: str
    change: str


def result_lines(results: dict[str, Score],
                 previous: dict[str, tuple[date, Score]]) -> list[ResultLine]:
    lines = []
    for instrument_id, score in results.items():
        before = previous.get(instrument_id)
        before_total = before[1].total if before else None
        moved = change(instrument_id, before_total, score.total)
        lines.append(ResultLine(
            instrument_id=instrument_id,
            title=instrument(instrument_id).title,
            total="" if score.total is None else str(score.total),
            band=label(score.band) if score.band else "",
            positive=score.positive,
            flags=tuple(label(f) for f in sorted(score.flags)),
            domains=tuple(label(d) for d in score.domains),
            last_time="—" if before is None else f"{before_total} ({before[0]})",
            change=f"{before_total} → {score.total}, {moved}" if moved else "",
        ))
    return lines

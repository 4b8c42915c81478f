"""The summary's table as plain data: each result beside the one before it."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from carecli.assessment.compare import change
from carecli.clinical import SAFETY_FLAGS, SAFETY_NAMES, Score, instrument
from carecli.clinical.safety import SAFETY_INSTRUMENT
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
    alarms: tuple[str, ...]
    """Safety findings in this result, in words: they come before anything else, and such a
    result is never called negative or improved."""
    last_time: str
    change: str


def result_lines(results: dict[str, Score], previous: dict[str, tuple[date, Score]],
                 findings: Iterable[str] = ()) -> list[ResultLine]:
    """Each result beside the one before; `findings`: safety flags raised during this
    assessment, which lead their instrument's line even if a later answer no longer shows
    them."""
    lines = []
    for instrument_id, score in results.items():
        before = previous.get(instrument_id)
        before_total = before[1].total if before else None
        moved = change(instrument_id, before_total, score.total)
        alarms = safety_alarms(score) + tuple(
            SAFETY_NAMES[f] for f in SAFETY_FLAGS if f in findings
            and SAFETY_INSTRUMENT[f] == instrument_id and SAFETY_NAMES[f] not in
            safety_alarms(score))
        if alarms and moved and moved != "worse":
            moved = "safety finding"
        lines.append(ResultLine(
            instrument_id=instrument_id,
            title=instrument(instrument_id).title,
            total="" if score.total is None else str(score.total),
            band=label(score.band) if score.band else "",
            positive=score.positive,
            flags=tuple(label(f) for f in sorted(score.flags) if f not in SAFETY_FLAGS),
            domains=tuple(label(d) for d in score.domains if d not in SAFETY_FLAGS),
            alarms=alarms,
            last_time="—" if before is None else f"{before_total} ({before[0]})",
            change=f"{before_total} → {score.total}, {moved}" if moved else "",
        ))
    return lines


def safety_alarms(score: Score) -> tuple[str, ...]:
    """The safety findings a score carries (flags, or the safety domain), in words."""
    return tuple(SAFETY_NAMES[f] for f in SAFETY_FLAGS if f in score.flags or f in score.domains)


def answer_words(instrument_id: str, answers: dict[str, Any]) -> str:
    """Answers of one instrument as asked and answered: `PHQ-9 item 9 “...”: More than half
    the days`."""
    inst = instrument(instrument_id)
    said = []
    for item_id, code in answers.items():
        try:
            item = inst.item(item_id)
        except ValueError:
            said.append(f"item {item_id}: {code}")
            continue
        option = item.option(code)
        said.append(f"{inst.title.split(' (')[0]} item {item_id} “{item.text}”: "
                    f"{option.label if option else code}")
    return "; ".join(said)

"""The scored instruments, defined as data (see DOMAIN.md "Instruments").

`INSTRUMENTS` maps each id to its `Instrument`; `instrument(id)` looks one up (an unknown id
raises ValueError naming it) and `score(id, answers)` checks the answers and scores them.
"""

from collections.abc import Mapping
from typing import Any

from carecli.clinical.instruments.falls import STEADI
from carecli.clinical.instruments.function import KATZ_ADL, LAWTON_IADL
from carecli.clinical.instruments.gad import GAD7
from carecli.clinical.instruments.hrsn import AHC_HRSN
from carecli.clinical.instruments.lace import LACE
from carecli.clinical.instruments.model import Instrument, Item, Option, Score
from carecli.clinical.instruments.phq import PHQ2, PHQ9

INSTRUMENTS: dict[str, Instrument] = {
    i.id: i for i in (PHQ2, PHQ9, GAD7, AHC_HRSN, KATZ_ADL, LAWTON_IADL, STEADI, LACE)
}


def instrument(instrument_id: str) -> Instrument:
    """The instrument with this id; ValueError naming the id when there is none."""
    found = INSTRUMENTS.get(instrument_id) if isinstance(instrument_id, str) else None
    if found is None:
        known = ", ".join(INSTRUMENTS)
        raise ValueError(f"instrument {instrument_id!r}: unknown (known: {known})")
    return found


def score(instrument_id: str, answers: Mapping[str, Any]) -> Score:
    """Check `answers` (keyed by item id) against the instrument and score them."""
    return instrument(instrument_id).score(answers)


__all__ = [
    "AHC_HRSN", "GAD7", "INSTRUMENTS", "KATZ_ADL", "LACE", "LAWTON_IADL", "PHQ2", "PHQ9",
    "STEADI", "Instrument", "Item", "Option", "Score", "instrument", "score",
]

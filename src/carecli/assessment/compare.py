"""Reading results over time: better or worse than last time, and a one-line sparkline."""

HIGHER_IS_BETTER = {"katz_adl", "lawton_iadl"}
SPARKS = "▁▂▃▄▅▆▇█"


def change(instrument_id: str, before: int | None, now: int | None) -> str:
    """"improved", "worse" or "unchanged" (by the instrument's direction), or "" if unknown."""
    if before is None or now is None:
        return ""
    if now == before:
        return "unchanged"
    better = now > before if instrument_id in HIGHER_IS_BETTER else now < before
    return "improved" if better else "worse"


def sparkline(values: list[int], low: int, high: int) -> str:
    """One character per value, scaled between the instrument's lowest and highest total."""
    span = max(1, high - low)
    top = len(SPARKS) - 1
    return "".join(SPARKS[round((min(max(v, low), high) - low) / span * top)] for v in values)

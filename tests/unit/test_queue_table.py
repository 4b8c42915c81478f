"""The queue table's columns: the client's name and the due words are never cut, the reason
gives way, and a row fits the width it is given (an 80-column terminal)."""

from datetime import date

from carecli.domain.daily import QueueItem
from carecli.widgets.queue_table import KIND_WIDTH, layout

TODAY = date(2026, 11, 24)


def item(client: str, late: int, reason: str = "check-in overdue (high risk, every 7 days)"):
    return QueueItem(key="cadence", client_id=1, client=client, kind="check_in", due=TODAY,
                     reason=reason, risk_tier="high", overdue_days=late)


def test_a_long_name_and_a_long_delay_are_whole_and_the_row_fits():
    rows = [item("Maria Fernanda de los Santos-Guzmán", 186), item("Li Wei", 0)]
    columns = layout(78, rows, TODAY)
    widths = {c[0]: w for c, w in columns}
    assert widths["client"] == len("Maria Fernanda de los Santos-Guzmán")
    assert widths["due"] == len("186d late")
    assert sum(widths.values()) + len(columns) + 1 == 78


def test_short_names_leave_the_reason_the_rest():
    columns = layout(78, [item("Li Wei", 3)], TODAY)
    widths = {c[0]: w for c, w in columns}
    assert widths["client"] == 8 and widths["due"] == len("3d late")
    assert widths["reason"] == 78 - 8 - KIND_WIDTH - 7 - 5

"""How each caseload column shows a row: plain `Text` cells with our own styling only."""

from datetime import date
from functools import lru_cache

from rich.text import Text

from carecli.clinical.billing import CCM_FIRST_MARK, COMPLEX_FIRST_CODE
from carecli.domain.caseload import FLAG_LABELS, SAFETY, CaseloadRow
from carecli.domain.enums import label
from carecli.plain import one_line

RISK_STYLE = {"high": "bold red", "moderate": "yellow", "low": "green"}
URGENT_FLAGS = {"suicidal_ideation", "physical_harm"}
FLAG_STYLE = {**dict.fromkeys(URGENT_FLAGS, "bold red"), "data_problem": "bold yellow"}


def name_cell(row: CaseloadRow, _today: date) -> Text:
    text = Text(one_line(row.name))
    if row.preferred_name:
        text.append(f" ({one_line(row.preferred_name)})", "dim")
    return text


def age_cell(row: CaseloadRow, _today: date) -> Text:
    return Text("" if row.age is None else str(row.age), justify="right")


def risk_cell(row: CaseloadRow, _today: date) -> Text:
    return Text(label(row.risk_tier), RISK_STYLE.get(row.risk_tier, ""))


def status_cell(row: CaseloadRow, _today: date) -> Text:
    return Text(label(row.status), "" if row.status == "active" else "dim italic")


def conditions_cell(row: CaseloadRow, _today: date) -> Text:
    shown = [one_line(c) for c in row.conditions[:3]]
    extra = len(row.conditions) - len(shown)
    text = Text("; ".join(shown))
    if extra > 0:
        text.append(f" +{extra}", "dim")
    return text


def next_due_cell(row: CaseloadRow, today: date) -> Text:
    if row.next_due is None:
        return Text("—", "dim")
    days = (row.next_due - today).days
    when = row.next_due.strftime("%b %d")
    if days < 0:
        return Text(f"{when} ⚠ {-days}d late", "bold red")
    if days == 0:
        return Text(f"{when} today", "bold yellow")
    return Text(f"{when} in {days}d")


def plan_review_cell(row: CaseloadRow, today: date) -> Text:
    """The care plan's next review: "Feb 12"; "today" and "Nov 20 ⚠" (overdue) stand out;
    "—" without a finalised plan."""
    if row.plan_review_on is None:
        return Text("—", "dim")
    if row.plan_review_on == today:
        return Text("today", "bold yellow")
    when = row.plan_review_on.strftime("%b %d")
    return Text(f"{when} ⚠", "bold red") if row.plan_review_on < today else Text(when)


def last_contact_cell(row: CaseloadRow, today: date) -> Text:
    days = row.days_since_contact(today)
    if days is None:
        return Text("never", "dim")
    return Text(f"{days}d", justify="right")


def minutes_cell(row: CaseloadRow, _today: date) -> Text:
    """This month's minutes and the CCM codes they reach: `34 ✓` (99490), `45 ✓+1` (and one
    99439), `95 C+1` (complex: 99487 and one 99489); `12/20` on the way to the first code; a
    client not eligible for CCM shows the minutes alone, dimmed."""
    minutes = row.minutes_this_month
    if row.ccm_codes:
        first, extra = row.ccm_codes[0], len(row.ccm_codes) - 1
        mark = ("C" if first == COMPLEX_FIRST_CODE else "✓") + (f"+{extra}" if extra else "")
        return Text(f"{minutes:>3} {mark}", "green")
    if not row.ccm_eligible:
        return Text(f"{minutes:>3}", "dim")
    return Text(f"{minutes:>3}/{CCM_FIRST_MARK}", "dim" if minutes == 0 else "")


def flags_cell(row: CaseloadRow, _today: date) -> Text:
    return _flags(row.flags)


def safety_cell(row: CaseloadRow, _today: date) -> Text:
    """The flags column of a narrow terminal: safety flags only, which are never dropped."""
    return _flags(tuple(f for f in row.flags if f in SAFETY))


def _flags(flags: tuple[str, ...]) -> Text:
    text = Text()
    for flag in sorted(flags, key=lambda f: f not in SAFETY):  # safety first: never cut off
        if text:
            text.append(" ")
        text.append(FLAG_LABELS.get(flag, flag), FLAG_STYLE.get(flag, "magenta"))
    return text


COLUMNS = (
    # sort key, header, width (None: takes the remaining width), cell
    ("name", "Name", 28, name_cell),
    ("age", "Age", 4, age_cell),
    ("risk", "Risk", 8, risk_cell),
    ("status", "Status", 10, status_cell),
    ("conditions", "Conditions", None, conditions_cell),
    ("next_due", "Next check-in", 18, next_due_cell),
    ("plan_review", "Plan review", 11, plan_review_cell),
    ("last_contact", "Last", 5, last_contact_cell),
    ("minutes", "Min/mo", 7, minutes_cell),
    ("flags", "Flags", 24, flags_cell),
)
MIN_FLEX = 12
NARROW = {"name": 22, "flags": 14}
"""Widths the widest columns shrink to before any column is hidden."""
DROP_ORDER = ("status", "conditions", "age", "last_contact", "plan_review", "minutes")
"""Columns hidden, in this order, when the terminal is too narrow for all of them."""
SAFETY_COLUMN = ("flags", "Safety", 11, safety_cell)
"""What the flags column becomes when even that is too wide; the name then takes the rest."""


@lru_cache(maxsize=8)
def layout(total: int) -> list[tuple[tuple, int]]:
    """The columns that fit in `total` cells, each with its width (the flex one takes the rest).
    Safety flags are never dropped: on the narrowest terminals the flags column keeps only
    them and moves beside the name, so whatever is cut off at the right edge is not them."""
    shown = list(COLUMNS)
    widths = {key: width for key, _, width, _ in COLUMNS}

    def needed() -> int:
        return sum(widths[c[0]] or MIN_FLEX for c in shown) + len(shown) + 1

    if needed() > total:
        widths.update(NARROW)
    for key in DROP_ORDER:
        if needed() <= total:
            break
        shown = [c for c in shown if c[0] != key]
    if needed() > total:
        shown = [SAFETY_COLUMN if c[0] == "flags" else c for c in shown]
        widths.update(name=None, flags=SAFETY_COLUMN[2])
    if needed() > total:
        shown.insert(1, shown.pop(shown.index(SAFETY_COLUMN)))
    if all(widths[c[0]] for c in shown) and total > needed():
        widths["flags"] += total - needed()  # no flexible column left: flags take the rest
    fixed = sum(widths[c[0]] or 0 for c in shown) + len(shown) + 1
    return [(c, widths[c[0]] or max(MIN_FLEX, total - fixed)) for c in shown]

"""The overview pane of a client record: demographics, status, risk, cadence and consent, and
while a TCM period is open, its steps and LACE (`tcm_lines.overview_rows`)."""

from datetime import date

from rich.console import Group
from rich.table import Table
from rich.text import Text

from carecli.actions import key_of
from carecli.assessment.report import answer_words
from carecli.clinical import SAFETY_NAMES
from carecli.clinical.billing import ccm_codes
from carecli.clinical.cadence import cadence_days
from carecli.clinical.people import age_on
from carecli.data.record import ClientRecord
from carecli.domain.caseload import FLAG_LABELS, CaseloadRow
from carecli.domain.enums import label
from carecli.domain.transitions import ClientStays
from carecli.plain import clean, one_line, plain
from carecli.widgets.caseload_cells import RISK_STYLE, next_due_cell
from carecli.widgets.tcm_lines import overview_rows


def _pairs(rows: list[tuple[str, Text | str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, value in rows:
        table.add_row(key, value if isinstance(value, Text) else plain(value))
    return table


def overview(record: ClientRecord, today: date, row: CaseloadRow | None = None,
             stays: ClientStays | None = None) -> Group:
    c = record.client
    age = age_on(c.date_of_birth, today)
    born = str(c.date_of_birth or "not recorded") + ("" if age is None else f" (age {age})")
    status = Text(label(c.status), "bold" if c.status == "active" else "bold yellow")
    if c.status != "active":
        status.append(f" since {c.status_changed_on or '?'}: ")
        status.append_text(plain(one_line(c.status_reason)))
    risk = Text(label(c.risk_tier), RISK_STYLE.get(c.risk_tier, ""))
    risk.append(" (set by hand)" if c.risk_set_by_hand else " (suggested)", "dim")
    if c.risk_reason:
        risk.append(" — ")
        risk.append_text(plain(one_line(c.risk_reason)))
    cadence = cadence_days(c.risk_tier, c.cadence_days)
    cadence_note = "own cadence" if c.cadence_days else f"default for {c.risk_tier} risk"
    person = _pairs([
        ("Preferred name", one_line(c.preferred_name) or "—"),
        ("Date of birth", born),
        ("Sex / pronouns", label(c.sex) + (f" / {one_line(c.pronouns)}" if c.pronouns else "")),
        ("Language", one_line(c.language) + (" (interpreter)" if c.interpreter_needed else "")),
        ("Phone", one_line(c.phone) or "—"),
        ("Email", one_line(c.email) or "—"),
        ("Address", clean(c.address) or "—"),
        ("Insurance id", one_line(c.insurance_id) or "—"),
    ])
    care = _pairs([
        ("Status", status),
        ("Enrolled", c.enrolled_on.isoformat()),
        ("Risk tier", risk),
        ("Check-in cadence", f"every {cadence} days ({cadence_note})"),
        ("Consent", _consent_summary(record)),
        ("Hospital stays", _stays_summary(record, today)),
    ])
    parts = []
    if record.findings:
        parts += [Text("⚠ Safety: follow up today", "bold red underline"),
                  findings_table(record), Text("")]
    if row is not None:
        parts += [Text("At a glance", "bold underline"), glance(row, today), Text("")]
    if tcm := overview_rows(stays, today):
        parts += [Text("Transitional care", "bold underline"), _pairs(tcm), Text("")]
    parts += [Text("Person", "bold underline"), person, Text(""),
             Text("Care management", "bold underline"), care]
    if c.notes:
        parts += [Text(""), Text("Notes", "bold underline"), plain(c.notes)]
    return Group(*parts)


def findings_table(record: ClientRecord) -> Table:
    """Each open safety finding: when, the answer that raised it, and what was done at once."""
    rows = []
    for f in record.findings:
        said = Text(f"{f.found_at.astimezone().date()}  {answer_words(f.instrument_id, f.answers)}")
        said.append("\n  Done at once: ", "bold")
        if f.action_note:
            said.append_text(plain(one_line(f.action_note)))
        else:
            said.append("nothing noted yet (resume the assessment: A)", "bold red")
        rows.append((SAFETY_NAMES[f.flag].capitalize(), said))
    rows.append(("", Text("Stays until a reached contact with a note is logged.", "dim")))
    return _pairs(rows)


def _consent_summary(record: ClientRecord) -> Text:
    active = [c for c in record.entries.get("consent", []) if c.revoked_on is None]
    care = [c for c in active if c.kind == "care_management"]
    if not care:
        consent_tab = key_of("record.tabs", 6)  # the sixth tab is Consent
        return Text(f"No care-management consent on file (tab {consent_tab} to add)", "bold red")
    first = care[0]
    text = Text(f"Care management: {label(first.method).lower()} on {first.given_on}")
    if first.witnessed_by:
        text.append(", witnessed by ")
        text.append_text(plain(one_line(first.witnessed_by)))
    others = sorted({label(c.kind).lower() for c in active if c.kind != "care_management"})
    if others:
        text.append(f"; also {', '.join(others)}")
    return text


def _stays_summary(record: ClientRecord, today: date) -> Text:
    if not record.stays:
        return Text("none recorded", "dim")
    last = record.stays[0]
    text = Text()
    if last.discharged_on is None:
        text.append("In hospital now: ", "bold red")
    else:
        days = (today - last.discharged_on).days
        text.append(f"Discharged {last.discharged_on} ({days} days ago) from ",
                    "bold magenta" if days < 30 else "")
    text.append_text(plain(one_line(last.facility)))
    if last.reason:
        text.append(" — ")
        text.append_text(plain(one_line(last.reason)))
    if len(record.stays) > 1:
        text.append(f"  (+{len(record.stays) - 1} earlier)", "dim")
    return text


def glance(row: CaseloadRow, today: date) -> Table:
    """What today's work needs: next check-in, last contact, minutes and codes, flags."""
    days = row.days_since_contact(today)
    last = "no successful contact yet" if days is None else f"{row.last_contact} ({days} days ago)"
    codes = ccm_codes(row.minutes_this_month)
    minutes = Text(f"{row.minutes_this_month} min this month — ")
    minutes.append(", ".join(codes) if codes else f"{20 - row.minutes_this_month} more for 99490",
                   "green" if codes else "yellow")
    flags = Text(", ".join(FLAG_LABELS.get(f, f) for f in row.flags) or "none",
                 "bold magenta" if row.flags else "dim")
    return _pairs([
        ("Next check-in", next_due_cell(row, today)),
        ("Last contact", last),
        ("CCM minutes", minutes),
        ("Flags", flags),
    ])

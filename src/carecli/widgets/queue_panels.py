"""The queue screen's smaller parts, drawn as plain `Text` from a `Queue`: the counts line,
the highlighted item's full reason, the "done today" list and the week ahead."""

from datetime import date

from rich.text import Text

from carecli.actions import key_of
from carecli.domain.daily import CcmAtRisk, DoneItem, Queue, QueueItem
from carecli.domain.enums import label
from carecli.plain import one_line
from carecli.widgets.queue_table import due_words, kind_name

BAR_MAX = 40
"""The widest bar of the week view, in cells."""


def counts(queue: Queue) -> Text:
    """ "2 due today · 3 overdue · 1 done today · CCM at risk: 2 (? lists them)". A TCM
    contact still ahead counts as due today; a TCM medication reconciliation or visit shown
    ahead of its day does not (`Queue.due`)."""
    text = Text()
    for number, words, style in ((queue.due, "due today", "bold yellow"),
                                 (queue.overdue, "overdue", "bold red"),
                                 (len(queue.done), "done today", "green")):
        if text:
            text.append(" · ")
        text.append(str(number), style if number else "")
        text.append(f" {words}")
    text.append(" · CCM at risk: ")
    at_risk = len(queue.ccm_at_risk)
    text.append(str(at_risk), "bold magenta" if at_risk else "")
    if at_risk:
        text.append(f" ({key_of('app.help')} lists them)", "dim")
    return text


def at_risk_words(clients: tuple[CcmAtRisk, ...]) -> str:
    """For help: who is eligible for CCM and still under 20 minutes this month."""
    if not clients:
        return "No client eligible for CCM is at risk of missing 20 minutes this month."
    names = "; ".join(f"{one_line(c.client)} ({c.minutes} min)" for c in clients)
    return f"CCM at risk (eligible, under 20 minutes this month, few days left): {names}."


def detail(item: QueueItem | None, today: date) -> Text:
    """The highlighted item in full: the reason is never cut here."""
    if item is None:
        return Text("")
    text = Text(one_line(item.client), "bold")
    text.append(f"  {kind_name(item.kind)}, due {due_words(item, today)} "
                f"({label(item.risk_tier).lower()} risk): ")
    text.append(one_line(item.reason))
    if item.kind == "intervention":  # its key is not in the footer: named here
        text.append(f"  ({key_of('queue.done')} marks it done today)", "dim")
    elif item.kind in ("tcm_medrec", "tcm_visit"):
        text.append(f"  ({key_of('queue.done')} marks it done, "
                    f"{key_of('queue.stays')} shows the stay)", "dim")
    elif item.kind == "referral":
        text.append(f"  ({key_of('queue.referrals')} opens the referrals: "
                    f"{key_of('referrals.status')} moves it on)", "dim")
    return text


def done_today(done: tuple[DoneItem, ...]) -> Text:
    """Contacts logged today, newest first: time, client, what it did, minutes."""
    text = Text(f"Done today ({len(done)})", "bold")
    if not done:
        text.append("\n  nothing logged yet today", "dim")
    for item in sorted(done, key=lambda d: d.occurred_at, reverse=True):
        text.append(f"\n  {item.occurred_at.astimezone():%H:%M}  ")
        text.append(one_line(item.client))
        text.append(f"  {one_line(item.summary)}",
                    "green" if item.outcome in ("reached", "done") else "")
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


def week(days: tuple[tuple[date, int], ...]) -> Text:
    """The next 7 days, today first: a bar and the number of items falling due on each."""
    text = Text("Week ahead: items falling due", "bold")
    most = max((n for _, n in days), default=0)
    for day, number in days:
        bar = round(number * BAR_MAX / most) if most else 0
        text.append(f"\n  {day:%a %b %d}  ")
        text.append("█" * bar or ("▏" if number else ""), "cyan")
        text.append(f" {number}")
    return text

"""Every user action, declared once: its key(s), footer label, help text, palette entry and the
screen it belongs to. Screens' bindings, the footer, F1 help, the command palette and every
key named in prose (help text, hints, buttons) are derived from here, so a key changes in one
place. Textual is imported only when bindings are built, so reading the registry stays cheap."""

import re
from dataclasses import dataclass

_SHOWN = {"slash": "/", "question_mark": "?", "escape": "esc", "delete": "del", "up": "↑",
          "down": "↓"}
"""How prose names a key whose Textual name is not what is printed on the keyboard."""


@dataclass(frozen=True)
class Action:
    id: str
    """`context.name`: the context is the screen (or widget, or "app") the action belongs to."""
    keys: str
    """Textual key names, comma-separated; the first is the one prose names. Empty: the
    action is only in the palette."""
    action: str
    """The Textual action the keys run; with `numbered`, `{n}` stands for the digit."""
    label: str
    """Footer label (short: the footers fit 80 columns) and the first words of F1 help."""
    help: str = ""
    """What it does, for F1 help and the palette."""
    footer: bool = True
    palette: str = ""
    """Title in the command palette; empty: not offered there."""
    numbered: int = 0
    """Digit keys 1..numbered, each running `action` with its own digit."""
    bound: bool = True
    """False: a widget of the screen answers the key itself; declared here to be named."""
    priority: bool = False
    anywhere: str = ""
    """Those of `keys` that work even in a dialog or a text field (Textual's priority)."""
    display: str = ""
    """What the footer shows for the key, when not Textual's own sign (⏎ for enter)."""

    @property
    def context(self) -> str:
        return self.id.split(".", 1)[0]

    def key_list(self) -> list[str]:
        if self.numbered:
            return [str(n) for n in range(1, self.numbered + 1)]
        return [k for k in self.keys.split(",") if k]

    def shown(self) -> str:
        """The key as the footer and prose name it ("1-9" for numbered keys)."""
        if self.numbered:
            return f"1-{self.numbered}"
        keys = self.key_list()
        return _show(keys[0]) if keys else ""

    def all_shown(self) -> str:
        """Every key of the action, as F1 help lists them ("d or del")."""
        if self.numbered:
            return self.shown()
        return " or ".join(_show(k) for k in self.key_list())


def _show(key: str) -> str:
    return _SHOWN.get(key, key)


_ADDABLE = (("condition", "condition"), ("medication", "medication"),
            ("care_team", "care-team member"), ("personal_contact", "family member or contact"),
            ("consent", "consent"))

REGISTRY: tuple[Action, ...] = (
    # everywhere
    Action("app.help", "question_mark,f1", "help", "Help", "Keys and how-to", palette="Help",
           anywhere="f1"),
    Action("app.palette", "ctrl+p", "command_palette", "palette",
           "Command palette: jump to any client by name, or run any command", footer=False,
           priority=True),
    Action("app.quit", "ctrl+q", "quit", "Quit", "Quit (everything is saved as you go)",
           priority=True, palette="Quit"),
    Action("app.caseload", "", "app.show_caseload", "Caseload", "Every client, in one list",
           palette="Caseload"),
    Action("app.queue", "", "app.show_queue", "Queue", "Today's queue: what is due, most urgent "
           "first", palette="Today's queue"),
    Action("app.new", "", "app.new_client", "New client", "Add a client to the caseload",
           palette="New client"),
    Action("any.next_field", "tab", "app.focus_next", "Next", "Move to the next list or field",
           bound=False),
    Action("any.previous_field", "shift+tab", "app.focus_previous", "Previous",
           "Move to the list or field before", bound=False),
    # the caseload and its table
    Action("caseload.filter", "slash", "focus_filter", "Filter",
           "Type to filter by name, condition or phone", palette="Filter the caseload"),
    Action("caseload.new", "n", "app.new_client", "New", "Add a new client"),
    Action("caseload.assess", "a", "assess", "Assess",
           "Start or resume an assessment of the highlighted client", palette="Assess client"),
    Action("caseload.sort", "s", "sort", "Sort", "Sort by the next column",
           palette="Sort by the next column"),
    Action("caseload.reverse", "S", "reverse", "Reverse", "Reverse the sort order",
           footer=False, palette="Reverse the sort order"),
    Action("caseload.status", "f", "cycle_status", "Status",
           "Show active / on hold / discharged / everyone", footer=False,
           palette="Filter by status"),
    Action("caseload.risk", "t", "cycle_risk", "Risk", "Filter by risk tier", footer=False,
           palette="Filter by risk tier"),
    Action("caseload.overdue", "o", "toggle_overdue", "Overdue",
           "Show only clients whose check-in is overdue", footer=False,
           palette="Overdue only (on or off)"),
    Action("caseload.clear", "escape", "clear_filter", "Clear", "Clear the filter",
           footer=False),
    Action("caseload.queue", "q", "app.show_queue", "Queue", "Back to today's queue",
           footer=False),
    Action("table.open", "enter", "select", "Open", "Open the client record"),
    # today's queue (the home screen)
    Action("queue.move", "up,down", "", "Move", "Move between items", bound=False),
    Action("queue.log", "enter", "log", "Log", "Log a contact for the highlighted item; the "
           "cursor then moves to the next item", palette="Log a contact", display="⏎"),
    Action("queue.timer", "space", "timer", "Timer",
           "Start or pause the call timer of the highlighted client",
           palette="Start or pause the call timer"),
    Action("queue.snooze", "s", "snooze", "Snooze",
           "Put the item off to a day you choose, with a reason (not a safety item)",
           palette="Snooze the highlighted item"),
    Action("queue.check_in", "r", "check_in", "Check-in",
           "Schedule a check-in with the highlighted client on a day you choose",
           footer=False, palette="Schedule a check-in"),  # the footer has room for p Plan
    Action("queue.done", "d", "mark_done", "Done",
           "Mark the highlighted care-plan intervention done today: it leaves the queue (a "
           "repeating one comes back when next due); a TCM medication reconciliation or "
           "visit done on a day you say; an appointment's reminder call made", footer=False,
           palette="Mark the intervention done"),
    Action("queue.undo", "ctrl+z", "undo_done", "Undo",
           "Take back the last intervention marked done here (each press, one more)",
           footer=False, palette="Undo the last intervention marked done"),
    Action("queue.open", "o", "open", "Open", "Open the highlighted client's record",
           footer=False, palette="Open the client's record"),
    Action("queue.caseload", "c", "app.show_caseload", "Caseload", "Every client, in one list"),
    Action("queue.week", "w", "toggle_week", "Week",
           "Show or hide the next 7 days: how many items fall due each day", footer=False,
           palette="Week ahead (show or hide)"),
    # a client's record
    Action("record.back", "escape", "app.pop_screen", "Back",
           "Back to the queue or the caseload, where the record was opened"),
    Action("record.add", "a", "add", "Add", "Add an entry to this tab (a consent on Overview)"),
    Action("record.edit", "e", "edit", "Edit",
           "Edit the highlighted entry, or the client's details on Overview",
           palette="Edit the highlighted entry or the client's details"),
    Action("record.remove", "d,delete", "remove", "Remove",
           "Remove the highlighted entry (asks first)", palette="Remove the highlighted entry"),
    Action("record.open", "enter", "", "Open",
           "Edit the highlighted entry; open a history event or assessment in full",
           bound=False),
    # status changes are rarer: in F1 help and the palette, not the footer
    Action("record.hold", "h", "status('on_hold')", "Hold", "Put on hold (asks for a reason)",
           footer=False, palette="Put on hold"),
    Action("record.discharge", "x", "status('discharged')", "Discharge",
           "Discharge (asks for a reason)", footer=False, palette="Discharge"),
    Action("record.reactivate", "r", "status('active')", "Reactivate",
           "Reactivate (asks for a reason)", footer=False, palette="Reactivate"),
    Action("record.assess", "A", "assess", "Assess",
           "Start or resume an assessment (intake or focused)", palette="Assess"),
    Action("record.tabs", "", "tab_number({n})", "Tabs", "Switch to the tab of that number",
           footer=False, numbered=9),
    *(Action(f"record.add_{kind}", "", f"add_to('{kind}')", f"Add {words}",
             f"Add a {words} to the record", palette=f"Add {words}") for kind, words in _ADDABLE),
    # starting an assessment
    Action("start.intake", "i", "intake", "Full intake", "Every step, about 30 minutes"),
    Action("start.move", "up,down", "", "Move", "Move between instruments", bound=False),
    Action("start.tick", "space", "", "Tick", "Tick or untick an instrument", bound=False),
    Action("start.focused", "ctrl+s", "focused", "Start focused",
           "A focused re-assessment of the ticked instruments"),
    Action("start.cancel", "escape", "dismiss(None)", "Cancel", "Start nothing"),
    # the wizard
    Action("wizard.next", "enter,tab", "next", "Next", "The next question", display="enter"),
    Action("wizard.answer", "", "pick({n})", "Answer",
           "Pick that answer (and move on); on a list, tick or untick it", numbered=9),
    Action("wizard.back", "shift+tab,backspace", "back", "Back",
           "The question before (backspace only outside a typed answer)"),
    Action("wizard.leave", "escape", "leave", "Leave",
           "Leave and keep the draft (start again to resume)", palette="Leave and keep the draft"),
    Action("wizard.discard", "ctrl+d", "discard", "Discard",
           "Throw this assessment away (asks first)", palette="Discard this assessment"),
    # the assessment summary
    Action("summary.accept", "ctrl+s", "complete('suggested')", "Accept tier",
           "Save, accepting the suggested risk tier", palette="Save and accept the suggested tier"),
    Action("summary.keep", "k", "complete('keep')", "Keep tier",
           "Save, keeping the current risk tier", palette="Save and keep the current tier"),
    Action("summary.override", "o", "complete('override')", "Other tier…",
           "Save, choosing the tier yourself with a reason",
           palette="Save and choose another tier"),
    Action("summary.back", "escape", "back", "Back", "Back to the questions"),
    # dialogs
    Action("form.save", "ctrl+s", "save", "Save", "Validate and save"),
    Action("form.cancel", "escape", "cancel", "Cancel", "Close without saving"),
    Action("safety.record", "ctrl+s", "record", "Record action and continue",
           "Save the note of what you did and go on"),
    Action("confirm.yes", "y", "answer(True)", "Yes"),
    Action("confirm.no", "n,escape", "answer(False)", "No"),
    Action("welcome.demo", "d", "choose('demo')", "Load demo caseload",
           "60 made-up clients to try the app on"),
    Action("welcome.new", "n", "choose('new')", "Add first client"),
    Action("welcome.quit", "q", "choose('quit')", "Quit"),
    Action("detail.close", "escape,enter,q", "dismiss", "Close"),
    Action("help.close", "escape,q,question_mark,f1", "dismiss", "Close"),
    # the call timer and the contact logger (keys work on every screen, even in a form)
    Action("app.timer", "ctrl+t", "toggle_running_timer", "Timer",
           "Pause or resume the call timer", footer=False, priority=True,
           palette="Pause or resume the call timer"),
    Action("app.log_timed_call", "ctrl+l", "log_timed_call", "Log call",
           "Log the timed call (its minutes from the timer)", footer=False, priority=True,
           palette="Log the timed call"),
    Action("app.discard_timer", "", "discard_timer", "Discard timer",
           "Throw the call timer away without logging (asks first)",
           palette="Discard the call timer"),
    Action("caseload.timer", "space", "timer", "Timer",
           "Start, pause or resume a call timer for the highlighted client", footer=False,
           palette="Start or pause the call timer"),
    Action("caseload.log_contact", "l", "log_contact", "Log",
           "Log a contact with the highlighted client", footer=False, palette="Log a contact"),
    Action("record.timer", "space", "timer", "Timer",
           "Start, pause or resume a call timer for this client", footer=False,
           palette="Start or pause the call timer"),
    Action("record.log_contact", "l", "log_contact", "Log",
           "Log a contact (call, visit, message) with this client", palette="Log a contact"),
    Action("record.complex", "c", "toggle_complex", "Complex",
           "On Contacts: mark this month complex CCM, or unmark it", footer=False,
           palette="Mark this month complex (or not)"),
    Action("timer.keep", "k", "choose('keep')", "Keep running and quit"),
    Action("timer.pause_quit", "p", "choose('pause')", "Pause it and quit"),
    Action("timer.log_now", "l", "choose('log')", "Log the call now"),
    Action("timer.cancel", "escape", "choose('cancel')", "Cancel", "Do not quit"),
    # care plans: opened from the record, the caseload and the queue
    Action("record.plan", "p", "plan", "Plan", "Open the care plan (or start one)",
           palette="Care plan"),
    Action("caseload.plan", "p", "plan", "Plan",
           "Open the highlighted client's care plan (or start one)", footer=False,
           palette="Care plan of the highlighted client"),
    Action("queue.plan", "p", "plan", "Plan",
           "Open the highlighted client's care plan (or start one)",
           palette="Care plan of the highlighted client"),
    # the care plan editor
    Action("plan.back", "escape", "app.pop_screen", "Back", "Back to where the plan was opened",
           footer=False),
    Action("plan.move", "up,down", "", "Move", "Move between problems, goals and interventions",
           bound=False),
    Action("plan.add", "a", "add", "Add",
           "Add an item of the highlighted one's kind after it (a problem on an empty plan)",
           palette="Add an item after the highlighted one"),
    Action("plan.add_child", "c", "add_child", "Under",
           "Add a goal under the highlighted problem, or an intervention under the goal",
           palette="Add an item under the highlighted one"),
    Action("plan.add_intervention", "i", "add_intervention", "Intervention",
           "Add an intervention under the highlighted problem or goal", footer=False,
           palette="Add an intervention"),
    Action("plan.edit", "e", "edit", "Edit",
           "Edit the highlighted item or element; on a finalised plan, start a new draft",
           palette="Edit the highlighted item"),
    Action("plan.open", "enter", "", "Open", "Edit the highlighted item or element",
           bound=False),
    Action("plan.status", "s", "status", "Status", "Change the highlighted item's status",
           footer=False, palette="Change the status"),
    Action("plan.remove", "d,delete", "remove", "Delete",
           "Delete the highlighted item and everything under it (asks first)",
           palette="Delete the highlighted item"),
    Action("plan.undo", "ctrl+z", "undo", "Undo", "Undo the last change to the draft",
           palette="Undo the last change"),
    Action("plan.move_up", "shift+up", "move(-1)", "Move up",
           "Move the highlighted item up among its siblings", footer=False,
           palette="Move the item up"),
    Action("plan.move_down", "shift+down", "move(1)", "Move down",
           "Move the highlighted item down among its siblings", footer=False,
           palette="Move the item down"),
    Action("plan.suggest", "p", "suggest", "Suggested",
           "Add problems the record and the latest assessment suggest, one key each",
           footer=False, palette="Add suggested problems"),
    Action("plan.progress", "n", "progress", "Progress",
           "Note progress on the highlighted goal (dated; kept across versions)",
           footer=False, palette="Note progress on the goal"),
    Action("plan.elements", "o", "elements", "Elements",
           "Edit the plan's other elements: summary, next review and each CCM section",
           footer=False, palette="Edit the other care-plan elements"),
    Action("plan.check", "k", "toggle_check", "Checklist",
           "Show or hide the CMS care-plan checklist: which elements are met or missing",
           footer=False, palette="CMS checklist (show or hide)"),
    Action("plan.finalise", "f", "finalise", "Finalise",
           "Finalise the draft: it becomes the current plan (asks by whom, with a note)",
           palette="Finalise the draft"),
    Action("plan.versions", "v", "versions", "Versions",
           "Every version of the plan: open one read-only or compare it", footer=False,
           palette="Plan versions"),
    Action("plan.compare", "w", "compare", "What changed",
           "Compare, item by item, with the version before; a version opened from the list, "
           "with the plan open behind it", footer=False, palette="Compare with another version"),
    Action("plan.share", "x", "share", "Share",
           "Write a copy to a file or record a copy given to the client", footer=False,
           palette="Share / export"),
    Action("plan.discard", "", "discard", "Discard draft",
           "Throw this draft away (asks first); the finalised plan stays",
           palette="Discard this draft"),
    # A: appointments (opened from the record and the queue)
    *(Action(f"{where}.appointments", "m", "app.open_appointments", "Appointments",
             "The client's appointments: add one, edit one, say how it went", footer=False,
             palette="Appointments")
      for where in ("queue", "record")),
    Action("appointments.add", "a", "add", "Add", "Add an appointment",
           palette="Add an appointment"),
    Action("appointments.edit", "e", "edit", "Edit", "Edit the highlighted appointment",
           palette="Edit the highlighted appointment"),
    Action("appointments.outcome", "o", "outcome", "Outcome",
           "Say how the highlighted appointment went: attended, missed, cancelled or "
           "rescheduled (with its new time)", palette="How did the appointment go?"),
    Action("appointments.open", "enter", "", "Open", "Edit the highlighted appointment",
           bound=False),
    Action("appointments.back", "escape", "app.pop_screen", "Back",
           "Back to where the appointments were opened"),
    # F: closed-loop referrals of one client (opened from the record and the queue)
    Action("record.referrals", "f", "referrals", "Referrals",
           "This client's referrals to community resources: new, status, follow-up",
           footer=False, palette="Referrals"),
    Action("queue.referrals", "f", "referrals", "Referrals",
           "The highlighted client's referrals to community resources", footer=False,
           palette="Referrals"),
    Action("referrals.back", "escape", "app.pop_screen", "Back",
           "Back to where the referrals were opened"),
    Action("referrals.new", "n", "new", "New",
           "Refer the client: pick the need (a positive screen, a care-plan problem, or "
           "typed), then the resource from the directory", palette="New referral"),
    Action("referrals.status", "s", "status", "Status",
           "Change the highlighted referral's status (only the moves allowed are offered; "
           "an outcome to close it, a note to reopen it)", palette="Change the referral's status"),
    Action("referrals.follow_up", "u", "follow_up", "Follow-up",
           "Set the day to follow the highlighted referral up", palette="Set the follow-up date"),
    Action("referrals.history", "enter", "", "History",
           "The highlighted referral in full, with every dated change", bound=False),
    # stays and transitions of care (T): opened from the record and the queue
    Action("record.stays", "t", "stays", "Stays",
           "Hospital stays and transitions of care (TCM) for this client", footer=False,
           palette="Stays & TCM"),
    Action("record.add_stay", "", "add_stay", "Record stay",
           "Record a hospital, emergency, observation or facility stay for this client",
           palette="Record a hospital stay"),
    Action("queue.stays", "t", "stays", "Stays",
           "Hospital stays and transitions of care (TCM) of the highlighted client",
           footer=False, palette="Stays & TCM of the highlighted client"),
    Action("queue.add_stay", "", "add_stay", "Record stay",
           "Record a hospital, emergency, observation or facility stay for the highlighted "
           "client", palette="Record a hospital stay for the highlighted client"),
    Action("stays.back", "escape", "app.pop_screen", "Back", "Back to where it was opened"),
    Action("stays.move", "up,down", "", "Move", "Move between stays", bound=False),
    Action("stays.add", "a", "add", "Add", "Record a stay", palette="Record a hospital stay"),
    Action("stays.edit", "e", "edit", "Edit", "Edit the highlighted stay",
           palette="Edit the highlighted stay"),
    Action("stays.open", "enter", "", "Open", "Edit the highlighted stay", bound=False),
    Action("stays.med_rec", "m", "step('med_rec')", "Med rec",
           "Mark the medication reconciliation done on a day (blank: not done)",
           palette="Medication reconciliation done"),
    Action("stays.visit", "v", "step('visit')", "Visit",
           "Mark the face-to-face visit done on a day (blank: not done)",
           palette="Face-to-face visit done"),
    Action("stays.log_contact", "l", "log_contact", "Log",
           "Log a contact: a reached one is the TCM interactive contact", footer=False,
           palette="Log a contact"),
    Action("stays.lace", "s", "lace", "LACE",
           "Confirm the LACE answers of the highlighted stay and score it",
           palette="Score LACE"),
    # R: the community resource directory (opened from the caseload, the queue and a record)
    *(Action(f"{where}.resources", "D", "app.open_resources", "Resources",
             "The community resource directory: search, add, edit, mark inactive",
             footer=False, palette="Community resources")
      for where in ("caseload", "queue", "record")),
    Action("resources.up", "up", "cursor(-1)", "Up", "Move up the list, even while typing",
           footer=False),
    Action("resources.down", "down", "cursor(1)", "Down",
           "Move down the list, even while typing", footer=False),
    Action("resources.pick", "enter", "pick", "Pick",
           "Pick the highlighted resource (when choosing one for a referral)", priority=True,
           display="enter"),
    Action("resources.search", "slash", "focus_search", "Search",
           "Back to the search: every word must appear in the name, organisation, "
           "description or category", palette="Search the directory"),
    Action("resources.category", "c", "cycle_category", "Category",
           "Show one category (each in turn, then all)", palette="Filter by category"),
    Action("resources.add", "a", "add", "Add", "Add a resource to the directory",
           palette="Add a community resource"),
    Action("resources.edit", "e", "edit", "Edit", "Edit the highlighted resource",
           palette="Edit the highlighted resource"),
    Action("resources.status", "i", "toggle_status", "Inactive",
           "Mark the highlighted resource inactive (kept, not offered), or active again",
           palette="Mark the resource inactive or active"),
    Action("resources.inactive", "v", "toggle_inactive", "Show inactive",
           "Show or hide inactive resources", footer=False,
           palette="Show or hide inactive resources"),
    Action("resources.open", "enter", "", "Open",
           "Edit the highlighted resource; when choosing one, pick it", bound=False),
    Action("resources.back", "escape", "back", "Back",
           "Clear the search and go back to it; from an empty search, close (choosing "
           "nothing)"),
    # choosing from a short list (a status, suggested problems)
    Action("pick.choose", "", "pick({n})", "Pick", "Pick that line", numbered=9),
    Action("pick.select", "enter", "", "Pick", "Pick the highlighted line", bound=False),
    Action("pick.close", "escape", "dismiss", "Close", "Close the list"),
    # the versions list and the comparison
    Action("versions.open", "enter", "", "Open", "Open the highlighted version read-only",
           bound=False),
    Action("versions.compare", "c", "compare", "Compare",
           "Compare the highlighted version with the plan open behind, item by item"),
    Action("versions.close", "escape", "dismiss", "Close", "Close the list"),
    Action("diff.back", "escape", "app.pop_screen", "Back", "Back to the plan"),
    Action("elements.fill", "ctrl+r", "fill", "Fill from record",
           "Fill the empty sections from the record and the latest assessment"),
)

ACTIONS: dict[str, Action] = {a.id: a for a in REGISTRY}


def in_context(*contexts: str) -> list[Action]:
    return [a for a in REGISTRY if a.context in contexts]


def key_of(action_id: str, number: int = 0) -> str:
    """The key that prose names for an action; `number` picks the nth of its keys."""
    action = ACTIONS[action_id]
    return _show(action.key_list()[number - 1]) if number else action.shown()


def button(action_id: str) -> str:
    """A button's text: the action's label and its key."""
    return f"{ACTIONS[action_id].label}  {key_of(action_id)}"


_PLACE = re.compile(r"\{([a-z_]+\.[a-z_]+)(?::(all|\d))?\}")


def fill(text: str) -> str:
    """Prose with keys named from the registry: `{record.assess}` becomes its key, `{x.y:all}`
    every key ("enter or tab"), `{x.y:2}` the second."""
    def key(match: re.Match) -> str:
        action_id, which = match.groups()
        if which == "all":
            return ACTIONS[action_id].all_shown()
        return key_of(action_id, int(which or 0))

    return _PLACE.sub(key, text)


def bindings_for(context: str) -> list:
    """The Textual bindings of one context, in declaration order (the footer's order)."""
    from textual.binding import Binding

    bindings = []
    for a in in_context(context):
        if not a.bound or not a.key_list():
            continue
        if a.numbered:
            bindings.append(Binding("1", a.action.format(n=1), a.label, show=a.footer, id=a.id,
                                    key_display=a.shown(), tooltip=a.help))
            bindings += [Binding(str(n), a.action.format(n=n), show=False)
                         for n in range(2, a.numbered + 1)]
            continue
        keys = [k for k in a.key_list() if k not in a.anywhere.split(",")]
        bindings.append(Binding(",".join(keys), a.action, a.label, show=a.footer, id=a.id,
                                tooltip=a.help, priority=a.priority,
                                key_display=a.display or None))
        if a.anywhere:
            bindings.append(Binding(a.anywhere, a.action, a.label, show=False, id=a.id,
                                    tooltip=a.help, priority=True))
    return bindings

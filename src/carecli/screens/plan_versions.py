"""A client's care plan versions: the list (newest first, each with when, by whom and what
changed), from which one opens read-only or is compared with the plan open behind; and the
comparison itself, item by item, in a screen of its own."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from carecli.actions import bindings_for, fill
from carecli.domain.care_plan import Plan, PlanDiff, PlanVersionInfo
from carecli.plain import clean, one_line
from carecli.screens.base import CareScreen
from carecli.widgets.plan_diff_view import diff_text

STATE_WORDS = {"draft": "draft", "active": "current", "superseded": "superseded"}


class VersionsScreen(ModalScreen[tuple[str, int] | None]):
    """Returns ("open", plan id) or ("compare", plan id), or None."""

    BINDINGS = bindings_for("versions")

    def __init__(self, versions: tuple[PlanVersionInfo, ...], shown_id: int) -> None:
        super().__init__()
        self.versions = versions
        self.shown_id = shown_id

    def compose(self) -> ComposeResult:
        with Vertical(id="versions-dialog"):
            yield Static(Text("Care plan versions", "bold"), id="versions-title")
            yield OptionList(*(Option(self._line(v), id=str(v.id)) for v in self.versions),
                             id="versions-list")
            yield Static("", id="versions-changes")
            yield Static(Text(fill("{versions.open} opens read-only · {versions.compare} "
                                   "compares with the plan behind · {versions.close} closes"),
                              "dim"), id="versions-hint")
        yield Footer()

    def _line(self, version: PlanVersionInfo) -> Text:
        text = Text(f"Plan {version.number}", "bold")
        text.append(f"  {STATE_WORDS.get(version.status, version.status)}",
                    "green" if version.status == "draft" else "cyan"
                    if version.status == "active" else "dim")
        if version.finalised_at is not None:
            text.append(f"  finalised {version.finalised_at.astimezone():%Y-%m-%d}")
            if version.finalised_by:
                text.append(f" by {one_line(version.finalised_by)}")
        elif version.created_at is not None:  # None: stored unreadably by another program
            text.append(f"  started {version.created_at.astimezone():%Y-%m-%d}")
        if version.id == self.shown_id:
            text.append("  (open)", "dim")
        return text

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        if self.versions:
            options.highlighted = 0

    @property
    def current(self) -> PlanVersionInfo | None:
        index = self.query_one(OptionList).highlighted
        return self.versions[index] if index is not None else None

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        version = self.current
        text = Text()
        if version is not None:
            if version.change_note:
                text.append("Note: ", "bold")
                text.append(f"{clean(version.change_note)}\n")
            for sentence in version.changes:
                text.append(f"• {clean(sentence)}\n")
            if not text.plain:
                text.append("No changes recorded." if version.status != "draft"
                            else "Not finalised yet.", "dim")
            text.rstrip()
        self.query_one("#versions-changes", Static).update(text)

    @on(OptionList.OptionSelected)
    def _open(self) -> None:
        if self.current is not None:
            self.dismiss(("open", self.current.id))

    def action_compare(self) -> None:
        version = self.current
        if version is None:
            return
        if version.id == self.shown_id:
            self.notify("That is the plan open behind: pick another version to compare.",
                        markup=False)
            return
        self.dismiss(("compare", version.id))


class PlanDiffScreen(CareScreen):
    """Two versions side by side in words: added, removed, changed and what changed."""

    HELP = ("What differs between two versions of the care plan, item by item: each "
            "problem, goal and intervention keeps its identity across versions, so a reworded "
            "or rescheduled one shows as changed, with each field before and after. "
            "{diff.back} goes back to the plan.")
    BINDINGS = bindings_for("diff")

    def __init__(self, name: str, older: Plan, newer: Plan, diff: PlanDiff) -> None:
        super().__init__()
        self.client_name = name
        self.older = older
        self.newer = newer
        self.diff = diff

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="diff-body"):
            yield Static(diff_text(self.diff, self.older, self.newer), id="diff-text")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "carecli"
        self.sub_title = f"{one_line(self.client_name)}: what changed in the care plan"
        self.query_one("#diff-body").focus()

"""The community resource directory: every resource in one table, searched as you type (every
word must appear in the name, organisation, description or category), filtered by category,
with the highlighted one in full below. From the directory: add, edit (against the version
read: a stale form is refused) and mark inactive or active again; inactive ones show dim and
last. Opened as a picker (`pick_resource`), enter hands the highlighted resource back and
inactive ones are offered only when asked."""

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from carecli.actions import bindings_for, fill
from carecli.data.errors import CareDataError, ChangedElsewhere
from carecli.domain.enums import ResourceCategory, ResourceStatus
from carecli.domain.fields import EMAIL_MAX, PHONE_MAX, TEXT_MAX
from carecli.domain.resources import Resource, category_label, find, next_category
from carecli.forms import FieldSpec, choices
from carecli.plain import cut, one_line, plain
from carecli.screens.base import CareScreen, DataChanged
from carecli.screens.form import FormScreen

RESOURCE_FORM = (
    FieldSpec("name", "Name", required=True, max_length=200),
    FieldSpec("organisation", "Organisation", max_length=200),
    FieldSpec("category", "Category", "choice", required=True,
              choices=choices(ResourceCategory)),
    FieldSpec("phone", "Phone", placeholder="as you would dial it", max_length=PHONE_MAX),
    FieldSpec("address", "Address", max_length=400),
    FieldSpec("hours", "Hours", placeholder="e.g. Mon-Fri 9-5", max_length=400),
    FieldSpec("eligibility", "Eligibility", "note", max_length=1000),
    FieldSpec("website", "Website", max_length=400),
    FieldSpec("email", "Email", max_length=EMAIL_MAX),
    FieldSpec("description", "Description", "note", max_length=TEXT_MAX),
    FieldSpec("note", "Your note", "note", max_length=TEXT_MAX),
)
COLUMNS = (("Name", 28), ("Category", 17), ("Phone", 14), ("Organisation", 40))
"""Each column's title and widest width; the organisation gets what the screen has left."""
SPARE = 10
"""Columns taken by the cells' padding and the scroll bar."""
MAX_SHOWN = 500
"""The most rows listed at once: a county's 211 directory has thousands, and typing a word
more narrows them faster than scrolling."""


def open_directory(app: Any) -> None:
    """The directory itself, to browse and keep up to date."""
    if not isinstance(app.screen, ResourceScreen):
        app.push_screen(ResourceScreen())


def pick_resource(screen: Screen, category: str | None,
                  done: Callable[[Resource | None], Any]) -> None:
    """The directory as a picker, filtered to `category` (changeable): type to search, enter
    picks, escape cancels; `done` gets the `Resource` picked, or None."""
    screen.app.push_screen(ResourceScreen(picker=True, category=category), done)


def widths(screen_width: int) -> list[int]:
    """The columns' widths on a screen this wide: the organisation's shrinks to fit."""
    fixed = [width for _, width in COLUMNS[:-1]]
    return [*fixed, max(8, min(COLUMNS[-1][1], screen_width - sum(fixed) - SPARE))]


def row_cells(resource: Resource, sizes: list[int]) -> list[Text]:
    """One table row, plain text cut to its column; dim when the resource is inactive."""
    values = (resource.name, category_label(resource.category), resource.phone or "",
              resource.organisation or "")
    style = "" if resource.active else "dim"
    return [plain(cut(one_line(v), width), style) for v, width in zip(values, sizes, strict=True)]


def details(resource: Resource) -> Text:
    """The highlighted resource in full, a line per field it has."""
    text = plain(one_line(resource.name), "bold")
    if resource.organisation:
        text.append_text(plain(f" · {one_line(resource.organisation)}"))
    text.append(f"\n{category_label(resource.category)}")
    if not resource.active:
        text.append(" · INACTIVE (kept; not offered for referrals)", "bold")
    if resource.imported:
        text.append(" · imported")
    for title, value in (("Phone", resource.phone), ("Address", resource.address),
                         ("Hours", resource.hours), ("Eligibility", resource.eligibility),
                         ("Web", " ".join(filter(None, (resource.website, resource.email)))),
                         ("About", resource.description), ("Note", resource.note)):
        if value:
            text.append(f"\n{title}: ", "bold")
            text.append_text(plain(one_line(value)))
    return text


class ResourceScreen(CareScreen):
    HELP = (
        "The community resource directory. Type to search: every word must appear in the "
        "name, organisation, description or category. {resources.up} and {resources.down} move "
        "while you type; {any.next_field} goes to the list, {resources.search} back to the "
        "search. On the list: {resources.category} filters by category (each in turn, then "
        "all), {resources.add} adds a resource, {resources.edit} or {resources.open} edits the "
        "highlighted one, {resources.status} marks it inactive (kept, shown dim and last, not "
        "offered for referrals) or active again, {resources.inactive} shows or hides inactive "
        "ones. When choosing a resource, {resources.open} picks the highlighted one and "
        "{resources.back} cancels."
    )
    BINDINGS = bindings_for("resources")
    CSS_PATH = "resources.tcss"

    def __init__(self, *, picker: bool = False, category: str | None = None) -> None:
        super().__init__()
        self.picker = picker
        self.category = category
        self.include_inactive = not picker
        self.sizes = [width for _, width in COLUMNS]
        self.all: tuple[Resource, ...] = ()
        self.loaded = False
        self.found = 0
        self.shown: tuple[Resource, ...] = ()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=fill("type to search; {any.next_field} to the list "
                                     "({resources.category} category, {resources.add} add, "
                                     "{resources.edit} edit, {resources.status} inactive)"),
                    id="resources-search", select_on_focus=False, compact=True)
        yield Static("", id="resources-summary")
        yield DataTable(id="resources-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="resources-detail")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "carecli"
        self.sub_title = "Choose a community resource" if self.picker else "Community resources"
        self.sizes = widths(self.app.size.width)
        for (title, _), width in zip(COLUMNS, self.sizes, strict=True):
            self.table.add_column(title, width=width)
        self.search.focus()
        self.reload()

    @property
    def table(self) -> DataTable:
        return self.query_one("#resources-table", DataTable)

    @property
    def search(self) -> Input:
        return self.query_one("#resources-search", Input)

    @property
    def current(self) -> Resource | None:
        row = self.table.cursor_row
        return self.shown[row] if self.shown and 0 <= row < len(self.shown) else None

    # reading and showing ----------------------------------------------------------------
    def reload(self) -> None:
        self.call_service(self.service.resources, include_inactive=True, done=self._loaded)

    def _loaded(self, resources: tuple[Resource, ...]) -> None:
        self.all = resources
        self.loaded = True
        self.apply()

    def apply(self, keep: int | None = None) -> None:
        """Show the resources matching the search, category and inactive switch; the cursor
        stays on the resource it was on when it is still shown."""
        table = self.table
        keep = keep if keep is not None else (self.current.id if self.current else None)
        found = find(self.all, self.search.value, self.category, self.include_inactive)
        self.found = len(found)
        self.shown = found[:MAX_SHOWN]
        table.clear()
        for resource in self.shown:
            table.add_row(*row_cells(resource, self.sizes), key=str(resource.id))
        ids = [r.id for r in self.shown]
        if ids:
            table.move_cursor(row=ids.index(keep) if keep in ids else 0)
        self._summarise()
        self._show_current()

    def _summarise(self) -> None:
        parts = [f"{self.found:,} of {len(self.all):,}"]
        if self.found > len(self.shown):
            parts[0] += f" ({len(self.shown)} listed)"
        parts.append(category_label(self.category) if self.category else "all categories")
        parts.append("inactive shown" if self.include_inactive else "active only")
        self.query_one("#resources-summary", Static).update(Text(" · ".join(parts)))

    def _show_current(self) -> None:
        current = self.current
        if current is not None:
            shown = details(current)
        elif not self.loaded:
            shown = Text("Reading the directory…")
        elif self.all:
            shown = Text("No resource matches; change the search or the category.")
        else:
            shown = Text(fill("The directory is empty: {resources.add} adds a resource, and "
                              "`carecli import resources PATH` imports an Open Referral "
                              "directory."))
        self.query_one("#resources-detail", Static).update(shown)

    @on(Input.Changed, "#resources-search")
    def _typed(self, _event: Input.Changed) -> None:
        self.apply()

    @on(DataTable.RowHighlighted, "#resources-table")
    def _highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._show_current()

    # keys -------------------------------------------------------------------------------
    @on(Input.Submitted, "#resources-search")
    def _submitted(self, _event: Input.Submitted) -> None:
        if self.picker:
            self._pick()
        else:
            self.table.focus()

    @on(DataTable.RowSelected, "#resources-table")
    def _selected(self, _event: DataTable.RowSelected) -> None:
        if self.picker:
            self._pick()
        else:
            self.action_edit()

    def _pick(self) -> None:
        if self.current is not None:
            self.dismiss(self.current)

    def action_pick(self) -> None:
        self._pick()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`enter` picks, and the footer says so, only when choosing a resource (else it
        searches or edits, as the focused widget says)."""
        return self.picker if action == "pick" else True

    def action_cursor(self, step: int) -> None:
        if self.shown:
            row = max(0, min(len(self.shown) - 1, self.table.cursor_row + step))
            self.table.move_cursor(row=row)

    def action_focus_search(self) -> None:
        self.search.focus()

    def action_back(self) -> None:
        """Clear the search, else go back to it from the list (so what is typed next searches
        and does not run the list's keys), else close."""
        if self.search.value or not self.search.has_focus:
            self.search.value = ""
            self.search.focus()
            return
        self.dismiss(None)

    def action_cycle_category(self) -> None:
        self.category = next_category(self.category)
        self.apply()

    def action_toggle_inactive(self) -> None:
        self.include_inactive = not self.include_inactive
        self.apply()

    def action_add(self) -> None:
        values = {"category": self.category or ResourceCategory.OTHER.value}
        self.app.push_screen(
            FormScreen(title="New community resource", fields=RESOURCE_FORM, values=values,
                       submit=self.service.add_resource),
            lambda new_id: self._saved(new_id, "Resource added."))

    def action_edit(self) -> None:
        if self.current is None:
            return

        def opened(resource: Resource) -> None:
            values = {spec.key: getattr(resource, spec.key) for spec in RESOURCE_FORM}
            self.app.push_screen(
                FormScreen(title=f"Edit {one_line(resource.name)}", fields=RESOURCE_FORM,
                           values=values, submit=lambda v: self.service.update_resource(
                               resource.id, resource.version, v)),
                lambda saved: self._saved(resource.id, "Resource saved." if saved else None))

        self.call_service(self.service.resource, self.current.id, done=opened)

    def action_toggle_status(self) -> None:
        resource = self.current
        if resource is None:
            return
        status = ResourceStatus.INACTIVE if resource.active else ResourceStatus.ACTIVE
        message = (f"{one_line(resource.name)} is marked inactive: kept, no longer offered."
                   if resource.active else f"{one_line(resource.name)} is active again.")
        self.call_service(self.service.set_resource_status, resource.id, resource.version,
                          status.value, done=lambda _r: self._saved(resource.id, message),
                          refused=self._status_refused)

    def _saved(self, resource_id: int | None, message: str | None) -> None:
        """After a form or a status change: say what was saved (None: nothing was), and read
        the directory again (a form closed unsaved may have met a change made elsewhere)."""
        if resource_id is None:
            return
        self.call_service(self.service.resources, include_inactive=True,
                          done=lambda found: self._reloaded(found, resource_id))
        if message is not None:
            self.app.notify(message, markup=False)
            self.app.post_message(DataChanged())

    def _reloaded(self, resources: tuple[Resource, ...], resource_id: int) -> None:
        self.all = resources
        self.loaded = True
        self.apply(keep=resource_id)

    def _status_refused(self, error: CareDataError) -> None:
        """A status change refused. It was a key press, not a form: when the resource changed
        meanwhile, say so in those words, show it again and let the key be pressed again."""
        if not isinstance(error, ChangedElsewhere):
            self.app.notify(str(error), severity="error", markup=False)
            return
        self.app.notify(fill("This resource was changed in another window, so nothing was "
                             "changed; it is shown again as it is now: press "
                             "{resources.status} again if it should still change."),
                        severity="warning", markup=False)
        self.reload()

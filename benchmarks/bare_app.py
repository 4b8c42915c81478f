"""The floor for `startup.py`: the cheapest Textual app that looks like the caseload.

A Header, a Footer and a stock `DataTable` with 50 rows, added in `on_mount` (no database,
no worker, no imports beyond Textual). Its columns carry the same titles as carecli's caseload
table and its rows the same "Family, Given" names, so `startup.py` can watch both apps with the
very same screen test. Whatever carecli takes beyond this app's time is carecli's own cost:
importing its modules, opening the database, loading the caseload and painting it.

Run it by hand with `.venv/bin/python benchmarks/bare_app.py` (ctrl+q quits).
"""

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

COLUMNS = ("Name", "Age", "Risk", "Status", "Conditions", "Next check-in", "Last", "Min/mo")
FAMILY = ("Okafor", "Nunez", "Smith", "Brooks", "Wei", "Abernathy", "Garcia", "Kowalski",
          "Haddad", "Lindqvist")
GIVEN = ("Margaret", "Jose", "Ann", "Walter", "Li")
RISK = ("high", "moderate", "low")


def rows(n: int = 50) -> list[tuple[str, ...]]:
    return [
        (f"{FAMILY[i % len(FAMILY)]}, {GIVEN[i % len(GIVEN)]}", str(60 + i % 35),
         RISK[i % len(RISK)], "Active", "Hypertension", f"Dec {1 + i % 28:02d} in {i % 28}d",
         f"{i % 40}d", f"{i % 30:>3}/20")
        for i in range(n)
    ]


class BareApp(App):
    TITLE = "bare"

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="table", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        table.add_rows(rows())
        table.focus()


if __name__ == "__main__":
    BareApp().run()

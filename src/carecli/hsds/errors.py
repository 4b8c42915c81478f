"""What goes wrong reading an HSDS directory: the whole of it refused in one sentence (not a
directory, too large), or bad rows, each named by file and line (the header is line 1)."""

from dataclasses import dataclass

from carecli.data.errors import CareDataError
from carecli.words import counted


class HsdsRefused(CareDataError):
    """The path is not an HSDS directory carecli can read; nothing was imported."""


@dataclass(frozen=True, order=True)
class BadRow:
    """One bad row (or a whole file, `line` None), as `file:line: sentence`."""

    file: str
    line: int | None
    sentence: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.sentence}"


class HsdsInvalid(CareDataError):
    """The directory has bad rows: nothing was imported, and every one of them is listed."""

    def __init__(self, bad: tuple[BadRow, ...]) -> None:
        self.bad = bad
        them = "it" if len(bad) == 1 else "them"
        super().__init__(f"Nothing was imported: the directory has {counted(len(bad), 'bad row')};"
                         f" fix {them} and import the directory again.\n"
                         + "\n".join(str(b) for b in bad))

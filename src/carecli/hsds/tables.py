"""One CSV file of an HSDS directory as rows with their line numbers: the header is line 1, and
a row's line is the physical line it starts on (a quoted field running over several lines
counts each of them, as the `csv` module's `line_num` does). Column names are matched case
aside; every value is stripped, and a blank one is None."""

import csv
import io
from dataclasses import dataclass
from typing import Any

from carecli.hsds.errors import BadRow

csv.field_size_limit(16 * 1024 * 1024)  # a long description is fine; the file's size is capped


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str | None]

    def get(self, column: str) -> str | None:
        return self.values.get(column)


@dataclass(frozen=True)
class Table:
    file: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]

    def bad(self, row: Row | None, sentence: str) -> BadRow:
        return BadRow(self.file, row.line if row is not None else 1, sentence)


def parse_table(file: str, data: bytes, required: tuple[str, ...],
                bad: list[BadRow]) -> Table | None:
    """The table of CSV `data`, or None (with the reasons added to `bad`) when it cannot be
    read: not UTF-8, no header, a required column missing."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        bad.append(BadRow(file, line, f"is not UTF-8 text (byte {data[exc.start]:#04x}); save "
                                      "the file as UTF-8 and import again"))
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            bad.append(BadRow(file, 1, "is empty: it has no header row"))
            return None
        columns = tuple(name.strip().lower() for name in header)
        if missing := [c for c in required if c not in columns]:
            bad.append(BadRow(file, 1, f"the header lacks the required column"
                                       f"{'s' if len(missing) > 1 else ''} {', '.join(missing)}"))
            return None
        rows, end = [], reader.line_num
        for record in reader:
            start, end = end + 1, reader.line_num
            if not record or all(not v.strip() for v in record):
                continue  # a blank line
            if len(record) > len(columns):
                bad.append(BadRow(file, start, f"has {len(record)} fields but the header names "
                                               f"{len(columns)} columns"))
                continue
            rows.append(Row(start, _values(columns, record)))
    except csv.Error as exc:
        bad.append(BadRow(file, reader.line_num, f"is not well-formed CSV ({exc})"))
        return None
    return Table(file, columns, tuple(rows))


def _values(columns: tuple[str, ...], record: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, value in zip(columns, record, strict=False):  # a short row: the rest is None
        value = value.strip()
        values.setdefault(name, value or None)
    return values

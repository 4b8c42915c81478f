"""Writing an exported copy to a file, safely: private (0600), whole or not at all (a
half-written new file is removed; a replacement is written beside the old copy, then renamed
over it), and never over a file carecli did not make. An existing file is replaced only when
asked (`replace`) and only when it is an earlier export (it holds `MARKER` near its top) or
empty (a first export killed before its first byte); a folder, a missing folder or a refused
path is one sentence. A part a killed export left behind is removed by the next export to
that folder."""

import os
import re
import tempfile
from datetime import date
from pathlib import Path

from carecli.data.errors import CareDataError
from carecli.export import FORMATS, MARKER

HEAD_BYTES = 4096
"""How much of an existing file is read to recognise an earlier export."""


class ExportRefused(CareDataError):
    """The copy cannot be written where asked; nothing was written."""


class FileExists(ExportRefused):
    """A file is there already (and replacing it was not asked for)."""


def is_export(path: Path, marker: str = MARKER) -> bool:
    """True when `path` is a copy carecli wrote (its marker near the top)."""
    try:
        with open(path, "rb") as handle:
            return marker.encode() in handle.read(HEAD_BYTES)
    except OSError:
        return False


def write_export(path: Path, text: str, *, replace: bool = False, marker: str = MARKER) -> Path:
    """Write `text` to `path` (0600). Refused, with nothing written: a folder, a folder that
    is not there, an existing file unless `replace` and it is an earlier carecli export (of
    the same kind: it holds `marker`)."""
    path = Path(path).expanduser()
    if "\0" in str(path):
        raise ExportRefused("The file name holds a NUL character; nothing was written.")
    try:
        _check(path, replace, marker)
        _remove_orphaned_parts(path.parent)
    except OSError as exc:  # a name too long, a folder that cannot be looked into
        raise ExportRefused(f"Cannot write {path}: {exc.strerror or exc}.") from None
    try:
        if replace:
            handle, temporary = tempfile.mkstemp(prefix=f".carecli-{os.getpid()}-",
                                                 suffix=".part", dir=path.parent)
        else:  # a file that appears there meanwhile is not replaced either
            handle, temporary = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), path
    except OSError as exc:
        raise ExportRefused(f"Cannot write {path}: {exc.strerror or exc}.") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o600)
        if temporary != path:
            os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)  # ours: the half-written copy goes
        raise ExportRefused(f"Cannot write {path}: {exc.strerror or exc}.") from None
    return path


PART = re.compile(r"\.carecli-(\d+)-\w+\.part")
"""A replacement being written: `.carecli-<pid of the writer>-<random>.part`."""


def _remove_orphaned_parts(folder: Path) -> None:
    """Remove the parts a killed export left in `folder` (with `--details` they name clients):
    ours by name and owner, and their writer is gone. A part another export is writing now
    is kept."""
    for entry in os.scandir(folder):
        found = PART.fullmatch(entry.name)
        if (found is None or not entry.is_file(follow_symlinks=False)
                or entry.stat(follow_symlinks=False).st_uid != os.getuid()
                or _running(int(found.group(1)))):
            continue
        Path(entry.path).unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone's process, or no such number: keep the part
    return True


def _check(path: Path, replace: bool, marker: str) -> None:
    if path.is_dir():
        raise ExportRefused(f"{path} is a folder; give a file name. Nothing was written.")
    if not path.parent.is_dir():
        raise ExportRefused(f"There is no folder {path.parent}; nothing was written.")
    if path.exists() or path.is_symlink():
        if not replace:
            raise FileExists(f"{path} already exists; nothing was written.")
        if path.is_symlink() or not path.is_file() or not (
                is_export(path, marker) or path.stat().st_size == 0):  # empty: nothing lost
            raise ExportRefused(f"{path} was not written by carecli, so it is not replaced; "
                                "nothing was written.")


def default_path(folder: Path, client: str, fmt: str, on: date) -> Path:
    """A free file name in `folder` for a copy: care-plan-ida-rowe-2026-11-24.html (then -2,
    -3, … when taken)."""
    stem = "care-plan-" + ("-".join(re.findall(r"\w+", client.lower())) or "client")
    stem += f"-{on.isoformat()}"
    suffix = FORMATS[fmt]
    candidate = folder / f"{stem}{suffix}"
    number = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = folder / f"{stem}-{number}{suffix}"
        number += 1
    return candidate

"""Where an HSDS directory's files come from: a folder of CSV files, or a `.zip` of one (its
CSV files at the top or together in one sub-folder). Only the files asked for are read, each
at most `MAX_BYTES` once unpacked (a zip bomb is refused as it unpacks, whatever its headers
claim), so a huge or hostile file costs nothing beyond that."""

import zipfile
import zlib
from pathlib import Path, PurePosixPath

from carecli.hsds.errors import HsdsRefused

MAX_BYTES = 200 * 1024 * 1024
"""The most one file may hold once unpacked, and all the files read together."""
MAX_ENTRIES = 100_000
"""The most entries a zip may list (a real directory has a dozen or two)."""
ANCHOR = "services.csv"
"""The file every HSDS directory has: where it is, the others are."""
_CHUNK = 1024 * 1024


class Source:
    """The files of one HSDS directory, by name (`services.csv`), lower-cased."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.read_so_far = 0
        if path.is_dir():
            self._zip = None
            self._files = _folder_files(path)
        elif path.is_file() and zipfile.is_zipfile(path):
            try:
                self._zip = zipfile.ZipFile(path)
            except (zipfile.BadZipFile, OSError) as exc:
                raise HsdsRefused(f"{path} cannot be opened as a .zip file ({exc}).") from None
            self._files = _zip_files(self._zip, path)
        elif path.is_file():
            raise HsdsRefused(_not_a_directory(path))
        else:
            raise HsdsRefused(f"There is no folder or .zip file at {path}.")

    def names(self) -> set[str]:
        return set(self._files)

    def read(self, name: str) -> bytes | None:
        """The bytes of file `name`, None when the directory has no such file; refused (one
        sentence) when it is larger than `MAX_BYTES` or the files read reach that together."""
        where = self._files.get(name)
        if where is None:
            return None
        limit = MAX_BYTES - self.read_so_far
        if self._zip is None:
            data = _read_at_most(open(where, "rb"), limit)
        else:
            try:
                data = _read_at_most(self._zip.open(where), limit)
            except RuntimeError:  # zipfile's word for an encrypted member
                raise HsdsRefused(f"{name} in {self.path} is protected by a password; unpack "
                                  "the zip file and import the folder. Nothing was imported."
                                  ) from None
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
                raise HsdsRefused(f"{name} cannot be unpacked from {self.path} ({exc}); the "
                                  "zip file is damaged. Nothing was imported.") from None
        if data is None:
            raise HsdsRefused(
                f"{name} is larger than {MAX_BYTES // (1024 * 1024)} MB once unpacked (with the "
                "files read before it), far beyond any real directory; nothing was imported.")
        self.read_so_far += len(data)
        return data

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()


def _read_at_most(stream, limit: int) -> bytes | None:
    """Read `stream` whole, or None as soon as it passes `limit` bytes."""
    parts, total = [], 0
    with stream:
        while chunk := stream.read(_CHUNK):
            total += len(chunk)
            if total > limit:
                return None
            parts.append(chunk)
    return b"".join(parts)


def _folder_files(folder: Path) -> dict[str, Path]:
    try:
        top = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
        if ANCHOR in top:
            return top
        inner = [p for p in folder.iterdir() if p.is_dir() and (p / ANCHOR).is_file()]
    except PermissionError:
        raise HsdsRefused(f"The folder {folder} cannot be read (permission denied).") from None
    if len(inner) == 1:
        return {p.name.lower(): p for p in inner[0].iterdir() if p.is_file()}
    raise HsdsRefused(_no_services(folder, len(inner)))


def _zip_files(archive: zipfile.ZipFile, path: Path) -> dict[str, str]:
    entries = [i for i in archive.infolist()
               if not i.is_dir() and not i.filename.startswith("__MACOSX/")]
    if len(entries) > MAX_ENTRIES:
        raise HsdsRefused(f"{path} lists {len(entries):,} files, far more than an HSDS "
                          "directory holds; nothing was imported.")
    folders = {str(PurePosixPath(i.filename).parent) for i in entries
               if PurePosixPath(i.filename).name.lower() == ANCHOR}
    if len(folders) != 1:
        raise HsdsRefused(_no_services(path, len(folders)))
    (folder,) = folders
    return {PurePosixPath(i.filename).name.lower(): i.filename for i in entries
            if str(PurePosixPath(i.filename).parent) == folder}


def _no_services(path: Path, found: int) -> str:
    if found > 1:
        return (f"{path} holds {found} folders with a services.csv; give the one directory "
                "to import.")
    return (f"{path} has no services.csv, so it is not an Open Referral (HSDS) directory; "
            "give the folder of its CSV files or a .zip of it.")


def _not_a_directory(path: Path) -> str:
    if path.suffix.lower() == ".csv":
        return (f"{path} is a single CSV file; give the folder that holds services.csv and the "
                "other Open Referral (HSDS) files, or a .zip of it.")
    return (f"{path} is neither a folder nor a .zip file; give the folder of an Open Referral "
            "(HSDS) directory's CSV files, or a .zip of it.")

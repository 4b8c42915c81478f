"""`carecli export calendar -o FILE --force` (and `export plan`) killed while it writes: the
earlier copy stays whole, and no half-written copy is left beside it in the user's folder (with
`--details` it names clients and places)."""

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from carecli.export import MARKER
from carecli.export.files import write_export

KILLED_WHILE_WRITING = """
import os, signal, sys
from pathlib import Path
from carecli.export import MARKER
from carecli.export.files import write_export

os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)  # killed before the copy is kept
write_export(Path(sys.argv[1]), MARKER + "\\nthe newer copy\\n", replace=True)
"""


def _export_killed(path: Path) -> int:
    done = subprocess.run([sys.executable, "-c", KILLED_WHILE_WRITING, str(path)],
                          capture_output=True, timeout=60)
    return done.returncode


def test_a_killed_replacement_keeps_the_earlier_copy_whole(tmp_path: Path) -> None:
    earlier = write_export(tmp_path / "calendar.ics", MARKER + "\nthe earlier copy\n")
    assert _export_killed(earlier) == -signal.SIGKILL
    assert earlier.read_text() == MARKER + "\nthe earlier copy\n"


@pytest.mark.xfail(strict=True, reason="a replacement killed mid-write leaves its hidden "
                   ".carecli-*.part copy in the user's folder for good")
def test_a_killed_replacement_leaves_no_partial_copy_behind(tmp_path: Path) -> None:
    earlier = write_export(tmp_path / "calendar.ics", MARKER + "\nthe earlier copy\n")
    assert _export_killed(earlier) == -signal.SIGKILL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["calendar.ics"]


KILLED_BEFORE_WRITING = """
import os, signal, sys
from pathlib import Path
from carecli.export import MARKER
from carecli.export.files import write_export

os.fdopen = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)  # killed before the text
write_export(Path(sys.argv[1]), MARKER + "\\nthe first copy\\n")
"""


@pytest.mark.xfail(strict=True, reason="a new export killed between creating the file and "
                   "writing it leaves an empty file under the name, which carecli then "
                   "refuses to replace even with --force")
def test_a_new_export_killed_before_its_text_can_be_written_again(tmp_path: Path) -> None:
    path = tmp_path / "calendar.ics"
    done = subprocess.run([sys.executable, "-c", KILLED_BEFORE_WRITING, str(path)],
                          capture_output=True, timeout=60)
    assert done.returncode == -signal.SIGKILL
    write_export(path, MARKER + "\nthe copy again\n", replace=True)
    assert path.read_text() == MARKER + "\nthe copy again\n"

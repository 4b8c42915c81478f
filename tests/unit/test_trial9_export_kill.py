"""`carecli export calendar -o FILE --force` (and `export plan`) killed while it writes: the
earlier copy stays whole, and the half-written copy left beside it (with `--details` it names
clients and places) goes with the next export to that folder. A first export killed before its
first byte leaves an empty file that `--force` replaces."""

import os
import signal
import subprocess
import sys
from pathlib import Path

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


def test_the_part_a_killed_replacement_left_goes_with_the_next_export(tmp_path: Path) -> None:
    """A kill cannot clean up after itself: the next export to the folder removes the part
    (it names clients with `--details`); a part another export is writing now is kept."""
    earlier = write_export(tmp_path / "calendar.ics", MARKER + "\nthe earlier copy\n")
    assert _export_killed(earlier) == -signal.SIGKILL
    (left,) = [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")]
    writing = tmp_path / f".carecli-{os.getpid()}-abc123.part"  # a live writer's part
    writing.write_text("being written")
    mine = tmp_path / "notes.part"
    mine.write_text("the user's own")
    write_export(tmp_path / "plan.md", MARKER + "\nanother copy\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [writing.name, "calendar.ics", "notes.part", "plan.md"]), left


KILLED_BEFORE_WRITING = """
import os, signal, sys
from pathlib import Path
from carecli.export import MARKER
from carecli.export.files import write_export

os.fdopen = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)  # killed before the text
write_export(Path(sys.argv[1]), MARKER + "\\nthe first copy\\n")
"""


def test_a_new_export_killed_before_its_text_can_be_written_again(tmp_path: Path) -> None:
    path = tmp_path / "calendar.ics"
    done = subprocess.run([sys.executable, "-c", KILLED_BEFORE_WRITING, str(path)],
                          capture_output=True, timeout=60)
    assert done.returncode == -signal.SIGKILL
    write_export(path, MARKER + "\nthe copy again\n", replace=True)
    assert path.read_text() == MARKER + "\nthe copy again\n"

"""`scripts/with-postgres`, which `make test` runs the suite with: the server it starts is
reachable from the command, and is stopped and its folder removed however the command ends."""

import importlib.util
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "with-postgres"
pytestmark = [
    pytest.mark.skipif(subprocess.run([SCRIPT, "--installed"]).returncode != 0,
                       reason="PostgreSQL is not installed (no initdb)"),
    pytest.mark.skipif(importlib.util.find_spec("psycopg") is None,
                       reason="the PostgreSQL driver is not installed: make .venv/.installed"),
]

COMMAND = """
import os, sys, time
import psycopg
url = os.environ["CARECLI_TEST_POSTGRES_URL"]
with psycopg.connect(url) as conn:
    assert conn.execute("SELECT 1").fetchone() == (1,)
folder = url.partition("host=")[2]
assert os.path.isdir(folder)
print(folder, flush=True)
time.sleep(float(sys.argv[1]))
sys.exit(3)
"""
"""Connects, prints the server's folder, waits the seconds given, then fails."""


@pytest.fixture
def start() -> Iterator:
    """Starts the script with COMMAND; a run still going at the end is interrupted."""
    runs: list[subprocess.Popen] = []
    env = {k: v for k, v in os.environ.items() if k != "CARECLI_TEST_POSTGRES_URL"}

    def _start(seconds: float) -> subprocess.Popen:
        runs.append(subprocess.Popen(
            [SCRIPT, sys.executable, "-c", COMMAND, str(seconds)], env=env,
            stdout=subprocess.PIPE, text=True, start_new_session=True))
        return runs[-1]

    yield _start
    for run in runs:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGINT)
            run.wait(timeout=60)
        run.stdout.close()


def _folder(run: subprocess.Popen) -> Path:
    printed = run.stdout.readline().strip()
    assert printed.startswith("/"), printed
    return Path(printed)


def _server_processes(folder: Path) -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if str(folder).encode() in cmdline.read_bytes():
                found.append(cmdline.parent.name)
        except OSError:
            continue
    return found


def test_the_server_stops_when_the_command_fails_or_is_interrupted(start) -> None:
    failing, interrupted = start(0), start(60)  # both servers start side by side
    failed_folder, interrupted_folder = _folder(failing), _folder(interrupted)
    assert failing.wait(timeout=60) == 3  # the command's own exit status
    assert Path(interrupted_folder, "data", "postmaster.pid").exists()
    os.killpg(interrupted.pid, signal.SIGINT)  # what ctrl+c in the terminal does
    assert interrupted.wait(timeout=60) == 130
    for folder in (failed_folder, interrupted_folder):
        assert not folder.exists()
        assert _server_processes(folder) == []

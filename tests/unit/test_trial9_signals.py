"""The app stopped by SIGTERM (`kill`, a logout, a shutdown) ends like a quit: the terminal is
given back (out of the full-screen mode, mouse reporting off) and the exit status says it was
stopped, rather than dying with the screen left in the app's mode."""

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

LEAVE_ALT_SCREEN = b"\x1b[?1049l"
READY = b"Welcome"
"""On an empty database the app opens on its welcome screen."""


def _read_until(fd: int, wanted: bytes, limit_s: float = 30.0) -> bytes:
    """What the app wrote, until `wanted` shows up or the output ends (or the limit passes)."""
    seen = b""
    end = time.monotonic() + limit_s
    while wanted not in seen and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the other end closed: the app has ended
            break
        if not chunk:
            break
        seen += chunk
    return seen


def test_sigterm_gives_the_terminal_back(db, db_path: Path) -> None:
    main, side = pty.openpty()
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    app = subprocess.Popen(
        [sys.executable, "-m", "carecli", "--db", str(db_path)], stdin=side, stdout=side,
        stderr=side, env={**os.environ, "TERM": "xterm-256color"}, start_new_session=True)
    os.close(side)
    try:
        assert READY in _read_until(main, READY)
        app.send_signal(signal.SIGTERM)
        after = _read_until(main, b"\0never\0")
        app.wait(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
        os.close(main)
    assert LEAVE_ALT_SCREEN in after
    assert app.returncode == 128 + signal.SIGTERM

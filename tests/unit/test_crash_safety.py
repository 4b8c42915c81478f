"""A killed writer loses nothing it acknowledged, and two writers at once both succeed."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from carecli.config import resolve_database
from carecli.data.clients import create_client, get_client
from carecli.data.db import open_database
from carecli.data.models import ContactLog

WRITER = """
import sys
from carecli.config import resolve_database
from carecli.data.db import open_database
from carecli.data.models import Client, ContactLog

path, client_id = sys.argv[1], int(sys.argv[2])
db = open_database(resolve_database(path))
n = 0
while True:
    n += 1
    with db.write() as session:
        client = session.get(Client, client_id)
        client.notes = f"note {n}"
        client.phone = f"555-000-{n:04d}"
        session.add(ContactLog(client_id=client_id, mode="phone", outcome="reached",
                               successful=True, minutes=n, note=f"ack {n}"))
    print(n, flush=True)
"""

COUNTER = """
import sys
import time
from carecli.config import resolve_database
from carecli.data.db import open_database
from carecli.data.models import Client, ContactLog

path, client_id, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
db = open_database(resolve_database(path))
print("ready", flush=True)
sys.stdin.readline()  # wait for "go", so both writers start together
for i in range(50):
    with db.write() as session:
        client = session.get(Client, client_id)  # read ...
        count = int(client.notes or 0)
        time.sleep(0.001)  # widen the window between the read and the write
        client.notes = str(count + 1)  # ... then write
        session.add(ContactLog(client_id=client_id, mode="phone", outcome="reached",
                               minutes=1, with_whom=name, note=str(i)))
    time.sleep(0.002)  # let the other writer in, so the two interleave
db.dispose()
print("done", flush=True)
"""


def _child(script: str, *args: str, stdin=None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        stdin=stdin, text=True,
    )


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def client_db(db, db_path: Path) -> tuple[Path, int]:
    client_id = create_client(db=db, values={"given_name": "Crash", "family_name": "Test"})
    db.dispose()
    return db_path, client_id


@pytest.mark.parametrize("seed", [11, 22, 33])
def test_kill_during_writes_keeps_every_acknowledged_change(
    client_db: tuple[Path, int], seed: int
) -> None:
    path, client_id = client_db
    target = random.Random(seed).randint(20, 200)
    proc = _child(WRITER, str(path), str(client_id))
    acknowledged: list[int] = []
    try:
        while len(acknowledged) < target:
            line = proc.stdout.readline()
            if not line:
                pytest.fail(f"writer stopped early: {proc.stderr.read()}")
            acknowledged.append(int(line))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        acknowledged += [int(line) for line in proc.stdout.read().split()]  # already flushed
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    last = acknowledged[-1]
    assert acknowledged == list(range(1, last + 1))
    assert last >= target

    assert _integrity(path) == "ok"
    database = open_database(resolve_database(str(path)))
    try:
        with database.read() as session:
            minutes = sorted(session.scalars(select(ContactLog.minutes)).all())
        # every acknowledged row is there; at most one more commit landed before its print
        assert minutes[:last] == list(range(1, last + 1))
        assert len(minutes) in (last, last + 1)
        saved = get_client(db=database, client_id=client_id)
        assert saved.notes == f"note {len(minutes)}"
        assert saved.phone == f"555-000-{len(minutes):04d}"
        with database.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    finally:
        database.dispose()


def test_two_writers_at_once_both_finish(client_db: tuple[Path, int]) -> None:
    path, client_id = client_db
    procs = [
        _child(COUNTER, str(path), str(client_id), name, stdin=subprocess.PIPE)
        for name in ("one", "two")
    ]
    try:
        for proc in procs:
            assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        for proc in procs:
            proc.stdin.write("go\n")
            proc.stdin.flush()
        results = [proc.communicate(timeout=120) for proc in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert out.strip() == "done"
        assert "locked" not in err and "busy" not in err

    database = open_database(resolve_database(str(path)))
    try:
        assert get_client(db=database, client_id=client_id).notes == "100"  # no lost update
        with database.read() as session:
            writers = session.scalars(select(ContactLog.with_whom)).all()
        assert sorted(writers) == ["one"] * 50 + ["two"] * 50
    finally:
        database.dispose()
    assert _integrity(path) == "ok"

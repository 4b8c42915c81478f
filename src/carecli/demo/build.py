"""The demo caseload: `build_demo` fills a database with made-up but realistic clients.

Each client gets demographics, chronic conditions with ICD-10-CM codes, medicines, a care team,
family contacts, consents, three to four months of contacts at their risk tier's cadence, check-ins,
hospital stays and referrals; a few are on hold or discharged, a few are overdue, two or three were
just discharged from hospital and two or three cannot be reached. Most have a completed intake,
about a third focused re-assessments since, and from 20 clients one (from 40 two) has an open
safety flag. Most have a care plan, several with earlier versions and a few with a draft under
way, with progress notes on their goals and interventions done (`plans.py`, its texts in
`plan_texts.py`).

Here live `build_demo`, `DemoSummary`, the inserts and `_Builder`, which runs the steps for each
client in order. The steps live beside it in this package: `clients.py` (who the client is, their
client row), `records.py` (conditions, care team, medicines, family, consents, referrals),
`contacts.py` (hospital stays, contacts, check-ins), `assessments.py` (assessments; the answers
in `answers.py`, drawn from the client's `_Health` in `health.py`), `plans.py` (care plans,
from their own random stream) and `appointments.py` (appointments and contacts with the care
team, from a stream of their own too); shared helpers are in
`people.py`, the tables and row-making in `rows.py`, and the fixed tables the demo draws from in
`catalogue.py`.

The same seed and `today` give the same data: one random stream runs through all the steps, so
their order matters. Contacts happen at local wall-clock times on weekdays, so the UTC instants
stored follow the computer's time zone, and the one audit row records the real time of the build.

Speed: rows go in as SQLAlchemy Core inserts of plain dicts with ids we assign ourselves (no ORM
objects, no round trips), 100 to 1,000 clients at a time (a batch between progress reports), all
in one transaction. Core inserts on the tables are twice as fast as ORM bulk inserts; 10,000
clients take about 10 s on two cores, of which about 4 s go to the assessments (some 480,000
answers, scored with `carecli.clinical.score`).
"""

import random
import time as clock
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from faker import Faker
from sqlalchemy import Table, delete, func, insert, literal, select, text
from sqlmodel import SQLModel

from carecli.data.db import Database
from carecli.data.errors import CareDataError
from carecli.data.models import DatabaseMeta
from carecli.data.versions import new_generation
from carecli.demo.appointments import _Appointments
from carecli.demo.assessments import _Assessments
from carecli.demo.clients import LOCALES, _Clients
from carecli.demo.contacts import _Contacts
from carecli.demo.people import _assign_roles
from carecli.demo.plans import _Plans
from carecli.demo.records import _Records
from carecli.demo.rows import AUDIT, CLIENT, CONTACT, INSERT_ORDER, _Rows
from carecli.words import counted

BATCH_CLIENTS = 1_000
PROGRESS_STEPS = 50
"""About how many times `build_demo` reports progress; batches never go below 100 clients."""


@dataclass(frozen=True)
class DemoSummary:
    """What `build_demo` made: clients, contact-log rows, and the seconds it took."""

    clients: int
    contacts: int
    seconds: float


def build_demo(
    *,
    db: Database,
    clients: int = 60,
    seed: int = 1,
    today: date | None = None,
    force: bool = False,
    progress: Callable[[int], None] | None = None,
    before_replace: Callable[[], None] | None = None,
) -> DemoSummary:
    """Fill `db` with `clients` made-up clients and their records; say what was made.

    `progress`, when given, is called with the number of clients made so far: 0 at the start and
    again after each batch (about `PROGRESS_STEPS` times in all for a large caseload).

    Refuses with CareDataError when the database already has clients, unless `force`: then every
    row of every table (all clients and their records, the community resources and the audit log)
    is deleted first, so the demo caseload REPLACES what was there. It is one transaction: on any
    error the database is left as it was.

    `before_replace`, when given, is called when `force` is about to delete rows: inside the
    transaction, so nobody can write between it and the deletion (a backup taken there holds
    exactly what is replaced); an error it raises leaves the database as it was.
    """
    if clients < 0:
        raise ValueError("clients: must not be negative")
    started = clock.perf_counter()
    day = today or date.today()
    with db.write() as session:
        existing = session.scalar(select(func.count()).select_from(CLIENT)) or 0
        if existing and not force:
            raise CareDataError(_refusal(existing))
        if force:
            if before_replace is not None and _has_rows(session):
                before_replace()
            for table in reversed(SQLModel.metadata.sorted_tables):
                session.execute(delete(table))
            new_generation(session)  # open windows must not write into the new caseload
        first_ids = {
            t: (session.scalar(select(func.max(t.c.id))) or 0) + 1 for t in INSERT_ORDER
        }
        builder = _Builder(seed=seed, today=day, clients=clients, first_ids=first_ids)
        _insert(session, builder.resources())
        report = progress or (lambda _done: None)
        report(0)
        size = _batch_size(clients)
        for start in range(0, clients, size):
            end = min(clients, start + size)
            _insert(session, builder.batch(start, end))
            report(end)
        _insert(session, builder.audit())
        _advance_sequences(session)
    return DemoSummary(clients, builder.contacts, clock.perf_counter() - started)


def _has_rows(session) -> bool:
    """Whether anything a person wrote is stored (the database's own meta row is not)."""
    return any(
        session.scalar(select(literal(1)).select_from(table).limit(1))
        for table in SQLModel.metadata.sorted_tables if table is not DatabaseMeta.__table__
    )


def _batch_size(clients: int) -> int:
    """Clients per batch: large enough to insert fast, small enough to report progress often."""
    return max(100, min(BATCH_CLIENTS, -(-clients // PROGRESS_STEPS)))


def _advance_sequences(session) -> None:
    """The demo writes explicit ids; a server's id sequences must then move past them, or the
    next client added by hand would collide (SQLite needs nothing: it uses max(id) + 1)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in SQLModel.metadata.sorted_tables:
        if "id" in table.c:
            session.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            ))


def _refusal(existing: int) -> str:
    return (
        f"The database already has {counted(existing, 'client')}; "
        "use --force to replace them with the demo caseload."
    )


def _insert(session, rows: dict[Table, list[dict]]) -> None:
    for table in INSERT_ORDER:
        if rows.get(table):
            session.execute(insert(table), rows[table])


class _Builder:
    """Makes the rows, a batch of clients at a time; one random stream, so order matters."""

    def __init__(
        self, *, seed: int, today: date, clients: int, first_ids: dict[Table, int]
    ) -> None:
        self.rng = rng = random.Random(seed)
        fakers = {}
        for locale in LOCALES:
            fakers[locale] = Faker(locale)
            fakers[locale].seed_instance(seed)
        self.total = clients
        self.rows = rows = _Rows(first_ids)
        roles = _assign_roles(rng, clients)
        self.people = _Clients(rng=rng, fakers=fakers, today=today, rows=rows, roles=roles)
        self.records = _Records(rng=rng, fakers=fakers, today=today, rows=rows,
                                seed=seed)  # draws the team
        self.timeline = _Contacts(rng=rng, today=today, rows=rows)
        self.assessments = _Assessments(rng=rng, today=today, rows=rows)
        self.plans = _Plans(seed=seed, today=today, rows=rows)
        self.appointments = _Appointments(rng=random.Random(f"{seed}:appointments"),
                                          today=today, rows=rows)
        self.contacts = 0

    def resources(self) -> dict[Table, list[dict]]:
        made = self.rows.start()
        self.records.resources()
        return made

    def audit(self) -> dict[Table, list[dict]]:
        made = self.rows.start()
        self.rows.add(
            AUDIT, at=datetime.now(UTC), action="create", entity="demo", entity_id=None,
            client_id=None, summary=f"demo caseload: {self.total} clients",
        )
        return made

    def batch(self, start: int, end: int) -> dict[Table, list[dict]]:
        made = self.rows.start()
        for index in range(start, end):
            self.client(index)
        self.contacts += len(made[CONTACT])
        return made

    def client(self, index: int) -> None:
        person = self.people.person(index)
        self.records.conditions(person)
        self.records.care_team(person)
        self.records.medications(person)
        self.records.personal_contacts(person)
        self.records.consents(person)
        self.timeline.stays(person)
        self.timeline.history(person)
        self.records.referrals(person)
        self.people.status_change(person)
        self.people.client_row(person)
        self.assessments.assessments(person)
        self.plans.plans(person)
        self.appointments.appointments(person)
        self.appointments.care_team_contacts(person)

"""The demo caseload: `build_demo` fills a database with made-up but realistic clients.

Each client gets demographics, chronic conditions with ICD-10-CM codes, medicines, a care team,
family contacts, consents, three to four months of contacts at their risk tier's cadence, check-ins,
hospital stays and referrals; a few are on hold or discharged, a few are overdue, two or three were
just discharged from hospital and two or three cannot be reached. Care plans are left empty.

Assessments: most clients have a completed intake near their enrolment, stored exactly as the
wizard stores one (same sections, item ids and codes; PHQ-9 only after a positive PHQ-2, its items
"1" and "2" kept under "phq2"), scored by `carecli.clinical.score` from those very answers. The
answers follow from one picture of the client (`_Health`: age, risk, conditions, falls, referrals,
family), so the oldest and frailest need more help and those with depression score higher. About
a third have one to three focused re-assessments since, whose totals improve, hold or worsen. In
a caseload of 20 or more one client reported thoughts of self-harm (PHQ-9 item 9), and from 40 one
more is being hurt (AHC HRSN item 7), each in their latest assessment, after their last logged
contact (so the flag is still open), with the care manager's safety note. A newly enrolled
client's intake is in progress, and from 40 one client's focused re-assessment too.

The same seed and `today` give the same data. Contacts happen at local wall-clock times on weekdays,
so the UTC instants stored follow the computer's time zone, and the one audit row records the real
time of the build. The fixed tables it draws from live in `demo_catalogue.py`.

Speed: rows go in as SQLAlchemy Core inserts of plain dicts with ids we assign ourselves (no ORM
objects, no round trips), 1,000 clients at a time, all in one transaction. Core inserts on the
tables are twice as fast as ORM bulk inserts; 10,000 clients take about 10 s on two cores, of
which about 4 s go to the assessments (some 480,000 answers, scored with `carecli.clinical.score`).
"""

import random
import re
import time as clock
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from faker import Faker
from sqlalchemy import Table, delete, func, insert, select, text
from sqlmodel import SQLModel

from carecli.assessment.sections import HOME_HAZARDS, INTAKE_STEPS, MEDICATION_TAKING, focused_steps
from carecli.assessment.wizard import SHARED_WITH_PHQ2, Wizard
from carecli.clinical import Score, score
from carecli.clinical.cadence import DEFAULT_CADENCE_DAYS
from carecli.clinical.instruments import INSTRUMENTS
from carecli.clinical.instruments.falls import STEADI_ITEMS
from carecli.clinical.instruments.function import KATZ_ITEMS, LAWTON_ITEMS, LAWTON_POINT_UP_TO
from carecli.clinical.instruments.gad import GAD7_ITEMS
from carecli.clinical.instruments.hrsn import HRSN_ITEMS
from carecli.clinical.instruments.model import Item
from carecli.clinical.instruments.phq import PHQ2_POSITIVE_AT
from carecli.data import demo_catalogue as cat
from carecli.data.db import Database
from carecli.data.errors import CareDataError
from carecli.data.models import (
    Assessment,
    AssessmentAnswer,
    AssessmentScore,
    AuditLog,
    CareTeamMember,
    CheckIn,
    Client,
    CommunityResource,
    Condition,
    Consent,
    ContactLog,
    HospitalStay,
    Medication,
    PersonalContact,
    Referral,
    StatusChange,
)

BATCH_CLIENTS = 1_000
P_OVERDUE = 0.18
"""Share of ordinary active clients whose next check-in is already past (roles add a few more)."""
P_DUE_TODAY = 0.06
P_NO_CONSENT = 0.05
P_ATTEMPTS = 0.2
"""Share of successful contacts preceded by one or two unanswered calls (about 80% reached)."""
P_INTAKE = 0.9
"""Share of consented clients with a completed intake (about 85% of all clients)."""
P_REASSESS = 0.36
"""Chance of later re-assessments for a client whose intake found something to follow."""
P_REASSESS_WELL = 0.12
"""The same for a client whose intake found nothing much (about a third of intakes in all)."""

CLIENT, CONSENT, CONDITION, MEDICATION = (
    m.__table__ for m in (Client, Consent, Condition, Medication)
)
TEAM, PERSONAL, STATUS, CONTACT = (
    m.__table__ for m in (CareTeamMember, PersonalContact, StatusChange, ContactLog)
)
CHECK_IN, STAY, RESOURCE, REFERRAL, AUDIT = (
    m.__table__ for m in (CheckIn, HospitalStay, CommunityResource, Referral, AuditLog)
)
ASSESSMENT, ANSWER, SCORE = (m.__table__ for m in (Assessment, AssessmentAnswer, AssessmentScore))
INSERT_ORDER: tuple[Table, ...] = (
    RESOURCE, CLIENT, CONSENT, CONDITION, MEDICATION, TEAM, PERSONAL, STATUS, CONTACT, CHECK_IN,
    STAY, REFERRAL, ASSESSMENT, ANSWER, SCORE, AUDIT,
)
"""Parents before children, so every foreign key is satisfied as rows go in."""

LOCALES = ("en_US", "es_MX", "vi_VN")
LOCALE_WEIGHTS = (80, 17, 3)
LOCAL_LANGUAGE = {"es_MX": ("Spanish", 0.55), "vi_VN": ("Vietnamese", 0.7)}
"""Locale -> (language, share of those clients who speak it rather than English)."""

ONE_DAY = timedelta(days=1)
_MBI_LETTERS = "ACDEFGHJKMNPQRTUVWXY"
_MBI_DIGITS = "0123456789"

FLAG_FOCUS = {"suicidal_ideation": ("phq9", "gad7"), "physical_harm": ("ahc_hrsn",)}
"""Safety roles -> the re-assessment that raises the flag (the flag is in its first instrument)."""
DRAFT_ROLES = ("draft_intake", "draft_reassessment")
ASSESSED_ROLES = frozenset((*FLAG_FOCUS, *DRAFT_ROLES))
"""Roles that need an active, consented client with assessments."""
DRAFT_FOCUS = ("phq9", "gad7")

FOLLOW_FROM = {
    "phq9": 8, "gad7": 8, "ahc_hrsn": 1, "steadi": 2, "katz_adl": 1, "lawton_iadl": 2,
}
"""Instruments a re-assessment follows -> the intake level from which it is worth following."""
STEP = {
    "phq9": (3, 5), "gad7": (2, 4), "ahc_hrsn": (1, 1), "steadi": (1, 1), "katz_adl": (1, 1),
    "lawton_iadl": (1, 1),
}
"""How far a level moves between assessments when it improves or worsens."""
TOP = {"phq9": 24, "gad7": 21, "ahc_hrsn": 4, "steadi": 3, "katz_adl": 6, "lawton_iadl": 8}
"""The highest level: PHQ-9 items 1-8 only (item 9 is 0 but for the one flagged client)."""
TRENDS, TREND_WEIGHTS = ("improved", "unchanged", "worse"), (55, 25, 20)

PHQ_ITEMS = tuple(str(n) for n in range(1, 9))
PHQ_WEIGHTS = PHQ_ITEMS + SHARED_WITH_PHQ2
"""Items 1 and 2 draw twice the points, so depressed clients mostly screen positive."""
GAD_ITEMS = tuple(item.id for item in GAD7_ITEMS)
STEADI_IDS = tuple(item.id for item in STEADI_ITEMS)
LAWTON_LOSS = (
    "shopping", "transportation", "housekeeping", "food_preparation", "laundry", "finances",
    "medications", "telephone",
)
"""Everyday tasks in the order people usually come to need help with them."""
HRSN_NEEDS = ("housing", "food", "transportation", "utilities")
HRSN_NEED_WEIGHTS = (15, 35, 30, 20)
HOUSING_PROBLEMS = tuple(option.code for option in HRSN_ITEMS[1].options)
HAZARDS = tuple(option.code for option in HOME_HAZARDS)
TAKING = tuple(option.code for option in MEDICATION_TAKING)
TAKING_WEIGHTS = {"taking": 88, "not_taking": 4, "unsure": 8}
STAY_KINDS = {
    "inpatient": "Hospital", "emergency": "Emergency department", "observation": "Observation",
    "skilled_nursing": "Rehab",
}


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
) -> DemoSummary:
    """Fill `db` with `clients` made-up clients and their records; say what was made.

    Refuses with CareDataError when the database already has clients, unless `force`: then every
    row of every table (all clients and their records, the community resources and the audit log)
    is deleted first, so the demo caseload REPLACES what was there. It is one transaction: on any
    error the database is left as it was.
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
            for table in reversed(SQLModel.metadata.sorted_tables):
                session.execute(delete(table))
        first_ids = {
            t: (session.scalar(select(func.max(t.c.id))) or 0) + 1 for t in INSERT_ORDER
        }
        builder = _Builder(seed=seed, today=day, clients=clients, first_ids=first_ids)
        _insert(session, builder.resources())
        for start in range(0, clients, BATCH_CLIENTS):
            _insert(session, builder.batch(start, min(clients, start + BATCH_CLIENTS)))
        _insert(session, builder.audit())
        _advance_sequences(session)
    return DemoSummary(clients, builder.contacts, clock.perf_counter() - started)


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
    noun = "client" if existing == 1 else "clients"
    return (
        f"The database already has {existing} {noun}; "
        "use --force to replace them with the demo caseload."
    )


def _insert(session, rows: dict[Table, list[dict]]) -> None:
    for table in INSERT_ORDER:
        if rows.get(table):
            session.execute(insert(table), rows[table])


# Dates and times ------------------------------------------------------------------------------


def _weekday_on_or_before(day: date) -> date:
    return day - timedelta(days=day.weekday() - 4) if day.weekday() > 4 else day


def _weekday_on_or_after(day: date) -> date:
    return day + timedelta(days=7 - day.weekday()) if day.weekday() > 4 else day


def _next_business_day(day: date) -> date:
    return _weekday_on_or_after(day + ONE_DAY)


def _previous_business_day(day: date) -> date:
    return _weekday_on_or_before(day - ONE_DAY)


def _at(day: date, minute_of_day: int) -> datetime:
    """A local wall-clock time on `day`, as an aware UTC datetime."""
    local = datetime.combine(day, time(minute_of_day // 60, minute_of_day % 60))
    return local.astimezone(UTC)


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def _mbi(rng: random.Random) -> str:
    """A made-up id in the Medicare Beneficiary Identifier format, e.g. 1EG4-TE5-MK72."""
    letter, digit, either = _MBI_LETTERS, _MBI_DIGITS, _MBI_LETTERS + _MBI_DIGITS
    pattern = (
        "123456789", letter, either, digit, letter, either, digit, letter, letter, digit, digit
    )
    raw = "".join(rng.choice(chars) for chars in pattern)
    return f"{raw[:4]}-{raw[4:7]}-{raw[7:]}"


def _assign_roles(rng: random.Random, n: int) -> dict[int, str]:
    """The few clients with a story: just discharged, in hospital, unreachable, revoked consent."""
    wanted: list[str] = []
    if n >= 5:
        wanted += ["recent_discharge"] * (1 if n < 20 else rng.choice((2, 3)))
        wanted += ["unreachable"] * (1 if n < 20 else rng.choice((2, 3)))
    if n >= 20:
        wanted.append("admitted")
    if n >= 10:
        wanted += ["revoked"] * (1 if n < 40 else 2)
    if n >= 20:
        wanted.append("suicidal_ideation")
    if n >= 40:
        wanted += ["physical_harm", "draft_reassessment"]
    if n >= 5:
        wanted.append("draft_intake")
    return dict(zip(rng.sample(range(n), len(wanted)), wanted, strict=True))


# One client's plan ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Person:
    """What later steps need to know about the client being built."""

    id: int
    role: str | None
    locale: str
    sex: str
    age: int
    younger: bool
    given: str
    family: str
    tier: str
    cadence: int
    override: int | None
    status: str
    status_on: date | None
    status_reason: str | None
    enrolled_on: date
    conditions: list[cat.ConditionSpec] = field(default_factory=list)
    team: dict[str, str] = field(default_factory=dict)
    relatives: list[tuple[str, str, str, bool]] = field(default_factory=list)
    """(full name, given name, relation, may receive health information)."""
    telehealth: bool = False
    consented: bool = True
    blocked: list[tuple[date, date]] = field(default_factory=list)
    discharged_on: date | None = None
    admitted_on: date | None = None
    stay_reason: str | None = None
    post_discharge_call: date | None = None
    touched_at: datetime | None = None
    remitted: set[str] = field(default_factory=set)
    """Keys of the conditions in remission."""
    meds: list[dict] = field(default_factory=list)
    """The client's medication rows (an intake that reconciles them updates them)."""
    caregivers: list[tuple[str, str]] = field(default_factory=list)
    """(given name, relation) of the personal contacts who are caregivers."""
    stays: list[tuple[str, str, date, date | None, str]] = field(default_factory=list)
    """(kind, facility, admitted, discharged, reason) of each hospital or facility stay."""
    needs: set[str] = field(default_factory=set)
    """The needs the client was referred for."""
    risk_reason: str = ""

    def clear_of_stays(self, day: date) -> date:
        """`day`, or the last weekday before a hospital stay that covers it."""
        for start, end in self.blocked:
            if start <= day <= end:
                day = _weekday_on_or_before(start - ONE_DAY)
        return day


@dataclass(slots=True)
class _Health:
    """The client's state that every assessment answer is drawn from.

    `levels` counts problems per instrument: Katz ADL and Lawton IADL items needing help,
    STEADI yes answers, the PHQ-9 total of items 1-8, the GAD-7 total and the number of positive
    social-need domains. The orders say which items go first as a level rises."""

    frail: float
    katz: list[str]
    lawton: list[str]
    steadi: list[str]
    social: list[str]
    levels: dict[str, int]

    def has(self, instrument_id: str, item_id: str, level: int | None = None) -> bool:
        """Whether `item_id` is a problem (a yes, a need) at `level` (by default the intake's)."""
        order = {"katz_adl": self.katz, "lawton_iadl": self.lawton, "steadi": self.steadi}
        level = self.levels[instrument_id] if level is None else level
        return item_id in order[instrument_id][:level]


@dataclass(frozen=True)
class _TeamMember:
    name: str
    role: str
    organisation: str
    phone: str
    fax: str | None
    email: str | None


class _Builder:
    """Makes the rows, a batch of clients at a time; one random stream, so order matters."""

    def __init__(
        self, *, seed: int, today: date, clients: int, first_ids: dict[Table, int]
    ) -> None:
        self.rng = random.Random(seed)
        self.fakers = {}
        for locale in LOCALES:
            self.fakers[locale] = Faker(locale)
            self.fakers[locale].seed_instance(seed)
        self.today = today
        self.total = clients
        self.ids = dict(first_ids)
        self.templates = {t: dict.fromkeys(t.columns.keys()) for t in INSERT_ORDER}
        self.rows: dict[Table, list[dict]] = defaultdict(list)
        self.roles = _assign_roles(self.rng, clients)
        self.pools = _condition_pools()
        self.team_pool = self._team_pool()
        self.resource_ids: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self.contacts = 0

    # Rows --------------------------------------------------------------------------------

    def _new_id(self, table: Table) -> int:
        row_id = self.ids[table]
        self.ids[table] = row_id + 1
        return row_id

    def _add(self, table: Table, row_id: int | None = None, **values) -> int:
        row = self.templates[table].copy()
        row.update(values)
        row["id"] = self._new_id(table) if row_id is None else row_id
        self.rows[table].append(row)
        return row["id"]

    def _phone(self, fake: Faker) -> str:
        return fake.numerify(f"({self.rng.choice(cat.AREA_CODES)}) 555-01##")

    def resources(self) -> dict[Table, list[dict]]:
        self.rows = defaultdict(list)
        for spec in cat.RESOURCES:
            row_id = self._add(RESOURCE, **spec)
            self.resource_ids[spec["category"]].append((row_id, spec["name"]))
        return self.rows

    def audit(self) -> dict[Table, list[dict]]:
        self.rows = defaultdict(list)
        self._add(
            AUDIT, at=datetime.now(UTC), action="create", entity="demo", entity_id=None,
            client_id=None, summary=f"demo caseload: {self.total} clients",
        )
        return self.rows

    def batch(self, start: int, end: int) -> dict[Table, list[dict]]:
        self.rows = defaultdict(list)
        for index in range(start, end):
            self.client(index)
        self.contacts += len(self.rows[CONTACT])
        return self.rows

    def client(self, index: int) -> None:
        person = self._person(index)
        self._conditions(person)
        self._care_team(person)
        self._medications(person)
        self._personal_contacts(person)
        self._consents(person)
        self._stays(person)
        self._history(person)
        self._referrals(person)
        self._status_change(person)
        self._client_row(person)
        self._assessments(person)

    # The client ----------------------------------------------------------------------------

    def _person(self, index: int) -> _Person:
        rng, today = self.rng, self.today
        role = self.roles.get(index)
        locale = rng.choices(LOCALES, LOCALE_WEIGHTS)[0]
        fake = self.fakers[locale]
        younger = rng.random() < 0.12
        if younger:
            age = rng.randint(30, 54)
        else:
            age = rng.randint(55, 64) if rng.random() < 0.1 else round(rng.triangular(65, 97, 76))
        sex = rng.choices(("female", "male", "other", "unknown"), (56, 43, 0.6, 0.4))[0]
        given = {"female": fake.first_name_female, "male": fake.first_name_male}.get(
            sex, fake.first_name
        )()
        if role in ("recent_discharge", "admitted"):
            tier = "high"
        elif role == "unreachable":
            tier = rng.choice(("high", "moderate"))
        else:
            tier = rng.choices(("high", "moderate", "low"), (25, 45, 30))[0]
        override = None
        if rng.random() < 0.03:
            override = rng.choice({"high": (5, 10), "moderate": (10, 21), "low": (21, 45)}[tier])
        enrolled = _weekday_on_or_before(today - timedelta(days=rng.randint(30, 1095)))
        if role == "draft_intake":
            enrolled = _weekday_on_or_before(today - timedelta(days=rng.randint(3, 8)))
        status, status_on, reason = self._status(role, enrolled)
        return _Person(
            id=self._new_id(CLIENT), role=role, locale=locale, sex=sex, age=age, younger=younger,
            given=given, family=fake.last_name(), tier=tier,
            cadence=override or DEFAULT_CADENCE_DAYS[tier], override=override, status=status,
            status_on=status_on, status_reason=reason, enrolled_on=enrolled,
        )

    def _status(self, role: str | None, enrolled: date) -> tuple[str, date | None, str | None]:
        rng = self.rng
        draw = rng.random()
        stays_active = role in ("recent_discharge", "admitted", "unreachable", *ASSESSED_ROLES)
        if stays_active or draw >= 0.12:
            return "active", None, None
        status = "on_hold" if draw < 0.05 else "discharged"
        reasons = cat.HOLD_REASONS if status == "on_hold" else cat.DISCHARGE_REASONS
        earliest = max(enrolled + timedelta(days=21), self.today - timedelta(days=120))
        span = max(0, (self.today - timedelta(days=3) - earliest).days)
        on = _weekday_on_or_before(earliest + timedelta(days=rng.randint(0, span)))
        return status, on, rng.choice(reasons)

    def _client_row(self, p: _Person) -> None:
        rng, fake = self.rng, self.fakers[p.locale]
        language, interpreter = "English", False
        if p.locale in LOCAL_LANGUAGE and rng.random() < LOCAL_LANGUAGE[p.locale][1]:
            language, interpreter = LOCAL_LANGUAGE[p.locale][0], rng.random() < 0.6
        town, zip_code = rng.choice(cat.TOWNS)
        street = f"{rng.randint(100, 9899)} {self.fakers['en_US'].last_name()} "
        street += rng.choice(cat.STREET_SUFFIXES)
        if rng.random() < 0.2:
            street += f", Apt {rng.randint(1, 24)}{rng.choice('ABCD')}"
        email = None
        if rng.random() < (0.35 if p.younger else 0.12):
            email = f"{_ascii(p.given)}.{_ascii(p.family)}{rng.randint(1, 99)}@example.com"
        pronouns = None
        if rng.random() < 0.3 or p.sex == "other":
            pronouns = {"female": "she/her", "male": "he/him"}.get(p.sex, "they/them")
        created = _at(p.enrolled_on, rng.randint(540, 960))
        self._add(
            CLIENT, p.id, given_name=p.given, family_name=p.family,
            preferred_name=cat.NICKNAMES.get(p.given) if rng.random() < 0.5 else None,
            date_of_birth=date(self.today.year - p.age, 1, 1) + timedelta(days=rng.randint(0, 364)),
            sex=p.sex, pronouns=pronouns, language=language, interpreter_needed=interpreter,
            phone=self._phone(fake), email=email,
            address=f"{street}, {town}, {cat.STATE} {zip_code}",
            status=p.status, status_reason=p.status_reason, status_changed_on=p.status_on,
            enrolled_on=p.enrolled_on, risk_tier=p.tier, risk_reason=self._risk_reason(p),
            risk_set_by_hand=rng.random() < 0.1, cadence_days=p.override,
            insurance_id=_mbi(rng) if rng.random() < 0.93 else None, notes=self._notes(p),
            created_at=created, updated_at=p.touched_at or created,
        )

    def _risk_reason(self, p: _Person) -> str:
        if p.discharged_on is not None:
            reason = f"Discharged {p.discharged_on.isoformat()}: {p.stay_reason}. Lives alone"
        elif p.admitted_on is not None:
            reason = f"In hospital since {p.admitted_on.isoformat()}; 2 admissions this year"
        else:
            reason = self.rng.choice(cat.RISK_REASONS[p.tier])
        p.risk_reason = reason
        return reason

    def _notes(self, p: _Person) -> str:
        lines = [cat.DEMO_NOTE]
        if self.rng.random() < 0.25:
            lines.append(self.rng.choice(cat.CLIENT_NOTES))
        if not p.consented:
            mailed = _weekday_on_or_before(self.today - timedelta(days=self.rng.randint(5, 20)))
            lines.append(f"Consent form mailed {mailed.isoformat()}; not yet returned.")
        return "\n".join(lines)

    def _status_change(self, p: _Person) -> None:
        if p.status == "active" or p.status_on is None:
            return
        p.touched_at = _at(p.status_on, self.rng.randint(540, 960))
        self._add(
            STATUS, client_id=p.id, changed_at=p.touched_at, effective_on=p.status_on,
            from_status="active",
            to_status=p.status, reason=p.status_reason,
        )

    # Record entries ------------------------------------------------------------------------

    def _conditions(self, p: _Person) -> None:
        rng = self.rng
        specs, weights = self.pools[p.younger]
        wanted = rng.choices((2, 3, 4, 5), (28, 32, 25, 15))[0]
        groups: set[str] = set()
        while len(p.conditions) < wanted:
            spec = rng.choices(specs, cum_weights=weights)[0]
            if spec in p.conditions or spec.group in groups:
                continue
            if spec.sex is not None and spec.sex != p.sex:
                continue
            p.conditions.append(spec)
            if spec.group:
                groups.add(spec.group)
        for spec in p.conditions:
            name, code = _coded(spec, groups)
            remitted = spec.key in cat.REMITTING and wanted > 2 and rng.random() < 0.15
            if remitted:
                p.remitted.add(spec.key)
            self._add(
                CONDITION, client_id=p.id, name=name, icd10_code=code, chronic=True,
                onset_on=self._onset(p, spec), status="in_remission" if remitted else "active",
                note="No symptoms or treatment for over a year." if remitted else None,
            )

    def _onset(self, p: _Person, spec: cat.ConditionSpec) -> date | None:
        if spec.key in ("cp", "intellectual") or self.rng.random() > cat.ONSET_KNOWN:
            return None
        years = self.rng.randint(1, max(1, min(30, p.age - 25)))
        return p.enrolled_on - timedelta(days=365 * years + self.rng.randint(0, 364))

    def _team_pool(self) -> dict[str, list[_TeamMember]]:
        fake, rng = self.fakers["en_US"], self.rng
        groups = [("pcp", "Primary care physician", org, 2) for org in cat.PRIMARY_CARE_PRACTICES]
        groups += [(s, role, org, 2) for s, (role, org) in cat.SPECIALIST_ROLES.items()]
        groups += [("pharmacist", "Pharmacist", org, 1) for org in cat.PHARMACIES]
        groups += [("nurse", "Home health nurse", org, 2) for org in cat.HOME_HEALTH]
        suffix = {"pharmacist": "PharmD", "nurse": "RN"}
        pool: dict[str, list[_TeamMember]] = defaultdict(list)
        for key, role, org, count in groups:
            domain = f"{_ascii(org)[:16]}.example.org"
            for _ in range(count):
                first, last = fake.first_name(), fake.last_name()
                title = suffix.get(key) or rng.choice(("MD", "MD", "MD", "DO"))
                email = f"{_ascii(first[0] + last)}@{domain}" if rng.random() < 0.4 else None
                pool[key].append(
                    _TeamMember(
                        f"{first} {last}, {title}", role, org, self._phone(fake),
                        self._phone(fake) if rng.random() < 0.6 else None, email,
                    )
                )
        return pool

    def _care_team(self, p: _Person) -> None:
        rng = self.rng
        chosen = [("pcp", rng.choice(self.team_pool["pcp"]))]
        specialties = sorted({c.specialty for c in p.conditions if c.specialty})
        if specialties and rng.random() < 0.8:
            specialty = rng.choice(specialties)
            chosen.append((specialty, rng.choice(self.team_pool[specialty])))
        if rng.random() < 0.55 or len(chosen) < 2:
            chosen.append(("pharmacist", rng.choice(self.team_pool["pharmacist"])))
        if rng.random() < (0.45 if p.tier == "high" else 0.15):
            chosen.append(("nurse", rng.choice(self.team_pool["nurse"])))
        for key, member in chosen:
            p.team[key] = member.name
            self._add(
                TEAM, client_id=p.id, name=member.name, role=member.role,
                organisation=member.organisation, phone=member.phone, fax=member.fax,
                email=member.email, is_primary=key == "pcp",
            )

    def _medications(self, p: _Person) -> None:
        rng = self.rng
        chosen: dict[str, tuple[cat.Med, str | None]] = {}
        for spec in p.conditions:
            for key in rng.choice(spec.regimens):
                med = cat.MEDS[key]
                chosen.setdefault(med.name, (med, p.team.get(spec.specialty or "", p.team["pcp"])))
        while len(chosen) < 2 or (len(chosen) < 8 and rng.random() < 0.3):
            med = cat.MEDS[rng.choice(cat.EXTRA_MEDS)]
            chosen.setdefault(med.name, (med, None))
        reconciled = None
        if rng.random() < 0.7:
            reconciled = max(p.enrolled_on, self.today - timedelta(days=rng.randint(3, 180)))
        for med, prescriber in list(chosen.values())[:8]:
            started = self.today - timedelta(days=rng.randint(30, 2200))
            stopped = note = None
            if rng.random() < 0.07:
                stopped = started + timedelta(days=rng.randint(14, (self.today - started).days))
                note = rng.choice(("Stopped: dizziness.", "Stopped by PCP: no longer needed."))
            self._add(
                MEDICATION, client_id=p.id, name=med.name, dose=med.dose, route=med.route,
                frequency=med.frequency, prescriber=prescriber, started_on=started,
                stopped_on=stopped,
                last_reconciled_on=reconciled if reconciled and reconciled >= started else None,
                note=note if stopped else ("Over the counter." if prescriber is None else None),
            )
            p.meds.append(self.rows[MEDICATION][-1])

    def _personal_contacts(self, p: _Person) -> None:
        rng, fake = self.rng, self.fakers[p.locale]
        relations = cat.RELATIONS_YOUNGER if p.younger else cat.RELATIONS_OLDER
        names, weights = zip(*relations, strict=True)
        caregiving = 0.6 if any(c.group == "dementia" for c in p.conditions) else 0.3
        for index in range(rng.choices((0, 1, 2, 3), (10, 38, 34, 18))[0]):
            relation = rng.choices(names, weights)[0]
            while relation in cat.ONLY_ONE and any(r[2] == relation for r in p.relatives):
                relation = rng.choices(names, weights)[0]
            given = self._relative_name(p, relation)
            same = relation in cat.SAME_FAMILY_NAME or rng.random() < 0.3
            name = f"{given} {p.family if same else fake.last_name()}"
            caregiver = relation not in ("neighbour", "friend") and rng.random() < caregiving
            health = p.role != "revoked" and (caregiver or rng.random() < 0.3)
            p.relatives.append((name, given, relation, health))
            if caregiver:
                p.caregivers.append((given, relation))
            self._add(
                PERSONAL, client_id=p.id, name=name, relation=relation,
                phone=self._phone(fake), email=None if rng.random() < 0.8 else (
                    f"{_ascii(given)}{rng.randint(10, 99)}@example.net"
                ),
                is_emergency_contact=index == 0 and rng.random() < 0.9,
                may_receive_health_info=health, is_caregiver=caregiver,
                note=rng.choice(cat.FAMILY_NOTES_SHORT) if rng.random() < 0.15 else None,
            )

    def _relative_name(self, p: _Person, relation: str) -> str:
        fake = self.fakers[p.locale]
        sex = cat.RELATION_SEX.get(relation)
        if sex is None and relation in ("spouse", "partner") and p.sex in ("female", "male"):
            opposite = "male" if p.sex == "female" else "female"
            sex = opposite if self.rng.random() < 0.95 else p.sex
        if sex == "female":
            return fake.first_name_female()
        return fake.first_name_male() if sex == "male" else fake.first_name()

    def _consents(self, p: _Person) -> None:
        rng = self.rng
        p.consented = rng.random() >= P_NO_CONSENT or p.role in ASSESSED_ROLES
        if p.consented:
            self._consent(p, "care_management", rng.random() < 0.65, p.enrolled_on)
        sharing = [f"{name} ({relation})" for name, _, relation, health in p.relatives if health]
        if p.role == "revoked" or (sharing and rng.random() < 0.85):
            given = _weekday_on_or_after(p.enrolled_on + timedelta(days=rng.choice((0, 0, 1, 7))))
            revoked = None
            if p.role == "revoked":
                revoked = max(given + ONE_DAY, self.today - timedelta(days=rng.randint(5, 60)))
                sharing = [f"{name} ({rel})" for name, _, rel, _ in p.relatives[:1]]
            whom = ", ".join(sharing[:-1]) + " and " if len(sharing) > 1 else ""
            whom += sharing[-1] if sharing else "the PCP office"
            self._consent(p, "information_sharing", False, given, revoked, whom)
        if rng.random() < 0.15:
            p.telehealth = True
            self._consent(p, "telehealth", True, p.enrolled_on)

    def _consent(
        self, p: _Person, kind: str, verbal: bool, given: date, revoked: date | None = None,
        sharing_with: str | None = None,
    ) -> None:
        if sharing_with is not None:
            note = f"May share health information with {sharing_with}."
            if revoked is not None:
                note += f" Revoked {revoked.isoformat()}: client asked that updates stop."
        elif kind == "telehealth":
            note = "Agreed to video visits; knows how to join from a smartphone."
        elif verbal:
            note = "Verbal consent by phone; explained cost sharing and the right to stop anytime."
        else:
            note = "Signed form scanned to the client folder."
        self._add(
            CONSENT, client_id=p.id, kind=kind, given_on=given,
            method="verbal" if verbal else "written",
            witnessed_by=self.rng.choice(cat.WITNESSES) if verbal else None,
            revoked_on=revoked, note=note,
        )

    # Hospital stays, contacts and check-ins -----------------------------------------------

    def _stays(self, p: _Person) -> None:
        rng, today = self.rng, self.today
        reasons = [cat.STAY_REASONS[c.key] for c in p.conditions if c.key in cat.STAY_REASONS]
        reason = rng.choice(reasons or cat.GENERAL_STAY_REASONS)
        facility = rng.choice(cat.FACILITIES)
        if p.role == "recent_discharge":
            p.discharged_on = today - timedelta(days=rng.randint(1, 10))
            admitted = p.discharged_on - timedelta(days=rng.randint(2, 6))
            p.stay_reason = reason
            self._stay(p, "inpatient", facility, admitted, p.discharged_on, reason)
        elif p.role == "admitted":
            p.admitted_on = today - timedelta(days=rng.randint(1, 3))
            self._stay(p, "inpatient", facility, p.admitted_on, None, reason)
        elif rng.random() < (0.2 if p.tier == "high" else 0.07):
            end = today - timedelta(days=rng.randint(35, 400))
            if rng.random() < 0.15:
                start = end - timedelta(days=rng.randint(10, 25))
                self._stay(p, "skilled_nursing", rng.choice(cat.SKILLED_NURSING), start, end,
                           f"Rehab after {reason.lower()}")
                end = start
            kind = rng.choices(("inpatient", "emergency", "observation"), (60, 20, 20))[0]
            length = {"inpatient": rng.randint(2, 8), "emergency": 0, "observation": 1}[kind]
            self._stay(p, kind, facility, end - timedelta(days=length), end, reason)

    def _stay(
        self, p: _Person, kind: str, facility: str, admitted: date, discharged: date | None,
        reason: str,
    ) -> None:
        p.blocked.append((admitted, discharged or self.today))
        p.stays.append((kind, facility, admitted, discharged, reason))
        self._add(
            STAY, client_id=p.id, kind=kind, facility=facility, admitted_on=admitted,
            discharged_on=discharged, reason=reason,
        )

    def _anchor(self, p: _Person) -> tuple[date, date, str]:
        """The last successful contact, and the due date and reason of the check-in after it."""
        rng, today, cadence = self.rng, self.today, p.cadence
        routine = f"Routine check-in (every {cadence} days)"
        if p.status != "active":
            last = p.status_on - timedelta(days=rng.randint(1, cadence))
            routine += f"; cancelled: client {p.status.replace('_', ' ')}"
        elif p.role == "admitted":
            last = p.admitted_on - timedelta(days=rng.randint(1, 4))
            due = today + ONE_DAY
            return self._settle(p, last), due, "In hospital: confirm the discharge date"
        elif p.role == "recent_discharge":
            call = _next_business_day(p.discharged_on)
            if call < today and rng.random() < 0.5:
                p.post_discharge_call = call
                return call, call + timedelta(days=cadence), routine
            last = self._settle(p, p.blocked[-1][0] - timedelta(days=rng.randint(1, 3)))
            due = _next_business_day(_next_business_day(p.discharged_on))
            return last, due, "Transitional care: reach the client within 2 business days"
        elif p.role == "unreachable":
            last = today - timedelta(days=cadence + rng.randint(8, 11))
        else:
            draw = rng.random()
            if draw < P_OVERDUE:
                offset = -rng.randint(1, max(2, min(cadence - 1, 12)))
            elif draw < P_OVERDUE + P_DUE_TODAY:
                offset = 0
            else:
                offset = rng.randint(1, max(1, cadence - 1))
            last = min(today + timedelta(days=offset - cadence), today - ONE_DAY)
        last = self._settle(p, last)
        return last, last + timedelta(days=cadence), routine

    def _settle(self, p: _Person, day: date) -> date:
        """`day` moved to a weekday outside hospital stays, not before enrolment."""
        return max(p.enrolled_on, p.clear_of_stays(_weekday_on_or_before(day)))

    def _history(self, p: _Person) -> None:
        rng = self.rng
        start = max(p.enrolled_on, self.today - timedelta(days=rng.randint(90, 120)))
        last, due, reason = self._anchor(p)
        days = [last]
        while True:
            day = self._settle(p, days[-1] - timedelta(days=p.cadence + rng.randint(-1, 2)))
            if day < start or day <= p.enrolled_on:
                break
            days.append(day)
        if start <= p.enrolled_on < days[-1]:
            days.append(p.enrolled_on)
        days.reverse()
        previous: date | None = None
        for day in days:
            self._attempts_before(p, day, previous)
            contact_id = self._contact(p, day)
            if previous is not None:
                self._add(
                    CHECK_IN, client_id=p.id, due_on=previous + timedelta(days=p.cadence),
                    reason=f"Routine check-in (every {p.cadence} days)", status="done",
                    contact_id=contact_id,
                )
            previous = day
        self._open_check_in(p, last, due, reason)

    def _attempts_before(self, p: _Person, day: date, previous: date | None) -> None:
        if self.rng.random() >= P_ATTEMPTS:
            return
        tries = []
        for _ in range(1 if self.rng.random() < 0.7 else 2):
            day = _previous_business_day(day)
            if (previous and day <= previous) or day <= p.enrolled_on:
                break
            if p.clear_of_stays(day) != day:
                break
            tries.append(day)
        for day in reversed(tries):
            self._attempt(p, day)

    def _attempt(self, p: _Person, day: date) -> None:
        outcome = self.rng.choice(("no_answer", "voicemail"))
        self._add(
            CONTACT, client_id=p.id, occurred_at=_at(day, self.rng.randint(540, 990)),
            mode="phone", outcome=outcome, successful=False, minutes=self.rng.randint(2, 3),
            with_whom=None, note=self.rng.choice(cat.ATTEMPT_NOTES[outcome]),
        )

    def _contact(self, p: _Person, day: date) -> int:
        rng = self.rng
        mode = rng.choices(("phone", "video", "home_visit", "message"), (70, 10, 10, 10))[0]
        if mode == "video" and not p.telehealth:
            mode = "phone"
        with_whom = None
        if day == p.enrolled_on:
            mode = rng.choice(("phone", "home_visit"))
            note = cat.INTAKE_NOTE.format(how="call" if mode == "phone" else "home visit")
        elif day == p.post_discharge_call:
            mode, note = "phone", cat.POST_DISCHARGE_NOTE
        elif mode == "home_visit":
            note = rng.choice(cat.HOME_VISIT_NOTES)
        elif mode == "message":
            note = rng.choice(cat.MESSAGE_NOTES)
        elif p.relatives and rng.random() < 0.2:
            _name, given, relation, _health = rng.choice(p.relatives)
            with_whom = f"{given} ({relation})"
            note = rng.choice(cat.FAMILY_NOTES).format(who=with_whom)
        else:
            note = self._note(p)
        low, high = {"phone": (5, 30), "video": (10, 30), "home_visit": (30, 45)}.get(mode, (5, 8))
        return self._add(
            CONTACT, client_id=p.id, occurred_at=_at(day, rng.randint(540, 990)), mode=mode,
            outcome="reached", successful=True, minutes=rng.randint(low, high),
            with_whom=with_whom, note=note,
        )

    def _note(self, p: _Person) -> str:
        notes = [cat.CONDITION_NOTES[c.key] for c in p.conditions if c.key in cat.CONDITION_NOTES]
        if notes and self.rng.random() < 0.65:
            return self.rng.choice(self.rng.choice(notes))
        return self.rng.choice(cat.GENERAL_NOTES)

    def _open_check_in(self, p: _Person, last: date, due: date, reason: str) -> None:
        if p.role == "unreachable":
            day = _weekday_on_or_after(last + timedelta(days=p.cadence))
            for _ in range(3):
                self._attempt(p, day)
                day = _next_business_day(day)
            due, reason = day, "Retry: 3 calls in a row without reaching the client"
        status = "open" if p.status == "active" else "cancelled"
        self._add(CHECK_IN, client_id=p.id, due_on=due, reason=reason, status=status,
                  contact_id=None)

    def _referrals(self, p: _Person) -> None:
        rng = self.rng
        if rng.random() >= 0.09:
            return
        for _ in range(1 if rng.random() < 0.8 else 2):
            need = rng.choice(tuple(cat.REFERRAL_REASONS))
            p.needs.add(need)
            resource_id, name = rng.choice(self.resource_ids[need])
            status = rng.choices(
                ("draft", "sent", "accepted", "completed", "declined", "closed"),
                (5, 30, 20, 25, 10, 10),
            )[0]
            still_open = status in ("draft", "sent", "accepted")
            ago = rng.randint(1, 25) if still_open else rng.randint(30, 120)
            made = max(p.enrolled_on, _weekday_on_or_before(self.today - timedelta(days=ago)))
            follow_up = made + timedelta(days=14) if still_open else None
            update = None
            if status == "sent":
                update = made
            elif status != "draft":
                update = min(self.today, made + timedelta(days=rng.randint(1, 20)))
            self._add(
                REFERRAL, client_id=p.id, resource_id=resource_id, to_whom=name, need=need,
                reason=cat.REFERRAL_REASONS[need], status=status, made_on=made,
                follow_up_on=follow_up, last_update_on=update,
            )

    # Assessments ---------------------------------------------------------------------------

    def _assessments(self, p: _Person) -> None:
        if p.role == "draft_intake":
            self._draft(p, ["intake"], self._health(p))
            return
        if not p.consented or (p.role not in ASSESSED_ROLES and self.rng.random() >= P_INTAKE):
            return
        health = self._health(p)
        day = self._intake_day(p)
        meds = _meds_on(p, day)
        answers = self._intake_answers(p, health, day, meds)
        self._completed(p, "intake", ["intake"], day, answers)
        if answers["medications"]["reconciled"]:
            _mark_reconciled(meds, day)
        self._reassessments(p, health, day)
        if p.role == "draft_reassessment":
            self._draft(p, list(DRAFT_FOCUS), health)

    def _intake_day(self, p: _Person) -> date:
        """The enrolment day, or a few business days after it."""
        day = p.enrolled_on
        for _ in range(self.rng.choice((0, 0, 0, 1, 2, 3, 5, 7))):
            day = _next_business_day(day)
        return self._settle(p, day)

    def _completed(
        self, p: _Person, kind: str, steps: list[str], day: date, answers: dict[str, dict],
        after: datetime | None = None,
    ) -> None:
        rng = self.rng
        done = _at(day, rng.randint(555, 990))
        if after is not None and done <= after:
            done = after + timedelta(minutes=rng.randint(10, 25))
        minutes = rng.randint(25, 50) if kind == "intake" else rng.randint(5, 20)
        assessment_id = self._add(
            ASSESSMENT, client_id=p.id, kind=kind, status="completed",
            started_at=done - timedelta(minutes=minutes), completed_at=done, steps=steps,
            current_step=None, note=None,
        )
        self._answers(assessment_id, answers)
        for instrument_id, result in _scores(answers, merge_phq2=kind == "intake"):
            self._add(
                SCORE, assessment_id=assessment_id, instrument_id=instrument_id,
                instrument_version=INSTRUMENTS[instrument_id].version, total=result.total,
                band=result.band, positive=result.positive, flags=sorted(result.flags),
                domains=list(result.domains),
            )

    def _answers(self, assessment_id: int, answers: dict[str, dict]) -> None:
        for section, items in answers.items():
            for item_id, value in items.items():
                self._add(
                    ANSWER, assessment_id=assessment_id, instrument_id=section, item_id=item_id,
                    value=value,
                )

    def _draft(self, p: _Person, steps: list[str], h: _Health) -> None:
        """An assessment started in the last few days and left part-way, as the wizard saves it:
        the answers to the questions before its position."""
        rng = self.rng
        day = self._settle(p, self.today - timedelta(days=rng.randint(1, 3)))
        meds = _meds_on(p, self.today)
        if steps == ["intake"]:
            plan, answers = INTAKE_STEPS, self._intake_answers(p, h, day, meds)
        else:
            plan = focused_steps(steps)
            answers = {i: self._instrument(i, h.levels[i], h) for i in steps}
        wizard = Wizard(plan, medications=[(m["id"], m["name"]) for m in meds], answers=answers)
        questions = wizard.questions()
        position = min(rng.randint(10, 14), len(questions) - 1)
        kept: dict[str, dict] = {}
        for question in questions[:position]:
            if wizard.value(question) is not None:
                kept.setdefault(question.section, {})[question.item.id] = wizard.value(question)
        assessment_id = self._add(
            ASSESSMENT, client_id=p.id, kind="intake" if steps == ["intake"] else "reassessment",
            status="draft", started_at=_at(day, rng.randint(540, 960)), completed_at=None,
            steps=steps, current_step=str(position), note=None,
        )
        self._answers(assessment_id, kept)

    # The client's state --------------------------------------------------------------------

    def _health(self, p: _Person) -> _Health:
        rng, reason = self.rng, p.risk_reason.lower()
        keys = {c.key for c in p.conditions}
        frail = self._frailty(p)
        adl = _clamp(round(rng.gauss(4 * frail - 1.5, 0.9)), 6)
        iadl = _clamp(max(adl, adl + round(rng.gauss(4 * frail - 0.3, 1.0))), 8)
        memory = "memory" in reason or bool(keys & {"alzheimers", "dementia"})
        if memory:
            iadl = max(iadl, 2)
        if "independent" in reason:
            adl = iadl = 0
        steadi = self._fall_facts(p, keys, frail, reason)
        social = self._social_needs(p, reason)
        rest = [d for d in HRSN_NEEDS if d not in social]
        rng.shuffle(rest)
        levels = {
            "katz_adl": adl, "lawton_iadl": iadl, "steadi": steadi.count("yes"),
            "phq9": self._mood(p, keys, reason), "gad7": self._anxiety(p, keys),
            "ahc_hrsn": len(social),
        }
        order = sorted(STEADI_IDS, key=lambda i: steadi[STEADI_IDS.index(i)] != "yes")
        return _Health(
            frail, [item.id for item in KATZ_ITEMS], self._lawton_order(memory, reason),
            order, social + rest, levels,
        )

    def _frailty(self, p: _Person) -> float:
        """About 0 for a well 65-year-old, 1 or more for a very old, high-risk client with
        dementia or a stroke."""
        age = 0.0 if p.younger else min(1.0, max(0.0, (p.age - 65) / 30))
        tier = {"high": 0.35, "moderate": 0.15}.get(p.tier, 0.0)
        burden = sum(cat.FRAILTY.get(c.key, 0.0) for c in p.conditions)  # a list: fixed order
        return 0.5 * age + tier + burden + self.rng.gauss(0, 0.12)

    def _lawton_order(self, memory: bool, reason: str) -> list[str]:
        rank = {task: i + self.rng.gauss(0, 1.2) for i, task in enumerate(LAWTON_LOSS)}
        if memory:
            rank["medications"] -= 4
            rank["finances"] -= 3
        if "drives" in reason:
            rank["transportation"] += 6
        return sorted(LAWTON_LOSS, key=rank.__getitem__)

    def _fall_facts(self, p: _Person, keys: set[str], frail: float, reason: str) -> list[str]:
        """The STEADI answers: a fall in the risk reason or a stay means a fall this year."""
        rng = self.rng
        stays = " ".join(stay[4] for stay in p.stays).lower()
        fell = "fall" in reason or "fall" in stays or rng.random() < 0.08 + 0.3 * frail
        unsteady = "walker" in reason or bool(keys & {"parkinsons", "stroke", "paraplegia"})
        unsteady = unsteady or rng.random() < 0.1 + 0.5 * frail
        worried = rng.random() < (0.7 if fell or unsteady else 0.08)
        return ["yes" if fact else "no" for fact in (fell, unsteady, worried)]

    def _mood(self, p: _Person, keys: set[str], reason: str) -> int:
        rng = self.rng
        if keys & {"mdd", "bipolar"}:
            level = rng.randint(3, 9) if "mdd" in p.remitted else rng.randint(8, 19)
        elif "depression" in reason:
            level = rng.randint(7, 15)
        else:
            level = round(rng.triangular(0, 7, 0))
            level += 1 if any(cat.GOAL_TAGS.get(key) == "pain" for key in keys) else 0
        if p.role == "suicidal_ideation":
            level = max(level, rng.randint(12, 17))
        return min(level, TOP["phq9"])

    def _anxiety(self, p: _Person, keys: set[str]) -> int:
        rng = self.rng
        if "gad" in keys:
            return rng.randint(2, 7) if "gad" in p.remitted else rng.randint(8, 16)
        if keys & {"mdd", "bipolar"}:
            return rng.randint(3, 11)
        return round(rng.triangular(0, 9, 1))

    def _social_needs(self, p: _Person, reason: str) -> list[str]:
        """Positive AHC HRSN domains: those the client was referred for or that the risk reason
        names, and a few more at random."""
        found = {need for need in HRSN_NEEDS if need in p.needs}
        if "food" in reason:
            found.add("food")
        if "no car" in reason and self.rng.random() < 0.7:
            found.add("transportation")
        if self.rng.random() < (0.1 if p.younger else 0.03):
            found.add(self.rng.choices(HRSN_NEEDS, HRSN_NEED_WEIGHTS)[0])
        return [need for need in HRSN_NEEDS if need in found]

    # Answers -------------------------------------------------------------------------------

    def _intake_answers(
        self, p: _Person, h: _Health, day: date, meds: list[dict]
    ) -> dict[str, dict]:
        """Every intake section, in the wizard's order and keyed as it keys them."""
        levels = h.levels
        answers = {
            "history": self._history_answers(p, day),
            "medications": self._medication_answers(meds),
            "katz_adl": self._instrument("katz_adl", levels["katz_adl"], h),
            "lawton_iadl": self._instrument("lawton_iadl", levels["lawton_iadl"], h),
            "steadi": self._instrument("steadi", levels["steadi"], h),
            **self._mood_answers(h),
            "ahc_hrsn": self._instrument("ahc_hrsn", levels["ahc_hrsn"], h),
        }
        answers["home"] = self._home_answers(p, h, answers["ahc_hrsn"]["2"])
        answers["caregiver"] = self._caregiver_answers(p, h)
        answers["goals"] = self._goal_answers(p, h)
        return answers

    def _instrument(
        self, instrument_id: str, level: int, h: _Health, flagged: bool = False
    ) -> dict[str, Any]:
        """One instrument's answers at `level`, asked on its own (PHQ-9 in full)."""
        rng = self.rng
        if instrument_id == "phq9":
            items = _spread(rng, PHQ_ITEMS, level, PHQ_WEIGHTS)
            return {**items, "9": 1 if flagged else 0, **self._difficulty(level)}
        if instrument_id == "gad7":
            return _spread(rng, GAD_ITEMS, level)
        if instrument_id == "katz_adl":
            return {i.id: 0 if h.has("katz_adl", i.id, level) else 1 for i in KATZ_ITEMS}
        if instrument_id == "lawton_iadl":
            return {i.id: self._lawton_option(i, h.has("lawton_iadl", i.id, level))
                    for i in LAWTON_ITEMS}
        if instrument_id == "steadi":
            return {i: "yes" if h.has("steadi", i, level) else "no" for i in STEADI_IDS}
        if instrument_id == "ahc_hrsn":
            return _hrsn(rng, h.social[:level], harm=flagged)
        raise ValueError(f"instrument {instrument_id!r}: not drawn by the demo")

    def _lawton_option(self, item: Item, needs_help: bool) -> int:
        top = LAWTON_POINT_UP_TO[item.id]
        if needs_help:
            return self.rng.randint(top + 1, len(item.options))
        return 1 if top == 1 or self.rng.random() < 0.85 else self.rng.randint(2, top)

    def _mood_answers(self, h: _Health) -> dict[str, dict]:
        """PHQ-2, then the rest of the PHQ-9 only when the PHQ-2 is positive, then GAD-7."""
        items = _spread(self.rng, PHQ_ITEMS, h.levels["phq9"], PHQ_WEIGHTS)
        found = {"phq2": {k: items[k] for k in SHARED_WITH_PHQ2}}
        if sum(found["phq2"].values()) >= PHQ2_POSITIVE_AT:
            rest = {k: v for k, v in items.items() if k not in SHARED_WITH_PHQ2}
            found["phq9"] = {**rest, "9": 0, **self._difficulty(h.levels["phq9"])}
        found["gad7"] = _spread(self.rng, GAD_ITEMS, h.levels["gad7"])
        return found

    def _difficulty(self, total: int) -> dict[str, int]:
        """The optional PHQ-9 difficulty question, left out now and then."""
        if self.rng.random() < 0.15:
            return {}
        return {"difficulty": min(3, total // 7 + self.rng.randint(0, 1))}

    def _history_answers(self, p: _Person, day: date) -> dict[str, Any]:
        answers: dict[str, Any] = {"reviewed": True}
        recent = [s for s in p.stays if s[3] and day - timedelta(days=180) <= s[3] <= day]
        if recent:
            kind, facility, _admitted, left, reason = recent[-1]
            answers["changes"] = cat.STAY_CHANGE.format(
                kind=STAY_KINDS[kind], facility=facility, month=left.strftime("%B %Y"),
                reason=reason,
            )
        elif self.rng.random() < 0.5:
            answers["changes"] = self.rng.choice(cat.HISTORY_CHANGES)
        return answers

    def _medication_answers(self, meds: list[dict]) -> dict[str, Any]:
        """Taking / not taking / unsure for each medicine on the list; reconciled when the
        client takes them all as listed (most of the time)."""
        rng = self.rng
        answers: dict[str, Any] = {}
        trouble = None
        for med in meds:
            taking = rng.choices(TAKING, [TAKING_WEIGHTS[t] for t in TAKING])[0]
            answers[f"med_{med['id']}"] = taking
            if taking != "taking" and trouble is None:
                name = med["name"].split(" (")[0]
                phrase = rng.choice(cat.ADHERENCE_TROUBLE[taking])
                trouble = phrase.format(med=name[0].lower() + name[1:])
        if trouble is not None:
            answers["adherence"] = trouble
        elif rng.random() < 0.5:
            answers["adherence"] = rng.choice(cat.ADHERENCE_FINE)
        answers["reconciled"] = trouble is None and rng.random() < 0.9
        return answers

    def _home_answers(self, p: _Person, h: _Health, housing: list[str]) -> dict[str, Any]:
        rng = self.rng
        fell = h.has("steadi", "fallen_past_year")
        count = _clamp(round(rng.gauss(3 * h.frail + fell, 0.9)), 3)
        seen = set(rng.sample([c for c in HAZARDS if c != "no_smoke_detector"], count))
        if "no_smoke_detectors" in housing:
            seen.add("no_smoke_detector")
        supports = [
            cat.SUPPORTS[key] for key in self._supports(p, h)
            if key != "grab_bars" or "no_grab_bars" not in seen
        ]
        answers: dict[str, Any] = {"hazards": [c for c in HAZARDS if c in seen]}
        if supports:
            answers["supports"] = ", ".join(supports).capitalize()
        return answers

    def _supports(self, p: _Person, h: _Health) -> list[str]:
        rng, reason = self.rng, p.risk_reason.lower()
        keys = {c.key for c in p.conditions}
        unsteady = h.has("steadi", "unsteady")
        found = []
        if keys & {"paraplegia", "cp"}:
            found.append("wheelchair")
        elif "walker" in reason or (unsteady and h.frail > 0.3):
            found.append("walker")
        elif unsteady:
            found.append("cane")
        if h.has("katz_adl", "bathing") or (unsteady and rng.random() < 0.4):
            found.append("shower_chair")
        if h.has("katz_adl", "toileting") or h.has("katz_adl", "transferring"):
            found.append("toilet")
        if h.levels["katz_adl"] >= 4:
            found.append("bed")
        if "oxygen" in reason:
            found.append("oxygen")
        alone = "lives alone" in reason or not p.relatives
        if alone and not p.younger and rng.random() < 0.5:
            found.append("pendant")
        if rng.random() < 0.15:
            found.append("grab_bars")
        return found

    def _caregiver_answers(self, p: _Person, h: _Health) -> dict[str, Any]:
        """Who helps, from the personal contacts marked as caregivers."""
        rng, levels = self.rng, h.levels
        if not p.caregivers:
            if "nurse" in p.team and levels["katz_adl"]:
                return {"who": cat.HOME_AIDE, "hours": rng.randint(6, 12)}
            if p.relatives:
                _name, given, relation, _health = p.relatives[0]
                return {"who": cat.CHECKS_IN.format(who=f"{given} ({relation})"), "hours": 0}
            return {"who": cat.NO_CAREGIVER, "hours": 0}
        given, relation = p.caregivers[0]
        tasks = cat.CARE_TASKS_HEAVY if levels["katz_adl"] else cat.CARE_TASKS_LIGHT
        who = f"{given} ({relation}): {rng.choice(tasks)}"
        if len(p.caregivers) > 1:
            who += "; {} ({}) helps at weekends".format(*p.caregivers[1])
        hours = min(168, 3 + 2 * levels["lawton_iadl"] + 6 * levels["katz_adl"] + rng.randint(0, 6))
        strain = rng.choice(cat.STRAIN_HIGH if hours >= 20 else cat.STRAIN_LOW)
        return {"who": who, "hours": hours, "strain": strain}

    def _goal_answers(self, p: _Person, h: _Health) -> dict[str, Any]:
        rng = self.rng
        tags = {cat.GOAL_TAGS[c.key] for c in p.conditions if c.key in cat.GOAL_TAGS}
        if h.has("steadi", "fallen_past_year"):
            tags.add("falls")
        pool = [goal for tag in sorted(tags) for goal in cat.MATTERS_MOST[tag]]
        if not pool or rng.random() < 0.4:
            pool = [*cat.MATTERS_MOST[None], *cat.MATTERS_MOST["younger" if p.younger else "older"]]
        answers = {"matters_most": rng.choice(pool)}
        if rng.random() < 0.7:
            answers["change"] = rng.choice(cat.CHANGE_IN_THREE_MONTHS)
        if rng.random() < 0.6:
            times = cat.CONTACT_TIMES_WORKING if p.younger and rng.random() < 0.5 else (
                cat.CONTACT_TIMES
            )
            answers["contact_times"] = rng.choice(times)
        answers["contact_mode"] = self._contact_mode(p, h)
        return answers

    def _contact_mode(self, p: _Person, h: _Health) -> str:
        rng = self.rng
        if p.telehealth and rng.random() < 0.5:
            return "video"
        if p.younger and rng.random() < 0.3:
            return "message"
        if h.levels["katz_adl"] >= 2 and rng.random() < 0.3:
            return "home_visit"
        return "phone"

    # Re-assessments ------------------------------------------------------------------------

    def _reassessments(self, p: _Person, h: _Health, intake_day: date) -> None:
        """Focused re-assessments since the intake: the levels fall steadily, hold, or hold
        and then rise at the latest one. A safety role's latest one (in the past week) rises and
        raises its flag, with the care manager's note, after the client's last logged contact:
        the flag stays open until a contact with a note follows it."""
        flag = p.role if p.role in FLAG_FOCUS else None
        focus = self._focus(h, flag)
        if not focus:
            return
        days = self._follow_up_days(p, intake_day, flag is not None)
        trend = "worse" if flag else self.rng.choices(TRENDS, TREND_WEIGHTS)[0]
        levels = {i: h.levels[i] for i in focus}
        for number, day in enumerate(days, 1):
            raised = flag if number == len(days) else None
            answers = {}
            moving = trend if trend != "worse" or number == len(days) else "unchanged"
            for i in focus:
                levels[i] = self._next_level(i, levels[i], moving)
                answers[i] = self._instrument(
                    i, levels[i], h, flagged=raised is not None and i == FLAG_FOCUS[raised][0]
                )
            after = None
            if raised:
                answers["safety"] = {raised: self.rng.choice(cat.SAFETY_ACTIONS[raised])}
                after = self._last_contact(p)
            self._completed(p, "reassessment", focus, day, answers, after)

    def _focus(self, h: _Health, flag: str | None) -> list[str]:
        """The instruments re-assessed (the same each time), or none: a client with nothing
        much to follow has the yearly depression screen."""
        rng = self.rng
        if flag:
            return list(FLAG_FOCUS[flag])
        wanted = [i for i, least in FOLLOW_FROM.items() if h.levels[i] >= least]
        if rng.random() >= (P_REASSESS if wanted else P_REASSESS_WELL):
            return []
        if not wanted:
            return ["phq9"]
        chosen = {rng.choice(wanted)}
        if rng.random() < 0.35:
            chosen.add(rng.choice(wanted))
        return [i for i in FOLLOW_FROM if i in chosen]

    def _follow_up_days(self, p: _Person, start: date, flagged: bool) -> list[date]:
        """One to three weekdays spread over the time since the intake (until the client left);
        for a safety role the last is within the past week."""
        rng = self.rng
        end = self.today if p.status == "active" or p.status_on is None else p.status_on
        span = (end - start).days
        count = min(rng.choices((1, 2, 3), (45, 35, 20))[0], span // 30)
        days: list[date] = []
        for k in range(1, count + 1):
            offset = span * k // (count + 1) + rng.randint(-5, 5)
            day = self._settle(p, start + timedelta(days=offset))
            if (days[-1] if days else start) < day < end:
                days.append(day)
        if flagged:
            recent = self._settle(p, self.today - timedelta(days=rng.randint(1, 6)))
            last_contact = self._last_contact(p)
            if last_contact is not None:
                recent = max(recent, last_contact.astimezone().date())
            days = [day for day in days if day < recent] + [recent]
        return days

    def _last_contact(self, p: _Person) -> datetime | None:
        """The client's latest contact or attempt (each has a note)."""
        times = [row["occurred_at"] for row in self.rows[CONTACT] if row["client_id"] == p.id]
        return max(times, default=None)

    def _next_level(self, instrument_id: str, level: int, trend: str) -> int:
        low, high = STEP[instrument_id]
        delta = self.rng.randint(low, high)
        if trend == "unchanged":
            delta = self.rng.randint(-1, 1) if instrument_id in ("phq9", "gad7") else 0
        elif trend == "improved":
            delta = -delta
        return _clamp(level + delta, TOP[instrument_id])


def _condition_pools() -> dict[bool, tuple[list[cat.ConditionSpec], list[int]]]:
    """For younger (True) and older (False) clients: the conditions and cumulative weights."""
    pools = {}
    for younger in (False, True):
        specs = [c for c in cat.CONDITIONS if (c.younger if younger else c.older) > 0]
        total, cumulative = 0, []
        for spec in specs:
            total += spec.younger if younger else spec.older
            cumulative.append(total)
        pools[younger] = (specs, cumulative)
    return pools


def _coded(spec: cat.ConditionSpec, groups: set[str]) -> tuple[str, str]:
    """The name and code to record: ICD-10-CM presumes hypertension and diabetes cause CKD (and
    hypertension heart failure), so those pairs get the combination code."""
    if spec.key == "htn":
        for needs, code, name in cat.HYPERTENSIVE_COMBINATIONS:
            if needs <= groups:
                return name, code
    if spec.key == "dm" and "ckd" in groups:
        return cat.DIABETES_WITH_CKD
    return spec.name, spec.icd10


def _clamp(value: int, top: int) -> int:
    return min(top, max(0, value))


def _meds_on(p: _Person, day: date) -> list[dict]:
    """The client's medication rows current on `day`, by name (as the wizard lists them)."""
    current = [
        m for m in p.meds
        if m["started_on"] <= day and (m["stopped_on"] is None or m["stopped_on"] > day)
    ]
    return sorted(current, key=lambda m: m["name"])


def _mark_reconciled(meds: list[dict], day: date) -> None:
    for med in meds:
        if med["last_reconciled_on"] is None or med["last_reconciled_on"] < day:
            med["last_reconciled_on"] = day


def _spread(
    rng: random.Random, keys: tuple[str, ...], total: int, weights: tuple[str, ...] = ()
) -> dict[str, int]:
    """`total` points dealt at random to items scored 0-3 (a key listed twice in `weights`
    draws twice as often)."""
    values = dict.fromkeys(keys, 0)
    pool = list(weights or keys)
    for _ in range(min(total, 3 * len(keys))):
        key = rng.choice(pool)
        values[key] += 1
        if values[key] == 3:
            pool = [k for k in pool if k != key]
    return values


def _hrsn(rng: random.Random, domains: list[str], harm: bool) -> dict[str, Any]:
    """AHC HRSN answers positive in exactly `domains` (never the safety domain: items 7-10
    stay under 11); with `harm`, item 7 is "rarely", which raises physical_harm."""
    answers: dict[str, Any] = {
        "1": "steady", "2": [], "3": "never", "4": "never", "5": "no", "6": "no",
        "7": 1, "8": 1, "9": 1, "10": 1,
    }
    if "housing" in domains:
        if rng.random() < 0.6:
            answers["1"] = rng.choice(("worried", "worried", "none"))
        if answers["1"] == "steady" or rng.random() < 0.3:
            problems = set(rng.sample(HOUSING_PROBLEMS, rng.randint(1, 2)))
            answers["2"] = [code for code in HOUSING_PROBLEMS if code in problems]
    if "food" in domains:
        answers["3"] = rng.choice(("sometimes", "often"))
        answers["4"] = rng.choice(("never", "sometimes", "often"))
    if "transportation" in domains:
        answers["5"] = "yes"
    if "utilities" in domains:
        answers["6"] = "shut_off" if rng.random() < 0.15 else "yes"
    if harm:
        answers.update({"7": 2, "8": rng.randint(2, 3), "9": rng.randint(1, 2),
                        "10": rng.randint(2, 3)})
    elif rng.random() < 0.06:
        answers[rng.choice(("8", "10"))] = 2
    return answers


def _scores(answers: dict[str, dict], *, merge_phq2: bool) -> list[tuple[str, Score]]:
    """Each instrument's score from the stored answers, as the wizard scores them: in an intake
    the PHQ-9 takes its items "1" and "2" from the PHQ-2."""
    found = []
    for section, items in answers.items():
        if section in INSTRUMENTS:
            given = dict(items)
            if section == "phq9" and merge_phq2:
                given.update({k: answers["phq2"][k] for k in SHARED_WITH_PHQ2})
            found.append((section, score(section, given)))
    return found

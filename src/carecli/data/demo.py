"""The demo caseload: `build_demo` fills a database with made-up but realistic clients.

Each client gets demographics, chronic conditions with ICD-10-CM codes, medicines, a care team,
family contacts, consents, three to four months of contacts at their risk tier's cadence, check-ins,
hospital stays and referrals; a few are on hold or discharged, a few are overdue, two or three were
just discharged from hospital and two or three cannot be reached. Assessments and care plans are
left empty (add a step to `_Builder.client`).

The same seed and `today` give the same data. Contacts happen at local wall-clock times on weekdays,
so the UTC instants stored follow the computer's time zone, and the one audit row records the real
time of the build. The fixed tables it draws from live in `demo_catalogue.py`.

Speed: rows go in as SQLAlchemy Core inserts of plain dicts with ids we assign ourselves (no ORM
objects, no round trips), 1,000 clients at a time, all in one transaction. Core inserts on the
tables are twice as fast as ORM bulk inserts; 10,000 clients take about 6 s on two cores.
"""

import random
import re
import time as clock
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from faker import Faker
from sqlalchemy import Table, delete, func, insert, select, text
from sqlmodel import SQLModel

from carecli.clinical.cadence import DEFAULT_CADENCE_DAYS
from carecli.data import demo_catalogue as cat
from carecli.data.db import Database
from carecli.data.errors import CareDataError
from carecli.data.models import (
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

CLIENT, CONSENT, CONDITION, MEDICATION = (
    m.__table__ for m in (Client, Consent, Condition, Medication)
)
TEAM, PERSONAL, STATUS, CONTACT = (
    m.__table__ for m in (CareTeamMember, PersonalContact, StatusChange, ContactLog)
)
CHECK_IN, STAY, RESOURCE, REFERRAL, AUDIT = (
    m.__table__ for m in (CheckIn, HospitalStay, CommunityResource, Referral, AuditLog)
)
INSERT_ORDER: tuple[Table, ...] = (
    RESOURCE, CLIENT, CONSENT, CONDITION, MEDICATION, TEAM, PERSONAL, STATUS, CONTACT, CHECK_IN,
    STAY, REFERRAL, AUDIT,
)
"""Parents before children, so every foreign key is satisfied as rows go in."""

LOCALES = ("en_US", "es_MX", "vi_VN")
LOCALE_WEIGHTS = (80, 17, 3)
LOCAL_LANGUAGE = {"es_MX": ("Spanish", 0.55), "vi_VN": ("Vietnamese", 0.7)}
"""Locale -> (language, share of those clients who speak it rather than English)."""

ONE_DAY = timedelta(days=1)
_MBI_LETTERS = "ACDEFGHJKMNPQRTUVWXY"
_MBI_DIGITS = "0123456789"


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

    def clear_of_stays(self, day: date) -> date:
        """`day`, or the last weekday before a hospital stay that covers it."""
        for start, end in self.blocked:
            if start <= day <= end:
                day = _weekday_on_or_before(start - ONE_DAY)
        return day


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
        if role in ("recent_discharge", "admitted", "unreachable") or draw >= 0.12:
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
            return f"Discharged {p.discharged_on.isoformat()}: {p.stay_reason}. Lives alone"
        if p.admitted_on is not None:
            return f"In hospital since {p.admitted_on.isoformat()}; 2 admissions this year"
        return self.rng.choice(cat.RISK_REASONS[p.tier])

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
        p.consented = rng.random() >= P_NO_CONSENT
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

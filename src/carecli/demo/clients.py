"""The demo's clients themselves: who each one is (`_Clients.person`: locale, age, sex, name, risk
tier, cadence, enrolment and status), their `client` row and any change of status."""

import random
from datetime import date, timedelta

from faker import Faker

from carecli.clinical.cadence import DEFAULT_CADENCE_DAYS
from carecli.demo import catalogue as cat
from carecli.demo.people import (
    ASSESSED_ROLES,
    _ascii,
    _at,
    _mbi,
    _Person,
    _phone,
    _weekday_on_or_before,
)
from carecli.demo.rows import CLIENT, STATUS, _Rows

LOCALES = ("en_US", "es_MX", "vi_VN")
LOCALE_WEIGHTS = (80, 17, 3)
LOCAL_LANGUAGE = {"es_MX": ("Spanish", 0.55), "vi_VN": ("Vietnamese", 0.7)}
"""Locale -> (language, share of those clients who speak it rather than English)."""


class _Clients:
    """Draws each client's `_Person` and writes their client and status-change rows."""

    def __init__(
        self, *, rng: random.Random, fakers: dict[str, Faker], today: date, rows: _Rows,
        roles: dict[int, str],
    ) -> None:
        self.rng = rng
        self.fakers = fakers
        self.today = today
        self.rows = rows
        self.roles = roles

    def person(self, index: int) -> _Person:
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
            id=self.rows.new_id(CLIENT), role=role, locale=locale, sex=sex, age=age,
            younger=younger, given=given, family=fake.last_name(), tier=tier,
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

    def client_row(self, p: _Person) -> None:
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
        self.rows.add(
            CLIENT, p.id, given_name=p.given, family_name=p.family,
            preferred_name=cat.NICKNAMES.get(p.given) if rng.random() < 0.5 else None,
            date_of_birth=date(self.today.year - p.age, 1, 1) + timedelta(days=rng.randint(0, 364)),
            sex=p.sex, pronouns=pronouns, language=language, interpreter_needed=interpreter,
            phone=_phone(self.rng, fake), email=email,
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

    def status_change(self, p: _Person) -> None:
        if p.status == "active" or p.status_on is None:
            return
        p.touched_at = _at(p.status_on, self.rng.randint(540, 960))
        self.rows.add(
            STATUS, client_id=p.id, changed_at=p.touched_at, effective_on=p.status_on,
            from_status="active",
            to_status=p.status, reason=p.status_reason,
        )

"""The demo's record entries for each client: chronic conditions with ICD-10-CM codes, the care
team (from a pool of made-up clinicians), medicines, family and friends, consents, and referrals
to the community resources."""

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from faker import Faker

from carecli.demo import catalogue as cat
from carecli.demo.people import (
    ASSESSED_ROLES,
    ONE_DAY,
    _ascii,
    _Person,
    _phone,
    _weekday_on_or_after,
    _weekday_on_or_before,
)
from carecli.demo.rows import (
    CONDITION,
    CONSENT,
    MEDICATION,
    PERSONAL,
    REFERRAL,
    REFERRAL_EVENT,
    RESOURCE,
    TEAM,
    _Rows,
)
from carecli.domain.referrals import FOLLOW_UP_DAYS, outcome_words

P_NO_CONSENT = 0.05
P_MORE_REFERRALS = 0.12
"""Of the clients the main stream does not refer, those referred from their own stream."""

_SENT = ("draft", "requested")
_WORKED = (*_SENT, "accepted", "in-progress")
REFERRAL_PATHS = {
    "draft": ("draft",), "requested": _SENT, "accepted": _WORKED[:3], "in-progress": _WORKED,
    "on-hold": (*_WORKED, "on-hold"), "completed": (*_WORKED, "completed"),
    "failed": (*_WORKED, "failed"), "rejected": (*_SENT, "rejected"),
    "cancelled": (*_SENT, "cancelled"),
}
"""Each status a demo referral ends at, and the changes that led there."""
REFERRAL_STAGES = {"draft": 5, "requested": 30, "accepted": 20, "completed": 25, "rejected": 10,
                   "cancelled": 10}
"""How far along a referral is, roughly (drawn from the main stream), and how often."""
REFERRAL_ENDS = {
    "draft": (("draft", 1),), "requested": (("requested", 1),),
    "accepted": (("accepted", 5), ("in-progress", 3), ("on-hold", 2)),
    "completed": (("completed", 4), ("failed", 1)),
    "rejected": (("rejected", 1),), "cancelled": (("cancelled", 1),),
}
"""The status each stage ends at, and how often (drawn from the client's own stream)."""
REFERRAL_OUTCOMES = {
    "completed": ("got_help",), "failed": ("could_not_contact", "no_longer_interested"),
    "rejected": ("not_eligible", "no_capacity"), "cancelled": ("no_longer_interested", "other"),
}
OUTCOME_NOTES = {
    "got_help": "Client confirmed the help started.",
    "not_eligible": "Income above the program limit.",
    "no_capacity": "Waiting list; referred again next quarter.",
    "could_not_contact": "Three calls and a letter unanswered.",
    "no_longer_interested": "Client said family now helps with this.",
}


@dataclass(frozen=True)
class _TeamMember:
    name: str
    role: str
    organisation: str
    phone: str
    fax: str | None
    email: str | None


class _Records:
    """Writes a client's record entries; the care-team pool is drawn once, when it is made."""

    def __init__(
        self, *, rng: random.Random, fakers: dict[str, Faker], today: date, rows: _Rows,
        seed: int
    ) -> None:
        self.rng = rng
        self.seed = seed
        self.fakers = fakers
        self.today = today
        self.rows = rows
        self.pools = _condition_pools()
        self.team_pool = self._team_pool()
        self.resource_ids: dict[str, list[tuple[int, str]]] = defaultdict(list)

    def resources(self) -> None:
        """The community resource directory (before the first client); referrals go to the
        active ones that are not crisis lines."""
        for spec in cat.RESOURCES:
            row_id = self.rows.add(RESOURCE, **{"status": "active", **spec})  # every row has it
            if spec.get("status", "active") == "active" and spec["name"] not in cat.CRISIS_LINES:
                self.resource_ids[spec["category"]].append((row_id, spec["name"]))

    def conditions(self, p: _Person) -> None:
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
            p.condition_ids.append(self.rows.new_id(CONDITION))
            self.rows.add(
                CONDITION, p.condition_ids[-1], client_id=p.id, name=name, icd10_code=code,
                chronic=True,
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
                        f"{first} {last}, {title}", role, org, _phone(self.rng, fake),
                        _phone(self.rng, fake) if rng.random() < 0.6 else None, email,
                    )
                )
        return pool

    def care_team(self, p: _Person) -> None:
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
            self.rows.add(
                TEAM, client_id=p.id, name=member.name, role=member.role,
                organisation=member.organisation, phone=member.phone, fax=member.fax,
                email=member.email, is_primary=key == "pcp",
            )

    def medications(self, p: _Person) -> None:
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
            self.rows.add(
                MEDICATION, client_id=p.id, name=med.name, dose=med.dose, route=med.route,
                frequency=med.frequency, prescriber=prescriber, started_on=started,
                stopped_on=stopped,
                last_reconciled_on=reconciled if reconciled and reconciled >= started else None,
                note=note if stopped else ("Over the counter." if prescriber is None else None),
            )
            p.meds.append(self.rows.tables[MEDICATION][-1])

    def personal_contacts(self, p: _Person) -> None:
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
            self.rows.add(
                PERSONAL, client_id=p.id, name=name, relation=relation,
                phone=_phone(self.rng, fake), email=None if rng.random() < 0.8 else (
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

    def consents(self, p: _Person) -> None:
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
        self.rows.add(
            CONSENT, client_id=p.id, kind=kind, given_on=given,
            method="verbal" if verbal else "written",
            witnessed_by=self.rng.choice(cat.WITNESSES) if verbal else None,
            revoked_on=revoked, note=note,
        )

    def referrals(self, p: _Person) -> None:
        """A referral or two for about one client in five: any status, each change dated (the
        history), an outcome for the closed ones; an open one is followed up a week after its
        latest change, so those gone quiet since are in today's queue. The referrals of one
        client in eleven are drawn from the main stream as they always were (their needs show
        in the client's social needs screen), the rest, and every detail the main stream
        never drew, from a stream of the client's own (as the care plans are), so the rest of
        the caseload stays as it was."""
        own = random.Random(f"referrals:{self.seed}:{p.id}:{self.today.isoformat()}")
        if self.rng.random() >= 0.09:
            if own.random() < P_MORE_REFERRALS:
                self._referral(p, own, own)
            return
        for _ in range(1 if self.rng.random() < 0.8 else 2):
            self._referral(p, self.rng, own)

    def _referral(self, p: _Person, rng: random.Random, own: random.Random) -> None:
        category = rng.choice(tuple(cat.REFERRAL_REASONS))
        if rng is self.rng:
            p.needs.add(category)
        resource_id, name = rng.choice(self.resource_ids[category])
        stage = rng.choices(tuple(REFERRAL_STAGES), tuple(REFERRAL_STAGES.values()))[0]
        statuses, weights = zip(*REFERRAL_ENDS[stage], strict=True)
        status = own.choices(statuses, weights)[0]
        closed = status in REFERRAL_OUTCOMES
        ago = rng.randint(30, 120) if closed else rng.randint(1, 25)
        made = max(p.enrolled_on, _weekday_on_or_before(self.today - timedelta(days=ago)))
        path = REFERRAL_PATHS[status]
        days = [made] * min(2, len(path))  # made, and sent the same day
        if len(path) > 2:
            latest = min(self.today, made + timedelta(days=rng.randint(1, 20)))
            between = sorted(own.randint(0, (latest - made).days) for _ in range(len(path) - 3))
            days += [made + timedelta(days=d) for d in between] + [latest]
        outcome = own.choice(REFERRAL_OUTCOMES[status]) if closed else None
        referral_id = self.rows.add(
            REFERRAL, client_id=p.id, resource_id=resource_id, to_whom=name,
            need=category,
            reason=cat.REFERRAL_REASONS[category], status=status, made_on=made,
            last_update_on=days[-1],
            follow_up_on=None if closed else days[-1] + timedelta(days=FOLLOW_UP_DAYS),
            outcome=outcome, outcome_note=OUTCOME_NOTES.get(outcome),
        )
        for on, before, after in zip(days, (None, *path[:-1]), path, strict=True):
            note = None
            if after == status and outcome is not None:
                note = " ".join(filter(None, (f"Outcome: {outcome_words(outcome)}.",
                                              OUTCOME_NOTES.get(outcome))))
            self.rows.add(REFERRAL_EVENT, referral_id=referral_id, client_id=p.id,
                          changed_on=on, from_status=before, to_status=after, note=note,
                          created_at=datetime.combine(on, time(17), tzinfo=UTC))


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
